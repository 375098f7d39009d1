from array import array

from alslint import testing
from alslint.model import Envelope, Points
from alslint.testing import audio_clip, make_set, make_track
from alslint_rules.no_automation import NoAutomation


def envelope(parameter, owner, default, *points):
    return Envelope(
        parameter=parameter,
        owner=owner,
        default_value=default,
        points=Points(array("d", [t for t, _ in points]), array("d", [v for _, v in points])),
    )


def findings(tracks, signature="4/4", master_envelopes=(), **options):
    live_set = make_set(tracks, signature=signature)
    live_set.master.envelopes = list(master_envelopes)
    for env in master_envelopes:
        if env.parameter == "Tempo":
            live_set.tempo_envelope = env
        if env.parameter == "TimeSignature":
            live_set.time_signature_envelope = env
    return testing.findings(NoAutomation, live_set, **options)


def song(bars, envelopes=(), beats_per_bar=4):
    clip = audio_clip(0, bars * beats_per_bar, "Loop", looped=True)
    return [make_track("audio", "Drums", clips=[clip], envelopes=list(envelopes))]


def message(bars):
    return (
        f"Nothing is automated in this {bars}-bar song: automate a filter, a send or a "
        "volume to keep repeated parts moving"
    )


# Every Live set keeps a tempo and a time-signature envelope on its main track; they never move
# unless the tempo or signature is automated.
STILL = [envelope("Tempo", "Mixer", 120.0), envelope("TimeSignature", "Mixer", 201.0)]


def test_a_long_song_without_automation():
    assert findings(song(64), master_envelopes=STILL) == [("bars 1–64", message(64))]


def test_songs_of_32_bars_or_less_are_not_checked():
    assert findings(song(32)) == []
    assert findings(song(33)) == [("bars 1–33", message(33))]
    assert findings(song(33), min_bars=64) == []


def test_any_moving_envelope_counts():
    cutoff = envelope("Cutoff", "Auto Filter", 0.5, (32.0, 0.5), (64.0, 0.9))
    assert findings(song(64, [cutoff])) == []
    tempo = envelope("Tempo", "Mixer", 120.0, (0.0, 120.0), (128.0, 124.0))
    assert findings(song(64), master_envelopes=[tempo]) == []


def test_an_envelope_that_never_changes_value_is_no_automation():
    still = envelope("Volume", "Mixer", 0.8, (0.0, 0.8), (64.0, 0.8))
    assert findings(song(64, [still])) == [("bars 1–64", message(64))]


def test_bars_follow_the_time_signature():
    # 120 beats of 3/4 are 40 bars.
    assert findings(song(40, beats_per_bar=3), signature="3/4") == [("bars 1–40", message(40))]


def test_empty_arrangement():
    assert findings([make_track("audio", "Nothing")]) == []
