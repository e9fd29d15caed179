"""How a page cites the sources of its figures: each by its official citation, linked to the publisher's page of the
table in the page's language, and followed by what its figures mean that a reader must know."""

from __future__ import annotations

from collections.abc import Iterable

from ..analysis import narrative
from ..data import fetch
from ..data.sources import Source
from ..visual.blocks import Cited, Note
from .context import ReportContext


def cited(source: Source, ctx: ReportContext, title: str | None = None) -> Cited:
    """The source's citation, linked to the publisher's page of the table in the page's language; a copy that could
    not be verified (fetch.verified) is said to be so, beside the citation: every file a page stands on is verified,
    or the page says it is not."""
    sentence = narrative.source_sentence(source, ctx.lang, title)
    if fetch.unverified_at_hand(source):
        sentence = f"{sentence} {ctx.t('unverified_copy')}"
    return Cited(sentence, source.link(ctx.lang))


def cite(sources: Iterable[Source], ctx: ReportContext) -> list:
    """Each source cited and linked, followed by its caveats (« base douanière » spelled out, among others), each
    remark once."""
    blocks, said = [], set()
    for source in sources:
        blocks.append(cited(source, ctx))
        blocks += [Note(ctx.t(f"caveat_{c}"), "caveat") for c in source.caveats if c not in said]
        said.update(source.caveats)
    return blocks
