"""Run one function over many sets in forked worker processes, as the lint engine does."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

#: The work of the current run, inherited by the forked workers (closures cannot be pickled).
_WORK = None


def _call(item: tuple[int, Path]):
    index, path = item
    return index, _WORK(path)


def parallel_map(work, files: list[Path], jobs: int, progress) -> list:
    """`work(path)` of every file, in order; `progress(done, total, path)` after each."""
    global _WORK
    if jobs <= 1 or len(files) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for done, path in enumerate(files, start=1):
            results.append(work(path))
            progress(done, len(files), path)
        return results
    _WORK = work
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(files))) as pool:
            by_index = {}
            items = list(enumerate(files))
            for done, (index, result) in enumerate(pool.imap_unordered(_call, items), start=1):
                by_index[index] = result
                progress(done, len(files), files[index])
        return [by_index[i] for i in range(len(files))]
    finally:
        _WORK = None
