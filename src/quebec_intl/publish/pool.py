"""Several kernels for one batch, over `concurrent.futures`: each worker thread of a pool owns a kernel, started when it
takes its first subject and reused for every page after, so that pages spread over the machine's cores while each
pays the kernel's start-up once. A worker takes a subject's pages (a kind's page in each language) together and runs
them one after the other, so that the second reuses the figures of the first. One more thread turns each notebook its
kernel ran into a page (work of this process, not the kernel's) while the kernel takes its next page.

The caller's thread alone hears of the results, page by page (the progress bar, the records, the summary). Ctrl-C
(or SIGTERM) starts no further page, gives the pages running `kernel.WIND_DOWN_SECONDS` to end (a kernel is not sent
the signal: outside a cell it would print an error of its own), finishes those the kernels ran, reports them, and
stops the kernels before it is raised again."""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import signal
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from .. import settings
from .kernel import POLL_SECONDS, KernelSession
from .requests import ReportRequest

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)  # Ctrl-C, and `kill` or a service manager: both keep finished pages
KERNEL_SETTINGS = ("QUEBEC_INTL_", "PYTHON", "VIRTUAL_ENV", "PATH")  # names (or their starts) a kernel's run depends on

# Kernels a batch leaves for the next batch of the same process, when asked (`keep_kernels`: a test session renders
# dozens of batches), by the environment they started in: the settings a page follows are passed to the kernel page
# by page, anything else must be alike.
_IDLE: dict[tuple, list[KernelSession]] = {}
_KEEP = threading.Event()


def keep_kernels(keep: bool = True) -> None:
    """Keep each batch's kernels for the next batch of this process: a kernel starts once instead of once a batch.
    The command line renders one batch and does not keep them."""
    if keep:
        _KEEP.set()
    else:
        _KEEP.clear()
        stop_kept_kernels()


def stop_kept_kernels() -> None:
    _stop_all([session for sessions in _IDLE.values() for session in sessions])
    _IDLE.clear()


def _stop_all(sessions: list[KernelSession]) -> None:
    """The kernels stopped all at once (each stop waits for its process to end), or one after the other once the
    interpreter is exiting (no thread can be started then); one that will not stop does not keep the others running."""

    def stop(session: KernelSession) -> None:
        with contextlib.suppress(Exception):
            session.__exit__(None, None, None)

    try:
        with ThreadPoolExecutor(max(1, len(sessions)), thread_name_prefix="stopping") as stopping:
            list(stopping.map(stop, sessions))
    except RuntimeError:  # "cannot schedule new futures after interpreter shutdown": the exit's own stop
        for session in sessions:
            stop(session)


atexit.register(stop_kept_kernels)


def _environment() -> tuple:
    """What a kept kernel must share with this process to render its pages: the project's settings but for those a
    page passes it, Python's own (its path, its virtual environment), and the notebooks' folder it started in."""
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


# A kernel's start and first page (the interpreter, pandas, Altair, the package, the tables) cost as much as some
# twenty pages (benchmarks/render_reports.py: 6 s against 0.3 s): without `--jobs`, a batch starts another kernel only
# for this many pages more: a page in both languages takes one kernel, as fast as two (France's: 4.9 s either way) for
# a fifth less work.
PAGES_PER_KERNEL = 8


def kernel_count(jobs: int | None, pages: int, subjects: int) -> tuple[int, str | None]:
    """The kernels a batch starts: `jobs` (default one per core, and one per PAGES_PER_KERNEL pages), never more than
    the cores (each kernel takes a core and hundreds of MB: more only compete for them) nor the `subjects` (each
    kernel renders a subject's pages one after the other: `by_subject`); a `jobs` above the cores
    is said in one line."""
    cores = default_jobs()
    note = None
    if jobs is not None and jobs > cores:
        note = f"--jobs {jobs} is more than the {cores} core(s) this process may use: at most {cores} kernel(s)"
    wanted = jobs or -(-pages // PAGES_PER_KERNEL)
    return max(1, min(wanted, cores, subjects)), note


def by_subject(requests: list[ReportRequest]) -> list[list[ReportRequest]]:
    """The requests by page but for its language (a kind's page on one subject), in the order of their first request:
    a kernel renders them one after the other, so that the second language reuses the figures of the first
    (`pipeline.reused_by_next_page`), which a page in another kernel could not."""
    subjects: dict[tuple[str, str], list[ReportRequest]] = {}
    for request in requests:
        subjects.setdefault((request.kind, request.slug), []).append(request)
    return list(subjects.values())


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


class Kernels:
    """The kernels of one batch: one per worker thread, started (or taken from those kept) on its first page."""

    def __init__(self, stopping: threading.Event):
        self.stopping = stopping
        self.started: list[KernelSession] = []
        self._own = threading.local()

    def session(self) -> KernelSession:
        session = getattr(self._own, "session", None)
        if session is None:
            session = self._kept() or KernelSession(self.stopping).__enter__()
            self.started.append(session)
            self._own.session = session
        return session

    def _kept(self) -> KernelSession | None:
        """A kernel an earlier batch of this process left, alive and started in the same environment."""
        idle = _IDLE.get(_environment(), [])
        while idle:
            with contextlib.suppress(IndexError):  # another worker took it
                session = idle.pop()
                if session.km.is_alive():
                    session.stopping = self.stopping
                    return session
        return None

    def stop(self) -> None:
        """Every kernel stopped, or kept for the next batch when asked (never after Ctrl-C). Called once the workers
        are done: no thread is using a client any more."""
        kept = [s for s in self.started if _KEEP.is_set() and not self.stopping.is_set() and s.km.is_alive()]
        _IDLE.setdefault(_environment(), []).extend(kept)
        _stop_all([session for session in self.started if session not in kept])


def run_batch(
    subjects: list[list[ReportRequest]],
    jobs: int,
    run: Callable[..., object],
    finish: Callable[[ReportRequest, object], object],
    done: Callable[[ReportRequest, object], None],
) -> None:
    """Each subject's pages (`by_subject`) in one kernel's thread, one after the other: `run(session, request,
    follows)` (`follows`: the page comes right after its subject's page in another language, in this kernel), then,
    as each is run, `finish(request, ran)` in the finishing thread while the kernel takes its next page; `done(request,
    result or exception)` in the caller's thread as each page is finished. On Ctrl-C, `done` hears of every page
    finished before the kernels stopped, and of no other, then KeyboardInterrupt is raised."""
    stopping = threading.Event()
    kernels = Kernels(stopping)
    running = ThreadPoolExecutor(max(1, jobs), thread_name_prefix="kernel")
    finishing = ThreadPoolExecutor(1, thread_name_prefix="finishing")
    handed: queue.SimpleQueue[tuple[Future, ReportRequest]] = queue.SimpleQueue()
    finished: dict[Future, ReportRequest] = {}

    def hand_on(request: ReportRequest, outcome: object) -> None:
        """In a kernel's thread, as soon as a page is run (or failed to run: the finishing step raises it)."""
        handed.put((finishing.submit(_finishing, finish, request, outcome), request))

    def newly_handed() -> set[Future]:
        new = set()
        while not handed.empty():  # this thread alone takes from it
            future, request = handed.get_nowait()
            finished[future] = request
            new.add(future)
        return new

    try:
        ran = {running.submit(_run_pages, run, kernels, pages, hand_on) for pages in subjects}
        pending = set(ran)
        with _ctrl_c_asks_to_stop() as asked:
            while pending and not asked.is_set():
                ready, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                pending |= newly_handed()  # a subject's pages are handed on before its future is done
                for future in ready:
                    if future in ran:
                        future.result()  # none expected: each page's failure is its own
                    else:
                        done(finished[future], future.exception() or future.result())
            if asked.is_set():  # no page starts; those running end (or their kernels stop); those ran are finished
                stopping.set()
                running.shutdown(wait=True, cancel_futures=True)
                finishing.shutdown(wait=True)
                for future in (pending | newly_handed()) - ran:
                    if future.exception() is None:
                        done(finished[future], future.result())
                raise KeyboardInterrupt
    except BaseException:
        stopping.set()
        raise
    finally:
        running.shutdown(wait=True, cancel_futures=True)
        finishing.shutdown(wait=True)
        kernels.stop()


def _run_pages(
    run: Callable[..., object],
    kernels: Kernels,
    pages: list[ReportRequest],
    hand_on: Callable[[ReportRequest, object], None],
) -> None:
    """A subject's pages in this thread's kernel, one after the other, each handed on as it is run (its run, or the
    exception that stopped it: the next page is still tried); none starts once the batch is stopping."""
    for index, request in enumerate(pages):
        if kernels.stopping.is_set():
            return
        try:
            outcome = run(kernels.session(), request, follows=index > 0)
        except Exception as exc:  # a page's failure is its own, reported with it
            outcome = exc
        hand_on(request, outcome)


def _finishing(finish: Callable[[ReportRequest, object], object], request: ReportRequest, outcome: object) -> object:
    if isinstance(outcome, Exception):
        raise outcome
    return finish(request, outcome)
