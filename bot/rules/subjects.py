"""What a conversation can be about: each subject's FAQ answers and the service whose card it has."""

from pathlib import Path

from pydantic import constr

from bot.rules.loading import DATA_DIR, StrictModel, load_model

SUBJECTS_FILE = DATA_DIR / "subjects.yml"


class Subject(StrictModel):
    faq: list[constr(min_length=1)]
    service: str | None = None


class Subjects(StrictModel):
    subjects: dict[str, Subject]


def load_subjects(path: Path = SUBJECTS_FILE) -> Subjects:
    return load_model(path, Subjects)
