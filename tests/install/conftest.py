"""Fixtures of the installed-product tests: one wheel and one fresh venv per session."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from .installed_product import ROOT, Dists, Installed, check, checkout_files, clean_env, git


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.install)


@pytest.fixture(scope="session")
def clean_copy(tmp_path_factory) -> Path:
    """The checkout as a fresh clone has it: no build/, no egg-info, no caches."""
    copy = tmp_path_factory.mktemp("clone") / "alslint"
    for name in checkout_files():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    return copy


@pytest.fixture(scope="session")
def dists(clean_copy, tmp_path_factory) -> Dists:
    out = tmp_path_factory.mktemp("dist")
    direct = tmp_path_factory.mktemp("direct")
    build = [sys.executable, "-m", "build", "--outdir"]
    check([*build, str(out), str(clean_copy)], clean_copy, clean_env())
    check([*build, str(direct), "--wheel", str(clean_copy)], clean_copy, clean_env())
    [sdist] = out.glob("*.tar.gz")
    [wheel] = out.glob("*.whl")
    [direct_wheel] = direct.glob("*.whl")
    return Dists(sdist, wheel, direct_wheel)


@pytest.fixture(scope="session")
def installed(dists, tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("user")
    venv = base / "venv"
    check([sys.executable, "-m", "venv", str(venv)], base, clean_env())
    result = Installed(venv=venv, home=base / "home")
    result.home.mkdir()
    result.pip_install(str(dists.wheel), cwd=base)
    return result


@pytest.fixture
def workdir(tmp_path) -> Path:
    """A folder outside the checkout holding a copy of the sample projects, as a user's has."""
    work = tmp_path / "My Music"
    shutil.copytree(ROOT / "sample_projects", work / "sample_projects")
    return work


@pytest.fixture(scope="session")
def tagged_repo(tmp_path_factory, installed) -> Path:
    """This checkout as a git repository tagged with its version, as users find it online."""
    repo = tmp_path_factory.mktemp("tagged-repo") / "alslint"
    for name in checkout_files():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    version = installed.run("--version", cwd=repo).stdout.split()[1]
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "release")
    git(repo, "tag", f"v{version}")
    return repo
