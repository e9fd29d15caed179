"""Several kernels for one batch: each worker thread owns a kernel, started once and reused for every page it
takes, so pages spread over the machine's cores while each pays the kernel's start-up only once.

The threads mostly wait on their kernels (the notebook runs in the kernel's process); turning a run notebook into a
page is the only work they do in this process. Results come back to the caller's thread, which alone keeps the
progress bar, the records and the summary. Ctrl-C interrupts every kernel, lets the pages being written finish or
fail, and shuts the kernels down before it is raised again."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed, wait
from typing import TypeVar

from .kernel import KernelSession
from .requests import ReportRequest

Result = TypeVar("Result")


def default_jobs() -> int:
    """One kernel per core the process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class KernelPool:
    """`jobs` kernels, each in its own thread, started when the thread takes its first page."""

    def __init__(self, jobs: int):
        self.jobs = max(1, jobs)
        self._local = threading.local()
        self._sessions: list[KernelSession] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    def _session(self) -> KernelSession:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = KernelSession(self._stopping).__enter__()
            with self._lock:
                self._sessions.append(session)
        return session

    def run(self, work: Callable[[KernelSession, ReportRequest], Result], requests: list[ReportRequest],
            done: Callable[[ReportRequest, Result | Exception], None]) -> None:
        """Call `done` with each request's result (or the exception its work raised) as pages finish, in the
        caller's thread. On Ctrl-C, `done` still hears of every page that finished before the kernels stopped."""
        executor = ThreadPoolExecutor(max_workers=min(self.jobs, len(requests)) or 1, thread_name_prefix="kernel")
        futures: dict[Future, ReportRequest] = {
            executor.submit(lambda r=request: work(self._session(), r)): request for request in requests}
        reported: set[Future] = set()
        try:
            for future in as_completed(futures):
                reported.add(future)
                done(futures[future], future.exception() or future.result())
        except KeyboardInterrupt:  # the pages being written end (no further cell starts), the rest never start
            self._stopping.set()
            executor.shutdown(wait=False, cancel_futures=True)
            self._interrupt()
            wait(futures)
            for future in set(futures) - reported:
                if not future.cancelled() and future.exception() is None:
                    done(futures[future], future.result())
            raise
        finally:
            executor.shutdown(wait=True)
            self._stop()

    def _interrupt(self) -> None:
        with self._lock:
            for session in self._sessions:
                session.interrupt()

    def _stop(self) -> None:
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            try:
                session.__exit__(None, None, None)
            except Exception:  # noqa: BLE001 (one kernel that will not stop must not keep the others running)
                continue
