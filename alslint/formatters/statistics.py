"""The short forms of the text report, for long runs: `--statistics` and `--concise`.

`--statistics` counts the findings per rule, as ruff does, most frequent first, so a run over
forty sets says "191 device-off" before anyone reads a line of it. `--concise` writes one
self-contained line per finding (`path: severity CODE where: message [name]`), for grep and
editors.
"""

from __future__ import annotations

from collections import Counter

from ..lint.results import RunResult
from ..templating import severity_style, style, table


def statistics(result: RunResult) -> str:
    """The opening line, one row per rule that found something (count, code, name, severity),
    and the summary."""
    counts = Counter(v.code for v in result.violations())
    first = {}
    for v in result.violations():
        first.setdefault(v.code, v)
    rows = [
        [count, code, first[code].name, first[code].severity.value]
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    body = table(rows, ["Count", "Code", "Name", "Severity"]) + "\n\n" if rows else ""
    return f"{result.checked_line()}\n\n{body}{style(result.summary_line(), bold=True)}\n"


def concise(result: RunResult) -> str:
    """The opening line, one line per finding with its file, and the summary."""
    lines = [
        f"{v.file}: {severity_style(v.severity.value)} {v.code} {v.location}: "
        f"{' '.join(v.message.split())} [{v.name}]"
        for v in result.violations()
    ]
    body = "".join(line + "\n" for line in lines) + ("\n" if lines else "")
    return f"{result.checked_line()}\n\n{body}{style(result.summary_line(), bold=True)}\n"
