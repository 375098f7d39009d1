from alslint import testing
from alslint.testing import audio_clip, make_set, make_track
from alslint_rules.busy_section import BusySection


def bars(start_bar, end_bar, beats_per_bar=4):
    return audio_clip((start_bar - 1) * beats_per_bar, (end_bar - 1) * beats_per_bar)


def findings(tracks, signature="4/4", **options):
    live_set = make_set(tracks, signature=signature)
    return testing.findings(BusySection, live_set, **options)


def message(count, limit, up_to=False):
    return (
        f"{'Up to ' if up_to else ''}{count} tracks play at once (more than {limit}): "
        "let some parts drop out so the others have room"
    )


def test_default_allows_16_tracks_at_once():
    sixteen = [make_track("audio", f"Layer {n}", clips=[bars(1, 9)]) for n in range(16)]
    assert findings(sixteen) == []
    seventeen = sixteen + [make_track("audio", "One more", clips=[bars(5, 7)])]
    assert findings(seventeen) == [("bars 5–6", message(17, 16))]


def test_consecutive_busy_bars_merge_into_one_finding():
    tracks = [
        make_track("audio", "Drums", clips=[bars(1, 17)]),
        make_track("audio", "Bass", clips=[bars(5, 17)]),
        make_track("audio", "Chords", clips=[bars(5, 9), bars(13, 17)]),
        make_track("audio", "Lead", clips=[bars(7, 9)]),
    ]
    assert findings(tracks, max_tracks=2) == [
        ("bars 5–8", message(4, 2, up_to=True)),
        ("bars 13–16", message(3, 2)),
    ]


def test_switched_off_tracks_and_deactivated_clips_do_not_count():
    tracks = [
        make_track("audio", "Drums", clips=[bars(1, 5)]),
        make_track("audio", "Bass", clips=[bars(1, 5)]),
        make_track("audio", "Off", clips=[bars(1, 5)], on=False),
        make_track("audio", "Muted", clips=[audio_clip(0, 16, disabled=True)]),
    ]
    assert findings(tracks, max_tracks=2) == []


def test_bars_follow_the_time_signature():
    tracks = [make_track("audio", name, clips=[bars(3, 5, beats_per_bar=3)]) for name in "ABC"]
    assert findings(tracks, signature="3/4", max_tracks=2) == [("bars 3–4", message(3, 2))]


def test_empty_arrangement():
    assert findings([], max_tracks=1) == []
