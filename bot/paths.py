"""Where the project's files are, and the one address every process listens on unless told otherwise."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = PROJECT_ROOT / "models" / "bpi.tar.gz"
# Intents, entities, slots, forms and actions; the responses are in data/responses/ (bot/responses.py).
DOMAIN_FILE = PROJECT_ROOT / "domain.yml"
HOST = "127.0.0.1"
