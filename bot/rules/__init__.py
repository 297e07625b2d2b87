"""Business rules: landlord-guarantee eligibility, contact routing and the service directory.

Pure Python over the YAML files in `data/`, with no Rasa import: actions translate to and from it.
"""
