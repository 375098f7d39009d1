from array import array

import pytest
from pydantic import ValidationError

from alslint import testing
from alslint.model import Envelope, Points
from alslint.testing import audio_clip, make_set, make_track
from alslint_rules.song_length import SongLength


def findings(clips, tempo=120.0, set_fields=None, **options):
    live_set = make_set(
        [make_track("audio", "Song", clips=clips)], tempo=tempo, **(set_fields or {})
    )
    return testing.findings(SongLength, live_set, **options)


SHORT = "arrange the sections still missing, or let the existing ones run longer"
LONG = "cut long repetitive stretches before listeners lose interest"


def test_a_song_between_two_and_eight_minutes_is_fine():
    # At 120 BPM a 4/4 bar lasts 2 seconds: 60 bars = 2:00, 240 bars = 8:00.
    assert findings([audio_clip(0, 240)]) == []
    assert findings([audio_clip(0, 960)]) == []


def test_too_short_and_too_long():
    assert findings([audio_clip(0, 236)]) == [
        ("bars 1–59", f"The song runs 1:58, shorter than 2:00: {SHORT}")
    ]
    assert findings([audio_clip(0, 1200)]) == [
        ("bars 1–300", f"The song runs 10:00, longer than 8:00: {LONG}")
    ]


def test_length_runs_from_the_first_to_the_last_sounding_clip():
    # 16 silent bars before the song do not count: bars 17–76 are 60 bars, 2:00.
    assert findings([audio_clip(64, 304)]) == []


def test_options_in_minutes():
    assert findings([audio_clip(0, 400)], min_minutes=4.0, max_minutes=6.5) == [
        ("bars 1–100", f"The song runs 3:20, shorter than 4:00: {SHORT}")
    ]
    assert findings([audio_clip(0, 800)], max_minutes=6.5) == [
        ("bars 1–200", f"The song runs 6:40, longer than 6:30: {LONG}")
    ]
    with pytest.raises(ValidationError, match="max-minutes must be larger than min-minutes"):
        findings([], min_minutes=5.0, max_minutes=4.0)


def test_tempo_automation_is_followed():
    # 240 beats at a steady 120 BPM would be 2:00; dropping the tempo to 60 BPM around beat
    # 120 (a half-beat ramp) makes the second half last twice as long: 1:00 + 2:00 = 3:00.
    tempo = Envelope(
        parameter="Tempo",
        owner="Mixer",
        default_value=120.0,
        points=Points(array("d", [0.0, 120.0, 120.5]), array("d", [120.0, 120.0, 60.0])),
    )
    live_set_fields = {"tempo_envelope": tempo}
    assert findings([audio_clip(0, 240)], set_fields=live_set_fields, max_minutes=2.5) == [
        ("bars 1–60", f"The song runs 3:00, longer than 2:30: {LONG}")
    ]


def test_no_arrangement_no_finding():
    assert findings([]) == []
    assert findings([audio_clip(0, 8, disabled=True)]) == []
