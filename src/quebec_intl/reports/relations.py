"""The relations report: Québec's offices abroad, agreements, and its place in the Francophonie and in SEUS-CP,
for the whole world or one partner. It stands on the curated, cited facts only; every row links to its page."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.network import SOURCES, Network, network
from ..data import partners, pipeline
from ..data import sources as registry
from ..data.reference import QUEBEC
from ..visual.blocks import Note, PageInfo, Section
from . import citations
from .context import ReportContext, catalogue_subject, page_subject
from .network_sections import agreements, events, francophonie, offices, seus_cp


@dataclass(frozen=True)
class RelationsData:
    partner: partners.Partner | None  # None: the whole network
    network: Network
    sources: list[registry.Source]  # the curated fact files, cited on the page


def check(partner: str | None = None) -> partners.Partner | None:
    """The partner the report is about (none: the whole network); an unknown one is one line saying what to give."""
    return partners.resolve(partner, kinds=partners.RELATIONS_KINDS) if partner else None


@pipeline.reused_by_next_page
def load(partner: str | None = None) -> RelationsData:
    resolved = check(partner)
    return RelationsData(resolved, network(resolved), [registry.get(source_id) for source_id in SOURCES])


def header(d: RelationsData, ctx: ReportContext) -> Section:
    partner = d.partner
    if partner:
        title = ctx.t("relations.partner_title", partner=partner.name_with_article(ctx.lang))
        subject = page_subject(partner.code, partner.name_en, partner.name_fr)
    else:
        title, subject = ctx.t("relations.title"), catalogue_subject(QUEBEC, "relations.subject")
    page = PageInfo(kind="relations", lang=ctx.lang, title=title, subject=subject, sources=SOURCES)
    return Section(title, [page], level=1)


def sources(d: RelationsData, ctx: ReportContext) -> Section:
    titles = ctx.join([source.text("title", ctx.lang) for source in d.sources])  # one publisher, one line
    return Section(
        ctx.t("section.sources"),
        [
            citations.cited(d.sources[0], ctx, title=titles),
            Note(ctx.t("sources.caveat_cited_facts"), "caveat"),
            Note(ctx.t("sources.relations_sources_note"), "method"),
        ],
    )


SECTIONS = (header, offices, agreements, francophonie, seus_cp, events, sources)
