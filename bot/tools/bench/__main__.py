"""`make bench`: understanding, speed and cost of this project and of Rasa's defaults, in one run.

Writes docs/benchmarks.md and docs/benchmarks.json, and prints PASS or FAIL for each budget.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.log_utils import configure_structlog

from bot.language import SUPPORTED_LANGUAGES
from bot.paths import PROJECT_ROOT
from bot.responses import load_responses
from bot.tools.bench.budgets import budgets
from bot.tools.bench.language_id import language_identification
from bot.tools.bench.report import figures, markdown, ratios
from bot.tools.bench.speed import measure_speed
from bot.tools.bench.training import Configuration, TrainedModel, trained_model
from bot.tools.evaluate import LanguageReport, ResponsePatterns, language_of, response_patterns
from bot.tools.training_inputs import CONFIG, OUR_CODE

OURS = Configuration("bpi", CONFIG, code=OUR_CODE)
DEFAULTS = Configuration("rasa-defaults", PROJECT_ROOT / "bot" / "tools" / "bench" / "rasa_defaults.yml")
REPORT_PATH = PROJECT_ROOT / "docs" / "benchmarks.md"
JSON_PATH = PROJECT_ROOT / "docs" / "benchmarks.json"
SERVER_LOG = PROJECT_ROOT / "results" / "bench-servers.log"
TRAINING_LOG = PROJECT_ROOT / "results" / "bench-training.log"


def evaluated(model: Path) -> list[LanguageReport]:
    """`make eval`'s figures for `model`, computed in a process of their own: the model it loads
    would otherwise stay in this one, which also drives the simulated users."""
    with tempfile.TemporaryDirectory(prefix="bench-eval-") as folder:
        results = Path(folder) / "eval.json"
        command = [
            sys.executable,
            "-m",
            "bot.tools.evaluate",
            "--model",
            str(model),
            "--results",
            str(results),
        ]
        subprocess.run([*command, "--no-gates"], check=True, stdout=subprocess.DEVNULL)
        return [LanguageReport(**report) for report in json.loads(results.read_text())["languages"]]


def measure(model: TrainedModel, patterns: ResponsePatterns) -> dict[str, float]:
    """Every figure of one configuration: understanding on the held-out set, then speed under load."""
    print(f"Understanding of {model.path.name} on the held-out set...", flush=True)
    understanding = evaluated(model.path)
    print(f"Speed of {model.path.name}...", flush=True)
    speed = measure_speed(
        model.path, SUPPORTED_LANGUAGES, lambda text: language_of(text, patterns), SERVER_LOG
    )
    return figures(model, understanding, speed)


def main() -> int:
    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    SERVER_LOG.parent.mkdir(exist_ok=True)
    for log in (SERVER_LOG, TRAINING_LOG):
        log.write_text("")
    models = {
        configuration.name: trained_model(configuration, TRAINING_LOG) for configuration in (OURS, DEFAULTS)
    }
    patterns = response_patterns(load_responses())
    ours, defaults = (measure(models[configuration.name], patterns) for configuration in (OURS, DEFAULTS))
    identification = language_identification(SUPPORTED_LANGUAGES)
    checked = budgets(ours, defaults)

    header = {"date": date.today().isoformat(), "cores": str(os.cpu_count()), "machine": platform.machine()}
    REPORT_PATH.write_text(markdown(header, ours, defaults, identification, checked), encoding="utf-8")
    JSON_PATH.write_text(
        json.dumps(
            {
                **header,
                "this_project": ours,
                "rasa_defaults": defaults,
                "ratios": ratios(ours, defaults),
                "language_identification": identification,
                "budgets": [budget.as_dict() for budget in checked],
            },
            indent=2,
        )
        + "\n"
    )
    for budget in checked:
        result = "PASS" if budget.passed else "FAIL"
        print(f"{result}  {budget.name}: {budget.measured} (limit {round(budget.limit, 3)})")
    print(f"Report: {REPORT_PATH.relative_to(PROJECT_ROOT)}, {JSON_PATH.relative_to(PROJECT_ROOT)}")
    return 0 if all(budget.passed for budget in checked) else 1


if __name__ == "__main__":
    sys.exit(main())
