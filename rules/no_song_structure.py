"""ALS202 no-song-structure: no locators, or too few for the song's length."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, song_bars


class NoSongStructureOptions(RuleOptions):
    bars_per_section: int = Field(
        32,
        ge=1,
        description="Expect one locator per this many bars of song; a shorter song needs none.",
    )


class NoSongStructure(Rule):
    code = "ALS202"
    name = "no-song-structure"
    summary = "The song has no locators, or too few for its length (one per 32 bars), to mark its sections."
    stage = Stage.ARRANGEMENT
    default_severity = Severity.WARNING
    Options = NoSongStructureOptions

    def check(self, live_set, options, context):
        timeline = context.timeline
        bars = song_bars(live_set, timeline)
        if bars is None:
            return
        first, last = bars
        length = last - first + 1
        needed = length // options.bars_per_section
        if needed == 0:
            return
        end = timeline.bar_start(last + 1)
        # Locators after the song's end mark nothing in it; two on one bar mark one section.
        marked = {timeline.bar_of(mark.time) for mark in live_set.locators if mark.time < end}
        if len(marked) >= needed:
            return
        if not live_set.locators:
            message = (
                f"No locators mark the sections of this {length}-bar song: add one where each "
                "section starts (intro, verse, chorus, break, outro)"
            )
        else:
            if not marked:
                found = "No locator"
            else:
                found = f"Only {len(marked)} locator{'s' if len(marked) > 1 else ''}"
            message = (
                f"{found} inside this {length}-bar song: mark where each section starts "
                f"(about one every {options.bars_per_section} bars, {needed} here)"
            )
        location = context.location(start=timeline.bar_start(first), end=end)
        yield Finding(message=message, location=location)
