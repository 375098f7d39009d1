"""Values as Live writes them in XML: `Value` attributes, finite numbers, times in beats,
parameters' static values and automation events, each converted and bounded here, where it
is read. Damage raises ValueError (see `build`).

Later loops and conversions trust these values: a signature of 2^60 beats per bar or a pan of
1e308 would hang a bar walk or overflow a conversion, so every value is held to what Live
itself offers (checked against the corpus of real sets).
"""

from __future__ import annotations

import math
from array import array

from lxml import etree

from ..model import Points

#: Live writes a parameter's static value as an event at this time (about -2 years in beats).
DEFAULT_EVENT_TIME = -63072000.0
#: Times beyond this are damage: they would make rules walk millions of bars. The largest
#: real time seen is 1.24e6 beats (a DJ tracklist's automation). Device parameters are not
#: bounded: Live writes the float maximum, 3.4e38, for a compressor's "inf : 1" ratio.
MAX_BEATS = 1e7

#: Live's tempo range (BPM).
MIN_TEMPO, MAX_TEMPO = 20.0, 999.0
#: A fader's gain at +6 dB is 1.99526; a little room for float32 rounding.
MAX_GAIN = 2.0
#: Time signature codes: (numerator - 1) + 99 * log2(denominator), numerator 1–99 and
#: denominator 1, 2, 4, 8 or 16, as Live offers them.
MAX_SIGNATURE_CODE = 98 + 99 * 4
#: Ids and indexes are 32-bit in Live; a longer number is damage (and never converted).
MAX_INT = 2**31 - 1

_EVENT_TAGS = ("FloatEvent", "BoolEvent", "EnumEvent")


def value(el: etree._Element | None, path: str | None = None, default: str | None = None):
    """The `Value` attribute of `el` (or of `el.find(path)`), else `default`."""
    if el is not None and path is not None:
        el = el.find(path)
    if el is None:
        return default
    return el.get("Value", default)


def finite(text: str) -> float:
    """A finite float; NaN, infinities and out-of-range values are damage."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"value {shown(text)} is not a finite number")
    return value


def beats(text: str) -> float:
    """A position or length in beats, within what a real arrangement can hold."""
    value = finite(text)
    if abs(value) > MAX_BEATS:
        raise ValueError(f"time {shown(text)} is beyond any arrangement")
    return value


def shown(text: str) -> str:
    """`text` quoted for a damage note, a 4,000-digit number cut short."""
    return repr(text) if len(text) <= 24 else repr(text[:20]) + f"… ({len(text)} characters)"


def bounded(number: float, low: float, high: float, what: str) -> float:
    """`number` if it lies within low…high, else damage naming `what`."""
    if not low <= number <= high:
        raise ValueError(f"{what} {number:g} is outside {low:g}…{high:g}")
    return number


def tempo(number: float) -> float:
    return bounded(number, MIN_TEMPO, MAX_TEMPO, "tempo")


def pan(number: float) -> float:
    return bounded(number, -1.0, 1.0, "pan")


def gain(number: float) -> float:
    return bounded(number, 0.0, MAX_GAIN, "gain")


def signature_code(number: float) -> int:
    """A time signature code Live can write (see MAX_SIGNATURE_CODE)."""
    if number != int(number) or not 0 <= number <= MAX_SIGNATURE_CODE:
        raise ValueError(f"time signature code {number:g} is not one Live writes")
    return int(number)


def integer(text: str, low: int = -1, high: int = MAX_INT, what: str = "number") -> int:
    """An integer attribute (id, index, colour, count) within low…high."""
    if len(text) > 20:
        raise ValueError(f"{what} {shown(text)} is too long")
    number = int(text)
    if not low <= number <= high:
        raise ValueError(f"{what} {number} is outside {low}…{high}")
    return number


def float_of(el, path=None, default: float | None = None) -> float | None:
    text = value(el, path)
    if text is None:
        return default
    return finite(text)


def bool_of(el, path=None, default: bool = False) -> bool:
    text = value(el, path)
    return default if text is None else text == "true"


def leaf_values(el) -> dict[str, str]:
    """{child tag: its Value attribute} for the direct children of `el`."""
    if el is None:
        return {}
    return {child.tag: child.get("Value") for child in el}


def param_value(param: etree._Element | None) -> str | None:
    """Static value of an automatable parameter: `Manual` (9+) or the default event (8)."""
    if param is None:
        return None
    manual = param.find("Manual")
    if manual is not None:
        return manual.get("Value")
    for event in param.iterfind("ArrangerAutomation/Events/*"):
        return event.get("Value")
    return None


def param_float(param, default: float) -> float:
    text = param_value(param)
    if text is None:
        return default
    if text in ("true", "false"):
        return 1.0 if text == "true" else 0.0
    return finite(text)


def param_bool(param, default: bool = True) -> bool:
    text = param_value(param)
    return default if text is None else text == "true"


def event_number(text: str) -> float:
    if text == "true":
        return 1.0
    if text == "false":
        return 0.0
    return finite(text)


def points_of(events: etree._Element | None) -> tuple[float | None, Points]:
    """Split an automation `Events` list into the default value and the real breakpoints."""
    default = None
    times, values = array("d"), array("d")
    if events is None:
        return default, Points(times, values)
    for event in events:
        if event.tag not in _EVENT_TAGS:
            continue
        time = finite(event.get("Time"))
        value = event_number(event.get("Value"))
        if time > DEFAULT_EVENT_TIME:
            beats(event.get("Time"))
        if time <= DEFAULT_EVENT_TIME:
            default = value
        else:
            times.append(time)
            values.append(value)
    return default, Points(times, values)
