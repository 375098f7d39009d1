"""The progress line of long runs: on stderr, only for a person at a terminal."""

from __future__ import annotations

import os
import shutil
import sys

from ..safetext import shown


def progress_reporter(min_total: int = 2):
    """`report(done, total, path)`: `[12/101] path` on stderr, erased at the end; nothing in
    pipes, files or CI logs, nor for runs of fewer than `min_total` sets."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return lambda done, total, path: None

    def report(done: int, total: int, path) -> None:
        if total < min_total:
            return
        line = f"[{done}/{total}] {shown(str(path))}"
        sys.stderr.write("\r\x1b[K" + line[: shutil.get_terminal_size().columns - 1])
        if done == total:
            sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()

    return report
