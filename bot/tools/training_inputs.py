"""What our model is trained from, besides the training libraries: listed once, for `make` and the benchmark.

`python3 -m bot.tools.training_inputs` prints them for the Makefile: every file, and every folder (a
training file deleted changes its folder's date).
"""

from pathlib import Path

from bot.paths import DOMAIN_FILE, PROJECT_ROOT

# What every configuration is trained from: the domain and the training data.
SHARED_INPUTS = (DOMAIN_FILE, PROJECT_ROOT / "data")
CONFIG = PROJECT_ROOT / "config.yml"
# The code config.yml loads besides Rasa's: custom components, policies, the importer.
OUR_CODE = tuple(PROJECT_ROOT / "bot" / name for name in ("nlu", "policies", "importer.py"))


def files_under(root: Path) -> list[Path]:
    """`root` if it is a file, else the files under it; compiled bytecode left out."""
    if root.is_file():
        return [root]
    return sorted(path for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts)


def folders_under(root: Path) -> list[Path]:
    if root.is_file():
        return []
    return [root, *sorted(path for path in root.rglob("*") if path.is_dir() and path.name != "__pycache__")]


def make_prerequisites() -> list[str]:
    roots = (CONFIG, *SHARED_INPUTS, *OUR_CODE)
    paths = [path for root in roots for path in (*folders_under(root), *files_under(root))]
    return [str(path.relative_to(PROJECT_ROOT)) for path in paths]


if __name__ == "__main__":
    print(" ".join(make_prerequisites()))
