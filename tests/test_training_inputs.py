"""The model's inputs, listed once: `make` retrains when one changes; the benchmark hashes the same."""

from pathlib import Path

from bot.paths import PROJECT_ROOT
from bot.tools.training_inputs import CONFIG, OUR_CODE, SHARED_INPUTS, files_under, make_prerequisites


def test_the_makefile_takes_its_training_inputs_from_the_module():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "TRAINING_INPUTS := $(shell python3 -m bot.tools.training_inputs)" in makefile


def test_every_file_the_model_depends_on_is_a_prerequisite_of_make_train():
    prerequisites = {PROJECT_ROOT / path for path in make_prerequisites()}
    inputs = [path for root in (CONFIG, *SHARED_INPUTS, *OUR_CODE) for path in files_under(root)]
    assert {PROJECT_ROOT / "bot" / "importer.py", PROJECT_ROOT / "domain.yml"} <= set(inputs)
    assert [path for path in inputs if path not in prerequisites] == []


def test_folders_are_prerequisites_too_and_bytecode_is_not(tmp_path: Path):
    (tmp_path / "data" / "__pycache__").mkdir(parents=True)
    (tmp_path / "data" / "__pycache__" / "x.cpython-310.pyc").write_bytes(b"")
    (tmp_path / "data" / "nlu.yml").write_text("version: '3.1'\n")
    assert files_under(tmp_path / "data") == [tmp_path / "data" / "nlu.yml"]
    prerequisites = make_prerequisites()
    assert "data" in prerequisites and "data/nlu" in prerequisites
    assert not any("__pycache__" in path for path in prerequisites)
