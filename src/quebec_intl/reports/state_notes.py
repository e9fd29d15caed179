"""What every section built on the BTS TransBorder files says about them: its caveats, and US-dollar amounts."""

from __future__ import annotations

from ..visual.blocks import Note
from .context import ReportContext

CAVEATS = ("us_records", "usd", "state_of_destination")


def caveats(ctx: ReportContext) -> list[Note]:
    return [Note(ctx.t(f"sources.caveat_{caveat}"), "caveat") for caveat in CAVEATS]


def usd(value: float, ctx: ReportContext) -> str:
    """A US-dollar amount in words: 423,5 millions $ US, US$423.5 million."""
    return ctx.money(value, currency="USD")
