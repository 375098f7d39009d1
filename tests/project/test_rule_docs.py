"""Every rule's documentation: the required headings, an options table that matches the
rule's real options and defaults, and the commands that print it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from alslint.cli import run
from alslint.lint.registry import collect_rules

RULES = collect_rules()
EVIDENCE = (Path(__file__).resolve().parents[2] / "docs" / "rule-evidence.md").read_text("utf-8")
HEADINGS = [
    "## What it flags",
    "## Why it matters",
    "## How to fix it in Live",
    "## Options",
    "## When to ignore",
]
ROW = re.compile(r"^\| `([a-z0-9-]+)` \| `([^`]*)` \|", re.M)


def test_the_catalogue_covers_every_stage_twice():
    stages = [rule.stage.value for rule in RULES]
    assert len(RULES) >= 20
    assert {stage: stages.count(stage) >= 2 for stage in set(stages)} == {
        "composition": True,
        "arrangement": True,
        "sound-design": True,
        "mixing": True,
        "mastering": True,
    }


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_doc_has_every_heading_in_order(rule):
    doc = rule.doc()
    assert doc.startswith(f"# {rule.code} {rule.name}\n")
    positions = [doc.find(heading + "\n") for heading in HEADINGS]
    assert -1 not in positions, f"{rule.name}: missing {HEADINGS[positions.index(-1)]}"
    assert positions == sorted(positions), f"{rule.name}: headings out of order"
    # The corpus evidence is for developers: in docs/rule-evidence.md, not the user's doc.
    assert "Checked by hand" not in doc
    assert f"## {rule.code} {rule.name}\n\nChecked by hand on corpus sets:" in EVIDENCE


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value)


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_options_table_matches_the_options_model(rule):
    options = section(rule.doc(), "## Options")
    documented = dict(ROW.findall(options))
    defaults = rule.Options().model_dump(by_alias=True)
    assert sorted(documented) == sorted(defaults), f"{rule.name}: options table vs Options model"
    for name, default in defaults.items():
        shown = documented[name]
        if shown.startswith("["):
            assert shown == _toml(default) or (len(default) > 3 and shown.startswith("[")), name
        else:
            assert shown == _toml(default), (
                f"{rule.name}: {name} documented as {shown}, is {default!r}"
            )


def section(doc: str, heading: str) -> str:
    start = doc.index(heading)
    following = doc.find("\n## ", start + 1)
    return doc[start : following if following != -1 else None]


def test_rule_command_prints_the_doc_by_name_and_code(capsys):
    for key in ("missing-fade", "ALS301", "als301"):
        assert run(["rule", key]) == 0
        assert capsys.readouterr().out.startswith("ALS301 missing-fade\n===================\n")


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_rule_command_renders_for_the_terminal(capsys, rule):
    """No Markdown markup is left to read; --format markdown prints the document as written."""
    assert run(["rule", rule.name]) == 0
    text = capsys.readouterr().out
    for markup in ("**", "`", "## ", "|---", "| --- |"):
        assert markup not in text, (rule.name, markup)
    assert "\nWhat it flags\n-------------\n" in text
    assert "\n  • " in text
    assert run(["rule", "--format", "markdown", rule.name]) == 0
    assert capsys.readouterr().out == rule.doc().rstrip("\n") + "\n"


def test_the_options_table_reads_as_aligned_columns(capsys):
    assert run(["rule", "missing-fade"]) == 0
    text = capsys.readouterr().out
    assert "\n  option                default  meaning\n" in text
    assert "\n  min-fade-ms           0.0      Hand-drawn fades shorter" in text


def test_rules_json_lists_every_rule(capsys):
    assert run(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [entry["code"] for entry in listed] == [rule.code for rule in RULES]
    assert set(listed[0]) == {"code", "name", "stage", "severity", "summary"}


@pytest.fixture(scope="module")
def demo_report():
    """What alslint says about the demo song, every finding on its own line."""
    import contextlib
    import io
    import os

    from alslint.cli import run as run_cli

    out = io.StringIO()
    here = os.getcwd()
    os.chdir(Path(__file__).resolve().parents[2])
    try:
        with contextlib.redirect_stdout(out):
            run_cli(
                [
                    "--no-cache",
                    "--no-color",
                    "--before",
                    "release",
                    "--verbose",
                    "sample_projects/demo.als",
                ]
            )
    finally:
        os.chdir(here)
    return out.getvalue().splitlines()


EXAMPLE = re.compile(r"## Example\n.*?```text\n(.*?)\n```", re.S)


#: The rules whose doc has an Example: those the demo song sets off (the others have none yet).
WITH_EXAMPLE = [rule for rule in RULES if EXAMPLE.search(rule.doc())]


def test_every_rule_the_demo_sets_off_has_an_example():
    assert len(WITH_EXAMPLE) == 12


@pytest.mark.parametrize("rule", WITH_EXAMPLE, ids=[rule.name for rule in WITH_EXAMPLE])
def test_a_doc_example_is_the_real_output_on_the_demo(rule, demo_report):
    """An Example section shows what alslint really says on the demo song, word for word."""
    assert "  " + EXAMPLE.search(rule.doc()).group(1) in demo_report
