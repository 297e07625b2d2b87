import pytest
import yaml

from bot.nlu.language_identifier import LanguageIdentifier
from bot.nlu.tokenizer import MultilingualTokenizer
from bot.servers import PROJECT_ROOT


@pytest.fixture(scope="session")
def pipeline_config() -> dict:
    """The components' settings as written in config.yml, keyed by component name."""
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())
    return {item["name"].rsplit(".", 1)[-1]: item for item in config["pipeline"]}


@pytest.fixture(scope="session")
def language_identifier(pipeline_config) -> LanguageIdentifier:
    settings = {k: v for k, v in pipeline_config["LanguageIdentifier"].items() if k != "name"}
    return LanguageIdentifier({**LanguageIdentifier.get_default_config(), **settings})


@pytest.fixture(scope="session")
def tokenizer() -> MultilingualTokenizer:
    return MultilingualTokenizer(MultilingualTokenizer.get_default_config())
