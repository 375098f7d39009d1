"""ALS402 level-above-zero: faders and volume automation above 0 dB (clipping risk)."""

from __future__ import annotations

import math

from pydantic import Field

from alslint.api import MIN_GAIN, Finding, Rule, RuleOptions, Severity, Stage, name_matches
from alslint_rules._track_use import carries_no_audio

#: Gains this close above the limit are the limit itself (Live stores 0 dB as 1.0 exactly).
_TOLERANCE = 1e-6


class LevelAboveZeroOptions(RuleOptions):
    max_db: float = Field(0.0, description="Highest allowed fader level (dB), master and tracks.")
    allow_tracks: list[str] = Field(
        default_factory=list, description="Track-name globs never reported (the master included)."
    )


class LevelAboveZero(Rule):
    code = "ALS402"
    name = "level-above-zero"
    summary = (
        "The master or a track fader (or its volume automation) is above 0 dB: a clipping risk."
    )
    stage = Stage.MIXING
    default_severity = Severity.WARNING
    Options = LevelAboveZeroOptions

    def check(self, live_set, options, context):
        limit = 10.0 ** (options.max_db / 20.0) * (1.0 + _TOLERANCE)
        end_of_song = live_set.arrangement_end
        for track in live_set.tracks:
            if name_matches(track.name, options.allow_tracks):
                continue
            if track.type != "master" and not live_set.is_audible(track):
                continue
            if carries_no_audio(track):
                continue  # its MIDI goes elsewhere: the fader moves no sound
            envelope = _volume_envelope(track)
            if envelope is None:
                if track.mixer.volume > limit:
                    yield Finding(
                        message=_fader_message(track, track.mixer.volume_db, options.max_db),
                        location=context.location(track=track),
                    )
                continue
            # Automated: the envelope, not the fader's saved position, sets the level.
            for start, end, peak, flat in _spans_above(envelope, limit, end_of_song):
                verb = "stays at" if flat else "rises to"
                yield Finding(
                    message=(
                        f"Volume automation {verb} {_db(peak, options.max_db)} dB, above "
                        f"{_limit(options.max_db)}: {_risk(track)}; lower the automation there"
                    ),
                    location=context.location(
                        track=track, parameter="Volume", start=start, end=end
                    ),
                )


def _volume_envelope(track):
    for envelope in track.envelopes:
        if (
            envelope.owner == "Mixer"
            and envelope.parameter == "Volume"
            and (len(envelope.points) or envelope.default_value is not None)
        ):
            return envelope
    return None


def _risk(track) -> str:
    if track.type == "master":
        return "the mix can clip the output"
    return "the track pushes the mix towards clipping"


def _fader_message(track, volume_db: float, max_db: float) -> str:
    if track.type == "master":
        return (
            f"Master fader at {_db(volume_db, max_db, is_db=True)} dB, above {_limit(max_db)}: "
            "the mix can clip the output; pull the master down and make room on the tracks"
        )
    return (
        f"Fader at {_db(volume_db, max_db, is_db=True)} dB, above {_limit(max_db)}: the track "
        "pushes the mix towards clipping; lower the fader (raise the clip gain or a Utility "
        "if the source is too quiet)"
    )


def _limit(max_db: float) -> str:
    return "0 dB" if max_db == 0 else f"{max_db:+.1f} dB"


def _db(value: float, max_db: float, *, is_db: bool = False) -> str:
    """A level as Live shows it; two decimals when one would read as the limit itself."""
    db = value if is_db else 20.0 * math.log10(value)
    return f"{db:+.2f}" if round(db, 1) <= round(max_db, 1) else f"{db:+.1f}"


def _crossing(v1: float, v2: float, limit: float) -> float:
    """Where (0…1) a ramp from gain v1 to v2, straight in dB, crosses `limit`."""
    d1, d2, dl = (20.0 * math.log10(max(v, MIN_GAIN)) for v in (v1, v2, limit))
    return (dl - d1) / (d2 - d1)


def _spans_above(envelope, limit: float, end_of_song: float):
    """(start, end, peak gain, flat) of each stretch where the automation is above `limit`;
    `flat` when the level does not move within the stretch (held, or jumped to and held).

    Between breakpoints Live ramps along its fader scale, taken here as a straight line in dB;
    before the first breakpoint the envelope holds its start value, after the last one its last
    value.
    """
    points = list(envelope.points)
    start_value = envelope.default_value if envelope.default_value is not None else points[0][1]
    spans: list[list] = []  # [start, end, peak, flat]

    def add(start: float, end: float, peak: float, flat: bool = True) -> None:
        start, end = max(start, 0.0), max(end, 0.0)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
            spans[-1][3] = spans[-1][3] and flat and spans[-1][2] == peak
            spans[-1][2] = max(spans[-1][2], peak)
        else:
            spans.append([start, end, peak, flat])

    if start_value > limit:
        add(0.0, points[0][0] if points else max(end_of_song, 0.0), start_value)
    for (t1, v1), (t2, v2) in zip(points, points[1:]):
        if v1 <= limit and v2 <= limit:
            continue
        if t2 == t1 or (v1 > limit and v2 > limit):
            first, last = t1, t2
        elif v1 > limit:  # ramps down through the limit
            first, last = t1, t1 + _crossing(v1, v2, limit) * (t2 - t1)
        else:  # ramps up through the limit
            first, last = t1 + _crossing(v1, v2, limit) * (t2 - t1), t2
        add(first, last, max(v1, v2), t2 == t1 or v1 == v2)
    if points and points[-1][1] > limit:
        last_time = points[-1][0]
        add(last_time, max(last_time, end_of_song), points[-1][1])
    return [tuple(span) for span in spans]
