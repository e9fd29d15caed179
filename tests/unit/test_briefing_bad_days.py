"""A briefing's bad days, each one readable line: neither or both of a partner and a region; --pdf with no Chromium,
or a Chromium that fails, which leaves the earlier PDF as it was."""

import pytest

from quebec_intl.errors import QuebecIntlError
from quebec_intl.publish import pdf
from quebec_intl.reports import briefing


@pytest.mark.parametrize("given", [{}, {"partner": "US-GA", "region": "SEUS-CP"}])
def test_a_note_is_about_one_partner_or_one_region(given):
    with pytest.raises(QuebecIntlError, match="give --partner .* or --region"):
        briefing.check(**given)


def test_no_chromium_is_one_line_saying_what_to_install(monkeypatch, tmp_path):
    monkeypatch.delenv(pdf.CHROMIUM_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(QuebecIntlError, match=r"apt-get install chromium.*the HTML page was written"):
        pdf.chromium()


def test_a_failed_print_keeps_the_earlier_pdf(monkeypatch, tmp_path):
    page = tmp_path / "us-ga.html"
    page.write_text("<html><body>note</body></html>", encoding="utf-8")
    earlier = tmp_path / "us-ga.pdf"
    earlier.write_bytes(b"%PDF-1.4 earlier")
    monkeypatch.setenv(pdf.CHROMIUM_ENV, "/bin/false")
    with pytest.raises(QuebecIntlError, match="could not print .*us-ga.html"):
        pdf.print_to_pdf(page)
    assert earlier.read_bytes() == b"%PDF-1.4 earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["us-ga.html", "us-ga.pdf"]
