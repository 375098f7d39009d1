"""ALS203 silence-gap: stretches in the middle of the song where nothing plays."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, bar_runs, tracks_per_bar


class SilenceGapOptions(RuleOptions):
    min_bars: int = Field(
        2, ge=1, description="Report silent stretches of at least this many bars."
    )


class SilenceGap(Rule):
    code = "ALS203"
    name = "silence-gap"
    summary = "Somewhere between the first and the last sounding bar, no clip plays on any track for 2 bars or more."
    stage = Stage.ARRANGEMENT
    default_severity = Severity.WARNING
    Options = SilenceGapOptions

    def check(self, live_set, options, context):
        timeline = context.timeline
        counts = tracks_per_bar(live_set, timeline)
        for first, last in bar_runs(bar for bar, count in counts.items() if count == 0):
            length = last - first + 1
            if length < options.min_bars:
                continue
            yield Finding(
                message=(
                    f"Nothing plays for {length} bars in the middle of the song: close the gap "
                    "or put something in it"
                ),
                location=context.location(
                    start=timeline.bar_start(first), end=timeline.bar_start(last + 1)
                ),
            )
