"""The overview `alslint inspect` prints: one plain dict, shared by the JSON and text outputs.

The dict is the documented `inspect --format json` contract (see README, "inspect JSON");
keys are only ever added, never renamed or removed.
"""

from __future__ import annotations

from typing import Any

from ..describe import db_number
from ..model import Device, LiveSet, Track
from ..timeline import Timeline

INSPECT_SCHEMA_VERSION = 1


def overview(live_set: LiveSet) -> dict[str, Any]:
    timeline = live_set.timeline()
    end = live_set.arrangement_end
    tempo_env = live_set.tempo_envelope
    result: dict[str, Any] = {
        "schema_version": INSPECT_SCHEMA_VERSION,
        "path": live_set.path,
        "live_version": live_set.live_version,
        "creator": live_set.creator,
        "schema_family": live_set.schema_family,
        "tempo": live_set.tempo,
        "tempo_automated": live_set.tempo_automated,
        "tempo_range": None,
        "time_signature": str(live_set.time_signature),
        "time_signature_changes": [],
        "key": None,
        "length": {
            "beats": round(end, 6),
            "bars": timeline.bar_of(end - 1e-6) if end > 0 else 0,
            "seconds": round(timeline.beats_to_seconds(end), 3),
        },
        "tracks": [_track(live_set, track) for track in live_set.tracks],
        "locators": [
            {"time": loc.time, "bar": str(timeline.position(loc.time)), "name": loc.name}
            for loc in live_set.locators
        ],
        "scenes": [
            {
                "index": scene.index,
                "name": scene.name,
                "tempo": scene.tempo,
                "time_signature": str(scene.time_signature) if scene.time_signature else None,
            }
            for scene in live_set.scenes
        ],
    }
    if live_set.tempo_automated and tempo_env is not None:
        values = list(tempo_env.points.values)
        if tempo_env.default_value is not None:
            values.append(tempo_env.default_value)
        result["tempo_range"] = [min(values), max(values)]
    if live_set.time_signature_automated:
        result["time_signature_changes"] = _signature_changes(live_set, timeline)
    if live_set.scale is not None:
        result["key"] = {
            "root": live_set.scale.root_name,
            "scale": live_set.scale.name,
            "in_key": live_set.scale.in_key,
            # False for Live's untouched default (C Major, Scale Mode off), as no-key judges.
            "chosen": live_set.scale.chosen,
        }
    return result


def _signature_changes(live_set: LiveSet, timeline: Timeline) -> list[dict[str, Any]]:
    changes = []
    previous = None
    for time, _code in live_set.time_signature_envelope.points:
        signature = str(timeline.signature_at(time))
        if signature != previous:
            changes.append(
                {"time": time, "bar": timeline.bar_of(time), "time_signature": signature}
            )
            previous = signature
    return changes


def _device(device: Device) -> dict[str, Any]:
    return {
        "name": device.name,
        "device": device.tag,
        "on": device.on,
        "plugin_format": device.plugin_format,
        "instrument": device.is_instrument,
        "chains": [
            {"name": chain.name, "devices": [_device(d) for d in chain.devices]}
            for chain in device.chains
        ],
    }


def _track(live_set: LiveSet, track: Track) -> dict[str, Any]:
    mixer = track.mixer
    return {
        "index": track.index,
        "name": track.name,
        "type": track.type,
        "group": track.group_name,
        "color": track.color,
        "frozen": track.frozen,
        "on": mixer.on,
        "solo": mixer.solo,
        "volume_db": db_number(mixer.volume),
        "pan": round(mixer.pan, 4),
        "sends": [
            {"return": send.return_name, "level_db": db_number(send.level), "active": send.active}
            for send in mixer.sends
        ],
        # The choosers not at Live's default: "audio to" → '"Bus" (Track In)', …
        "routing": live_set.routing_not_default(track),
        "devices": [_device(device) for device in track.devices],
        "arrangement_clips": len(track.arrangement_clips),
        "session_clips": len(track.session_clips),
        "take_lane_clips": len(track.take_lane_clips),
        "notes": sum(
            len(clip.notes)
            for clip in (*track.arrangement_clips, *track.session_clips, *track.take_lane_clips)
            if clip.notes is not None
        ),
        "automation": [
            {"parameter": env.label, "points": len(env.points), "moves": env.moves}
            for env in track.envelopes
        ],
    }
