"""ALS206 flat-dynamics: the number of tracks playing never builds up or drops."""

from __future__ import annotations

import statistics

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, tracks_per_bar


class FlatDynamicsOptions(RuleOptions):
    min_range: int = Field(
        2,
        ge=1,
        description="The busiest section should have at least this many more tracks playing "
        "than the quietest.",
    )
    section_bars: int = Field(
        8, ge=1, description="Length of the sections compared, in bars (1 compares single bars)."
    )


class FlatDynamics(Rule):
    code = "ALS206"
    name = "flat-dynamics"
    summary = (
        "The number of tracks playing never builds up or drops from the first to the last bar."
    )
    stage = Stage.ARRANGEMENT
    default_severity = Severity.WARNING
    Options = FlatDynamicsOptions

    def check(self, live_set, options, context):
        timeline = context.timeline
        counts = tracks_per_bar(live_set, timeline)
        if not counts:
            return
        first, last = min(counts), max(counts)
        size = options.section_bars
        levels = []
        for start in range(first, last + 1, size):
            section = [counts[bar] for bar in range(start, min(start + size, last + 1))]
            if len(section) * 2 < size:
                break  # a short tail (a last crash, a fade) is no section of its own
            # What plays in most of the section: one-bar fills and breaks do not count.
            levels.append(statistics.median_low(section))
        if len(levels) < 2:
            return  # one section: nothing to compare
        low, high = min(levels), max(levels)
        if high - low >= options.min_range:
            return
        if low == high:
            amount = f"{low} track plays" if low == 1 else f"{low} tracks play"
        else:
            amount = f"{low} to {high} tracks play"
        per = "every bar" if size == 1 else f"every {size}-bar section"
        yield Finding(
            message=(
                f"The song never builds or drops: {amount} in {per}. Let parts enter and "
                "drop out to build tension and release it"
            ),
            location=context.location(
                start=timeline.bar_start(first), end=timeline.bar_start(last + 1)
            ),
        )
