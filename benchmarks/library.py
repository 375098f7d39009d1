"""The library view's speed: `alslint status` over a synthetic library, cold and warm.

    python benchmarks/library.py [--corpus ../shared/corpus] [--sets 200] [--jobs 2]

Builds a library in a temporary folder — `--sets` projects, each a copy of a corpus set in
`Song NNN Project/` with `Ableton Project Info/` and two saves in `Backup/` — and runs
`alslint status` over it twice in fresh processes: with an empty cache (cold: every set is
read and linted) and again (warm: nothing changed). Prints sets per second and the peak
memory of the largest process. Nothing is written outside the temporary folder.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure import run_measured  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ALSLINT = Path(sys.executable).parent / "alslint"


def build_library(corpus: Path, folder: Path, count: int) -> int:
    sources = sorted(corpus.glob("*.als"))
    for number in range(count):
        source = sources[number % len(sources)]
        project = folder / f"Song {number:03d} Project"
        (project / "Ableton Project Info").mkdir(parents=True)
        (project / "Backup").mkdir()
        shutil.copyfile(source, project / f"Song {number:03d}.als")
        for backup in ("2024-01-02 101010", "2024-02-03 202020"):
            shutil.copyfile(source, project / "Backup" / f"Song {number:03d} [{backup}].als")
    return len(sources)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--sets", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="alslint-library-") as temp:
        library = Path(temp) / "Projects"
        distinct = build_library(args.corpus, library, args.sets)
        os.environ["ALSLINT_CACHE_DIR"] = str(Path(temp) / "cache")
        command = [str(ALSLINT), "status", str(library), "--isolated", "-j", str(args.jobs)]
        cold = run_measured(command)
        warm = run_measured(command)
    print(
        f"{args.sets} sets ({distinct} distinct corpus sets, {2 * args.sets} backups), "
        f"--jobs {args.jobs}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    for name, run in (("cold", cold), ("warm", warm)):
        print(
            f"{name}: {run['seconds']:.2f} s, {args.sets / run['seconds']:.1f} sets/s, "
            f"peak {run['peak_kb'] / 1024:.0f} MB, exit {run['exit']}"
        )


if __name__ == "__main__":
    main()
