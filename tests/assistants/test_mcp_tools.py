"""The MCP tools as plain functions: the same documents as the CLI's JSON, exact clip notes, and
no read outside the allowed folders (alslint.mcp.tools, alslint.mcp.paths)."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from cli_helpers import cli

from alslint.errors import AlslintError
from alslint.mcp import tools
from alslint.mcp.paths import PathRefused, Roots

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_projects"
CORPUS_SET = "live10.0.1__Music-Projects__wip-4-02-20-Project__wip-4-02-20.als"


@pytest.fixture
def samples(monkeypatch) -> Roots:
    """The server as `alslint mcp --root sample_projects` runs it: in its first folder."""
    monkeypatch.chdir(SAMPLES)
    return Roots([SAMPLES])


def cli_json(capsys, *argv: str) -> dict:
    code, out, err = cli(capsys, *argv)
    assert code in (0, 1), err
    return json.loads(out)


def test_inspect_set_is_the_inspect_json(samples, capsys):
    assert tools.inspect_set(samples, "demo.als") == cli_json(
        capsys, "inspect", "--format", "json", "demo.als"
    )


@pytest.mark.parametrize(
    ("before", "select", "args"),
    [
        (None, None, []),
        ("release", None, ["--stage", "release"]),
        ("arrangement", None, ["--before", "arrangement"]),
        ("mixing", ["ALS3", "default-tempo"], ["--select", "ALS3,default-tempo"]),
    ],
)
def test_lint_set_is_the_lint_json_with_the_stage_line(samples, capsys, before, select, args):
    document = tools.lint_set(samples, "demo.als", before, select)
    stage_line = document.pop("stage_line")
    document.pop("samples_not_checked")
    expected = cli_json(
        capsys, "lint", "--isolated", "--no-cache", "--format", "json", *args, "demo.als"
    )
    assert document == expected
    assert stage_line["before"] == expected["stage"]


def test_lint_set_before_composition_is_an_error_as_on_the_command_line(samples):
    with pytest.raises(tools.ToolInputError, match="no rule to run"):
        tools.lint_set(samples, "demo.als", "composition")


def test_lint_set_stage_line_of_the_default_gate(samples):
    assert tools.lint_set(samples, "demo.als")["stage_line"] == {
        "before": "mixing",
        "stages_checked": ["composition", "arrangement", "sound-design"],
        "rules_run": [
            *("ALS101", "ALS102", "ALS103", "ALS104"),
            *("ALS201", "ALS202", "ALS203", "ALS204", "ALS205", "ALS206", "ALS207"),
            *("ALS301", "ALS302", "ALS303", "ALS304", "ALS305", "ALS306", "ALS307", "ALS308"),
            *("ALS309", "ALS310", "ALS320"),
        ],
    }
    assert tools.lint_set(samples, "demo.als", select=["ALS304"])["stage_line"]["rules_run"] == [
        "ALS304"
    ]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r: tools.lint_set(r, "demo.als", "soon"), "before: unknown stage 'soon'"),
        (lambda r: tools.lint_set(r, "demo.als", select=["ALS9"]), "unknown rule or code prefix"),
        (lambda r: tools.explain_rule("nope"), "no rule named or coded 'nope'"),
        (lambda r: tools.clip_notes(r, "demo.als", "Nope", "x"), "no track named 'Nope'"),
        (lambda r: tools.clip_notes(r, "demo.als", 12, "x"), "no track number 12 (the set has 11"),
        (
            lambda r: tools.clip_notes(r, "demo.als", "Kick", "Kick Loop"),
            "2 clips match 'Kick Loop': at 1.1.1, 41.1.1; pass a position",
        ),
        (lambda r: tools.clip_notes(r, "demo.als", "Kick", "1.1"), "is an audio clip: no notes"),
        (lambda r: tools.clip_notes(r, "demo.als", "Bass", "scene 1"), "no clip 'scene 1'"),
        (lambda r: tools.clip_notes(r, "demo.als", 4, "1", limit=5001), "limit 1 to 5000"),
    ],
)
def test_wrong_arguments_are_one_line_errors(samples, call, message):
    with pytest.raises(AlslintError) as caught:
        call(samples)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_duplicate_track_names_give_their_numbers(tmp_path, monkeypatch):
    from set_factory import midi_track, write_set

    path = write_set(tmp_path / "twins.als", [midi_track("Keys"), midi_track("Keys")])
    monkeypatch.chdir(tmp_path)
    with pytest.raises(AlslintError, match="2 tracks are named 'Keys': numbers 1, 2"):
        tools.clip_notes(Roots([tmp_path]), path.name, "Keys", "x")


def test_a_name_wins_over_a_number_or_a_position(tmp_path, monkeypatch):
    from set_factory import midi_clip, midi_track, write_set

    clips = [midi_clip(0, 4, "3", notes=[(60, 0.0, 1.0)]), midi_clip(8, 12, "B", notes=[])]
    path = write_set(tmp_path / "digits.als", [midi_track("Keys"), midi_track("1", clips)])
    monkeypatch.chdir(tmp_path)
    roots = Roots([tmp_path])
    assert tools.clip_notes(roots, path.name, "1", "3")["track"] == {"number": 2, "name": "1"}
    assert tools.clip_notes(roots, path.name, 2, "3")["clip"]["where"] == "1.1.1"
    assert tools.clip_notes(roots, path.name, "1", "3.1")["clip"]["name"] == "B"
    assert tools.clip_notes(roots, path.name, "1", " 3 ")["clip"]["name"] == "B"
    with pytest.raises(AlslintError, match="no clip '2.1.1' on track 2 '1'"):
        tools.clip_notes(roots, path.name, 2, "2.1.1")


def test_an_unreadable_set_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "bad.als").write_bytes(b"not a set")
    monkeypatch.chdir(tmp_path)
    roots = Roots([tmp_path])
    for call in (tools.inspect_set, tools.lint_set):
        with pytest.raises(AlslintError, match="bad.als: "):
            call(roots, "bad.als")


def test_explain_rule_is_the_rule_doc(capsys):
    code, out, _ = cli(capsys, "rule", "--format", "markdown", "missing-sample")
    assert tools.explain_rule("als304") == {
        "code": "ALS304",
        "name": "missing-sample",
        "stage": "sound-design",
        "severity": "warning",
        "summary": "A sample file of an audio clip or an instrument (Simpler, Sampler, Impulse) "
        "cannot be found, so it plays silence.",
        "doc": out,
    }


def test_rule_catalogue_is_the_rules_json(capsys):
    assert tools.rule_catalogue() == cli_json(capsys, "rules", "--format", "json")


def test_diff_sets_is_the_diff_json(samples, capsys):
    assert tools.diff_sets(samples, "clean.als", "demo.als") == cli_json(
        capsys, "diff", "--format", "json", "clean.als", "demo.als"
    )


def test_clip_notes_of_the_demo_bassline(samples):
    def note(pitch, name, start, length, bar_beat, length_bar_beat, velocity):
        return {
            "pitch": pitch,
            "name": name,
            "start": start,
            "length": length,
            "bar_beat": bar_beat,
            "length_bar_beat": length_bar_beat,
            "velocity": velocity,
            "muted": False,
        }

    assert tools.clip_notes(samples, "demo.als", "Bass", "Bassline", offset=2, limit=4) == {
        "track": {"number": 4, "name": "Bass"},
        "clip": {
            "name": "Bassline",
            "where": "1.1.1",
            "start": 0.0,
            "end": 256.0,
            "loop": {"on": True, "start": 0.0, "end": 16.0},
        },
        "bar_beat_of": "song",
        "total": 8,
        "offset": 2,
        "next_offset": 6,
        "notes": [
            note(52, "E2", 2.0, 0.5, "1.3.1", "0.0.2", 100.0),
            note(45, "A1", 4.0, 0.5, "2.1.1", "0.0.2", 110.0),
            note(45, "A1", 6.0, 0.25, "2.3.1", "0.0.1", 90.0),
            note(52, "E2", 8.0, 0.5, "3.1.1", "0.0.2", 100.0),
        ],
    }
    by_number = tools.clip_notes(samples, "demo.als", 4, "1.1.1", offset=6)
    assert by_number["next_offset"] is None
    assert [n["bar_beat"] for n in by_number["notes"]] == ["3.3.1", "4.1.1"]


def test_clip_notes_of_a_corpus_set(corpus_file, monkeypatch):
    folder = corpus_file(CORPUS_SET).parent
    monkeypatch.chdir(folder)
    roots = Roots([folder])
    page = tools.clip_notes(roots, CORPUS_SET, 1, "5.1", limit=3)
    assert page["clip"] == {
        "name": "",
        "where": "5.1.1",
        "start": 16.0,
        "end": 24.0,
        "loop": {"on": True, "start": 0.0, "end": 16.0},
    }
    assert (page["total"], page["next_offset"]) == (39, 3)
    assert [(n["name"], n["start"], n["bar_beat"], n["velocity"]) for n in page["notes"]] == [
        ("F1", 0.0, "5.1.1", 114.0),
        ("C1", 1.0, "5.2.1", 114.0),
        ("F1", 2.0, "5.3.1", 114.0),
    ]
    session = tools.clip_notes(roots, CORPUS_SET, "122 Loop 3", "scene 1")
    assert (session["bar_beat_of"], session["total"], session["clip"]["where"]) == (
        "clip",
        8,
        "scene 1",
    )


def test_pitch_names_follow_live():
    from alslint.describe import note_name

    assert [note_name(p) for p in (0, 59, 60, 61, 127)] == ["C-2", "B2", "C3", "C#3", "G8"]


def test_list_sets(tmp_path, monkeypatch):
    for folder in ("Song Project", "Song Project/Backup", ".hidden"):
        (tmp_path / folder).mkdir()
    shutil.copy(SAMPLES / "demo.als", tmp_path / "Song Project" / "song.als")
    shutil.copy(SAMPLES / "demo.als", tmp_path / "Song Project" / "Backup" / "song [1].als")
    shutil.copy(SAMPLES / "clean.als", tmp_path / ".hidden" / "secret.als")
    shutil.copy(SAMPLES / "clean.als", tmp_path / "clean.als")
    (tmp_path / "broken.als").write_bytes(b"not a set")
    (tmp_path / "outside.als").symlink_to(SAMPLES / "clean.als")
    monkeypatch.chdir(tmp_path)
    listing = tools.list_sets(Roots([tmp_path]))
    assert listing["folder"] == "."
    sets = listing["sets"]
    assert [entry["path"] for entry in sets] == ["Song Project/song.als", "broken.als", "clean.als"]
    song, broken, clean = sets
    assert song == {
        "path": "Song Project/song.als",
        "unreadable": False,
        "live_version": "12.3.5",
        "tempo": 124.0,
        "length": {"beats": 320.0, "bars": 80, "seconds": 154.839},
        "tracks": 11,
        "stage_reached": "arrangement",
        "open_findings": {"composition": 0, "arrangement": 1, "sound-design": 14, "set": 0},
    }
    assert broken["unreadable"] and broken["error"]
    # Copied without its Samples/ folder: its four samples are missing.
    assert clean["open_findings"] == {
        "composition": 0,
        "arrangement": 0,
        "sound-design": 4,
        "set": 0,
    }


def test_paths_outside_the_roots_are_refused(tmp_path):
    inside, outside = tmp_path / "music", tmp_path / "private"
    inside.mkdir()
    outside.mkdir()
    shutil.copy(SAMPLES / "demo.als", outside / "demo.als")
    (inside / "link.als").symlink_to(outside / "demo.als")
    (inside / "escape").symlink_to(outside)
    roots = Roots([inside])
    for raw in (
        str(outside / "demo.als"),
        "../private/demo.als",
        "link.als",
        "escape/demo.als",
        "/etc/passwd",
    ):
        with pytest.raises(PathRefused, match="outside the allowed folders"):
            roots.resolve(raw)
    with pytest.raises(PathRefused, match="no such file"):
        roots.resolve("nothing.als")
    with pytest.raises(PathRefused, match="is a folder"):
        roots.resolve(".")
    with pytest.raises(PathRefused, match="no such folder"):
        roots.resolve("demo.als", folder=True)
    with pytest.raises(PathRefused, match="outside the allowed folders"):
        tools.list_sets(roots, "../private")


def test_a_second_root_is_allowed(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    shutil.copy(SAMPLES / "demo.als", second / "demo.als")
    roots = Roots([first, second])
    assert roots.resolve(str(second / "demo.als")) == (second / "demo.als").resolve()
    assert roots.resolve("../b/demo.als") == (second / "demo.als").resolve()


def test_the_lint_never_looks_at_samples_outside_the_roots(samples, monkeypatch):
    looked_at = []
    isfile = os.path.isfile

    def spy(path):
        looked_at.append(os.fspath(path))
        return isfile(path)

    monkeypatch.setattr(os.path, "isfile", spy)
    document = tools.lint_set(samples, "demo.als", select=["missing-sample"])
    assert looked_at and all(p.startswith(str(SAMPLES.resolve())) for p in looked_at)
    assert (
        "/Users/demo/Music/Demo Project/Samples/Imported/Kick Loop.wav"
        in (document["samples_not_checked"])
    )
    # Outside the roots a sample counts as not found: the same findings as a lint that looks.
    assert len(document["files"][0]["findings"]) == 4


def test_the_sample_guard_answers_inside_and_records_outside(tmp_path):
    (tmp_path / "kick.wav").write_bytes(b"")
    file_exists, outside = Roots([tmp_path]).sample_guard()
    assert file_exists(tmp_path / "kick.wav")
    assert not file_exists(tmp_path / "snare.wav")
    assert not file_exists(Path("/etc/hosts"))
    assert not file_exists(tmp_path / ".." / "x.wav")
    assert outside == ["/etc/hosts", str(tmp_path / ".." / "x.wav")]


def test_without_the_mcp_extra_the_command_says_what_to_install(capsys, monkeypatch):
    # Every SDK module, loaded or not, now fails to import, as when the extra is not installed.
    for name in [n for n in sys.modules if n == "mcp" or n.startswith("mcp.")] + ["mcp"]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "alslint.mcp.server", raising=False)
    assert cli(capsys, "mcp", "--root", str(SAMPLES)) == (
        2,
        "",
        'alslint: error: the MCP server needs the mcp extra: pip install "alslint[mcp]" '
        "(or pipx inject alslint mcp)\n",
    )


def test_fix_set_never_writes_a_backup_outside_the_roots(tmp_path):
    inside, outside = tmp_path / "music", tmp_path / "private"
    inside.mkdir()
    outside.mkdir()
    shutil.copy(SAMPLES / "demo.als", inside / "demo.als")
    (inside / "Backup").symlink_to(outside)
    with pytest.raises(AlslintError, match="Backup/ folder leads outside the allowed folders"):
        tools.fix_set(Roots([inside]), str(inside / "demo.als"), ["missing-fade"], False)
    assert (inside / "demo.als").read_bytes() == (SAMPLES / "demo.als").read_bytes()
    assert list(outside.iterdir()) == []
    dry = tools.fix_set(Roots([inside]), str(inside / "demo.als"), ["missing-fade"])
    assert dry["fixed"] == {"missing-fade": 1} and not dry["written"]


def test_fix_set_refuses_a_set_changed_on_disk_since_it_was_read(tmp_path, monkeypatch):
    from alslint.fix.writer import Snapshot

    shutil.copy(SAMPLES / "demo.als", tmp_path / "demo.als")
    monkeypatch.setattr(Snapshot, "changed_on_disk", lambda self: True)
    with pytest.raises(AlslintError, match="not fixed: the set changed on disk since it was read"):
        tools.fix_set(Roots([tmp_path]), str(tmp_path / "demo.als"), ["missing-fade"], False)
    assert (tmp_path / "demo.als").read_bytes() == (SAMPLES / "demo.als").read_bytes()
    assert not (tmp_path / "Backup").exists()
