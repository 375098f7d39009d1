"""The sample songs, one module each: what every sample set contains.

`SONGS` maps each set's file name to the function that describes it; `build_samples.py`
writes them with livexml.
"""

from __future__ import annotations

from . import clean, demo

SONGS = {"demo.als": demo.build, "clean.als": clean.build}
