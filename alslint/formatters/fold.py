"""The lines of the grouped text report: many findings of one rule on one track fold into one.

A template of 191 switched-off devices is one line per track or rack, with the count, the bars
and what they are, not 191 lines; `--verbose` lists every finding. Two findings stay two lines:
folding them would hide more than it saves.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..levels import Severity
from ..lint.results import Violation

#: Fewer findings than this of one rule on one track or rack are listed one by one.
FOLD_FROM = 3
#: How many of a folded line's objects and bar spans are named before "…".
NAMED = 4


@dataclass
class Line:
    """One line of the grouped text report."""

    severity: Severity
    code: str
    where: str
    message: str
    name: str


def _line(v: Violation) -> Line:
    return Line(v.severity, v.code, str(v.location), v.message, v.name)


def _owner(v: Violation) -> tuple[str, str] | None:
    """The track, or the rack on it, that a finding's fold belongs to; None: never folded."""
    loc = v.location
    if loc.track is None:
        return None
    rack = loc.device.split(" › ")[0] if loc.device and " › " in loc.device else None
    track = loc.track_label
    return loc.track, (f"{track} › {rack}" if rack else track)


def _named(items: list[str]) -> str:
    unique = list(dict.fromkeys(item for item in items if item))
    shown = ", ".join(unique[:NAMED])
    return shown + (f", … ({len(unique) - NAMED} more)" if len(unique) > NAMED else "")


def _fold(group: list[Violation], owner: str) -> Line:
    first = group[0]
    prefix = owner + " › "
    objects = [
        v.location.object_path.removeprefix(prefix)
        for v in group
        if v.location.object_path != owner
    ]
    bars = [v.location.bars for v in group if v.location.bars]
    message = f"{len(group)} findings"
    if bars:
        message += " at " + _named([b.removeprefix("bars ").removeprefix("bar ") for b in bars])
        message = message.replace(" at ", " at bars ", 1)
    if objects:
        message += ": " + _named(objects)
    message += f" — e.g. {first.message}"
    worst = max((v.severity for v in group), key=lambda s: s.rank)
    return Line(worst, first.code, owner, message, first.name)


def lines(violations: list[Violation], verbose: bool = False) -> list[Line]:
    """The report lines of one file's findings, in their order; folded unless `verbose`."""
    if verbose:
        return [_line(v) for v in violations]
    groups: dict[tuple, list[Violation]] = {}
    for v in violations:
        owner = _owner(v)
        if owner is not None:
            groups.setdefault((v.code, v.location.track_index, *owner), []).append(v)
    out, done = [], set()
    for v in violations:
        owner = _owner(v)
        key = None if owner is None else (v.code, v.location.track_index, *owner)
        if key is None or len(groups[key]) < FOLD_FROM:
            out.append(_line(v))
        elif key not in done:
            done.add(key)
            out.append(_fold(groups[key], owner[1]))
    return out
