"""The arrangement outline the HTML report draws: lanes of clip blocks, locators, a bar grid."""

from __future__ import annotations

from ..colours import palette_for
from ..model import LiveSet
from .results import Block, GridLine, Lane, Marker, Outline

NEWEST_PALETTE_MAJOR = 12

#: Beyond this many bars the grid only lists every 8th bar (the report draws no more anyway).
MAX_GRID_BARS = 2000


def outline(live_set: LiveSet) -> Outline:
    timeline = live_set.timeline()
    end = max(live_set.arrangement_end, timeline.bar_start(2))
    last_bar = timeline.bar_of(end - 1e-6) + 1
    step = 1 if last_bar <= MAX_GRID_BARS else 8
    return Outline(
        length=end,
        # A set that names no version is drawn in the newest palette.
        color_palette=palette_for(live_set.live_major or NEWEST_PALETTE_MAJOR),
        lanes=[
            Lane(
                index=track.index,
                name=track.name,
                type=track.type,
                group=track.group_name,
                color=track.color,
                on=live_set.is_audible(track),
                blocks=[
                    Block(start=c.start, end=c.end, name=c.name, color=c.color, disabled=c.disabled)
                    for c in track.arrangement_clips
                ],
            )
            for track in live_set.tracks
        ],
        locators=[
            Marker(time=loc.time, name=loc.name) for loc in live_set.locators if loc.time <= end
        ],
        grid=[
            GridLine(bar=bar, time=timeline.bar_start(bar)) for bar in range(1, last_bar + 1, step)
        ],
    )
