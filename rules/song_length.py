"""ALS207 song-length: the arrangement is much shorter or longer than a song usually is."""

from __future__ import annotations

from pydantic import Field, model_validator

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage, song_span


class SongLengthOptions(RuleOptions):
    min_minutes: float = Field(2.0, ge=0, description="Shortest expected song, in minutes.")
    max_minutes: float = Field(8.0, gt=0, description="Longest expected song, in minutes.")

    @model_validator(mode="after")
    def _ordered(self):
        if self.max_minutes <= self.min_minutes:
            raise ValueError("max-minutes must be larger than min-minutes")
        return self


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(round(seconds)), 60)
    return f"{minutes}:{seconds:02d}"


class SongLength(Rule):
    code = "ALS207"
    name = "song-length"
    summary = "The arranged song is shorter than 2 or longer than 8 minutes."
    stage = Stage.ARRANGEMENT
    default_severity = Severity.INFO
    Options = SongLengthOptions

    def check(self, live_set, options, context):
        span = song_span(live_set)
        if span is None:
            return
        timeline = context.timeline
        start, end = span
        seconds = timeline.beats_to_seconds(end) - timeline.beats_to_seconds(start)
        if seconds < options.min_minutes * 60:
            message = (
                f"The song runs {_clock(seconds)}, shorter than {_clock(options.min_minutes * 60)}: "
                "arrange the sections still missing, or let the existing ones run longer"
            )
        elif seconds > options.max_minutes * 60:
            message = (
                f"The song runs {_clock(seconds)}, longer than {_clock(options.max_minutes * 60)}: "
                "cut long repetitive stretches before listeners lose interest"
            )
        else:
            return
        yield Finding(message=message, location=context.location(start=start, end=end))
