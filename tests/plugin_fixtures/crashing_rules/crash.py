"""A rule that raises on every set: the engine reports it as ALS002 and goes on."""

from alslint.api import Rule, Severity, Stage


class AlwaysCrashes(Rule):
    code = "ALS902"
    name = "always-crashes"
    summary = "Crashes."
    stage = Stage.COMPOSITION
    default_severity = Severity.INFO

    def check(self, live_set, options, context):
        tracks = len(live_set.tracks) - len(live_set.tracks)
        yield 1 / tracks
