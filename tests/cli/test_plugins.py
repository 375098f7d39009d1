"""Plugin routes: local rule folders (`--rules-dir`, `rules-dirs`) and installed distributions
registering rules in the `alslint.rules` entry-point group; what happens when a plugin is
broken, duplicates a rule, or crashes on a set.

The fixtures in tests/plugin_fixtures/ are copied into tmp_path first, so that importing them
writes nothing into the repository. A fake distribution (a package plus its `.dist-info`) is
put on `sys.path` (in-process) or `PYTHONPATH` (subprocess): `importlib.metadata` then finds
its entry points exactly as it finds those of a pip-installed package.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cli_helpers import before_mixing, cli, text_report
from set_factory import (
    SONG,
    audio_clip,
    audio_track,
    busy_set,
    clean_set,
    one_warning_set,
    write_set,
)

from alslint.lint.config import find_config_file

FIXTURES = Path(__file__).parents[1] / "plugin_fixtures"
ALSLINT = Path(sys.executable).parent / "alslint"

BUSY_LINES = [
    "  warning ALS201 bars 5–32: Nothing changes for 28 bars (no clip starts or stops, "
    "no automation moves): vary something at least every 16 bars [no-variation]",
    '  warning ALS301 Loop › clip "Beat" @ bars 1–32: Clip ends inside its sample with '
    "no fade-out: it may click [missing-fade]",
    "  warning ALS303 Keys › Operator: MIDI track still plays through the instrument "
    '"Operator": bounce it to audio (or freeze and flatten it) before mixing [unbounced-midi]',
    "  warning ALS302 Spare: Track has no clips in the arrangement or the session: "
    "delete it if it is not needed [unused-track]",
]
SHORT_SONG = (
    "  warning ALS901 whole set: The arrangement is only 8 bars long (minimum {}) [short-song]"
)
PLUGIN_MODULES = (
    "example_alslint_plugin",
    "dup_alslint_plugin",
    "broken_alslint_plugin",
    "made_plugin",
)


def shell(*argv: str, cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH")]))
    return subprocess.run(
        [str(ALSLINT), *argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_config_file(tmp_path) is None, "a config file above tmp_path would change results"
    shutil.copytree(FIXTURES, tmp_path / "fx")
    yield tmp_path
    for name in list(sys.modules):
        if name.split(".")[0] in PLUGIN_MODULES:
            del sys.modules[name]


@pytest.fixture
def install(monkeypatch):
    """Make a fake distribution folder importable and discoverable, as `pip install` would."""

    def _install(site: Path) -> Path:
        monkeypatch.syspath_prepend(str(site))
        return site

    return _install


def make_distribution(site: Path, module: str, source: str, entry_points: dict[str, str]) -> Path:
    """Write a minimal installed distribution: `<module>/__init__.py` plus its dist-info."""
    (site / module).mkdir(parents=True)
    (site / module / "__init__.py").write_text(textwrap.dedent(source))
    info = site / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 1.0\n"
    )
    lines = "".join(f"{name} = {value}\n" for name, value in entry_points.items())
    (info / "entry_points.txt").write_text(f"[alslint.rules]\n{lines}")
    return site


def short_set(path: str = "short.als") -> Path:
    """8 bars at 100 BPM (0:19): clean for every built-in rule but ALS207 song-length, which
    reports every song shorter than two minutes. The tests of the local short-song rule run
    with `*SHORT_OK`, so that its finding is the only one."""
    return write_set(
        path,
        [audio_track("Vox", [audio_clip(0, 16, "Verse"), audio_clip(16, 32, "Chorus")])],
        tempo=100,
        **SONG,
    )


#: A short song is what song-length (ALS207) reports: ignored where the local rule is tested.
SHORT_OK = ("--ignore", "song-length")


# -- local rule folders ------------------------------------------------------------------------


def test_rules_dir_loads_a_local_rule(capsys):
    short_set()
    assert cli(capsys, *SHORT_OK, "--rules-dir", "fx/local_rules", "short.als") == (
        1,
        text_report(
            [("short.als", [SHORT_SONG.format(16)])], "Found 1 problem (1 warning) in 1 file."
        ),
        "",
    )


def test_without_the_rules_dir_the_local_rule_is_unknown(capsys, tmp_path):
    short_set()
    assert cli(capsys, *SHORT_OK, "short.als") == (
        0,
        text_report([("short.als", [])], "No problems found in 1 file.", before_mixing(21, 30)),
        "",
    )
    (tmp_path / "alslint.toml").write_text("[rules.short-song]\nmin-bars = 4\n")
    assert cli(capsys, *SHORT_OK, "short.als") == (
        2,
        "",
        f"alslint: error: {tmp_path / 'alslint.toml'}: [rules.short-song]: unknown rule 'short-song'\n",
    )


def test_local_rule_options_and_selection_from_config(capsys, tmp_path):
    short_set()
    (tmp_path / "alslint.toml").write_text("[rules.ALS901]\nmin-bars = 9\n")
    code, out, err = cli(capsys, *SHORT_OK, "--rules-dir", "fx/local_rules", "short.als")
    assert (code, err) == (1, "")
    assert out == text_report(
        [("short.als", [SHORT_SONG.format(9)])], "Found 1 problem (1 warning) in 1 file."
    )
    (tmp_path / "alslint.toml").write_text("[rules.short-song]\nmin-bars = 'many'\n")
    assert cli(capsys, *SHORT_OK, "--rules-dir", "fx/local_rules", "short.als") == (
        2,
        "",
        f"alslint: error: {tmp_path / 'alslint.toml'}: [rules.short-song] option 'min-bars': "
        "Input should be a valid integer, unable to parse string as an integer\n",
    )
    (tmp_path / "alslint.toml").write_text("ignore = ['ALS9']\n")
    assert cli(capsys, *SHORT_OK, "--rules-dir", "fx/local_rules", "short.als")[0] == 0


def trusted(capsys, config: str | Path) -> None:
    """Trust a config's rule folders, as its user would with `alslint trust`."""
    assert cli(capsys, "trust", str(config))[0] == 0


def test_rules_dirs_in_config_are_relative_to_the_config_file(capsys, tmp_path, monkeypatch):
    project = tmp_path / "fx" / "config_project"
    short_set(project / "songs" / "short.als")
    trusted(capsys, project / "alslint.toml")
    monkeypatch.chdir(project / "songs")  # found by searching upwards
    assert cli(capsys, *SHORT_OK, "short.als") == (
        1,
        text_report(
            [("short.als", [SHORT_SONG.format(64)])], "Found 1 problem (1 warning) in 1 file."
        ),
        "",
    )


def test_rules_dirs_with_config_option_from_another_folder(capsys, tmp_path):
    short_set()
    trusted(capsys, "fx/config_project/alslint.toml")
    code, out, err = cli(
        capsys, *SHORT_OK, "--config", "fx/config_project/alslint.toml", "short.als"
    )
    assert (code, out, err) == (
        1,
        text_report(
            [("short.als", [SHORT_SONG.format(64)])], "Found 1 problem (1 warning) in 1 file."
        ),
        "",
    )


def test_rules_dirs_and_rules_dir_add_up(capsys, tmp_path):
    short_set()
    trusted(capsys, "fx/config_project/alslint.toml")
    code, out, _ = cli(
        capsys,
        *SHORT_OK,
        "--config",
        "fx/config_project/alslint.toml",
        "--rules-dir",
        "fx/crashing_rules",
        "--format",
        "json",
        "short.als",
    )
    assert [v["code"] for v in json.loads(out)["files"][0]["findings"]] == ["ALS002", "ALS901"]


def test_rules_dir_as_a_subprocess(tmp_path):
    short_set()
    done = shell(*SHORT_OK, "--rules-dir", "fx/local_rules", "short.als", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        text_report(
            [("short.als", [SHORT_SONG.format(16)])], "Found 1 problem (1 warning) in 1 file."
        ),
        "",
    )


def test_the_same_rules_folder_named_twice_is_loaded_once(capsys, tmp_path):
    """Naming one folder in `rules-dirs` and again with --rules-dir is not a duplicate rule."""
    short_set()
    (tmp_path / "alslint.toml").write_text('rules-dirs = ["fx/local_rules"]\n')
    trusted(capsys, "alslint.toml")
    expected = (
        1,
        text_report(
            [("short.als", [SHORT_SONG.format(16)])], "Found 1 problem (1 warning) in 1 file."
        ),
        "",
    )
    assert cli(capsys, *SHORT_OK, "--rules-dir", "fx/local_rules", "short.als") == expected
    isolated = ("--isolated", "--rules-dir", "fx/local_rules", "--rules-dir", "fx/local_rules/")
    assert cli(capsys, *SHORT_OK, *isolated, "short.als") == expected


def test_missing_rules_dir(capsys):
    short_set()
    assert cli(capsys, "--rules-dir", "nope", "short.als") == (
        2,
        "",
        "alslint: error: --rules-dir: rules folder nope does not exist\n",
    )


def test_missing_rules_dir_from_config(capsys, tmp_path):
    short_set()
    (tmp_path / "alslint.toml").write_text('rules-dirs = ["team"]\n')
    trusted(capsys, "alslint.toml")
    code, out, err = cli(capsys, "short.als")
    assert (code, out) == (2, "")
    assert err.startswith("alslint: error: ") and err.count("\n") == 1
    assert str(tmp_path / "team") in err


def test_a_rule_module_that_cannot_be_imported(capsys, tmp_path):
    short_set()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "rule.py").write_text("import alslint_missing_dependency\n")
    assert cli(capsys, "--rules-dir", "mine", "short.als") == (
        2,
        "",
        "alslint: error: mine/rule.py: cannot be imported "
        "(ModuleNotFoundError: No module named 'alslint_missing_dependency')\n",
    )


# -- installed distributions (entry points) ----------------------------------------------------


def slow_set(path: str = "slow.als") -> Path:
    """80 BPM, clean for every built-in rule (set_factory's clean song: 2:24 at 80 BPM)."""
    return clean_set(path, tempo=80)


SLEEPY = "  info    EXA950 whole set: Tempo 80 BPM is below 90 BPM [sleepy-tempo]"


def test_an_installed_distribution_registers_a_rule(capsys, tmp_path, install):
    install(tmp_path / "fx" / "site")
    assert importlib.metadata.version("example-alslint-plugin") == "1.0"
    slow_set()
    assert cli(capsys, "slow.als") == (
        0,  # info is below the default failure threshold
        text_report(
            [("slow.als", [SLEEPY])], "Found 1 problem (1 info) in 1 file.", before_mixing(23, 32)
        ),
        "",
    )
    assert cli(capsys, "--fail-on", "info", "slow.als")[0] == 1


def test_installed_rule_selection_and_options(capsys, tmp_path, install):
    install(tmp_path / "fx" / "site")
    slow_set()
    one_warning_set("one.als")  # 90 BPM, and a built-in finding that --select EXA leaves out
    code, out, _ = cli(capsys, "--select", "EXA", "--format", "json", "slow.als", "one.als")
    assert {f["path"]: [v["code"] for v in f["findings"]] for f in json.loads(out)["files"]} == {
        "slow.als": ["EXA950"],
        "one.als": [],
    }
    (tmp_path / "alslint.toml").write_text("[rules.sleepy-tempo]\nmin-bpm = 70\n")
    assert cli(capsys, "slow.als")[0:2] == (
        0,
        text_report([("slow.als", [])], "No problems found in 1 file.", before_mixing(23, 32)),
    )
    (tmp_path / "alslint.toml").write_text("[rules.sleepy-tempo]\nmin-bpm = 0\n")
    assert cli(capsys, "slow.als") == (
        2,
        "",
        f"alslint: error: {tmp_path / 'alslint.toml'}: [rules.sleepy-tempo] option 'min-bpm': "
        "Input should be greater than 0\n",
    )


def test_an_installed_distribution_as_a_subprocess(tmp_path):
    slow_set()
    done = shell("--fail-on", "info", "slow.als", cwd=tmp_path, pythonpath=tmp_path / "fx" / "site")
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        text_report(
            [("slow.als", [SLEEPY])], "Found 1 problem (1 info) in 1 file.", before_mixing(23, 32)
        ),
        "",
    )
    without = shell("--fail-on", "info", "slow.als", cwd=tmp_path)
    assert (without.returncode, without.stdout) == (
        0,
        text_report([("slow.als", [])], "No problems found in 1 file."),
    )


def test_an_entry_point_naming_a_module_registers_every_rule_in_it(capsys, tmp_path, install):
    source = """
        from alslint.api import Finding, Rule, Stage

        class First(Rule):
            code = "MOD001"
            name = "first"
            summary = "First."
            stage = Stage.COMPOSITION

            def check(self, live_set, options, context):
                yield Finding(message="first")

        class Second(First):
            code = "MOD002"
            name = "second"
            summary = "Second."

            def check(self, live_set, options, context):
                yield Finding(message="second")
    """
    install(make_distribution(tmp_path / "site", "made_plugin", source, {"made": "made_plugin"}))
    short_set()
    code, out, err = cli(capsys, "--select", "MOD", "short.als")
    assert (code, err) == (1, "")
    assert out == text_report(
        [
            (
                "short.als",
                [
                    "  warning MOD001 whole set: first [first]",
                    "  warning MOD002 whole set: second [second]",
                ],
            )
        ],
        "Found 2 problems (2 warnings) in 1 file.",
        "Checked 2 rules of 1 stage (composition) — before mixing",
    )


def test_an_entry_point_naming_something_else_fails_loudly(capsys, tmp_path, install):
    install(
        make_distribution(
            tmp_path / "site", "made_plugin", "VALUE = 3\n", {"made": "made_plugin:VALUE"}
        )
    )
    short_set()
    assert cli(capsys, "short.als") == (
        2,
        "",
        "alslint: error: entry point 'made' (made_plugin:VALUE): does not name an alslint rule "
        "(a subclass of alslint.api.Rule)\n",
    )


def test_a_broken_distribution_fails_loudly(capsys, tmp_path, install):
    install(tmp_path / "fx" / "site_broken")
    short_set()
    assert cli(capsys, "short.als") == (
        2,
        "",
        "alslint: error: entry point 'broken-rule' (broken_alslint_plugin:Rule): cannot be loaded "
        "(ModuleNotFoundError: No module named 'alslint_no_such_module')\n",
    )


# -- duplicates and invalid metadata -----------------------------------------------------------

DUPLICATE_CODE = (
    "duplicate rule code ALS301: MissingFade from entry point 'missing-fade' "
    "(alslint_rules.missing_fade:MissingFade) and FadeCheck from entry point 'fade-check' "
    "(dup_alslint_plugin:FadeCheck)"
)


def test_duplicate_code_from_an_installed_distribution(capsys, tmp_path, install):
    install(tmp_path / "fx" / "site_duplicate")
    short_set()
    assert cli(capsys, "short.als") == (2, "", f"alslint: error: {DUPLICATE_CODE}\n")


def test_duplicate_code_from_an_installed_distribution_as_a_subprocess(tmp_path):
    short_set()
    done = shell("short.als", cwd=tmp_path, pythonpath=tmp_path / "fx" / "site_duplicate")
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"alslint: error: {DUPLICATE_CODE}\n",
    )


def _rule_file(folder: Path, file: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / file).write_text(
        "from alslint.api import Finding, Rule, RuleOptions, Severity, Stage\n\n"
        + textwrap.dedent(body)
    )


def _rule(cls: str, code: str, name: str) -> str:
    return f"""
        class {cls}(Rule):
            code = "{code}"
            name = "{name}"
            summary = "S."
            stage = Stage.COMPOSITION

            def check(self, live_set, options, context):
                return iter(())
    """


def test_duplicate_name_between_a_local_rule_and_a_built_in(capsys, tmp_path):
    _rule_file(tmp_path / "mine", "copy.py", _rule("Copy", "ALS909", "missing-fade"))
    short_set()
    assert cli(capsys, "--rules-dir", "mine", "short.als") == (
        2,
        "",
        "alslint: error: duplicate rule name missing-fade: Copy from mine/copy.py and MissingFade "
        "from entry point 'missing-fade' (alslint_rules.missing_fade:MissingFade)\n",
    )


def test_duplicate_code_between_two_local_folders(capsys, tmp_path):
    _rule_file(tmp_path / "a", "one.py", _rule("One", "ALS911", "one-rule"))
    _rule_file(tmp_path / "b", "two.py", _rule("Two", "ALS911", "two-rule"))
    short_set()
    assert cli(capsys, "--rules-dir", "a", "--rules-dir", "b", "short.als") == (
        2,
        "",
        "alslint: error: duplicate rule code ALS911: Two from b/two.py and One from a/one.py\n",
    )


def test_duplicate_code_within_one_local_folder(capsys, tmp_path):
    _rule_file(
        tmp_path / "a",
        "one.py",
        _rule("One", "ALS911", "one-rule") + _rule("Other", "ALS911", "other-rule"),
    )
    short_set()
    assert cli(capsys, "--rules-dir", "a", "short.als") == (
        2,
        "",
        "alslint: error: duplicate rule code ALS911: Other from a/one.py and One from a/one.py\n",
    )


@pytest.mark.parametrize(
    ("attributes", "problems"),
    [
        ('code = "ALS1"\nname = "bad-rule"', "code 'ALS1' is not like 'ALS123'"),
        ('code = "als901"\nname = "bad-rule"', "code 'als901' is not like 'ALS123'"),
        ('code = "ALS9011"\nname = "bad-rule"', "code 'ALS9011' is not like 'ALS123'"),
        ('code = "ALS901"\nname = "Bad_Rule"', "name 'Bad_Rule' is not kebab-case"),
        ('code = "ALS901"\nname = "bad rule"', "name 'bad rule' is not kebab-case"),
        ('code = "ALS901"\nname = "bad-"', "name 'bad-' is not kebab-case"),
        ('code = "X"\nname = "x_y"', "code 'X' is not like 'ALS123'; name 'x_y' is not kebab-case"),
        ('name = "bad-rule"', "missing `code`"),
    ],
)
def test_invalid_metadata_fails_loudly(capsys, tmp_path, attributes, problems):
    body = (
        "class Bad(Rule):\n"
        + textwrap.indent(attributes, "    ")
        + (
            '\n    summary = "S."\n    stage = Stage.COMPOSITION\n\n'
            "    def check(self, live_set, options, context):\n        return iter(())\n"
        )
    )
    _rule_file(tmp_path / "bad", "rule.py", body)
    short_set()
    assert cli(capsys, "--rules-dir", "bad", "short.als") == (
        2,
        "",
        f"alslint: error: bad/rule.py: rule Bad is invalid: {problems}\n",
    )


@pytest.mark.parametrize(
    ("override", "problem"),
    [
        ('stage = "composition"', "stage is not an alslint.api.Stage"),
        ('default_severity = "warning"', "default_severity is not an alslint.api.Severity"),
        ("Options = dict", "Options is not a subclass of alslint.api.RuleOptions"),
    ],
)
def test_invalid_metadata_types_fail_loudly(capsys, tmp_path, override, problem):
    body = _rule("Bad", "ALS901", "bad-rule").replace(
        "    def check", f"    {override}\n\n            def check"
    )
    _rule_file(tmp_path / "bad", "rule.py", body)
    short_set()
    assert cli(capsys, "--rules-dir", "bad", "short.als") == (
        2,
        "",
        f"alslint: error: bad/rule.py: rule Bad is invalid: {problem}\n",
    )


def test_a_rule_without_check_fails_loudly(capsys, tmp_path):
    _rule_file(
        tmp_path / "bad",
        "rule.py",
        'class Bad(Rule):\n    code = "ALS901"\n    name = "bad-rule"\n    summary = "S."\n'
        "    stage = Stage.COMPOSITION\n",
    )
    short_set()
    assert cli(capsys, "--rules-dir", "bad", "short.als") == (
        2,
        "",
        "alslint: error: bad/rule.py: rule Bad is invalid: no check() method\n",
    )


def test_invalid_metadata_from_an_installed_distribution(capsys, tmp_path, install):
    source = _rule("Bad", "ALS1", "bad-rule").replace("\n        ", "\n")
    source = "from alslint.api import Rule, Stage\n" + source
    install(make_distribution(tmp_path / "site", "made_plugin", source, {"bad": "made_plugin:Bad"}))
    short_set()
    assert cli(capsys, "short.als") == (
        2,
        "",
        "alslint: error: entry point 'bad' (made_plugin:Bad): rule Bad is invalid: "
        "code 'ALS1' is not like 'ALS123'\n",
    )


# -- a rule that raises --------------------------------------------------------------------------

CRASH = (
    "  error   ALS002 whole set: rule ALS902 (always-crashes) crashed: ZeroDivisionError: "
    "division by zero (at crash.py:15) [internal-error]"
)


def test_a_crashing_rule_becomes_an_internal_error_finding(capsys):
    busy_set("busy.als")
    clean_set("clean.als")
    code, out, err = cli(capsys, "--rules-dir", "fx/crashing_rules", "busy.als", "clean.als")
    assert (code, err) == (1, "")
    assert out == text_report(
        [("busy.als", [CRASH, *BUSY_LINES]), ("clean.als", [CRASH])],
        "Found 6 problems (2 errors, 4 warnings) in 2 files.",
        before_mixing(23, 32),
    )


def test_a_crashing_rule_is_not_an_unreadable_set(capsys):
    busy_set("busy.als")
    code, out, err = cli(capsys, "--rules-dir", "fx/crashing_rules", "--format", "json", "busy.als")
    assert (code, err) == (1, "")
    (file,) = json.loads(out)["files"]
    assert file["unreadable"] is False
    assert [(v["code"], v["name"], v["severity"], v["stage"]) for v in file["findings"]] == [
        ("ALS002", "internal-error", "error", None),
        ("ALS201", "no-variation", "warning", "arrangement"),
        ("ALS301", "missing-fade", "warning", "sound-design"),
        ("ALS303", "unbounced-midi", "warning", "sound-design"),
        ("ALS302", "unused-track", "warning", "sound-design"),
    ]
    assert cli(capsys, "--rules-dir", "fx/crashing_rules", "--exit-zero", "busy.als")[0] == 0


def test_a_crashing_rule_as_a_subprocess(tmp_path):
    busy_set("busy.als")
    done = shell("--rules-dir", "fx/crashing_rules", "busy.als", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout == text_report(
        [("busy.als", [CRASH, *BUSY_LINES])],
        "Found 5 problems (1 error, 4 warnings) in 1 file.",
        before_mixing(23, 32),
    )


@pytest.mark.parametrize(
    "bad_yield",
    [
        'yield "a plain string, not a Finding"',
        "yield None",
        'yield {"message": "a dict"}',
    ],
)
def test_a_rule_yielding_something_else_than_a_finding_is_an_internal_error(
    capsys, tmp_path, bad_yield
):
    """A plugin's bad output must not take the run down with a traceback: like a crash, it is
    an ALS002 finding for that file, and the other rules still report."""
    _rule_file(
        tmp_path / "wrong",
        "wrong.py",
        _rule("WrongYield", "ALS903", "wrong-yield").replace("return iter(())", bad_yield),
    )
    busy_set("busy.als")
    code, out, err = cli(capsys, "--rules-dir", "wrong", "--format", "json", "busy.als")
    assert (code, err) == (1, "")
    (file,) = json.loads(out)["files"]
    assert [v["code"] for v in file["findings"]] == [
        "ALS002",
        "ALS201",
        "ALS301",
        "ALS303",
        "ALS302",
    ]
    assert file["findings"][0]["message"].startswith("rule ALS903 (wrong-yield) ")


# -- trust before code: a config's rule folders run only once the user trusted it ---------------


def _untrusted_warning(config: Path) -> str:
    return (
        f"alslint: warning: skipped rule folders of {config} (not trusted): fx/local_rules; "
        f"run 'alslint trust {config}' to trust them\n"
    )


def test_a_cloned_config_runs_no_code_until_trusted(capsys, tmp_path, own_data_dir):
    short_set()
    config = tmp_path / "alslint.toml"
    config.write_text('rules-dirs = ["fx/local_rules"]\n[rules.short-song]\nmin-bars = 9\n')
    # Untrusted: the folder is skipped with a warning, the other rules run, exit unaffected.
    code, out, err = cli(capsys, "--format", "json", "short.als")
    assert (code, err) == (0, _untrusted_warning(config))
    codes = [f["code"] for f in json.loads(out)["files"][0]["findings"]]
    assert codes == ["ALS207"]
    # Trusted: the folder's rules run.
    code, _, err = cli(capsys, "trust")
    assert (code, err) == (0, f"alslint: trusted {config} (rule folders: fx/local_rules)\n")
    assert json.loads((own_data_dir / "trusted.json").read_text())["configs"] == {
        str(config): hashlib.sha256(config.read_bytes()).hexdigest()
    }
    code, out, err = cli(capsys, *SHORT_OK, "short.als")
    assert (code, err) == (1, "")
    assert out == text_report(
        [("short.als", [SHORT_SONG.format(9)])], "Found 1 problem (1 warning) in 1 file."
    )
    # Changed: trusted no longer.
    config.write_text('rules-dirs = ["fx/local_rules"]\n[rules.short-song]\nmin-bars = 10\n')
    assert cli(capsys, *SHORT_OK, "short.als")[2] == _untrusted_warning(config)


def test_a_parent_folders_pyproject_is_not_trusted_either(capsys, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.alslint]\nrules-dirs = ["fx/local_rules"]\n')
    (tmp_path / "songs").mkdir()
    monkeypatch.chdir(tmp_path / "songs")
    short_set()
    code, _, err = cli(capsys, "short.als")
    assert (code, err) == (0, _untrusted_warning(tmp_path / "pyproject.toml"))


def test_untrusted_as_a_subprocess_imports_nothing(tmp_path):
    short_set()
    (tmp_path / "evil").mkdir()
    marker = tmp_path / "ran"
    (tmp_path / "evil" / "evil_rule.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (tmp_path / "alslint.toml").write_text('rules-dirs = ["evil"]\n')
    done = shell("short.als", cwd=tmp_path)
    assert not marker.exists()
    assert done.stderr == (
        f"alslint: warning: skipped rule folders of {tmp_path / 'alslint.toml'} (not trusted): "
        f"evil; run 'alslint trust {tmp_path / 'alslint.toml'}' to trust them\n"
    )


def test_trust_list_and_remove(capsys, tmp_path):
    (tmp_path / "alslint.toml").write_text('rules-dirs = ["fx/local_rules"]\n')
    config = tmp_path / "alslint.toml"
    assert cli(capsys, "trust", "--list") == (0, "", "")
    assert cli(capsys, "trust", "alslint.toml")[0] == 0
    digest = hashlib.sha256(config.read_bytes()).hexdigest()
    assert cli(capsys, "trust", "--list") == (0, f"{config}\t{digest}\n", "")
    assert cli(capsys, "trust", "--remove", "alslint.toml") == (
        0,
        "",
        "alslint: no longer trusting alslint.toml\n",
    )
    assert cli(capsys, "trust", "--list") == (0, "", "")
    assert cli(capsys, "trust", "--remove", "alslint.toml") == (
        2,
        "",
        "alslint: alslint.toml was not trusted\n",
    )


def test_trusting_a_broken_config_is_refused(capsys, tmp_path):
    (tmp_path / "alslint.toml").write_text("rules-dirs = 3\n")
    assert cli(capsys, "trust", "alslint.toml") == (
        2,
        "",
        "alslint: error: alslint.toml: 'rules-dirs': Input should be a valid list\n",
    )
    assert cli(capsys, "trust") == (
        2,
        "",
        f"alslint: error: {tmp_path / 'alslint.toml'}: 'rules-dirs': Input should be a valid list\n",
    )


def test_rules_and_rule_honour_rules_dirs_from_the_config(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path / "fx" / "config_project")
    # Untrusted, the config's rule folder is skipped with the warning lint gives too.
    code, out, err = cli(capsys, "rules")
    assert code == 0 and "short-song" not in out
    assert "(not trusted): team_rules" in err
    assert cli(capsys, "trust")[0] == 0
    code, out, _ = cli(capsys, "rules")
    assert code == 0 and "short-song" in out
    assert cli(capsys, "rule", "short-song")[0] == 0


def test_options_before_the_command_belong_to_it(capsys):
    code, out, err = cli(capsys, "--rules-dir", "fx/local_rules", "rules")
    assert (code, err) == (0, "")
    assert "ALS901  short-song" in out
    assert cli(capsys, "--rules-dir=fx/local_rules", "rule", "ALS901")[0] == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["rule", "missng-fade"],
            "no rule named or coded 'missng-fade'; did you mean 'missing-fade'?",
        ),
        (["--select", "missng-fade", "x.als"], "'missng-fade'; did you mean 'missing-fade'?"),
        (["--ignore", "als301", "x.als"], "'als301'; did you mean 'ALS301'?"),
    ],
)
def test_a_mistyped_rule_gets_a_suggestion(capsys, argv, message):
    code, out, err = cli(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err


def test_a_mistyped_rule_in_the_config_gets_a_suggestion(capsys, tmp_path):
    (tmp_path / "alslint.toml").write_text("[rules.unused-trak]\nallow-tracks = []\n")
    short_set()
    code, _, err = cli(capsys, "short.als")
    assert code == 2
    assert err.endswith("unknown rule 'unused-trak'; did you mean 'unused-track'?\n")
