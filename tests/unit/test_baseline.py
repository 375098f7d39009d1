"""The ignore file: `--generate-ignore` accepts the current findings, later runs drop them,
and entries that no longer match are reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from set_factory import audio_clip, audio_track, write_set

from alslint.cli import run

HEADER = (
    "# alslint ignore file: findings accepted on purpose, one per line:\n"
    "# set path<TAB>rule code<TAB>where. Written by `alslint --generate-ignore`; edit freely.\n"
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_set(
        tmp_path / "song.als", [audio_track("Vox", [audio_clip(0, 16)]), audio_track("Spare")]
    )
    return tmp_path


def lint(capsys, *args):
    code = run(["--no-color", "--no-cache", "--select", "unused-track", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_generate_then_clean_run(capsys, project):
    assert lint(capsys, "song.als")[0] == 1
    code, _, err = lint(capsys, "--generate-ignore", "song.als")
    assert (code, err) == (0, "alslint: wrote 1 accepted finding(s) to .alslint-ignore\n")
    assert (project / ".alslint-ignore").read_text() == HEADER + "song.als\tALS302\tSpare\n"
    assert lint(capsys, "song.als") == (
        0,
        "Checked 1 rule of 1 stage (sound design) — before mixing\n\n"
        "song.als\n  no problems\n\nNo problems found in 1 file.\n",
        "",
    )


def test_stale_entries_are_reported_and_new_findings_still_fail(capsys, project):
    (project / ".alslint-ignore").write_text(HEADER + "song.als\tALS302\tGone Track\n")
    code, out, _ = lint(capsys, "song.als")
    assert code == 1
    assert out.splitlines()[3:5] == [
        "  warning ALS302 Spare: Track has no clips in the arrangement or the session: "
        "delete it if it is not needed [unused-track]",
        "  info    ALS004 whole set: .alslint-ignore lists ALS302 at Gone Track, which is no "
        "longer found: remove that line [stale-ignore]",
    ]


def test_entries_of_sets_not_linted_are_kept_and_not_stale(capsys, project):
    (project / ".alslint-ignore").write_text(HEADER + "other.als\tALS302\tX\n")
    assert lint(capsys, "song.als")[1].count("ALS004") == 0
    lint(capsys, "--generate-ignore", "song.als")
    assert (project / ".alslint-ignore").read_text() == (
        HEADER + "other.als\tALS302\tX\n" + "song.als\tALS302\tSpare\n"
    )


def test_isolated_ignores_the_ignore_file(capsys, project):
    lint(capsys, "--generate-ignore", "song.als")
    assert lint(capsys, "--isolated", "song.als")[0] == 1


def test_a_malformed_line_is_a_config_error(capsys, project):
    (project / ".alslint-ignore").write_text("song.als ALS302 Spare\n")
    assert lint(capsys, "song.als") == (
        2,
        "",
        "alslint: error: .alslint-ignore:1: expected 3 tab-separated fields "
        "(set path<TAB>rule code<TAB>where), found 1\n",
    )


def test_a_linked_secret_is_never_echoed(capsys, project, tmp_path):
    """The ignore file may be a link a pull request added (to the environment, a key file):
    the error names the file, the line and the field count, never what the line holds."""
    secret = tmp_path / "environ"
    secret.write_bytes(b"AWS_SECRET=hunter2\x00GITHUB_TOKEN=ghp_x\x00\n::add-mask::x\n")
    (project / ".alslint-ignore").symlink_to(secret)
    code, out, err = lint(capsys, "song.als")
    assert code == 2 and out == ""
    assert "hunter2" not in err and "ghp_x" not in err and "::" not in err
    assert err == (
        "alslint: error: .alslint-ignore:1: expected 3 tab-separated fields "
        "(set path<TAB>rule code<TAB>where), found 1\n"
    )


def test_an_ignore_file_that_is_not_text_is_named_not_echoed(capsys, project):
    (project / ".alslint-ignore").write_bytes(b"song.als\tALS302\tsecret \xff\xfe\n")
    assert lint(capsys, "song.als") == (
        2,
        "",
        "alslint: error: .alslint-ignore: not UTF-8 text (byte 23)\n",
    )


def test_generate_keeps_exit_2_for_unreadable_sets(capsys, project):
    Path("bad.als").write_bytes(b"")
    code, _, err = lint(capsys, "--generate-ignore", "song.als", "bad.als")
    assert code == 2
    assert (project / ".alslint-ignore").read_text() == HEADER + "song.als\tALS302\tSpare\n"


def test_concurrent_generate_runs_keep_both_runs_entries(project):
    """Two `--generate-ignore` runs in one folder (on different sets) at once: the file
    holds both runs' entries, every time."""
    import subprocess
    import sys

    alslint = str(Path(sys.executable).parent / "alslint")
    for name in ("a", "b"):
        write_set(project / f"{name}.als", [audio_track(f"Spare {name}")])
    for _ in range(5):
        (project / ".alslint-ignore").unlink(missing_ok=True)
        runs = [
            subprocess.Popen(
                [
                    alslint,
                    "--no-cache",
                    "--select",
                    "unused-track",
                    "--generate-ignore",
                    f"{n}.als",
                ],
                cwd=project,
                stderr=subprocess.DEVNULL,
            )
            for n in ("a", "b")
        ]
        assert [run.wait(timeout=120) for run in runs] == [0, 0]
        assert (project / ".alslint-ignore").read_text() == (
            HEADER + "a.als\tALS302\tSpare a\n" + "b.als\tALS302\tSpare b\n"
        )
        assert not list(project.glob(".alslint-ignore?*"))


def _songs_project(root: Path) -> Path:
    """A repository whose set lives in songs/, its ignore file beside it."""
    (root / ".git").mkdir()
    write_set(root / "songs" / "song.als", [audio_track("Spare")])
    (root / "songs" / ".alslint-ignore").write_text(HEADER + "song.als\tALS302\tSpare\n")
    return root / "songs" / "song.als"


def test_the_ignore_file_is_found_upwards_from_the_set(capsys, tmp_path, monkeypatch):
    """The same set has the same findings accepted from its folder and from the repo root."""
    _songs_project(tmp_path)
    monkeypatch.chdir(tmp_path / "songs")
    assert lint(capsys, "song.als")[0] == 0
    monkeypatch.chdir(tmp_path)
    assert lint(capsys, "songs/song.als")[0] == 0
    assert lint(capsys, "songs")[0] == 0
    assert lint(capsys, "--isolated", "songs")[0] == 1


def test_stale_entries_of_a_found_ignore_file_name_it(capsys, tmp_path, monkeypatch):
    _songs_project(tmp_path)
    (tmp_path / "songs" / ".alslint-ignore").write_text(HEADER + "song.als\tALS302\tGone\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = lint(capsys, "songs")
    assert code == 1
    assert (
        "  info    ALS004 whole set: songs/.alslint-ignore lists ALS302 at Gone, which is no "
        "longer found: remove that line [stale-ignore]"
    ) in out


def test_the_search_stops_at_the_repository_root_then_asks_the_config(
    capsys, tmp_path, monkeypatch
):
    (tmp_path / ".alslint-ignore").write_text(HEADER + "repo/song.als\tALS302\tSpare\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write_set(repo / "song.als", [audio_track("Spare")])
    (repo / "conf").mkdir()
    monkeypatch.chdir(repo)
    assert lint(capsys, "song.als")[0] == 1  # the file above the repository is not this set's
    (repo / "conf" / "alslint.toml").write_text("")
    (repo / "conf" / ".alslint-ignore").write_text(HEADER + "../song.als\tALS302\tSpare\n")
    assert lint(capsys, "--config", "conf/alslint.toml", "song.als")[0] == 0
