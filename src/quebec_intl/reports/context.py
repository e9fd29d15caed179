"""The report context: the language and everything written in it (text catalogue, names, numbers, money, table
headers, the missing-value mark), in one home, so a section never asks which language it is in."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import lazy
from ..analysis import formatting as fmt
from ..analysis import names, typography
from ..analysis.text import t, t_count
from ..data import fields, reference
from ..data.partners import Partner, all_partners
from ..visual import theme
from ..visual.blocks import Figure, Link, Subject

alt = lazy.module("altair")  # imported when a chart is first made (quebec_intl.lazy)


@dataclass(frozen=True)
class LanguageFormats:
    """Numbers, money, table cells and headers as the report's language writes them."""

    lang: str

    MISSING = fmt.MISSING

    # --- numbers ------------------------------------------------------------------------------------------------

    def money(self, value: float, currency: str = "CAD") -> str:
        return fmt.money(value, self.lang, currency=currency)

    def signed_money(self, value: float) -> str:
        text = self.money(value)
        return text if value < 0 else "+" + text

    def number(self, value: float, digits: int = 0) -> str:
        return fmt.number(value, self.lang, digits)

    def percent(self, value_pct: float, signed: bool = False) -> str:
        return fmt.percent(value_pct, self.lang, signed=signed)

    def points(self, value: float) -> str:
        return fmt.points(value, self.lang)

    def ordinal(self, n: object) -> str:
        """1st, 2e; a dash for a rank there is none of (a suppressed value)."""
        return fmt.ordinal(int(n), self.lang) if pd.notna(n) else self.MISSING

    def date(self, value: object) -> str:
        """A date as precise as its source, written out (15 novembre 2007, juin 2019); a dash if missing."""
        return fmt.date(value, self.lang) if isinstance(value, str) and value else self.MISSING

    def year(self, value: object) -> str:
        return str(int(value)) if pd.notna(value) else self.MISSING

    def text(self, value: str) -> str:
        """A text from the data (a title, a name), set as the report's language sets it: French spacing,
        Québec with its accent and Canadian spelling in English."""
        return typography.for_language(value, self.lang)

    # --- table cells and headers --------------------------------------------------------------------------------

    def billions(self, value: float, digits: int = 1) -> str:
        """Table cells: billions with a fixed number of decimals, so columns line up; the unit is in the header."""
        return self.number(value / fields.unit_factor("CAD_billion"), digits)

    def label(self, field: str) -> str:
        """A column header: the field's label in the field dictionary."""
        return fields.label(field, self.lang)

    def in_unit(self, header: str, unit: str) -> str:
        """A header with its unit from the field dictionary: Exports ($ billions)."""
        return f"{header} ({fields.units()[unit].label(self.lang)})"

    def in_billions(self, header: str) -> str:
        return self.in_unit(header, "CAD_billion")

    # --- charts -------------------------------------------------------------------------------------------------

    def figure(
        self, name: str, chart: alt.TopLevelMixin, description: str, data: pd.DataFrame, geometries: tuple = ()
    ) -> Figure:
        """A chart as the page shows it, carrying the house style and its numbers and dates as the report's
        language writes them (`theme.styled`): its own, whatever context is made after it."""
        return Figure(name, theme.styled(chart, self.lang), description, data, geometries)


@dataclass(frozen=True)
class ReportContext(LanguageFormats):
    """What a section needs to write in its language: the formats, the text catalogue and the names."""

    @classmethod
    def of(cls, lang: str) -> ReportContext:
        fmt.locale(lang)  # an unknown language fails here, once, with the languages there are
        return cls(lang)

    # --- text ---------------------------------------------------------------------------------------------------

    def t(self, key: str, /, **values: object) -> str:
        return t(self.lang, key, **values)

    def count(self, key: str, count: int, /, **values: object) -> str:
        return t_count(self.lang, key, count, **values)

    def localized(self, field: str) -> str:
        """The column holding a text in the report's language: `name` is `name_fr` or `name_en`."""
        return f"{field}_{self.lang}"

    def pick(self, row: object, field: str) -> str:
        """A row's text in the report's language, set as the language sets it."""
        return self.text(getattr(row, self.localized(field)))

    def join(self, items: list[str]) -> str:
        """Items of a list written as one line: separated by semicolons, spaced as the language spaces them."""
        return self.t("typography.list_separator").join(items)

    def labelled(self, label: str, text: str) -> str:
        return f"{label}{self.t('typography.colon')}{text}"

    def period(self, first: int, last: int) -> str:
        return str(first) if first == last else self.t("typography.period_range", first=first, last=last)

    # --- names --------------------------------------------------------------------------------------------------

    def name(self, code: object) -> str:
        """A partner code as the reader should see it: its name, the code itself if unknown, a dash if missing."""
        if not isinstance(code, str):
            return self.MISSING
        partner = all_partners().get(code)
        return partner.name(self.lang) if partner else code

    def phrase(self, partner: Partner, role: str) -> str:
        """`role` "to", "from", "with" or "of": vers les États-Unis, from the United States, de la Géorgie."""
        return names.partner_phrase(partner, self.lang, role)

    def agreeing(self, key: str, partner: Partner, /, **values: object) -> str:
        """A sentence whose subject is the partner, its verb agreeing with it: the catalogue's `<key>_plural`
        where the name is plural in the report's language."""
        return self.t(f"{key}_plural" if partner.is_plural(self.lang) else key, partner=self.subject(partner), **values)

    def subject(self, partner: Partner) -> str:
        """The partner as a sentence's subject: La Géorgie, The United States."""
        return names.capitalized(partner.name_with_article(self.lang))

    def province(self, code: str) -> str:
        return reference.province_name(code, self.lang)

    def section_name(self, code: str) -> str:
        return reference.section_name(code, self.lang)

    def source_link(self, url: str, kind: str = "official") -> Link:
        """The link to the page supporting a row; a secondary source (press, encyclopedia) says so."""
        if kind in SECONDARY_KINDS:
            return Link(f"{self.t('sources.link')} ({self.t('sources.secondary_source')})", url)
        return Link(self.t("sources.link"), url)

    def gendered(self, key: str, partner: Partner, /, **values: object) -> str:
        """A sentence whose participle agrees with a feminine name (la Géorgie est mise en évidence): the catalogue's
        `<key>_feminine` where the reference data records the name as feminine in the report's language."""
        return self.t(f"{key}_feminine" if partner.is_feminine(self.lang) else key, **values)

    def flow_labels(self) -> dict[str, str]:
        return {flow: self.t(f"column.flow_{flow}") for flow in ("export", "import", "balance")}


SECONDARY_KINDS = ("secondary", "secondary-scholarly")  # a page that is not the government's or the body's own


def page_subject(code: str, name_en: str, name_fr: str) -> Subject:
    """What the site index files a page under: a code a reader would know (none for a region), the names."""
    return Subject(code, name_en, name_fr)


def catalogue_subject(code: str, key: str) -> Subject:
    """A page subject whose names are a catalogue entry in each language."""
    return Subject(code, t("en", key), t("fr", key))


def product_name(code: str, classification: str, ctx: ReportContext) -> str:
    """A NAPCS section by its official name; an HS chapter by its number and title."""
    if classification == "chapter":
        return ctx.t("trade.product_chapter", code=code, name=ctx.text(reference.hs_chapter_name(code, ctx.lang)))
    return ctx.section_name(code)


def product_cell(code: str, classification: str, ctx: ReportContext) -> str:
    """The product's name as a table's cell starts it: « Chapitre 84 du SH, … »."""
    return names.capitalized(product_name(code, classification, ctx))
