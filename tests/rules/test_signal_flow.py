"""Issue #13: the track-use and level rules follow the set's routing and send automation.

Each case is a set as Live saves it, in the model: a Live 9 Drum Rack "player" track fed by a
clip track's `MidiOutputRouting` (`MidiOut/Track.50/TrackIn`), a resampling track, a return
reached only by send automation, a send from a switched-off track.
"""

from array import array

from alslint import testing
from alslint.model import Device, Envelope, Mixer, Points, Route, Routing, Send
from alslint.testing import audio_clip, make_set, make_track, midi_clip
from alslint_rules.level_above_zero import LevelAboveZero
from alslint_rules.unbounced_midi import UnbouncedMidi
from alslint_rules.unused_track import UnusedTrack

DRUM_RACK = Device(tag="DrumGroupDevice", name="Drum Rack", is_instrument=True)
FLOOR = 0.0003162277571  # Live's -inf for sends
BEAT = [(36, 0.0, 0.5), (36, 4.0, 0.5)]


def midi_to(track_id: int) -> Routing:
    target = f"MidiOut/Track.{track_id}/TrackIn"
    return Routing(midi_out=Route(kind="track", track_id=track_id, target=target))


def player_set():
    """Two Drum Rack players without clips, each played by a clip track whose MIDI output
    goes to it; the clip tracks' faders sit at +6 dB (they carry no audio)."""
    loud = Mixer(volume=2.0)
    return make_set(
        [
            make_track("midi", "Kick Player", id=50, devices=[DRUM_RACK]),
            make_track("midi", "Hat Player", id=51, devices=[DRUM_RACK]),
            make_track(
                "midi",
                "Kick",
                clips=[midi_clip(0, 16, notes=BEAT)],
                routing=midi_to(50),
                mixer=loud,
            ),
            make_track(
                "midi", "Hat", clips=[midi_clip(0, 16, notes=BEAT)], routing=midi_to(51), mixer=loud
            ),
        ]
    )


def test_player_tracks_fed_by_midi_routing_are_used():
    assert testing.findings(UnusedTrack, player_set()) == []


def test_player_tracks_fed_by_midi_routing_are_instruments_to_bounce():
    message = (
        'MIDI track still plays through the instrument "Drum Rack": bounce it to audio (or '
        "freeze and flatten it) before mixing"
    )
    assert testing.findings(UnbouncedMidi, player_set()) == [
        ("Kick Player › Drum Rack", message),
        ("Hat Player › Drum Rack", message),
    ]


def test_faders_of_tracks_that_carry_no_audio_are_not_level_problems():
    assert testing.findings(LevelAboveZero, player_set()) == []


def test_a_player_whose_source_plays_nothing_is_still_unused():
    live_set = make_set(
        [
            make_track("midi", "Kick Player", id=50, devices=[DRUM_RACK]),
            make_track(
                "midi",
                "Kick",
                clips=[midi_clip(0, 16, notes=BEAT, disabled=True)],
                routing=midi_to(50),
            ),
        ]
    )
    assert testing.findings(UnusedTrack, live_set) == [
        (
            "Kick Player",
            "Track has no clips in the arrangement or the session: delete it if it is not needed",
        ),
        ("Kick", "All 1 clips on this track are deactivated: delete it if it is not needed"),
    ]


def test_a_track_recording_another_tracks_output_is_used():
    resample = Routing(
        audio_in=Route(kind="track", track_id=60, target="AudioIn/Track.60/TrackOut")
    )
    live_set = make_set(
        [
            make_track("audio", "Vox", id=60, clips=[audio_clip(0, 8)]),
            make_track("audio", "Vox Resample", id=61, routing=resample),
        ]
    )
    assert testing.findings(UnusedTrack, live_set) == []


def _send_a(level: float) -> Mixer:
    return Mixer(sends=[Send(return_index=0, return_name="A-Reverb", level=level)])


def test_a_return_reached_only_by_send_automation_is_used():
    ride = Envelope(
        parameter="Sends › Send A",
        owner="Mixer",
        default_value=FLOOR,
        points=Points(array("d", [0.0, 16.0]), array("d", [FLOOR, 1.0])),
    )
    live_set = make_set(
        [
            make_track(
                "audio", "Vox", clips=[audio_clip(0, 32)], mixer=_send_a(FLOOR), envelopes=[ride]
            ),
            make_track("return", "A-Reverb"),
        ]
    )
    assert testing.findings(UnusedTrack, live_set) == []


def test_a_send_from_a_switched_off_track_does_not_reach_its_return():
    off = _send_a(0.5).model_copy(update={"on": False})
    live_set = make_set(
        [
            make_track("audio", "Vox", clips=[audio_clip(0, 32)], mixer=off),
            make_track("return", "A-Reverb"),
        ]
    )
    assert testing.findings(UnusedTrack, live_set) == [
        ("Vox", "Track is switched off: delete it if it is not needed"),
        ("A-Reverb", "No send reaches this return track: delete it if it is not needed"),
    ]


def test_take_lane_clips_are_not_use_and_say_where_they_are():
    # Issue #13: a track whose only clips lie in take lanes plays nothing; a missing take is
    # located in its lane, not as if the arrangement played it.
    from alslint.model import SampleRef
    from alslint_rules.missing_sample import MissingSample

    take = audio_clip(880, 936, "Vox Take 2").model_copy(
        update={
            "take_lane": 1,
            "sample": SampleRef(name="take.wav", path="/gone/take.wav", relative_path_type=0),
        }
    )
    live_set = make_set(
        [
            make_track("audio", "Song", clips=[audio_clip(0, 32)]),
            make_track("audio", "Vox", take_lane_clips=[take]),
        ]
    )
    assert testing.findings(UnusedTrack, live_set) == [
        (
            "Vox",
            "Track has no clips in the arrangement or the session: delete it if it is not needed",
        ),
    ]
    assert testing.findings(MissingSample, live_set) == [
        (
            'Vox › take lane 2 › clip "Vox Take 2" @ bars 221–234',
            "/gone/take.wav (used by 1 clip on Vox) is missing",
        ),
    ]


def test_a_written_live_12_set_with_midi_routed_to_player_tracks(tmp_path):
    # The same case end to end: a set file whose clip tracks' MidiOutputRouting is
    # MidiOut/Track.<Id>/TrackIn, read back by the parser.
    from set_factory import midi_clip as clip_spec
    from set_factory import midi_track, write_set

    from alslint.als.build import load

    notes = [(36, 0.0, 0.5), (36, 4.0, 0.5)]
    path = write_set(
        tmp_path / "players.als",
        [
            midi_track("Kick Player", instrument="DrumGroupDevice"),
            midi_track("Kick", [clip_spec(0, 16, "Kick", notes=notes)], midi_to=10),
        ],
    )
    live_set = load(path)
    player, source = live_set.tracks[0], live_set.tracks[1]
    assert source.routing.midi_out.kind == "track"
    assert live_set.track_by_id(source.routing.midi_out.track_id) is player
    assert live_set.sources(player) == [source]
    assert testing.findings(UnusedTrack, live_set) == []
    assert [location for location, _ in testing.findings(UnbouncedMidi, live_set)] == [
        "Kick Player › Drum Rack"
    ]
