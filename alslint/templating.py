"""The Jinja environment every human-readable report is rendered with."""

from __future__ import annotations

import functools

import click
import jinja2

_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


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
    env.filters["style"] = style
    env.filters["severity_style"] = severity_style
    env.globals["table"] = table
    return env


def render(template: str, **context) -> str:
    autoescape = template.endswith(".html.j2")
    return environment(autoescape).get_template(template).render(**context)
