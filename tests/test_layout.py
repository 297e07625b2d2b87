"""What may import what: the README's layout table, the launcher only from the tools `make` runs, the rules
neither Rasa nor the rest of the project."""

import ast
import re
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT

LAUNCHER = "bot.tools.servers"
# The command-line tools that `make` runs, the launcher among them: the only modules that start processes.
TOOLS = "bot.tools"
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
    assert {"bot.tools.servers", "bot.web.server", "actions.welcome", "bot.rules.subjects"} <= set(IMPORTS)


def test_only_the_tools_import_the_launcher():
    importers = {module for module, imported in IMPORTS.items() if LAUNCHER in imported}
    assert importers, "the launcher has no importer: the check would pass vacuously"
    assert {m for m in importers if not is_within(m, TOOLS)} == set()


@pytest.mark.parametrize("module", sorted(m for m in IMPORTS if is_within(m, "bot.rules")))
def test_the_rules_import_neither_rasa_nor_the_rest_of_the_project(module):
    foreign = {
        name
        for name in IMPORTS[module]
        if name.split(".")[0] in ("rasa", "rasa_sdk", "actions")
        or (is_within(name, "bot") and not is_within(name, "bot.rules"))
    }
    assert foreign == set()


README = PROJECT_ROOT / "README.md"
# The README's row of the modules at the top of bot/, and the words of its "may import" column.
SHARED = "bot/*.py"
ANYTHING = "any"


def layout_table() -> dict[str, str]:
    """The README's layout table: each folder (or `bot/*.py`), and what it may import."""
    section = README.read_text(encoding="utf-8").split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 3:
            rows[cells[0].strip("`")] = cells[2]
    return rows


def layout_row(module: str) -> str:
    """The row of the layout table a module belongs to: its folder, or `bot/*.py` at the top of bot/."""
    parts = module.split(".")
    if parts[0] == "bot" and (len(parts) == 1 or not (PROJECT_ROOT / "bot" / parts[1]).is_dir()):
        return SHARED
    return "/".join(parts[:2] if parts[0] == "bot" else parts[:1]) + "/"


LAYOUT = layout_table()


def test_every_module_has_its_row_in_the_readme():
    assert {layout_row(module) for module in IMPORTS} - set(LAYOUT) == set()


@pytest.mark.parametrize("module", sorted(m for m in IMPORTS if LAYOUT.get(layout_row(m)) != ANYTHING))
def test_each_module_imports_only_what_the_readme_layout_allows(module):
    row = layout_row(module)
    allowed = set(re.findall(r"`([^`]+)`", LAYOUT[row])) | {row}
    project_imports = {name for name in IMPORTS[module] if name.split(".")[0] in PACKAGES}
    assert {name for name in project_imports if layout_row(name) not in allowed} == set()
