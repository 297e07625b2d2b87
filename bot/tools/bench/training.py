"""Train a configuration from nothing, timed, or reuse the model it gave for the same inputs."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

from bot.paths import PROJECT_ROOT
from bot.tools.servers import python_path, rasa_executable
from bot.tools.training_inputs import SHARED_INPUTS, files_under

MODELS_DIR = PROJECT_ROOT / "models" / "bench"
# The libraries that train a model (what it is trained from: bot/tools/training_inputs.py).
TRAINING_LIBRARIES = ("rasa", "tensorflow", "scikit-learn", "spacy")


@dataclass(frozen=True)
class Configuration:
    """A config.yml and the code it loads besides Rasa's (custom components, policies, importers)."""

    name: str
    config: Path
    code: tuple[Path, ...] = ()


@dataclass
class TrainedModel:
    path: Path
    training_seconds: float
    size_bytes: int
    trained_at: str


def fingerprint(configuration: Configuration) -> str:
    """A hash of what the model is a function of: the configuration's settings (comments left out),
    the files of its code, the domain, the data and the versions of the training libraries."""
    digest = hashlib.sha256(
        " ".join(importlib.metadata.version(name) for name in TRAINING_LIBRARIES).encode()
    )
    settings = yaml.safe_load(configuration.config.read_text(encoding="utf-8"))
    digest.update(json.dumps(settings, sort_keys=True).encode())
    for root in [*SHARED_INPUTS, *configuration.code]:
        for path in files_under(root):
            digest.update(str(path.relative_to(root.parent)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def train(configuration: Configuration, model: Path, log: Path) -> float:
    """`rasa train` with an empty cache, so that every component is trained; returns the seconds."""
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache, log.open("a") as log_file:
        command = [
            rasa_executable(),
            "train",
            "--config",
            str(configuration.config),
            "--domain",
            "domain.yml",
            "--data",
            "data",
            "--out",
            str(model.parent),
            "--fixed-model-name",
            model.name.removesuffix(".tar.gz"),
            "--skip-validation",
        ]
        environment = {**os.environ, "PYTHONPATH": python_path(), "RASA_CACHE_DIRECTORY": cache}
        start = time.perf_counter()
        subprocess.run(
            command, cwd=PROJECT_ROOT, env=environment, check=True, stdout=log_file, stderr=log_file
        )
        return time.perf_counter() - start


def trained_model(configuration: Configuration, log: Path, models_dir: Path = MODELS_DIR) -> TrainedModel:
    """The model of `configuration` for the current inputs, trained now if there is none yet; the
    training time is the one measured when it was trained, kept next to it."""
    model = models_dir / f"{configuration.name}-{fingerprint(configuration)}.tar.gz"
    record = model.with_suffix("").with_suffix(".json")
    if not (model.exists() and record.exists()):
        print(
            f"Training {configuration.name} ({configuration.config.name}) from nothing; log: {log}",
            flush=True,
        )
        seconds = train(configuration, model, log)
        trained_at = datetime.now(timezone.utc).isoformat(timespec="minutes")
        record.write_text(json.dumps({"training_seconds": round(seconds, 1), "trained_at": trained_at}))
    else:
        print(f"Reusing {model.relative_to(PROJECT_ROOT)}, trained for the same inputs.", flush=True)
    measured = json.loads(record.read_text())
    return TrainedModel(model, measured["training_seconds"], model.stat().st_size, measured["trained_at"])
