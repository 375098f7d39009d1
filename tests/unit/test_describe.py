"""The producer's words (`alslint.describe`), and that every output agrees on them."""

from __future__ import annotations

import re

import pytest

from alslint import describe
from alslint.gitdiff.compare import diff_sets
from alslint.gitdiff.textconv import render
from alslint.inspect.overview import overview
from alslint.inspect.render import to_text
from alslint.model import Mixer
from alslint.testing import make_set, make_track

#: Live's mixer prints whole steps (1L…50L, C, 1R…50R); a value between two steps shows at the
#: nearest one, halves away from centre: 0.01 is half a step (1R), 0.25 is 12.5 steps (13R).
PAN_TEXT = {
    0.0: "C",
    0.009: "C",
    0.01: "1R",
    -0.01: "1L",
    0.02: "1R",
    0.25: "13R",
    -0.25: "13L",
    0.5: "25R",
    -0.999: "50L",
    1.0: "50R",
    -1.0: "50L",
}


@pytest.mark.parametrize(("value", "text"), PAN_TEXT.items())
def test_pan_shows_whole_steps_like_live(value, text):
    assert describe.pan(value) == text


def _panned(value: float):
    return make_set([make_track("audio", "Bass", mixer=Mixer(pan=value))])


@pytest.mark.parametrize("value", [0.01, 0.25, 0.5, -0.999, 1.0, -0.25])
def test_inspect_textconv_and_diff_agree_on_pan(value):
    text = PAN_TEXT[value]
    live_set = _panned(value)

    inspect_row = next(line for line in to_text(overview(live_set)).splitlines() if "Bass" in line)
    assert inspect_row.split()[-1] == text

    assert f"  pan {text}" in render(live_set).splitlines()

    [change] = [c for c in diff_sets(_panned(0.0), live_set).changes if c.kind == "pan"]
    assert change.message == f"pan C → {text}"


def test_bar_spans():
    assert describe.bars(5) == describe.bars(5, 5) == "bar 5"
    assert describe.bars(5, 8) == "bars 5–8"
    assert describe.bar_ranges([7, 1, 2, 3]) == "bars 1–3, 7"
    assert describe.bar_ranges([4]) == "bar 4"
    assert describe.bar_ranges([4, 5]) == "bars 4–5"
    assert describe.bar_ranges([]) == ""


def test_db_words():
    assert describe.db(1.0) == "0 dB"
    assert describe.db(describe.MIN_GAIN) == "-inf dB"
    assert describe.db_number(describe.MIN_GAIN) is None
    assert describe.db_number(0.5) == -6.02
    assert [describe.fader(v) for v in (None, float("-inf"), 0.0, 3.14, -6.02)] == [
        "-inf",
        "-inf",
        "0.0",
        "+3.1",
        "-6.0",
    ]
    assert re.fullmatch(r"-?\d+(\.\d+)?", describe.num(-0.0001))


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0.0004, "0 ms"), (0.25, "250 ms"), (1.0, "0:01.0"), (2.0, "0:02.0"), (147.706, "2:27.7")],
)
def test_duration_is_ms_below_a_second_then_minutes(seconds, shown):
    assert describe.duration(seconds) == shown


def test_clock_rounds_before_it_splits_minutes():
    from alslint.describe import clock

    assert [clock(s) for s in (0, 59.94, 59.96, 147.7, 600)] == [
        "0:00.0",
        "0:59.9",
        "1:00.0",
        "2:27.7",
        "10:00.0",
    ]
