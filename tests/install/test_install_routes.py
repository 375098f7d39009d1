"""The README's install commands, run as written, against a tagged git copy of this checkout
(standing in for the repository address a user is given)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .installed_product import ROOT, clean_env

README = (ROOT / "README.md").read_text(encoding="utf-8")
URL = "https://github.com/OWNER/alslint"


def readme_command(starts_with: str) -> str:
    [command] = [
        line
        for block in re.findall(r"```sh\n(.*?)```", README, re.S)
        for line in block.splitlines()
        if line.startswith(starts_with)
    ]
    return command


def run_readme_command(command: str, tagged_repo: Path, home: Path, **env: str):
    """`command` in a shell, with the repository address pointing at the tagged copy."""
    assert URL in command
    command = command.replace(URL, tagged_repo.as_uri())
    tools = Path(sys.executable).parent  # pipx and uv, as a user has them on the PATH
    return subprocess.run(
        ["sh", "-c", command],
        cwd=home,
        env=clean_env(HOME=str(home), PATH=f"{tools}{os.pathsep}{os.environ['PATH']}", **env),
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    "starts_with, program, env",
    [
        ("pipx install", "bin/alslint", {"PIPX_HOME": "pipx", "PIPX_BIN_DIR": "bin"}),
        ("uv tool install", "bin/alslint", {"UV_TOOL_DIR": "uv", "UV_TOOL_BIN_DIR": "bin"}),
        ("python3 -m venv ~/", ".venvs/alslint/bin/alslint", {}),
    ],
    ids=["pipx", "uv", "pip"],
)
def test_readme_install_command(tagged_repo, tmp_path, starts_with, program, env):
    home = tmp_path / "home"
    home.mkdir()
    command = readme_command(starts_with)
    assert "@v" in command  # the release tag, which the tagged copy has
    done = run_readme_command(
        command, tagged_repo, home, **{k: str(home / v) for k, v in env.items()}
    )
    assert done.returncode == 0, done.stdout + done.stderr
    version = subprocess.run(
        [str(home / program), "--version"], cwd=home, capture_output=True, text=True
    )
    tag = re.search(r"@v(\S+?)\"", command)[1]
    assert version.stdout == f"alslint {tag}\n"
    demo = subprocess.run(
        [str(home / program), "--no-cache", str(tagged_repo / "sample_projects" / "demo.als")],
        cwd=home,
        capture_output=True,
        text=True,
        env=clean_env(HOME=str(home)),
    )
    snapshot = (ROOT / "tests" / "snapshots" / "samples" / "demo.txt").read_text(encoding="utf-8")
    assert (demo.returncode, demo.stderr) == (1, "")
    # All but the set's path (line 3, after the checked line and a blank line) as in the snapshot.
    shown, expected = demo.stdout.splitlines(), snapshot.splitlines()
    assert shown[:2] + shown[3:] == expected[:2] + expected[3:]
