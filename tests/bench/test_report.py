from bot.tools.bench.budgets import budgets
from bot.tools.bench.report import markdown, ratios
from tests.bench.test_budgets import DEFAULTS, OURS

HEADER = {"date": "2026-11-24", "cores": "2", "machine": "x86_64"}
IDENTIFICATION = {"fr": {"short_messages": 0.9, "short_message_count": 10, "held_out": 0.97}}


def test_ratios_divide_ours_by_the_defaults_and_leave_out_a_zero():
    assert ratios({"a": 30.0, "b": 1.0, "c": 0.5}, {"a": 10.0, "b": 0, "c": 2.0}) == {
        "a": 3.0,
        "b": None,
        "c": 0.25,
    }


def test_report_has_a_row_per_budget_and_per_figure_and_says_which_budget_fails():
    checked = budgets({**OURS, "p95_ms_10": 400.0}, DEFAULTS)
    text = markdown(HEADER, {**OURS, "p95_ms_10": 400.0}, DEFAULTS, IDENTIFICATION, checked)
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| budget")]
    budget_rows = [row for row in rows if row.endswith(("| PASS |", "| FAIL |"))]
    assert len(budget_rows) == len(checked)
    assert [row for row in budget_rows if row.endswith("FAIL |")] == [
        "| p95 at 10 users (ms) under 300 | 400.0 | 300 | FAIL |"
    ]
    assert "| throughput_10 | 60.0 | 20.0 | 3.0 |" in rows
    assert "2 cores" in text and "2026-11-24" in text
