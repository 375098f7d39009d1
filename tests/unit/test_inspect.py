"""`alslint inspect`: the text overview and the documented JSON contract."""

from __future__ import annotations

import json
import os
from pathlib import Path

from alslint.cli import run

REPO = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).parents[1] / "snapshots" / "samples" / "demo.inspect.txt"


def inspect(capsys, monkeypatch, *args):
    monkeypatch.chdir(REPO)
    code = run(["inspect", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_overview_of_the_demo(capsys, monkeypatch):
    code, out, _ = inspect(capsys, monkeypatch, "sample_projects/demo.als")
    if os.environ.get("ALSLINT_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(out, encoding="utf-8")
    assert code == 0
    assert out == SNAPSHOT.read_text(encoding="utf-8")


def test_json_contract_on_the_demo(capsys, monkeypatch):
    code, out, _ = inspect(capsys, monkeypatch, "--format", "json", "sample_projects/demo.als")
    data = json.loads(out)
    assert code == 0
    assert data["live_version"] == "12.3.5"
    assert data["tempo"] == 124.0 and data["tempo_automated"] is False
    assert data["time_signature"] == "4/4"
    assert data["key"] == {"root": "A", "scale": "Minor", "in_key": True, "chosen": True}
    assert data["length"] == {"beats": 320.0, "bars": 80, "seconds": 154.839}
    assert [
        (t["name"], t["type"], t["arrangement_clips"], t["session_clips"]) for t in data["tracks"]
    ] == [
        ("Drums", "group", 0, 0),
        ("Kick", "audio", 2, 0),
        ("Snare", "audio", 2, 0),
        ("Bass", "midi", 1, 0),
        ("Lead", "midi", 3, 0),  # Lead A, Lead B and the deactivated Lead Old
        ("Old Vocal", "audio", 0, 0),
        ("Pad", "audio", 1, 0),
        ("FX", "group", 0, 0),
        ("A-Reverb", "return", 0, 0),
        ("B-Delay", "return", 0, 0),
        ("Main", "master", 0, 0),
    ]
    assert data["locators"] == [
        {"time": 0.0, "bar": "1.1.1", "name": "Intro"},
        {"time": 64.0, "bar": "17.1.1", "name": "Verse"},
        {"time": 128.0, "bar": "33.1.1", "name": "Drop"},
        {"time": 256.0, "bar": "65.1.1", "name": "Outro"},
    ]
    kick = data["tracks"][1]
    assert kick["group"] == "Drums"
    assert kick["sends"] == [
        {"return": "A-Reverb", "level_db": -12.0, "active": True},
        {"return": "B-Delay", "level_db": None, "active": True},
    ]
    assert data["tracks"][4]["devices"][0] == {
        "name": "Vital",
        "device": "PluginDevice",
        "on": True,
        "plugin_format": "vst3",
        "instrument": True,
        "chains": [],
    }


def test_tempo_automation_is_reported_beside_the_stored_tempo(capsys, monkeypatch, corpus_dir):
    path = corpus_dir / "live10.1.7__offlinemark__dawtool__tests__als__automation.als"
    code, out, _ = inspect(capsys, monkeypatch, "--format", "json", str(path))
    data = json.loads(out)
    # The stored tempo field says 120; the envelope runs 60 → 120 → 200.
    assert (data["tempo"], data["tempo_automated"], data["tempo_range"]) == (
        120.0,
        True,
        [60.0, 200.0],
    )


def test_time_signature_changes(capsys, monkeypatch, corpus_dir):
    path = corpus_dir / "live9.7__FrancoCerone__ElektroWaveEP__Ep__Time4you__Time4you.als"
    code, out, _ = inspect(capsys, monkeypatch, "--format", "json", str(path))
    data = json.loads(out)
    assert data["time_signature"] == "4/4"
    assert data["time_signature_changes"][:3] == [
        {"time": 228.0, "bar": 58, "time_signature": "8/8"},
        {"time": 244.0, "bar": 62, "time_signature": "4/4"},
        {"time": 252.0, "bar": 64, "time_signature": "8/8"},
    ]


def test_unreadable_set_is_one_line_and_exit_2(capsys, monkeypatch, tmp_path):
    bad = tmp_path / "song.als"
    bad.write_bytes(b"version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 12\n")
    code, out, err = inspect(capsys, monkeypatch, str(bad))
    assert (code, out) == (2, "")
    assert err == (
        f"alslint: error: {bad}: is a Git LFS pointer, not the set itself "
        "(run `git lfs pull` to fetch it)\n"
    )
