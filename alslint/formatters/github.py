"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

Values are shown safely (`safetext.shown`: no raw control character, no `##[`) and escaped
as the runner's command syntax requires; line breaks become the annotation's own (%0A)."""

from __future__ import annotations

from ..lint.results import RunResult
from ..safetext import shown

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    # Line breaks stay line breaks of the annotation (%0A, which the runner decodes into the
    # message, never into a log line); every other control is shown as an escape.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "%0A".join(shown(line).replace("%", "%25") for line in lines)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: RunResult) -> str:
    lines = []
    for v in result.violations():
        title = _escape_property(f"{v.code} {v.name}")
        message = _escape_data(f"{v.location}: {v.message}")
        lines.append(
            f"::{_LEVEL[v.severity.value]} file={_escape_property(v.file)},line=1,title={title}::{message}"
        )
    return "".join(line + "\n" for line in lines)
