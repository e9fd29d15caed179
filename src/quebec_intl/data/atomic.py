"""Atomic writes: a failed run never leaves a half-written file in place of a good one."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd


def write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path` in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


TMP_SUFFIX = ".tmp"  # a temporary file is `.NAME.PID.RANDOM.tmp`: the process writing it is in its name


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files a killed process left under `folder` (its writes never renamed into place); a
    file whose writer is still running (another render of the same site) is left to it."""
    removed = []
    for tmp in folder.rglob(f".*{TMP_SUFFIX}") if folder.is_dir() else ():
        parts = tmp.name.split(".")
        writer = next((int(part) for part in reversed(parts[:-2]) if part.isdigit()), None)
        if writer is None or running(writer):
            continue
        tmp.unlink(missing_ok=True)
        removed.append(tmp)
    return removed


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process, or a number no process has
        return False
    except PermissionError:  # another user's process
        return True
    return True


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_parquet(path: Path, frame: pd.DataFrame) -> None:
    write_bytes(path, frame.to_parquet(index=False))


@contextlib.contextmanager
def locked(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_file` (made if missing) while the block runs: two processes that read, change
    and write back the same file (a site's manifest, a processed table and its meta file) take turns, so neither
    loses the other's changes. The lock goes with the process, even if it is killed."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
