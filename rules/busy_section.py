"""ALS204 busy-section: bars where more tracks play at once than a mix can give room to."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, bar_runs, tracks_per_bar


class BusySectionOptions(RuleOptions):
    max_tracks: int = Field(
        16,
        ge=1,
        description="Most audio/MIDI tracks that may sound in one bar (16: the corpus's 95th percentile).",
    )


class BusySection(Rule):
    code = "ALS204"
    name = "busy-section"
    summary = "More than 16 audio/MIDI tracks sound in the same bars."
    stage = Stage.ARRANGEMENT
    default_severity = Severity.WARNING
    Options = BusySectionOptions

    def check(self, live_set, options, context):
        timeline = context.timeline
        counts = tracks_per_bar(live_set, timeline)
        busy = [bar for bar, count in counts.items() if count > options.max_tracks]
        for first, last in bar_runs(busy):
            peak = max(counts[bar] for bar in range(first, last + 1))
            steady = all(counts[bar] == peak for bar in range(first, last + 1))
            yield Finding(
                message=(
                    f"{'' if steady else 'Up to '}{peak} tracks play at once (more than "
                    f"{options.max_tracks}): let some parts drop out so the others have room"
                ),
                location=context.location(
                    start=timeline.bar_start(first), end=timeline.bar_start(last + 1)
                ),
            )
