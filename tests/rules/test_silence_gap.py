from array import array

from alslint import testing
from alslint.model import Envelope, Points
from alslint.testing import audio_clip, make_set, make_track, midi_clip
from alslint_rules.silence_gap import SilenceGap


def bars(start_bar, end_bar, name="Clip"):
    return audio_clip((start_bar - 1) * 4.0, (end_bar - 1) * 4.0, name)


def findings(tracks, set_fields=None, **options):
    live_set = make_set(tracks, **(set_fields or {}))
    return testing.findings(SilenceGap, live_set, **options)


def message(bars):
    return f"Nothing plays for {bars} bars in the middle of the song: close the gap or put something in it"


def test_a_gap_between_two_tracks():
    tracks = [
        make_track("audio", "Intro", clips=[bars(1, 9)]),
        make_track("audio", "Drop", clips=[bars(13, 21)]),
    ]
    assert findings(tracks) == [("bars 9–12", message(4))]


def test_one_silent_bar_is_a_break_not_a_gap_unless_min_bars_is_1():
    tracks = [make_track("audio", "Beat", clips=[bars(1, 9), bars(10, 17)])]
    assert findings(tracks) == []
    assert findings(tracks, min_bars=1) == [("bar 9", message(1))]


def test_silence_before_the_first_and_after_the_last_clip_is_no_gap():
    assert findings([make_track("audio", "Beat", clips=[bars(5, 9)])]) == []


def test_a_clip_reaching_into_a_bar_fills_it():
    # Ends one beat into bar 9; the next clip starts in bar 11: only bar 10 is silent.
    tracks = [make_track("audio", "Beat", clips=[audio_clip(0, 33.0), bars(11, 13)])]
    assert findings(tracks) == []


def test_switched_off_tracks_deactivated_and_empty_clips_do_not_fill_a_gap():
    tracks = [
        make_track("audio", "Beat", clips=[bars(1, 5), bars(9, 13)]),
        make_track("audio", "Off", clips=[bars(5, 9)], on=False),
        make_track("audio", "Muted", clips=[audio_clip(16, 32, disabled=True)]),
        make_track("midi", "No notes", clips=[midi_clip(16, 32)]),
    ]
    assert findings(tracks) == [("bars 5–8", message(4))]


def test_bars_follow_time_signature_changes():
    # 4/4 until beat 16 (bar 5), then 7/8 (code 6 + 99 * 3 = 303): bars of 3.5 beats.
    change = Envelope(
        parameter="TimeSignature",
        owner="Mixer",
        default_value=201.0,
        points=Points(array("d", [16.0]), array("d", [303.0])),
    )
    tracks = [make_track("audio", "Odd", clips=[audio_clip(0, 16), audio_clip(23.0, 30.0)])]
    # Bars 5 and 6 (beats 16–23) are silent; bar 7 starts at 23.
    assert findings(tracks, set_fields={"time_signature_envelope": change}) == [
        ("bars 5–6", message(2))
    ]


def test_empty_arrangement():
    assert findings([]) == []
