"""How a batch spreads its pages over kernels (publish/pool.py), with a stand-in for the kernel: a subject's pages in
every language run one after the other in one kernel, so that the second reuses the figures of the first."""

from __future__ import annotations

import threading

from quebec_intl.publish import pool
from quebec_intl.publish.requests import ReportRequest


class StandInKernel:
    """Takes a kernel's place: `run` records which one ran each page."""

    def __init__(self, stopping: threading.Event):
        self.km, self.stopping = self, stopping

    def __enter__(self) -> StandInKernel:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def is_alive(self) -> bool:
        return False


def requests(slugs: tuple[str, ...], langs: tuple[str, ...]) -> list[ReportRequest]:
    return [ReportRequest("partner", {"partner": slug, "lang": lang}, lang, slug) for lang in langs for slug in slugs]


def test_a_subjects_pages_run_one_after_the_other_in_one_kernel_and_a_failure_stays_its_pages(monkeypatch):
    monkeypatch.setattr(pool, "KernelSession", StandInKernel)
    asked = requests(("aus", "bel", "bra", "che", "chn"), ("fr", "en"))  # every French page, then every English one
    ran: list[tuple[object, str]] = []
    both_started = threading.Barrier(2, timeout=60)  # each kernel's first page waits for the other's

    followed: list[str] = []

    def run(session: StandInKernel, request: ReportRequest, follows: bool) -> str:
        if all(session is not earlier for earlier, _ in ran):
            both_started.wait()
        ran.append((session, request.page))
        if follows:
            followed.append(request.page)
        if request.page == "fr/partner/bel.html":
            raise RuntimeError("the kernel could not start")
        return request.page

    outcomes: dict[str, object] = {}
    pool.run_batch(
        pool.by_subject(asked),
        2,
        run,
        lambda _request, page: page,
        lambda request, got: outcomes.setdefault(request.page, got),
    )

    assert sorted(outcomes) == sorted(r.page for r in asked)
    assert isinstance(outcomes.pop("fr/partner/bel.html"), RuntimeError)
    assert all(page == got for page, got in outcomes.items())  # the English page of the same subject still ran
    assert sorted(followed) == sorted(r.page for r in asked if r.lang == "en")  # may reuse the French page's figures
    for slug in ("aus", "bel", "bra", "che", "chn"):
        first = ran.index(next(entry for entry in ran if entry[1] == f"fr/partner/{slug}.html"))
        later = [page for session, page in ran[first + 1 :] if session is ran[first][0]]
        assert later[:1] == [f"en/partner/{slug}.html"], ran


def test_by_subject_keeps_the_order_of_each_subjects_first_page():
    grouped = pool.by_subject(requests(("usa", "fra"), ("en", "fr")) + requests(("deu",), ("fr",)))
    assert [[r.page for r in pages] for pages in grouped] == [
        ["en/partner/usa.html", "fr/partner/usa.html"],
        ["en/partner/fra.html", "fr/partner/fra.html"],
        ["fr/partner/deu.html"],
    ]
