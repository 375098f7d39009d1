"""The `alslint` command line: exact output and exit codes of real sets written to tmp_path.

Most tests call `alslint.cli.run(argv)` in-process (with capsys); a few run the installed
`alslint` console script as a subprocess, as a user's shell or pre-commit does.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import DEFAULT_CHECKED, cli, text_report
from set_factory import (
    audio_clip,
    audio_track,
    busy_set,
    clean_set,
    one_warning_set,
    write_set,
)

from alslint.lint.config import find_config_file

ALSLINT = Path(sys.executable).parent / "alslint"
REPO = Path(__file__).resolve().parents[2]

# The busy set's four findings (at every stage from mixing on), in report order.
BUSY = {
    "ALS201": "  warning ALS201 bars 5–32: Nothing changes for 28 bars (no clip starts or stops, "
    "no automation moves): vary something at least every 16 bars [no-variation]",
    "ALS301": '  warning ALS301 Loop › clip "Beat" @ bars 1–32: Clip ends inside its sample with '
    "no fade-out: it may click [missing-fade]",
    "ALS303": "  warning ALS303 Keys › Operator: MIDI track still plays through the instrument "
    '"Operator": bounce it to audio (or freeze and flatten it) before mixing [unbounced-midi]',
    "ALS302": "  warning ALS302 Spare: Track has no clips in the arrangement or the session: "
    "delete it if it is not needed [unused-track]",
}
SPARE = BUSY["ALS302"]  # the one finding of one_warning_set


def shell(*argv: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed console script, as a shell does."""
    full_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    return subprocess.run(
        [str(ALSLINT), *argv], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=120
    )


def codes_by_file(json_text: str) -> dict[str, list[str]]:
    data = json.loads(json_text)
    return {f["path"]: [v["code"] for v in f["findings"]] for f in data["files"]}


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Every test runs in an empty folder with no alslint configuration above it."""
    monkeypatch.chdir(tmp_path)
    assert find_config_file(tmp_path) is None, "a config file above tmp_path would change results"
    return tmp_path


# -- entry: bare paths, --version ------------------------------------------------------------


# The one source of the version is the package metadata (pyproject.toml reads alslint/_version.py).
VERSION = importlib.metadata.version("alslint")


def test_version(capsys):
    assert cli(capsys, "--version") == (0, f"alslint {VERSION}\n", "")


def test_version_as_a_subprocess(tmp_path):
    done = shell("--version", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"alslint {VERSION}\n", "")


@pytest.mark.parametrize(
    "options",
    [[], ["--stage", "release"], ["--format", "json"], ["--select", "ALS3", "--fail-on", "error"]],
)
def test_bare_paths_mean_lint(capsys, options):
    busy_set("busy.als")
    clean_set("clean.als")
    bare = cli(capsys, *options, "busy.als", "clean.als")
    explicit = cli(capsys, "lint", *options, "busy.als", "clean.als")
    assert bare == explicit
    assert bare[0] in (0, 1) and "busy.als" in bare[1] and "clean.als" in bare[1]


def test_bare_path_as_a_subprocess(tmp_path):
    busy_set("busy.als")
    bare = shell("busy.als", cwd=tmp_path)
    explicit = shell("lint", "busy.als", cwd=tmp_path)
    expected = text_report(
        [("busy.als", list(BUSY.values()))], "Found 4 problems (4 warnings) in 1 file."
    )
    assert (bare.returncode, bare.stdout, bare.stderr) == (1, expected, "")
    assert (explicit.returncode, explicit.stdout, explicit.stderr) == (1, expected, "")


# -- exit codes and the failure threshold ----------------------------------------------------


def test_clean_set_exits_0(capsys):
    clean_set("clean.als")
    assert cli(capsys, "clean.als") == (
        0,
        text_report([("clean.als", [])], "No problems found in 1 file."),
        "",
    )


def test_findings_exit_1_with_the_exact_report(capsys):
    busy_set("busy.als")
    clean_set("clean.als")
    assert cli(capsys, "busy.als", "clean.als") == (
        1,
        text_report(
            [("busy.als", list(BUSY.values())), ("clean.als", [])],
            "Found 4 problems (4 warnings) in 2 files.",
        ),
        "",
    )


@pytest.mark.parametrize(
    ("fail_on", "severity", "expected"),
    [
        ("error", "warning", 0),
        ("warning", "warning", 1),
        ("info", "warning", 1),
        ("error", "info", 0),
        ("warning", "info", 0),
        ("info", "info", 1),
        ("error", "error", 1),
    ],
)
def test_fail_on_threshold(capsys, tmp_path, fail_on, severity, expected):
    one_warning_set("one.als")
    (tmp_path / "alslint.toml").write_text(f'severity = {{ ALS302 = "{severity}" }}\n')
    code, out, err = cli(capsys, "--fail-on", fail_on, "one.als")
    line = SPARE.replace("warning", severity.ljust(7), 1)
    assert (code, out, err) == (
        expected,
        text_report([("one.als", [line])], f"Found 1 problem (1 {severity}) in 1 file."),
        "",
    )


def test_fail_on_defaults_to_warning(capsys, tmp_path):
    one_warning_set("one.als")
    assert cli(capsys, "one.als")[0] == 1
    (tmp_path / "alslint.toml").write_text('severity = { unused-track = "info" }\n')
    assert cli(capsys, "one.als")[0] == 0


def test_exit_zero_with_findings(capsys):
    busy_set("busy.als")
    code, out, err = cli(capsys, "--exit-zero", "busy.als")
    assert (code, err) == (0, "")
    assert out == text_report(
        [("busy.als", list(BUSY.values()))], "Found 4 problems (4 warnings) in 1 file."
    )


def test_exit_zero_still_exits_2_for_an_unreadable_set(capsys):
    busy_set("busy.als")
    code, out, err = cli(capsys, "--exit-zero", "busy.als", "missing.als")
    assert code == 2
    assert out == text_report(
        [
            ("busy.als", list(BUSY.values())),
            ("missing.als", ["  error   ALS000 whole set: no such file [unreadable-set]"]),
        ],
        "Found 5 problems (1 error, 4 warnings) in 2 files.",
    )
    assert err == "alslint: error: missing.als: no such file\n"


# -- unreadable sets ---------------------------------------------------------------------------


def test_missing_file_in_text_output_is_an_ALS000_finding(capsys):
    assert cli(capsys, "missing.als") == (
        2,
        text_report(
            [("missing.als", ["  error   ALS000 whole set: no such file [unreadable-set]"])],
            "Found 1 problem (1 error) in 1 file.",
        ),
        "alslint: error: missing.als: no such file\n",  # as the README promises
    )


@pytest.mark.parametrize(
    "output_format", ["json", "github", "sarif", "junit", "markdown", "html", "gitlab"]
)
def test_missing_file_in_other_formats_is_one_error_line(capsys, output_format):
    code, out, err = cli(capsys, "--format", output_format, "missing.als")
    assert code == 2
    assert err == "alslint: error: missing.als: no such file\n"
    assert "missing.als" in out


def test_one_unreadable_file_among_several(capsys, tmp_path):
    busy_set("a.als")
    (tmp_path / "b.als").write_bytes(b"")
    clean_set("c.als")
    code, out, err = cli(capsys, "--format", "json", "a.als", "b.als", "c.als")
    assert code == 2
    assert err == "alslint: error: b.als: empty file, not a Live set\n"
    data = json.loads(out)
    assert [
        (f["path"], f["unreadable"], [v["code"] for v in f["findings"]]) for f in data["files"]
    ] == [
        ("a.als", False, ["ALS201", "ALS301", "ALS303", "ALS302"]),
        ("b.als", True, ["ALS000"]),
        ("c.als", False, []),
    ]
    assert data["files"][1]["findings"][0]["message"] == "empty file, not a Live set"
    assert data["summary"] == {"files": 3, "error": 1, "warning": 4, "info": 0}


def test_one_unreadable_file_among_several_in_text(capsys, tmp_path):
    one_warning_set("a.als")
    (tmp_path / "b.als").write_text(
        "version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 1\n"
    )
    code, out, err = cli(capsys, "a.als", "b.als")
    assert (code, err) == (
        2,
        "alslint: error: b.als: is a Git LFS pointer, not the set itself "
        "(run `git lfs pull` to fetch it)\n",
    )
    assert out == text_report(
        [
            ("a.als", [SPARE]),
            (
                "b.als",
                [
                    "  error   ALS000 whole set: is a Git LFS pointer, not the set itself "
                    "(run `git lfs pull` to fetch it) [unreadable-set]"
                ],
            ),
        ],
        "Found 2 problems (1 error, 1 warning) in 2 files.",
    )


def test_unreadable_set_as_a_subprocess(tmp_path):
    one_warning_set("a.als")
    done = shell("--format", "json", "a.als", "missing.als", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == "alslint: error: missing.als: no such file\n"
    assert codes_by_file(done.stdout) == {"a.als": ["ALS302"], "missing.als": ["ALS000"]}


# -- usage errors ------------------------------------------------------------------------------

CHOICES_FORMAT = "'text', 'markdown', 'html', 'json', 'sarif', 'github', 'junit', 'gitlab'"
CHOICES_STAGE = "'composition', 'arrangement', 'sound-design', 'mixing', 'mastering', 'release'"


@pytest.mark.parametrize(
    ("argv", "messages"),
    [
        # click 8.2+ and click 8.1 word this one differently; both are one line.
        (
            ["--xyzzy", "song.als"],
            ["No such option '--xyzzy'.", "No such option: --xyzzy"],
        ),
        (
            ["lint", "song.als", "--xyzzy"],
            ["No such option '--xyzzy'.", "No such option: --xyzzy"],
        ),
        (
            ["--format", "xml", "song.als"],
            [f"Invalid value for '--format': 'xml' is not one of {CHOICES_FORMAT}."],
        ),
        (
            ["--stage", "bogus", "song.als"],
            [f"Invalid value for '--before' / '--stage': 'bogus' is not one of {CHOICES_STAGE}."],
        ),
        (
            ["--fail-on", "fatal", "song.als"],
            ["Invalid value for '--fail-on': 'fatal' is not one of 'error', 'warning', 'info'."],
        ),
        (["lint"], ["Missing argument 'PATHS...'."]),
        (["--format"], ["Option '--format' requires an argument."]),
    ],
)
def test_usage_errors_are_one_line(capsys, argv, messages):
    one_warning_set("song.als")
    code, out, err = cli(capsys, *argv)
    assert (code, out) == (2, "")
    assert err in [f"alslint: error: {message}\n" for message in messages]


@pytest.mark.parametrize(
    "argv", [["--bogus", "song.als"], ["--format", "xml", "song.als"], ["--stage", "x", "song.als"]]
)
def test_usage_errors_as_a_subprocess_have_no_traceback(tmp_path, argv):
    one_warning_set("song.als")
    done = shell(*argv, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("alslint: error: ")
    assert "Traceback" not in done.stderr


# -- --output ----------------------------------------------------------------------------------


def test_output_writes_the_report_without_styles(capsys, tmp_path):
    busy_set("busy.als")
    code, out, err = cli(capsys, "busy.als", "--color", "--output", "report.txt")
    assert (code, out, err) == (1, "", "")
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert report == text_report(
        [("busy.als", list(BUSY.values()))], "Found 4 problems (4 warnings) in 1 file."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "busy.als",
        "report.txt",
    ]  # no temp file left


@pytest.mark.parametrize("output_format", ["text", "markdown", "html"])
def test_output_strips_ansi_from_every_human_format(capsys, tmp_path, output_format):
    busy_set("busy.als")
    assert cli(capsys, "busy.als", "--color", "--format", output_format, "-o", "r.out")[0] == 1
    report = (tmp_path / "r.out").read_text(encoding="utf-8")
    assert "\x1b[" not in report
    assert "ALS301" in report


def test_output_json_matches_stdout(capsys, tmp_path):
    busy_set("busy.als")
    code, stdout_report, _ = cli(capsys, "--format", "json", "busy.als")
    assert cli(capsys, "--format", "json", "busy.als", "--output", "r.json") == (code, "", "")
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == stdout_report


def test_output_replaces_an_existing_report(capsys, tmp_path):
    clean_set("clean.als")
    (tmp_path / "report.txt").write_text("old report, much longer than the new one\n" * 50)
    assert cli(capsys, "clean.als", "-o", "report.txt") == (0, "", "")
    assert (tmp_path / "report.txt").read_text() == text_report(
        [("clean.als", [])], "No problems found in 1 file."
    )


@pytest.mark.parametrize("target", ["song.als", "SONG.ALS", "sub/other.Als"])
def test_output_never_writes_over_a_live_set(capsys, tmp_path, target):
    busy_set("busy.als")
    write_set(target, [audio_track("Precious", [audio_clip(0, 4)])])
    before = (tmp_path / target).read_bytes()
    code, out, err = cli(capsys, "busy.als", "--output", target)
    assert (code, out) == (2, "")
    assert err == f"alslint: error: --output {target}: refusing to write a report over a Live set\n"
    assert (tmp_path / target).read_bytes() == before
    assert not [p for p in (tmp_path / target).parent.iterdir() if p.name.endswith(".tmp")]


def test_output_refuses_a_new_als_path_too(capsys, tmp_path):
    clean_set("clean.als")
    code, out, err = cli(capsys, "clean.als", "--output", "report.als")
    assert (code, out) == (2, "")
    assert (
        err == "alslint: error: --output report.als: refusing to write a report over a Live set\n"
    )
    assert not (tmp_path / "report.als").exists()


@pytest.mark.parametrize(
    "target",
    ["song.als.", "song.als ", "song.als. . ", "song.als::$DATA", "song.als:stream", "Song.aLs."],
)
def test_output_guard_compares_names_as_windows_does(capsys, tmp_path, target):
    """Windows drops trailing dots and spaces and reads `name:stream` as the file `name`:
    each of these would write over song.als there, so they are refused everywhere."""
    busy_set("busy.als")
    code, out, err = cli(capsys, "busy.als", "--output", target)
    assert (code, out) == (2, "")
    assert err == f"alslint: error: --output {target}: refusing to write a report over a Live set\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy.als"]


def test_output_dash_is_standard_output(capsys, tmp_path):
    clean_set("clean.als")
    code, stdout_report, _ = cli(capsys, "--format", "json", "clean.als")
    assert cli(capsys, "--format", "json", "clean.als", "-o", "-") == (code, stdout_report, "")
    assert not (tmp_path / "-").exists()


def test_output_writes_into_a_fifo_instead_of_replacing_it(capsys, tmp_path):
    import threading

    clean_set("clean.als")
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    assert cli(capsys, "clean.als", "-o", str(fifo)) == (0, "", "")
    reader.join(timeout=30)
    assert received == [text_report([("clean.als", [])], "No problems found in 1 file.")]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_output_writes_into_a_device_instead_of_replacing_it(capsys):
    clean_set("clean.als")
    before = os.stat("/dev/null")
    assert cli(capsys, "clean.als", "-o", "/dev/null") == (0, "", "")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (
        before.st_ino,
        before.st_rdev,
    )


def test_output_into_a_missing_folder_is_one_error_line(capsys):
    clean_set("clean.als")
    code, out, err = cli(capsys, "clean.als", "--output", "nowhere/report.txt")
    assert (code, out) == (2, "")
    assert (
        err
        == "alslint: error: --output nowhere/report.txt: cannot be written (No such file or directory)\n"
    )


def test_output_to_a_folder_is_one_error_line(capsys, tmp_path):
    clean_set("clean.als")
    (tmp_path / "reports").mkdir()
    assert cli(capsys, "clean.als", "--output", "reports") == (
        2,
        "",
        "alslint: error: --output reports: is a folder\n",
    )


def test_output_file_gets_the_usual_permissions(capsys, tmp_path):
    """The atomic write must not leave the report readable by its owner only (mkstemp's 0600):
    it is created like any other file, with the permissions the umask allows."""
    clean_set("clean.als")
    mask = os.umask(0o022)
    try:
        assert cli(capsys, "clean.als", "--output", "report.html", "--format", "html")[0] == 0
    finally:
        os.umask(mask)
    assert (tmp_path / "report.html").stat().st_mode & 0o777 == 0o644


def test_output_with_an_unreadable_set_reports_it_on_stderr(capsys, tmp_path):
    one_warning_set("a.als")
    code, out, err = cli(capsys, "a.als", "missing.als", "--output", "report.txt")
    assert (code, out, err) == (2, "", "alslint: error: missing.als: no such file\n")
    assert "ALS000 whole set: no such file" in (tmp_path / "report.txt").read_text()


def test_color_only_when_asked_or_on_a_terminal(capsys):
    one_warning_set("one.als")
    code, out, _ = cli(capsys, "--color", "one.als")
    assert code == 1
    assert out == (
        f"{DEFAULT_CHECKED}\n\n"
        "\x1b[1mone.als\x1b[0m\n"
        "  \x1b[33m\x1b[1mwarning\x1b[0m ALS302 Spare: Track has no clips in the arrangement or the "
        "session: delete it if it is not needed [unused-track]\n"
        "\n"
        "\x1b[1mFound 1 problem (1 warning) in 1 file.\x1b[0m\n"
    )
    plain = text_report([("one.als", [SPARE])], "Found 1 problem (1 warning) in 1 file.")
    assert cli(capsys, "--no-color", "one.als") == (1, plain, "")
    assert cli(capsys, "one.als") == (1, plain, "")  # capsys is not a terminal
    assert "\x1b[" not in cli(capsys, "--color", "--format", "json", "one.als")[1]


# -- folders and excludes ----------------------------------------------------------------------


def _project(root: Path) -> None:
    one_warning_set(root / "songs" / "a.als")
    clean_set(root / "songs" / "B.ALS")
    clean_set(root / "songs" / "sub" / "c.Als")
    clean_set(
        root / "songs" / "folder.als" / "inner.als"
    )  # a folder named *.als is searched, not read
    busy_set(root / "songs" / "Backup" / "a [2024-05-01 101010].als")
    busy_set(root / "songs" / "sub" / "Backup" / "c [2024-05-01 101010].als")
    (root / "songs" / "notes.txt").write_text("not a set")
    (root / "songs" / "a.als.bak").write_text("not a set either")


def test_folder_is_searched_recursively_skipping_backups(capsys, tmp_path):
    _project(tmp_path)
    code, out, err = cli(capsys, "--format", "json", "songs")
    assert (code, err) == (1, "")
    assert codes_by_file(out) == {
        "songs/B.ALS": [],
        "songs/a.als": ["ALS302"],
        "songs/folder.als/inner.als": [],
        "songs/sub/c.Als": [],
    }
    assert list(codes_by_file(out)) == sorted(codes_by_file(out))


def test_folder_in_text_output(capsys, tmp_path):
    _project(tmp_path)
    assert cli(capsys, "songs/sub") == (
        0,
        text_report([("songs/sub/c.Als", [])], "No problems found in 1 file."),
        "",
    )


def test_folder_with_no_sets_is_an_error(capsys, tmp_path):
    """A CI job pointed at the wrong folder must fail, not pass with "0 files"."""
    (tmp_path / "empty").mkdir()
    assert cli(capsys, "empty") == (2, "", "alslint: error: no Live set (.als) found in empty\n")


def test_hidden_folders_appledouble_and_git_ignored_files_are_skipped(capsys, tmp_path):
    clean_set(tmp_path / "songs" / "a.als")
    clean_set(tmp_path / "songs" / "._a.als")  # macOS Finder metadata, not a set
    (tmp_path / "songs" / "._b.als").write_bytes(b"\x00\x05\x16\x07")
    clean_set(tmp_path / "songs" / ".hidden" / "c.als")
    clean_set(tmp_path / "songs" / "renders" / "d.als")
    clean_set(tmp_path / "songs" / "kept" / "e.als")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("renders/\n")
    code, out, err = cli(capsys, "--format", "json", "songs")
    assert (code, err) == (0, "")
    assert list(codes_by_file(out)) == ["songs/a.als", "songs/kept/e.als"]


def test_git_ignore_outside_a_repository_skips_nothing(capsys, tmp_path, monkeypatch):
    clean_set(tmp_path / "songs" / "renders" / "d.als")
    (tmp_path / ".gitignore").write_text("renders/\n")  # no repository: not git's business
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, out, _ = cli(capsys, "--format", "json", "songs")
    assert list(codes_by_file(out)) == ["songs/renders/d.als"]


def test_exclude_from_config_skips_files_in_folders(capsys, tmp_path):
    _project(tmp_path)
    clean_set(tmp_path / "songs" / "drafts" / "d.als")
    clean_set(tmp_path / "songs" / "idea.tmp.als")
    (tmp_path / "alslint.toml").write_text('exclude = ["drafts/", "*.tmp.als", "songs/a.als"]\n')
    code, out, err = cli(capsys, "--format", "json", "songs")
    assert (code, err) == (0, "")
    assert list(codes_by_file(out)) == [
        "songs/B.ALS",
        "songs/folder.als/inner.als",
        "songs/sub/c.Als",
    ]


def test_explicit_files_are_linted_even_when_excluded(capsys, tmp_path):
    _project(tmp_path)
    (tmp_path / "alslint.toml").write_text('exclude = ["songs/a.als"]\n')
    code, out, _ = cli(
        capsys, "--format", "json", "songs/a.als", "songs/Backup/a [2024-05-01 101010].als"
    )
    assert code == 1
    assert list(codes_by_file(out)) == ["songs/a.als", "songs/Backup/a [2024-05-01 101010].als"]


def test_force_exclude_applies_excludes_and_backup_to_named_files(capsys, tmp_path):
    _project(tmp_path)
    (tmp_path / "alslint.toml").write_text('exclude = ["songs/a.als"]\n')
    code, out, err = cli(
        capsys,
        "--force-exclude",
        "songs/a.als",
        "songs/Backup/a [2024-05-01 101010].als",
        "songs/B.ALS",
    )
    assert (code, out, err) == (
        0,
        text_report([("songs/B.ALS", [])], "No problems found in 1 file."),
        "",
    )


def test_force_exclude_with_every_file_excluded(capsys, tmp_path):
    _project(tmp_path)
    # pre-commit names files: a commit of only Backup/ sets has nothing to check, not an error
    assert cli(capsys, "--force-exclude", "songs/Backup/a [2024-05-01 101010].als") == (
        0,
        text_report([], "No problems found in 0 files."),
        "",
    )


def test_exclude_double_star_matches_zero_folders_too(capsys, tmp_path):
    """`**` spans zero or more folders (as in .gitignore): `songs/**/draft*.als` excludes
    songs/draft1.als as well as songs/old/draft2.als."""
    clean_set(tmp_path / "songs" / "draft1.als")
    clean_set(tmp_path / "songs" / "old" / "draft2.als")
    clean_set(tmp_path / "songs" / "final.als")
    (tmp_path / "alslint.toml").write_text('exclude = ["songs/**/draft*.als"]\n')
    code, out, _ = cli(capsys, "--format", "json", "songs")
    assert list(codes_by_file(out)) == ["songs/final.als"]


# -- stages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "codes"),
    [
        ("arrangement", []),  # composition rules only: ALS201 is an arrangement rule
        ("sound-design", ["ALS201"]),
        ("mixing", ["ALS201", "ALS301", "ALS303", "ALS302"]),
        ("mastering", ["ALS201", "ALS301", "ALS303", "ALS302"]),
        ("release", ["ALS201", "ALS301", "ALS303", "ALS302"]),
        (None, ["ALS201", "ALS301", "ALS303", "ALS302"]),
    ],
)
def test_stage_runs_rules_of_earlier_stages(capsys, stage, codes):
    busy_set("busy.als")
    options = ["--stage", stage] if stage else []
    code, out, err = cli(capsys, *options, "--format", "json", "busy.als")
    assert (code, err) == (1 if codes else 0, "")
    assert codes_by_file(out) == {"busy.als": codes}
    data = json.loads(out)
    assert data["stage"] == (stage or "mixing")
    assert {v["stage"] for v in data["files"][0]["findings"]} <= {
        "composition",
        "arrangement",
        "sound-design",
    }


def test_stage_in_text_output(capsys):
    busy_set("busy.als")
    assert cli(capsys, "--before", "sound-design", "busy.als") == (
        1,
        text_report(
            [("busy.als", [BUSY["ALS201"]])],
            "Found 1 problem (1 warning) in 1 file.",
            "Checked 11 rules of 2 stages (composition, arrangement) — before sound design; "
            "--before release runs all 31",
        ),
        "",
    )


def test_before_composition_is_an_error_naming_the_gate(capsys):
    busy_set("busy.als")
    code, out, err = cli(capsys, "--before", "composition", "busy.als")
    assert (code, out) == (2, "")
    assert err == (
        "alslint: error: no rule to run: selected all rules; --before composition allows the "
        "rules of no stage (nothing has to be finished before composing; the first gate is "
        "--before arrangement). Select rules by name or code prefix (they run whatever their "
        "stage), or choose a later --before\n"
    )


def test_an_empty_selection_names_what_was_selected_and_the_gate(capsys):
    busy_set("busy.als")
    code, out, err = cli(capsys, "--select", "ALS3", "--ignore", "ALS3", "busy.als")
    assert (code, out) == (2, "")
    assert err.startswith(
        "alslint: error: no rule to run: selected ALS3, ignoring ALS3; --before mixing allows "
        "the rules of composition, arrangement, sound design."
    )


@pytest.mark.parametrize(
    ("argv", "codes"),
    [
        (["--select", "missing-fade"], ["ALS301"]),
        (["--select", "ALS301"], ["ALS301"]),
        (["--extend-select", "ALS303"], ["ALS303"]),
        (["--select", "unused-track,ALS301"], ["ALS301", "ALS302"]),
        (["--select", "ALS3"], ["ALS301", "ALS303", "ALS302"]),  # a prefix with a digit too
        (["--select", "ALS"], None),  # the whole family is "all rules": the gate decides
    ],
)
def test_a_selected_rule_runs_whatever_the_stage(capsys, argv, codes):
    busy_set("busy.als")
    code, out, err = cli(capsys, "--before", "composition", *argv, "--format", "json", "busy.als")
    if codes is None:
        assert (code, out) == (2, "") and "no rule to run" in err
    else:
        assert codes_by_file(out) == {"busy.als": codes}
        assert json.loads(out)["rules_run"] == sorted(set(json.loads(out)["rules_run"]))


def test_every_report_says_what_it_checked(capsys):
    busy_set("busy.als")
    for fmt in ("text", "markdown", "html"):
        out = cli(capsys, "--format", fmt, "busy.als")[1]
        assert DEFAULT_CHECKED in out.replace("&#39;", "'"), fmt
    data = json.loads(cli(capsys, "--format", "json", "--select", "ALS4", "busy.als")[1])
    assert (data["stage"], data["before"]) == ("mixing", "mixing")
    assert data["stages_checked"] == ["mixing"]
    assert data["rules_run"] == ["ALS401", "ALS402", "ALS403", "ALS404", "ALS405"]
    sarif = json.loads(cli(capsys, "--format", "sarif", "--before", "release", "busy.als")[1])
    properties = sarif["runs"][0]["properties"]
    assert properties["before"] == "release" and len(properties["rulesRun"]) == 31


def test_stage_from_config_and_command_line_override(capsys, tmp_path):
    busy_set("busy.als")
    (tmp_path / "alslint.toml").write_text('stage = "sound-design"\n')
    assert codes_by_file(cli(capsys, "--format", "json", "busy.als")[1]) == {"busy.als": ["ALS201"]}
    out = cli(capsys, "--format", "json", "--stage", "release", "busy.als")[1]
    assert codes_by_file(out) == {"busy.als": ["ALS201", "ALS301", "ALS303", "ALS302"]}


# -- the pre-commit hook -----------------------------------------------------------------------


def _hooks() -> list[dict[str, str]]:
    """The hooks of .pre-commit-hooks.yaml (a list of flat mappings: all this file uses)."""
    hooks: list[dict[str, str]] = []
    for raw in (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8").splitlines():
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        if line.startswith("- "):
            hooks.append({})
            line = "  " + line[2:]
        assert line.startswith("  ") and ":" in line, (
            f"unexpected line in the hook manifest: {raw!r}"
        )
        key, value = line.strip().split(":", 1)
        value = value.strip()
        if value.startswith("'") and value.endswith("'"):
            value = value[1:-1].replace("''", "'")
        elif value.startswith('"') and value.endswith('"'):
            value = json.loads(value)
        hooks[-1][key] = value
    return hooks


def _hook() -> dict[str, str]:
    (hook,) = [h for h in _hooks() if h["id"] == "alslint"]
    return hook


def test_hook_manifest():
    hook = _hook()
    assert hook["language"] == "python"
    assert hook["entry"] == "alslint lint --force-exclude"
    assert hook.get("pass_filenames", "true") == "true"
    (fixing,) = [h for h in _hooks() if h["id"] == "alslint-fix"]
    assert fixing["entry"] == "alslint lint --force-exclude --fix"
    assert (fixing["files"], fixing["exclude"]) == (hook["files"], hook["exclude"])
    assert fixing["require_serial"] == "true"


@pytest.mark.parametrize(
    ("path", "linted"),
    [
        ("song.als", True),
        ("song.ALS", True),
        ("a/b.als", True),
        ("Live Set Project/My Song.Als", True),
        ("Backup/x.als", False),
        ("a/Backup/x [2024-01-01 120000].als", False),
        ("NotBackup/x.als", True),
        ("song.als.bak", False),
        ("song.alsx", False),
        ("notes.txt", False),
    ],
)
def test_hook_file_patterns(path, linted):
    """pre-commit passes a file when `files` matches and `exclude` does not (re.search)."""
    hook = _hook()
    chosen = bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)
    assert chosen is linted


def _run_hook(tmp_path: Path, files: list[str]) -> subprocess.CompletedProcess:
    entry = _hook()["entry"].split()
    assert entry[0] == "alslint"
    return shell(*entry[1:], *files, cwd=tmp_path)


def test_hook_entry_with_several_files(tmp_path):
    one_warning_set("song.ALS")
    busy_set("a/b.als")
    clean_set("a/c.als")
    staged = ["song.ALS", "a/b.als", "a/c.als", "Backup/x.als", "notes.txt"]
    busy_set("Backup/x.als")
    (tmp_path / "notes.txt").write_text("hi")
    hook = _hook()
    files = [f for f in staged if re.search(hook["files"], f) and not re.search(hook["exclude"], f)]
    assert files == ["song.ALS", "a/b.als", "a/c.als"]
    done = _run_hook(tmp_path, files)
    assert done.returncode == 1
    assert done.stderr == ""
    assert done.stdout == text_report(
        [("song.ALS", [SPARE]), ("a/b.als", list(BUSY.values())), ("a/c.als", [])],
        "Found 5 problems (5 warnings) in 3 files.",
    )


def test_hook_entry_skips_backups_it_is_given_anyway(tmp_path):
    """A user's own `files:`/`exclude:` override may pass a Backup/ set: --force-exclude drops it."""
    clean_set("song.als")
    busy_set("Backup/song [2024-01-01 120000].als")
    done = _run_hook(tmp_path, ["song.als", "Backup/song [2024-01-01 120000].als"])
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        text_report([("song.als", [])], "No problems found in 1 file."),
        "",
    )


def test_hook_entry_with_an_unreadable_set(tmp_path):
    clean_set("a.als")
    (tmp_path / "b.als").write_bytes(b"\x1f\x8b\x08\x00broken")
    clean_set("c.als")
    done = _run_hook(tmp_path, ["a.als", "b.als", "c.als"])
    assert done.returncode == 2
    assert done.stderr == "alslint: error: b.als: truncated gzip stream (the file is incomplete)\n"
    for name in ("a.als", "b.als", "c.als"):
        assert f"{name}\n" in done.stdout
    assert "  error   ALS000 whole set: " in done.stdout


def test_min_severity_leaves_out_findings_below_it(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    demo = ("--no-cache", "--no-color", "sample_projects/demo.als")
    code, full, _ = cli(capsys, *demo)
    assert code == 1 and "  info    ALS305 " in full
    code, out, err = cli(capsys, "--min-severity", "warning", *demo)
    kept = [line for line in full.splitlines()[:-1] if not line.startswith("  info ")]
    assert (code, err) == (1, "")
    assert out.splitlines() == [*kept, "Found 14 problems (14 warnings) in 1 file."]
    assert cli(capsys, "--min-severity", "error", *demo) == (
        0,
        text_report([("sample_projects/demo.als", [])], "No problems found in 1 file."),
        "",
    )


# -- colour and output files -------------------------------------------------------------------


def test_no_color_and_force_color_from_the_environment(capsys, monkeypatch):
    one_warning_set("one.als")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[33m" in cli(capsys, "one.als")[1]  # capsys is no terminal: forced
    assert "\x1b[" not in cli(capsys, "--no-color", "one.als")[1]  # the option wins
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli(capsys, "one.als")[1]
    assert "\x1b[" in cli(capsys, "--color", "one.als")[1]


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("report.html", "<!DOCTYPE html>"),
        ("report.md", "# alslint report"),
        ("report.json", '{\n  "schema_version"'),
        ("report.sarif", '{\n  "$schema"'),
        ("report.xml", "<?xml"),
        ("report.txt", DEFAULT_CHECKED),
    ],
)
def test_output_file_extension_chooses_the_format(capsys, tmp_path, name, start):
    one_warning_set("one.als")
    assert cli(capsys, "-o", name, "one.als") == (1, "", "")
    assert (tmp_path / name).read_text().startswith(start)
    cli(capsys, "-o", name, "--format", "text", "one.als")  # --format wins
    assert (tmp_path / name).read_text().startswith(DEFAULT_CHECKED)


# -- inspect -----------------------------------------------------------------------------------


def test_inspect_several_sets_and_folders(capsys, tmp_path):
    one_warning_set(tmp_path / "songs" / "a.als")
    clean_set(tmp_path / "songs" / "Backup" / "a [2024-05-01 101010].als")
    clean_set(tmp_path / "b.als")
    single = cli(capsys, "inspect", "--format", "json", "b.als")
    assert single[0] == 0 and isinstance(json.loads(single[1]), dict)  # one set: one object
    code, out, err = cli(capsys, "inspect", "--format", "json", "songs", "b.als")
    assert (code, err) == (0, "")
    assert [overview["path"] for overview in json.loads(out)] == ["songs/a.als", "b.als"]
    code, out, _ = cli(capsys, "inspect", "songs", "b.als")
    assert code == 0
    assert out.startswith("songs/a.als\n") and "\n\nb.als\n" in out
    code, out, err = cli(capsys, "inspect", "b.als", "missing.als")
    assert (code, err) == (2, "alslint: error: missing.als: no such file\n")
    assert out.startswith("b.als\n")
    (tmp_path / "empty").mkdir()
    assert cli(capsys, "inspect", "empty") == (
        2,
        "",
        "alslint: error: no Live set (.als) found in empty\n",
    )


# -- long runs: folded lines, --verbose, --concise, --statistics -------------------------------


def _three_clicks(path: str = "clicks.als") -> None:
    """Three clips without fades on one track (three ALS301), one more on another track."""
    clips = [
        audio_clip(16 * i, 16 * i + 16, name, fade_switch=False) for i, name in enumerate("ABC")
    ]
    write_set(
        path,
        [
            audio_track("Loop", clips),
            audio_track("Vox", [audio_clip(0, 16, "D", fade_switch=False)]),
        ],
    )


CLICK = "Clip ends inside its sample with no fade-out: it may click"
MISSING_FADE_ONLY = "Checked 1 rule of 1 stage (sound design) — before mixing"


def test_three_findings_of_a_rule_on_a_track_fold_into_one_line(capsys):
    _three_clicks()
    code, out, _ = cli(capsys, "--select", "missing-fade", "clicks.als")
    assert code == 1
    assert out == text_report(
        [
            (
                "clicks.als",
                [
                    '  warning ALS301 Loop: 3 findings at bars 1–4, 5–8, 9–12: clip "A", '
                    f'clip "B", clip "C" — e.g. {CLICK} [missing-fade]',
                    f'  warning ALS301 Vox › clip "D" @ bars 1–4: {CLICK} [missing-fade]',
                ],
            )
        ],
        "Found 4 problems (4 warnings) in 1 file.",
        MISSING_FADE_ONLY,
    )
    verbose = cli(capsys, "--select", "missing-fade", "--verbose", "clicks.als")[1]
    assert verbose.count("ALS301") == 4
    assert f'  warning ALS301 Loop › clip "B" @ bars 5–8: {CLICK} [missing-fade]' in verbose


def test_concise_is_one_line_per_finding(capsys):
    _three_clicks()
    code, out, _ = cli(capsys, "--select", "missing-fade", "--concise", "clicks.als")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == MISSING_FADE_ONLY
    assert (
        lines[2] == f'clicks.als: warning ALS301 Loop › clip "A" @ bars 1–4: {CLICK} [missing-fade]'
    )
    assert len(lines) == 2 + 4 + 2 and lines[-1] == "Found 4 problems (4 warnings) in 1 file."


def test_statistics_counts_per_rule(capsys):
    _three_clicks()
    code, out, _ = cli(capsys, "--statistics", "clicks.als")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == DEFAULT_CHECKED
    assert [line.split() for line in lines[2:4]] == [
        ["Count", "Code", "Name", "Severity"],
        ["4", "ALS301", "missing-fade", "warning"],  # most frequent first
    ]
    assert lines[-1].startswith("Found ")


def test_the_html_page_title_names_the_sets(capsys):
    one_warning_set("one.als")
    clean_set("two.als")
    assert "<title>alslint: one.als</title>" in cli(capsys, "--format", "html", "one.als")[1]
    both = cli(capsys, "--format", "html", "one.als", "two.als")[1]
    assert "<title>alslint: one.als and 1 more</title>" in both


def test_findings_on_tracks_sharing_a_name_carry_the_track_number(capsys):
    write_set(
        "twins.als",
        [audio_track("Vox", [audio_clip(0, 16)]), audio_track("Audio"), audio_track("Audio")],
    )
    code, out, _ = cli(capsys, "--select", "unused-track", "twins.als")
    assert "  warning ALS302 Audio (track 2): Track has no clips" in out
    assert "  warning ALS302 Audio (track 3): Track has no clips" in out
    data = json.loads(cli(capsys, "--select", "unused-track", "--format", "json", "twins.als")[1])
    locations = [f["location"] for f in data["files"][0]["findings"]]
    assert [(loc["track"], loc["track_number"]) for loc in locations] == [
        ("Audio", 2),
        ("Audio", 3),
    ]


def test_a_session_only_set_draws_no_empty_arrangement(capsys):
    write_set("jam.als", [audio_track("Vox", session_clips=[audio_clip(0, 16)])])
    page = cli(capsys, "--format", "html", "jam.als")[1]
    assert "this set lives in the Session view" in page
    assert '<figure class="arrangement"' not in page
    one_warning_set("song.als")
    assert "lives in the Session view" not in cli(capsys, "--format", "html", "song.als")[1]
