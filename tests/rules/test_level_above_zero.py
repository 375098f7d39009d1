from array import array

from alslint import testing
from alslint.model import Envelope, Mixer, Points
from alslint.testing import audio_clip, make_set, make_track
from alslint_rules.level_above_zero import LevelAboveZero

PLUS_6 = 1.99526238  # Live's fader maximum, +6.0 dB
PLUS_3 = 1.4125375  # +3.0 dB
MINUS_6 = 0.5011872  # -6.0 dB

TRACK_RISK = (
    "the track pushes the mix towards clipping; lower the fader (raise the clip gain "
    "or a Utility if the source is too quiet)"
)
MASTER_RISK = "the mix can clip the output; pull the master down and make room on the tracks"


def findings(live_set, **options):
    return testing.findings(LevelAboveZero, live_set, **options)


def volume(default, *points):
    times = array("d", [time for time, _ in points])
    values = array("d", [value for _, value in points])
    return Envelope(
        parameter="Volume", owner="Mixer", default_value=default, points=Points(times, values)
    )


def song(*tracks, master_volume=1.0):
    live_set = make_set([*tracks, make_track("audio", "End", clips=[audio_clip(0, 128)])])
    live_set.master.mixer = Mixer(volume=master_volume)
    return live_set


def test_faders_above_zero_on_tracks_groups_returns_and_master():
    live_set = song(
        make_track("audio", "Bass", mixer=Mixer(volume=PLUS_6)),
        make_track("audio", "Keys", mixer=Mixer(volume=1.0)),  # exactly 0 dB is fine
        make_track("group", "Drums", mixer=Mixer(volume=PLUS_3)),
        make_track("return", "A-Reverb", mixer=Mixer(volume=1.0009)),
        master_volume=PLUS_3,
    )
    assert findings(live_set) == [
        ("Bass", f"Fader at +6.0 dB, above 0 dB: {TRACK_RISK}"),
        ("Drums", f"Fader at +3.0 dB, above 0 dB: {TRACK_RISK}"),
        # A hair above the limit gets two decimals, so it does not read as "+0.0".
        ("A-Reverb", f"Fader at +0.01 dB, above 0 dB: {TRACK_RISK}"),
        ("Main", f"Master fader at +3.0 dB, above 0 dB: {MASTER_RISK}"),
    ]


def test_max_db_option_and_allow_tracks():
    live_set = song(
        make_track("audio", "Bass", mixer=Mixer(volume=PLUS_6)),
        make_track("audio", "Vox", mixer=Mixer(volume=1.0)),
        make_track("audio", "Boost Me", mixer=Mixer(volume=PLUS_6)),
    )
    assert findings(live_set, max_db=-3.0, allow_tracks=["boost*", "end"]) == [
        ("Bass", f"Fader at +6.0 dB, above -3.0 dB: {TRACK_RISK}"),
        ("Vox", f"Fader at +0.0 dB, above -3.0 dB: {TRACK_RISK}"),
        ("Main", f"Master fader at +0.0 dB, above -3.0 dB: {MASTER_RISK}"),
    ]
    assert findings(live_set, max_db=6.0) == []


def test_switched_off_tracks_are_skipped_but_the_master_never():
    live_set = song(
        make_track("audio", "Muted", mixer=Mixer(volume=PLUS_6, on=False)),
        make_track("group", "Off Group", id=7, mixer=Mixer(on=False)),
        make_track("audio", "In Off Group", group_id=7, mixer=Mixer(volume=PLUS_6)),
        master_volume=PLUS_6,
    )
    assert findings(live_set) == [("Main", f"Master fader at +6.0 dB, above 0 dB: {MASTER_RISK}")]


def test_volume_automation_above_the_limit_is_reported_in_bars():
    # Ramps (straight in dB) from -6 dB at bar 9 up to +6 dB at bar 17 and back down to -6 dB
    # at bar 25: above 0 dB from the start of bar 13 to the start of bar 21. Later a jump to
    # +3 dB for bars 29-30.
    ride = volume(
        MINUS_6,
        (32.0, MINUS_6),
        (64.0, PLUS_6),
        (96.0, MINUS_6),
        (112.0, MINUS_6),
        (112.0, PLUS_3),
        (120.0, PLUS_3),
        (120.0, MINUS_6),
    )
    # The fader's saved position (+6 dB) is not what plays: the automation is.
    live_set = song(make_track("audio", "Lead", mixer=Mixer(volume=PLUS_6), envelopes=[ride]))
    risk = "the track pushes the mix towards clipping; lower the automation there"
    assert findings(live_set) == [
        ("Lead › Volume @ bars 13–20", f"Volume automation rises to +6.0 dB, above 0 dB: {risk}"),
        # A jump up, held, and a jump down: flat within the bars reported.
        ("Lead › Volume @ bars 29–30", f"Volume automation stays at +3.0 dB, above 0 dB: {risk}"),
    ]


def test_automation_held_above_the_limit_before_the_first_and_after_the_last_point():
    master_ride = volume(PLUS_3, (16.0, PLUS_3), (16.0, 1.0), (100.0, 1.0), (104.0, PLUS_6))
    live_set = song()
    live_set.master.envelopes = [master_ride]
    risk = "the mix can clip the output; lower the automation there"
    assert findings(live_set) == [
        # Held from the song's start to the jump at bar 5.
        ("Main › Volume @ bars 1–4", f"Volume automation stays at +3.0 dB, above 0 dB: {risk}"),
        # Ramps above 0 dB within bar 26 and stays up to the end of the last clip (bar 32).
        ("Main › Volume @ bars 26–32", f"Volume automation rises to +6.0 dB, above 0 dB: {risk}"),
    ]


def test_automation_flat_above_the_limit_all_song_stays_there():
    # Issue #21: an envelope that sits flat at +6 dB all song was said to "rise" to +6 dB.
    # Hand check: over the 101 corpus sets (incl. the dawtool automation test sets) no
    # volume envelope goes above 0 dB; all 124 level findings are static faders, unchanged.
    flat = volume(PLUS_6, (0.0, PLUS_6))
    live_set = song(make_track("audio", "Pad", envelopes=[flat]))
    risk = "the track pushes the mix towards clipping; lower the automation there"
    assert findings(live_set) == [
        ("Pad › Volume @ bars 1–32", f"Volume automation stays at +6.0 dB, above 0 dB: {risk}"),
    ]
    # Two equal points: still flat.
    flat = volume(PLUS_6, (0.0, PLUS_6), (64.0, PLUS_6))
    live_set = song(make_track("audio", "Pad", envelopes=[flat]))
    assert findings(live_set) == [
        ("Pad › Volume @ bars 1–32", f"Volume automation stays at +6.0 dB, above 0 dB: {risk}"),
    ]


def test_automation_within_the_limit_is_fine_and_other_envelopes_are_ignored():
    ride = volume(MINUS_6, (0.0, MINUS_6), (32.0, 1.0), (64.0, MINUS_6))
    send = Envelope(
        parameter="Volume",
        owner="Utility",
        device_path=["Utility"],
        default_value=PLUS_6,
        points=Points(array("d", [0.0]), array("d", [PLUS_6])),
    )
    live_set = song(make_track("audio", "Pad", envelopes=[ride, send]))
    assert findings(live_set) == []
