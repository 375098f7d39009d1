"""Helpers of alslint.model, on model objects built by hand."""

from __future__ import annotations

import math
from array import array

import pytest

from alslint import testing
from alslint.model import (
    MIN_GAIN,
    Clip,
    Device,
    Envelope,
    LiveSet,
    Loop,
    Mixer,
    Points,
    Send,
    TimeSignature,
    Track,
    gain_to_db,
)

# -- gain_to_db -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "gain, db",
    [
        (1.0, 0.0),
        (0.5, 20 * math.log10(0.5)),  # -6.0206
        (0.1, -20.0),
        (1.99526238, 6.0),  # Live's fader maximum, +6 dB
        (0.8511379361, -1.4),
        (MIN_GAIN * 1.001, -70.0 + 20 * math.log10(1.001)),  # just above the floor: finite
    ],
)
def test_gain_to_db(gain, db):
    assert gain_to_db(gain) == pytest.approx(db, abs=1e-5)  # gains are stored rounded


@pytest.mark.parametrize("gain", [MIN_GAIN, 0.0003162, 0.0, -1.0])
def test_gain_at_or_below_the_floor_is_minus_infinity(gain):
    assert gain_to_db(gain) == -math.inf


# -- Send.reaches -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "level, active, reaches",
    [
        (1.0, True, True),
        (0.001, True, True),
        (1.0, False, False),
        (MIN_GAIN, True, False),
        (0.0, True, False),
        (MIN_GAIN * 1.001, True, True),
    ],
)
def test_send_reaches(level, active, reaches):
    send = Send(return_index=0, return_name="A-Reverb", level=level, active=active)
    assert send.reaches is reaches


def test_send_level_db():
    assert Send(return_index=1, return_name="B", level=0.1).level_db == pytest.approx(-20.0)
    assert Send(return_index=1, return_name="B", level=MIN_GAIN).level_db == -math.inf


# -- Envelope.moves ---------------------------------------------------------------------------


def envelope(default: float | None, *points: tuple[float, float]) -> Envelope:
    times = array("d", [t for t, _ in points])
    values = array("d", [v for _, v in points])
    return Envelope(
        parameter="Volume", owner="Mixer", default_value=default, points=Points(times, values)
    )


@pytest.mark.parametrize(
    "env, moves",
    [
        (envelope(0.5), False),  # default only
        (envelope(None), False),
        (envelope(0.5, (0.0, 0.5), (8.0, 0.5)), False),  # flat at the default
        (envelope(0.5, (8.0, 0.25)), True),  # one point away from the default
        (envelope(None, (0.0, 1.0)), False),  # a single point, nothing to move from
        (envelope(None, (0.0, 1.0), (4.0, 0.0)), True),
        (envelope(1.0, (0.0, 0.0), (4.0, 0.0)), True),  # moves from the default at once
    ],
)
def test_envelope_moves(env, moves):
    assert env.moves is moves


def test_envelope_label_and_points():
    env = envelope(None, (0.0, 1.0), (4.0, 0.0))
    assert env.label == "Mixer › Volume"
    assert list(env.points) == [(0.0, 1.0), (4.0, 0.0)] and len(env.points) == 2


# -- Track.instrument -------------------------------------------------------------------------


def device(tag: str, **kwargs) -> Device:
    return Device(tag=tag, name=kwargs.pop("name", tag), **kwargs)


ARP = device("MidiArpeggiator", is_midi_effect=True)
CHORD = device("MidiChord", is_midi_effect=True)
OPERATOR = device("Operator", is_instrument=True)
SERUM = device(
    "PluginDevice", name="Serum", is_instrument=True, plugin_format="vst3", plugin_name="Serum"
)
EQ = device("Eq8")


def track(*devices: Device, **kwargs) -> Track:
    defaults = dict(index=0, id=1, type="midi", name="1-MIDI")
    return Track(devices=list(devices), **{**defaults, **kwargs})


@pytest.mark.parametrize(
    "devices, expected",
    [
        ([OPERATOR, EQ], OPERATOR),
        ([ARP, CHORD, OPERATOR, EQ], OPERATOR),  # MIDI effects come first
        ([ARP, SERUM], SERUM),  # plugin instrument
        ([ARP, CHORD], None),  # MIDI effects only
        ([EQ, OPERATOR], None),  # an audio effect before it: not the instrument slot
        ([], None),
    ],
)
def test_track_instrument(devices, expected):
    assert track(*devices).instrument is expected


def test_all_devices_opens_racks_in_chain_order():
    from alslint.model import Chain

    rack = device(
        "InstrumentGroupDevice",
        is_instrument=True,
        chains=[
            Chain(name="A", devices=[ARP, OPERATOR]),
            Chain(name="B", devices=[SERUM]),
        ],
    )
    t = track(CHORD, rack, EQ)
    assert [d.name for d in t.all_devices()] == [
        "MidiChord",
        "InstrumentGroupDevice",
        "MidiArpeggiator",
        "Operator",
        "Serum",
        "Eq8",
    ]
    assert t.instrument is rack and rack.is_rack and not OPERATOR.is_rack
    assert SERUM.is_plugin and not OPERATOR.is_plugin


# -- LiveSet: groups, parents, audibility -----------------------------------------------------


def make_set() -> LiveSet:
    tracks = [
        Track(index=0, id=10, type="group", name="Drums"),
        Track(index=1, id=11, type="audio", name="Kick", group_id=10),
        Track(index=2, id=12, type="group", name="Tops", group_id=10),
        Track(index=3, id=13, type="midi", name="Hats", group_id=12),
        Track(index=4, id=14, type="audio", name="Bass"),
        Track(index=5, id=2, type="return", name="A-Reverb"),
        Track(index=6, id=None, type="master", name="Master"),
    ]
    return LiveSet(
        path="x.als",
        creator="Ableton Live 11.3.21",
        live_version="11.3.21",
        schema_family=5,
        minor_version="11.0_11300",
        tempo=120.0,
        time_signature=TimeSignature(),
        tracks=tracks,
    )


def names(tracks) -> list[str]:
    return [t.name for t in tracks]


def test_children_and_parent():
    s = make_set()
    drums, kick, tops, hats, bass, reverb, master = s.tracks
    assert names(s.children(drums)) == ["Kick", "Tops"]
    assert names(s.children(tops)) == ["Hats"]
    assert s.children(kick) == [] and s.children(master) == []
    assert s.parent(hats) is tops and s.parent(tops) is drums and s.parent(kick) is drums
    assert s.parent(drums) is None and s.parent(bass) is None and s.parent(master) is None
    assert s.master is master and names(s.returns) == ["A-Reverb"]
    assert names(s.tracks_of("audio", "midi")) == ["Kick", "Hats", "Bass"]
    assert s.live_major == 11


def test_is_audible_follows_enclosing_groups():
    s = make_set()
    drums, kick, tops, hats, bass, reverb, master = s.tracks
    assert all(s.is_audible(t) for t in s.tracks)
    tops.mixer = Mixer(on=False)
    assert [s.is_audible(t) for t in s.tracks] == [True, True, False, False, True, True, True]
    tops.mixer = Mixer(on=True)
    drums.mixer = Mixer(on=False)
    assert [s.is_audible(t) for t in s.tracks] == [False, False, False, False, True, True, True]
    drums.mixer = Mixer(on=True)
    hats.mixer = Mixer(on=False)
    assert [s.is_audible(t) for t in s.tracks] == [True, True, True, False, True, True, True]


def test_a_group_id_without_a_group_has_no_parent():
    s = make_set()
    orphan = Track(index=7, id=15, type="audio", name="Orphan", group_id=99)
    assert s.parent(orphan) is None and s.is_audible(orphan)


def test_arrangement_end_and_clip_length():
    s = make_set()
    loop = Loop(on=False, start=0.0, end=4.0)
    s.tracks[1].arrangement_clips = [Clip(kind="audio", name="a", start=8.0, end=24.0, loop=loop)]
    s.tracks[3].arrangement_clips = [Clip(kind="midi", name="b", start=0.0, end=30.5, loop=loop)]
    assert s.arrangement_end == 30.5
    assert s.tracks[1].arrangement_clips[0].length == 16.0
    assert make_set().arrangement_end == 0.0


def test_tempo_automated_needs_a_moving_envelope():
    s = make_set()
    assert not s.tempo_automated
    s.tempo_envelope = envelope(120.0, (0.0, 120.0))
    assert not s.tempo_automated
    s.tempo_envelope = envelope(120.0, (16.0, 140.0))
    assert s.tempo_automated


# -- mixer envelopes, sends and the returns they reach ------------------------------------------


def _env(parameter: str, values: list[float], owner: str = "Mixer", default=None) -> Envelope:
    times = [float(i) for i in range(len(values))]
    return Envelope(
        parameter=parameter,
        owner=owner,
        default_value=default,
        points=Points(array("d", times), array("d", values)),
    )


def test_send_index_names_the_return_an_envelope_drives():
    assert _env("Send B", [0.5]).send_index == 1
    assert _env("Sends › Send A", [0.5]).send_index == 0
    assert _env("Send B", [0.5], owner="Reverb").send_index is None
    assert _env("Volume", [0.5]).send_index is None


def test_mixer_envelopes_of_a_track():
    pan, freq = _env("Pan", [0.0, 0.5]), _env("Freq", [1.0], owner="EQ Eight")
    track = Track(index=0, id=1, type="audio", name="Bass", envelopes=[freq, pan])
    assert track.mixer_envelopes == [pan]
    assert track.mixer_envelope("Pan") is pan
    assert track.mixer_envelope("Volume") is None


def test_reached_returns_by_level_or_by_automation():
    def track(index, sends, envelopes=(), on=True):
        return Track(
            index=index,
            id=index,
            type="audio",
            name=f"{index}",
            mixer=Mixer(on=on, sends=sends),
            envelopes=list(envelopes),
        )

    silent = [Send(return_index=i, return_name=n, level=MIN_GAIN) for i, n in enumerate("ABC")]
    sends = [silent[0].model_copy(update={"level": 0.5}), *silent[1:]]
    tracks = [
        track(0, sends),  # reaches A
        track(1, silent, [_env("Sends › Send C", [MIN_GAIN, 0.3])]),  # C, by automation
        track(2, [*silent[:1], silent[1].model_copy(update={"level": 1.0}), silent[2]], on=False),
    ]
    assert testing.make_set(tracks).reached_returns() == {
        0,
        2,
    }  # B only from a track that is switched off


def test_own_envelopes_leave_the_sets_tempo_and_signature_to_the_set():
    tempo, signature, volume = (
        _env("Tempo", [120.0]),
        _env("TimeSignature", [201.0]),
        _env("Volume", [1.0]),
    )
    master = Track(
        index=1, id=None, type="master", name="Main", envelopes=[tempo, signature, volume]
    )
    assert master.own_envelopes == [volume]
    audio = Track(index=0, id=1, type="audio", name="Bass", envelopes=[tempo, volume])
    assert audio.own_envelopes == [tempo, volume]


def test_group_queries_are_linear_in_tracks_and_depth():
    """Rules ask every track for its parent, children and audibility: 5,000 nested groups
    once took minutes (a pass over all tracks per parent, per level)."""
    import time

    depth = 5000
    tracks = [
        testing.make_track("group", f"G{i}", id=i, group_id=i - 1 if i else None)
        for i in range(depth)
    ]
    tracks.append(testing.make_track("audio", "Vox", id=depth, group_id=depth - 1))
    tracks[10].mixer.on = False
    live_set = testing.make_set(tracks).settle()  # as the reader leaves every set
    started = time.monotonic()
    audible = [live_set.is_audible(track) for track in live_set.tracks]
    parents = [live_set.parent(track) for track in live_set.tracks]
    children = [live_set.children(track) for track in live_set.tracks]
    live_set.reached_returns()
    assert time.monotonic() - started < 5
    assert audible[:10] == [True] * 10 and not any(audible[10:-1]) and audible[-1]
    assert parents[0] is None and parents[1].name == "G0"
    assert [len(c) for c in children[:3]] == [1, 1, 1] and children[-2] == []


def test_a_hand_built_group_cycle_is_silent_not_a_loop():
    tracks = [
        testing.make_track("group", "A", id=1, group_id=2),
        testing.make_track("group", "B", id=2, group_id=1),
    ]
    live_set = testing.make_set(tracks)
    assert [live_set.is_audible(t) for t in live_set.tracks[:2]] == [False, False]
