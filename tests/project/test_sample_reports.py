"""The bundled sample projects: every rule that fires on the demo fires exactly where the
demo was built to make it fire, the clean set has no finding at any stage, and the full
reports are snapshot-tested.

Set ALSLINT_UPDATE_SNAPSHOTS=1 to rewrite the snapshots, then review the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import click
import pytest

from alslint.cli import run

REPO = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).parents[1] / "snapshots" / "samples"


def lint(capsys, monkeypatch, *args):
    monkeypatch.chdir(REPO)
    code = run(["--no-color", *args])
    out = capsys.readouterr().out
    return code, out


def findings(capsys, monkeypatch, sample, *args):
    code, out = lint(capsys, monkeypatch, "--format", "json", *args, f"sample_projects/{sample}")
    [file] = json.loads(out)["files"]
    return code, [
        (
            f["code"],
            f["location"]["track"],
            f["location"]["clip"],
            f["location"]["bars"],
            f["message"],
        )
        for f in file["findings"]
    ]


#: Every finding of demo.als at `--stage release` (every rule of every stage), in report order.
#: The four core rules (ALS201, ALS301, ALS302, ALS303) fire where the demo was first built to
#: make them fire; the others where README.md of sample_projects says.
DEMO_FINDINGS = [
    (
        "ALS403",
        None,
        None,
        None,
        "All 4 sounding tracks are panned dead centre, with no pan automation "
        "and no width device (Auto Pan, Chorus, an imager): the mix may have no stereo width; pan some "
        "parts away from the centre",
    ),
    (
        "ALS201",
        None,
        None,
        [41, 64],
        "Nothing changes for 24 bars (no clip starts or stops, "
        "no automation moves): vary something at least every 16 bars",
    ),
    (
        "ALS402",
        "Kick",
        None,
        None,
        "Fader at +3.0 dB, above 0 dB: the track pushes the mix towards "
        "clipping; lower the fader (raise the clip gain or a Utility if the source is too quiet)",
    ),
    (
        "ALS304",
        "Kick",
        "Kick Loop",
        [1, 32],
        "Samples/Imported/Kick Loop.wav (used by 2 clips on Kick) is missing",
    ),
    ("ALS306", "Snare", None, None, 'Device "Reverb" is switched off: delete it or switch it on'),
    (
        "ALS301",
        "Snare",
        "Snare Hit",
        [17, 32],
        "Clip cuts into its sample at both edges with no fade-in or fade-out: it may click",
    ),
    (
        "ALS304",
        "Snare",
        "Snare Hit",
        [17, 32],
        "Samples/Imported/Snare Hit.wav (used by 1 clip on Snare) is missing",
    ),
    (
        "ALS304",
        "Snare",
        "Snare Fill",
        [32, 32],
        "Samples/Imported/Snare Fill.wav (used by 1 clip on Snare) is missing",
    ),
    (
        "ALS303",
        "Bass",
        None,
        None,
        'MIDI track still plays through the instrument "Simpler": '
        "bounce it to audio (or freeze and flatten it) before mixing",
    ),
    (
        "ALS307",
        "Bass",
        "Bassline",
        [1, 64],
        "1 of 8 notes starts off the 1/16 grid (up to 19 ms, "
        "bar 4) while the rest are quantized: quantize it unless it is meant to be loose",
    ),
    (
        "ALS303",
        "Lead",
        None,
        None,
        'MIDI track still plays through the VST3 plugin "Vital": '
        "bounce it to audio (or freeze and flatten it) before mixing",
    ),
    (
        "ALS401",
        "Lead",
        None,
        None,
        "Track is left soloed: the tracks that are not soloed stay silent "
        "in playback and in an export; unsolo it",
    ),
    (
        "ALS305",
        "Lead",
        "Lead Old",
        [65, 72],
        "Clip is deactivated: delete it, or activate it if it belongs in the song",
    ),
    (
        "ALS302",
        "Old Vocal",
        None,
        None,
        "Track has no clips in the arrangement or the session: delete it if it is not needed",
    ),
    ("ALS302", "Pad", None, None, "Track is switched off: delete it if it is not needed"),
    (
        "ALS304",
        "Pad",
        "Pad",
        [1, 16],
        "Samples/Imported/Pad.wav (used by 1 clip on Pad) is missing",
    ),
    ("ALS302", "FX", None, None, "Group contains no tracks: delete it if it is not needed"),
    (
        "ALS302",
        "B-Delay",
        None,
        None,
        "No send reaches this return track: delete it if it is not needed",
    ),
    (
        "ALS501",
        "Main",
        None,
        None,
        'The device "Utility" comes after the limiter and can push peaks '
        "past its ceiling: make the limiter the last device on the master (meters may follow it)",
    ),
]


def test_demo_fires_each_rule_at_its_place(capsys, monkeypatch):
    code, found = findings(capsys, monkeypatch, "demo.als", "--stage", "release")
    assert code == 1
    assert found == DEMO_FINDINGS


def test_demo_at_the_default_stage_has_the_findings_of_the_stages_before_mixing(
    capsys, monkeypatch
):
    """What README's first command shows: `alslint sample_projects/demo.als` (stage mixing)
    reports the composition, arrangement and sound-design findings, and exits 1."""
    code, found = findings(capsys, monkeypatch, "demo.als")
    assert code == 1
    assert found == [f for f in DEMO_FINDINGS if f[0][3] in "123"]


def test_documented_json_example_is_the_demo(capsys, monkeypatch):
    """docs/formats.md's `--format json` example is an excerpt of the demo's real report: every
    key and value it shows (but the elided message and fingerprint) is the real one."""
    readme = (REPO / "docs" / "formats.md").read_text(encoding="utf-8")
    [example] = [
        b for b in re.findall(r"```json\n(.*?)```", readme, re.S) if '"schema_version"' in b
    ]
    shown = json.loads(example)
    _, out = lint(capsys, monkeypatch, "--format", "json", "sample_projects/demo.als")
    real = json.loads(out)
    assert {k: v for k, v in real.items() if k != "files"} == {
        k: v for k, v in shown.items() if k != "files"
    }
    [shown_file], [real_file] = shown["files"], real["files"]
    assert (shown_file["path"], shown_file["unreadable"]) == (
        real_file["path"],
        real_file["unreadable"],
    )
    for finding in shown_file["findings"]:
        elided = {k for k, v in finding.items() if v == "…"}
        assert elided == {"message", "fingerprint"}
        assert finding in [
            {k: (v if k not in elided else "…") for k, v in f.items()}
            for f in real_file["findings"]
        ]


def test_demo_with_an_eight_bar_window(capsys, monkeypatch, tmp_path):
    config = tmp_path / "alslint.toml"
    config.write_text("[rules.no-variation]\nwindow-bars = 8\n", encoding="utf-8")
    code, found = findings(
        capsys, monkeypatch, "demo.als", "--config", str(config), "--select", "no-variation"
    )
    # Bars 17–32 hold the unlooped "Snare Hit", assumed to vary while it plays.
    assert [(c, bars) for c, _, _, bars, _ in found] == [
        ("ALS201", [41, 64]),
        ("ALS201", [65, 80]),
    ]


def test_clean_sample_has_no_findings_at_any_stage(capsys, monkeypatch):
    assert findings(capsys, monkeypatch, "clean.als", "--stage", "release") == (0, [])


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
