"""The budgets of docs/performance.md ("make bench"), checked against one run's figures."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass

# Intent accuracy required on the held-out set, per language.
MIN_INTENT_ACCURACY = {"fr": 0.95, "en": 0.95, "ar": 0.92}
MAX_TURN_TO_PARSE = 2
MIN_THROUGHPUT_RATIO = 3
MAX_P95_MS_AT_10_USERS = 300
MAX_TRAINING_SECONDS = 300
MAX_RASA_MEMORY_MB = 1500


@dataclass(frozen=True)
class Budget:
    name: str
    measured: float
    limit: float
    within: Callable[[float, float], bool]

    @property
    def passed(self) -> bool:
        return bool(self.within(self.measured, self.limit))

    def as_dict(self) -> dict:
        return {"name": self.name, "measured": self.measured, "limit": self.limit, "passed": self.passed}


def budgets(ours: dict, defaults: dict) -> list[Budget]:
    """`ours` and `defaults` are the figures of `figures()` for each configuration."""
    checks = [
        Budget(
            "whole-turn p50 (ms) at most 2 × the NLU parse time",
            ours["turn_ms"],
            MAX_TURN_TO_PARSE * ours["parse_ms"],
            operator.le,
        ),
        Budget(
            "throughput at 10 users (messages/s) at least 3 × the defaults'",
            ours["throughput_10"],
            MIN_THROUGHPUT_RATIO * defaults["throughput_10"],
            operator.ge,
        ),
        Budget("p95 at 10 users (ms) under 300", ours["p95_ms_10"], MAX_P95_MS_AT_10_USERS, operator.lt),
        Budget("training (s) under 5 minutes", ours["training_seconds"], MAX_TRAINING_SECONDS, operator.lt),
        Budget(
            "Rasa server memory (MB) under 1.5 GB", ours["rasa_memory_mb"], MAX_RASA_MEMORY_MB, operator.lt
        ),
    ]
    for language, minimum in MIN_INTENT_ACCURACY.items():
        accuracy = ours[f"intent_accuracy_{language}"]
        checks.append(
            Budget(f"intent accuracy, {language}, at least {minimum}", accuracy, minimum, operator.ge)
        )
        checks.append(
            Budget(
                f"intent accuracy, {language}, not below the defaults'",
                accuracy,
                defaults[f"intent_accuracy_{language}"],
                operator.ge,
            )
        )
    return checks
