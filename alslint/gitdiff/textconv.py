"""A line-oriented text rendering of a set, made for `git diff` (`alslint textconv`).

One stable line per thing a producer changes, in an order that keeps a small change in Live a
small change in the text: set-level lines first (version, tempo, signature, key, locators,
scenes), then every track in display order with its mixer, device chain, clips (by position)
and automation. Nothing that Live rewrites on every save appears (ids, view state, window
positions, plugin state blobs): the model holds none of those.

Track and set headers start at column 0 and everything belonging to them is indented, so git
shows the enclosing track in each hunk header (`@@ … @@ midi track "Bass"`).

Identical input gives identical output on every machine: numbers are rounded to at most three
decimals with trailing zeros stripped, and nothing depends on paths, time or hashing seeds.
"""

from __future__ import annotations

import hashlib
import math
import sys
from array import array
from collections.abc import Iterable

from ..describe import bars, db, device_label, gain_to_db, num, pan, position, quote
from ..model import Clip, Device, Envelope, LiveSet, Notes, Points, Track
from ..safetext import shown
from ..timeline import Timeline

#: Bumped when the rendering changes, so cached renderings can be told apart.
TEXTCONV_FORMAT = 3


# -- hashes of content (shared with the diff) ------------------------------------------------


def notes_hash(notes: Notes | None) -> str:
    """A short hash of the notes' content (pitch, time, duration, velocity, on/off), order-free.

    Times, durations and velocities count to 1/1000; the bytes are little-endian everywhere.
    """
    if notes is None:
        return "-"
    rows = sorted(
        zip(
            notes.pitches,
            [round(t * 1000) for t in notes.times],
            [round(d * 1000) for d in notes.durations],
            [round(v * 1000) for v in notes.velocities],
            notes.enabled,
        )
    )
    flat = array("q", [value for row in rows for value in row])
    if sys.byteorder == "big":
        flat.byteswap()
    return hashlib.sha1(flat.tobytes()).hexdigest()[:8]


def points_hash(points: Points, default: float | None = None) -> str:
    rows = [f"{num(t)} {num(v)}" for t, v in points]
    if default is not None:
        rows.insert(0, f"default {num(default)}")
    return hashlib.sha1("\n".join(rows).encode()).hexdigest()[:8]


# -- the rendering ---------------------------------------------------------------------------


def track_header(track: Track) -> str:
    if track.type == "master":
        return "master track"
    return f"{track.type} track {quote(track.name)}"


def clip_summary(clip: Clip, timeline: Timeline | None = None) -> str:
    """Everything about a clip but its place: name, length, loop, content, on/off."""
    parts = [f"{clip.kind} clip {quote(clip.name)}", f"length {num(clip.length)}"]
    loop = clip.loop
    state = "on" if loop.on else "off"
    parts.append(f"loop {state} {num(loop.start)}–{num(loop.end)}")
    if loop.start_relative:
        parts.append(f"start offset {num(loop.start_relative)}")
    if clip.kind == "audio":
        parts.append(f"sample {quote(clip.sample.name) if clip.sample else 'none'}")
        if clip.fades is not None:
            fades = clip.fades
            automatic = [
                edge
                for edge, on in (("in", fades.default_fade_in), ("out", fades.default_fade_out))
                if on
            ]
            parts.append(
                f"fades {'on' if fades.enabled else 'off'}: in {num(fades.fade_in)} beats, "
                f"out {num(fades.fade_out)} beats"
                + (f" (Live's automatic {'/'.join(automatic)})" if automatic else "")
            )
        if clip.warped is not None:
            parts.append("warped" if clip.warped else "unwarped")
    else:
        count = len(clip.notes) if clip.notes is not None else 0
        parts.append(f"{count} note{'' if count == 1 else 's'} #{notes_hash(clip.notes)}")
    if clip.disabled:
        parts.append("disabled")
    return ", ".join(parts)


def envelope_summary(envelope: Envelope, timeline: Timeline, label: str | None = None) -> str:
    """One line: what is automated, how many points, the value range, the bars, a hash."""
    points = envelope.points
    if label is None:
        label = "automation " + " › ".join([*envelope.device_path[:-1], envelope.label])
    values = list(points.values)
    low, high = min(values), max(values)
    # Send envelopes are named "Sends › Send A" in real sets: `send_index` knows them all.
    if envelope.owner == "Mixer" and (
        envelope.parameter == "Volume" or envelope.send_index is not None
    ):
        value_range = f"{db(low)}–{db(high)}"
    else:
        value_range = f"{num(low)}–{num(high)}"
    first = timeline.bar_of(max(points.times[0], 0.0))
    last = timeline.bar_of(max(points.times[-1], 0.0))
    count = len(points)
    return (
        f"{label}: {count} point{'' if count == 1 else 's'}, {value_range}, {bars(first, last)}, "
        f"#{points_hash(points, envelope.default_value)}"
    )


def _device_lines(devices: Iterable[Device], indent: str) -> Iterable[str]:
    for device in devices:
        yield f"{indent}device {device_label(device)}{'' if device.on else ', off'}"
        for number, chain in enumerate(device.chains, start=1):
            name = (
                "" if chain.auto_name else f" {quote(chain.name)}"
            )  # Live's own names follow the devices
            yield f"{indent}  chain {number}{name}{'' if chain.on else ', off'}"
            yield from _device_lines(chain.devices, indent + "    ")


def _envelope_key(envelope: Envelope) -> tuple:
    return (envelope.device_path, envelope.label)


def _track_lines(live_set: LiveSet, track: Track, timeline: Timeline) -> Iterable[str]:
    yield track_header(track)
    if track.group_name is not None:
        yield f"  in group {quote(track.group_name)}"
    mixer = track.mixer
    # Settings at Live's defaults are left out (pan centre, track on, no solo, sends at
    # -inf): fewer identical lines, so git aligns the tracks of two versions better.
    yield f"  volume {db(mixer.volume)}"
    if pan(mixer.pan) != "C":
        yield f"  pan {pan(mixer.pan)}"
    if not mixer.on:
        yield "  track off"
    if mixer.solo:
        yield "  solo"
    if track.frozen:
        yield "  frozen"
    for send in mixer.sends:
        if math.isinf(gain_to_db(send.level)):
            continue
        state = "" if send.active else ", off"
        yield f"  send {quote(send.return_name)} {db(send.level)}{state}"
    # Routing at Live's default is left out, like the mixer's defaults.
    for chooser, display in live_set.routing_not_default(track).items():
        yield f"  {chooser} {display}"
    yield from _device_lines(track.devices, "  ")
    for clip in sorted(track.arrangement_clips, key=_clip_order):
        yield (
            f"  clip {position(timeline, clip.start)} (beat {num(clip.start)}): "
            f"{clip_summary(clip)}"
        )
    for clip in sorted(track.take_lane_clips, key=lambda c: (c.take_lane or 0, *_clip_order(c))):
        yield (
            f"  take lane {(clip.take_lane or 0) + 1} clip {position(timeline, clip.start)} "
            f"(beat {num(clip.start)}): {clip_summary(clip)}"
        )
    for clip in sorted(track.session_clips, key=lambda c: (c.scene_index or 0, c.name)):
        yield f"  slot {(clip.scene_index or 0) + 1}: {clip_summary(clip)}"
    # Stable order: by device path and parameter; equal labels keep the order Live wrote.
    # The set's tempo and time signature are shown with the set, not with the master.
    for envelope in sorted(track.own_envelopes, key=_envelope_key):
        if not len(envelope.points):
            continue  # Live keeps an envelope with only its static value: no automation
        yield "  " + envelope_summary(envelope, timeline)


def _clip_order(clip: Clip) -> tuple:
    return (clip.start, clip.end, clip.name, clip.kind)


def render(live_set: LiveSet) -> str:
    """The textconv rendering of `live_set` (ends with a newline)."""
    timeline = live_set.timeline()
    lines = [f"alslint textconv {TEXTCONV_FORMAT}", f"live {live_set.live_version}"]
    lines.append(f"tempo {num(live_set.tempo)} BPM")
    if live_set.tempo_envelope is not None and live_set.tempo_automated:
        lines.append("  " + envelope_summary(live_set.tempo_envelope, timeline, "automation"))
    lines.append(f"time signature {live_set.time_signature}")
    signature_env = live_set.time_signature_envelope
    if signature_env is not None and live_set.time_signature_automated:
        previous = None
        for time, _ in signature_env.points:
            signature = timeline.signature_at(time)
            if signature != previous:
                lines.append(f"  from bar {timeline.bar_of(time)}: {signature}")
                previous = signature
    scale = live_set.scale
    lines.append(f"key {scale}" if scale is not None else "key none")
    for message in live_set.damage:
        lines.append(f"damaged: {message}")
    for locator in live_set.locators:
        lines.append(
            f"locator {position(timeline, locator.time)} (beat {num(locator.time)}) "
            f"{quote(locator.name)}"
        )
    for number, scene in enumerate(live_set.scenes, start=1):
        # The number is what Live shows beside the scene, and all an unnamed scene has.
        line = f"scene {number}" + (f" {quote(scene.name)}" if scene.name else "")
        if scene.tempo is not None:
            line += f", tempo {num(scene.tempo)} BPM"
        if scene.time_signature is not None:
            line += f", time signature {scene.time_signature}"
        lines.append(line)
    for track in live_set.tracks:
        lines.extend(_track_lines(live_set, track, timeline))
    # Each line shown safely: the names in it come from the set.
    return "".join(shown(line) + "\n" for line in lines)
