"""Time and peak memory of alslint on hostile and damaged inputs: they must stay bounded.

    python benchmarks/hostile.py [--corpus ../shared/corpus]

Each input is linted by `alslint --no-cache --stage release --format json FILE` in a fresh
process; the table gives the exit code, wall time and peak resident memory. The README
("Robustness") and docs/robustness.md quote it. Sets edited from real ones are built at run
time (`synth.py`); special files (a named pipe, a device) stand in for the set.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import sys
import tempfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ALSLINT = Path(sys.executable).parent / "alslint"
sys.path[:0] = [str(REPO / "tests" / "support"), str(REPO / "benchmarks")]

import synth  # noqa: E402
from damage import damaged_set  # noqa: E402
from measure import run_measured  # noqa: E402


def bomb(uncompressed_mb: int) -> bytes:
    """A valid gzip stream of `uncompressed_mb` MB of spaces inside a tiny document."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = packer.compress(b"<Ableton><LiveSet>")
    chunk = b" " * (1 << 20)
    for _ in range(uncompressed_mb):
        body += packer.compress(chunk)
    return body + packer.compress(b"</LiveSet></Ableton>") + packer.flush()


def inputs(corpus: Path) -> dict[str, bytes]:
    laughs = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    largest = gzip.decompress(
        (
            corpus / "live11.0.12__MenkeTechnologies__AbletonLiveTemplates__edmJM@b140f4e1.als"
        ).read_bytes()
    )
    return {
        "empty file": b"",
        "random bytes (1 MB)": random.Random(1).randbytes(1 << 20),
        "git-LFS pointer": b"version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 1\n",
        "truncated gzip (largest set cut in half)": gzip.compress(largest, mtime=0)[: 1 << 20],
        "billion laughs": f'<!DOCTYPE a [<!ENTITY e0 "ha">{laughs}]><Ableton>&e9;</Ableton>'.encode(),
        "nesting 100,000 deep": b"<Ableton><LiveSet>"
        + b"<a>" * 100_000
        + b"</a>" * 100_000
        + b"</LiveSet></Ableton>",
        "gzip bomb, 1 GB inflated (cap 512 MiB)": bomb(1024),
        "largest real set, damaged 20 times": damaged_set(largest, random.Random(5), 20),
        **edited(corpus),
    }


def edited(corpus: Path) -> dict[str, bytes]:
    """The second pass: real sets edited to hold values and structures that once hung or
    exploded, within the decompression cap."""
    small = synth.small_base(corpus)
    packed = {
        "time signature code 2970 (a 100-beat bar)": synth.with_value(
            small, "TimeSignature", "2970"
        ),
        "time signature denominator 2^18": synth.with_value(small, "TimeSignature", "1782"),
        "tempo 1e15": synth.with_value(small, "Tempo", "1e15"),
        "tempo of 4,000 digits": synth.with_value(small, "Tempo", "9" * 4000),
        "pan 1e308": synth.with_value(small, "Pan", "1e308"),
        "two groups naming each other as parent": synth.group_cycle(small),
        "6,000 tracks": synth.many_tracks(small, 6_000),
        "9,000 nested groups": synth.nested_groups(small, 9_000),
        "500,000 locators": synth.many_locators(small, 500_000),
        "1 million locators": synth.many_locators(small, 1_000_000),
        "5 million automation points": synth.many_points(small, 5_000_000),
        "450 MiB of text in one element": small.replace(
            b"</LiveSet>", b"<Buffer>" + b"A" * (450 << 20) + b"</Buffer></LiveSet>", 1
        ),
    }
    return {name: gzip.compress(xml, 1, mtime=0) for name, xml in packed.items()}


def measure(path: Path) -> tuple[int, float, float]:
    run = run_measured(
        [str(ALSLINT), "--no-cache", "--stage", "release", "--format", "json", str(path)]
    )
    return run["exit"], run["seconds"], run["peak_kb"] / 1024


def special_files(folder: Path) -> dict[str, Path]:
    """Files that are no regular file, standing where a set is expected."""
    specials = {}
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.als")
        specials["named pipe as the set"] = folder / "pipe.als"
    if Path("/dev/zero").exists():
        (folder / "zero.als").symlink_to("/dev/zero")
        specials["/dev/zero as the set"] = folder / "zero.als"
    return specials


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    print("| input | exit | seconds | peak MB |\n| --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for name, data in inputs(args.corpus).items():
            path = Path(folder) / "input.als"
            path.write_bytes(data)
            code, seconds, peak = measure(path)
            print(f"| {name} | {code} | {seconds:.2f} | {peak:.0f} |", flush=True)
        for name, path in special_files(Path(folder)).items():
            code, seconds, peak = measure(path)
            print(f"| {name} | {code} | {seconds:.2f} | {peak:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
