"""The library status for people (a text table, an HTML page) and for tools (JSON).

Names come from files and sets, so they are untrusted: the text shows control characters as
`\\x1b` escapes, the HTML page is autoescaped.
"""

from __future__ import annotations

import json

import jinja2

from ..levels import STAGE_ORDER, STAGES
from ..safetext import shown
from ..templating import table
from .status import ProjectStatus, SetStatus

STATUS_SCHEMA_VERSION = 1

#: Column heads of the open findings, one letter group per stage.
STAGE_ABBREVIATIONS = {
    "composition": "C",
    "arrangement": "A",
    "sound-design": "SD",
    "mixing": "MX",
    "mastering": "MA",
}


def minutes(seconds: float) -> str:
    """m:ss, rounded down."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _date(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def _tempo(value: float) -> str:
    return f"{value:g}"


def _row(s: SetStatus) -> list[str]:
    open_counts = "/".join(str(s.open[stage]) for stage in STAGES)
    if s.summary is None:
        return [
            shown(s.name),
            "",
            "",
            "",
            "",
            "",
            "",
            _date(s.saved),
            "unreadable",
            "",
            "",
        ]
    m = s.summary
    return [
        shown(s.name),
        shown(m.live_version),
        _tempo(m.tempo) + ("~" if m.tempo_range else ""),
        m.key or "",
        str(m.bars),
        minutes(m.seconds),
        str(m.tracks),
        _date(s.saved),
        s.stage,
        open_counts + (f" +{s.other}" if s.other else ""),
        str(s.missing_samples or ""),
    ]


def _history(p: ProjectStatus) -> str:
    parts = [f"{len(p.sets)} set{'' if len(p.sets) == 1 else 's'}"]
    if p.backups:
        parts.append(
            f"{p.backups} backup{'' if p.backups == 1 else 's'} "
            f"{p.first_backup:%Y-%m-%d} – {p.last_backup:%Y-%m-%d}, "
            f"newest {shown(p.newest_backup)}"
        )
    else:
        parts.append("no backups")
    missing = p.missing_samples
    if missing:
        parts.append(f"{missing} missing sample{'' if missing == 1 else 's'}")
    return " · ".join(parts)


def to_text(projects: list[ProjectStatus], threshold: str) -> str:
    heads = ["Set", "Live", "Tempo", "Key", "Bars", "Length", "Tracks", "Saved", "Stage"]
    heads += ["Open " + "/".join(STAGE_ABBREVIATIONS[s] for s in STAGES), "Missing"]
    blocks = []
    for p in projects:
        body = table([_row(s) for s in p.sets], heads) if p.sets else "(no sets, only backups)"
        errors = [f"{s.name}: {s.error}" for s in p.sets if s.error]
        lines = body.splitlines() + [shown(error) for error in errors]
        indented = "\n".join("  " + line for line in lines)
        blocks.append(f"{shown(p.name)} — {_history(p)}\n{indented}\n")
    sets = [s for p in projects for s in p.sets]
    by_stage = [
        f"{sum(1 for s in sets if s.stage == stage)} {stage}"
        for stage in STAGE_ORDER
        if any(s.stage == stage for s in sets)
    ]
    unreadable = sum(1 for s in sets if s.stage is None)
    if unreadable:
        by_stage.append(f"{unreadable} unreadable")
    footer = (
        f"{len(projects)} project{'' if len(projects) == 1 else 's'}, "
        f"{len(sets)} set{'' if len(sets) == 1 else 's'}"
        + (f": {', '.join(by_stage)}" if by_stage else "")
        + f". Stage: the furthest gate passed with no {threshold} or worse;"
        " open = such findings by the stage of their rule."
    )
    return "\n".join(blocks) + ("\n" if blocks else "") + footer + "\n"


def to_json(projects: list[ProjectStatus], threshold: str) -> str:
    document = {
        "schema_version": STATUS_SCHEMA_VERSION,
        "fail_on": threshold,
        "stages": STAGE_ORDER,
        "projects": [p.model_dump(mode="json") for p in projects],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_html(projects: list[ProjectStatus], threshold: str) -> str:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("alslint.library", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["minutes"] = minutes
    env.filters["date"] = _date
    return env.get_template("status.html.j2").render(
        projects=projects,
        set_count=sum(len(p.sets) for p in projects),
        threshold=threshold,
        stages=STAGE_ORDER,
        open_stages=STAGES,
        abbreviations=STAGE_ABBREVIATIONS,
    )
