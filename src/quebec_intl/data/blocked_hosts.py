"""Hosts no fact of the product may rest on (data/reference/blocked_hosts.csv): party sites, copies of Wikipedia,
document-sharing sites, development servers. The curated files' check and the tests of the rendered pages both read
this one list, so a host is blocked everywhere by one line."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pandas as pd

from ..caching import cached
from ..errors import SourceFileError
from .reference import read_reference

LIST_FILE = "data/reference/blocked_hosts.csv"
ADDRESS = re.compile(r"https?://[^\s\"'<>)]+")


@cached
def blocked_hosts() -> dict[str, str]:
    """Each blocked host, with why (its subdomains are blocked too)."""
    table = read_reference("blocked_hosts.csv")
    return dict(zip(table["host"].str.strip().str.lower(), table["reason"]))


def blocked_host(address: str) -> str | None:
    """The blocked host an address is on (itself or a parent domain), None when it is not blocked."""
    host = (urlsplit(address.strip()).hostname or "").lower()
    for blocked in blocked_hosts():
        if host == blocked or host.endswith("." + blocked):
            return blocked
    return None


def hosts_in(text: str) -> list[str]:
    """The blocked hosts of every address written in a text (a page, a note)."""
    return sorted({host for address in ADDRESS.findall(text) if (host := blocked_host(address))})


def check_addresses(table: pd.DataFrame, file: object, columns: tuple[str, ...] = ("source_url",)) -> None:
    """Refuse a curated row whose supporting address is on a blocked host, naming the file, the row and the host.
    The table's index is the file's row less 2 (read_text_columns)."""
    for column in columns:
        if column not in table:
            continue
        for index, address in table[column].items():
            host = blocked_host(address)
            if host:
                raise SourceFileError(
                    f"{file}: row {int(index) + 2}, column {column}: {address!r} is on the blocked host {host} "
                    f"({blocked_hosts()[host]}, {LIST_FILE}); cite the official page instead"
                )
