"""Sections on Québec's trade with a subject, written once against its trade model (analysis/subject_trade.py),
whatever the source: the partner profile (a country or a US state), the region profile (a region of US states) and
the overview (all countries). Each is a function of a data object holding `trade` (a SubjectTrade) and `subject`
(the partner or the region, for the sentences), and the context. What differs between sources is in the model (a
figure published in US dollars and converted, a partial year, the modes of transport where the source records them);
a section only chooses, formats and says."""

from __future__ import annotations

import math
from typing import Protocol

import pandas as pd
from babel.dates import get_month_names

from ..analysis import display, names, narrative, words
from ..analysis.formatting import locale
from ..analysis.subject_trade import SubjectTrade
from ..analysis.text import joined
from ..data import reference
from ..data.partners import all_partners
from ..data.reference import QUEBEC
from ..data.trade import is_embedded
from ..data.transform.trade_annual import NOT_CURRENT_DOLLARS
from ..visual import charts, maps, runs
from ..visual.blocks import Links, Note, Omitted, Section, Table
from . import citations, line_breaks
from . import years as year_runs
from .context import ReportContext

VALUE_FORMAT = display.VALUE_FORMAT
FLOWS = ("export", "import", "balance")
FIRST_ANNUAL_RATE = 2017


class HasTrade(Protocol):
    trade: SubjectTrade
    subject: object  # a Partner or a Region: what the sentences name


def data_line(trade: SubjectTrade, ctx: ReportContext, others=()) -> Note:
    """What the figures stand on, by official citation: the official tables, or the published figures the project
    transcribed (the embedded default); `others`, further sources the page reads."""
    official = [source for source in citations.registered(trade.source_ids) if not is_embedded(source.id)]
    return Note(narrative.data_sentence(official + list(others), ctx.lang, published=not official), "data")


def missing(heading: str, why: str, ctx: ReportContext, **values: object) -> Omitted:
    """A section the sources cannot fill: left out of the page, named in its "not covered" note."""
    return Omitted(heading, ctx.t(why, **values))


def year_label(trade: SubjectTrade, year: int, ctx: ReportContext) -> str:
    """2024; a partial year with its months: janvier–septembre 2020, January 2015."""
    held, first, last = trade.months_held.get(year, (12, 1, 12))
    if held == 12:
        return str(year)
    names = get_month_names("wide", locale=locale(ctx.lang))
    months = names[first] if first == last else f"{names[first]}–{names[last]}"
    return f"{months} {year}"


def direction(d: HasTrade, role: str, ctx: ReportContext) -> str:
    """ "vers la Géorgie"; for a group, « vers les 6 États américains membres de la SEUS-CP »: a region's figures
    cover its US states only, never its other members, and of those only the ones the source has figures for."""
    if len(d.trade.codes) == 1:
        return ctx.phrase(d.subject, role)
    codes = d.trade.covered
    with_territories = any(all_partners()[code].kind == "us_territory" for code in codes)
    key = f"names.state_territory_group_{role}" if with_territories else f"names.state_group_{role}"
    return ctx.t(key, count=len(codes), belonging=names.belonging(d.subject, ctx.lang))


# --- summary -------------------------------------------------------------------------------------------------------


def _money(trade: SubjectTrade, flow: str, year: int, ctx: ReportContext) -> tuple[str, str]:
    """A flow in Canadian dollars (US dollars when no rate is at hand) and as published, in words."""
    published = ctx.money(trade.value(flow, year, trade.published_currency), currency=trade.published_currency)
    cad = trade.value(flow, year)
    return (published, published) if math.isnan(cad) else (ctx.money(cad), published)


def _published_summary(d: HasTrade, ctx: ReportContext) -> str:
    """The year's figures as published and converted, the subject's standing, Québec among the provinces, the modes."""
    trade, year = d.trade, d.trade.year
    to, from_ = direction(d, "to", ctx), direction(d, "from", ctx)
    value, usd = _money(trade, "export", year, ctx)
    export = ctx.t("trade.state_export_sentence", year=year_label(trade, year, ctx), value=value, usd=usd, to=to)
    lines = [words.with_change(export, trade.change("export", year), ctx.lang)]
    value, usd = _money(trade, "import", year, ctx)
    imports = ctx.t("trade.state_import_sentence", value=value, usd=usd, from_=from_)
    lines.append(words.with_change(imports, trade.change("import", year), ctx.lang))
    if trade.standing is not None:
        lines.append(words.standing(trade.standing, ctx.lang, "summary", subject=d.subject))
    if trade.provinces is not None:
        lines.append(words.standing(trade.provinces.quebec_standing, ctx.lang, "summary", to=to))
    lines.append(words.modes(trade.mode_split, ctx.lang, "summary", to=to))
    return " ".join(line for line in lines if line)


def summary(d: HasTrade, ctx: ReportContext) -> Section:
    trade = d.trade
    if trade.year is None or trade.year not in trade.flows.index:
        return Section(ctx.t("section.summary"), [Note(ctx.t("missing.no_data", with_=ctx.phrase(d.subject, "with")))])
    if trade.highlights is not None:
        return Section(ctx.t("section.summary"), [narrative.summary(trade.highlights, ctx.lang)])
    return Section(ctx.t("section.summary"), [_published_summary(d, ctx)])


# --- trend ---------------------------------------------------------------------------------------------------------


def no_rate_note(years: list[int], ctx: ReportContext) -> list[Note]:
    """The years the Bank of Canada has no annual rate for yet: shown in US dollars, never at another year's rate."""
    if not years:
        return []
    return [Note(ctx.count("trade.no_rate_yet", len(years), years=joined(ctx.lang, [str(y) for y in years])), "method")]


def _conversion_notes(trade: SubjectTrade, ctx: ReportContext) -> list[Note]:
    """How Canadian dollars were obtained, the years without a rate yet, and the Bank's change of method when the
    years span 2017."""
    if not trade.converted:
        return []
    years = trade.rate_years
    if not years:
        return [Note(ctx.t("sources.state_usd_only_note"), "method")]
    notes = [Note(ctx.t("sources.state_conversion_note"), "method"), *no_rate_note(trade.years_without_rate, ctx)]
    if min(years) < FIRST_ANNUAL_RATE <= max(years):
        notes.append(Note(ctx.t("sources.state_method_note"), "method"))
    return notes


def _partial_notes(trade: SubjectTrade, ctx: ReportContext) -> list[Note]:
    return [
        Note(ctx.t("trade.state_partial_note", label=year_label(trade, year, ctx)), "caveat")
        for year in trade.partial_years
    ]


def _gaps_notes(d: HasTrade, ctx: ReportContext) -> list[Note]:
    """Years without a balance (two sources' figures), the page's year missing, the years of published figures."""
    trade, notes = d.trade, []
    if trade.unpaired_years:
        notes.append(Note(ctx.t("trade.balance_not_computed", years=year_runs.span(trade.unpaired_years)), "method"))
    if trade.year is not None and trade.year not in trade.flows.index:
        what = ctx.t("trade.what_trade", with_=ctx.phrase(d.subject, "with"))
        notes.append(Note(ctx.t("missing.no_figure_for_year", year=trade.year, what=what)))
    published = list(trade.embedded_years)
    if published and len(published) < len(trade.flows.index):
        years = joined(ctx.lang, year_runs.runs(published))
        notes.append(Note(ctx.t("sources.trend_published_years", years=years), "method"))
    return notes


def _trend_table(trade: SubjectTrade, ctx: ReportContext) -> Table:
    """Every year in the page's unit; figures published in another currency also as published, with the rate."""
    columns = display.trend_columns(trade)
    rows = [
        [year_label(trade, year, ctx), *(ctx.number(column.values[year], column.digits) for column in columns)]
        for year in trade.flows.index
    ]
    headers = [
        ctx.t("column.rate") if c.flow == "rate" else ctx.in_unit(ctx.t(f"column.flow_{c.flow}"), c.unit)
        for c in columns
    ]
    return Table([ctx.label("ref_year"), *headers], rows, [False] + [True] * len(headers))


def trend(d: HasTrade, ctx: ReportContext) -> Section:
    trade, section = d.trade, Section(ctx.t("section.trend"))
    whole = trade.flows.loc[trade.whole_years]  # a partial year would look like a fall
    if trade.flows.empty:
        section.blocks.append(Note(ctx.t("missing.no_data", with_=ctx.phrase(d.subject, "with"))))
        return section
    policy = display.for_chart(trade, whole.index)
    frame = charts.trend_frame(
        display.chart_flows(whole, policy), ctx.flow_labels(), policy.column, policy.unit, origins=trade.origins
    )
    period = ctx.period(int(whole.index.min()), int(whole.index.max())) if len(whole) else ""
    title = f"{ctx.t('section.trend')}, {period}" if trade.converted else ctx.t("section.trend")
    y_title = ctx.in_unit(ctx.t("column.value"), policy.unit)
    chart = charts.trend(frame, title, y_title, ctx.t("column.year"), VALUE_FORMAT, value=policy.column)
    alt_key = "chart.state_trend_alt" if trade.converted else "chart.trend_alt"
    alt = ctx.t(alt_key, to=direction(d, "to", ctx), from_=direction(d, "from", ctx), period=period)
    section.blocks += [
        ctx.figure("trend", chart, alt, runs.for_readers(frame) if trade.origins is not None else frame),
        _trend_table(trade, ctx),
        *line_breaks.note(frame, "measure", ctx),
        *_gaps_notes(d, ctx),
        *_conversion_notes(trade, ctx),
        *_partial_notes(trade, ctx),
    ]
    return section


# --- growth --------------------------------------------------------------------------------------------------------


def growth(d: HasTrade, ctx: ReportContext) -> Section:
    trade, section = d.trade, Section(ctx.t("section.growth"))
    rates = trade.growth.rename(columns=lambda column: column.removesuffix("_pct"))
    if rates.empty:
        return missing(ctx.t("section.growth"), "missing.why_no_growth", ctx)
    labels = ctx.flow_labels()
    long = (
        rates.rename_axis("ref_year")
        .reset_index()
        .melt(id_vars="ref_year", var_name="flow", value_name="growth_pct")
        .dropna()
    )
    frame = long.assign(measure=long["flow"].map(labels))[["ref_year", "measure", "growth_pct"]]
    period = ctx.period(int(frame["ref_year"].min()), int(frame["ref_year"].max()))
    chart = charts.growth(frame, ctx.t("section.growth"), ctx.t("chart.growth_axis"), ctx.t("column.year"))
    section.blocks.append(ctx.figure("growth", chart, ctx.t("chart.growth_alt", period=period), frame))
    rows = [
        [str(year)] + [ctx.percent(rates.at[year, f], signed=True) for f in ("export", "import")]
        for year in rates.index
    ]
    section.blocks.append(Table([ctx.label("ref_year"), labels["export"], labels["import"]], rows, [False, True, True]))
    if trade.year is not None:
        shown = [
            ctx.t(
                "trade.cagr_window", years=n, first=trade.year - n, last=trade.year, pct=ctx.percent(value, signed=True)
            )
            for n, value in trade.cagr.items()
            if not math.isnan(value)
        ]
        if shown:
            section.blocks.append(ctx.t("trade.cagr_line", windows=ctx.join(shown)))
    if not trade.on_one_known_basis:
        section.blocks.append(Note(ctx.t("sources.growth_bases_note"), "method"))
    if trade.converted:
        currency = ctx.t(f"trade.currency_{trade.growth_currency.lower()}")
        section.blocks.append(Note(ctx.t("trade.state_growth_note", currency=currency), "method"))
    return section


# --- products ------------------------------------------------------------------------------------------------------


def _product_names(codes, classification: str, ctx: ReportContext) -> dict[str, str]:
    if classification == "chapter":
        return {code: f"{code} {ctx.text(reference.hs_chapter_name(code, ctx.lang))}" for code in codes}
    return {code: ctx.section_name(code) for code in codes}


def _drivers(change: pd.DataFrame, names: dict[str, str], year: int, ctx: ReportContext) -> list[str]:
    """The sections that moved exports most since the year before, up and down."""
    moved = change.dropna(subset=["change"]).sort_values("change")
    up, down = moved[moved["change"] > 0].tail(2).iloc[::-1], moved[moved["change"] < 0].head(2)

    def describe(rows: pd.DataFrame) -> str:
        return ", ".join(f"{names[code]} ({ctx.signed_money(value)})" for code, value in rows["change"].items())

    lines = [ctx.t("trade.drivers_up", prev=year - 1, items=describe(up))] if len(up) else []
    return lines + ([ctx.t("trade.drivers_down", items=describe(down))] if len(down) else [])


def _mix_table(trade: SubjectTrade, names: dict[str, str], ctx: ReportContext) -> Table:
    """The sections with their shares, its change in points, the change in dollars and in per cent; the chapters
    (fewer figures beside them: BTS's are US dollars, a chapter is one of 99) with their share and change."""
    mix = trade.products
    year, policy = mix.year, display.for_products(mix)
    unit, since = policy.table.unit, ctx.t("column.change_vs", year=year - 1)
    shown = display.products_in_unit(mix, policy)
    if mix.classification == "chapter":
        rows = [
            [names[code], ctx.number(r.value_in_unit, 1), ctx.percent(r.share_pct), ctx.number(r.change_in_unit, 1)]
            for code, r in shown.iterrows()
        ]
        columns = [ctx.t("column.chapter"), ctx.in_unit(year_label(trade, year, ctx), unit), ctx.t("column.share")]
        return Table([*columns, ctx.in_unit(since, unit)], rows, [False, True, True, True])
    rows = [
        [
            names[code],
            ctx.number(r.value_in_unit, 1),
            ctx.percent(r.share_pct),
            ctx.points(r.share_change_pts),
            ctx.number(r.change_in_unit, 2),
            ctx.percent(r.growth_pct, signed=True),
        ]
        for code, r in shown.iterrows()
    ]
    columns = [
        ctx.label("product_section_code"),
        ctx.in_unit(ctx.t("column.value_in", year=year), unit),
        ctx.t("column.share"),
        ctx.labelled(ctx.t("column.share"), since),
        ctx.in_unit(since, unit),
        "%",
    ]
    return Table(columns, rows, [False, True, True, True, True, True])


def product_mix(d: HasTrade, ctx: ReportContext) -> Section:
    """Exports by product (NAPCS section or HS chapter) in the year and the year before: a chart, a table, and the
    products that moved most (the sections) or what a chapter's name abbreviates (the chapters)."""
    trade = d.trade
    mix = trade.products
    chapters = mix is not None and mix.classification == "chapter"
    heading = ctx.t("section.state_chapters" if chapters or trade.converted else "section.mix")
    if mix is None or mix.table.empty:
        return missing(heading, "missing.why_no_sections", ctx)
    year, policy = mix.year, display.for_products(mix)
    names = _product_names(mix.table.index, mix.classification, ctx)
    shown = display.bars_in_unit(mix, policy)
    bars = pd.DataFrame(
        {
            "section": shown["code"].map(names).to_numpy(),
            "period": shown["ref_year"].astype(str).to_numpy(),
            policy.bars.column: shown["value_in_unit"].to_numpy(),
        }
    )
    y_title = ctx.in_unit(ctx.t("column.value"), policy.bars.unit)
    chart = charts.section_bars(bars, heading, y_title, VALUE_FORMAT, value=policy.bars.column)
    alt = ctx.t("chart.state_chapters_alt" if chapters else "chart.mix_alt", year=year, prev=year - 1)
    blocks: list = [ctx.figure("mix", chart, alt, bars), _mix_table(trade, names, ctx)]
    if chapters:
        blocks.append(Note(ctx.t("trade.state_chapter_names_note"), "method"))
    else:
        blocks += _drivers(mix.table, names, year, ctx)
    return Section(heading, blocks)


# --- Québec among the provinces ------------------------------------------------------------------------------------


def province_frame(trade: SubjectTrade, ctx: ReportContext) -> pd.DataFrame:
    """Every province and territory, those with no exports to the subject at zero and without a rank: what the map
    draws and its CSV holds."""
    codes = reference.subnational_codes()
    shares = trade.provinces.exports.reindex(codes)
    names = [ctx.province(code) for code in codes]
    policy = display.for_provinces(trade.provinces)
    return pd.DataFrame(
        {
            "province_code": codes,
            "province": names,
            policy.column: display.in_unit(shares["value"].fillna(0.0), policy.unit).to_numpy(),
            "share_pct": shares["share_pct"].fillna(0.0).to_numpy(),
            "rank": pd.array(shares["rank"].to_numpy(), dtype="Int64"),
            "rank_label": [ctx.ordinal(rank) for rank in shares["rank"]],
            "description": [_province_label(name, row, trade, ctx) for name, (_, row) in zip(names, shares.iterrows())],
        }
    )


def _province_label(name: str, row: pd.Series, trade: SubjectTrade, ctx: ReportContext) -> str:
    """What a screen reader says of a province on the map, in the page's words: « Québec : 30,8 % des exportations
    canadiennes, 8 043,6 M$ US (2e rang) »."""
    if not row["value"] > 0:
        return ctx.t("chart.state_provinces_map_none", province=name)
    return ctx.t(
        "chart.state_provinces_map_label",
        province=name,
        share=ctx.percent(row["share_pct"]),
        value=ctx.money(row["value"], currency=trade.provinces.currency),
        rank=ctx.ordinal(row["rank"]),
    )


def province_map(d: HasTrade, ctx: ReportContext) -> list:
    """The map of the provinces and territories, each coloured by its share and Québec outlined, with a note naming
    those in grey (no exports) and the base map's credit; without the base map, a line saying the table stands alone."""
    if not maps.has_canada_provinces():
        return [Note(ctx.t("missing.why_no_province_map"), "method")]
    trade, to = d.trade, direction(d, "to", ctx)
    frame, year = province_frame(trade, ctx), year_label(trade, trade.year, ctx)
    policy = display.for_provinces(trade.provinces)
    titles = {
        "title": ctx.t("chart.state_provinces_map", to=to, year=year),
        "share": ctx.t("chart.share_axis"),
        "value": ctx.in_unit(ctx.t("column.flow_export"), policy.unit),
        "rank": ctx.t("column.rank"),
    }
    chart = charts.province_map(maps.named_data("ca_provinces"), frame.drop(columns="rank"), QUEBEC, titles)
    alt = ctx.t("chart.state_provinces_map_alt", to=to, year=year)
    table = frame.drop(columns=["rank_label", "description"])
    blocks = [ctx.figure("provinces-map", chart, alt, table, ("ca_provinces",))]
    grey = frame.loc[frame[policy.column].eq(0), "province"].tolist()
    if grey:
        blocks.append(
            Note(ctx.t("chart.state_provinces_map_grey", names=joined(ctx.lang, grey), to=to, year=year), "method")
        )
    return [*blocks, Note(ctx.t("chart.state_provinces_map_credit"), "method")]


def _provinces_of_states(d: HasTrade, ctx: ReportContext) -> Section:
    """Every province's exports to the state(s), as published: on a map of Canada, Québec outlined, and ranked."""
    provinces = d.trade.provinces.exports
    if len(provinces) < 2:
        return missing(ctx.t("section.canada"), "missing.why_no_provinces", ctx)
    currency = d.trade.provinces.currency
    rows = [
        [
            ctx.ordinal(r["rank"]),
            ctx.province(code),
            ctx.money(r["value"], currency=currency),
            ctx.percent(r["share_pct"]),
        ]
        for code, r in provinces.iterrows()
    ]
    table = Table(
        ["#", ctx.label("reporter_code"), ctx.t("column.exports_usd"), ctx.t("column.share")],
        rows,
        [True, False, True, True],
    )
    return Section(ctx.t("section.canada"), [*province_map(d, ctx), table])


def canada_share(d: HasTrade, ctx: ReportContext) -> Section:
    """Québec's share of Canada's exports to the subject and imports from it, among the provinces."""
    trade = d.trade
    if trade.converted:
        return _provinces_of_states(d, ctx)
    provinces = trade.provinces
    shares = provinces.exports if provinces is not None else pd.DataFrame()
    if shares.empty:
        return missing(
            ctx.t("section.canada"), "missing.why_no_provinces_country", ctx, for_=ctx.phrase(d.subject, "for")
        )
    names = {code: ctx.province(code) for code in shares.index}
    frame = pd.DataFrame({"province": shares.index.map(names), "share_pct": shares["share_pct"].to_numpy()})
    heading = (
        ctx.t("section.canada") if provinces.year == trade.year else f"{ctx.t('section.canada')}, {provinces.year}"
    )
    chart = charts.province_shares(frame, heading, ctx.t("chart.share_axis"), names[QUEBEC])
    alt = ctx.t("chart.canada_alt", to=ctx.phrase(d.subject, "to"), year=provinces.year)
    imports, policy = provinces.imports, display.for_provinces(provinces)
    rows = [
        [
            ctx.ordinal(r["rank"]),
            names[code],
            ctx.number(display.in_unit(r["value"], policy.unit), policy.digits),
            ctx.percent(r["share_pct"]),
            ctx.number(display.in_unit(imports["value"].get(code, math.nan), policy.unit), policy.digits),
            ctx.percent(imports["share_pct"].get(code, math.nan)),
        ]
        for code, r in shares.iterrows()
    ]
    columns = [
        "#",
        ctx.label("reporter_code"),
        ctx.in_unit(ctx.t("column.flow_export"), policy.unit),
        ctx.t("column.share"),
        ctx.in_unit(ctx.t("column.flow_import"), policy.unit),
        ctx.t("column.share"),
    ]
    return Section(
        heading,
        [
            ctx.figure("canada", chart, alt, frame),
            Table(columns, rows, [True, False, True, True, True, True]),
            Note(ctx.t("sources.caveat_imports_clearance"), "caveat"),
            Note(ctx.t("sources.method_canada"), "method"),
        ],
    )


# --- modes of transport --------------------------------------------------------------------------------------------


def modes(d: HasTrade, ctx: ReportContext) -> Section | None:
    """The modes of transport, where the source records them (BTS); nothing for a source that does not."""
    trade = d.trade
    if trade.modes is None:
        return None
    if trade.modes.empty:
        return missing(ctx.t("section.state_modes"), "missing.why_no_sections", ctx)
    names = words.mode_names(ctx.lang)
    exports = trade.modes[trade.modes["flow"].eq("export")]
    frame = pd.DataFrame(
        {"member": exports["mode_code"].map(names).to_numpy(), "share_pct": exports["share_pct"].to_numpy()}
    )
    chart = charts.member_weights(frame, ctx.t("section.state_modes"), ctx.t("column.share"))
    wide = trade.modes.pivot_table(index="mode_code", columns="flow", values="share_pct").reindex(exports["mode_code"])
    rows = [
        [names[code], ctx.percent(r.get("export", math.nan)), ctx.percent(r.get("import", math.nan))]
        for code, r in wide.iterrows()
    ]
    return Section(
        ctx.t("section.state_modes"),
        [
            ctx.figure("modes", chart, ctx.t("chart.state_modes_alt", year=trade.year), frame),
            Table(
                [ctx.t("column.mode"), ctx.t("column.flow_export"), ctx.t("column.flow_import")],
                rows,
                [False, True, True],
            ),
        ],
    )


# --- sources -------------------------------------------------------------------------------------------------------


def _cited(figures: pd.DataFrame, ctx: ReportContext) -> list[tuple[str, str]]:
    """Each published figure as `year, flow: value` beside the address that publishes it; a figure in constant
    dollars says so (it is why it was not used)."""

    def value(r) -> str:
        shown = ctx.money(r.value_cad)
        return f"{shown} ({ctx.t('sources.basis_' + r.basis)})" if r.basis in NOT_CURRENT_DOLLARS else shown

    return [
        (ctx.labelled(f"{r.ref_year}, {ctx.t('column.flow_' + r.flow).lower()}", value(r)), r.source_url)
        for r in figures.sort_values(["ref_year", "flow"]).itertuples()
    ]


def sources(d: HasTrade, ctx: ReportContext) -> Section:
    """The sources of the figures, each with its caveats, and the published figures the years use or leave out."""
    trade = d.trade
    published = [
        Links(ctx.t(intro), _cited(figures, ctx))
        for intro, figures in (
            ("sources.figures_used", trade.published_figures),
            ("sources.other_published", trade.other_published),
        )
        if len(figures)
    ]
    before = (Note(ctx.t("sources.relations_sources_note"), "method"),)
    generated = Note(ctx.t("sources.generated_from"), "method")
    return citations.sources_section(trade.source_ids, ctx, *published, generated, before=before, caveats="each")
