"""Which fixes go into a set, and which sets must not be written: shared by `alslint --fix`
and the MCP server's `fix_set`."""

from __future__ import annotations

from collections import Counter


def choose_edits(fixable) -> tuple[list, Counter]:
    """The edits of every fix that agrees with the fixes before it (a fix whose edit would set
    a value another fix sets differently is left out whole), and the findings fixed per rule."""
    chosen: dict[tuple, object] = {}
    fixed: Counter = Counter()
    for rule, finding in fixable:
        keys = [(e.track, e.clip, e.path) for e in finding.fix.edits]
        if any(
            key in chosen and chosen[key].new != e.new for key, e in zip(keys, finding.fix.edits)
        ):
            continue
        for key, edit in zip(keys, finding.fix.edits):
            chosen[key] = edit
        fixed[rule.name] += 1
    return list(chosen.values()), fixed


def refusal(live_set, newest_known: int) -> str | None:
    """Why a set must not be written, or None."""
    if live_set.damage:
        return "refusing to fix a damaged set (ALS001): " + live_set.damage[0]
    try:
        major = live_set.live_major
    except ValueError:
        major = None
    if major is None or major > newest_known:
        creator = live_set.creator or "an unknown Live version"
        return f"refusing to fix a set saved by {creator}, newer than alslint knows (ALS003)"
    return None
