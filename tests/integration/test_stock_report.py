"""The stock report PDF: zone name, title, print date, filters, page numbers, the header row on
every page, and the filters applied to the rows. Text is read back with pdftotext. SQLite only:
the PDF does not depend on the backend."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import Zone

from carma_logistiek.cli import main
from carma_logistiek.clock import local_today
from carma_logistiek.documents.stock_report import render_stock_report
from carma_logistiek.domain.stock import StockStatus
from carma_logistiek.services import masterdata as md
from carma_logistiek.services import stock as st
from carma_logistiek.services.documents import stock_report
from carma_logistiek.services.results import StockRow

ZONE_NAME = "Politiezone CARMA"
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="pdftotext/pdfinfo (poppler-utils) are not installed: cannot read the PDF back")


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    return text.split("\f")[:-1]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True,
                          timeout=60).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


def make_rows(count: int) -> list[StockRow]:
    statuses = list(StockStatus)
    return [
        StockRow(f"PROD-{n:04d}", f"Product nummer {n}" + (" met een lange naam" * (n % 3)),
                 "Cat", "stuk", f"LOC-{n // 100}", f"Locatie {n // 100}", n % 40, 5,
                 date(2027, 6, 30) if n % 2 else None, 0, statuses[n % len(statuses)])
        for n in range(count)
    ]


def test_many_rows_page_numbers_and_repeated_header(tmp_path: Path) -> None:
    rows = make_rows(1000)
    pdf = tmp_path / "report.pdf"
    pages = render_stock_report(rows, pdf, zone_name=ZONE_NAME, title="Voorraadrapport",
                                filters_text="alle locaties · alle statussen",
                                generated_at=datetime(2026, 3, 5, 9, 7))
    assert pages == page_count(pdf)
    assert 15 <= pages <= 40
    texts = pdf_pages(pdf)
    assert len(texts) == pages
    assert "Voorraadrapport" in texts[0] and ZONE_NAME in texts[0]
    assert "afgedrukt op 05/03/2026 09:07" in texts[0]
    assert "Filters: alle locaties · alle statussen" in texts[0]
    assert "1000 regels" in texts[0]
    for number, text in enumerate(texts, start=1):
        assert f"Pagina {number} van {pages}" in text
        assert re.search(r"Code\s+Product\s+Locatie\s+Aantal\s+Min\.\s+Vervalt\s+Status", text)
        assert ZONE_NAME in text
    everything = "".join(texts)
    # Every row is there, once.
    assert all(everything.count(f"PROD-{n:04d} ") == 1 for n in range(1000))
    assert "30/06/2027" in everything and "vervalt binnenkort" in everything


def test_empty_report_says_so(tmp_path: Path) -> None:
    pdf = tmp_path / "empty.pdf"
    assert render_stock_report([], pdf, zone_name=ZONE_NAME, title="Voorraadrapport",
                               filters_text="x", generated_at=datetime(2026, 1, 1)) == 1
    assert "Geen voorraad die aan de filters voldoet." in pdf_pages(pdf)[0]


def test_1000_rows_render_fast(tmp_path: Path) -> None:
    import time

    rows = make_rows(1000)
    started = time.perf_counter()
    render_stock_report(rows, tmp_path / "fast.pdf", zone_name=ZONE_NAME, title="V",
                        filters_text="", generated_at=datetime(2026, 1, 1))
    assert time.perf_counter() - started < 5.0  # ~0.4 s here; generous for slow CI


@pytest.fixture
def stocked(db, zone: Zone) -> Zone:  # type: ignore[no-untyped-def]
    """Drug tests expiring soon in Genk, gloves under minimum in Genk, mouthpieces fine in Bree."""
    today = local_today()
    st.record_delivery(db, product_code=zone.drug_test, location_code=zone.cabinet, quantity=10,
                       actor=zone.actor, lot_number="L1", expiry=today + timedelta(days=20))
    st.record_delivery(db, product_code=zone.gloves, location_code=zone.cabinet, quantity=2,
                       actor=zone.actor)
    md.set_minimum(db, product_code=zone.gloves, location_code=zone.cabinet, minimum=5, actor=zone.actor)
    st.record_delivery(db, product_code=zone.mouthpiece, location_code=zone.other_storeroom,
                       quantity=50, actor=zone.actor, lot_number="M1",
                       expiry=today + timedelta(days=400))
    return zone


def test_stock_report_filters(db, stocked: Zone, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    zone = stocked
    pdf = tmp_path / "all.pdf"
    info = stock_report(db, out=pdf, zone_name=ZONE_NAME,
                        generated_at=datetime(2026, 12, 31, 23, 59))
    assert (info.pages, info.rows) == (1, 3)
    (text,) = pdf_pages(pdf)
    assert "afgedrukt op 31/12/2026 23:59" in text
    assert "alle locaties · alle statussen" in text
    for code in (zone.drug_test, zone.gloves, zone.mouthpiece):
        assert code in text
    assert "Pagina 1 van 1" in text

    info = stock_report(db, out=pdf, zone_name=ZONE_NAME, only="under_minimum")
    (text,) = pdf_pages(pdf)
    assert info.rows == 1 and zone.gloves in text and zone.drug_test not in text
    assert "2 doos" in text and "bijna op" in text
    assert "enkel onder minimum" in text

    info = stock_report(db, out=pdf, zone_name=ZONE_NAME, only="expiring")
    (text,) = pdf_pages(pdf)
    assert info.rows == 1 and zone.drug_test in text and zone.gloves not in text
    assert "enkel vervallen of vervalt binnenkort" in text

    info = stock_report(db, out=pdf, zone_name=ZONE_NAME, location_code=zone.other_site.lower())
    (text,) = pdf_pages(pdf)
    assert info.rows == 1 and zone.mouthpiece in text
    assert "locatie Basis Bree (BREE) en alles eronder" in text


def test_cli_report_stock(db, stocked: Zone, db_url: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rapport.pdf"
    assert main(["report", "stock", "--db", db_url, "--only", "under-minimum",
                 "--out", str(out)]) == 0
    assert "1 regel op 1 pagina:" in capsys.readouterr().out  # issue 7: not "1 regels"
    assert "Politiezone CARMA" in pdf_pages(out)[0]
    assert main(["report", "stock", "--db", db_url, "--lang", "en", "--location", stocked.site,
                 "--out", str(out)]) == 0
    text = pdf_pages(out)[0]
    assert "Stock report" in text and "Page 1 of 1" in text
    assert main(["report", "stock", "--db", db_url, "--lang", "nl", "--location", "NERGENS",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "Onbekende locatie" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
