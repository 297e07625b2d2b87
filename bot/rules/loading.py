"""Reads a rules data file and validates it, naming the file, the field and the problem."""

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

DATA_DIR = Path(__file__).parent / "data"

Model = TypeVar("Model", bound=BaseModel)


class RulesDataError(Exception):
    """A rules data file is missing, is not YAML, or does not have the expected content."""


class StrictModel(BaseModel):
    """A frozen model that refuses unknown fields, so a misspelt setting is an error."""

    class Config:
        extra = "forbid"
        frozen = True


def load_model(path: Path, model: type[Model]) -> Model:
    """The file's content as `model`, or RulesDataError saying what is wrong and where."""
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RulesDataError(f"{path}: cannot be read as YAML: {error}") from error
    try:
        return model.parse_obj(content)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']) or '(top level)'}: {problem['msg']}"
            for problem in error.errors()
        )
        raise RulesDataError(f"{path}: {problems}") from error
