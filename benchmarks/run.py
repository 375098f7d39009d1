"""alslint's speed and memory, as ratios against baselines measured in the same run.

    python benchmarks/run.py [--corpus ../shared/corpus] [--repeat 3] [--quick]

Every figure is measured in fresh processes on this machine, now; the targets (README,
"Performance") are ratios, so they hold on any machine:

- floor: decompress a set and parse its XML once with lxml (the physical floor of reading it);
  lint: load it with alslint and run every rule (`--stage release`); time and peak memory
- phases: where lint time goes (read, slim, parse, build, release, rules), next to the floor's
- start-up: `alslint --version` against `python -c "import lxml.etree, pydantic, click"`
- folders: the whole corpus with --jobs 1 against --jobs 2 (no cache)
- cache: the whole corpus again with a warm cache against a cold one
- growth: sets synthesised at 1x, 2x, 4x, 8x a real set (tracks, clips and notes copied),
  linted and read at the floor at each size
- structures: one dimension grown alone, 10x at a time (tracks, group nesting depth,
  locators), built from a small real set (`synth.py`): lint time and peak memory must grow
  at most ~10x per step
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402
from measure import run_measured  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ALSLINT = Path(sys.executable).parent / "alslint"
LARGEST = [
    "live11.0.12__MenkeTechnologies__AbletonLiveTemplates__edmJM@b140f4e1.als",  # 70.7 MB XML, 338k notes
    "live9.7__FrancoCerone__ElektroWaveEP__Ep__Time4you__Time4you.als",  # 48 MB XML
    "live9.7__FrancoCerone__ElektroWaveEP__Ep__Everest__Everest-Radio-Edit.als",  # 137 tracks
]
GROWTH_BASE = "live10.1.30__JonatanWallgren__visby__visby.als"
#: Each structure grown alone, and the counts it is measured at (the largest just under the
#: default cap's 2.1 million parsed tags: a track is ~300 tags, a locator 4).
STRUCTURES = {
    "tracks": (synth.many_tracks, (60, 600, 6_000)),
    "group depth": (synth.nested_groups, (90, 900, 9_000)),
    "locators": (synth.many_locators, (5_000, 50_000, 500_000)),
}

# Each child prints {"seconds": its work time}; its peak memory is measured from outside.
FLOOR_CHILD = """
import gzip, json, sys, time
from lxml import etree
start = time.perf_counter()
with open(sys.argv[1], "rb") as handle:
    root = etree.fromstring(gzip.decompress(handle.read()), etree.XMLParser(huge_tree=True))
seconds = time.perf_counter() - start
# Not part of the floor, reported beside it: freeing the tree. glibc merges the freed blocks
# on the first larger allocation that follows, so that allocation is timed with it.
start = time.perf_counter()
del root
bytearray(1 << 16)
print(json.dumps({"seconds": seconds, "release": time.perf_counter() - start}))
"""
LINT_CHILD = """
import json, sys, time
from pathlib import Path
from alslint.lint import engine
from alslint.lint.config import load_config, resolve_rules
from alslint.lint.registry import collect_rules
config = load_config(None)
job = engine.LintJob(config, resolve_rules(config, collect_rules(), "release"), "release")
start = time.perf_counter()
result = engine.lint_file(Path(sys.argv[1]), job)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "findings": len(result.violations)}))
"""

# lint_file's steps one by one, timed in a fresh process as lint_file runs them.
PHASES_CHILD = """
import gc, json, sys, time
from pathlib import Path
from alslint.als import build, container, slim
from alslint.api import Context
from alslint.lint.config import load_config, resolve_rules
from alslint.lint.registry import collect_rules
config = load_config(None)
settings = resolve_rules(config, collect_rules(), "release")
path = Path(sys.argv[1])
gc.disable()  # as lint_file does
marks = [time.perf_counter()]
data = container.read_bytes(path); marks.append(time.perf_counter())
xml, blocks = slim.slim(data); marks.append(time.perf_counter())
root = container.parse_xml(str(path), xml); marks.append(time.perf_counter())
live_set = build.build_set(root, str(path), blocks); marks.append(time.perf_counter())
del root, xml  # freed when `load` returns; glibc merges the blocks on the next larger allocation
bytearray(1 << 16); marks.append(time.perf_counter())
context = Context(live_set, path)
for setting in settings:
    list(setting.rule().check(live_set, setting.options, context))
marks.append(time.perf_counter())
names = ["read", "slim", "parse", "build", "release", "rules"]
print(json.dumps({name: b - a for name, a, b in zip(names, marks, marks[1:])}))
"""
PHASES = ["read", "slim", "parse", "build", "release", "rules"]


def child(code: str, path: Path) -> dict:
    """Run `code` on `path` in a fresh process; its own report, with the peak measured outside."""
    run = run_measured([sys.executable, "-c", code, str(path)])
    return {**json.loads(run["stdout"]), "peak_kb": run["peak_kb"]}


def best_of(repeat: int, measure) -> dict:
    """Fastest time and lowest peak over `repeat` fresh processes (least disturbed runs)."""
    runs = [measure() for _ in range(repeat)]
    return {"seconds": min(r["seconds"] for r in runs), "peak_kb": min(r["peak_kb"] for r in runs)}


def wall(argv: list[str], repeat: int, env=None) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def row(*cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def floor_vs_lint(corpus: Path, repeat: int) -> list[str]:
    lines = [
        row(
            "set",
            "XML MB",
            "floor s",
            "lint s",
            "time ratio",
            "floor peak MB",
            "lint peak MB",
            "memory ratio",
        ),
        row(*["---"] * 8),
    ]
    for name in LARGEST:
        path = corpus / name
        xml_mb = len(gzip.decompress(path.read_bytes())) / 1e6
        floor = best_of(repeat, lambda: child(FLOOR_CHILD, path))
        lint = best_of(repeat, lambda: child(LINT_CHILD, path))
        lines.append(
            row(
                name[:48],
                f"{xml_mb:.1f}",
                f"{floor['seconds']:.2f}",
                f"{lint['seconds']:.2f}",
                f"{lint['seconds'] / floor['seconds']:.2f}x",
                f"{floor['peak_kb'] / 1024:.0f}",
                f"{lint['peak_kb'] / 1024:.0f}",
                f"{lint['peak_kb'] / floor['peak_kb']:.2f}x",
            )
        )
    return lines


def phases(corpus: Path, repeat: int) -> list[str]:
    """Seconds per step of a lint (fastest of `repeat` fresh processes each), and the floor's."""
    lines = [
        row("set", *PHASES, "sum", "floor", "floor's release"),
        row(*["---"] * (len(PHASES) + 4)),
    ]
    for name in LARGEST:
        path = corpus / name
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", PHASES_CHILD, str(path)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(repeat)
        ]
        steps = {phase: min(run[phase] for run in runs) for phase in PHASES}
        floors = [child(FLOOR_CHILD, path) for _ in range(repeat)]
        lines.append(
            row(
                name[:48],
                *(f"{steps[phase]:.2f}" for phase in PHASES),
                f"{sum(steps.values()):.2f}",
                f"{min(f['seconds'] for f in floors):.2f}",
                f"{min(f['release'] for f in floors):.2f}",
            )
        )
    return lines


def startup(repeat: int) -> list[str]:
    base = wall([sys.executable, "-c", "import lxml.etree, pydantic, click"], repeat * 3)
    version = wall([str(ALSLINT), "--version"], repeat * 3)
    demo = wall(
        [str(ALSLINT), "--no-cache", str(REPO / "sample_projects" / "demo.als")], repeat * 3
    )
    return [
        row("start-up", "seconds", "ratio"),
        row("---", "---", "---"),
        row("python -c 'import lxml.etree, pydantic, click'", f"{base:.3f}", "1.00x"),
        row("alslint --version", f"{version:.3f}", f"{version / base:.2f}x"),
        row("alslint sample_projects/demo.als (end to end)", f"{demo:.3f}", ""),
    ]


def folders_and_cache(corpus: Path, repeat: int) -> list[str]:
    common = [str(ALSLINT), "--stage", "release", "--format", "json", "-o", os.devnull]
    one = wall([*common, "--no-cache", "--jobs", "1", str(corpus)], repeat)
    two = wall([*common, "--no-cache", "--jobs", "2", str(corpus)], repeat)
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "ALSLINT_CACHE_DIR": cache}
        cold = wall([*common, str(corpus)], 1, env)
        warm = wall([*common, str(corpus)], repeat, env)
    count = len(list(corpus.glob("*.als")))
    return [
        row(f"whole corpus ({count} sets)", "seconds", "speed-up"),
        row("---", "---", "---"),
        row("--jobs 1 --no-cache", f"{one:.2f}", "1.00x"),
        row("--jobs 2 --no-cache", f"{two:.2f}", f"{one / two:.2f}x"),
        row("cold cache (first run)", f"{cold:.2f}", ""),
        row("warm cache (nothing changed)", f"{warm:.2f}", f"{cold / warm:.1f}x"),
    ]


def grown_set(xml: bytes, factor: int) -> bytes:
    """The set with every audio/MIDI track (with its clips and notes) present `factor` times."""
    root = etree.fromstring(xml, etree.XMLParser(huge_tree=True))
    tracks = root.find("LiveSet/Tracks")
    originals = [t for t in tracks if t.tag in ("AudioTrack", "MidiTrack")]
    next_id = 1_000_000
    for copy_number in range(1, factor):
        for track in originals:
            duplicate = copy.deepcopy(track)
            duplicate.set("Id", str(next_id))
            next_id += 1
            name = duplicate.find("Name/EffectiveName")
            if name is not None:
                name.set("Value", f"{name.get('Value')} x{copy_number + 1}")
            track.addprevious(duplicate)
    return gzip.compress(etree.tostring(root, xml_declaration=True, encoding="UTF-8"), 6, mtime=0)


def growth(corpus: Path, repeat: int) -> list[str]:
    xml = gzip.decompress((corpus / GROWTH_BASE).read_bytes())
    lines = [
        row(
            "size",
            "XML MB",
            "floor s",
            "lint s",
            "lint / floor",
            "floor / 1x",
            "lint / 1x",
            "peak MB",
            "peak / 1x",
        ),
        row(*["---"] * 9),
    ]
    base = None
    with tempfile.TemporaryDirectory() as folder:
        for factor in (1, 2, 4, 8):
            path = Path(folder) / f"grown-{factor}x.als"
            data = grown_set(xml, factor)
            path.write_bytes(data)
            floor = best_of(repeat, lambda: child(FLOOR_CHILD, path))
            lint = best_of(repeat, lambda: child(LINT_CHILD, path))
            base = base or {"floor": floor, "lint": lint}
            lines.append(
                row(
                    f"{factor}x",
                    f"{len(gzip.decompress(data)) / 1e6:.0f}",
                    f"{floor['seconds']:.2f}",
                    f"{lint['seconds']:.2f}",
                    f"{lint['seconds'] / floor['seconds']:.2f}x",
                    f"{floor['seconds'] / base['floor']['seconds']:.2f}",
                    f"{lint['seconds'] / base['lint']['seconds']:.2f}",
                    f"{lint['peak_kb'] / 1024:.0f}",
                    f"{lint['peak_kb'] / base['lint']['peak_kb']:.2f}",
                )
            )
    return lines


def structures(corpus: Path, repeat: int) -> list[str]:
    """Lint time and peak memory as one structure grows 10x per step."""
    base = synth.small_base(corpus)
    lines = [
        row("structure", "count", "XML MB", "lint s", "time / previous", "peak MB"),
        row(*["---"] * 6),
    ]
    with tempfile.TemporaryDirectory() as folder:
        for name, (build, counts) in STRUCTURES.items():
            previous = None
            for count in counts:
                path = Path(folder) / f"{name}-{count}.als"
                xml = build(base, count)
                path.write_bytes(gzip.compress(xml, 1, mtime=0))
                lint = best_of(repeat, lambda: child(LINT_CHILD, path))
                ratio = f"{lint['seconds'] / previous:.1f}x" if previous else "–"
                previous = lint["seconds"]
                lines.append(
                    row(
                        name,
                        f"{count:,}",
                        f"{len(xml) / 1e6:.0f}",
                        f"{lint['seconds']:.2f}",
                        ratio,
                        f"{lint['peak_kb'] / 1024:.0f}",
                    )
                )
                path.unlink()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="only the largest sets and start-up")
    parser.add_argument(
        "--structures", action="store_true", help="only the structures grown one at a time"
    )
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus} (use --corpus)", file=sys.stderr)
        return 2
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, lxml {etree.__version__}; "
        f"load average {os.getloadavg()[0]:.1f}\n"
    )
    if args.structures:
        print("\n".join(structures(args.corpus, args.repeat)))
        return 0
    sections = [
        floor_vs_lint(args.corpus, args.repeat),
        phases(args.corpus, args.repeat),
        startup(args.repeat),
    ]
    if not args.quick:
        sections += [
            folders_and_cache(args.corpus, args.repeat),
            growth(args.corpus, args.repeat),
            structures(args.corpus, args.repeat),
        ]
    print("\n\n".join("\n".join(lines) for lines in sections))
    return 0


if __name__ == "__main__":
    sys.exit(main())
