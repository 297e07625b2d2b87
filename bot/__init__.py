"""The BPI assistant's own Python package: NLU components, rules, channels."""
