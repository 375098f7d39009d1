"""`--format github`: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from ..lint.results import RunResult

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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
