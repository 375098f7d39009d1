from alslint import testing
from alslint.model import Locator
from alslint.testing import audio_clip, make_set, make_track
from alslint_rules.no_song_structure import NoSongStructure


def song(first_bar, end_bar, beats_per_bar=4):
    """One track playing from `first_bar` up to `end_bar` (exclusive)."""
    clip = audio_clip((first_bar - 1) * beats_per_bar, (end_bar - 1) * beats_per_bar, "Song")
    return [make_track("audio", "Drums", clips=[clip])]


def locators(*bars):
    return [Locator(time=(bar - 1) * 4.0, name=f"Bar {bar}") for bar in bars]


def findings(tracks, marks=(), signature="4/4", **options):
    live_set = make_set(tracks, locators=list(marks), signature=signature)
    return testing.findings(NoSongStructure, live_set, **options)


def none_message(bars):
    return (
        f"No locators mark the sections of this {bars}-bar song: add one where each section "
        "starts (intro, verse, chorus, break, outro)"
    )


def too_few(found, bars, needed, every=32):
    return (
        f"{found} inside this {bars}-bar song: mark where each section starts "
        f"(about one every {every} bars, {needed} here)"
    )


def test_a_song_without_locators():
    assert findings(song(1, 65)) == [("bars 1–64", none_message(64))]


def test_a_song_shorter_than_one_section_needs_none():
    assert findings(song(1, 32)) == []  # 31 bars
    assert findings(song(1, 33)) == [("bars 1–32", none_message(32))]


def test_one_locator_per_32_bars():
    assert findings(song(1, 65), locators(1, 33)) == []
    assert findings(song(1, 65), locators(1)) == [("bars 1–64", too_few("Only 1 locator", 64, 2))]
    assert findings(song(1, 97), locators(1, 17)) == [
        ("bars 1–96", too_few("Only 2 locators", 96, 3))
    ]


def test_locators_after_the_end_or_on_the_same_bar_count_once_or_not_at_all():
    marks = [*locators(1, 80), Locator(time=1.0, name="also bar 1")]
    assert findings(song(1, 65), marks) == [("bars 1–64", too_few("Only 1 locator", 64, 2))]
    assert findings(song(1, 65), locators(70, 80)) == [("bars 1–64", too_few("No locator", 64, 2))]


def test_length_counts_from_the_first_sounding_bar():
    assert findings(song(9, 41)) == [("bars 9–40", none_message(32))]
    # A locator before the first clip still marks the intro.
    assert findings(song(9, 41), locators(1)) == []


def test_bars_per_section_option():
    assert findings(song(1, 65), locators(1, 33), bars_per_section=16) == [
        ("bars 1–64", too_few("Only 2 locators", 64, 4, every=16))
    ]


def test_bars_follow_the_time_signature():
    # 96 beats of 3/4 are 32 bars.
    assert findings(song(1, 33, beats_per_bar=3), signature="3/4") == [
        ("bars 1–32", none_message(32))
    ]


def test_empty_arrangement():
    assert findings([make_track("audio", "Nothing")]) == []
