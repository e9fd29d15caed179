"""How a page cites the sources of its figures: each by its official citation, linked to the publisher's page of the
table in the page's language, with when its data was released and retrieved, and followed by what its figures mean
that a reader must know."""

from __future__ import annotations

from collections.abc import Iterable

from ..analysis import narrative
from ..data import fetch
from ..data import sources as registry
from ..data.sources import Source
from ..visual.blocks import Cited, Note, Section
from .context import ReportContext


def cited(source: Source, ctx: ReportContext, title: str | None = None) -> Cited:
    """The source's citation, linked to the publisher's page of the table in the page's language, with when the copy
    read was released and retrieved; a copy that could not be verified (fetch.verified) is said to be so, beside the
    citation: every file a page stands on is verified, or the page says it is not."""
    sentence = narrative.source_sentence(source, ctx.lang, title)
    if fetch.unverified_at_hand(source):
        sentence = f"{sentence} {ctx.t('sources.unverified_copy')}"
    return Cited(" ".join(filter(None, (sentence, dates(source, ctx)))), source.link(ctx.lang))


def dates(source: Source, ctx: ReportContext) -> str:
    """When the copy the page read was released by its publisher and retrieved, from its provenance (the download's
    record, the snapshot's, or the registry's for a mirror), after its last period where the registry's coverage does
    not give it (a download `update` made); "" for the project's own transcriptions, whose rows carry their own
    dates."""
    if source.path:
        return ""
    try:
        record = fetch.copy_record(source, fetch.copy_at_hand(source))
    except fetch.SourceUnavailable:
        record = {"released": source.released, "retrieved": source.retrieved}
    said = narrative.dates_sentence(record["released"], record["retrieved"], ctx.lang)
    period = record.get("data_to", "")
    if period and period != source.data_to:  # a download's last period, which the registry's coverage cannot say
        said = f"{narrative.period_sentence(period, ctx.lang)} {said}"
    return said


def cite(sources: Iterable[Source], ctx: ReportContext, caveats: str = "once") -> list:
    """Each source cited and linked, followed by its caveats (« base douanière » spelled out, among others): each
    remark `once`, after `each` source that makes it, or `none` (the page says them where it shows the figures)."""
    blocks, said = [], set()
    for source in sources:
        blocks.append(cited(source, ctx))
        remarks = () if caveats == "none" else [c for c in source.caveats if caveats == "each" or c not in said]
        blocks += [Note(ctx.t(f"sources.caveat_{c}"), "caveat") for c in remarks]
        said.update(source.caveats)
    return blocks


def sources_section(
    source_ids: Iterable[str], ctx: ReportContext, *after: object, before: tuple = (), caveats: str = "once"
) -> Section:
    """A page's "Sources" section: its notes `before`, each source cited with its caveats (`cite`), then `after`."""
    return Section(ctx.t("section.sources"), [*before, *cite(registered(source_ids), ctx, caveats), *after])


def registered(source_ids: Iterable[str]) -> list[Source]:
    """The registry's record of each source id, in order."""
    return [registry.get(source_id) for source_id in source_ids]
