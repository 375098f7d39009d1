"""`alslint rules` and `alslint rule`: the rules there are and their documentation."""

from __future__ import annotations

import click

from ..safetext import json_safe, shown
from .options import text_or_json
from .trust import trusted_rules_dirs


def _all_rules(rules_dir: tuple[str, ...]):
    """The rules `alslint lint` would load here: with the configuration's `rules-dirs`."""
    from pathlib import Path

    from ..lint.config import find_config_file, load_config
    from ..lint.registry import configured_rules

    config = load_config(find_config_file(Path.cwd()), found=True)
    return configured_rules(config, trusted_rules_dirs(config), rules_dir)


@click.command("rules")
@text_or_json()
@click.option("--rules-dir", multiple=True, help="Also list the rules in this folder.")
def list_rules(output_format: str, rules_dir: tuple[str, ...]):
    """List every rule: code, name, stage, default severity, summary."""
    import json

    from ..templating import table

    rules = _all_rules(rules_dir)
    if output_format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "stage": r.stage.value,
                "severity": r.default_severity.value,
                "summary": r.summary,
            }
            for r in rules
        ]
        click.echo(json_safe(json.dumps(rows, indent=2, ensure_ascii=False)))
        return
    rows = [[r.code, r.name, r.stage.value, r.default_severity.value, r.summary] for r in rules]
    click.echo(table(rows, ["Code", "Name", "Stage", "Severity", "Summary"]))


@click.command("rule")
@click.argument("name_or_code")
@click.option("--rules-dir", multiple=True, help="Also search the rules in this folder.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="text for reading in a terminal, markdown for the document as written.",
)
def show_rule(name_or_code: str, rules_dir: tuple[str, ...], output_format: str):
    """Print the documentation of one rule, by name or code."""
    from .rule_doc import to_terminal

    rules = _all_rules(rules_dir)
    for rule in rules:
        if name_or_code in (rule.code, rule.name) or name_or_code.upper() == rule.code:
            doc = rule.doc()
            text = doc if output_format == "markdown" else to_terminal(doc)
            # A rule's documentation is text from its author: shown line by line.
            click.echo("\n".join(map(shown, text.rstrip("\n").split("\n"))))
            return
    from ..lint.selection import did_you_mean

    hint = did_you_mean(name_or_code, [r.name for r in rules], [r.code for r in rules])
    raise click.UsageError(f"no rule named or coded '{name_or_code}'{hint} (see `alslint rules`)")
