#!/usr/bin/env python3
"""Write the sample Live sets (`demo.als`, `clean.als`) next to this script, and the
samples `clean.als` plays (`Samples/Imported/*.wav`, tiny 8-bit mono files).

    python sample_projects/build_samples.py [OUTPUT_DIR]

What each set contains is in `songs/` (one module per set); `livexml/` writes them in
the schema Ableton Live 12.3 writes. Output is deterministic: the same bytes on every run
and platform (see `livexml.xml.gzip_like_live` and `songs/synth.py`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from livexml import write
from songs import SONGS


def build_all(out_dir: str | Path) -> dict[str, int]:
    """Write every sample set and the sample files they bring; {file: size in bytes}."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, build in SONGS.items():
        live_set = build()
        written[name] = write(live_set, out_dir / name)
        for sample in live_set.written_samples():
            target = out_dir / sample.relative_path
            target.parent.mkdir(parents=True, exist_ok=True)
            data = sample.wav_bytes()
            target.write_bytes(data)
            written[sample.relative_path] = len(data)
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    for name, size in build_all(out_dir).items():
        print(f"wrote {out_dir / name} ({size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
