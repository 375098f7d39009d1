"""alslint.timeline: beats <-> bars across time-signature changes, beats -> seconds across
tempo automation (linear ramps in BPM), checked against hand-worked values and integrals."""

from __future__ import annotations

import math

import pytest
from corpus_lookup import load_model

from alslint.model import TimeSignature
from alslint.timeline import BarPosition, Timeline


def sig(numerator: int, denominator: int) -> TimeSignature:
    return TimeSignature(numerator=numerator, denominator=denominator)


def pos(text: str) -> BarPosition:
    return BarPosition(*map(int, text.split(".")))


# -- the signature code ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, numerator, denominator",
    [
        (201, 4, 4),
        (200, 3, 4),
        (304, 8, 8),
        (302, 6, 8),
        (303, 7, 8),
        (308, 12, 8),
        (202, 5, 4),
        (100, 2, 2),
        (0, 1, 1),
        (398, 3, 16),
        (296, 99, 4),
        (205, 8, 4),
    ],
)
def test_signature_code_round_trip(code, numerator, denominator):
    assert TimeSignature.from_code(code) == sig(numerator, denominator)
    assert sig(numerator, denominator).code == code
    assert str(TimeSignature.from_code(code)) == f"{numerator}/{denominator}"


@pytest.mark.parametrize(
    "signature, beats",
    [
        ((4, 4), 4.0),
        ((3, 4), 3.0),
        ((8, 8), 4.0),
        ((6, 8), 3.0),
        ((7, 8), 3.5),
        ((2, 2), 4.0),
        ((3, 16), 0.75),
    ],
)
def test_beats_per_bar(signature, beats):
    assert sig(*signature).beats_per_bar == beats


# -- beats <-> bars ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "beat, expected",
    [
        (0, "1.1.1"),
        (1, "1.2.1"),
        (3.75, "1.4.4"),
        (4, "2.1.1"),
        (5.25, "2.2.2"),
        (15.999, "4.4.4"),
        (16, "5.1.1"),
    ],
)
def test_four_four(beat, expected):
    timeline = Timeline(sig(4, 4))
    assert timeline.position(beat) == pos(expected)
    assert timeline.bar_of(beat) == pos(expected).bar


@pytest.mark.parametrize(
    "beat, expected", [(0, "1.1.1"), (2.5, "1.3.3"), (3, "2.1.1"), (7.5, "3.2.3"), (12, "5.1.1")]
)
def test_three_four(beat, expected):
    assert Timeline(sig(3, 4)).position(beat) == pos(expected)


@pytest.mark.parametrize(
    # 8/8: a bar is 4 quarter-note beats, counted in eighths; a sixteenth is half an eighth.
    "beat, expected",
    [(0, "1.1.1"), (0.25, "1.1.2"), (0.5, "1.2.1"), (0.75, "1.2.2"), (3.5, "1.8.1"), (4, "2.1.1")],
)
def test_eight_eight(beat, expected):
    assert Timeline(sig(8, 8)).position(beat) == pos(expected)


@pytest.mark.parametrize(
    "signature, bar, beat",
    [((4, 4), 1, 0.0), ((4, 4), 9, 32.0), ((3, 4), 5, 12.0), ((8, 8), 3, 8.0), ((7, 8), 3, 7.0)],
)
def test_bar_start(signature, bar, beat):
    timeline = Timeline(sig(*signature))
    assert timeline.bar_start(bar) == beat
    assert timeline.position(beat) == BarPosition(bar, 1, 1)


def test_signature_changes():
    # 4/4 for two bars, 3/4 from beat 8 (bars 3-5), 8/8 from beat 17 (bar 6 on).
    timeline = Timeline(sig(4, 4), [(8.0, sig(3, 4)), (17.0, sig(8, 8))])
    assert [timeline.bar_start(bar) for bar in range(1, 9)] == [0, 4, 8, 11, 14, 17, 21, 25]
    assert timeline.position(7.0) == pos("2.4.1")
    assert timeline.position(16.0) == pos("5.3.1")
    assert timeline.position(17.0) == pos("6.1.1")
    assert timeline.position(20.5) == pos("6.8.1")
    assert timeline.position(21.0) == pos("7.1.1")
    assert [str(timeline.signature_at(b)) for b in (0, 7.9, 8, 16.9, 17, 100)] == [
        "4/4",
        "4/4",
        "3/4",
        "3/4",
        "8/8",
        "8/8",
    ]


def test_change_in_the_middle_of_a_bar_starts_a_new_bar():
    timeline = Timeline(sig(4, 4), [(6.0, sig(3, 4))])
    assert timeline.position(5.9) == pos("2.2.4")
    assert timeline.position(6.0) == pos("3.1.1")
    assert [timeline.bar_start(bar) for bar in (2, 3, 4)] == [4.0, 6.0, 9.0]


def test_two_changes_at_one_time_the_later_wins():
    timeline = Timeline(sig(4, 4), [(8.0, sig(8, 8)), (8.0, sig(3, 4))])
    assert timeline.signature_at(8.0) == sig(3, 4)
    assert timeline.bar_start(4) == 11.0


def test_a_change_to_the_same_signature_is_no_new_bar():
    timeline = Timeline(sig(4, 4), [(6.0, sig(4, 4))])
    assert timeline.position(6.0) == pos("2.3.1")
    assert timeline.bar_start(3) == 8.0


@pytest.mark.parametrize("beat", [0, 0.5, 3.99, 4, 7.25, 8, 10.5, 11, 16.75, 17, 19, 24.5, 60])
def test_bar_start_and_position_agree(beat):
    timeline = Timeline(sig(4, 4), [(8.0, sig(3, 4)), (17.0, sig(8, 8))])
    bar = timeline.bar_of(beat)
    assert timeline.bar_start(bar) <= beat < timeline.bar_start(bar + 1)


# -- beats -> seconds -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tempo, beat, seconds",
    [(120, 8, 4.0), (90, 3, 2.0), (60, 0, 0.0), (140, 7, 3.0), (174.5, 349, 120.0)],
)
def test_constant_tempo(tempo, beat, seconds):
    timeline = Timeline(sig(4, 4), tempo=tempo)
    assert timeline.beats_to_seconds(beat) == pytest.approx(seconds, abs=1e-12)


def _stepped(bpm0: float, bpm1: float, length: float, beat: float) -> float:
    """Seconds to `beat` on a ramp from bpm0 (beat 0) to bpm1 (`length`) as Live plays it: each
    sixteenth (0.25 beat) at the tempo where it starts."""
    seconds, position = 0.0, 0.0
    while position < beat - 1e-12:
        stop = min(position + 0.25, beat)
        seconds += (stop - position) * 60.0 / (bpm0 + (bpm1 - bpm0) * position / length)
        position = stop
    return seconds


def test_live_plays_a_ramp_in_sixteenth_steps():
    # dawtool's author measured 2.836 s in Live for 60 -> 120 BPM over 4 beats; the smooth
    # curve would take 4 ln 2 = 2.773 s.
    timeline = Timeline(sig(4, 4), tempo=100, tempo_points=[(0.0, 60.0), (4.0, 120.0)])
    assert round(timeline.beats_to_seconds(4.0), 3) == 2.836
    assert timeline.beats_to_seconds(4.0) == pytest.approx(
        sum(15.0 / (60.0 + 3.75 * i) for i in range(16)), rel=1e-12
    )
    assert 4 * math.log(2) == pytest.approx(2.773, abs=5e-4)


@pytest.mark.parametrize("beat", [0.0, 0.1, 1.0, 5.5, 5.6, 8.0, 16.0])
def test_linear_tempo_ramp(beat):
    timeline = Timeline(sig(4, 4), tempo=100, tempo_points=[(0.0, 60.0), (16.0, 180.0)])
    assert timeline.beats_to_seconds(beat) == pytest.approx(_stepped(60, 180, 16, beat), rel=1e-12)


def test_a_step_cut_short_holds_its_tempo():
    # Beat 0.1 is inside the first sixteenth: still 60 BPM, 1 s a beat.
    timeline = Timeline(sig(4, 4), tempo=100, tempo_points=[(0.0, 60.0), (16.0, 180.0)])
    assert timeline.beats_to_seconds(0.1) == pytest.approx(0.1, rel=1e-12)


def test_tempo_after_the_last_point_stays():
    timeline = Timeline(sig(4, 4), tempo=100, tempo_points=[(0.0, 60.0), (16.0, 180.0)])
    expected = _stepped(60, 180, 16, 16) + 6 / 3
    assert timeline.beats_to_seconds(22.0) == pytest.approx(expected, rel=1e-12)


def test_slowing_ramp():
    timeline = Timeline(sig(4, 4), tempo=100, tempo_points=[(0.0, 140.0), (8.0, 70.0)])
    assert timeline.beats_to_seconds(8.0) == pytest.approx(_stepped(140, 70, 8, 8), rel=1e-12)
    assert timeline.beats_to_seconds(4.0) == pytest.approx(_stepped(140, 70, 8, 4), rel=1e-12)


def test_before_the_first_point_the_first_tempo_holds():
    timeline = Timeline(sig(4, 4), tempo=100, tempo_points=[(4.0, 60.0), (8.0, 120.0)])
    assert timeline.beats_to_seconds(4.0) == pytest.approx(4.0, rel=1e-12)
    assert timeline.beats_to_seconds(8.0) == pytest.approx(4.0 + _stepped(60, 120, 4, 4), rel=1e-12)


@pytest.mark.parametrize(
    "points, seconds_at_4, seconds_at_8",
    [
        ([(0.0, 120.0), (4.0, 120.0), (4.0, 60.0), (8.0, 60.0)], 2.0, 2.0 + 4.0),  # jump down
        ([(0.0, 60.0), (4.0, 60.0), (4.0, 120.0), (8.0, 120.0)], 4.0, 4.0 + 2.0),  # jump up
    ],
)
def test_tempo_jump(points, seconds_at_4, seconds_at_8):
    # Two events at one time are a jump, in the order written (docs §9): no ramp on either side.
    timeline = Timeline(sig(4, 4), tempo=100, tempo_points=points)
    assert timeline.beats_to_seconds(4.0) == pytest.approx(seconds_at_4, rel=1e-12)
    assert timeline.beats_to_seconds(8.0) == pytest.approx(seconds_at_8, rel=1e-12)


# -- real data --------------------------------------------------------------------------------


#: Locator seconds that dawtool's Live-exact mode reports for two of its test sets (its
#: tests/test_ableton.py): tempo points off the sixteenth grid, and 25,505 jumps.
DAWTOOL_LIVE_SECONDS = {
    "live10.1.9__offlinemark__dawtool__tests__als__automation-intense-unaligned.als": [
        0.0,
        0.7452763515350631,
        2.335821771598745,
        4.173841066076857,
        5.706896019728953,
        6.905534691333889,
        7.692021891450212,
        8.974199935476374,
        10.705147339679828,
    ],
    "live10.1.7__offlinemark__dawtool__tests__als__automation-pathological-end3.als": [
        447.53153265863915,
        466.60806196643625,
        486.1465317732963,
        495.56805602397407,
        505.2425003381325,
        517.7672955377825,
        525.4196287976511,
        539.046232416382,
        549.6099694804802,
    ],
}


@pytest.mark.parametrize("name", sorted(DAWTOOL_LIVE_SECONDS))
def test_locator_seconds_as_live_plays_them(corpus_file, name):
    live_set = load_model(corpus_file(name))
    timeline = live_set.timeline()
    locators = sorted(live_set.locators, key=lambda locator: locator.time)
    seconds = [timeline.beats_to_seconds(locator.time) for locator in locators]
    assert seconds == pytest.approx(DAWTOOL_LIVE_SECONDS[name], rel=1e-9)


def test_a_jump_off_the_grid_takes_effect_at_the_next_sixteenth():
    # 60 BPM until beat 1.1, then 120: the sixteenth starting at 1.0 still plays at 60.
    timeline = Timeline(sig(4, 4), tempo=100, tempo_points=[(0.0, 60.0), (1.1, 60.0), (1.1, 120.0)])
    assert timeline.beats_to_seconds(2.0) == pytest.approx(1.25 + 0.75 * 0.5, rel=1e-12)


def test_tempo_envelope_60_120_200(corpus_file):
    # Stored tempo 120; the envelope starts at 60, ramps to 120 (beat 8) and 200 (beat 12).
    path = corpus_file("live10.1.7__offlinemark__dawtool__tests__als__automation.als")
    live_set = load_model(path)
    envelope = live_set.tempo_envelope
    assert live_set.tempo == 120.0
    assert envelope.default_value == 60.0
    assert list(envelope.points) == [(4.0, 60.0), (8.0, 120.0), (12.0, 200.0)]
    assert live_set.tempo_automated
    timeline = live_set.timeline()
    # 4 beats at 60, then 60 -> 120 over 4 beats: the 2.836 s dawtool's author measured in Live
    at_8 = 4.0 + _stepped(60, 120, 4, 4)
    assert round(at_8 - 4.0, 3) == 2.836
    at_12 = at_8 + _stepped(120, 200, 4, 4)  # 120 -> 200 over 4 beats
    expected = {0: 0.0, 2: 2.0, 4: 4.0, 8: at_8, 12: at_12}
    expected |= {16: at_12 + 4 * 0.3, 64: at_12 + 52 * 0.3}  # 200 BPM on: 0.3 s a beat
    assert {b: timeline.beats_to_seconds(b) for b in expected} == pytest.approx(expected, rel=1e-12)
    assert timeline.position(12.0) == pos("4.1.1")
