"""Numbers, money, percentages, ordinals and dates written as each language writes them (CLDR data through Babel).
Both languages take a true minus sign (−0.7 %, as Québec's publications print it); compact money always shows its
decimal, so that « 2,0 G$ » sits beside « 1,6 G$ »; a change from zero is « nouveau », never « +∞ % »."""

from __future__ import annotations

import datetime
import math
from decimal import ROUND_HALF_EVEN, Decimal

from babel import Locale
from babel.dates import format_date, format_skeleton, get_month_names
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_currency_symbol,
)

from ..errors import LanguageError
from .typography import MINUS

LOCALES = {"fr": "fr_CA", "en": "en_CA"}
LANGS = tuple(LOCALES)
ORDINAL_SUFFIXES = {"en": {"one": "st", "two": "nd", "few": "rd"}, "fr": {"one": "er"}}
ORDINAL_DEFAULT = {"en": "th", "fr": "e"}
MISSING = "–"
NEW = {"fr": "nouveau", "en": "new"}  # a change from nothing: no percentage says it


def locale(lang: str) -> str:
    try:
        return LOCALES[lang]
    except KeyError:
        raise LanguageError(f"language must be one of {', '.join(LANGS)}, not {lang!r}") from None


def as_displayed(value: float, digits: int) -> float:
    """The value rounded as its compact form prints it (half to even, like Babel), so that the word chosen for it
    agrees with the digits shown: Babel picks "milliard" or "milliards", and the scale, from the value it is given
    (1.95 billion would read "2 milliard", 999.96 million "1000 millions"). The result is nudged by a ten-millionth
    of its unit: Babel reads an exact multiple of a million with CLDR's "many" form ("1 milliards")."""
    for magnitude in (1e12, 1e9, 1e6, 1e3):
        if value >= magnitude:
            step = Decimal(10) ** -digits
            shown = float(Decimal(repr(float(value / magnitude))).quantize(step, rounding=ROUND_HALF_EVEN)) * magnitude
            if shown >= magnitude * 1000 and magnitude < 1e12:
                return as_displayed(shown, digits)
            return shown + magnitude * 1e-7
    return value


def _signed(text: str, negative: bool) -> str:
    """With a true minus sign (U+2212) in either language, as French and good English typography write it."""
    return MINUS + text if negative else text


def _fixed_decimals(text: str, shown: float, digits: int, loc: str) -> str:
    """Babel writes a compact amount with its trailing zeros dropped (« 2 G$ », "US$1 billion"); put them back, so
    that every amount of a table or a sentence shows the same decimals (« 2,0 G$ » beside « 1,6 G$ »)."""
    if not digits:
        return text
    magnitude = next(m for m in (1e12, 1e9, 1e6) if shown >= m)
    amount = Decimal(repr(shown / magnitude)).quantize(Decimal(10) ** -digits, rounding=ROUND_HALF_EVEN)
    loose = format_decimal(amount, format="#,##0.###", locale=loc)
    return text.replace(loose, format_decimal(amount, format="#,##0." + "0" * digits, locale=loc), 1)


def money(value: float, lang: str, currency: str = "CAD", digits: int = 1) -> str:
    """One money style per language, the one its tables' headers use: 1,1 G$, 739,2 M$ US, 18 600 $ in French;
    $1.1 billion, US$739.2 million, $18,600 in English. Below a million the amount is written in full."""
    if value is None or math.isnan(value):
        return MISSING
    loc, size = locale(lang), abs(value)
    if as_displayed(size, digits) < 1e6:
        return _signed(_whole_money(size, currency, loc), value < 0)
    shown = as_displayed(size, digits)
    if lang == "fr":
        text = format_compact_currency(shown, currency, locale=loc, fraction_digits=digits)
    else:
        amount = format_compact_decimal(shown, format_type="long", locale=loc, fraction_digits=digits)
        text = f"{get_currency_symbol(currency, locale=loc)}{amount}"
    return _signed(_fixed_decimals(text, shown, digits, loc), value < 0)


def spoken_money(value: float, lang: str, currency: str = "CAD", digits: int = 1) -> str:
    """Money as a speech says it: « 3,1 milliards de dollars », « 739,2 millions de dollars américains »; English
    writes its usual $3.1 billion, US$739.2 million (what a minister reads aloud from a note)."""
    if lang != "fr" or value is None or math.isnan(value):
        return money(value, lang, currency, digits)
    size, unit = abs(value), SPOKEN_CURRENCY[currency]
    if as_displayed(size, digits) < 1e6:
        amount = format_decimal(round(size), format="#,##0", locale=locale(lang))
        return _signed(f"{amount}\u00a0{unit}", value < 0)
    shown = as_displayed(size, digits)
    amount = format_compact_decimal(shown, format_type="long", locale=locale(lang), fraction_digits=digits)
    return _signed(f"{_fixed_decimals(amount, shown, digits, locale(lang))} de {unit}", value < 0)


SPOKEN_CURRENCY = {"CAD": "dollars", "USD": "dollars américains"}


def _whole_money(size: float, currency: str, loc: str) -> str:
    symbol = get_currency_symbol(currency, locale=loc)
    amount = format_decimal(round(size), format="#,##0", locale=loc)
    pattern = Locale.parse(loc).currency_formats["standard"].pattern.split(";")[0]
    return f"{symbol}{amount}" if pattern.startswith("¤") else f"{amount}\u00a0{symbol}"


def number(value: float, lang: str, digits: int = 0) -> str:
    if value is None or math.isnan(value):
        return MISSING
    text = format_decimal(
        abs(round(value, digits)), format=f"#,##0.{'0' * digits}" if digits else "#,##0", locale=locale(lang)
    )
    return _signed(text, round(value, digits) < 0)


def percent(value_pct: float, lang: str, digits: int = 1, signed: bool = False) -> str:
    """A value already in percent (4.3 for 4.3 %), written with the language's spacing and decimal mark; a change
    from zero (an infinite rate) is « nouveau » / "new"."""
    if value_pct is None or math.isnan(value_pct) or value_pct == -math.inf:
        return MISSING
    if value_pct == math.inf:
        return NEW[lang] if locale(lang) else MISSING
    base = Locale.parse(locale(lang)).percent_formats[None].pattern.split(";")[0]
    pattern = base.replace("#,##0", "#,##0." + "0" * digits) if digits else base
    text = format_percent(abs(value_pct) / 100.0, format=pattern, locale=locale(lang))
    if round(value_pct, digits) < 0:
        return _signed(text, True)
    return f"+{text}" if signed and value_pct > 0 else text


def points(value: float, lang: str, digits: int = 1) -> str:
    """A change in percentage points, signed: +1,2 pt / +1.2 pts."""
    if value is None or math.isnan(value):
        return MISSING
    unit = "pt" if lang == "fr" else "pts"
    sign = "+" if round(value, digits) > 0 else ""
    return f"{sign}{number(value, lang, digits)}\u00a0{unit}"


def ordinal(n: int, lang: str) -> str:
    """1st, 2nd, 3rd / 1er, 2e, 3e: the suffix follows CLDR's ordinal plural rules."""
    category = Locale.parse(locale(lang)).ordinal_form(n)
    return f"{n}{ORDINAL_SUFFIXES[lang].get(category, ORDINAL_DEFAULT[lang])}"


def date(text: str, lang: str) -> str:
    """A date as precise as its source (YYYY, YYYY-MM or YYYY-MM-DD), written out: 1er novembre 2007, juin 2019,
    2009 / November 1, 2007, June 2019, 2009."""
    parts = [int(part) for part in str(text).split("-")]
    loc = locale(lang)
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return format_skeleton("yMMMM", datetime.date(parts[0], parts[1], 1), locale=loc)
    written = format_date(datetime.date(*parts), "long", locale=loc)
    return "1er" + written[1:] if lang == "fr" and parts[2] == 1 else written


def month_name(month: int, lang: str) -> str:
    """janvier, January: a month as a sentence writes it (French months take no capital)."""
    return get_month_names("wide", locale=locale(lang))[month]


def month_span(year: int, first: int, last: int, lang: str) -> str:
    """janvier à juillet 2026, January to July 2026; one month alone: juillet 2026."""
    if first == last:
        return f"{month_name(first, lang)} {year}"
    joiner = " à " if lang == "fr" else " to "
    return f"{month_name(first, lang)}{joiner}{month_name(last, lang)} {year}"
