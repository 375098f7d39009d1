"""A track's mixer: sends, track switch, solo, pan, volume; on the main track also tempo
and time signature, at the fixed ids Live gives them in every new set."""

from __future__ import annotations

from .model import Track
from .schema import MAX_VOLUME, MIN_GAIN, time_signature_code
from .writer import MAIN_MIXER_IDS, Writer, automation_id
from .xml import E, Node, V


def mixer(w: Writer, track: Track | None, *, sends_enabled: bool, main: bool = False) -> Node:
    """A track mixer; `track=None` for the pre-hear track. Records the parameter ids
    in `w.targets` so that envelopes can point at them."""
    sends = []
    if track is not None and not main:
        for i, level in enumerate(send_levels(w, track)):
            send = w.float_param("Send", level, MIN_GAIN, "1")
            w.targets[f"Send {chr(ord('A') + i)}"] = automation_id(send)
            sends.append(E("TrackSendHolder", send, V("EnabledByUser", sends_enabled), Id=i))
    volume = track.volume if track is not None else 1.0
    pan = track.pan if track is not None else 0.0
    active = track.active if track is not None else True
    ids = MAIN_MIXER_IDS if main else {}
    header = w.device_header(on_id=ids.get("On"))
    speaker = w.bool_param("Speaker", active, ids.get("Speaker"))
    pan_node = w.float_param("Pan", pan, "-1", "1", ids=ids.get("Pan"))
    split_l = w.float_param("SplitStereoPanL", -1, "-1", "1")
    split_r = w.float_param("SplitStereoPanR", 1, "-1", "1")
    volume_node = w.float_param("Volume", volume, MIN_GAIN, MAX_VOLUME, ids=ids.get("Volume"))
    cross_fade_state = w.enum_param("CrossFadeState", 1, "0", "2", ids.get("CrossFadeState"))
    w.targets.update(
        Speaker=automation_id(speaker),
        Pan=automation_id(pan_node),
        Volume=automation_id(volume_node),
    )
    node = E("Mixer", *header)
    node.add(
        E("Sends", *sends),
        speaker,
        V("SoloSink", track.solo if track is not None else False),
        V("PanMode", 0),
        pan_node,
        split_l,
        split_r,
        volume_node,
        V("ViewStateSessionTrackWidth", 93),
        cross_fade_state,
        Node("SendsListWrapper", {"LomId": "0"}),
    )
    if main:
        tempo = w.float_param("Tempo", w.live_set.tempo, "60", "200", ids=ids["Tempo"])
        signature = w.enum_param(
            "TimeSignature",
            time_signature_code(*w.live_set.time_signature),
            "0",
            "494",
            ids["TimeSignature"],
        )
        w.targets.update(Tempo=ids["Tempo"][0], TimeSignature=ids["TimeSignature"])
        node.add(
            tempo,
            signature,
            w.float_param("GlobalGrooveAmount", 100, "0", "131.25", ids=ids["GlobalGrooveAmount"]),
            w.float_param("CrossFade", 0, "-1", "1", ids=ids["CrossFade"]),
            V("TempoAutomationViewBottom", 60),
            V("TempoAutomationViewTop", 200),
        )
    return node


def send_levels(w: Writer, track: Track) -> list[float]:
    """One send level per return track: the track's own, then the rest at the floor."""
    count = len(w.live_set.returns)
    return (list(track.sends) + [float(MIN_GAIN)] * count)[:count]
