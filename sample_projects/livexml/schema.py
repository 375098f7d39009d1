"""Constants of the Live 12.3 schema and the unit conversions Live's values need."""

from __future__ import annotations

import math

MAJOR_VERSION = "5"
MINOR_VERSION = "12.0_12300"
SCHEMA_CHANGE_COUNT = "1"
CREATOR = "Ableton Live 12.3.5"
#: Our own revision string (Live writes the 40-hex-digit hash of its build here).
REVISION = "5a3f1e0c9b7d2468ace013579bdf02468ace1357"
#: Live 12.3 writes this number on the set and on every device (0x0C03).
OVERWRITE_PROTECTION = 3075

#: A parameter's static value is stored as an automation event at this time.
DEFAULT_EVENT_TIME = -63072000
#: Volume/send floor (-70 dB, shown as -inf) and the volume ceiling (+6 dB).
MIN_GAIN = "0.0003162277571"
MAX_VOLUME = "1.99526238"
#: Parameter slot value Live writes for unconfigured plugin parameter slots.
UNUSED_PLUGIN_PARAMETER = "0.1234567687"
#: Live 12.3 keeps 128 configurable parameter slots per VST/VST3 plugin.
PLUGIN_PARAMETER_SLOTS = 128
#: MIDI controller targets of a MIDI track's sequencer (CC 0–127 plus pitch bend etc.).
MIDI_CONTROLLER_TARGETS = 131

NOTE_NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
#: Live 12.1+ stores the scale as an index into this list (0 = Major, 1 = Minor, ...).
SCALE_NAMES = ["Major", "Minor", "Dorian", "Mixolydian", "Lydian", "Phrygian", "Locrian"]


def db_to_gain(db: float) -> float:
    """Linear gain for a level in dB, rounded to the 10 significant digits Live writes."""
    return float(f"{10 ** (db / 20):.10g}")


def beats_to_seconds(beats: float, tempo: float) -> float:
    return float(f"{beats * 60.0 / tempo:.10g}")


def time_signature_code(numerator: int, denominator: int) -> int:
    """Live's single-integer signature: (numerator - 1) + 99 * log2(denominator)."""
    return (numerator - 1) + 99 * int(math.log2(denominator))


def time_signature_of_code(code: int) -> tuple[int, int]:
    """(numerator, denominator) of Live's signature code (201 is 4/4)."""
    return code % 99 + 1, 2 ** (code // 99)
