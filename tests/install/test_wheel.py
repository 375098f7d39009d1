"""The wheel a user installs holds everything the source tree has, and the installed `alslint`
answers every route exactly as the checkout the other tests test."""

from __future__ import annotations

import gzip
import re
import tarfile
import zipfile
from pathlib import Path

import pytest

from alslint.cli import run as run_checkout

from .installed_product import ROOT, checkout_files, wheel_names

FORMATS = ("text", "markdown", "html", "json", "sarif", "github", "junit", "gitlab")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def expected_wheel_names() -> set[str]:
    """Every file of the two package folders, under the names they install as."""
    names = set()
    for name in checkout_files():
        if name.startswith("alslint/"):
            names.add(name)
        elif name.startswith("rules/"):
            names.add("alslint_rules/" + name.removeprefix("rules/"))
    return names


def test_the_wheel_holds_every_module_and_data_file_of_the_source_tree(dists):
    assert wheel_names(dists.wheel) == expected_wheel_names()


def test_the_sdist_builds_the_same_wheel_as_the_source_tree(dists):
    with zipfile.ZipFile(dists.wheel) as a, zipfile.ZipFile(dists.direct_wheel) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        for name in a.namelist():
            if not name.endswith("/RECORD"):
                assert a.read(name) == b.read(name), name


def test_the_sdist_holds_no_tests_or_sample_sets(dists):
    with tarfile.open(dists.sdist) as sdist:
        top = {Path(m.name).parts[1] for m in sdist.getmembers() if len(Path(m.name).parts) > 1}
    assert top == {
        "alslint",
        "alslint.egg-info",
        "rules",
        "CHANGELOG.md",
        "LICENSE",
        "MANIFEST.in",
        "PKG-INFO",
        "README.md",
        "pyproject.toml",
        "setup.cfg",
        "setup.py",
    }


def test_the_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path):
    done = installed.run(
        "-c",
        "import alslint, alslint_rules; print(alslint.__file__); print(alslint_rules.__file__)",
        cwd=tmp_path,
        program="python",
    )
    site = installed.venv / "lib"
    for line in done.stdout.splitlines():
        assert Path(line).is_relative_to(site), line


def test_version_is_the_package_metadata(installed, dists, tmp_path):
    with zipfile.ZipFile(dists.wheel) as wheel:
        [metadata] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        [version] = re.findall(r"^Version: (.+)$", wheel.read(metadata).decode(), re.M)
    for program, args in (("alslint", ()), ("python", ("-m", "alslint"))):
        done = installed.run(*args, "--version", cwd=tmp_path, program=program)
        assert (done.returncode, done.stdout, done.stderr) == (0, f"alslint {version}\n", "")


def test_the_changelog_names_the_version(installed, tmp_path):
    version = installed.run("--version", cwd=tmp_path).stdout.split()[1]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    [newest] = re.findall(r"^## (\S+)", changelog, re.M)[:1]
    assert newest == version


def test_without_the_mcp_extra_the_server_says_what_to_install(installed, tmp_path):
    done = installed.run("mcp", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        'alslint: error: the MCP server needs the mcp extra: pip install "alslint[mcp]" '
        "(or pipx inject alslint mcp)\n",
    )


def checkout(capsys, monkeypatch, cwd: Path, *args: str) -> tuple[int, str, str]:
    """The same command run in-process from the checkout, in the same folder."""
    monkeypatch.chdir(cwd)
    code = run_checkout(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_same(installed, capsys, monkeypatch, cwd: Path, *args: str) -> str:
    done = installed.run(*args, cwd=cwd)
    assert (done.returncode, done.stdout, done.stderr) == checkout(capsys, monkeypatch, cwd, *args)
    return done.stdout


@pytest.mark.parametrize(
    "args", [("rules",), ("rules", "--format", "json"), ("rule", "missing-fade")]
)
def test_rule_catalogue(installed, capsys, monkeypatch, tmp_path, args):
    out = assert_same(installed, capsys, monkeypatch, tmp_path, *args)
    assert "missing-fade" in out


@pytest.mark.parametrize("output_format", FORMATS)
def test_lint_the_demo_in_every_format(installed, capsys, monkeypatch, workdir, output_format):
    args = ("--no-cache", "--format", output_format, "--stage", "release")
    done = installed.run(*args, "sample_projects/demo.als", cwd=workdir)
    assert done.returncode == 1
    assert done.stderr == ""
    assert (done.returncode, done.stdout, done.stderr) == checkout(
        capsys, monkeypatch, workdir, *args, "sample_projects/demo.als"
    )


def test_lint_text_report_of_the_demo_is_the_snapshot(installed, workdir):
    done = installed.run("--no-cache", "sample_projects/demo.als", cwd=workdir)
    snapshot = ROOT / "tests" / "snapshots" / "samples" / "demo.txt"
    assert done.stdout == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("inspect", "sample_projects/demo.als"),
        ("inspect", "--format", "json", "sample_projects/demo.als"),
        ("textconv", "sample_projects/demo.als"),
        ("diff", "sample_projects/clean.als", "sample_projects/demo.als"),
        ("diff", "--format", "json", "sample_projects/clean.als", "sample_projects/demo.als"),
    ],
)
def test_inspect_textconv_and_diff(installed, capsys, monkeypatch, workdir, args):
    out = assert_same(installed, capsys, monkeypatch, workdir, *args)
    assert out


LOUD_MASTER = re.search(r"```python\n(# my_rules/loud_master\.py\n.*?)```", README, re.S)[1]


def loud_demo(folder: Path) -> Path:
    """The demo with its main fader at +3.5 dB (the README's custom rule fires on it)."""
    xml = gzip.decompress((folder / "sample_projects" / "demo.als").read_bytes()).decode()
    master = xml.index("<MainTrack ")
    volume = xml.index("<Volume>", master)
    manual = xml.index('<Manual Value="1"', volume)
    loud = xml[:manual] + xml[manual:].replace('<Manual Value="1"', '<Manual Value="1.5"', 1)
    path = folder / "loud.als"
    path.write_bytes(gzip.compress(loud.encode()))
    return path


LOUD_FINDING = "  warning ALS901 Main: Master fader at +3.5 dB [loud-master]"


def test_the_readme_custom_rule_from_a_rules_folder(installed, workdir):
    (workdir / "my_rules").mkdir()
    (workdir / "my_rules" / "loud_master.py").write_text(LOUD_MASTER)
    loud_demo(workdir)
    done = installed.run(
        "--no-cache", "--rules-dir", "my_rules", "--select", "loud-master", "loud.als", cwd=workdir
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[:4] == [
        "Checked 1 rule of 1 stage (mixing) — before mixing",
        "",
        "loud.als",
        LOUD_FINDING,
    ]


def test_the_readme_custom_rule_from_an_installed_plugin_package(installed, workdir, tmp_path):
    package = tmp_path / "alslint-loud-master"
    (package / "loud_master_rules").mkdir(parents=True)
    (package / "loud_master_rules" / "__init__.py").write_text(LOUD_MASTER)
    [entry_points] = re.findall(
        r'```toml\n(\[project\.entry-points\."alslint\.rules"\]\n.*?)```', README, re.S
    )
    entry_points = entry_points.replace("my_alslint_rules.loud_master", "loud_master_rules")
    (package / "pyproject.toml").write_text(
        '[project]\nname = "alslint-loud-master"\nversion = "1.0"\n\n' + entry_points
    )
    installed.pip_install("--no-deps", str(package), cwd=tmp_path)
    loud_demo(workdir)
    done = installed.run("--no-cache", "--select", "loud-master", "loud.als", cwd=workdir)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[:4] == [
        "Checked 1 rule of 1 stage (mixing) — before mixing",
        "",
        "loud.als",
        LOUD_FINDING,
    ]
