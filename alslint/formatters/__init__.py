"""Output formats of a lint run. Each one turns a `RunResult` into text.

Human formats (text, markdown, html) are Jinja templates over one context (see
`report_context`); machine formats serialise the same `RunResult`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..lint.results import RunResult
from . import github, gitlab, human, json_format, junit, sarif
from . import statistics as short_forms

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


def render(
    result: RunResult,
    output_format: str,
    verbose: bool = False,
    concise: bool = False,
    statistics: bool = False,
) -> str:
    """The report; the text format's short forms (`statistics`, `concise`) and `verbose`
    (no folded lines) only change the text format."""
    if output_format == "text":
        if statistics:
            return short_forms.statistics(result)
        if concise:
            return short_forms.concise(result)
        return human.text(result, verbose)
    return FORMATTERS[output_format](result)
