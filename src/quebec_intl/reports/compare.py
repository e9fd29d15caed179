"""Side by side: two to four partners, or two to four regions, on a year they all have — exports and imports by year
and as an index from the first year they share, their standing, their leading products. Each side's figures come
from its best source, read as its partner or region page reads them (reports/subjects.py); where the sources differ
in basis the page says so, and it adds up nothing it should not (analysis/comparison.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..analysis import comparison, display, names, narrative, words
from ..analysis.comparison import Side, Together
from ..analysis.facts import Change
from ..analysis.key_figures import KeyFigures
from ..analysis.period import Period
from ..analysis.subject_trade import SubjectTrade
from ..analysis.text import joined
from ..data import pipeline
from ..data import sources as registry
from ..data.partners import Partner
from ..data.regions import Region, member_partners, subject_key
from ..errors import QuebecIntlError
from ..visual import charts, runs
from ..visual.blocks import Note, PageInfo, Section, Table
from . import citations, line_breaks, subjects
from .context import ReportContext, page_subject, product_cell

FEWEST, MOST = 2, 4
TOP_PRODUCTS = 5

Subject = Partner | Region  # (the notebook's parameters `partners` and `regions` are lists of names)


@dataclass(frozen=True)
class CompareData:
    subjects: tuple[Subject, ...]
    sides: tuple[Side, ...]  # in the order given
    year: int  # the latest whole year every side has, or the one asked for
    index: pd.DataFrame  # comparison.index_frame: each side's flows from the first common year, that year = 100
    base_year: int | None
    together: Together | None  # the sides added up, when they may be (one basis, no partner in two sides)
    not_together: str | None  # else why: "unstated", "bases" or "overlap"

    @property
    def of_regions(self) -> bool:
        return isinstance(self.subjects[0], Region)


def _given(partners_: list[str] | None, regions_: list[str] | None) -> tuple[str, list[str]]:
    if (partners_ is None) == (regions_ is None):
        raise QuebecIntlError(
            'a comparison sets partners or regions side by side: give --partners (say France Germany "United '
            f'Kingdom") or --regions (say SEUS-CP GSGP){", not both" if partners_ is not None else ""}'
        )
    kind, names = ("partners", partners_) if partners_ is not None else ("regions", regions_)
    names = [names] if isinstance(names, str) else list(names)
    if not FEWEST <= len(names) <= MOST:
        raise QuebecIntlError(f"a comparison takes {FEWEST} to {MOST} {kind}, not {len(names)}: {', '.join(names)}")
    return kind, names


def check(partners: list[str] | None = None, regions: list[str] | None = None, year: int | None = None):
    """The partners or regions a comparison can set side by side (two to four, each once), for a year all their
    sources cover, in full; else one line saying what to give."""
    chosen = _chosen(partners, regions, year)
    return chosen, _period(chosen, year)


def _period(chosen: tuple[Subject, ...], year: int | None) -> Period:
    """The page's period: the year asked for, else the latest whole year every side has (each side's years read from
    the tables, `subjects.trade_years`, not from its trade); a side no source has, a year some side's source covers
    in part, or sides that share no whole year are one line, before any kernel starts (`render --all` leaves such a
    page out)."""
    years = {subject_key(s): subjects.trade_years(s, year) for s in chosen}
    lacking = [s.name_en for s in chosen if years[subject_key(s)] is None]
    if lacking:
        raise QuebecIntlError(
            f"no source at hand has Québec's trade with {', '.join(lacking)}: compare partners or regions the data "
            "covers (`quebec-intl sources` lists the sources; a US state needs the BTS TransBorder files)"
        )
    partial = [s.name_en for s in chosen if year not in years[subject_key(s)].whole]
    if year is not None and partial:
        raise QuebecIntlError(
            f"{year} is not a whole year in the figures of {', '.join(partial)}: compare on a year every source "
            "covers in full (leave out --year for the latest one)"
        )
    if year is not None:
        return Period(year, year)
    common = comparison.common_year({key: set(one.both_flows) for key, one in years.items()})
    if common is None:
        raise QuebecIntlError(f"{_years_of(chosen, years)} have no whole year in common: {NO_COMMON_YEAR}")
    return Period(year, common)


def _chosen(partners: list[str] | None, regions: list[str] | None, year: int | None) -> tuple[Subject, ...]:
    kind, names = _given(partners, regions)
    chosen = [
        (subjects.check_partner(name, year) if kind == "partners" else subjects.check_region(name, year)).subject
        for name in names
    ]
    keys = [subject_key(subject) for subject in chosen]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise QuebecIntlError(f"a comparison names each of its {kind} once: {', '.join(repeated)} is given twice")
    return tuple(chosen)


def _year_trades(chosen: tuple[Subject, ...], year: int | None) -> tuple[dict[str, SubjectTrade], Period]:
    """Each side's trade of the year compared (the page's period, as `check` resolves it): its trade of the year
    asked for (else its latest), made again for the common year where that is another."""
    period = _period(chosen, year)
    found = {}
    for s in chosen:
        trade = subjects.subject_trade(s, subjects.subject_period(s, year))
        if trade.year != period.year:
            trade = subjects.subject_trade(s, subjects.subject_period(s, period.year))
        found[subject_key(s)] = trade
    return found, period


@pipeline.reused_by_next_page
def load(partners: list[str] | None = None, regions: list[str] | None = None, year: int | None = None) -> CompareData:
    """Each side's figures from its best source, on the year asked for or else the latest whole year all have."""
    chosen = _chosen(partners, regions, year)
    found, period = _year_trades(chosen, year)
    year = period.year
    sides = []
    for s in chosen:
        trade = found[subject_key(s)]
        basis = _basis(trade, year)
        figures = KeyFigures(trade, TOP_PRODUCTS)
        sides.append(Side(subject_key(s), figures, _comparable(trade, year, basis), _members(s), basis, trade.origins))
    return CompareData(
        chosen,
        tuple(sides),
        year,
        comparison.index_frame(sides),
        comparison.first_common_year(sides),
        comparison.together(sides, year),
        comparison.why_not_together(sides),
    )


NO_COMMON_YEAR = (
    "build the tables from Statistics Canada's monthly table (`quebec-intl data`, every principal partner since 2017) "
    "or compare other partners"
)


def _years_of(chosen: tuple[Subject, ...], years: dict[str, subjects.TradeYears]) -> str:
    """« France (2016, 2020), Germany (2011) »: each side's whole years, for the message saying they share none."""
    return ", ".join(
        f"{s.name_en} ({', '.join(map(str, sorted(years[subject_key(s)].both_flows))) or 'none'})" for s in chosen
    )


def _basis(trade: SubjectTrade, year: int) -> str:
    """The basis of the side's figures of the year: a country's as its year's rows state it, else its sources'."""
    if trade.bases_stated_by_year:
        stated = trade.bases["export"].get(year)
        return stated if isinstance(stated, str) else "unknown"
    return comparison.registered_basis(trade.exports.source_ids)


def _comparable(trade: SubjectTrade, year: int, basis: str) -> pd.DataFrame:
    """The side's whole years up to the comparison's, those on the basis of that year's figures (a country's early
    years may be published figures of another basis: a chart or an index across the two would mislead); the year
    alone where its figures' basis is not stated (two such figures may be on different bases)."""
    flows = trade.whole_flows()
    flows = flows[flows.index <= year]
    if not trade.bases_stated_by_year:
        return flows
    if basis not in comparison.SUMMABLE_BASES:
        return flows.loc[[year]]
    same = trade.bases["export"].reindex(flows.index).eq(basis)
    return flows[same.to_numpy()]


def _members(subject: Subject) -> frozenset[str]:
    """The partners a side's figures add up: the partner itself, or a region's countries and US states (an
    alliance's provinces are its members, not partners of Québec's trade)."""
    if isinstance(subject, Partner):
        return frozenset([subject.code])
    return frozenset(member_partners(subject.id, subjects.AGGREGATED_STATUSES))


# --- words ----------------------------------------------------------------------------------------------------------


def _short(subject: Subject, ctx: ReportContext) -> str:
    """The side's name in a legend or a table's header."""
    return subject.short_name(ctx.lang) if isinstance(subject, Region) else subject.name(ctx.lang)


def _names(d: CompareData, lang: str) -> str:
    return joined(lang, [s.name_with_article(lang) for s in d.subjects])


def _in_sentence(subject: Subject, lang: str) -> str:
    """A side named mid-sentence: a partner with its article, a region by its short form (« la SEUS-CP »)."""
    return subject.sentence_name(lang) or subject.name_with_article(lang)


def _title_names(d: CompareData, ctx: ReportContext) -> str:
    """« La France, l'Allemagne et le Royaume-Uni »; regions by their short names (« SEUS-CP et Grands Lacs… »)."""
    if d.of_regions:
        return joined(ctx.lang, [_short(s, ctx) for s in d.subjects])
    return names.capitalized(_names(d, ctx.lang))


def _codes(d: CompareData) -> str:
    """The partners' codes, as the index shows a partner's page beside its title (and finds it by: US-GA); a region
    has none."""
    return "" if d.of_regions else " ".join(side.key for side in d.sides)


def header(d: CompareData, ctx: ReportContext) -> Section:
    title = ctx.t("compare.title", subjects=_title_names(d, ctx))
    used = tuple(dict.fromkeys(s for side in d.sides for s in side.figures.source_ids))
    page = PageInfo(
        kind="compare",
        lang=ctx.lang,
        title=title,
        subject=page_subject(_codes(d), _names(d, "en"), _names(d, "fr")),
        sources=used,
    )
    cited = [registry.get(source_id) for source_id in used]
    return Section(title, [page, Note(narrative.data_sentence(cited, ctx.lang), "data")], level=1)


def summary(d: CompareData, ctx: ReportContext) -> Section:
    """The year's exports to each side in one sentence, how each grew since the first common year, and either
    their total or why there is none."""
    section = Section(ctx.t("section.summary"))
    by_size = sorted(zip(d.subjects, d.sides, strict=True), key=lambda pair: -pair[1].figures.exports.value)
    items = [
        f"{ctx.money(side.figures.exports.value)} {subjects.subject_phrase(s, side.figures.trade, 'to', ctx)}"
        for s, side in by_size
    ]
    section.blocks.append(ctx.t("compare.exports_sentence", year=d.year, items=joined(ctx.lang, items)))
    grown = _growth_sentence(d, ctx)
    if grown:
        section.blocks.append(grown)
    section.blocks.append(_together_sentence(d, ctx))
    return section


def _growth_sentence(d: CompareData, ctx: ReportContext) -> str | None:
    """Each side's export index in the year, largest first (none without a year they share before it)."""
    if d.base_year is None or d.base_year == d.year:
        return None
    exports = d.index[d.index["flow"].eq("export") & d.index["ref_year"].eq(d.year)].set_index("key")["index"]
    if len(exports) < len(d.sides):
        return None
    names = {subject_key(s): s for s in d.subjects}
    items = [
        ctx.t("compare.index_item", value=ctx.number(value), name=_in_sentence(names[key], ctx.lang))
        for key, value in exports.sort_values(ascending=False).items()
    ]
    return ctx.t("compare.growth_sentence", base=d.base_year, year=d.year, items=joined(ctx.lang, items))


def _together_sentence(d: CompareData, ctx: ReportContext) -> str:
    if d.together is not None:
        change = words.change(Change(d.together.growth_pct, d.year - 1), ctx.lang)
        text = ctx.t("compare.together", year=d.year, value=ctx.money(d.together.export_cad))
        return f"{text.removesuffix('.')}, {change}." if change else text
    return ctx.t(f"compare.not_summed_{d.not_together}")


def _frame(d: CompareData, ctx: ReportContext, column: str, scale: float) -> pd.DataFrame:
    names = {subject_key(s): _short(s, ctx) for s in d.subjects}
    labels = ctx.flow_labels()
    frame = d.index
    return pd.DataFrame(
        {
            "ref_year": frame["ref_year"].to_numpy(),
            "panel": frame["flow"].map(labels).to_numpy(),
            "side": frame["key"].map(names).to_numpy(),
            "value": (frame[column] / scale).to_numpy(),
            runs.ORIGIN: frame["origin"].to_numpy(),
        }
    )


def _levels(d: CompareData, ctx: ReportContext) -> pd.DataFrame:
    """Every whole year of each side (not only from the common year): the levels chart shows all it has."""
    names = {subject_key(s): _short(s, ctx) for s in d.subjects}
    labels = ctx.flow_labels()
    rows = [
        {
            "ref_year": int(year),
            "panel": labels[flow],
            "side": names[side.key],
            "value": display.in_unit(value, "CAD_billion"),
            runs.ORIGIN: side.origin(flow, year),
        }
        for side in d.sides
        for flow in comparison.FLOWS
        for year, value in side.flows[flow].dropna().items()
    ]
    return pd.DataFrame(rows, columns=["ref_year", "panel", "side", "value", runs.ORIGIN])


def trade_by_year(d: CompareData, ctx: ReportContext) -> Section:
    """Exports and imports by year, each side on the same axes, then as an index of the first common year."""
    section = Section(ctx.t("compare.by_year"))
    levels = _levels(d, ctx)
    first, last = int(levels["ref_year"].min()), int(levels["ref_year"].max())
    period = ctx.period(first, last)
    chart = charts.compared(
        levels,
        ctx.labelled(ctx.t("compare.levels"), period),
        ctx.t("chart.value_billions"),
        ctx.t("column.year"),
        ",.2f",
    )
    names = joined(ctx.lang, [_in_sentence(s, ctx.lang) for s in d.subjects])  # the title named them in full
    section.blocks.append(
        ctx.figure(
            "compare-levels",
            chart,
            ctx.t("compare.levels_alt", subjects=names, period=period),
            runs.for_readers(levels),
        )
    )
    section.blocks.extend(line_breaks.note(levels, "side", ctx, names=True, within="panel"))
    if d.base_year is None or d.base_year == d.year:
        section.blocks.append(Note(ctx.t("compare.no_index")))
        return section
    index = _frame(d, ctx, "index", 1.0)
    chart = charts.compared(
        index,
        ctx.t("compare.index_title", base=d.base_year),
        ctx.t("compare.index_axis", base=d.base_year),
        ctx.t("column.year"),
        ",.0f",
        rule=comparison.INDEX_BASE,
    )
    alt_text = ctx.t("compare.index_alt", subjects=names, base=d.base_year, year=d.year)
    section.blocks.append(ctx.figure("compare-index", chart, alt_text, runs.for_readers(index)))
    section.blocks.extend(line_breaks.note(index, "side", ctx, names=True, within="panel"))
    section.blocks.append(Note(ctx.t("compare.index_note", base=d.base_year), "method"))
    return section


def standing(d: CompareData, ctx: ReportContext) -> Section:
    """The year's figures of each side in one table (their total as its last row, where they may be added), then
    each side's rank and share, with the whole each share is of and the source it comes from."""
    section = Section(ctx.t("compare.standing", year=d.year, prev=d.year - 1))
    heading = ctx.t("compare.side_regions" if d.of_regions else "compare.side_partners")
    rows = []
    for subject, one in zip(d.subjects, d.sides, strict=True):
        f = one.figures
        rows.append(
            [
                _short(subject, ctx),
                ctx.money(f.exports.value),
                _change(f.exports.growth_pct, ctx),
                ctx.money(f.imports.value),
                _change(f.imports.growth_pct, ctx),
                ctx.money(f.balance_cad),
            ]
        )
    if d.together is not None:
        t = d.together
        rows.append(
            [
                ctx.t("compare.together_row"),
                ctx.money(t.export_cad),
                _change(t.growth_pct, ctx),
                ctx.money(t.import_cad),
                _change(t.import_growth_pct, ctx),
                ctx.money(t.balance_cad),
            ]
        )
    change = ctx.t("compare.change")
    columns = [
        heading,
        ctx.t("column.flow_export"),
        change,
        ctx.t("column.flow_import"),
        change,
        ctx.t("column.flow_balance"),
    ]
    section.blocks.append(Table(columns, rows, [False, True, True, True, True, True]))
    ranks = [
        [_short(subject, ctx), _standing_cell(one, ctx), _source_cell(one, ctx)]
        for subject, one in zip(d.subjects, d.sides, strict=True)
    ]
    section.blocks.append(Table([heading, ctx.t("compare.rank_share"), ctx.t("compare.source")], ranks))
    if any(one.figures.trade.converted for one in d.sides):
        section.blocks.append(Note(ctx.t("sources.state_conversion_note"), "method"))
    return section


def _change(growth_pct: float | None, ctx: ReportContext) -> str:
    return ctx.MISSING if growth_pct is None or math.isnan(growth_pct) else ctx.percent(growth_pct, signed=True)


def _standing_cell(side: Side, ctx: ReportContext) -> str:
    s = side.figures.standing
    if s is None or s.share_pct is None:
        return ctx.MISSING
    share = ctx.t(f"compare.share_{s.scope}", share=ctx.percent(s.share_pct))
    if s.rank is None:
        return share
    return ctx.t(f"compare.rank_{s.scope}", rank=ctx.ordinal(s.rank), count=s.count, share=share)


def _source_cell(side: Side, ctx: ReportContext) -> str:
    cited = [registry.get(source_id) for source_id in side.figures.exports.source_ids]
    official = [s.text("citation", ctx.lang) for s in cited if s.basis != comparison.RATE_BASIS]
    shown = side.basis if side.basis in (*comparison.SUMMABLE_BASES, comparison.MIXED) else "facts"
    return ctx.t(f"compare.basis_{shown}", sources=ctx.join(list(dict.fromkeys(official))))


def products(d: CompareData, ctx: ReportContext) -> Section:
    """The leading products of each side: one row a product where all sides use one classification, else each
    side's own list by rank (NAPCS sections and HS chapters do not line up)."""
    section = Section(ctx.t("compare.products", year=d.year))
    with_products = [side for side in d.sides if side.figures.products]
    if not with_products:
        section.blocks.append(Note(ctx.t("compare.no_products")))
        return section
    names = [_short(s, ctx) for s in d.subjects]
    kinds = comparison.classifications(list(d.sides))
    if len(kinds) == 1:
        shares = comparison.products_by_code(list(d.sides))
        classification = kinds.pop()
        rows = [
            [product_cell(code, classification, ctx), *(_share(shares.at[code, side.key], ctx) for side in d.sides)]
            for code in shares.index
        ]
        heading = ctx.t(f"compare.product_{classification}")
        section.blocks.append(Table([heading, *names], rows, [False, *([True] * len(names))]))
        section.blocks.append(Note(ctx.t("compare.products_note"), "method"))
        without = [_short(subject, ctx) for subject, side in zip(d.subjects, d.sides) if not side.figures.products]
        if without:
            section.blocks.append(Note(ctx.t("compare.products_none", names=joined(ctx.lang, without)), "method"))
    else:
        rows = []
        for rank in range(TOP_PRODUCTS):
            cells = []
            for side in d.sides:
                items = side.figures.products
                if rank >= len(items):
                    cells.append(ctx.MISSING)
                    continue
                item = items[rank]
                cells.append(f"{product_cell(item.code, item.classification, ctx)} ({ctx.percent(item.share_pct)})")
            rows.append([ctx.ordinal(rank + 1), *cells])
        section.blocks.append(Table([ctx.t("compare.rank"), *names], rows))
        section.blocks.append(Note(ctx.t("compare.products_differ"), "method"))
    return section


def _share(value: float, ctx: ReportContext) -> str:
    return ctx.MISSING if pd.isna(value) else ctx.percent(float(value))


def sources(d: CompareData, ctx: ReportContext) -> Section:
    used = dict.fromkeys(s for side in d.sides for s in side.figures.source_ids)
    return citations.sources_section(used, ctx, Note(ctx.t("compare.sources_note"), "method"))


SECTIONS = (header, summary, trade_by_year, standing, products, sources)
