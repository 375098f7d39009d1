"""The README's examples work as written: the custom rule, its test, the configuration, and
the set-up commands that CI runs."""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

import pytest
from set_factory import audio_clip, audio_track, set_xml, write_set

from alslint.cli import run

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def block_containing(language: str, text: str) -> str:
    [block] = [b for b in code_blocks(language) if text in b]
    return block


@pytest.fixture
def rule_folder(tmp_path, monkeypatch):
    folder = tmp_path / "my_rules"
    folder.mkdir()
    (folder / "loud_master.py").write_text(block_containing("python", "class LoudMaster"))
    monkeypatch.syspath_prepend(str(tmp_path))
    return folder


def test_custom_rule_example_runs_from_a_rule_folder(rule_folder, tmp_path, capsys):
    quiet = write_set(tmp_path / "quiet.als", [audio_track("Vox", [audio_clip(0, 16)])])
    loud = tmp_path / "loud.als"
    xml = set_xml([audio_track("Vox", [audio_clip(0, 16)])])
    master = xml.index("<MainTrack>")
    volume = xml.index('<Volume><LomId Value="0"/><Manual Value="1"/>', master)
    loud.write_bytes(
        gzip.compress(
            (
                xml[:volume]
                + xml[volume:].replace('<Manual Value="1"/>', '<Manual Value="1.5"/>', 1)
            ).encode()
        )
    )
    argv = ["--no-cache", "--no-color", "--rules-dir", str(rule_folder), "--select", "loud-master"]
    assert run([*argv, str(quiet), str(loud)]) == 1
    assert capsys.readouterr().out.splitlines()[5:7] == [
        str(loud),
        "  warning ALS901 Main: Master fader at +3.5 dB [loud-master]",
    ]


def test_custom_rule_example_fixes_with_unsafe_fixes(rule_folder, tmp_path, capsys):
    loud = tmp_path / "loud.als"
    xml = set_xml([audio_track("Vox", [audio_clip(0, 16)])])
    master = xml.index("<MainTrack>")
    xml = xml[:master] + xml[master:].replace('<Manual Value="1"/>', '<Manual Value="1.5"/>', 1)
    loud.write_bytes(gzip.compress(xml.encode()))
    argv = ["--no-cache", "--rules-dir", str(rule_folder), "--select", "loud-master", str(loud)]
    assert run(["--fix", *argv]) == 1  # an unsafe fix: plain --fix leaves it
    assert run(["--fix", "--unsafe-fixes", *argv]) == 0
    assert "Fixed 1 finding (1 loud-master) in 1 file; 0 remaining." in capsys.readouterr().err
    assert '<Manual Value="1.0"/>' in gzip.decompress(loud.read_bytes()).decode()[master:]


def test_custom_rule_test_example_passes(rule_folder):
    namespace: dict = {}
    exec(compile(block_containing("python", "def test_loud_master"), "README", "exec"), namespace)
    namespace["test_loud_master"]()


def test_findings_helper_sentence_is_true(rule_folder):
    from alslint.model import Mixer
    from alslint.testing import findings, make_set

    namespace: dict = {}
    exec(compile(block_containing("python", "class LoudMaster"), "README", "exec"), namespace)
    live_set = make_set([])
    live_set.master.mixer = Mixer(volume=1.5)
    pairs = findings(namespace["LoudMaster"], live_set, max_db=0.0)
    assert "`findings(LoudMaster, live_set, max_db=0.0)` returns" in README
    assert "`" + repr(pairs).replace("'", '"') + "`" in README


def test_configuration_example_is_valid(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "alslint_rules").mkdir()
    (tmp_path / "pyproject.toml").write_text(block_containing("toml", "[tool.alslint]\nbefore"))
    write_set(tmp_path / "song.als", [audio_track("Vox", [audio_clip(0, 16)])])
    assert run(["trust"]) == 0  # its rules-dirs run only once trusted
    capsys.readouterr()
    code = run(["--no-cache", "song.als"])
    assert capsys.readouterr().err == ""
    assert code in (0, 1)


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    [command] = [line for line in ci.splitlines() if "pytest" in line]
    assert command.strip() in README
    assert sys.version_info >= (3, 11)


def test_inspect_example_is_the_real_output(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    [block] = [
        b
        for b in code_blocks("text")
        if b.startswith("$ alslint inspect sample_projects/demo.als\n")
    ]
    assert run(["inspect", "sample_projects/demo.als"]) == 0
    assert block == "$ alslint inspect sample_projects/demo.als\n" + capsys.readouterr().out


def test_first_run_example_is_the_real_output(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    [block] = [
        b for b in code_blocks("text") if b.startswith("$ alslint sample_projects/demo.als\n")
    ]
    assert run(["--no-cache", "sample_projects/demo.als"]) == 1
    assert block == "$ alslint sample_projects/demo.als\n" + capsys.readouterr().out


def test_documentation_links_lead_to_files():
    for target in re.findall(r"\]\(([^)#:]+)\)", README):
        assert (REPO / target).is_file(), target
