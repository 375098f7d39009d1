"""Options that several commands share, written once."""

from __future__ import annotations

import click


def text_or_json(help: str | None = None):
    """`--format text|json` (default text), passed to the command as `output_format`."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help,
    )


#: The help of `--format` where the JSON keys are a documented contract.
DOCUMENTED_JSON = "text for people, json for tools (documented keys)."
