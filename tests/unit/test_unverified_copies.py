"""Every file a page stands on is verified, or the page says it is not: a mirror's copy of a whole Statistics Canada
table (registered without a checksum, as it changes with every release) is cited with a word saying so."""

from quebec_intl import settings
from quebec_intl.data import fetch, sources
from quebec_intl.reports import citations
from quebec_intl.reports.context import ReportContext

UNREGISTERED = ("statcan_12100173", "statcan_12100175", "statcan_12100175_fr")


def test_a_copy_without_a_registered_checksum_is_cited_as_unverified(tmp_path, monkeypatch):
    for source_id in UNREGISTERED:
        source = sources.get(source_id)
        assert source.sha256 is None and not source.path  # what the registry says of them (read by hand)
        (tmp_path / source.mirror_path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / source.mirror_path).write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip: a copy at hand
    monkeypatch.setenv(settings.MIRROR_ENV, str(tmp_path))
    for source_id in UNREGISTERED:
        assert fetch.unverified_at_hand(sources.get(source_id))
    french = citations.cited(sources.get("statcan_12100175_fr"), ReportContext.of("fr")).text
    english = citations.cited(sources.get("statcan_12100175"), ReportContext.of("en")).text
    assert "(la copie lue pour cette page n'a pu être vérifiée)" in french
    assert "(the copy read for this page could not be verified)" in english


def test_a_registered_committed_or_downloaded_copy_is_verified(tmp_path, monkeypatch):
    registered = next(s for s in sources.registry().values() if s.sha256)
    committed = next(s for s in sources.registry().values() if s.path)
    folder = next(s for s in sources.registry().values() if s.checksums)
    unregistered = sources.get("statcan_12100175")
    assert fetch.verified(registered, tmp_path / "any") and fetch.verified(committed, tmp_path / "any")
    assert fetch.verified(folder, tmp_path / "any")
    monkeypatch.setenv(settings.RAW_ENV, str(tmp_path / "raw"))
    download = tmp_path / "raw" / unregistered.id / "2026-11-21" / "12100175-eng.zip"  # checked against provenance
    assert fetch.verified(unregistered, download) and not fetch.verified(unregistered, tmp_path / "mirror.zip")
    monkeypatch.delenv(settings.MIRROR_ENV, raising=False)
    assert not fetch.unverified_at_hand(unregistered)  # not at hand: nothing to say
