"""The README's CI examples: the alslint commands of the GitHub Actions workflow and of the
GitLab CI job, run as written by the installed product in a project with findings."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from .installed_product import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
YAML_BLOCKS = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", README, re.S)]
[WORKFLOW] = [b for b in YAML_BLOCKS if "jobs" in b]
[GITLAB_JOB] = [b["alslint"] for b in YAML_BLOCKS if "alslint" in b]
[PIPX_INSTALL] = re.findall(r"^pipx install .*$", README, re.M)
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture
def project(tmp_path) -> Path:
    project = tmp_path / "songs"
    shutil.copytree(ROOT / "sample_projects" / "Samples", project / "Samples")
    shutil.copy2(ROOT / "sample_projects" / "demo.als", project / "My Song.als")
    shutil.copy2(ROOT / "sample_projects" / "clean.als", project / "Finished Song.als")
    (project / "Backup").mkdir()
    shutil.copy2(ROOT / "sample_projects" / "demo.als", project / "Backup" / "My Song [2026].als")
    return project


def shell(installed, command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = installed.env(CI="true", **env)
    environment["PATH"] = f"{installed.bin}{os.pathsep}{environment['PATH']}"
    return subprocess.run(
        ["sh", "-c", command], cwd=cwd, env=environment, capture_output=True, text=True
    )


def test_github_workflow(installed, project):
    steps = WORKFLOW["jobs"]["alslint"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[0] == PIPX_INSTALL  # installs as the Install section says
    [upload] = [step for step in steps if "upload-sarif" in step.get("uses", "")]
    sarif_step, lint_step = runs[1:]

    sarif = shell(installed, sarif_step, project, GITHUB_ACTIONS="true")
    assert (sarif.returncode, sarif.stdout, sarif.stderr) == (0, "", "")
    report = json.loads((project / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    results = report["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        "My%20Song.als"
    }
    if SARIF_SCHEMA.is_file():
        import jsonschema

        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        assert list(jsonschema.Draft7Validator(schema).iter_errors(report)) == []

    lint = shell(installed, lint_step, project, GITHUB_ACTIONS="true")
    assert lint.returncode == 1
    lines = lint.stdout.splitlines()
    assert len(lines) == len(results)
    assert all(
        line.startswith(("::warning file=My Song.als,", "::notice file=My Song.als,"))
        for line in lines
    )


def test_gitlab_job(installed, project):
    install, quality, lint = GITLAB_JOB["script"]
    assert install == PIPX_INSTALL.replace("pipx install", "pip install")
    done = shell(installed, quality, project)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    report = project / GITLAB_JOB["artifacts"]["reports"]["codequality"]
    issues = json.loads(report.read_text(encoding="utf-8"))
    assert {issue["location"]["path"] for issue in issues} == {"My Song.als"}
    assert {issue["severity"] for issue in issues} == {"major", "info"}
    assert shell(installed, lint, project).returncode == 1
