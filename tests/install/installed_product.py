"""The installed product, as a user gets it: built from a clean copy of this checkout, installed
into a fresh virtual environment, and run from a folder that is not the checkout's.

Building and installing need the package index (setuptools for the isolated build, the runtime
dependencies for the venv), as `pip install` does for a user. The wheel and the venv are made
once per test session; each test then runs the installed `alslint` as a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Variables that would let the installed product see the checkout or another environment.
_LEAKY_ENV = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP", "ALSLINT_DEBUG")


def checkout_files() -> list[str]:
    """The files a clean clone of this checkout would hold, plus new files git does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    names = [n for n in listed.stdout.decode().split("\0") if n]
    return sorted(n for n in names if (ROOT / n).is_file())


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _LEAKY_ENV}
    env.update(extra)
    return env


def check(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return done.stdout


def git(cwd: Path, *args: str) -> str:
    return check(["git", *args], cwd, clean_env())


@dataclass
class Dists:
    sdist: Path
    wheel: Path  # built from the sdist, as pip does for a source install
    direct_wheel: Path  # built straight from the source tree, as `pip install .` does


@dataclass
class Installed:
    """A fresh venv holding the wheel; `run` executes its `alslint` in `cwd`."""

    venv: Path
    home: Path

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def env(self, **extra: str) -> dict[str, str]:
        return clean_env(
            PATH=f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}",
            HOME=str(self.home),
            ALSLINT_CACHE_DIR=str(self.home / "cache"),
            **extra,
        )

    def run(self, *args: str, cwd: Path, program: str = "alslint") -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.bin / program), *args],
            cwd=cwd,
            env=self.env(),
            capture_output=True,
            text=True,
        )

    def pip_install(self, *args: str, cwd: Path) -> None:
        check([str(self.bin / "python"), "-m", "pip", "install", "-q", *args], cwd, self.env())


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return {n for n in archive.namelist() if ".dist-info/" not in n}
