"""The Jinja environment every human-readable report is rendered with.

Every value a template prints goes through `safetext.shown` (the environment's `finalize`):
names from a set or a file name can neither break a line nor drive the terminal or the CI
runner. Text alslint composes itself (styling, tables, macros of HTML templates) is marked
`Shown` (or `Markup`) once its parts are shown, and is printed as it is.
"""

from __future__ import annotations

import functools
import re

import click
import jinja2
import markupsafe

from .safetext import Shown, shown

_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def table(rows: list[list[object]], headers: list[str], indent: int = 0) -> Shown:
    """A plain-text table with left-aligned columns separated by two spaces, every line
    indented by `indent` spaces; cells are shown safely."""
    cells = [[shown(h) for h in headers]] + [
        ["" if c is None else shown(c) for c in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        " " * indent + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in cells
    ]
    return Shown("\n".join(lines))


def style(text: str, **styles) -> Shown:
    """ANSI styling of safely shown text; `click.echo` drops it again when the output is not
    a terminal."""
    return Shown(click.style(shown(text), **styles))


def severity_style(severity: str) -> Shown:
    return Shown(
        click.style(shown(severity).ljust(7), fg=_SEVERITY_COLOURS.get(severity), bold=True)
    )


def finalize(value: object) -> object:
    """What `{{ … }}` prints: values shown safely unless alslint composed them already."""
    if isinstance(value, Shown | markupsafe.Markup) or value is None:
        return value
    return shown(value)


# GFM lets any ASCII punctuation be backslash-escaped; these would otherwise format, link,
# break a table cell or open inline HTML.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&~#|])")
# A zero-width joiner keeps a bare URL, `www.` host or @mention from turning into a live link
# or a ping in a PR comment, and leaves it readable.
_ZWJ = "\u200d"
_LIVE = re.compile(r"(://|www\.|@(?=[\w-]))", re.IGNORECASE)


def _defused(text: str) -> str:
    return _LIVE.sub(lambda m: m[0][0] + _ZWJ + m[0][1:], text)


def md(value: object) -> Shown:
    """Markdown text (a table cell): shown safely, punctuation escaped, links defused."""
    return Shown(_defused(_MARKDOWN_SPECIAL.sub(r"\\\1", shown(value))))


def md_code(value: object) -> Shown:
    """A Markdown code span: fenced by more backticks than any run in the value (a code span
    shows its text literally, so it is neither formatted nor linked)."""
    text = shown(value)
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest or text.startswith(" ") or text.endswith(" ") else ""
    return Shown(f"{fence}{pad}{text}{pad}{fence}")


@functools.cache
def environment(autoescape: bool = False) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("alslint", "templates"),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
    )
    env.filters["style"] = style
    env.filters["severity_style"] = severity_style
    env.filters["md"] = md
    env.filters["md_code"] = md_code
    env.globals["table"] = table
    return env


def render(template: str, **context) -> str:
    autoescape = template.endswith(".html.j2")
    return environment(autoescape).get_template(template).render(**context)
