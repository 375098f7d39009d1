"""`alslint locators`: CSV, JSON, CUE and chapters, with the seconds Live plays."""

from __future__ import annotations

import json

import cueparser
import pytest

from alslint.cli import run
from alslint.model import Locator
from alslint.testing import make_set

AUTOMATION = "live10.1.7__offlinemark__dawtool__tests__als__automation.als"
EXAMPLE_120 = "live10.1.7__offlinemark__dawtool__tests__als__example-120.als"


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_csv_seconds_follow_the_stepped_tempo_ramp(corpus_file, capsys):
    # 60 BPM to beat 4, then 60 -> 120 over 4 beats (2.836 s in Live), 120 -> 200 over 4.
    code, out, err = cli(capsys, "locators", str(corpus_file(AUTOMATION)))
    assert (code, err) == (0, "")
    assert out == (
        "name,position,beats,seconds\n"
        "A,1.1.1,0,0.000\n"
        "B,2.1.1,4,4.000\n"
        "D,2.3.1,6,5.664\n"
        "C,3.1.1,8,6.836\n"
        "Z,3.3.1,10,7.715\n"
        "E,4.3.1,14,8.994\n"
    )


def test_json_agrees_with_the_timeline(corpus_file, capsys):
    from corpus_lookup import load_model

    path = corpus_file(AUTOMATION)
    code, out, _ = cli(capsys, "locators", str(path), "--format", "json")
    rows = json.loads(out)
    timeline = load_model(path).timeline()
    assert code == 0
    assert rows[3] == {"name": "C", "position": "3.1.1", "beats": 8.0, "seconds": 6.836}
    for row in rows:
        assert row["seconds"] == round(timeline.beats_to_seconds(row["beats"]), 3)


def test_cue_sheet_parses_with_a_cue_parser(corpus_file, capsys):
    code, out, _ = cli(capsys, "locators", str(corpus_file(EXAMPLE_120)), "--format", "cue")
    assert code == 0
    assert out.splitlines()[:6] == [
        f'TITLE "{EXAMPLE_120[:-4]}"',
        f'FILE "{EXAMPLE_120[:-4]}.wav" WAVE',
        "  TRACK 01 AUDIO",
        '    TITLE "mirvs - his track你好"',
        "    INDEX 01 00:00:00",
        "  TRACK 02 AUDIO",
    ]
    sheet = cueparser.CueSheet()
    sheet.setOutputFormat("%title%", "%title%")
    sheet.setData(out)
    sheet.parse()
    assert sheet.file == f"{EXAMPLE_120[:-4]}.wav"
    assert sheet.aformat == "WAVE"
    assert len(sheet.tracks) == 15
    assert [t.title for t in sheet.tracks[:3]] == [
        "mirvs - his track你好",
        "comfort - other track",
        "comfort - yo",
    ]
    # 200 s = 3:20 and 0 frames; the last locator at 3904 s.
    assert [t.offset for t in sheet.tracks[1:3]] == ["03:20:00", "03:36:00"]
    assert sheet.tracks[-1].offset == "65:04:00"
    assert sheet.tracks[7].title == "Locator 8"  # an unnamed locator


def test_chapters_start_at_zero_and_pass_an_hour(corpus_file, capsys):
    code, out, _ = cli(capsys, "locators", str(corpus_file(EXAMPLE_120)), "--format", "chapters")
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == [
        "0:00 mirvs - his track你好",
        "3:20 comfort - other track",
        "3:36 comfort - yo",
    ]
    assert lines[7] == "14:00 421.1.1"  # unnamed: its position
    assert lines[-1] == "1:05:04 sd"


def _rows(locators, **kwargs):
    from alslint.library.locators import locator_rows

    return locator_rows(make_set(locators=locators, **kwargs))


def test_chapters_add_a_first_chapter_at_zero():
    from alslint.library.locators import render

    rows = _rows([Locator(time=16.0, name="Drop"), Locator(time=8.0, name="Build")])
    assert render(rows, "chapters", "song.als") == "0:00 Start\n0:04 Build\n0:08 Drop\n"


def test_untrusted_names_stay_on_one_line():
    from alslint.library.locators import render

    rows = _rows([Locator(time=0.0, name='In"tro\nX\x1b[31m')])
    assert render(rows, "chapters", "a.als") == '0:00 In"tro X [31m\n'
    assert '    TITLE "In\'tro X [31m"' in render(rows, "cue", "a.als").splitlines()
    assert render(rows, "csv", "a.als").splitlines()[1] == '"In""tro'


def test_cue_frames():
    from alslint.library.locators import cue_time

    assert cue_time(0.0) == "00:00:00"
    assert cue_time(61.5) == "01:01:37"  # 0.5 s = 37.5 frames, rounded to even
    assert cue_time(3904.0) == "65:04:00"


def test_more_than_99_locators_do_not_fit_a_cue_sheet(tmp_path, capsys):
    from alslint.errors import AlslintError
    from alslint.library.locators import render

    rows = _rows([Locator(time=float(i), name=str(i)) for i in range(100)])
    with pytest.raises(AlslintError, match="at most 99 tracks"):
        render(rows, "cue", "a.als")


def test_unreadable_set_is_one_line_exit_2(tmp_path, capsys):
    code, out, err = cli(capsys, "locators", str(tmp_path / "none.als"))
    assert code == 2
    assert err.startswith("alslint: error: ") and err.count("\n") == 1
