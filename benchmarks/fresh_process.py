"""Running one approach of a benchmark in a fresh Python process, so that its peak memory is its own."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path


def measure(script: str, approach: str, target: Path) -> dict:
    """`script --run APPROACH TARGET` in a new process; its last line of output is the JSON it measured."""
    output = subprocess.run(
        [sys.executable, script, "--run", approach, str(target)], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def peak_mb() -> float:
    """This process's peak resident memory so far, in megabytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
