"""The producer's words, written once: numbers, dB, pan, bar spans and device labels as every
report, the git text, the diff and the rules show them.

Pure conversions of values to text (as python-docx keeps its value conversions in one
`simpletypes` module), so it sits low: the model and the findings use it too. Objects are
read by duck typing; nothing above this module is imported.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from .device_names import display_name

if TYPE_CHECKING:
    from .timeline import Timeline


class _DeviceLike(Protocol):
    """What a device label reads of `alslint.model.Device` (the model sits above this module)."""

    tag: str
    name: str
    plugin_format: str | None
    plugin_name: str | None


#: Live's floor for volumes and sends: this gain (-70 dB) is shown, and heard, as -inf.
MIN_GAIN = 0.0003162277571

#: Pan steps on each side of centre: Live's mixer shows whole steps, 1L…50L, C, 1R…50R.
PAN_STEPS = 50


def gain_to_db(gain: float) -> float:
    """Linear gain to dB; Live's floor and below are -inf."""
    if gain <= MIN_GAIN * 1.0001:
        return -math.inf
    return 20.0 * math.log10(gain)


def num(value: float, decimals: int = 3) -> str:
    """`value` rounded to `decimals`, trailing zeros stripped: 1.5, 120, -0.25, -inf."""
    if math.isinf(value):
        return "-inf" if value < 0 else "inf"
    text = f"{round(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def clock(seconds: float) -> str:
    """A time as m:ss.t ("2:27.7", "0:00.0"), rounded to the tenth before it is split."""
    tenths = round(seconds * 10)
    return f"{tenths // 600}:{tenths % 600 / 10:04.1f}"


def duration(seconds: float) -> str:
    """A time as a producer reads it: "250 ms" under a second, else m:ss.t ("2:27.7")."""
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return clock(seconds)


#: Pitch classes as Live names them.
PITCH_CLASSES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]


def note_name(pitch: int) -> str:
    """A MIDI pitch as Live names it: middle C (60) is C3."""
    return f"{PITCH_CLASSES[pitch % 12]}{pitch // 12 - 2}"


def quote(text: str) -> str:
    """A name in double quotes; quotes, backslashes and control characters escaped."""
    return json.dumps(text, ensure_ascii=False)


def db(gain: float) -> str:
    """A linear gain as dB, one decimal more than Live shows: "-3.52 dB", "-inf dB"."""
    return f"{num(gain_to_db(gain), 2)} dB"


def db_number(gain: float) -> float | None:
    """A linear gain as dB for data (JSON): two decimals, None (null) for Live's floor."""
    value = gain_to_db(gain)
    return None if math.isinf(value) else round(value, 2)


def fader(value_db: float | None) -> str:
    """A fader's dB in a table: one decimal and a sign, "0.0", "-inf" for Live's floor."""
    if value_db is None or (isinstance(value_db, float) and math.isinf(value_db)):
        return "-inf"
    return f"{value_db:+.1f}" if value_db else "0.0"


def pan(value: float) -> str:
    """Pan as Live's mixer shows it: "C", or whole steps "1L"…"50L", "1R"…"50R".

    Live stores pan as -1…1 and its pan control prints whole numbers only, 1/50 of a side
    each. A value between two steps (one drawn by automation, or typed into the set) is shown
    at the nearest step, halves away from centre as a printed number rounds: 0.01 (half a
    step) is 1R, 0.25 (12.5 steps) 13R, -0.999 50L. Only a value within half a step of
    centre reads "C".
    """
    steps = math.floor(abs(value) * PAN_STEPS + 0.5 + 1e-9)
    if steps == 0:
        return "C"
    return f"{steps}{'L' if value < 0 else 'R'}"


def bars(first: int, last: int | None = None) -> str:
    """A span of 1-based bars: "bar 5", "bars 5–8"."""
    if last is None or last == first:
        return f"bar {first}"
    return f"bars {first}–{last}"


def bar_ranges(numbers: Iterable[int]) -> str:
    """Bars as runs: [1, 2, 3, 7] -> "bars 1–3, 7"; empty for none."""
    ordered = sorted(set(numbers))
    if not ordered:
        return ""
    ranges = []
    start = previous = ordered[0]
    for bar in ordered[1:]:
        if bar == previous + 1:
            previous = bar
            continue
        ranges.append((start, previous))
        start = previous = bar
    ranges.append((start, previous))
    if len(ranges) == 1:
        return bars(*ranges[0])
    return "bars " + ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)


def position(timeline: Timeline, beat: float) -> str:
    """Bar and beat of `beat`: "17.1", or "17.2.3" off the beat (bar.beat.sixteenth)."""
    where = timeline.position(beat)
    if where.sixteenth == 1:
        return f"{where.bar}.{where.beat}"
    return str(where)


def device_label(device: _DeviceLike) -> str:
    """What a device is: its name, and the device or plugin behind it when that differs."""
    if device.plugin_format:
        kind = f"{device.plugin_format} plugin {quote(device.plugin_name or '')}"
        return f"{quote(device.name)} ({kind})"
    native = display_name(device.tag)
    if device.name == native:
        return native
    return f"{quote(device.name)} ({native})"
