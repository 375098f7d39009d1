"""Run a command and measure its wall time and peak memory, unaffected by the caller.

Linux keeps a process's peak resident memory across exec, so a child started straight from
a benchmark that holds big sets would inherit the benchmark's peak. The command is started
from a small launcher process instead, and its peak read from the launcher's children.
"""

from __future__ import annotations

import json
import subprocess
import sys

_LAUNCHER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"exit": done.returncode, "seconds": time.perf_counter() - start,
                  "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "stdout": done.stdout}))
"""


def run_measured(argv: list[str]) -> dict:
    """{"exit", "seconds", "peak_kb", "stdout"} of `argv` run in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *argv], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)
