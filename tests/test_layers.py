"""Layering, checked mechanically: the model knows nothing of rules, the engine nothing of
the command line or formats, and rules use only the public rule API (like anyone's rules)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from alslint.api import Stage
from alslint.levels import STAGES

REPO = Path(__file__).resolve().parents[1]


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: resolve inside the alslint package
                module = "alslint" + ("." + module if module else "")
            found.add(module)
    return {name for name in found if name.startswith(("alslint", "alslint_rules"))}


@pytest.mark.parametrize("path", sorted((REPO / "rules").glob("*.py")), ids=lambda p: p.name)
def test_rules_import_only_the_rule_api(path):
    allowed = {"alslint.api", "alslint_rules._master_chain"}
    assert imports(path) <= allowed


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        (
            "model.py",
            (
                "alslint.api",
                "alslint.lint.engine",
                "alslint.cli",
                "alslint.lint.config",
                "alslint_rules",
            ),
        ),
        (
            "als/build.py",
            (
                "alslint.api",
                "alslint.lint.engine",
                "alslint.cli",
                "alslint.lint.config",
                "alslint_rules",
            ),
        ),
        ("timeline.py", ("alslint.lint.engine", "alslint.cli", "alslint_rules")),
        ("lint/engine.py", ("alslint.cli", "alslint.formatters", "alslint_rules")),
        ("lint/config.py", ("alslint.cli", "alslint.formatters", "alslint.lint.engine")),
        (
            "api.py",
            ("alslint.cli", "alslint.lint.engine", "alslint.lint.config", "alslint.formatters"),
        ),
    ],
)
def test_engine_layers(module, forbidden):
    used = imports(REPO / "alslint" / module)
    assert not {name for name in used if name.startswith(forbidden)}


def test_stage_enum_and_stage_list_agree():
    assert [stage.value for stage in Stage] == STAGES
