"""A local rule, loaded from a rules folder: the arrangement is shorter than a minimum."""

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage


class ShortSongOptions(RuleOptions):
    min_bars: int = Field(16, ge=1)


class ShortSong(Rule):
    code = "ALS901"
    name = "short-song"
    summary = "The arrangement is shorter than the minimum song length."
    stage = Stage.COMPOSITION
    default_severity = Severity.WARNING
    Options = ShortSongOptions

    def check(self, live_set, options, context):
        end = live_set.arrangement_end
        bars = context.timeline.bar_of(end - 1e-6) if end > 0 else 0
        if bars < options.min_bars:
            yield Finding(
                message=f"The arrangement is only {bars} bars long (minimum {options.min_bars})"
            )
