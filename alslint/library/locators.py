"""A set's locators for the world outside Live: CSV, JSON, a CUE sheet, video chapters.

Seconds are those of the Live-exact timeline (tempo ramps stepped as Live plays them).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AlslintError

if TYPE_CHECKING:
    from ..model import LiveSet

FORMATS = ("csv", "json", "cue", "chapters")

#: CUE sheets count in frames of 1/75 s (the CD sector rate) and hold at most 99 tracks.
CUE_FRAMES = 75
CUE_MAX_TRACKS = 99

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class LocatorRow:
    name: str
    position: str  # bar.beat.sixteenth, as Live shows it
    beats: float
    seconds: float


def locator_rows(live_set: LiveSet) -> list[LocatorRow]:
    timeline = live_set.timeline()
    return [
        LocatorRow(
            name=locator.name,
            position=str(timeline.position(locator.time)),
            beats=round(locator.time, 6),
            seconds=round(timeline.beats_to_seconds(max(locator.time, 0.0)), 3),
        )
        for locator in sorted(live_set.locators, key=lambda loc: loc.time)
    ]


def render(rows: list[LocatorRow], output_format: str, set_path: str) -> str:
    if output_format == "csv":
        return _csv(rows)
    if output_format == "json":
        return json.dumps([asdict(row) for row in rows], indent=2, ensure_ascii=False) + "\n"
    if output_format == "cue":
        return _cue(rows, Path(set_path).stem)
    return _chapters(rows)


def _csv(rows: list[LocatorRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "position", "beats", "seconds"])
    for row in rows:
        writer.writerow([row.name, row.position, f"{row.beats:g}", f"{row.seconds:.3f}"])
    return out.getvalue()


def _one_line(text: str) -> str:
    """A name on one line: line breaks and other control characters become one space."""
    return _CONTROL.sub(" ", text).strip()


def _cue_text(text: str) -> str:
    # CUE has no escape for a double quote inside a quoted string.
    return _one_line(text).replace('"', "'")


def cue_time(seconds: float) -> str:
    """mm:ss:ff, 75 frames a second."""
    frames = round(seconds * CUE_FRAMES)
    minutes, rest = divmod(frames, 60 * CUE_FRAMES)
    secs, frame = divmod(rest, CUE_FRAMES)
    return f"{minutes:02d}:{secs:02d}:{frame:02d}"


def _cue(rows: list[LocatorRow], title: str) -> str:
    if len(rows) > CUE_MAX_TRACKS:
        raise AlslintError(
            f"the set has {len(rows)} locators; a CUE sheet holds at most {CUE_MAX_TRACKS} tracks"
        )
    lines = [f'TITLE "{_cue_text(title)}"', f'FILE "{_cue_text(title)}.wav" WAVE']
    for number, row in enumerate(rows, start=1):
        lines += [
            f"  TRACK {number:02d} AUDIO",
            f'    TITLE "{_cue_text(row.name) or f"Locator {number}"}"',
            f"    INDEX 01 {cue_time(row.seconds)}",
        ]
    return "\n".join(lines) + "\n"


def chapter_time(seconds: float) -> str:
    """m:ss, or h:mm:ss from an hour on (whole seconds, rounded down: a chapter never starts
    after its locator)."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _chapters(rows: list[LocatorRow]) -> str:
    lines = []
    # Video platforms require the first chapter at 0:00.
    if rows and int(rows[0].seconds) > 0:
        lines.append("0:00 Start")
    for row in rows:
        lines.append(f"{chapter_time(row.seconds)} {_one_line(row.name) or row.position}")
    return "".join(line + "\n" for line in lines)
