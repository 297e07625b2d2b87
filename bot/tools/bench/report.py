"""The figures of one benchmark run, side by side, as a Markdown table and as JSON."""

from __future__ import annotations

from bot.tools.bench.budgets import Budget
from bot.tools.bench.speed import SpeedReport
from bot.tools.bench.training import TrainedModel
from bot.tools.evaluate import LanguageReport


def figures(model: TrainedModel, understanding: list[LanguageReport], speed: SpeedReport) -> dict[str, float]:
    """One configuration's figures, by name; each name says its unit."""
    flat = {
        "training_seconds": model.training_seconds,
        "model_size_mb": round(model.size_bytes / 1_000_000, 1),
        "parse_ms": speed.parse_ms,
        "turn_ms": speed.turn_ms,
        "rasa_memory_mb": speed.rasa_memory_mb,
        "action_server_memory_mb": speed.action_server_memory_mb,
    }
    for report in understanding:
        flat[f"intent_accuracy_{report.language}"] = report.intent_accuracy
        flat[f"intent_macro_f1_{report.language}"] = report.intent_macro_f1
        flat[f"faq_answer_accuracy_{report.language}"] = report.faq_answer_accuracy
        flat[f"wrong_language_first_reply_{report.language}"] = round(
            1 - report.reply_language_first_message, 3
        )
    for load in speed.loads:
        for name in ("p50_ms", "p95_ms", "p99_ms", "throughput", "wrong_language_replies", "failed"):
            flat[f"{name}_{load.users}"] = getattr(load, name)
    return flat


def ratios(ours: dict[str, float], defaults: dict[str, float]) -> dict[str, float | None]:
    """This project's figure divided by the defaults', for each figure (None where theirs is 0)."""
    return {
        name: round(value / defaults[name], 2) if defaults[name] else None for name, value in ours.items()
    }


def markdown(
    header: dict[str, str],
    ours: dict[str, float],
    defaults: dict[str, float],
    language_identification: dict[str, dict[str, float]],
    checked: list[Budget],
) -> str:
    lines = [
        "# Benchmark",
        "",
        f"Written by `make bench` on {header['date']}, on {header['machine']} with {header['cores']} cores.",
        "Figures ending in `_1`, `_10` and `_50` are for 1, 10 and 50 concurrent users; each user holds",
        "whole conversations (questions, a hand-over, the landlord guarantee form) in French, English or",
        "Arabic over Rasa's REST channel on loopback. Units: `_ms` milliseconds, `_seconds` seconds,",
        "`_mb` megabytes, `throughput` messages per second; accuracies and rates are shares of 1.",
        "",
        "## Budgets",
        "",
        "| budget | measured | limit | result |",
        "|---|---|---|---|",
        *(
            f"| {b.name} | {b.measured} | {round(b.limit, 3)} | {'PASS' if b.passed else 'FAIL'} |"
            for b in checked
        ),
        "",
        "## This project and Rasa's defaults (the `rasa init` config.yml), trained on the same data",
        "",
        "| figure | this project | Rasa defaults | ratio |",
        "|---|---|---|---|",
    ]
    for name, ratio in ratios(ours, defaults).items():
        lines.append(f"| {name} | {ours[name]} | {defaults[name]} | {'–' if ratio is None else ratio} |")
    lines += [
        "",
        "## Language identification (this project; Rasa's defaults have none)",
        "",
        "| language | short messages (1 to 3 words) | how many | whole held-out set |",
        "|---|---|---|---|",
    ]
    for language, result in language_identification.items():
        short, count = result["short_messages"], result["short_message_count"]
        lines.append(f"| {language} | {short} | {count} | {result['held_out']} |")
    return "\n".join(lines) + "\n"
