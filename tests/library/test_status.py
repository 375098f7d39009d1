"""`alslint status`: a library of corpus sets grouped by project, with the stage each reached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from library_tree import build_library

from alslint.api import Severity
from alslint.cli import run
from alslint.levels import STAGE_ORDER
from alslint.library import status as status_module
from alslint.library import summary as summary_module
from alslint.lint import engine
from alslint.lint.config import load_config, resolve_rules
from alslint.lint.registry import collect_rules
from alslint.lint.results import RunResult

EXPECTED_TEXT = """\
Alpha Project — 1 set · 2 backups 2020-03-01 – 2020-04-10, newest Alpha [2020-04-10 191228].als · 10 missing samples
  Set        Live    Tempo  Key  Bars  Length  Tracks  Saved             Stage        Open C/A/SD/MX/MA  Missing
  Alpha.als  10.0.1  122         40    1:18    6       2024-03-05 10:15  arrangement  0/2/19/0/1         10

Beta — 3 sets · no backups · 68 missing samples
  Set             Live     Tempo  Key      Bars  Length  Tracks  Saved             Stage        Open C/A/SD/MX/MA  Missing
  Beta Remix.als  11.3.21  126    C Major  0     0:00    9       2024-06-01 18:30  composition  1/0/74/0/0         68
  Beta.als        10.1.7   120~   C Major  0     0:00    1       2023-01-02 08:00  composition  1/0/1/0/0
  Broken.als                                                     2022-05-05 05:05  unreadable
  Broken.als: not a Live set (neither gzip-compressed nor XML; a set saved by Live 8.1 or older must be opened and saved again in a newer Live)

Gamma Project — 1 set · 1 backup 2021-02-20 – 2021-02-20, newest Gamma [2021-02-20 220520].als · 29 missing samples
  Set        Live     Tempo  Key      Bars  Length  Tracks  Saved             Stage        Open C/A/SD/MX/MA  Missing
  Gamma.als  10.1.30  160    C Major  176   4:22    11      2021-02-21 09:00  composition  7/1/55/0/1         29

3 projects, 5 sets: 3 composition, 1 arrangement, 1 unreadable. Stage: the furthest gate passed with no warning or worse; open = such findings by the stage of their rule.
"""


@pytest.fixture
def library(tmp_path, corpus_dir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ALSLINT_CACHE_DIR", str(tmp_path / "cache"))
    build_library(tmp_path, corpus_dir)
    return Path("Projects")


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_groups_sets_by_project_with_backup_history(library, capsys):
    assert cli(capsys, "status", str(library), "--isolated") == (0, EXPECTED_TEXT, "")


def test_second_run_reads_no_set(library, capsys, monkeypatch):
    cli(capsys, "status", str(library), "--isolated")

    def no_reading(*args, **kwargs):
        raise AssertionError("a set was read although nothing changed")

    monkeypatch.setattr(engine, "load", no_reading)
    monkeypatch.setattr(summary_module, "load", no_reading)
    assert cli(capsys, "status", str(library), "--isolated", "-j", "1")[1] == EXPECTED_TEXT


def test_json(library, capsys):
    code, out, _ = cli(capsys, "status", str(library), "--isolated", "--format", "json")
    document = json.loads(out)
    assert code == 0
    assert document["schema_version"] == 1 and document["fail_on"] == "warning"
    alpha, beta, gamma = document["projects"]
    assert alpha["missing_samples"] == 10
    assert (alpha["name"], alpha["path"], alpha["backups"]) == (
        "Alpha Project",
        "Projects/Alpha Project",
        2,
    )
    assert (alpha["first_backup"], alpha["last_backup"]) == (
        "2020-03-01T12:00:00Z",
        "2020-04-10T19:12:28Z",
    )
    assert alpha["newest_backup"] == "Alpha [2020-04-10 191228].als"
    (song,) = alpha["sets"]
    assert song["path"] == "Projects/Alpha Project/Alpha.als"
    assert song["stage"] == "arrangement"
    assert song["open"] == {
        "composition": 0,
        "arrangement": 2,
        "sound-design": 19,
        "mixing": 0,
        "mastering": 1,
    }
    assert song["missing_samples"] == 10
    summary = song["summary"]
    assert (summary["live_version"], summary["bars"], summary["seconds"], summary["tracks"]) == (
        "10.0.1",
        40,
        78.688,
        6,
    )
    assert {"format": "vst2", "name": "Synplant", "vendor": None} in summary["plugins"]
    assert gamma["path"] == "Projects/Gamma Project"  # the set one folder down belongs to it
    broken = beta["sets"][2]
    assert (broken["name"], broken["stage"], broken["summary"]) == ("Broken.als", None, None)
    assert broken["error"].startswith("not a Live set")


def _names(out: str) -> list[str]:
    """The set names of the text tables, in order."""
    cells = [line.split("  ")[1] for line in out.splitlines() if line.startswith("  ")]
    return [cell for cell in cells if cell.endswith(".als")]


@pytest.mark.parametrize(
    ("options", "names"),
    [
        (
            ["--sort", "stage"],
            ["Alpha.als", "Beta Remix.als", "Beta.als", "Broken.als", "Gamma.als"],
        ),
        (
            ["--sort", "date"],
            ["Beta Remix.als", "Beta.als", "Broken.als", "Alpha.als", "Gamma.als"],
        ),
        (
            ["--sort", "name", "--reverse"],
            ["Gamma.als", "Broken.als", "Beta.als", "Beta Remix.als", "Alpha.als"],
        ),
        (["--reached", "arrangement"], ["Alpha.als"]),
        (["--reached", "composition", "--since", "2023-06-01"], ["Beta Remix.als"]),
        (["--name", "remix"], ["Beta Remix.als"]),
        (["--name", "gamma"], ["Gamma.als"]),
    ],
)
def test_sort_and_filter(library, capsys, options, names):
    code, out, _ = cli(capsys, "status", str(library), "--isolated", *options)
    assert code == 0
    assert _names(out) == names


def test_html_page_links_each_sets_report(library, capsys, tmp_path):
    (tmp_path / "Projects" / "Beta" / "<script>x.als").write_bytes(b"junk")
    code, out, err = cli(
        capsys, "status", str(library), "--isolated", "--format", "html", "-o", "library.html"
    )
    assert (code, out, err) == (0, "", "")
    page = (tmp_path / "library.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;x.als" in page and "<script>x" not in page
    assert page.count('<span class="done">') == 2 + 1 + 1 + 1  # arrangement + 3 composition
    assert '<a href="library_reports/0001.html">Alpha.als</a>' in page
    report = (tmp_path / "library_reports" / "0001.html").read_text(encoding="utf-8")
    assert "Projects/Alpha Project/Alpha.als" in report


def test_html_needs_an_output_file(library, capsys):
    code, out, err = cli(capsys, "status", str(library), "--format", "html")
    assert code == 2
    assert (
        err
        == "alslint: error: --format html needs --output FILE (the sets' reports go beside it)\n"
    )


def test_missing_path_is_one_line_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli(capsys, "status", "nowhere") == (
        2,
        "",
        "alslint: error: nowhere: no such file or folder\n",
    )


def test_control_characters_in_names_are_escaped(library, capsys, tmp_path):
    (tmp_path / "Projects" / "Beta" / "evil\x1b[31m.als").write_bytes(b"junk")
    out = cli(capsys, "status", str(library), "--isolated", "--name", "evil")[1]
    assert "evil\\x1b[31m.als" in out and "\x1b" not in out


def test_stage_reached_agrees_with_lint_at_every_gate(corpus_dir, tmp_path, monkeypatch):
    """For every corpus set: the furthest gate whose `alslint --stage GATE` finds nothing at or
    above warning is the stage `status` shows (composition when none passes)."""
    from corpus_lookup import CORPUS_FILES as corpus_files
    from corpus_lookup import load_model

    monkeypatch.setenv("ALSLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(engine, "load", lambda path, **kw: load_model(Path(path)))
    monkeypatch.setattr(summary_module, "load", lambda path, **kw: load_model(Path(path)))
    config = load_config(None)
    rules = collect_rules([])
    paths = [str(p) for p in corpus_files]
    passed = {}
    for gate in STAGE_ORDER[1:]:
        job = engine.LintJob(config, resolve_rules(config, rules, gate), gate)
        for file in engine.run(paths, job).files:
            # What decides `alslint --stage GATE`'s exit code for this one set.
            one = RunResult(stage=gate, files=[file])
            ok = not one.has_unreadable and not one.worst_at_or_above(Severity.WARNING)
            passed.setdefault(file.path, []).append((ok, file.unreadable))
    expected = {}
    for path, gates in passed.items():
        reached = "composition"
        for gate, (ok, _) in zip(STAGE_ORDER[1:], gates):
            if not ok:
                break
            reached = gate
        expected[path] = None if gates[0][1] else reached
    job = engine.LintJob(config, resolve_rules(config, rules, "release"), "release")
    gates = status_module.Gates(
        {g: {s.rule.code for s in resolve_rules(config, rules, g)} for g in STAGE_ORDER[1:]},
        Severity.WARNING,
    )
    projects, _ = status_module.library_status(
        paths, job, gates, 1, lambda *a: None, False, lambda results: None
    )
    shown = {s.path: s.stage for p in projects for s in p.sets}
    assert len(shown) == len(corpus_files)
    assert shown == expected
    assert set(shown.values()) > {"composition", "arrangement"}  # the corpus reaches several


def test_readme_example_is_the_real_output(library, capsys, tmp_path):
    """The README's "Your library" status example is this library without the broken file."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    command = "$ alslint status Projects --sort stage\n"
    start = readme.index(command) + len(command)
    example = readme[start : readme.index("```", start)]
    (tmp_path / "Projects" / "Beta" / "Broken.als").unlink()
    assert cli(capsys, "status", "Projects", "--sort", "stage", "--isolated") == (0, example, "")


def test_status_runs_no_rule_folder_of_an_untrusted_config(tmp_path, capsys, monkeypatch):
    """A cloned library's config cannot make `status` run its rule folders' code."""
    from set_factory import audio_clip, audio_track, write_set

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ALSLINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "evil").mkdir()
    marker = tmp_path / "ran"
    (tmp_path / "evil" / "rule.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (tmp_path / "alslint.toml").write_text('rules-dirs = ["evil"]\n')
    write_set(tmp_path / "Song" / "Song.als", [audio_track("Vox", [audio_clip(0, 16)])])
    code, _, err = cli(capsys, "status", "Song")
    assert code == 0
    assert not marker.exists()
    config = tmp_path / "alslint.toml"
    assert err == (
        f"alslint: warning: skipped rule folders of {config} (not trusted): evil; "
        f"run 'alslint trust {config}' to trust them\n"
    )
