"""ALS205 no-automation: a song of some length in which no automation moves."""

from __future__ import annotations

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, song_bars


class NoAutomationOptions(RuleOptions):
    min_bars: int = Field(
        32, ge=0, description="Only songs longer than this many bars are checked."
    )


class NoAutomation(Rule):
    code = "ALS205"
    name = "no-automation"
    summary = "No automation moves anywhere in a song longer than 32 bars."
    stage = Stage.ARRANGEMENT
    default_severity = Severity.INFO
    Options = NoAutomationOptions

    def check(self, live_set, options, context):
        timeline = context.timeline
        bars = song_bars(live_set, timeline)
        if bars is None:
            return
        first, last = bars
        length = last - first + 1
        if length <= options.min_bars:
            return
        # Every set's main track holds a tempo and a time-signature envelope (the main track is
        # in `tracks`); like any envelope, they only count when their value actually changes.
        if any(envelope.moves for track in live_set.tracks for envelope in track.envelopes):
            return
        yield Finding(
            message=(
                f"Nothing is automated in this {length}-bar song: automate a filter, a send or "
                "a volume to keep repeated parts moving"
            ),
            location=context.location(
                start=timeline.bar_start(first), end=timeline.bar_start(last + 1)
            ),
        )
