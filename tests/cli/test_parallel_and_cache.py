"""--jobs, the result cache and terminal progress: same results, faster, nothing leaks into
machine output."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from set_factory import audio_clip, audio_track, write_set

ALSLINT = str(Path(sys.executable).parent / "alslint")


@pytest.fixture
def folder(tmp_path):
    sets = tmp_path / "sets"
    sets.mkdir()
    for number in range(6):
        tracks = [
            audio_track(f"Track {n}", [audio_clip(0, 16 * (n + 1))]) for n in range(number + 1)
        ]
        write_set(sets / f"song{number}.als", tracks + [audio_track("Spare")])
    return sets


def lint(*args, cache_dir: Path, stdin_tty=False, **kwargs):
    env = {**os.environ, "ALSLINT_CACHE_DIR": str(cache_dir)}
    env.pop("CI", None)
    return subprocess.run(
        [ALSLINT, "--format", "json", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        **kwargs,
    )


def test_jobs_give_the_same_result_in_the_same_order(folder, tmp_path):
    one = lint("--jobs", "1", "--no-cache", folder, cache_dir=tmp_path / "c")
    two = lint("--jobs", "2", "--no-cache", folder, cache_dir=tmp_path / "c")
    assert (one.returncode, two.returncode) == (1, 1)
    assert one.stdout == two.stdout
    assert [f["path"] for f in json.loads(two.stdout)["files"]] == [
        f"{folder}/song{n}.als" for n in range(6)
    ]


def test_cache_is_filled_then_used_and_invalidated(folder, tmp_path):
    cache = tmp_path / "cache"
    cold = lint("--select", "unused-track", folder, cache_dir=cache)
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 6
    warm = lint("--select", "unused-track", folder, cache_dir=cache)
    assert warm.stdout == cold.stdout and warm.returncode == cold.returncode
    assert sorted(cache.rglob("*.json")) == entries
    # A changed set misses the cache: its new finding shows up.
    write_set(folder / "song0.als", [audio_track("Spare"), audio_track("Spare 2")])
    changed = json.loads(lint("--select", "unused-track", folder, cache_dir=cache).stdout)
    assert [f["location"]["track"] for f in changed["files"][0]["findings"]] == ["Spare", "Spare 2"]
    # Other options are another key: a different selection is computed afresh.
    selected = json.loads(lint("--select", "ALS201", folder, cache_dir=cache).stdout)
    assert {f["code"] for file in selected["files"] for f in file["findings"]} <= {"ALS201"}


def test_no_cache_writes_nothing(folder, tmp_path):
    lint("--no-cache", folder, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_a_damaged_cache_entry_is_a_miss(folder, tmp_path):
    cache = tmp_path / "cache"
    cold = lint(folder, cache_dir=cache)
    for entry in cache.rglob("*.json"):
        entry.write_text("{not json")
    assert lint(folder, cache_dir=cache).stdout == cold.stdout


def _codes(run) -> list[str]:
    return [f["code"] for file in json.loads(run.stdout)["files"] for f in file["findings"]]


def test_the_cache_sees_samples_deleted_and_added(tmp_path):
    """missing-sample reads files beside the set: the cache checks them again."""
    sets = tmp_path / "sets"
    write_set(sets / "song.als", [audio_track("Kick", [audio_clip(0, 16, sample_seconds=8.0)])])
    sample = sets / "Samples" / "x.wav"
    sample.parent.mkdir()
    sample.write_bytes(b"RIFF")
    cache = tmp_path / "cache"
    args = ("--select", "missing-sample", sets)
    assert _codes(lint(*args, cache_dir=cache)) == []
    sample.unlink()
    assert _codes(lint(*args, cache_dir=cache)) == ["ALS304"]
    assert _codes(lint(*args, cache_dir=cache)) == ["ALS304"]  # from the cache, still right
    sample.write_bytes(b"RIFF")
    assert _codes(lint(*args, cache_dir=cache)) == []


def test_a_cache_entry_that_fails_its_checksum_is_a_miss(folder, tmp_path):
    cache = tmp_path / "cache"
    cold = lint("--select", "unused-track", folder, cache_dir=cache)
    for entry in cache.rglob("*.json"):
        # A forged result (no findings) whose checksum was not updated.
        document = json.loads(entry.read_text())
        forged = json.loads(document["entry"])
        forged["result"]["violations"] = []
        document["entry"] = json.dumps(forged)
        entry.write_text(json.dumps(document))
    assert lint("--select", "unused-track", folder, cache_dir=cache).stdout == cold.stdout
    for entry in cache.rglob("*.json"):
        entry.write_text('{"sha256": 1, "entry": []}')  # valid JSON, wrong shape
    warm = lint("--select", "unused-track", folder, cache_dir=cache)
    assert (warm.stdout, warm.returncode, warm.stderr) == (cold.stdout, cold.returncode, "")


def test_concurrent_runs_share_the_cache_safely(folder, tmp_path):
    cache = tmp_path / "cache"
    env = {**os.environ, "ALSLINT_CACHE_DIR": str(cache)}
    runs = [
        subprocess.Popen(
            [ALSLINT, "--format", "json", str(folder)], stdout=subprocess.PIPE, text=True, env=env
        )
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert len(set(outputs)) == 1
    for entry in cache.rglob("*.json"):
        json.loads(entry.read_text())
    assert not list(cache.rglob("*.tmp"))


def test_progress_shows_on_a_terminal_only(folder, tmp_path):
    # stderr is a pipe: no progress at all.
    piped = lint("--no-cache", folder, cache_dir=tmp_path / "c")
    assert piped.stderr == ""
    # stderr is a terminal: "[n/6] path" lines, erased at the end; stdout stays clean JSON.
    leader, follower = pty.openpty()
    env = {**os.environ, "ALSLINT_CACHE_DIR": str(tmp_path / "c")}
    env.pop("CI", None)
    done = subprocess.run(
        [ALSLINT, "--format", "json", "--no-cache", "--jobs", "1", str(folder)],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
        timeout=120,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert b"[1/6] " in shown and b"[6/6] " in shown
    assert shown.endswith(b"\r\x1b[K")
    json.loads(done.stdout)


def test_progress_stays_out_of_ci_logs(folder, tmp_path):
    leader, follower = pty.openpty()
    env = {**os.environ, "CI": "true", "ALSLINT_CACHE_DIR": str(tmp_path / "c")}
    subprocess.run(
        [ALSLINT, "--no-cache", str(folder)],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
        timeout=120,
    )
    os.close(follower)
    os.set_blocking(leader, False)
    try:
        shown = os.read(leader, 4096)
    except (BlockingIOError, OSError):
        shown = b""
    os.close(leader)
    assert shown == b""


def test_an_interrupted_cache_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from alslint.lint import cache as cache_module
    from alslint.lint.results import FileResult

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cache_module.json, "dump", interrupted)
    cache = cache_module.Cache(tmp_path / "cache", "run")
    with pytest.raises(KeyboardInterrupt):
        cache.put("digest", "song.als", FileResult(path="song.als"), {})
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []
