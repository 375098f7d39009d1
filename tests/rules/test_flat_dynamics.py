from alslint import testing
from alslint.testing import audio_clip, make_set, make_track
from alslint_rules.flat_dynamics import FlatDynamics


def bars(start_bar, end_bar, beats_per_bar=4):
    return audio_clip((start_bar - 1) * beats_per_bar, (end_bar - 1) * beats_per_bar)


def findings(tracks, signature="4/4", **options):
    live_set = make_set(tracks, signature=signature)
    return testing.findings(FlatDynamics, live_set, **options)


def message(amount, per="every 8-bar section"):
    return (
        f"The song never builds or drops: {amount} in {per}. Let parts enter and drop out "
        "to build tension and release it"
    )


def band(count, start_bar, end_bar, **kw):
    return [
        make_track("audio", f"Part {n}", clips=[bars(start_bar, end_bar, **kw)])
        for n in range(count)
    ]


def test_the_same_tracks_from_start_to_end():
    assert findings(band(4, 1, 33)) == [("bars 1–32", message("4 tracks play"))]
    assert findings(band(1, 1, 33)) == [("bars 1–32", message("1 track plays"))]


def test_a_build_up_is_dynamics():
    tracks = band(1, 1, 33) + band(3, 9, 33)  # 1 track for 8 bars, then 4
    assert findings(tracks) == []


def test_a_range_of_one_is_still_flat_unless_min_range_allows_it():
    tracks = band(3, 1, 33) + [make_track("audio", "Lead", clips=[bars(17, 33)])]
    assert findings(tracks) == [("bars 1–32", message("3 to 4 tracks play"))]
    assert findings(tracks, min_range=1) == []


def test_one_bar_breaks_do_not_count_unless_sections_are_single_bars():
    tracks = band(3, 1, 33) + [make_track("audio", "Bass", clips=[bars(1, 16), bars(17, 33)])]
    drums = make_track("audio", "Drums", clips=[bars(1, 16), bars(17, 33)])
    keys = make_track("audio", "Keys", clips=[bars(1, 16), bars(17, 33)])
    # Bar 16: only 3 of 6 tracks play; every 8-bar section still mostly has 6.
    assert findings(tracks + [drums, keys]) == [("bars 1–32", message("6 tracks play"))]
    assert findings(tracks + [drums, keys], section_bars=1) == []


def test_a_short_tail_is_no_section_but_a_half_section_is():
    crash = make_track("audio", "Crash", clips=[bars(33, 34)])
    assert findings(band(3, 1, 33) + [crash]) == [("bars 1–33", message("3 tracks play"))]
    outro = make_track("audio", "Pad", clips=[bars(33, 37)])
    assert findings(band(3, 1, 33) + [outro]) == []


def test_a_song_of_one_section_has_nothing_to_compare():
    assert findings(band(2, 1, 9)) == []
    assert findings(band(2, 1, 13)) == [("bars 1–12", message("2 tracks play"))]


def test_bars_follow_the_time_signature():
    assert findings(band(2, 1, 17, beats_per_bar=3), signature="3/4") == [
        ("bars 1–16", message("2 tracks play"))
    ]


def test_empty_arrangement():
    assert findings([]) == []
