"""The briefing note's figures to quote: four to six complete sentences a minister can say aloud, in the page's
language, each from a key figure (never typed) and followed by the source and period it stands on."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..analysis import formatting as fmt
from ..analysis import key_figures as key
from ..analysis import words
from ..analysis.facts import Change
from ..data import sources as registry
from ..visual.blocks import Quotes
from . import subjects
from .context import ReportContext, product_name

MAX_QUOTES = 6


@dataclass(frozen=True)
class Quote:
    text: str
    period: key.Period
    source_ids: tuple[str, ...]


def period_label(period: key.Period, ctx: ReportContext) -> str:
    if period.whole:
        return str(period.year)
    return fmt.month_span(period.year, period.first_month, period.last_month, ctx.lang)


def source_line(quote: Quote, ctx: ReportContext) -> str:
    citations = list(
        dict.fromkeys(registry.get(source_id).text("citation", ctx.lang) for source_id in quote.source_ids)
    )
    return ctx.t("quote.source", sources=ctx.join(citations), period=period_label(quote.period, ctx))


def block(items: list[Quote], ctx: ReportContext) -> Quotes:
    return Quotes([(quote.text, source_line(quote, ctx)) for quote in items])


def _money(value: float, ctx: ReportContext, currency: str = "CAD") -> str:
    return fmt.spoken_money(value, ctx.lang, currency)


def phrase(d, role: str, ctx: ReportContext) -> str:
    """vers la Géorgie / to Georgia; for a region, what its figures cover (subjects.subject_phrase)."""
    return subjects.subject_phrase(d.subject, d.figures.trade if d.figures else None, role, ctx)


def quotes(d, ctx: ReportContext) -> list[Quote]:
    """The sentences the key figures allow, most quoted first: exports, imports and balance, the year to date, the
    standing, the leading products, Québec's place among the provinces."""
    f: key.KeyFigures = d.figures
    year = f.year
    found: list[Quote] = []
    if f.exports.known:
        text = ctx.t("quote.exports", year=year, value=_money(f.exports.value, ctx), to=phrase(d, "to", ctx))
        change = Change(f.exports.growth_pct, year - 1)  # a year's change, even where its months are a part
        found.append(Quote(words.with_change(text, change, ctx.lang), f.exports.period, f.exports.source_ids))
    if f.imports.known and f.exports.known:
        balance = f.balance_cad
        paired = "quote.imports_surplus" if balance >= 0 else "quote.imports_deficit"
        text = ctx.t(
            "quote.imports" if math.isnan(balance) else paired,  # no balance of two sources' figures
            year=year,
            value=_money(f.imports.value, ctx),
            from_=phrase(d, "from", ctx),
            balance=_money(abs(balance), ctx),
        )
        found.append(Quote(text, f.imports.period, f.imports.source_ids))
    ytd = f.ytd_exports
    if ytd is not None and ytd.known:
        span = fmt.month_span(ytd.period.year, 1, ytd.period.last_month, ctx.lang)
        text = ctx.t("quote.ytd", span=span, value=_money(ytd.value, ctx), to=phrase(d, "to", ctx))
        change = Change(ytd.growth_pct, ytd.period.year - 1, same_months=True)
        found.append(Quote(words.with_change(text, change, ctx.lang), ytd.period, ytd.source_ids))
    standing = _standing(d, f, ctx)
    if standing:
        found.append(standing)
    if f.products:
        found.append(_products(d, f, ctx))
    if f.provinces is not None:
        text = words.standing(f.provinces, ctx.lang, "quote", to=phrase(d, "to", ctx), year=year)
        found.append(Quote(text, key.Period(year), f.provinces_source_ids))
    return found[:MAX_QUOTES]


def _standing(d, f: key.KeyFigures, ctx: ReportContext) -> Quote | None:
    s = f.standing
    if s is None or s.share_pct is None:
        return None
    text = words.standing(s, ctx.lang, "quote", subject=d.subject, to=phrase(d, "to", ctx), year=f.year)
    return Quote(text, key.Period(f.year), f.exports.source_ids)


def _products(d, f: key.KeyFigures, ctx: ReportContext) -> Quote:
    names = [f"{product_name(p.code, p.classification, ctx)} ({ctx.percent(p.share_pct)})" for p in f.products]
    key_name = "quote.products_chapters" if f.products[0].classification == "chapter" else "quote.products_sections"
    text = ctx.t(key_name, year=f.year, to=phrase(d, "to", ctx), items=ctx.join(names) if len(names) > 1 else names[0])
    return Quote(text, f.products_period, f.products_source_ids)
