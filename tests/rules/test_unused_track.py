from alslint import testing
from alslint.model import Mixer, Send
from alslint.testing import audio_clip, make_set, make_track, midi_clip, run_rule
from alslint_rules.unused_track import UnusedTrack


def findings(live_set, **options):
    return testing.findings(UnusedTrack, live_set, **options)


def test_each_kind_of_unused_track_is_reported_once():
    live_set = make_set(
        [
            make_track("audio", "Kept", clips=[audio_clip(0, 8)]),
            make_track("audio", "Empty"),
            make_track("midi", "Muted Ideas", clips=[midi_clip(0, 4, disabled=True)] * 2),
            make_track("audio", "Off", clips=[audio_clip(0, 8)], on=False),
            make_track("group", "Empty Group", id=50),
            make_track("group", "Drums", id=51),
            make_track("audio", "Kick", clips=[audio_clip(0, 8)], group_id=51),
            make_track("return", "A-Reverb"),
            make_track("return", "B-Delay"),
        ]
    )
    live_set.tracks[0].mixer.sends[0] = Send(return_index=0, return_name="A-Reverb", level=0.25)
    assert findings(live_set) == [
        (
            "Empty",
            "Track has no clips in the arrangement or the session: delete it if it is not needed",
        ),
        ("Muted Ideas", "All 2 clips on this track are deactivated: delete it if it is not needed"),
        ("Off", "Track is switched off: delete it if it is not needed"),
        ("Empty Group", "Group contains no tracks: delete it if it is not needed"),
        ("B-Delay", "No send reaches this return track: delete it if it is not needed"),
    ]


def test_switched_off_send_does_not_reach_its_return():
    live_set = make_set(
        [make_track("audio", "Vox", clips=[audio_clip(0, 8)]), make_track("return", "A-Reverb")]
    )
    live_set.tracks[0].mixer.sends[0] = Send(
        return_index=0, return_name="A-Reverb", level=0.5, active=False
    )
    assert findings(live_set) == [
        ("A-Reverb", "No send reaches this return track: delete it if it is not needed")
    ]


def test_allow_tracks_globs_are_case_insensitive():
    live_set = make_set([make_track("audio", "Resample 1"), make_track("audio", "Spare")])
    assert findings(live_set, allow_tracks=["resample*"]) == [
        (
            "Spare",
            "Track has no clips in the arrangement or the session: delete it if it is not needed",
        )
    ]


def test_master_is_never_reported():
    live_set = make_set([])
    live_set.master.mixer = Mixer(on=False)
    assert findings(live_set) == []


def silent_mixer():
    return Mixer(volume=0.0003162277571)  # Live's floor: the fader shows -inf


def test_midi_clips_without_notes_and_silent_tracks_are_unused():
    # Issue #21: these were told to bounce their MIDI (unbounced-midi) instead of deleting.
    live_set = make_set(
        [
            make_track("midi", "Sketch", clips=[midi_clip(0, 4), midi_clip(8, 12)]),
            make_track(
                "midi", "Played", clips=[midi_clip(0, 4), midi_clip(4, 8, notes=[(60, 0, 1)])]
            ),
            make_track(
                "midi",
                "Pad",
                clips=[midi_clip(0, 4, notes=[(60, 0, 1)])],
                mixer=silent_mixer(),
            ),
            make_track("audio", "Room", clips=[audio_clip(0, 8)], mixer=silent_mixer()),
        ]
    )
    assert findings(live_set) == [
        (
            "Sketch",
            "None of the 2 MIDI clips on this track holds a note: delete it if it is not needed",
        ),
        (
            "Pad",
            "Fader at −inf dB and volume not automated, so nothing of this track is heard: "
            "delete it if it is not needed",
        ),
        (
            "Room",
            "Fader at −inf dB and volume not automated, so nothing of this track is heard: "
            "delete it if it is not needed",
        ),
    ]


def test_a_silent_fader_with_volume_automation_is_used():
    from array import array

    from alslint.model import Envelope, Points

    ride = Envelope(
        parameter="Volume",
        owner="Mixer",
        default_value=0.0003162277571,
        points=Points(array("d", [0.0, 16.0]), array("d", [0.0003162277571, 1.0])),
    )
    live_set = make_set(
        [
            make_track(
                "audio", "Riser", clips=[audio_clip(0, 8)], mixer=silent_mixer(), envelopes=[ride]
            )
        ]
    )
    assert findings(live_set) == []


def test_corpus_hand_check(corpus_dir):
    # Hand check (issue #21): in the edmJM template (Live 12.3.2) the tracks "bs sub" (3
    # clips), "bs mid", "ld 1" and "fx perc JM" hold MIDI clips with no MidiNoteEvent in the
    # XML — they were told to bounce their (empty) MIDI, now to delete the track; "bs loop"
    # plays notes through its Drum Rack and stays with unbounced-midi. Of "bs sub"'s clips, 2
    # play (the third lies in a take lane, which is not use: issue #13). In utopia (Live 10.1.3)
    # "1-Audio" has its fader at -inf and no volume envelope.
    from conftest import load_model

    from alslint_rules.unbounced_midi import UnbouncedMidi

    def run(name, rule):
        live_set = load_model(corpus_dir / name)
        return {f.location.track: f.message for f in run_rule(rule, live_set)}

    edm = "live12.3.2__MenkeTechnologies__AbletonLiveTemplates__edmJM@4f778416.als"
    unused = run(edm, UnusedTrack)
    assert unused["bs sub"] == (
        "None of the 2 MIDI clips on this track holds a note: delete it if it is not needed"
    )
    assert unused["bs mid"] == (
        "The only MIDI clip on this track holds no note: delete it if it is not needed"
    )
    unbounced = run(edm, UnbouncedMidi)
    assert {"bs sub", "bs mid", "ld 1", "fx perc JM"} & set(unbounced) == set()
    assert "bs loop" in unbounced
    utopia = run("live10.1.3__KaiMohr__beatz__utopia-1-Project__utopia.als", UnusedTrack)
    assert utopia["1-Audio"] == (
        "Fader at −inf dB and volume not automated, so nothing of this track is heard: "
        "delete it if it is not needed"
    )
