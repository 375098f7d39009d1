"""Human formats: Jinja templates over one documented context (see `report_context`)."""

from __future__ import annotations

from itertools import groupby

from ..api import Severity
from ..results import DAMAGED, INTERNAL_ERROR, UNREADABLE, RuleInfo, RunResult
from ..templating import render

#: Summaries of the reserved codes (problems of the run, not of a rule), for reports that
#: list rules: the HTML rules section and SARIF's `tool.driver.rules`.
RESERVED_SUMMARIES = {
    UNREADABLE[0]: "The set could not be read at all, so no rule checked it.",
    DAMAGED[0]: "Part of the set is damaged and could not be understood.",
    INTERNAL_ERROR[0]: "A rule crashed on this set; the other rules' findings are still reported.",
}


def reported_rules(result: RunResult) -> list[RuleInfo]:
    """Every rule that ran, then (sorted by code) every other code that has findings.

    The extra codes are the reserved ones (ALS000, ALS002, ...): they have no `RuleInfo` in
    `result.rules`, so one is made here, with an empty stage and doc.
    """
    rules = list({rule.code: rule for rule in result.rules}.values())
    known = {rule.code for rule in rules}
    extra: dict[str, RuleInfo] = {}
    for v in result.violations():
        if v.code not in known and v.code not in extra:
            extra[v.code] = RuleInfo(
                code=v.code,
                name=v.name,
                summary=RESERVED_SUMMARIES.get(v.code, v.name),
                stage=v.stage or "",
                severity=Severity.ERROR if v.code in RESERVED_SUMMARIES else v.severity,
            )
    return rules + [extra[code] for code in sorted(extra)]


def _counts(violations) -> dict[str, int]:
    counts = {severity.value: 0 for severity in Severity}
    for v in violations:
        counts[v.severity.value] += 1
    return counts


def report_context(result: RunResult) -> dict:
    """The context every human template receives (documented in the README).

    - `result`: the `RunResult` (files, rules, stage, alslint_version)
    - `files`: list of {path, unreadable, violations, by_track: [(track or None, [violations])],
      counts: {"error": n, "warning": n, "info": n} for that file}
    - `counts`: {"error": n, "warning": n, "info": n}
    - `summary`: the one-line summary
    - `rules`: {code: RuleInfo} for every rule that ran
    - `report_rules`: [RuleInfo]: every rule that ran, then the reserved codes (ALS000 ...)
      that have findings; their `stage` is "" (see `reported_rules`)
    - `rule_counts`: {code: number of findings} for every code in `report_rules`
    """
    files = []
    for file in result.files:
        by_track = [
            (track, list(items))
            for track, items in groupby(file.violations, key=lambda v: v.location.track)
        ]
        files.append(
            {
                "path": file.path,
                "unreadable": file.unreadable,
                "violations": file.violations,
                "by_track": by_track,
                "counts": _counts(file.violations),
            }
        )
    report_rules = reported_rules(result)
    rule_counts = {rule.code: 0 for rule in report_rules}
    for v in result.violations():
        rule_counts[v.code] += 1
    return {
        "result": result,
        "files": files,
        "counts": result.counts(),
        "summary": result.summary_line(),
        "rules": {rule.code: rule for rule in result.rules},
        "report_rules": report_rules,
        "rule_counts": rule_counts,
    }


def text(result: RunResult) -> str:
    return render("report.txt.j2", **report_context(result))


def markdown(result: RunResult) -> str:
    return render("report.md.j2", **report_context(result))


def html(result: RunResult) -> str:
    return render("report.html.j2", **report_context(result))
