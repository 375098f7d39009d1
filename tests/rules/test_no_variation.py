from array import array

from alslint import testing
from alslint.model import Envelope, Loop, Points
from alslint.testing import audio_clip, make_set, make_track, midi_clip
from alslint_rules.no_variation import NoVariation


def findings(tracks, **options):
    live_set = make_set(tracks, **options.pop("set_fields", {}))
    return testing.findings(NoVariation, live_set, **options)


def loop(start_bar, end_bar, name="Loop"):
    return audio_clip((start_bar - 1) * 4, (end_bar - 1) * 4, name, looped=True)


def message(bars, window=16):
    return (
        f"Nothing changes for {bars} bars (no clip starts or stops, no automation moves): "
        f"vary something at least every {window} bars"
    )


def test_long_stretch_is_one_merged_finding():
    tracks = [make_track("audio", "Drums", clips=[loop(1, 9), loop(9, 41)])]
    assert findings(tracks) == [("bars 9–40", message(32))]


def test_a_change_every_16_bars_is_fine_and_window_8_is_stricter():
    tracks = [make_track("audio", "Drums", clips=[loop(1, 17), loop(17, 33)])]
    assert findings(tracks) == []
    assert findings(tracks, window_bars=8) == [
        ("bars 1–16", message(16, 8)),
        ("bars 17–32", message(16, 8)),
    ]


def test_automation_ramp_counts_as_change():
    volume = Envelope(
        parameter="Volume",
        owner="Mixer",
        default_value=1.0,
        points=Points(array("d", [64.0, 80.0]), array("d", [0.5, 1.0])),
    )
    tracks = [make_track("audio", "Pad", clips=[loop(1, 41)], envelopes=[volume])]
    # The ramp moves during bars 17–20; the rest runs still.
    assert findings(tracks) == [("bars 21–40", message(20))]


def test_unlooped_audio_assumed_to_vary_unless_option_off():
    take = audio_clip(0, 128, "Vocal take", looped=False)
    assert findings([make_track("audio", "Vox", clips=[take])]) == []
    assert findings([make_track("audio", "Vox", clips=[take])], unlooped_audio_varies=False) == [
        ("bars 1–32", message(32))
    ]


def test_unlooped_midi_changes_where_its_pattern_changes():
    notes = [(36, bar * 4.0, 1.0) for bar in range(20)] + [
        (38, bar * 4.0 + 2, 1.0) for bar in range(10, 20)
    ]
    clip = midi_clip(0, 80, "Beat", looped=False, notes=notes)
    # Bars 1–10 kick only, bars 11–20 kick and snare: the pattern changes at bar 11.
    assert findings([make_track("midi", "Beat", clips=[clip])]) == []
    assert findings([make_track("midi", "Beat", clips=[clip])], window_bars=8) == [
        ("bars 1–10", message(10, 8)),
        ("bars 11–20", message(10, 8)),
    ]


def test_switched_off_tracks_and_disabled_clips_do_not_count():
    tracks = [
        make_track("audio", "Drums", clips=[loop(1, 41)]),
        make_track("audio", "Off", clips=[loop(9, 17)], on=False),
        make_track("audio", "Muted", clips=[audio_clip(32, 64, "x", looped=True, disabled=True)]),
    ]
    assert findings(tracks) == [("bars 1–40", message(40))]


def test_bars_follow_the_time_signature():
    tracks = [make_track("audio", "Waltz", clips=[audio_clip(0, 3 * 40, "W", looped=True)])]
    assert findings(tracks, set_fields={"signature": "3/4"}) == [("bars 1–40", message(40))]


def test_empty_arrangement_has_no_findings():
    assert findings([make_track("audio", "Nothing")]) == []


def test_a_looped_clip_whose_loop_changes_chord_is_variation():
    # Issue #13: a 15-bar loop (60 beats) with a new chord every 4 bars, looped over 58 bars;
    # a 1-bar loop over the same bars is not variation.
    chords = [(60 + 2 * step, 16.0 * step, 16.0) for step in range(4)]  # bars 1, 5, 9, 13
    pads = midi_clip(0, 58 * 4, "Pads", notes=chords).model_copy(
        update={"loop": Loop(on=True, start=0.0, end=60.0)}
    )
    assert findings([make_track("midi", "Pads", clips=[pads])]) == []
    beat = midi_clip(0, 58 * 4, "Beat", notes=[(36, 0.0, 1.0)]).model_copy(
        update={"loop": Loop(on=True, start=0.0, end=4.0)}
    )
    assert findings([make_track("midi", "Beat", clips=[beat])]) == [("bars 1–58", message(58))]


def test_silence_is_left_to_silence_gap():
    # Issue #13: the same silence was reported by both rules with different bars.
    from alslint_rules.silence_gap import SilenceGap

    tracks = [make_track("audio", "Drums", clips=[loop(1, 7), loop(42, 50)])]
    assert findings(tracks) == []
    live_set = make_set(tracks)
    assert testing.findings(SilenceGap, live_set) == [
        (
            "bars 7–41",
            "Nothing plays for 35 bars in the middle of the song: close the gap or put "
            "something in it",
        ),
    ]
