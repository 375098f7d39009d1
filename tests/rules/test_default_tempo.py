from array import array

from alslint import testing
from alslint.model import Envelope, Points, Scene
from alslint.testing import make_set
from alslint_rules.default_tempo import DefaultTempo

MESSAGE = (
    "The tempo is still Live's default 120 BPM: decide the song's tempo now "
    "(if 120 is your choice, ignore this)"
)


def findings(live_set):
    return testing.findings(DefaultTempo, live_set)


def tempo_envelope(default, *points):
    return Envelope(
        parameter="Tempo",
        owner="Mixer",
        default_value=default,
        points=Points(array("d", [t for t, _ in points]), array("d", [v for _, v in points])),
    )


def test_default_tempo_is_reported_once_for_the_whole_set():
    assert findings(make_set([], tempo=120.0)) == [("whole set", MESSAGE)]


def test_a_chosen_tempo_is_fine():
    assert findings(make_set([], tempo=126.0)) == []


def test_a_tempo_that_live_shows_as_120_00_counts_as_the_default():
    assert findings(make_set([], tempo=119.999992)) == [("whole set", MESSAGE)]
    assert findings(make_set([], tempo=120.01)) == []


def test_tempo_automation_or_an_envelope_at_another_tempo_is_a_choice():
    moving = tempo_envelope(120.0, (0.0, 120.0), (64.0, 140.0))
    assert findings(make_set([], tempo=120.0, tempo_envelope=moving)) == []
    # The field says 120, but the (still) envelope plays 122 from the start.
    still = tempo_envelope(122.0, (76.0, 122.0))
    assert findings(make_set([], tempo=120.0, tempo_envelope=still)) == []
    # An envelope that only holds 120 changes nothing.
    flat = tempo_envelope(120.0)
    assert findings(make_set([], tempo=120.0, tempo_envelope=flat)) == [("whole set", MESSAGE)]


def test_a_scene_tempo_is_a_choice():
    scenes = [Scene(index=0, name="Verse"), Scene(index=1, name="Chorus", tempo=128.0)]
    assert findings(make_set([], tempo=120.0, scenes=scenes)) == []
