"""ALS101 default-tempo: the set still plays at Live's default tempo, 120 BPM."""

from __future__ import annotations

from alslint.api import Finding, Rule, RuleOptions, Severity, Stage

#: The tempo of a new Live set.
LIVE_DEFAULT_TEMPO = 120.0


def _shown(bpm: float) -> float:
    """The tempo as Live's control bar shows it (two decimals)."""
    return round(bpm, 2)


class DefaultTempo(Rule):
    code = "ALS101"
    name = "default-tempo"
    summary = "The tempo is still Live's default 120 BPM and never changes."
    stage = Stage.COMPOSITION
    default_severity = Severity.INFO
    Options = RuleOptions

    def check(self, live_set, options, context):
        tempos = {_shown(live_set.tempo)}
        envelope = live_set.tempo_envelope
        if envelope is not None:
            # Any value the tempo envelope holds is a tempo someone chose, moving or not.
            tempos.update(_shown(value) for value in envelope.points.values)
            if envelope.default_value is not None:
                tempos.add(_shown(envelope.default_value))
        tempos.update(_shown(scene.tempo) for scene in live_set.scenes if scene.tempo)
        if tempos != {LIVE_DEFAULT_TEMPO}:
            return
        yield Finding(
            message=(
                "The tempo is still Live's default 120 BPM: decide the song's tempo now "
                "(if 120 is your choice, ignore this)"
            )
        )
