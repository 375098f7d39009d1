"""Configuration: where it is found, what each key does, and the exact message of every mistake.

`[tool.alslint]` in the nearest pyproject.toml or an alslint.toml, searched from the current
folder upwards; `--config FILE`; `--isolated`. Each test runs in its own tmp_path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from cli_helpers import cli
from set_factory import busy_set, clean_set, one_warning_set

from alslint.lint.config import find_config_file

ALL = ["ALS201", "ALS301", "ALS303", "ALS302"]  # the busy set's findings, in report order


def codes(capsys, *argv: str, path: str = "busy.als") -> list[str]:
    """The codes reported for one set (`--stage release`: every stage's rules)."""
    code, out, err = cli(capsys, "--stage", "release", "--format", "json", *argv, path)
    assert err == "", err
    data = json.loads(out)
    (file,) = data["files"]
    found = [v["code"] for v in file["findings"]]
    assert code == (1 if found else 0)
    return found


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_config_file(tmp_path) is None, "a config file above tmp_path would change results"
    busy_set(tmp_path / "busy.als")
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- finding the file --------------------------------------------------------------------------


def test_no_config_runs_every_rule_of_the_stage(capsys):
    assert codes(capsys) == ALL


def test_pyproject_is_found_from_a_subfolder(capsys, tmp_path, monkeypatch):
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.alslint]\nignore = ["ALS302"]\n',
    )
    busy_set(tmp_path / "a" / "b" / "busy.als")
    monkeypatch.chdir(tmp_path / "a" / "b")
    assert codes(capsys) == ["ALS201", "ALS301", "ALS303"]


def test_alslint_toml_is_found_from_a_subfolder(capsys, tmp_path, monkeypatch):
    write(tmp_path / "alslint.toml", 'ignore = ["ALS302"]\n')
    busy_set(tmp_path / "a" / "busy.als")
    monkeypatch.chdir(tmp_path / "a")
    assert codes(capsys) == ["ALS201", "ALS301", "ALS303"]


def test_a_pyproject_without_tool_alslint_is_passed_over(capsys, tmp_path, monkeypatch):
    write(tmp_path / "alslint.toml", 'ignore = ["ALS302"]\n')
    write(tmp_path / "a" / "pyproject.toml", "[tool.black]\nline-length = 100\n")
    busy_set(tmp_path / "a" / "busy.als")
    monkeypatch.chdir(tmp_path / "a")
    assert codes(capsys) == ["ALS201", "ALS301", "ALS303"]


def test_alslint_toml_wins_over_pyproject_in_the_same_folder(capsys, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.alslint]\nselect = ["ALS2"]\n')
    write(tmp_path / "alslint.toml", 'select = ["ALS3"]\n')
    assert codes(capsys) == ["ALS301", "ALS303", "ALS302"]


def test_the_nearest_file_wins(capsys, tmp_path, monkeypatch):
    write(tmp_path / "alslint.toml", 'ignore = ["ALS302"]\n')
    write(tmp_path / "a" / "pyproject.toml", '[tool.alslint]\nselect = ["ALS2", "ALS302"]\n')
    busy_set(tmp_path / "a" / "busy.als")
    monkeypatch.chdir(tmp_path / "a")
    assert codes(capsys) == ["ALS201", "ALS302"]  # the parent's ignore does not apply


def test_the_search_starts_at_the_current_folder_not_at_the_set(capsys, tmp_path):
    write(tmp_path / "elsewhere" / "alslint.toml", 'ignore = ["ALS3"]\n')
    busy_set(tmp_path / "elsewhere" / "busy.als")
    assert codes(capsys, path="elsewhere/busy.als") == ALL


def test_config_option_names_the_file(capsys, tmp_path):
    write(tmp_path / "alslint.toml", 'ignore = ["ALS3"]\n')
    write(tmp_path / "conf" / "pyproject.toml", '[tool.alslint]\nignore = ["ALS2"]\n')
    assert codes(capsys, "--config", "conf/pyproject.toml") == ["ALS301", "ALS303", "ALS302"]
    write(tmp_path / "conf" / "team.toml", 'ignore = ["ALS2"]\n')  # any other name: [tool.alslint]
    assert codes(capsys, "--config", "conf/team.toml") == ALL


def test_config_option_with_an_explicit_alslint_toml(capsys, tmp_path):
    write(tmp_path / "conf" / "alslint.toml", 'select = ["unused-track"]\n')
    assert codes(capsys, "--config", "conf/alslint.toml") == ["ALS302"]


def test_config_option_with_a_missing_file(capsys):
    assert cli(capsys, "--config", "nope.toml", "busy.als") == (
        2,
        "",
        "alslint: error: nope.toml: config file not found\n",
    )


def test_isolated_ignores_every_config_file(capsys, tmp_path):
    write(tmp_path / "alslint.toml", "this is = not [toml\n")
    assert codes(capsys, "--isolated") == ALL


# -- what the keys do --------------------------------------------------------------------------


#: A selection that leaves no rule to run: an error, never a silent "No problems found".
NOTHING = None


def assert_codes(capsys, expected: list[str] | None, *argv: str) -> None:
    if expected is NOTHING:
        code, out, err = cli(capsys, "--stage", "release", *argv, "busy.als")
        assert (code, out) == (2, "")
        assert err.startswith("alslint: error: no rule to run: selected ")
    else:
        assert codes(capsys, *argv) == expected


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('select = ["ALS3"]', ["ALS301", "ALS303", "ALS302"]),
        ('select = ["ALS30"]', ["ALS301", "ALS303", "ALS302"]),
        ('select = ["ALS"]', ALL),
        ('select = ["unused-track"]', ["ALS302"]),
        ('select = ["ALS201", "missing-fade"]', ["ALS201", "ALS301"]),
        ("select = []", NOTHING),
        ('select = ["ALS2"]\nextend-select = ["ALS302"]', ["ALS201", "ALS302"]),
        ('ignore = ["ALS3"]', ["ALS201"]),
        ('ignore = ["unbounced-midi", "ALS201"]', ["ALS301", "ALS302"]),
        # the most specific selector wins ...
        ('select = ["ALS3"]\nignore = ["ALS301"]', ["ALS303", "ALS302"]),
        ('select = ["ALS301"]\nignore = ["ALS3"]', ["ALS301"]),
        ('select = ["ALS30"]\nignore = ["ALS3"]', ["ALS301", "ALS303", "ALS302"]),
        ('extend-select = ["ALS303"]\nignore = ["ALS30"]', ["ALS201", "ALS303"]),
        ('select = ["missing-fade"]\nignore = ["ALS3"]', ["ALS301"]),
        # ... and on equal specificity ignore wins
        ('select = ["ALS3"]\nignore = ["ALS3"]', NOTHING),
        ('select = ["ALS302"]\nignore = ["unused-track"]', NOTHING),
        ('select = ["unused-track"]\nignore = ["ALS302"]', NOTHING),
        ('extend-select = ["ALS2"]\nignore = ["ALS2"]', ["ALS301", "ALS303", "ALS302"]),
    ],
)
def test_select_and_ignore(capsys, tmp_path, table, expected):
    write(tmp_path / "alslint.toml", table + "\n")
    assert_codes(capsys, expected)


@pytest.mark.parametrize(
    ("table", "argv", "expected"),
    [
        ('select = ["ALS302"]', ["--select", "ALS301"], ["ALS301"]),  # --select replaces
        (
            'select = ["ALS302"]',
            ["--select", "ALS2", "--select", "unbounced-midi"],
            ["ALS201", "ALS303"],
        ),
        ('select = ["ALS2"]', ["--extend-select", "ALS302"], ["ALS201", "ALS302"]),  # adds
        (
            'select = ["ALS2"]\nextend-select = ["ALS303"]',
            ["--extend-select", "ALS302"],
            ["ALS201", "ALS303", "ALS302"],
        ),
        ('ignore = ["ALS301"]', ["--ignore", "ALS302"], ["ALS201", "ALS303"]),  # adds
        ('ignore = ["ALS3"]', ["--extend-select", "ALS301"], ["ALS201", "ALS301"]),
        ('select = ["ALS3"]', ["--ignore", "ALS3"], NOTHING),
    ],
)
def test_the_command_line_overrides_the_file(capsys, tmp_path, table, argv, expected):
    write(tmp_path / "alslint.toml", table + "\n")
    assert_codes(capsys, expected, *argv)


def test_severity_overrides_with_the_most_specific_selector(capsys, tmp_path):
    write(
        tmp_path / "pyproject.toml",
        '[tool.alslint]\nstage = "release"\n\n[tool.alslint.severity]\n'
        'ALS3 = "error"\nunused-track = "info"\nALS201 = "off"\n',
    )
    code, out, err = cli(capsys, "busy.als")
    assert (code, err) == (1, "")
    assert out == (
        "Checked 30 rules of 5 stages (composition, arrangement, sound design, mixing, mastering)"
        " — before release\n\n"
        "busy.als\n"
        '  error   ALS301 Loop › clip "Beat" @ bars 1–32: Clip ends inside its sample with no '
        "fade-out: it may click [missing-fade]\n"
        '  error   ALS303 Keys › Operator: MIDI track still plays through the instrument "Operator": '
        "bounce it to audio (or freeze and flatten it) before mixing [unbounced-midi]\n"
        "  info    ALS302 Spare: Track has no clips in the arrangement or the session: delete it if "
        "it is not needed [unused-track]\n"
        "\n"
        "Found 3 problems (2 errors, 1 info) in 1 file.\n"
    )


def test_severity_off_removes_the_rule_from_the_run(capsys, tmp_path):
    write(
        tmp_path / "alslint.toml",
        '[severity]\nno-variation = "off"\nALS30 = "off"\nALS303 = "warning"\n',
    )
    code, out, _ = cli(capsys, "--format", "json", "busy.als")
    assert [v["code"] for v in json.loads(out)["files"][0]["findings"]] == ["ALS303"]


def test_per_file_ignores(capsys, tmp_path):
    write(
        tmp_path / "alslint.toml",
        '[per-file-ignores]\n"sketches/*.als" = ["ALS3"]\n"live.als" = ["unused-track", "ALS201"]\n',
    )
    busy_set(tmp_path / "sketches" / "idea.als")
    busy_set(tmp_path / "sets" / "live.als")
    assert codes(capsys, path="sketches/idea.als") == ["ALS201"]
    assert codes(capsys, path="sets/live.als") == ["ALS301", "ALS303"]
    assert codes(capsys, path="busy.als") == ALL


def test_per_file_ignores_and_excludes_are_relative_to_the_config_file(
    capsys, tmp_path, monkeypatch
):
    write(
        tmp_path / "alslint.toml",
        'exclude = ["songs/old/*.als"]\n\n[per-file-ignores]\n"songs/sketches/*" = ["ALS3"]\n',
    )
    busy_set(tmp_path / "songs" / "sketches" / "idea.als")
    busy_set(tmp_path / "songs" / "old" / "v1.als")
    busy_set(tmp_path / "songs" / "final.als")
    monkeypatch.chdir(tmp_path / "songs")
    code, out, err = cli(capsys, "--format", "json", "--stage", "release", ".")
    assert (code, err) == (1, "")
    assert {f["path"]: [v["code"] for v in f["findings"]] for f in json.loads(out)["files"]} == {
        "final.als": ALL,
        "sketches/idea.als": ["ALS201"],
    }


@pytest.mark.parametrize(
    ("table", "argv", "exit_code"),
    [
        ('fail-on = "error"', [], 0),
        ('fail-on = "error"', ["--fail-on", "warning"], 1),
        ('fail-on = "info"\nseverity = { ALS = "info" }', [], 1),
        ('fail-on = "info"\nseverity = { ALS = "info" }', ["--fail-on", "warning"], 0),
    ],
)
def test_fail_on_from_the_file(capsys, tmp_path, table, argv, exit_code):
    write(tmp_path / "alslint.toml", table + "\n")
    assert cli(capsys, *argv, "busy.als")[0] == exit_code


def test_rule_options_by_name_and_by_code(capsys, tmp_path):
    write(
        tmp_path / "pyproject.toml",
        "[tool.alslint.rules.unused-track]\nallow-tracks = ['SP*']\n\n"
        "[tool.alslint.rules.ALS201]\nwindow-bars = 28\n",
    )
    assert codes(capsys) == ["ALS301", "ALS303"]


def test_rule_options_in_alslint_toml(capsys, tmp_path):
    write(tmp_path / "alslint.toml", "[rules.no-variation]\nwindow-bars = 27\n")
    code, out, _ = cli(capsys, "--format", "json", "--select", "ALS201", "busy.als")
    (finding,) = json.loads(out)["files"][0]["findings"]
    assert finding["message"] == (
        "Nothing changes for 28 bars (no clip starts or stops, no automation moves): "
        "vary something at least every 27 bars"
    )


def test_rule_options_change_one_file_and_not_another(capsys, tmp_path):
    write(tmp_path / "alslint.toml", "[rules.missing-fade]\naccept-default-fades = false\n")
    one_warning_set(tmp_path / "one.als")  # two unlooped clips with Live's default fades
    clean_set(tmp_path / "clean.als")
    assert codes(capsys, "--select", "ALS301", path="clean.als") == ["ALS301", "ALS301"]
    assert codes(capsys, "--isolated", "--select", "ALS301", path="clean.als") == []


# -- every mistake: exit 2, one line naming the file and the key ---------------------------------


def _fails(capsys, argv: list[str], message: str) -> None:
    assert cli(capsys, *argv, "busy.als") == (2, "", f"alslint: error: {message}\n")


def test_invalid_toml(capsys, tmp_path):
    text = 'select = ["ALS3"\nignore = []\n'
    write(tmp_path / "alslint.toml", text)
    with pytest.raises(tomllib.TOMLDecodeError) as reason:
        tomllib.loads(text)
    _fails(capsys, [], f"{tmp_path / 'alslint.toml'}: invalid TOML ({reason.value})")


def test_invalid_toml_in_a_pyproject_given_with_config(capsys, tmp_path):
    text = "[tool.alslint]\nselect = \n"
    write(tmp_path / "conf" / "pyproject.toml", text)
    with pytest.raises(tomllib.TOMLDecodeError) as reason:
        tomllib.loads(text)
    _fails(
        capsys,
        ["--config", "conf/pyproject.toml"],
        f"conf/pyproject.toml: invalid TOML ({reason.value})",
    )


INVALID_TABLES = [
    # (table body, message after "<file>: " -- pydantic's own wording for wrong types)
    ("bogus = 1", "unknown key 'bogus'"),
    ("extend_select = ['ALS3']", "unknown key 'extend_select'"),  # keys are kebab-case
    ("fail_on = 'error'", "unknown key 'fail_on'"),
    ("select = 'ALS3'", "'select': Input should be a valid list"),
    ("ignore = ['ALS3', 7]", "'ignore.1': Input should be a valid string"),
    ("fail-on = 'fatal'", "'fail-on': Input should be 'error', 'warning' or 'info'"),
    (
        "stage = 'later'",
        "'stage': Input should be 'composition', 'arrangement', 'sound-design', 'mixing', "
        "'mastering' or 'release'",
    ),
    (
        "severity = { ALS302 = 'loud' }",
        "'severity.ALS302': Input should be 'error', 'warning', 'info' or 'off'",
    ),
    ("exclude = 'Backup/'", "'exclude': Input should be a valid list"),
    ("rules-dirs = [1]", "'rules-dirs.0': Input should be a valid string"),
    (
        "per-file-ignores = { 'x/*' = 'ALS3' }",
        "'per-file-ignores.x/*': Input should be a valid list",
    ),
    ("rules = 3", "'rules': Input should be a valid dictionary"),
]


@pytest.mark.parametrize(("table", "message"), INVALID_TABLES)
def test_invalid_key_or_type_in_alslint_toml(capsys, tmp_path, table, message):
    write(tmp_path / "alslint.toml", table + "\n")
    _fails(capsys, [], f"{tmp_path / 'alslint.toml'}: {message}")


@pytest.mark.parametrize(("table", "message"), INVALID_TABLES)
def test_invalid_key_or_type_in_pyproject(capsys, tmp_path, table, message):
    write(tmp_path / "pyproject.toml", f"[tool.alslint]\n{table}\n")
    _fails(capsys, [], f"{tmp_path / 'pyproject.toml'}: [tool.alslint] {message}")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("select = ['ALS999']", "select: unknown rule or code prefix 'ALS999'"),
        (
            "select = ['ALS3', 'missing-fades']",
            "select: unknown rule or code prefix 'missing-fades'; did you mean 'missing-fade'?",
        ),
        ("select = ['ALS6']", "select: unknown rule or code prefix 'ALS6'"),
        ("select = ['als3']", "select: unknown rule or code prefix 'als3'; did you mean 'ALS3'?"),
        ("extend-select = ['XYZ']", "extend-select: unknown rule or code prefix 'XYZ'"),
        (
            "ignore = ['unused-tracks']",
            "ignore: unknown rule or code prefix 'unused-tracks'; did you mean 'unused-track'?",
        ),
        ("severity = { ALS9 = 'off' }", "severity: unknown rule or code prefix 'ALS9'"),
        (
            "per-file-ignores = { 'x/*' = ['ALS3', 'ALS8'] }",
            "per-file-ignores 'x/*': unknown rule or code prefix 'ALS8'",
        ),
        ("[rules.bogus-rule]\nx = 1", "[rules.bogus-rule]: unknown rule 'bogus-rule'"),
        ("[rules.ALS999]", "[rules.ALS999]: unknown rule 'ALS999'"),
        (
            "[rules.unused-track]\nallow-track = ['x']",
            "[rules.unused-track] unknown option 'allow-track'",
        ),
        (
            "[rules.ALS302]\nallow-track = ['x']",
            "[rules.unused-track] unknown option 'allow-track'",
        ),
        (
            "[rules.unused-track]\nallow-tracks = 'x'",
            "[rules.unused-track] option 'allow-tracks': Input should be a valid list",
        ),
        (
            "[rules.missing-fade]\nmin-fade-ms = -1",
            "[rules.missing-fade] option 'min-fade-ms': Input should be greater than or equal to 0",
        ),
        (
            "[rules.missing-fade]\naccept-default-fades = 'maybe'",
            "[rules.missing-fade] option 'accept-default-fades': Input should be a valid boolean, "
            "unable to interpret input",
        ),
        (
            "[rules.no-variation]\nwindow-bars = 'sixteen'",
            "[rules.no-variation] option 'window-bars': Input should be a valid integer, "
            "unable to parse string as an integer",
        ),
        # option names are kebab-case, as every documented option is
        (
            "[rules.missing-fade]\nmin_fade_ms = 5",
            "[rules.missing-fade] unknown option 'min_fade_ms'",
        ),
    ],
)
def test_unknown_rules_and_options(capsys, tmp_path, table, message):
    write(tmp_path / "alslint.toml", table + "\n")
    _fails(capsys, [], f"{tmp_path / 'alslint.toml'}: {message}")


@pytest.mark.parametrize(
    "table",
    [
        "stage = 'arrangement'\n[rules.missing-fade]\nbogus = 1",  # the rule's stage is not run
        "ignore = ['ALS301']\n[rules.missing-fade]\nbogus = 1",
        "severity = { missing-fade = 'off' }\n[rules.missing-fade]\nbogus = 1",
        "[per-file-ignores]\n'*.als' = ['ALS301']\n[rules.missing-fade]\nbogus = 1",
    ],
)
def test_a_bad_option_is_an_error_even_when_its_rule_does_not_run(capsys, tmp_path, table):
    """A typo in the file must not hide until the day the rule is switched on."""
    write(tmp_path / "alslint.toml", table + "\n")
    _fails(capsys, [], f"{tmp_path / 'alslint.toml'}: [rules.missing-fade] unknown option 'bogus'")


def test_errors_in_pyproject_name_the_file(capsys, tmp_path, monkeypatch):
    write(tmp_path / "pyproject.toml", "[tool.alslint.rules.unused-track]\nallow-tracks = 3\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    busy_set("busy.als")
    _fails(
        capsys,
        [],
        f"{tmp_path / 'pyproject.toml'}: [rules.unused-track] option 'allow-tracks': Input should be a valid list",
    )


@pytest.mark.parametrize("option", ["--select", "--extend-select", "--ignore"])
def test_unknown_selector_on_the_command_line(capsys, option):
    name = option.lstrip("-")
    _fails(
        capsys,
        ["--isolated", option, "ALS999"],
        f"command line: {name}: unknown rule or code prefix 'ALS999'",
    )


@pytest.mark.parametrize("option", ["--select", "--extend-select", "--ignore"])
def test_unknown_selector_on_the_command_line_does_not_blame_the_config_file(
    capsys, tmp_path, option
):
    write(tmp_path / "alslint.toml", 'ignore = ["ALS301"]\n')
    code, out, err = cli(capsys, option, "ALS999", "busy.als")
    assert (code, out) == (2, "")
    assert err.startswith("alslint: error: ") and err.count("\n") == 1
    assert "unknown rule or code prefix 'ALS999'" in err
    assert "alslint.toml" not in err, "the bad selector came from the command line, not the file"


def test_a_config_error_as_a_subprocess_is_one_line_without_traceback(tmp_path):
    write(tmp_path / "alslint.toml", "[rules.unused-track]\nallow-tracks = 3\n")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "alslint"), "busy.als"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"alslint: error: {tmp_path / 'alslint.toml'}: [rules.unused-track] option 'allow-tracks': "
        "Input should be a valid list\n"
    )


# -- hostile configs: one line, like every other mistake ------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", "invalid TOML (nested too deeply)"),
        ("a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n", "invalid TOML (nested too deeply)"),
        ("tool = 1\n", "'tool' must be a table"),
        ('tool = "alslint"\n', "'tool' must be a table"),
        ("[tool]\nalslint = 3\n", "[tool.alslint] must be a table"),
        ("[tool]\nalslint = [1]\n", "[tool.alslint] must be a table"),
    ],
)
def test_hostile_pyproject_is_one_line(capsys, tmp_path, text, message):
    write(tmp_path / "pyproject.toml", text)
    _fails(capsys, [], f"{tmp_path / 'pyproject.toml'}: {message}")


def test_a_hostile_pyproject_in_a_parent_folder_is_one_line(capsys, tmp_path, monkeypatch):
    write(tmp_path / "pyproject.toml", "tool = 1\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    busy_set("busy.als")
    _fails(capsys, [], f"{tmp_path / 'pyproject.toml'}: 'tool' must be a table")


def test_a_config_that_is_not_utf8_is_one_line(capsys, tmp_path):
    (tmp_path / "alslint.toml").write_bytes(b"stage = '\xff'\n")
    _fails(capsys, [], f"{tmp_path / 'alslint.toml'}: invalid TOML (not UTF-8 text)")


def test_an_overlong_pattern_is_a_config_error(capsys, tmp_path):
    write(tmp_path / "alslint.toml", f"exclude = ['{'a*' * 600}']\n")
    _fails(
        capsys,
        [],
        f"{tmp_path / 'alslint.toml'}: 'exclude': Value error, a pattern longer than 1024 "
        "characters",
    )


def test_a_backtracking_glob_does_not_hang_discovery(capsys, tmp_path):
    import time

    hostile = "a*" * 30 + "b"
    write(tmp_path / "alslint.toml", f"exclude = ['{hostile}', 'x/{hostile}']\n")
    folder = tmp_path / "x"
    folder.mkdir()
    for n in range(20):
        busy_set(folder / ("a" * 200 + f"{n}.als"))
    started = time.monotonic()
    code, out, _ = cli(capsys, "--no-cache", "--format", "json", "x")
    assert time.monotonic() - started < 30
    assert len(json.loads(out)["files"]) == 20


@pytest.mark.parametrize(
    ("path", "pattern", "expected"),
    [
        ("a/b/c.als", "*.als", True),
        ("x/Backup/y.als", "Backup/", True),
        ("Takes/x.als", "[Tt]akes/", True),
        ("xakes/y.als", "[!Tt]akes", True),
        ("a/b.als", "a/*.als", True),
        ("a/b/c.als", "a/*.als", False),
        ("a/c.als", "a/**/c.als", True),
        ("a/b/d/c.als", "a/**/c.als", True),
        ("a/b/x.als", "a/b", True),
        ("a/bc", "a/b", False),
        ("ab.als", "?.als", False),
        ("a" * 3000, "a*" * 50 + "b", False),
        ("x/" + "a" * 3000, "x/" + "a*" * 50 + "b", False),
        ("x/" + "a" * 3000 + "b", "x/" + "a*" * 50 + "b", True),
    ],
)
def test_globs(path, pattern, expected):
    from alslint.lint.config import path_matches

    assert path_matches(path, pattern) is expected


def test_before_is_the_gate_key_and_stage_its_alias(capsys, tmp_path):
    busy_set("busy.als")
    for key in ("before", "stage"):
        write(tmp_path / "alslint.toml", f'{key} = "sound-design"\n')
        out = cli(capsys, "--format", "json", "busy.als")[1]
        assert json.loads(out)["before"] == "sound-design", key


def test_an_alslint_toml_with_a_tool_table_says_how_to_fix_it(capsys, tmp_path):
    write(tmp_path / "alslint.toml", '[tool.alslint]\nbefore = "mixing"\n')
    code, _, err = cli(capsys, "busy.als")
    assert code == 2
    assert err.endswith(
        "alslint.toml: unknown key 'tool': alslint.toml holds the keys themselves, "
        "without [tool.alslint]\n"
    )
