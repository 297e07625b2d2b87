from pathlib import Path

import pytest

from bot.tools.bench.training import Configuration, fingerprint

CONFIG = "# a comment\nrecipe: default.v1\nlanguage: fr\npipeline:\n- name: WhitespaceTokenizer\n"


@pytest.fixture
def configuration(tmp_path: Path) -> Configuration:
    (tmp_path / "config.yml").write_text(CONFIG)
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "component.py").write_text("VALUE = 1\n")
    return Configuration("test", tmp_path / "config.yml", code=(tmp_path / "code",))


def test_comments_in_the_config_do_not_change_the_fingerprint(configuration):
    before = fingerprint(configuration)
    configuration.config.write_text("# another comment\n" + CONFIG)
    assert fingerprint(configuration) == before


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c.config.write_text(CONFIG.replace("language: fr", "language: en")),
        lambda c: (c.code[0] / "component.py").write_text("VALUE = 2\n"),
        lambda c: (c.code[0] / "other.py").write_text(""),
    ],
    ids=["a setting", "the code", "a new file"],
)
def test_a_change_the_model_depends_on_changes_the_fingerprint(configuration, change):
    before = fingerprint(configuration)
    change(configuration)
    assert fingerprint(configuration) != before
