"""Long fuzzing run: damage real corpus sets at random and check that alslint never escapes.

    python tests/support/fuzz_sets.py --cases 5000 [--corpus ../shared/corpus] [--seed 1]

Each case damages a real set (delete, duplicate or garble elements, set extreme values, make
group cycles; sometimes cut the gzip stream), then loads it and runs every rule through the
command line. A case fails when anything but alslint's own one-line error escapes, the exit
code is not 0/1/2, a rule crashes (ALS002) or the case takes longer than --timeout seconds
(a hang). Failing cases are written to fuzz-failures/ for reproduction.
The test suite runs a bounded version of this (tests/cli/test_hardening.py).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import random
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus_lookup import CORPUS  # noqa: E402
from damage import damaged_set  # noqa: E402

import alslint  # noqa: E402
from alslint.cli import run  # noqa: E402
from alslint.errors import SetReadError  # noqa: E402


class TooSlow(BaseException):
    """A case ran past --timeout: a hang or a super-linear cost."""


def _too_slow(signum, frame):
    raise TooSlow("took longer than --timeout seconds")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--max-size", type=int, default=400_000, help="only corpus sets up to this many bytes"
    )
    parser.add_argument("--timeout", type=int, default=60, help="seconds a case may take")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _too_slow)
    sets = [
        gzip.decompress(p.read_bytes())
        for p in sorted(args.corpus.glob("*.als"))
        if p.stat().st_size <= args.max_size
    ]
    rng = random.Random(args.seed)
    work = Path("fuzz-failures")
    failures, started = 0, time.monotonic()
    for case in range(args.cases):
        data = damaged_set(rng.choice(sets), rng, rng.randint(1, 8), cut=rng.random() < 0.15)
        path = work / f"case-{args.seed}-{case}.als"
        work.mkdir(exist_ok=True)
        path.write_bytes(data)
        problem = None
        signal.alarm(args.timeout)
        try:
            alslint.load(path)
        except SetReadError:
            pass
        except (Exception, TooSlow) as exc:  # what we are hunting for
            problem = f"load raised {type(exc).__name__}: {exc}"
        out = io.StringIO()
        code = None
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            try:
                if problem is None:
                    code = run(["--no-cache", "--stage", "release", "--format", "json", str(path)])
            except BaseException as exc:
                code, problem = None, f"CLI raised {type(exc).__name__}: {exc}"
        signal.alarm(0)
        if problem is None and code not in (0, 1, 2):
            problem = f"exit code {code}"
        if problem is None and code != 2:
            crashed = [
                f
                for f in json.loads(out.getvalue())["files"][0]["findings"]
                if f["code"] == "ALS002"
            ]
            if crashed:
                problem = crashed[0]["message"]
        if problem:
            failures += 1
            print(f"{path}: {problem}")
        else:
            path.unlink()
    if failures == 0 and work.exists() and not any(work.iterdir()):
        work.rmdir()
    print(f"{args.cases} cases, {failures} failures, {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
