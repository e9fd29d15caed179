"""Sections on Québec's trade with a US state or a group of states, by year, from BTS TransBorder: shared by the
partner profile of a state and the region profile. Each is a function of a data object holding `states`
(a StateProfile) and `subject` (the state or the region, for the sentences), and the context."""

from __future__ import annotations

import math
from typing import Protocol

import pandas as pd
from babel.dates import get_month_names

from ..analysis import narrative
from ..analysis.formatting import locale
from ..analysis.states import TOP_CHAPTERS, StateProfile
from ..analysis.text import joined
from ..data import reference
from ..data.fields import unit_factor
from ..data.partners import all_partners
from ..data.reference import QUEBEC
from ..visual import charts, maps
from ..visual.blocks import Note, Section, Table
from . import citations, line_breaks
from .context import ReportContext
from .trade_sections import VALUE_FORMAT, missing

FIRST_ANNUAL_RATE = 2017


class HasStates(Protocol):
    states: StateProfile
    subject: object  # a Partner or a Region: what the sentences name
    states_sources: list  # the registered sources the figures come from, cited on the page


def year_label(p: StateProfile, year: int, ctx: ReportContext) -> str:
    """2024; a partial year with its months: janvier–septembre 2020, January 2015."""
    held, first, last = p.months_held.get(year, (12, 1, 12))
    if held == 12:
        return str(year)
    names = get_month_names("wide", locale=locale(ctx.lang))
    months = names[first] if first == last else f"{names[first]}–{names[last]}"
    return f"{months} {year}"


def _money(p: StateProfile, column: str, year: int, ctx: ReportContext) -> tuple[str, str]:
    """A flow in Canadian dollars (US dollars when no rate is at hand) and in US dollars, in words."""
    usd = ctx.money(p.value(f"{column}_usd", year), currency="USD")
    cad = p.value(f"{column}_cad", year)
    return (usd, usd) if math.isnan(cad) else (ctx.money(cad), usd)


def _change(p: StateProfile, flow: str, year: int, ctx: ReportContext) -> str:
    growth = p.growth_pct(flow, year)
    if math.isnan(growth):
        return "."
    key = "change_flat" if round(growth, 1) == 0 else ("change_up" if growth > 0 else "change_down")
    return ", " + ctx.t(key, pct=ctx.percent(abs(growth)), prev=year - 1) + "."


def direction(d: HasStates, role: str, ctx: ReportContext) -> str:
    """ "vers la Géorgie"; for a group, « vers les 6 États américains membres de la SEUS-CP »: a region's figures
    cover its US states only, never its other members, and of those only the ones the source has figures for."""
    if len(d.states.codes) == 1:
        return ctx.phrase(d.subject, role)
    codes = d.states.covered
    with_territories = any(all_partners()[code].kind == "us_territory" for code in codes)
    key = f"state_territory_group_{role}" if with_territories else f"state_group_{role}"
    return ctx.t(key, count=len(codes), belonging=narrative.belonging(d.subject, ctx.lang))


def _modes_sentence(p: StateProfile, to: str, ctx: ReportContext) -> str | None:
    """Every mode carrying at least 1 % of the exports, largest first, and rail always (it matters to readers)."""
    exports = p.modes[p.modes["flow"].eq("export")].set_index("mode_code")["share_pct"]
    if exports.empty:
        return None
    names = dict(zip(reference.transport_modes()["code"], reference.transport_modes()[ctx.localized("name")]))
    shown = [code for code, share in exports.items() if share >= 1.0 or code == "rail"]
    if "rail" not in shown:
        shown.append("rail")
    items = ", ".join(f"{names[code].lower()} {ctx.percent(exports.get(code, 0.0))}" for code in shown)
    return ctx.t("state_modes_sentence", to=to, items=items)


def summary(d: HasStates, ctx: ReportContext) -> Section:
    p, year = d.states, d.states.year
    if year is None or year not in p.flows.index:
        return Section(ctx.t("summary"), [Note(ctx.t("no_data", with_=ctx.phrase(d.subject, "with")))])
    to, from_ = direction(d, "to", ctx), direction(d, "from", ctx)
    value, usd = _money(p, "export", year, ctx)
    lines = [
        ctx.t("state_export_sentence", year=year_label(p, year, ctx), value=value, usd=usd, to=to)
        + _change(p, "export", year, ctx)
    ]
    value, usd = _money(p, "import", year, ctx)
    lines.append(ctx.t("state_import_sentence", value=value, usd=usd, from_=from_) + _change(p, "import", year, ctx))
    if len(p.codes) == 1 and p.us_rank is not None:
        lines.append(
            ctx.t(
                "state_us_rank_sentence",
                subject=ctx.subject(d.subject),
                rank=ctx.ordinal(p.us_rank),
                share=ctx.percent(p.share_of_us_pct),
            )
        )
    elif len(p.codes) > 1:
        lines.append(ctx.t("state_us_share_sentence", share=ctx.percent(p.share_of_us_pct)))
    if QUEBEC in p.provinces.index:
        lines.append(
            ctx.t(
                "state_provinces_sentence",
                share=ctx.percent(p.provinces.at[QUEBEC, "share_pct"]),
                to=to,
                rank=ctx.ordinal(p.provinces.at[QUEBEC, "rank"]),
            )
        )
    modes = _modes_sentence(p, to, ctx)
    return Section(ctx.t("summary"), [" ".join(lines + ([modes] if modes else []))])


def no_rate_note(years: list[int], ctx: ReportContext) -> list[Note]:
    """The years the Bank of Canada has no annual rate for yet: shown in US dollars, never at another year's rate."""
    if not years:
        return []
    return [Note(ctx.count("no_rate_yet", len(years), years=joined(ctx.lang, [str(y) for y in years])), "method")]


def conversion_notes(p: StateProfile, ctx: ReportContext) -> list[Note]:
    """How Canadian dollars were obtained, the years without a rate yet, and the Bank's change of method when the
    years span 2017."""
    years = p.flows.index[p.flows["rate"].notna()]
    if not len(years):
        return [Note(ctx.t("state_usd_only_note"), "method")]
    notes = [Note(ctx.t("state_conversion_note"), "method"), *no_rate_note(p.years_without_rate, ctx)]
    if years.min() < FIRST_ANNUAL_RATE <= years.max():
        notes.append(Note(ctx.t("state_method_note"), "method"))
    return notes


def partial_notes(p: StateProfile, ctx: ReportContext) -> list[Note]:
    return [
        Note(ctx.t("state_partial_note", label=year_label(p, year, ctx)), "caveat")
        for year in p.flows.index
        if not p.is_whole(year)
    ]


def trend(d: HasStates, ctx: ReportContext) -> Section:
    p, section = d.states, Section(ctx.t("trend"))
    whole = p.flows[[p.is_whole(year) for year in p.flows.index]]  # a partial year would look like a fall
    currency, unit = ("cad", "CAD_billion") if p.in_cad(whole.index) else ("usd", "USD_billion")
    flows = whole[[f"{flow}_{currency}" for flow in ("export", "import", "balance")]]
    frame = charts.trend_frame(
        flows.rename(columns=lambda c: c.removesuffix(f"_{currency}")),
        ctx.flow_labels(),
        value=f"value_{currency}_bn",
        unit=unit,
    )
    period = ctx.period(int(whole.index.min()), int(whole.index.max())) if len(whole) else ""
    title = f"{ctx.t('trend')}, {period}"
    chart = charts.trend(
        frame, title, ctx.in_unit(ctx.t("value"), unit), ctx.t("year"), VALUE_FORMAT, value=f"value_{currency}_bn"
    )
    alt = ctx.t("state_trend_alt", to=direction(d, "to", ctx), from_=direction(d, "from", ctx), period=period)
    million = {c: unit_factor(f"{c.upper()}_million") for c in ("cad", "usd")}
    rows = [
        [
            year_label(p, year, ctx),
            *(ctx.number(r[f"{f}_cad"] / million["cad"], 1) for f in ("export", "import", "balance")),
            *(ctx.number(r[f"{f}_usd"] / million["usd"], 1) for f in ("export", "import")),
            ctx.number(r["rate"], 4),
        ]
        for year, r in p.flows.iterrows()
    ]
    columns = [
        ctx.label("ref_year"),
        *(ctx.in_unit(ctx.t(f"flow_{f}"), "CAD_million") for f in ("export", "import", "balance")),
        *(ctx.in_unit(ctx.t(f"flow_{f}"), "USD_million") for f in ("export", "import")),
        ctx.t("rate_column"),
    ]
    section.blocks += [
        ctx.figure("trend", chart, alt, frame),
        Table(columns, rows, [False] + [True] * 6),
        *line_breaks.note(frame, "measure", ctx),
        *conversion_notes(p, ctx),
        *partial_notes(p, ctx),
    ]
    return section


def growth(d: HasStates, ctx: ReportContext) -> Section:
    p, section = d.states, Section(ctx.t("growth"))
    if p.growth.empty:
        return missing(section.heading, "why_no_growth", ctx)
    labels = ctx.flow_labels()
    long = (
        p.growth.rename(columns=lambda c: c.removesuffix("_pct"))
        .reset_index()
        .melt(id_vars="ref_year", var_name="flow", value_name="growth_pct")
        .dropna()
    )
    frame = long.assign(measure=long["flow"].map(labels))[["ref_year", "measure", "growth_pct"]]
    period = ctx.period(int(frame["ref_year"].min()), int(frame["ref_year"].max()))
    chart = charts.growth(frame, ctx.t("growth"), ctx.t("growth_axis"), ctx.t("year"))
    rows = [
        [str(year), ctx.percent(r["export_pct"], signed=True), ctx.percent(r["import_pct"], signed=True)]
        for year, r in p.growth.iterrows()
    ]
    section.blocks += [
        ctx.figure("growth", chart, ctx.t("chart_growth_alt", period=period), frame),
        Table([ctx.label("ref_year"), labels["export"], labels["import"]], rows, [False, True, True]),
        Note(ctx.t("state_growth_note", currency=ctx.t(f"currency_{p.growth_currency}")), "method"),
    ]
    return section


def product_mix(d: HasStates, ctx: ReportContext) -> Section:
    p, year = d.states, d.states.year
    if p.chapters.empty:
        return missing(ctx.t("state_chapters"), "why_no_sections", ctx)
    top = p.chapters.head(TOP_CHAPTERS)
    names = {code: f"{code} {ctx.text(reference.hs_chapter_name(code, ctx.lang))}" for code in top.index}
    bars = pd.DataFrame(
        [
            {"section": names[code], "period": str(y), "value_usd_bn": r[c] / unit_factor("USD_billion")}
            for code, r in top.iterrows()
            for y, c in ((year - 1, "value_prev_usd"), (year, "value_usd"))
            if not math.isnan(r[c])
        ]
    )
    chart = charts.section_bars(
        bars, ctx.t("state_chapters"), ctx.in_unit(ctx.t("value"), "USD_billion"), VALUE_FORMAT, value="value_usd_bn"
    )
    rows = [
        [
            names[code],
            ctx.number(r["value_usd"] / unit_factor("USD_million"), 1),
            ctx.percent(r["share_pct"]),
            ctx.number(r["change_usd"] / unit_factor("USD_million"), 1),
        ]
        for code, r in top.iterrows()
    ]
    columns = [
        ctx.t("chapter"),
        ctx.in_unit(year_label(p, year, ctx), "USD_million"),
        ctx.t("share"),
        ctx.in_unit(ctx.t("change_vs", year=year - 1), "USD_million"),
    ]
    alt = ctx.t("state_chapters_alt", year=year, prev=year - 1)
    return Section(
        ctx.t("state_chapters"),
        [
            ctx.figure("mix", chart, alt, bars),
            Table(columns, rows, [False, True, True, True]),
            Note(ctx.t("state_chapter_names_note"), "method"),
        ],
    )


def province_frame(p: StateProfile, ctx: ReportContext) -> pd.DataFrame:
    """Every province and territory, those with no exports to the state(s) at zero and without a rank: what the map
    draws and its CSV holds."""
    codes = reference.subnational_codes()
    shares = p.provinces.reindex(codes)
    names = [ctx.province(code) for code in codes]
    return pd.DataFrame(
        {
            "province_code": codes,
            "province": names,
            "value_usd_m": shares["value_usd"].fillna(0.0).to_numpy() / unit_factor("USD_million"),
            "share_pct": shares["share_pct"].fillna(0.0).to_numpy(),
            "rank": pd.array(shares["rank"].to_numpy(), dtype="Int64"),
            "rank_label": [ctx.ordinal(rank) for rank in shares["rank"]],
            "description": [_province_label(name, row, ctx) for name, (_, row) in zip(names, shares.iterrows())],
        }
    )


def _province_label(name: str, row: pd.Series, ctx: ReportContext) -> str:
    """What a screen reader says of a province on the map, in the page's words: « Québec : 30,8 % des exportations
    canadiennes, 8 043,6 M$ US (2e rang) »."""
    if not row["value_usd"] > 0:
        return ctx.t("state_provinces_map_none", province=name)
    return ctx.t(
        "state_provinces_map_label",
        province=name,
        share=ctx.percent(row["share_pct"]),
        value=ctx.money(row["value_usd"], currency="USD"),
        rank=ctx.ordinal(row["rank"]),
    )


def province_map(d: HasStates, ctx: ReportContext) -> list:
    """The map of the provinces and territories, each coloured by its share and Québec outlined, with a note naming
    those in grey (no exports) and the base map's credit; without the base map, a line saying the table stands alone."""
    if not maps.has_canada_provinces():
        return [Note(ctx.t("why_no_province_map"), "method")]
    p, to = d.states, direction(d, "to", ctx)
    frame, year = province_frame(p, ctx), year_label(p, p.year, ctx)
    titles = {
        "title": ctx.t("state_provinces_map", to=to, year=year),
        "share": ctx.t("share_axis"),
        "value": ctx.in_unit(ctx.t("flow_export"), "USD_million"),
        "rank": ctx.t("rank"),
    }
    chart = charts.province_map(maps.named_data("ca_provinces"), frame.drop(columns="rank"), QUEBEC, titles)
    alt = ctx.t("state_provinces_map_alt", to=to, year=year)
    table = frame.drop(columns=["rank_label", "description"])
    blocks = [ctx.figure("provinces-map", chart, alt, table, ("ca_provinces",))]
    grey = frame.loc[frame["value_usd_m"].eq(0), "province"].tolist()
    if grey:
        blocks.append(Note(ctx.t("state_provinces_map_grey", names=joined(ctx.lang, grey), to=to, year=year), "method"))
    return [*blocks, Note(ctx.t("state_provinces_map_credit"), "method")]


def canada_share(d: HasStates, ctx: ReportContext) -> Section:
    """Every province's exports to the state(s): on a map of Canada, Québec outlined, and in a ranked table."""
    p = d.states
    if len(p.provinces) < 2:
        return missing(ctx.t("canada"), "why_no_provinces", ctx)
    rows = [
        [
            ctx.ordinal(r["rank"]),
            ctx.province(code),
            ctx.money(r["value_usd"], currency="USD"),
            ctx.percent(r["share_pct"]),
        ]
        for code, r in p.provinces.iterrows()
    ]
    table = Table(
        ["#", ctx.label("reporter_code"), ctx.t("exports_usd"), ctx.t("share")], rows, [True, False, True, True]
    )
    return Section(ctx.t("canada"), [*province_map(d, ctx), table])


def modes(d: HasStates, ctx: ReportContext) -> Section:
    p = d.states
    if p.modes.empty:
        return missing(ctx.t("state_modes"), "why_no_sections", ctx)
    names = dict(zip(reference.transport_modes()["code"], reference.transport_modes()[ctx.localized("name")]))
    exports = p.modes[p.modes["flow"].eq("export")]
    frame = pd.DataFrame(
        {"member": exports["mode_code"].map(names).to_numpy(), "share_pct": exports["share_pct"].to_numpy()}
    )
    chart = charts.member_weights(frame, ctx.t("state_modes"), ctx.t("share"))
    wide = p.modes.pivot_table(index="mode_code", columns="flow", values="share_pct").reindex(exports["mode_code"])
    rows = [
        [names[code], ctx.percent(r.get("export", math.nan)), ctx.percent(r.get("import", math.nan))]
        for code, r in wide.iterrows()
    ]
    return Section(
        ctx.t("state_modes"),
        [
            ctx.figure("modes", chart, ctx.t("state_modes_alt", year=p.year), frame),
            Table([ctx.t("mode"), ctx.t("flow_export"), ctx.t("flow_import")], rows, [False, True, True]),
        ],
    )


def sources(d: HasStates, ctx: ReportContext) -> Section:
    """The files the figures come from: BTS TransBorder and the Bank of Canada's rates, each with its caveats."""
    section = Section(ctx.t("sources"), [Note(ctx.t("relations_sources_note"), "method")])
    for source in d.states_sources:
        section.blocks.append(citations.cited(source, ctx))
        section.blocks.extend(Note(ctx.t(f"caveat_{c}"), "caveat") for c in source.caveats)
    section.blocks.append(Note(ctx.t("generated_from"), "method"))
    return section
