"""Sections on Québec's network abroad (offices, agreements, the Francophonie, SEUS-CP, events), shared by the
relations report, the partner profile's relations side and the overview's office map. Each is a function of a
report's data object holding a `network: Network`, and the context. Every row links to the page that supports it."""

from __future__ import annotations

from typing import Protocol

import pandas as pd

from ..analysis import names
from ..analysis.collation import sorted_names
from ..analysis.network import OFFICE_RANK, QUEBEC_MEMBER, REGION_BODIES, Network
from ..analysis.text import joined
from ..data.partners import all_partners
from ..data.regions import Region
from ..visual import charts, maps
from ..visual.blocks import Figure, Links, Note, Section, Table
from .context import ReportContext

EVENT_KINDS = (
    "summit",
    "conference",
    "cancelled_conference",
    "office_opening",
    "agreement_signature",
    "ministerial_mission",
    "other",
)

CONFERENCE_KINDS = ("conference", "summit", "cancelled_conference")


class HasNetwork(Protocol):
    network: Network


def _office_types(ctx: ReportContext) -> list[str]:
    return [ctx.t("relations.office_type_" + k) for k in OFFICE_RANK]


def _network_summary(open_offices: pd.DataFrame, region: Region | None, ctx: ReportContext) -> list[str]:
    """The open offices counted by type, across the whole network or, on a region's page, the region's countries
    (never said as if they were the whole network)."""
    by_type = open_offices["office_type"].value_counts()
    types = ", ".join(
        ctx.labelled(ctx.t("relations.office_type_" + k).lower(), str(by_type[k])) for k in OFFICE_RANK if k in by_type
    )
    counts = {"open": len(open_offices), "countries": open_offices["country_code"].nunique(), "types": types}
    if region is None:
        lines = [ctx.t("relations.offices_summary", **counts)]
    else:
        lines = [ctx.t("relations.offices_summary_region", belonging=names.belonging(region, ctx.lang), **counts)]
    dated = open_offices.dropna(subset=["opened_year"]).sort_values("opened_year")
    if len(dated):
        lines.append(
            ctx.t("relations.oldest_open", city=city_of(dated.iloc[0], ctx), year=int(dated.iloc[0]["opened_year"]))
        )
    return lines


def city_of(row, ctx: ReportContext) -> str:
    """A row's city as the report's language writes it (Londres, Philadelphie)."""
    city = row.city_fr if ctx.lang == "fr" else row.city
    return city if isinstance(city, str) else ""


def title_of(row, ctx: ReportContext) -> str:
    """An event's or agreement's title in the report's language: the official French wording where a page gives
    one, else the French the project wrote (never marked as a translation: the page is written in French)."""
    return ctx.text(row.title_fr if ctx.lang == "fr" else row.title_en)


def official_total(network: Network, ctx: ReportContext) -> dict[str, object]:
    """The values that frame a count of agreements by the ministry's total (« sur plus de 775 … (ministère, 2019) »)."""
    total = network.official_total()
    return {"total": ctx.number(total[0]), "year": total[1]} if total else {"total": ctx.MISSING, "year": ctx.MISSING}


def register_link(ctx: ReportContext) -> Links:
    """The ministry's register of agreements, the full list this page draws from, in the page's language."""
    return Links(
        ctx.t("relations.agreements_register_intro"),
        [(ctx.t("relations.agreements_register"), ctx.t("relations.agreements_register_url"))],
    )


def offices(d: HasNetwork, ctx: ReportContext) -> Section:
    network, section = d.network, Section(ctx.t("section.offices"))
    chosen = network.offices
    if network.partner is not None:
        of, open_count = ctx.phrase(network.partner, "of"), int(chosen["is_open"].sum())
        section.blocks.append(
            ctx.count("relations.open_offices_partner", open_count, of=of)
            if open_count
            else ctx.t("relations.no_offices_partner", of=of)
        )
        if open_count < len(chosen):
            section.blocks.append(ctx.count("relations.closed_offices_partner", len(chosen) - open_count))
    elif network.region is not None and not chosen["is_open"].any():  # none in its countries (Oceania): said
        section.blocks.append(ctx.t("relations.no_offices_region", of=ctx.phrase(network.region, "of")))
    elif _across_countries(network):
        section.blocks.extend(_network_summary(chosen[chosen["is_open"]], network.region, ctx))
    if chosen.empty:
        return section
    dated = chosen.dropna(subset=["opened_year"])
    if len(dated):
        frame = pd.DataFrame(
            {
                "office": dated[ctx.localized("name")],
                "opened": dated["opened_year"].astype(int),
                "type": dated["office_type"].map(lambda k: ctx.t("relations.office_type_" + k)),
                "status": [_status(row, ctx) for row in dated.itertuples()],
            }
        )
        period = ctx.period(int(frame["opened"].min()), int(frame["opened"].max()))
        titles = {  # the page's words, in the tooltip and the CSV download
            "office": ctx.label("office_id"),
            "opened": ctx.t("chart.openings_axis"),
            "type": ctx.t("column.office_type"),
            "status": ctx.t("column.status"),
        }
        chart = charts.timeline(
            frame,
            charts.Items("opened", "office", "type", _office_types(ctx), titles),
            ctx.labelled(ctx.t("section.offices"), period),
            ctx.t("chart.openings_axis"),
            status=("status", ctx.t("relations.open_now")),
        )
        section.blocks += [
            ctx.figure("offices-timeline", chart, ctx.t("chart.offices_alt"), frame.rename(columns=titles)),
            Note(ctx.t("chart.offices_chart_key"), "method"),
        ]
    if network.partner is None and chosen["is_open"].any() and _across_countries(network):
        section.blocks.append(office_map(network.open_offices_everywhere, ctx))
    section.blocks.append(_offices_table(chosen, ctx))
    return section


def _across_countries(network: Network) -> bool:
    """Whether the offices shown span countries (the whole network, a continent), so that a count by country and a
    world map say something; a region of US states (the Atlanta territory) has one country."""
    return network.region is None or network.offices["country_code"].nunique() > 1


def office_map(open_offices: pd.DataFrame, ctx: ReportContext) -> Figure:
    """Countries with an open office, by the highest type there."""
    rank = {k: i for i, k in enumerate(OFFICE_RANK)}
    best = (
        open_offices.assign(rank=open_offices["office_type"].map(rank))
        .sort_values("rank")
        .drop_duplicates("country_code")
    )
    frame = pd.DataFrame(
        {
            "id": best["country_code"].map(maps.iso_numeric),
            "country": best["country_code"].map(ctx.name),
            "type": best["office_type"].map(lambda k: ctx.t("relations.office_type_" + k)),
        }
    ).dropna(subset=["id"])
    chart = charts.choropleth(
        charts.Shading(maps.named_data("world"), frame, "id", "id", "type", "country"),
        charts.MapLook(
            ctx.t("section.map_offices"), ctx.t("column.office_type"), "equalEarth", order=_office_types(ctx)
        ),
    )
    return ctx.figure("offices-map", chart, ctx.t("chart.offices_map_alt"), frame.drop(columns="id"), ("world",))


def offices_network(d: HasNetwork, ctx: ReportContext) -> Section:
    return Section(ctx.t("section.offices_network"), [office_map(d.network.open_offices_everywhere, ctx)])


def _status(row, ctx: ReportContext) -> str:
    if row.is_open:
        return ctx.t("relations.open_now")
    return (
        ctx.t("relations.closed_in", year=int(row.closed_year))
        if pd.notna(row.closed_year)
        else ctx.t("relations.historic")
    )


def _offices_table(chosen: pd.DataFrame, ctx: ReportContext) -> Table:
    ordered = chosen.sort_values(["is_open", "opened_year"], ascending=[False, True], na_position="last")
    rows = [
        [
            ctx.pick(row, "name"),
            ctx.t("relations.office_type_" + row.office_type),
            _place(row, ctx),
            ctx.name(row.country_code),
            ctx.year(row.opened_year),
            _status(row, ctx),
            ctx.source_link(row.source_url, row.source_kind),
        ]
        for row in ordered.itertuples()
    ]
    return Table(
        [
            ctx.label("office_id"),
            ctx.label("office_type"),
            ctx.label("city"),
            ctx.label("country_code"),
            ctx.label("opened_year"),
            ctx.t("column.status"),
            ctx.t("column.source"),
        ],
        rows,
    )


def _place(row, ctx: ReportContext) -> str:
    """The office's city, with its state for a US office: Atlanta (Géorgie)."""
    city = city_of(row, ctx)
    state = ctx.name(row.us_state_code) if isinstance(row.us_state_code, str) else city
    return ctx.t("relations.city_in_state", city=city, state=state) if state != city else city


def agreements(d: HasNetwork, ctx: ReportContext) -> Section:
    network, section = d.network, Section(ctx.t("section.agreements"))
    chosen, framing = network.agreements, official_total(d.network, ctx)
    subject = network.partner if network.partner is not None else network.region
    if subject is not None:
        with_ = ctx.phrase(subject, "with")
        section.blocks.append(
            ctx.count("relations.agreements_partner_summary", len(chosen), with_=with_, **framing)
            if len(chosen)
            else ctx.t("relations.no_agreements_partner", with_=with_, **framing)
        )
    elif len(chosen):
        years = chosen["signed_year"].dropna()
        section.blocks.append(
            ctx.t(
                "relations.agreements_summary",
                count=len(chosen),
                first=int(years.min()),
                last=int(years.max()),
                **framing,
            )
        )
    section.blocks.append(register_link(ctx))
    if len(chosen.dropna(subset=["signed_year"])) >= 2:
        counted = network.agreements_by_decade()
        frame = counted.assign(
            decade=counted["decade"].map(lambda decade: ctx.t("relations.decade_label", decade=decade)),
            domain=counted["domain"].map(lambda k: ctx.t("relations.domain_" + k)),
        ).sort_values(["decade", "domain"], ignore_index=True)  # in the order of the labels
        chart = charts.stacked_counts(
            frame,
            charts.Items("decade", "count", "domain"),
            ctx.t("section.agreements"),
            (ctx.t("column.decade"), ctx.t("chart.count_axis")),
        )
        section.blocks.append(ctx.figure("agreements", chart, ctx.t("chart.agreements_alt"), frame))
    if len(chosen):
        ordered = chosen.sort_values("signed_year", na_position="last")
        rows = [
            [
                ctx.date(row.signed_date),
                ctx.pick(row, "counterpart_name"),
                ctx.t("relations.domain_" + row.domain),
                ctx.t("relations.in_force_" + row.in_force),
                title_of(row, ctx),
                ctx.source_link(row.source_url, row.source_kind),
            ]
            for row in ordered.itertuples()
        ]
        section.blocks.append(
            Table(
                [
                    ctx.label("signed_date"),
                    ctx.t("column.counterpart"),
                    ctx.label("domain"),
                    ctx.label("in_force"),
                    ctx.t("column.title_en"),
                    ctx.t("column.source"),
                ],
                rows,
            )
        )
        section.blocks.append(Note(ctx.t("relations.agreements_note"), "method"))
    if network.partner is None and network.region is None and len(network.counts):
        section.blocks.append(_published_counts(network.counts, ctx))
        section.blocks += _counts_disagreeing(network, ctx)
    return section


def _counts_disagreeing(network: Network, ctx: ReportContext) -> list[Note]:
    """A note for each year whose published counts of agreements signed differ, so « 775 » beside « 700 » is
    explained, not left to the reader."""
    return [
        Note(
            ctx.t("relations.counts_disagree", year=year, values=joined(ctx.lang, [ctx.number(v) for v in values])),
            "method",
        )
        for year, values in network.counts_disagreeing()
    ]


def _published_counts(counts: pd.DataFrame, ctx: ReportContext) -> Links:
    def metric(name: str) -> str:
        if name.startswith("in_force_with_"):
            return ctx.t(
                "relations.metric_in_force_with",
                with_=ctx.phrase(all_partners()[name.removeprefix("in_force_with_")], "with"),
            )
        return ctx.t("relations.metric_" + name)

    return Links(
        ctx.t("relations.published_counts"),
        [
            (f"{ctx.labelled(str(row.ref_year), ctx.number(row.count))} {metric(row.metric)}", row.source_url)
            for row in counts.sort_values(["ref_year", "metric"]).itertuples()
        ],
    )


def francophonie(d: HasNetwork, ctx: ReportContext) -> Section | None:
    """Québec in the Francophonie's bodies; on a partner's page, the partner's status at the OIF. Left out of a
    page about a US state, which the OIF does not concern."""
    network, section = d.network, Section(ctx.t("section.francophonie"))
    if network.partner is not None and network.partner.kind != "country":
        return None
    if network.partner is not None:
        status = network.oif_status()
        of = ctx.phrase(network.partner, "of")
        section.blocks.append(
            ctx.t("relations.oif_status", of=of, status=ctx.t("relations.status_" + status))
            if status
            else ctx.agreeing("relations.not_oif", network.partner)
        )
    rows = [
        [
            ctx.pick(row, "name"),
            ctx.t("relations.status_" + row.quebec_status),
            ctx.year(row.since_year),
            ctx.source_link(row.source_url, row.source_kind),
        ]
        for row in network.francophonie_bodies.itertuples()
    ]
    section.blocks.append(
        Table([ctx.label("org_id"), ctx.label("quebec_status"), ctx.label("since_year"), ctx.t("column.source")], rows)
    )
    events = network.events
    summits = events[events["org_id"].eq("sommet_francophonie") & events["event_type"].eq("summit")]
    if len(summits):
        rows = [
            [
                str(row.ref_year),
                city_of(row, ctx),
                ctx.name(row.country_code),
                ctx.source_link(row.source_url, row.source_kind),
            ]
            for row in summits.sort_values("date_start").itertuples()
        ]
        section.blocks.append(
            Table(
                [ctx.t("column.summit_year"), ctx.label("city"), ctx.label("country_code"), ctx.t("column.source")],
                rows,
            )
        )
    return section


def seus_cp(d: HasNetwork, ctx: ReportContext) -> Section | None:
    """Québec in the SEUS-CP alliance: its members and conferences. On a partner's page, only where the partner is
    a member or holds members (the United States); elsewhere the alliance does not concern it."""
    network, section = d.network, Section(ctx.t("section.seus_cp"))
    members = network.seus_cp_members
    partner = network.partner
    if partner is not None and partner.code not in members and partner.code != "USA":
        return None
    names = ", ".join(sorted_names(ctx.name(code) for code in members))
    section.blocks.append(f"{ctx.labelled(ctx.t('column.members'), names)}.")
    table = conferences_table(network, "seus_cp", ctx)
    if table is not None:
        section.blocks.append(table)
    return section


def conferences_table(network: Network, grouping: str, ctx: ReportContext) -> Table | None:
    """A grouping's conferences wherever they were held: date, name, city, Québec's status in the grouping then (a
    member from the year it joined: the facts record membership, not who attended each conference), source."""
    bodies = REGION_BODIES.get(grouping, [grouping])
    chosen = network.all_events[
        network.all_events["org_id"].isin(bodies) & network.all_events["event_type"].isin(CONFERENCE_KINDS)
    ]
    if chosen.empty:
        return None
    joined = network.memberships
    mine = joined[joined["region_id"].eq(grouping) & joined["member_code"].eq(QUEBEC_MEMBER)]["since_year"]
    since = int(mine.iloc[0]) if len(mine) and str(mine.iloc[0]).strip().isdigit() else None
    rows = [
        [
            ctx.date(row.date_start),
            title_of(row, ctx),
            where_held(row, ctx),
            _participation(row, since, ctx),
            ctx.source_link(row.source_url, row.source_kind),
        ]
        for row in chosen.sort_values("date_start").itertuples()
    ]
    columns = [
        ctx.label("date_start"),
        ctx.t("column.event"),
        ctx.label("city"),
        ctx.t("column.conference_participation"),
    ]
    return Table([*columns, ctx.t("column.source")], rows)


def where_held(row, ctx: ReportContext) -> str:
    """Where a conference met: Savannah (Géorgie), Saint John (Canada), or the country alone where the city is not
    known; nothing for a meeting held online."""
    if isinstance(row.us_state_code, str):
        return _place(row, ctx)
    city = city_of(row, ctx)
    country = ctx.name(row.country_code) if isinstance(row.country_code, str) else ""
    return f"{city} ({country})" if city and country else city or country


def _participation(row, since: int | None, ctx: ReportContext) -> str:
    """Québec's status in the grouping when it met, as the facts state it (a member since the year it joined), under a
    heading that says status, not attendance, which no fact records; a cancelled conference is said to be one."""
    if row.event_type == "cancelled_conference":
        return ctx.t("relations.event_type_cancelled_conference")
    return ctx.t("column.participation_member") if since is not None and row.ref_year >= since else ctx.MISSING


def groupings_line(network: Network, ctx: ReportContext) -> str:
    """The alliances and groupings with both Québec and the partner as members, with the partner's status."""
    mine = network.shared_groupings()
    if not mine:
        return ctx.t("relations.no_shared_groupings", name=network.partner.name_with_article(ctx.lang))
    items = ", ".join(f"{region.name(ctx.lang)} ({ctx.t('relations.status_' + status)})" for region, status in mine)
    return ctx.t("relations.shared_groupings", at=ctx.phrase(network.partner, "at"), items=items)


def events(d: HasNetwork, ctx: ReportContext) -> Section:
    """Dated events, on a timeline and in a table; for a partner, those held in it."""
    network, section = d.network, Section(ctx.t("section.events"))
    chosen = network.events
    if network.partner is not None:
        section.blocks.append(groupings_line(network, ctx))
        if chosen.empty:
            section.blocks.append(Note(ctx.t("relations.no_events_partner", with_=ctx.phrase(network.partner, "with"))))
            return section
    elif network.region is not None and chosen.empty:  # no dated event in any of its countries (Oceania): said
        section.blocks.append(Note(ctx.t("relations.no_events_region", of=ctx.phrase(network.region, "of"))))
        return section
    kinds = [ctx.t("relations.event_type_" + k) for k in EVENT_KINDS]
    frame = pd.DataFrame(
        {
            "year": chosen["ref_year"].to_numpy(),
            "event": [title_of(row, ctx) for row in chosen.itertuples()],
            "kind": chosen["event_type"].map(lambda k: ctx.t("relations.event_type_" + k)).to_numpy(),
        }
    )
    period = ctx.period(int(frame["year"].min()), int(frame["year"].max()))
    titles = {
        "year": ctx.t("column.year"),
        "kind": ctx.t("column.office_type"),
        "event": ctx.t("column.event"),
    }  # tooltip and CSV
    chart = charts.event_years(
        frame,
        charts.Items("year", "kind", "kind", kinds, titles),
        ctx.labelled(ctx.t("section.events"), period),
        ctx.t("column.year"),
    )
    section.blocks.append(ctx.figure("events", chart, ctx.t("chart.events_alt"), frame.rename(columns=titles)))
    region = network.region
    if region is not None and region.id in REGION_BODIES and chosen["event_type"].isin(CONFERENCE_KINDS).all():
        section.blocks.append(conferences_table(network, region.id, ctx))  # an alliance: its conferences
    else:
        section.blocks.append(_events_table(chosen, ctx))
    section.blocks.append(Note(ctx.t("relations.events_note"), "method"))
    return section


def _events_table(chosen: pd.DataFrame, ctx: ReportContext) -> Table:
    rows = [
        [
            ctx.date(row.date_start),
            ctx.t("relations.event_type_" + row.event_type),
            title_of(row, ctx),
            city_of(row, ctx),
            ctx.source_link(row.source_url, row.source_kind),
        ]
        for row in chosen.sort_values("date_start").itertuples()
    ]
    columns = [ctx.label("date_start"), ctx.t("column.office_type"), ctx.t("column.event"), ctx.label("city")]
    return Table([*columns, ctx.t("column.source")], rows)
