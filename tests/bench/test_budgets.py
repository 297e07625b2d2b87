import pytest

from bot.tools.bench.budgets import budgets

OURS = {
    "turn_ms": 20.0,
    "parse_ms": 12.0,
    "throughput_10": 60.0,
    "p95_ms_10": 250.0,
    "training_seconds": 240.0,
    "rasa_memory_mb": 900.0,
    "intent_accuracy_fr": 0.96,
    "intent_accuracy_en": 0.95,
    "intent_accuracy_ar": 0.93,
}
DEFAULTS = {
    **OURS,
    "throughput_10": 20.0,
    "intent_accuracy_fr": 0.9,
    "intent_accuracy_en": 0.9,
    "intent_accuracy_ar": 0.9,
}


def failed(ours: dict, defaults: dict = DEFAULTS) -> list[str]:
    return [budget.name for budget in budgets(ours, defaults) if not budget.passed]


def test_figures_within_every_budget_pass_all_eleven():
    assert len(budgets(OURS, DEFAULTS)) == 11
    assert failed(OURS) == []


@pytest.mark.parametrize(
    "changes, failing",
    [
        ({"turn_ms": 24.1}, "whole-turn p50"),
        ({"throughput_10": 59.9}, "throughput at 10 users"),
        ({"p95_ms_10": 300.0}, "p95 at 10 users"),
        ({"training_seconds": 300.0}, "training"),
        ({"rasa_memory_mb": 1500.0}, "Rasa server memory"),
        ({"intent_accuracy_fr": 0.949}, "intent accuracy, fr, at least 0.95"),
        ({"intent_accuracy_ar": 0.919}, "intent accuracy, ar, at least 0.92"),
    ],
)
def test_each_figure_over_its_budget_fails_that_budget_only(changes, failing):
    [name] = failed({**OURS, **changes})
    assert name.startswith(failing)


def test_an_accuracy_below_the_defaults_fails_even_above_the_minimum():
    assert failed(OURS, {**DEFAULTS, "intent_accuracy_en": 0.97}) == [
        "intent accuracy, en, not below the defaults'"
    ]


def test_a_turn_of_exactly_twice_the_parse_time_passes():
    assert failed({**OURS, "turn_ms": 24.0}) == []
