"""Human formats: Jinja templates over one documented context (see `report_context`)."""

from __future__ import annotations

from itertools import groupby

from ..lint.results import RunResult, count_by_severity
from ..templating import render
from . import fold
from .arrangement import arrangement


def report_context(result: RunResult, verbose: bool = False) -> dict:
    """The context every human template receives (documented in the README).

    - `result`: the `RunResult` (files, rules, stage, alslint_version)
    - `files`: list of {path, unreadable, violations, by_track: [(track or None, [violations])],
      counts: {"error": n, "warning": n, "info": n} for that file, arrangement}; `arrangement`
      is the drawing of the set's arrangement with its findings numbered 1, 2, … in
      `violations` order (`alslint.formatters.arrangement.Drawing`; the i-th file's finding n
      has the row id `f{i}-{n}` and the mark id `m{i}-{n}`), or None when the file has no
      `outline` (only the HTML format asks for one) or no clip in its arrangement;
      `session_only` is true for the latter (the set lives in the Session view)
    - `files[i].lines`: the text report's lines (`alslint.formatters.fold.Line`: severity,
      code, where, message, name): three or more findings of one rule on one track or rack
      folded into one, unless `verbose`
    - `counts`: {"error": n, "warning": n, "info": n}
    - `summary`: the one-line summary
    - `checked`: the opening line: the rules and stages checked, and the gate
    - `rules`: {code: RuleInfo} for every rule that ran
    - `report_rules`: [RuleInfo]: every rule that ran, then the reserved codes (ALS000 ...)
      that have findings; their `stage` is "" (see `RunResult.reported_rules`)
    - `rule_counts`: {code: number of findings} for every code in `report_rules`
    """
    files = []
    for index, file in enumerate(result.files, 1):
        # A set that lives in the Session view has no arrangement to draw: no empty frame.
        session_only = file.outline is not None and not any(
            lane.blocks for lane in file.outline.lanes
        )
        by_track = [
            (track, list(items))
            for (_, track), items in groupby(
                file.violations, key=lambda v: (v.location.track_index, v.location.track)
            )
        ]
        files.append(
            {
                "path": file.path,
                "unreadable": file.unreadable,
                "violations": file.violations,
                "by_track": by_track,
                "lines": fold.lines(file.violations, verbose),
                "counts": count_by_severity(file.violations),
                "arrangement": (
                    arrangement(file.outline, file.violations, anchor=str(index))
                    if file.outline and not session_only
                    else None
                ),
                "session_only": session_only,
            }
        )
    report_rules = result.reported_rules()
    rule_counts = {rule.code: 0 for rule in report_rules}
    for v in result.violations():
        rule_counts[v.code] += 1
    return {
        "result": result,
        "files": files,
        "counts": result.counts(),
        "summary": result.summary_line(),
        "checked": result.checked_line(),
        "rules": {rule.code: rule for rule in result.rules},
        "report_rules": report_rules,
        "rule_counts": rule_counts,
    }


def text(result: RunResult, verbose: bool = False) -> str:
    return render("report.txt.j2", **report_context(result, verbose))


def markdown(result: RunResult) -> str:
    return render("report.md.j2", **report_context(result))


def html(result: RunResult) -> str:
    return render("report.html.j2", **report_context(result))
