"""The real `pre-commit` runs the hooks of this checkout in a project repository: the README's
configuration installs, reports the findings, skips Backup/, fails the commit on a warning and
lets it through once the findings are accepted with `--generate-ignore`."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .installed_product import ROOT, git

README = (ROOT / "README.md").read_text(encoding="utf-8")
[README_CONFIG] = re.findall(r"```yaml\n(repos:\n.*?)```", README, re.S)[:1]
SONG = "My Song.als"
BACKUP = "Backup/My Song [2026-11-30 181502].als"
CLEAN = "Clean Song.als"
INFO = "Sketch.als"  # its one finding is info: the tempo is still Live's default


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def default_tempo(clean: bytes) -> bytes:
    """clean.als at Live's default 120 BPM (its tempo field, envelope and scenes)."""
    xml = gzip.decompress(clean).decode()
    return gzip.compress(xml.replace('Value="126"', 'Value="120"').encode())


@pytest.fixture
def project(tmp_path) -> Path:
    """A Live project repository: sets with spaces in their names beside their Samples/ folder,
    and Live's Backup/ folder."""
    project = tmp_path / "Band Project"
    shutil.copytree(ROOT / "sample_projects" / "Samples", project / "Samples")
    for name, sample in ((SONG, "demo.als"), (BACKUP, "demo.als"), (CLEAN, "clean.als")):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "sample_projects" / sample, project / name)
    (project / INFO).write_bytes(default_tempo((project / CLEAN).read_bytes()))
    git(project, "init", "-q")
    git(project, "config", "user.name", "Producer")
    git(project, "config", "user.email", "producer@example.com")
    return project


def pre_commit(installed, home: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = installed.env(PRE_COMMIT_HOME=str(home))
    command = [sys.executable, "-m", "pre_commit", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)


def commit(installed, home: Path, project: Path) -> str:
    """`git commit` with the hook installed: its exit code and what the hook printed."""
    env = installed.env(PRE_COMMIT_HOME=str(home))
    command = ["git", "commit", "-q", "-m", "songs"]
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def test_the_readme_configuration_names_this_release(installed, tmp_path):
    version = installed.run("--version", cwd=tmp_path).stdout.split()[1]
    assert f"    rev: v{version}\n" in README_CONFIG


def test_the_hook_blocks_a_commit_until_findings_are_accepted(
    installed, tagged_repo, pre_commit_home, project
):
    config = re.sub(r"repo: \S+", f"repo: {tagged_repo.as_uri()}", README_CONFIG, count=1)
    (project / ".pre-commit-config.yaml").write_text(config)
    installed_hook = pre_commit(installed, pre_commit_home, project, "install")
    assert installed_hook.returncode == 0, installed_hook.stderr
    git(project, "add", ".pre-commit-config.yaml", "Samples", SONG, BACKUP, CLEAN)

    code, blocked = commit(installed, pre_commit_home, project)
    # The same findings the installed alslint reports on the two sets outside Backup/.
    report = installed.run("lint", "--no-cache", CLEAN, SONG, cwd=project).stdout
    findings = [line for line in report.splitlines() if line.startswith("  ")]
    assert code == 1
    assert re.search(r"^alslint \(Ableton Live sets\)\.+Failed$", blocked, re.M)
    assert findings
    for line in findings:
        assert line in blocked
    assert f"\n{SONG}\n" in blocked and f"\n{CLEAN}\n" in blocked
    assert "Backup" not in blocked
    assert report.splitlines()[-1] in blocked  # one report: "Found … in 2 files."

    accepted = installed.run("--generate-ignore", ".", cwd=project)
    assert accepted.returncode == 0, accepted.stderr
    git(project, "add", ".alslint-ignore")
    code, passed = commit(installed, pre_commit_home, project)
    assert code == 0, passed
    assert re.search(r"^alslint \(Ableton Live sets\)\.+Passed$", passed, re.M)


def test_try_repo_runs_the_blocking_hook_without_failing_on_info(
    installed, tagged_repo, pre_commit_home, project
):
    # A project that wants every finding to fail its default hook.
    (project / "alslint.toml").write_text('fail-on = "info"\n')
    git(project, "add", "alslint.toml", "Samples", CLEAN, INFO)

    def try_repo(hook: str) -> subprocess.CompletedProcess:
        return pre_commit(installed, pre_commit_home, project, "try-repo", str(tagged_repo), hook)

    full = try_repo("alslint")
    assert full.returncode == 1
    assert (
        f"{INFO}\n  info    ALS101 whole set: The tempo is still Live's default 120 BPM"
        in full.stdout
    )

    blocking = try_repo("alslint-blocking")
    assert blocking.returncode == 0, blocking.stdout
    assert "alslint, blocking findings only" in blocking.stdout
    assert "Passed" in blocking.stdout

    git(project, "add", SONG, BACKUP)
    blocked = try_repo("alslint-blocking")
    report = installed.run("--no-cache", "--min-severity", "warning", SONG, cwd=project).stdout
    warnings = [line for line in report.splitlines() if line.startswith("  warning")]
    assert blocked.returncode == 1
    assert warnings
    for line in warnings:
        assert line in blocked.stdout
    assert "  info " not in blocked.stdout
    assert "Backup" not in blocked.stdout


def test_the_fix_hook_edits_and_fails_then_passes_once_restaged(
    installed, tagged_repo, pre_commit_home, project
):
    # A project that only checks fades: its one finding on the song has a safe fix.
    (project / "alslint.toml").write_text('select = ["missing-fade"]\n')
    config = re.sub(r"repo: \S+", f"repo: {tagged_repo.as_uri()}", README_CONFIG, count=1)
    config = config.replace("- id: alslint\n", "- id: alslint-fix\n")
    assert "- id: alslint-fix\n" in config
    (project / ".pre-commit-config.yaml").write_text(config)
    (project / ".gitignore").write_text("Backup/\n")
    assert pre_commit(installed, pre_commit_home, project, "install").returncode == 0
    git(project, "add", ".pre-commit-config.yaml", ".gitignore", "alslint.toml", "Samples", SONG)
    staged = (project / SONG).read_bytes()

    code, edited = commit(installed, pre_commit_home, project)
    assert code == 1
    assert re.search(r"^alslint --fix \(Ableton Live sets\)\.+Failed$", edited, re.M)
    assert "files were modified by this hook" in edited
    assert "Fixed 1 finding (1 missing-fade) in 1 file; 0 remaining." in edited
    assert (project / SONG).read_bytes() != staged
    # Live's backup from the fixture, and the one the fix made.
    [backup] = [p for p in (project / "Backup").iterdir() if p.name != Path(BACKUP).name]
    assert backup.name.startswith("My Song [")
    assert backup.read_bytes() == staged

    git(project, "add", SONG)
    code, passed = commit(installed, pre_commit_home, project)
    assert code == 0, passed
    assert re.search(r"^alslint --fix \(Ableton Live sets\)\.+Passed$", passed, re.M)
