"""The bundled sample projects: each core rule fires exactly where the demo was built to
make it fire, the clean set has no finding, and the full reports are snapshot-tested.

Set ALSLINT_UPDATE_SNAPSHOTS=1 to rewrite the snapshots, then review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest

from alslint.cli import run

REPO = Path(__file__).resolve().parents[1]
SNAPSHOTS = Path(__file__).parent / "snapshots" / "samples"


def lint(capsys, monkeypatch, *args):
    monkeypatch.chdir(REPO)
    code = run(["--no-color", *args])
    out = capsys.readouterr().out
    return code, out


def findings(capsys, monkeypatch, sample, *args):
    code, out = lint(capsys, monkeypatch, "--format", "json", *args, f"sample_projects/{sample}")
    [file] = json.loads(out)["files"]
    return code, [
        (f["code"], f["location"]["track"], f["location"]["clip"], f["location"]["bars"], f["message"])
        for f in file["findings"]
    ]


def test_demo_fires_each_core_rule_at_its_place(capsys, monkeypatch):
    code, found = findings(capsys, monkeypatch, "demo.als")
    assert code == 1
    assert found == [
        ("ALS201", None, None, [41, 64], "Nothing changes for 24 bars (no clip starts or stops, "
         "no automation moves): vary something at least every 16 bars"),
        ("ALS301", "Snare", "Snare Hit", [17, 32], "Clip cuts into its sample at both edges with "
         "no fade-in or fade-out: it may click"),
        ("ALS303", "Bass", None, None, 'MIDI track still plays through the instrument "Simpler": '
         "bounce it to audio (or freeze and flatten it) before mixing"),
        ("ALS303", "Lead", None, None, 'MIDI track still plays through the VST3 plugin "Vital": '
         "bounce it to audio (or freeze and flatten it) before mixing"),
        ("ALS302", "Old Vocal", None, None, "Track has no clips in the arrangement or the session: "
         "delete it if it is not needed"),
        ("ALS302", "Pad", None, None, "Track is switched off: delete it if it is not needed"),
        ("ALS302", "FX", None, None, "Group contains no tracks: delete it if it is not needed"),
        ("ALS302", "B-Delay", None, None, "No send reaches this return track: delete it if it is "
         "not needed"),
    ]  # fmt: skip


def test_demo_with_an_eight_bar_window(capsys, monkeypatch, tmp_path):
    config = tmp_path / "alslint.toml"
    config.write_text("[rules.no-variation]\nwindow-bars = 8\n", encoding="utf-8")
    code, found = findings(capsys, monkeypatch, "demo.als", "--config", str(config),
                           "--select", "no-variation")  # fmt: skip
    # Bars 17–32 hold the unlooped "Snare Hit", assumed to vary while it plays.
    assert [(c, bars) for c, _, _, bars, _ in found] == [
        ("ALS201", [41, 64]),
        ("ALS201", [65, 80]),
    ]


def test_clean_sample_has_no_findings_at_any_stage(capsys, monkeypatch):
    assert findings(capsys, monkeypatch, "clean.als", "--stage", "mixing") == (0, [])


@pytest.mark.parametrize(
    ("sample", "fmt", "suffix"),
    [("demo.als", "text", "txt"), ("demo.als", "json", "json"), ("clean.als", "text", "txt")],
)
def test_report_snapshots(capsys, monkeypatch, sample, fmt, suffix):
    _, out = lint(capsys, monkeypatch, "--format", fmt, f"sample_projects/{sample}")
    out = click.unstyle(out)
    path = SNAPSHOTS / f"{Path(sample).stem}.{suffix}"
    if os.environ.get("ALSLINT_UPDATE_SNAPSHOTS") == "1":
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")
