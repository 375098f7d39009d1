"""Sample audio for the sample sets, synthesised with plain arithmetic.

The clean set's samples are real files, written next to it: one beat each, 8-bit mono at
22,050 Hz (about 10 KB). They are synthesised with arithmetic only (+, -, *, /, floor and
a linear congruential noise generator), which IEEE 754 rounds the same on every platform,
so the files are byte-identical wherever they are built.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

SYNTH_RATE = 22050


def _u8(x: float) -> int:
    """A sample in -1…1 as an unsigned 8-bit WAV value (silence = 128)."""
    return 128 + round(max(-1.0, min(1.0, x)) * 127)


def _triangle(phase: float) -> float:
    """A triangle wave, -1…1, period 1."""
    return 4.0 * abs(phase - math.floor(phase) - 0.5) - 1.0


def beat_frames(tempo: float, beats: float = 1.0, rate: int = SYNTH_RATE) -> int:
    frames = rate * 60.0 * beats / tempo
    if frames != int(frames):
        raise ValueError(
            f"{beats} beats at {tempo} BPM are not a whole number of frames at {rate} Hz"
        )
    return int(frames)


def synth_kick(frames: int, rate: int = SYNTH_RATE) -> bytes:
    """A kick drum: a triangle falling from 150 to 45 Hz, decaying over the beat."""
    out, phase = bytearray(), 0.25  # the triangle's zero crossing: no click at the start
    for n in range(frames):
        rest = 1.0 - n / frames
        phase += (45.0 + 105.0 * rest * rest * rest) / rate
        out.append(_u8(0.9 * rest * rest * _triangle(phase)))
    return bytes(out)


def synth_hat(frames: int, rate: int = SYNTH_RATE) -> bytes:
    """A closed hi-hat: noise that dies away within the first sixth of the beat."""
    out, state, previous = bytearray(), 12345, 0.0
    length = frames // 6
    for n in range(frames):
        state = (state * 1103515245 + 12345) % 2147483648
        noise = state / 1073741824.0 - 1.0
        envelope = max(0.0, 1.0 - n / length)
        out.append(_u8(0.5 * envelope * envelope * (noise - previous)))  # differenced: brighter
        previous = noise
    return bytes(out)


def synth_tone(
    frames: int, frequencies: Sequence[float], level: float, rate: int = SYNTH_RATE
) -> bytes:
    """Triangle waves summed, with a short attack and a release into the end of the beat."""
    out = bytearray()
    attack, release = frames // 50, frames // 4
    for n in range(frames):
        envelope = min(1.0, n / attack, (frames - n) / release)
        value = sum(_triangle(n * f / rate) for f in frequencies) / len(frequencies)
        out.append(_u8(level * envelope * value))
    return bytes(out)
