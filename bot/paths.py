"""Where the project's files are, and the one address every process listens on unless told otherwise."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = PROJECT_ROOT / "models" / "bpi.tar.gz"
HOST = "127.0.0.1"
