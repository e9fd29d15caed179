"""Several kernels for one batch: each worker thread owns a kernel, started once and reused for every page it
takes, so pages spread over the machine's cores while each pays the kernel's start-up only once.

The threads mostly wait on their kernels (the notebook runs in the kernel's process); turning a run notebook into a
page is the only work they do in this process. Results come back to the caller's thread, which alone keeps the
progress bar, the records and the summary. Ctrl-C starts no further page or cell, gives the cells running a few
seconds to end (a kernel is not sent the signal: outside a cell it would print an error of its own), reports the
pages that were written, and stops the kernels before it is raised again. Workers are daemon threads: one whose
kernel never answers cannot keep the command from exiting."""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import signal
import threading
from collections.abc import Callable
from typing import TypeVar

from .. import settings
from .kernel import KernelSession
from .requests import ReportRequest

Result = TypeVar("Result")
WIND_DOWN_SECONDS = 15  # after Ctrl-C, how long the pages being written may take to end

# Kernels a batch leaves for the next batch of the same process, when asked (`keep_kernels`), by the environment
# they started in: the settings a page follows are passed to the kernel page by page, anything else must be alike.
_IDLE: dict[tuple, list[KernelSession]] = {}
_KEEP = threading.Event()


def keep_kernels(keep: bool = True) -> None:
    """Keep each batch's kernels for the next batch of this process (a test session, a notebook or a benchmark that
    renders several batches): a kernel starts once instead of once a batch. The command line renders one batch and
    does not keep them."""
    if keep:
        _KEEP.set()
    else:
        _KEEP.clear()
        stop_kept_kernels()


def stop_kept_kernels() -> None:
    for sessions in list(_IDLE.values()):
        while sessions:
            with contextlib.suppress(Exception):
                sessions.pop().__exit__(None, None, None)
    _IDLE.clear()


atexit.register(stop_kept_kernels)


KERNEL_SETTINGS = ("QUEBEC_INTL_", "PYTHON", "VIRTUAL_ENV", "PATH")  # names (or their starts) a kernel's run depends on


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)  # Ctrl-C, and `kill` or a service manager: both keep finished pages


@contextlib.contextmanager
def _ctrl_c_asks_to_stop():
    """While a batch runs in the main thread, Ctrl-C (or SIGTERM) sets the event it yields instead of raising wherever
    the main thread happens to be (between taking a finished page and counting it, say). Elsewhere (a worker thread, or
    SIGINT ignored as by a process started in the background) nothing changes."""
    asked = threading.Event()
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) in (
        signal.SIG_IGN,
        None,
    ):
        yield asked
        return
    previous = {number: signal.signal(number, lambda *_: asked.set()) for number in STOP_SIGNALS}
    try:
        yield asked
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _environment() -> tuple:
    """What a kept kernel must share with this process to render its pages: the project's settings but for those a
    page passes it, Python's own (its path, its virtual environment), and the notebooks' folder it started in. The
    rest of the environment (a test runner's name for the current test, say) does not change a page."""
    kept = sorted(
        (name, value)
        for name, value in os.environ.items()
        if name.startswith(KERNEL_SETTINGS) and name not in settings.PAGE_SETTINGS
    )
    return (*kept, ("notebooks", str(settings.notebooks_dir())))


def default_jobs() -> int:
    """One kernel per core the process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def kernel_count(jobs: int | None, pages: int) -> tuple[int, str | None]:
    """The kernels a batch starts: `jobs` (default one per core), never more than the cores (each kernel takes a core
    and hundreds of MB: more only compete for them) nor the pages; a `jobs` above the cores is said in one line."""
    cores = default_jobs()
    note = None
    if jobs is not None and jobs > cores:
        note = f"--jobs {jobs} is more than the {cores} core(s) this process may use: at most {cores} kernel(s)"
    return max(1, min(jobs or cores, cores, pages)), note


_NO_MORE = object()  # handed to the finishing thread after the last page the kernels ran, on Ctrl-C


class KernelPool:
    """`jobs` worker threads, each with its own kernel, started when the thread takes its first page."""

    def __init__(self, jobs: int):
        self.jobs = max(1, jobs)
        self._sessions: dict[threading.Thread, KernelSession] = {}
        self._busy: set[threading.Thread] = set()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._interrupted = False  # Ctrl-C: no kernel is kept, whatever was asked
        self._publishing = threading.Lock()  # held while a page is written and handed back; the gate closes under it
        self._closed = False  # Ctrl-C, once counted: no page is written any more

    def run(
        self,
        work: Callable[[KernelSession, ReportRequest], object],
        requests: list[ReportRequest],
        done: Callable[[ReportRequest, Result | Exception], None],
        finish: Callable[[ReportRequest, object], Result] | None = None,
    ) -> None:
        """Call `done` with each request's result (or the exception raised for it) as pages finish, in the caller's
        thread. `work` runs in the thread that owns a kernel; `finish`, when given, turns its outcome into the result
        in one finishing thread, so that the kernel takes its next page meanwhile (a page's export is work of this
        process, not the kernel's). On Ctrl-C, `done` hears of every page finished before the kernels stopped, and of
        no other: a page is finished and reported as one step, and Ctrl-C only asks the loop to stop between pages."""
        todo: queue.SimpleQueue = queue.SimpleQueue()
        results: queue.SimpleQueue = queue.SimpleQueue()
        finishing: queue.SimpleQueue = queue.SimpleQueue()
        for request in requests:
            todo.put(request)
        handoff = finishing if finish else results
        kernels = [
            threading.Thread(target=self._work, args=(work, todo, handoff), daemon=True, name=f"kernel-{n}")
            for n in range(min(self.jobs, len(requests)))
        ]
        finisher = threading.Thread(
            target=self._finish, args=(finish, finishing, results, len(requests)), daemon=True, name="finishing"
        )
        for worker in [*kernels, finisher] if finish else kernels:
            worker.start()
        try:
            with _ctrl_c_asks_to_stop() as asked:
                reported = 0
                while reported < len(requests) and not asked.is_set():
                    with contextlib.suppress(queue.Empty):
                        request, outcome = results.get(timeout=0.2)
                        reported += 1
                        done(request, outcome)
                if asked.is_set():
                    self._wind_down(kernels, finisher if finish else None, finishing, results, done)
                    raise KeyboardInterrupt
        finally:
            self._stopping.set()
            self._stop()

    def _wind_down(self, kernels, finisher, finishing, results, done) -> None:
        """After Ctrl-C: no page starts; the pages running end within the wind-down, those the kernels ran are
        finished, then the gate closes (waiting for the page being written, if any), so that every page written is
        in `results` and reported, and none is written after the count."""
        self._interrupted = True
        self._stopping.set()
        for worker in kernels:
            worker.join(WIND_DOWN_SECONDS / len(kernels))
        if finisher is not None:
            finishing.put(_NO_MORE)
            finisher.join(WIND_DOWN_SECONDS)
        with self._publishing:
            self._closed = True
        while not results.empty():
            request, outcome = results.get()
            if not isinstance(outcome, Exception):
                done(request, outcome)

    def _work(self, work, todo: queue.SimpleQueue, results: queue.SimpleQueue) -> None:
        thread = threading.current_thread()
        while not self._stopping.is_set():
            try:
                request = todo.get_nowait()
            except queue.Empty:
                return
            with self._lock:
                self._busy.add(thread)
            try:
                results.put((request, work(self._session(thread), request)))
            except Exception as exc:  # a page's failure is reported for that page alone
                results.put((request, exc))
            finally:
                with self._lock:
                    self._busy.discard(thread)

    def _finish(self, finish, finishing: queue.SimpleQueue, results: queue.SimpleQueue, count: int) -> None:
        """Each page its kernel has run, finished in turn; a page that failed in its kernel passes through. Writing a
        page and handing it back is one step under the gate, so that a page on disk is always a page reported."""
        for _ in range(count):
            handed = finishing.get()
            if handed is _NO_MORE:
                return
            request, outcome = handed
            with self._publishing:
                if self._closed:
                    return
                if isinstance(outcome, Exception):
                    results.put((request, outcome))
                    continue
                try:
                    results.put((request, finish(request, outcome)))
                except Exception as exc:  # a page's failure is reported for that page alone
                    results.put((request, exc))

    def _session(self, thread: threading.Thread) -> KernelSession:
        session = self._sessions.get(thread)
        if session is None:
            session = self._kept() or KernelSession(self._stopping).__enter__()
            with self._lock:
                self._sessions[thread] = session
        return session

    def _kept(self) -> KernelSession | None:
        """A kernel an earlier batch of this process left, alive and started in the same environment."""
        with self._lock:
            idle = _IDLE.get(_environment(), [])
            while idle:
                session = idle.pop()
                if session.km.is_alive():
                    session.stopping = self._stopping
                    return session
        return None

    def _stop(self) -> None:
        """Stop every kernel. A worker still waiting on its kernel keeps its client (closing it under the thread is
        unsafe); its kernel process is killed, and the daemon thread ends with the command."""
        with self._lock:
            sessions, self._sessions = dict(self._sessions), {}
            busy = set(self._busy)
        for thread, session in sessions.items():
            if _KEEP.is_set() and not self._interrupted and thread not in busy and session.km.is_alive():
                _IDLE.setdefault(_environment(), []).append(session)
                continue
            try:
                session.kill() if thread in busy else session.__exit__(None, None, None)
            except Exception:  # one kernel that will not stop must not keep the others running
                continue
