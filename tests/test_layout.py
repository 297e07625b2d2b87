"""What may import what: the launcher only from the tools `make` runs; the rules, only themselves."""

import ast
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT

LAUNCHER = "bot.servers"
# The command-line tools that `make` runs, and the launcher itself: the only modules that start processes.
TOOLS = {"bot.run", "bot.evaluate", "bot.evaluate_dialogue", "bot.bench", LAUNCHER}
PACKAGES = ("bot", "actions")


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """The modules a file imports, by their full dotted names (relative imports are not used here)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


IMPORTS = {
    module_name(path): imported_modules(path)
    for package in PACKAGES
    for path in sorted((PROJECT_ROOT / package).rglob("*.py"))
}


def is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_modules_are_found():
    assert {"bot.servers", "bot.web.server", "actions.welcome", "bot.rules.subjects"} <= set(IMPORTS)


def test_only_the_tools_import_the_launcher():
    importers = {module for module, imported in IMPORTS.items() if LAUNCHER in imported}
    assert importers, "the launcher has no importer: the check would pass vacuously"
    assert {m for m in importers if not any(is_within(m, tool) for tool in TOOLS)} == set()


@pytest.mark.parametrize("module", sorted(m for m in IMPORTS if is_within(m, "bot.rules")))
def test_the_rules_import_neither_rasa_nor_the_rest_of_the_project(module):
    foreign = {
        name
        for name in IMPORTS[module]
        if name.split(".")[0] in ("rasa", "rasa_sdk", "actions")
        or (is_within(name, "bot") and not is_within(name, "bot.rules"))
    }
    assert foreign == set()
