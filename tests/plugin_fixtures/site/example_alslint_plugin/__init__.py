"""A third-party rule package, registered through the `alslint.rules` entry-point group."""

from pydantic import Field

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage


class SleepyTempoOptions(RuleOptions):
    min_bpm: float = Field(90.0, gt=0)


class SleepyTempo(Rule):
    code = "EXA950"
    name = "sleepy-tempo"
    summary = "The tempo is below the minimum for the genre."
    stage = Stage.COMPOSITION
    default_severity = Severity.INFO
    Options = SleepyTempoOptions

    def check(self, live_set, options, context):
        if live_set.tempo < options.min_bpm:
            yield Finding(message=f"Tempo {live_set.tempo:g} BPM is below {options.min_bpm:g} BPM")
