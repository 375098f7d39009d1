"""Output formats of a lint run. Each one turns a `RunResult` into text.

Human formats (text, markdown, html) are Jinja templates over one context (see
`report_context`); machine formats serialise the same `RunResult`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..lint.results import RunResult
from . import github, gitlab, human, json_format, junit, sarif

FORMATTERS: dict[str, Callable[[RunResult], str]] = {
    "text": human.text,
    "markdown": human.markdown,
    "html": human.html,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "gitlab": gitlab.render,
}

#: Formats meant for people; only these are coloured on a terminal.
HUMAN_FORMATS = frozenset({"text", "markdown", "html"})


def render(result: RunResult, output_format: str) -> str:
    return FORMATTERS[output_format](result)
