"""`quebec-intl update`: ask, fetch what is new (data.update), rebuild the tables, re-render only the pages whose
recorded inputs changed, write the "what's new" page and say what changed. `--check` only asks.

Exit statuses (also in the README): 0 nothing new (or updated), NEWER (3) with `--check` when a service has a newer
release, 2 for a failure (nothing changed)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import settings
from ..analysis.formatting import LANGS
from ..data import fetch, pipeline, sources
from ..data import update as data_update
from ..errors import QuebecIntlError
from ..reports import registry
from . import manifest, site_index, whatsnew
from . import requests as pages
from .batch import render_batch
from .incremental import InputsNow

NEWER = 3  # `update --check`: a service has a release newer than what the product holds


@dataclass
class Outcome:
    lines: list[str] = field(default_factory=list)
    newer: bool = False
    failed: list[str] = field(default_factory=list)


def _offer_line(offer: data_update.Offer) -> str:
    state = "newer release" if offer.newer else "nothing new"
    return f"{offer.source_id}: {state} (held {offer.held}; offered {offer.offered})"


def _asked() -> tuple[list[data_update.Offer], Outcome]:
    offers = data_update.check()
    return offers, Outcome([_offer_line(o) for o in offers], newer=any(o.newer for o in offers))


def check() -> Outcome:
    """What each service offers against what is held; nothing downloaded."""
    return _asked()[1]


def _changed_inputs(records: dict[str, manifest.PageRecord], inputs: InputsNow) -> dict[str, list[str]]:
    """Each recorded page whose tables or sources are not what they were, with what changed."""
    changed = {}
    for page, record in records.items():
        why = [name for name, fingerprint in (record.tables or {}).items() if inputs.table(name) != fingerprint]
        why += [e["id"] for e in record.sources if inputs.at_hand(e["id"]) and inputs.source(e["id"]) != e]
        if record.data_basis is not None and not record.same_basis(inputs.basis):
            why.append("the site's trade sources")
        if why:
            changed[page] = why
    return changed


def _requests(records: dict[str, manifest.PageRecord]) -> list[pages.ReportRequest]:
    """The pages on the site, asked again as they were made (a page the data no longer makes is left as it is)."""
    asked = []
    for record in records.values():
        given = {k: v for k, v in record.parameters.items() if k != "lang"}
        try:
            asked.append(pages.request(record.kind, given, record.lang))
        except QuebecIntlError:  # a page whose subject the data no longer has is not the update's to remove
            continue
    return asked


def run(reports_dir: Path | None = None, jobs: int | None = None) -> Outcome:
    """The whole update; a failed or wrong answer raises before anything is kept (exit status 2)."""
    start = time.perf_counter()
    offers, outcome = _asked()
    if not outcome.newer:
        outcome.lines.append(f"nothing new: every source is current ({time.perf_counter() - start:.1f} s)")
        return outcome
    reports_dir = reports_dir or settings.reports_dir()
    old = pipeline.load(data_update.MONTHLY_TABLE) if pipeline.can_load(data_update.MONTHLY_TABLE) else None
    old_meta = pipeline.meta(data_update.MONTHLY_TABLE) if old is not None else None
    fetched = data_update.fetch_new(offers)  # raises, keeping nothing, on any failed or wrong answer
    if not fetched.staged.folders:
        outcome.lines.append("nothing new was kept: the services' newer releases held no new file")
        return outcome
    provenance = dict(fetched.staged.provenance)
    kept = fetched.staged.commit()
    date = min(folder.name for folder in kept.values())
    for source_id, folder in kept.items():
        outcome.lines.append(f"kept {source_id}: new vintage {folder}")
    update = whatsnew.Update(date, bts_months=fetched.new_bts_months)
    if fetched.monthly is not None:
        update.monthly = pipeline.load(data_update.MONTHLY_TABLE)  # rebuilt from the new vintage
        if old is not None:
            outcome.lines += _monthly_changes(update, old, old_meta, kept, provenance)
    if data_update.RATES_SOURCE in kept:
        update.rates_year = next(o.offered for o in offers if o.source_id == data_update.RATES_SOURCE)
    update.sources = [
        {"source_id": sid, "release": provenance[sid].get("release_time", ""), "retrieved": folder.name}
        for sid, folder in kept.items()
    ]
    lines, outcome.failed, update.bulletin_month = _rerender(reports_dir, jobs)
    outcome.lines += lines
    written = whatsnew.write(update, reports_dir)
    site_index.write(reports_dir)
    outcome.lines.append(f"what's new: {', '.join(str(p) for p in written)}")
    outcome.lines.append(f"update done in {time.perf_counter() - start:.1f} s")
    return outcome


def _monthly_changes(
    update: whatsnew.Update, old: pd.DataFrame, old_meta: dict, kept: dict[str, Path], provenance: dict
) -> list[str]:
    """The new months and the revised cells of table 12-10-0175-01, kept as a table with both vintages, and said."""
    new = update.monthly
    update.new_months = data_update.new_months(old, new)
    update.revisions = cells = data_update.revisions(old, new)
    old_source_id, old_file = next(iter(old_meta["sources"].items()))
    data_update.keep_revisions(
        cells,
        {
            "source_a": old_source_id,
            "vintage_a": fetch.vintage_of(sources.get(old_source_id), Path(old_file["file"])),
            "source_b": data_update.MONTHLY_SOURCE,
            "vintage_b": kept[data_update.MONTHLY_SOURCE].name,
            "release_time": provenance[data_update.MONTHLY_SOURCE]["release_time"],
        },
    )
    months = ", ".join(f"{y}-{m:02d}" for y, m in update.new_months) or "none"
    lines = [
        f"table 12-10-0175-01: {len(update.new_months)} new month(s) ({months}), {len(cells)} revised cell(s) "
        f"(kept in {data_update.revisions_path()})"
    ]
    return lines + [
        f"  revised {r.ref_year}-{r.ref_month:02d} {r.reporter_code} {r.partner_code} {r.flow} "
        f"{r.product_section_code}: {r.old_value_cad:,.0f} -> {r.new_value_cad:,.0f} ({r.difference_cad:+,.0f})"
        for r in whatsnew.that_matter(cells).head(10).itertuples()
    ]


def _rerender(reports_dir: Path, jobs: int | None) -> tuple[list[str], list[str], str]:
    """Rebuild the tables, then render again the pages of the site whose recorded inputs changed (the batch keeps
    the others), and the latest month's bulletin (a new month's is a new page), saying how many and why; the
    bulletin's month, when it is on the site."""
    for table in pipeline.BUILDS:
        if pipeline.can_load(table):
            pipeline.load(table)
    records = manifest.read(reports_dir)
    if not records:
        return ["no page on the site yet: `quebec-intl render --all` makes them"], [], ""
    from ..data import trade

    changed = _changed_inputs(records, InputsNow(trade.data_basis()))
    langs = [lang for lang in LANGS if any(record.lang == lang for record in records.values())]  # the site's
    bulletins = [pages.request("bulletin", given, lang) for given in _latest_bulletin() for lang in langs]
    new = [request for request in bulletins if request.page not in records]
    result = render_batch([*_requests(records), *new], reports_dir, progress=False, jobs=jobs)
    why = Counter(name for names in changed.values() for name in set(names))
    reasons = ", ".join(f"{name} ({count} page(s))" for name, count in why.most_common())
    made = {reports_dir / request.page for request in new} & set(result.rendered)
    again = [page for page in result.rendered if page not in made]
    lines = [f"re-rendered {len(again)} page(s) whose recorded inputs changed: {reasons or 'none'}"]
    if made:
        lines.append(f"made the latest month's bulletin: {', '.join(sorted(str(page) for page in made))}")
    lines.append(result.summary())
    on_site = [r.parameters["month"] for r in bulletins if (reports_dir / r.page).is_file()]
    return lines, [reason for _, reason in result.failed], on_site[0] if on_site else ""


def _latest_bulletin() -> list[dict]:
    """The latest month's bulletin, as `render --all` makes it (none without the monthly table)."""
    return registry.kind("bulletin").suite_pages().pages
