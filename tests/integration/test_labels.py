"""Label sheets: built from the database, drawn as PDF, and read back from a 300 dpi rendering
with the app's own decoder (every payload, in the right position, offset and copies honoured).

PDFs do not depend on the database backend, so these run on SQLite only.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import Zone
from reportlab.pdfbase.pdfmetrics import stringWidth

from carma_logistiek.cli import main
from carma_logistiek.clock import local_today
from carma_logistiek.documents.labels import (
    CODE_STYLE,
    DETAIL_STYLE,
    SHEET,
    TITLE_STYLE,
    InvalidCopies,
    InvalidOffset,
    LabelSpec,
    NothingToPrint,
    fit_text,
    render_label_sheet,
)
from carma_logistiek.i18n import format_date
from carma_logistiek.scanning.decoders import decode_image_file
from carma_logistiek.scanning.payloads import LabelKind, LabelPayload, encode_label
from carma_logistiek.services import stock as st
from carma_logistiek.services.labels import location_labels, lot_labels, product_labels

DPI = 300
ZONE_NAME = "Politiezone CARMA"
needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="pdftoppm (poppler-utils) is not installed: cannot render the PDF to read it back")


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url


def read_sheets(pdf: Path) -> list[dict[int, str]]:
    """Per page: label position (0 = top left, row by row) -> decoded text."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(prefix)], check=True,
                   timeout=60)
    pages = []
    for png in sorted(pdf.parent.glob(f"{prefix.name}-*.png")):
        found: dict[int, str] = {}
        for code in decode_image_file(png):
            slot = _slot(code.corners)
            assert slot not in found, f"two codes in position {slot} on {png.name}"
            found[slot] = code.text
        pages.append(found)
    return pages


def _slot(corners: tuple[tuple[int, int], ...]) -> int:
    """The label position a code's centre lies in, from the sheet's layout."""
    points_per_pixel = 72 / DPI
    x = sum(p[0] for p in corners) / len(corners) * points_per_pixel
    y_from_top = sum(p[1] for p in corners) / len(corners) * points_per_pixel
    column = int((x - SHEET.left_margin) // SHEET.label_width)
    row = int((y_from_top - SHEET.top_margin) // SHEET.label_height)
    return row * SHEET.columns + column


def product_spec(code: str) -> LabelSpec:
    return LabelSpec(encode_label(LabelPayload(LabelKind.PRODUCT, code)), f"Product {code}",
                     code)


@pytest.fixture
def stocked(db, zone: Zone) -> tuple[Zone, date, date]:  # type: ignore[no-untyped-def]
    """Two lots of drug tests in Genk, one lot of mouthpieces in Bree, untracked gloves."""
    soon, later = local_today() + timedelta(days=200), local_today() + timedelta(days=500)
    for lot, expiry, location in (("L2604005", later, zone.cabinet),
                                  ("L2601001", soon, zone.storeroom)):
        st.record_delivery(db, product_code=zone.drug_test, location_code=location,
                           quantity=10, actor=zone.actor, lot_number=lot, expiry=expiry)
    st.record_delivery(db, product_code=zone.mouthpiece, location_code=zone.other_storeroom,
                       quantity=50, actor=zone.actor, lot_number="M-77", expiry=later)
    st.record_delivery(db, product_code=zone.gloves, location_code=zone.cabinet, quantity=4,
                       actor=zone.actor)
    return zone, soon, later


# --- what goes on the labels ----------------------------------------------------------------

def test_product_labels_carry_the_product_payload(db, zone: Zone) -> None:  # type: ignore[no-untyped-def]
    specs = product_labels(db, [zone.gloves, zone.drug_test.lower()])
    assert [s.payload for s in specs] == ["CL1:CARMA:P:HANDSCH-M", "CL1:CARMA:P:DT-SPK"]
    assert specs[1].title == "Speekseltest drugs"
    assert specs[1].code == zone.drug_test
    # Without codes: every product, by name.
    assert [s.code for s in product_labels(db)] == [zone.mouthpiece, zone.drug_test,
                                                   zone.gloves]


def test_lot_labels_one_per_lot_with_stock_and_its_expiry(db, stocked) -> None:  # type: ignore[no-untyped-def]
    zone, soon, _later = stocked
    specs = lot_labels(db)
    assert [s.payload for s in specs] == [
        "CL1:CARMA:B:ALC-MOND:M-77",
        "CL1:CARMA:B:DT-SPK:L2601001",  # earliest expiry first
        "CL1:CARMA:B:DT-SPK:L2604005",
    ]
    assert specs[1].detail == f"Vervalt {format_date(soon)} · lot L2601001"
    # A location and everything under it; the untracked gloves never get a lot label.
    genk = lot_labels(db, location_code=zone.site)
    assert [s.payload.rsplit(":", 1)[1] for s in genk] == ["L2601001", "L2604005"]
    assert lot_labels(db, location_code=zone.cabinet2) == []
    assert [s.code for s in lot_labels(db, product_codes=[zone.mouthpiece])] == [
        zone.mouthpiece]


def test_location_labels_cover_the_location_and_everything_under_it(db, zone: Zone) -> None:  # type: ignore[no-untyped-def]
    specs = location_labels(db, zone.storeroom)
    assert {s.code for s in specs} == {zone.storeroom, zone.cabinet, zone.cabinet2}
    assert specs[0].code == zone.storeroom
    assert all(s.detail == "Genk hoofdcommissariaat" for s in specs)
    assert {s.payload for s in specs} == {f"CL1:CARMA:L:{c}" for c in
                                         (zone.storeroom, zone.cabinet, zone.cabinet2)}
    assert len(location_labels(db)) == 7


# --- the sheet, read back --------------------------------------------------------------------

@needs_pdftoppm
def test_every_label_sheet_reads_back_completely(db, stocked, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    specs = product_labels(db) + lot_labels(db) + location_labels(db)
    pdf = tmp_path / "all.pdf"
    info = render_label_sheet(specs, pdf, zone_name=ZONE_NAME)
    assert (info.pages, info.labels_printed) == (1, 13)
    (page,) = read_sheets(pdf)
    assert page == {slot: spec.payload for slot, spec in enumerate(specs)}


@needs_pdftoppm
def test_offset_and_copies_fill_the_right_positions(db, stocked, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    specs = lot_labels(db)
    pdf = tmp_path / "lots.pdf"
    info = render_label_sheet(specs, pdf, offset=5, copies=2, zone_name=ZONE_NAME)
    assert (info.pages, info.labels_printed) == (1, 6)
    (page,) = read_sheets(pdf)
    assert sorted(page) == [5, 6, 7, 8, 9, 10]  # 0-4 stay empty: the half-used sheet
    # Copies side by side, in the order of the specs.
    assert [page[slot] for slot in range(5, 11)] == [s.payload for s in specs for _ in (1, 2)]


@needs_pdftoppm
def test_thirty_labels_take_two_pages(tmp_path: Path) -> None:
    specs = [product_spec(f"P{n:02d}") for n in range(30)]
    pdf = tmp_path / "thirty.pdf"
    info = render_label_sheet(specs, pdf, zone_name=ZONE_NAME)
    assert (info.pages, info.labels_printed) == (2, 30)
    first, second = read_sheets(pdf)
    assert len(first) == 24 and sorted(second) == list(range(6))
    assert [first[i] for i in range(24)] + [second[i] for i in range(6)] == [
        s.payload for s in specs]


@needs_pdftoppm
def test_offset_carries_over_to_a_second_sheet(tmp_path: Path) -> None:
    specs = [product_spec(f"P{n}") for n in range(5)]
    pdf = tmp_path / "carry.pdf"
    info = render_label_sheet(specs, pdf, offset=22, copies=2, zone_name=ZONE_NAME)
    assert (info.pages, info.labels_printed) == (2, 10)
    first, second = read_sheets(pdf)
    assert sorted(first) == [22, 23] and sorted(second) == list(range(8))
    assert Counter([*first.values(), *second.values()]) == {s.payload: 2 for s in specs}


@needs_pdftoppm
def test_long_texts_and_long_payloads_still_read(tmp_path: Path) -> None:
    """The largest payload (32-character code, 40-character lot) and texts far too long."""
    code, lot = "W" * 32, "Lot-" + "x" * 36
    spec = LabelSpec(encode_label(LabelPayload(LabelKind.LOT, code, lot)), "Zeer lang " * 20,
                     code, f"Vervalt 30/06/2027 · lot {lot}")
    pdf = tmp_path / "long.pdf"
    render_label_sheet([spec, product_spec("X")], pdf, zone_name="Politiezone " * 10)
    (page,) = read_sheets(pdf)
    assert page == {0: spec.payload, 1: "CL1:CARMA:P:X"}


def test_text_is_fitted_inside_the_label() -> None:
    width = 90.0
    for text in ("Speekseltest drugs DrugWipe 6S (grootverpakking) " * 3, "W" * 32,
                 "Vervalt 30/06/2027 · lot L2604005", "EHBO-PL-WATERBESTE-G"):
        for style in (TITLE_STYLE, CODE_STYLE, DETAIL_STYLE):
            lines, size = fit_text(text, width, style)
            assert 1 <= len(lines) <= style[3]
            assert size >= style[2]
            assert all(stringWidth(line, style[0], size) <= width for line in lines)
    # A code shrinks on one line before it wraps.
    assert fit_text("EHBO-PL-WATERBESTE-G", width, CODE_STYLE)[0] == ["EHBO-PL-WATERBESTE-G"]
    # The parts of a detail break between the parts.
    assert fit_text("Vervalt 30/06/2027 · lot L2604005", width, DETAIL_STYLE)[0] == [
        "Vervalt 30/06/2027", "lot L2604005"]


def test_sheet_options_are_checked(tmp_path: Path) -> None:
    specs = [product_spec("P1")]
    for offset in (-1, 24, True):
        with pytest.raises(InvalidOffset):
            render_label_sheet(specs, tmp_path / "x.pdf", offset=offset, zone_name=ZONE_NAME)
    with pytest.raises(InvalidCopies):
        render_label_sheet(specs, tmp_path / "x.pdf", copies=0, zone_name=ZONE_NAME)
    with pytest.raises(NothingToPrint):
        render_label_sheet([], tmp_path / "x.pdf", zone_name=ZONE_NAME)
    assert not (tmp_path / "x.pdf").exists()


def test_a_sheet_of_24_renders_fast(tmp_path: Path) -> None:
    import time

    specs = [product_spec(f"PRODUCT-{n}") for n in range(24)]
    started = time.perf_counter()
    render_label_sheet(specs, tmp_path / "fast.pdf", zone_name=ZONE_NAME)
    assert time.perf_counter() - started < 2.0  # ~130 ms here; generous for slow CI


# --- command line ----------------------------------------------------------------------------

def test_cli_labels(db, stocked, db_url: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                    capsys: pytest.CaptureFixture[str]) -> None:
    zone = stocked[0]
    out = tmp_path / "sub" / "lots.pdf"
    assert main(["labels", "lot", "--db", db_url, "--location", zone.site, "--offset", "3",
                 "--copies", "2", "--out", str(out)]) == 0
    assert "4 etiketten op 1 blad:" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["labels", "product", "--db", db_url, "--product", zone.drug_test,
                 zone.gloves, "--out", str(tmp_path / "p.pdf")]) == 0
    assert "2 etiketten" in capsys.readouterr().out
    assert main(["labels", "location", "--db", db_url, "--out", str(tmp_path / "l.pdf")]) == 0

    assert main(["labels", "lot", "--db", db_url, "--offset", "24",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "De startpositie moet tussen 0 en 23 liggen" in capsys.readouterr().err
    assert main(["labels", "lot", "--db", db_url, "--copies", "0",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "minstens 1" in capsys.readouterr().err
    assert main(["labels", "lot", "--db", db_url, "--location", zone.cabinet2,
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "Er is niets om af te drukken" in capsys.readouterr().err
    assert main(["labels", "location", "--db", db_url, "--location", "NERGENS",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "Onbekende locatie" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
