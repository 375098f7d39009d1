"""The Jinja environment every human-readable report is rendered with."""

from __future__ import annotations

import functools
import math

import click
import jinja2

_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def format_db(value: float | None) -> str:
    """dB for people: one decimal, "-inf" for Live's floor."""
    if value is None or (isinstance(value, float) and math.isinf(value)):
        return "-inf"
    return f"{value:+.1f}" if value else "0.0"


def format_pan(value: float) -> str:
    """Pan as Live shows it: C, or 0–50 L/R."""
    amount = round(abs(value) * 50)
    if amount == 0:
        return "C"
    return f"{amount}{'L' if value < 0 else 'R'}"


def table(rows: list[list[object]], headers: list[str]) -> str:
    """A plain-text table with left-aligned columns separated by two spaces."""
    cells = [[str(h) for h in headers]] + [
        ["" if c is None else str(c) for c in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in cells
    ]
    return "\n".join(lines)


def style(text: str, **styles) -> str:
    """ANSI styling; `click.echo` drops it again when the output is not a terminal."""
    return click.style(str(text), **styles)


def severity_style(severity: str) -> str:
    return click.style(severity.ljust(7), fg=_SEVERITY_COLOURS.get(severity), bold=True)


@functools.cache
def environment(autoescape: bool = False) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("alslint", "templates"),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["db"] = format_db
    env.filters["pan"] = format_pan
    env.filters["style"] = style
    env.filters["severity_style"] = severity_style
    env.globals["table"] = table
    return env


def render(template: str, **context) -> str:
    autoescape = template.endswith(".html.j2")
    return environment(autoescape).get_template(template).render(**context)
