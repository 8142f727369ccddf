"""The command line over the same services: demo, migrate, check, stock, book (one and a file)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from carma_logistiek.cli import main
from carma_logistiek.db.models import Booking, StockLevel, StockMovement
from carma_logistiek.db.uow import Database
from tests.support.actors import person


def stock_json(url: str, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict]:
    capsys.readouterr()
    assert main(["stock", "--db", url, "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def quantity_of(url: str, capsys, code: str, location: str) -> int:  # type: ignore[no-untyped-def]
    rows = stock_json(url, capsys, "--location", location)
    return next((r["quantity"] for r in rows if r["code"] == code and r["location"] == location), 0)


def test_demo_has_the_zone_and_checks_clean(demo_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = stock_json(demo_url, capsys)
    locations = {row["location"] for row in rows}
    assert {"GNK-MAG", "BRE-MAG", "WK-AS-BER", "VITO-01"} <= locations
    codes = {row["code"] for row in rows}
    assert len(codes) >= 190
    assert {"DT-SPK", "AT-MOND-7510"} <= codes  # drug tests and alcohol-test mouthpieces
    statuses = {row["status"] for row in rows}
    assert {"op_voorraad", "vervallen", "vervalt_binnenkort", "besteld"} <= statuses
    assert set(rows[0]) >= {"code", "name", "location", "quantity", "status"}
    assert main(["check", "--db", demo_url]) == 0


def test_demo_refuses_a_database_that_holds_data(demo_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo", "--db", demo_url]) == 1
    assert "bevat al gegevens" in capsys.readouterr().err


def test_demo_without_db_goes_to_its_own_file(carma_home: Path) -> None:
    # Never into the real database: the demo has a file of its own under the data folder.
    assert main(["demo"]) == 0
    assert (carma_home / "data" / "demo" / "carma-logistiek-demo.sqlite").exists()
    assert not (carma_home / "data" / "carma-logistiek.sqlite").exists()


def test_check_fails_when_a_level_was_tampered_with(demo_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    db = Database(demo_url)
    with db.write() as session:
        session.execute(StockLevel.__table__.update().where(StockLevel.quantity > 3)
                        .values(quantity=StockLevel.quantity + 1))
    assert main(["check", "--db", demo_url]) == 1
    assert "wijken af" in capsys.readouterr().err


def test_book_pickup_then_refusals_change_nothing(demo_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    before = quantity_of(demo_url, capsys, "HYG-HSK-M", "GNK-MAG")
    assert main(["book", "levering", "--db", demo_url, "--product", "HYG-HSK-M",
                 "--location", "GNK-MAG", "--qty", "5"]) == 0
    assert main(["book", "afhaling", "--db", demo_url, "--product", "HYG-HSK-M",
                 "--location", "GNK-MAG", "--qty", "2", "--for", "staff:01234",
                 "--key", "pickup-1"]) == 0
    # The retry is the same request (an idempotency key names one request, issue 7).
    assert main(["book", "afhaling", "--db", demo_url, "--product", "HYG-HSK-M",
                 "--location", "GNK-MAG", "--qty", "2", "--for", "staff:01234",
                 "--key", "pickup-1"]) == 0
    assert "Al geboekt" in capsys.readouterr().out
    assert quantity_of(demo_url, capsys, "HYG-HSK-M", "GNK-MAG") == before + 3

    refusals = [
        (["--product", "BESTAAT-NIET", "--location", "GNK-MAG", "--qty", "1"], "Onbekend product"),
        (["--product", "HYG-HSK-M", "--location", "NERGENS", "--qty", "1"], "Onbekende locatie"),
        (["--product", "HYG-HSK-M", "--location", "GNK-MAG", "--qty", "0"], "groter dan nul"),
        (["--product", "HYG-HSK-M", "--location", "GNK-MAG", "--qty", "-3"], "groter dan nul"),
        (["--product", "HYG-HSK-M", "--location", "GNK-MAG", "--qty", "1,5"], "geheel getal"),
        (["--product", "HYG-HSK-M", "--location", "GNK-MAG", "--qty", "100000"],
         "Onvoldoende voorraad"),
        (["--product", "HYG-HSK-M", "--location", "GNK-MAG", "--qty", "1",
          "--for", "vehicle:BESTAAT-NIET"], "geen voertuig met code 'BESTAAT-NIET'"),
        # A location is not a vehicle, and a kit must be one of the register.
        (["--product", "HYG-HSK-M", "--location", "GNK-MAG", "--qty", "1",
          "--for", "vehicle:GNK-MAG"], "geen voertuig"),
        (["--product", "HYG-HSK-M", "--location", "GNK-MAG", "--qty", "1",
          "--for", "kit:GEEN-KIT"], "geen EHBO-kit"),
    ]
    for args, message in refusals:
        capsys.readouterr()
        assert main(["book", "afhaling", "--db", demo_url, *args]) == 1
        assert message in capsys.readouterr().err
    assert quantity_of(demo_url, capsys, "HYG-HSK-M", "GNK-MAG") == before + 3
    assert main(["book", "afhaling", "--db", demo_url, "--product", "HYG-HSK-M", "--location",
                 "GNK-MAG", "--qty", "1", "--for", "vehicle:vito-01"]) == 0
    assert main(["check", "--db", demo_url]) == 0


def test_delivery_of_expiring_product_needs_a_date(demo_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["book", "delivery", "--db", demo_url, "--product", "DT-SPK", "--location",
                 "GNK-MAG", "--qty", "10", "--lot", "NEW1"]) == 1
    assert "vervaldatum" in capsys.readouterr().err
    assert main(["book", "delivery", "--db", demo_url, "--product", "DT-SPK", "--location",
                 "GNK-MAG", "--qty", "10", "--lot", "NEW1", "--expiry", "31/12/2031"]) == 0
    assert main(["book", "transfer", "--db", demo_url, "--product", "DT-SPK", "--location",
                 "GNK-MAG", "--to", "GNK-MAG", "--qty", "1", "--lot", "NEW1"]) == 1
    assert "dezelfde" in capsys.readouterr().err


CSV_HEADER = "kind,product,location,qty,lot,expiry,for,to,reason,note\n"


def test_book_from_file_reports_rejected_rows_and_reruns_book_nothing(
        demo_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "history.csv"
    path.write_text(CSV_HEADER
                    + "levering,HYG-HSK-L,GNK-MAG,20,,,,,,migratie\n"
                    + "afhaling,HYG-HSK-L,GNK-MAG,1,,,staff:01001,,,\n"
                    + "afhaling,HYG-HSK-L,GNK-MAG,1,,,staff:01001,,,\n"  # same row twice: 2x
                    + "afhaling,ONBEKEND,GNK-MAG,1,,,,,,\n"
                    + "overboeking,HYG-HSK-L,GNK-MAG,3,,,,GNK-MAG-K2,,\n",
                    encoding="utf-8")
    before_main = quantity_of(demo_url, capsys, "HYG-HSK-L", "GNK-MAG")
    # First the preview: each row's outcome, the same summary, nothing booked.
    assert main(["book", "--from", str(path), "--preview", "--db", demo_url]) == 1
    captured = capsys.readouterr()
    assert ("Voorbeeld, er werd niets geboekt. Te boeken: 4, al geboekt: 0, te weigeren: 1 (van "
            "5 regels)." in captured.out)
    assert f"Regel 2: zou geboekt worden: +20 doos HYG-HSK-L @ GNK-MAG → {before_main + 20}" in (
        captured.out)
    assert "Regel 5: zou geweigerd worden: Onbekend product" in captured.err
    assert quantity_of(demo_url, capsys, "HYG-HSK-L", "GNK-MAG") == before_main
    assert main(["book", "--from", str(path), "--db", demo_url]) == 1
    captured = capsys.readouterr()
    assert "4 geboekt, 0 waren al geboekt, 1 geweigerd" in captured.out
    assert "Regel 5" in captured.err and "Onbekend product" in captured.err
    assert quantity_of(demo_url, capsys, "HYG-HSK-L", "GNK-MAG") == before_main + 20 - 2 - 3
    assert main(["book", "--from", str(path), "--db", demo_url]) == 1
    assert "0 geboekt, 4 waren al geboekt, 1 geweigerd" in capsys.readouterr().out
    assert quantity_of(demo_url, capsys, "HYG-HSK-L", "GNK-MAG") == before_main + 15


def test_a_killed_file_import_resumes_without_double_bookings(tmp_path: Path) -> None:
    """Kill the importer mid-file (SIGKILL, no clean-up), run it again: every row once."""
    url = f"sqlite:///{tmp_path / 'import.sqlite'}"
    assert main(["migrate", "--create", "--db", url]) == 0
    db = Database(url)
    from carma_logistiek.services import masterdata as md

    md.create_location(db, code="CARMA", name="Zone", kind="zone", parent_code=None, actor=person("t"))
    md.create_location(db, code="MAG", name="Magazijn", kind="storeroom", parent_code="CARMA",
                       actor=person("t"))
    md.create_product(db, code="P1", name="Product 1", actor=person("t"))
    rows = 1500
    path = tmp_path / "big.csv"
    path.write_text(CSV_HEADER + "".join(f"levering,P1,MAG,1,,,,,,rij {n}\n" for n in range(rows)),
                    encoding="utf-8")
    command = [sys.executable, "-m", "carma_logistiek.cli", "book", "--from", str(path),
               "--db", url]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _count(db, Booking) < 100:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    booked_before = _count(db, Booking)
    assert 0 < booked_before < rows, "the kill must land mid-file for this test to mean anything"
    assert subprocess.run(command, capture_output=True, timeout=120).returncode == 0
    assert _count(db, StockMovement) == rows
    with db.read() as session:
        assert session.execute(select(StockLevel.quantity)).scalar_one() == rows
    assert main(["check", "--db", url]) == 0


def _count(db: Database, model) -> int:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_migrate_creates_schema_and_stock_formats(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    assert main(["migrate", "--create", "--db", url]) == 0
    assert "Schema bijgewerkt" in capsys.readouterr().out
    assert main(["stock", "--db", url, "--format", "csv"]) == 0
    assert main(["stock", "--db", url]) == 0


def test_english_output(demo_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["book", "pickup", "--db", demo_url, "--product", "NOPE", "--location",
                 "GNK-MAG", "--qty", "1", "--lang", "en"]) == 1
    assert "Unknown product" in capsys.readouterr().err


def test_backup_copies_every_commit_including_the_wal(demo_url: str, tmp_path: Path,
                                                      capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["book", "levering", "--db", demo_url, "--product", "HYG-HSK-S",
                 "--location", "GNK-MAG", "--qty", "7"]) == 0
    out = tmp_path / "backups" / "carma-backup.sqlite"
    assert main(["backup", "--db", demo_url, "--out", str(out)]) == 0
    copy_url = f"sqlite:///{out}"
    assert quantity_of(copy_url, capsys, "HYG-HSK-S", "GNK-MAG") == quantity_of(
        demo_url, capsys, "HYG-HSK-S", "GNK-MAG")
    assert main(["check", "--db", copy_url]) == 0
    assert main(["backup", "--db", demo_url, "--out", str(out)]) == 1  # never overwrites


# --- scan-image -----------------------------------------------------------------------------


def _write_code_image(path: Path, text: str, symbology: str = "qr", gs1: bool = False) -> Path:
    import cv2

    from tests.support.frames import make_qr_image, webcam_frame

    frame = webcam_frame(make_qr_image(text, symbology, scale=4, gs1=gs1), (640, 480), seed=1)
    cv2.imwrite(str(path), frame)
    return path


def _json_lines(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]


def test_scan_image_prints_what_each_code_means(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    label = _write_code_image(tmp_path / "label.png", "CL1:CARMA:B:DT-SPK:L-1")
    box = _write_code_image(tmp_path / "box.png", "(01)05412345678908(17)270600(10)A7",
                            "datamatrix", gs1=True)
    url = _write_code_image(tmp_path / "url.png", "https://www.politie.be")
    assert main(["scan-image", str(label), str(box), str(url)]) == 0
    lines = _json_lines(capsys)
    assert lines[0] == {"file": str(label), "symbology": "QRCode",
                        "text": "CL1:CARMA:B:DT-SPK:L-1", "strategy": "first", "kind": "lot",
                        "zone": "CARMA",
                        "code": "DT-SPK", "lot": "L-1"}
    assert lines[1]["symbology"] == "DataMatrix" and lines[1]["kind"] == "manufacturer"
    assert lines[1]["gs1"] == {"gtin": "05412345678908", "lot": "A7", "expiry": "2027-06-30",
                               "serial": None, "quantity": None}
    assert lines[2]["kind"] is None and lines[2]["reason"] == "url"
    assert "geen etiket van CARMA Logistiek" in lines[2]["error"]


def test_scan_image_unreadable_file_exits_1(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    label = _write_code_image(tmp_path / "label.png", "CL1:CARMA:P:X")
    assert main(["scan-image", str(tmp_path / "nope.jpg"), str(label)]) == 1
    lines = _json_lines(capsys)
    assert lines[0]["file"].endswith("nope.jpg") and "kan niet" in lines[0]["error"]
    assert lines[1]["code"] == "X"


def test_scan_image_with_db_resolves(tmp_path: Path, db, zone, capsys) -> None:  # type: ignore[no-untyped-def]
    known = _write_code_image(tmp_path / "known.png", f"CL1:CARMA:L:{zone.cabinet}")
    ean = _write_code_image(tmp_path / "ean.png", zone.drug_test_gtin, "ean13")
    unknown = _write_code_image(tmp_path / "unknown.png", "CL1:CARMA:P:NO-SUCH-THING")
    assert main(["scan-image", "--db", db.url, str(known), str(ean), str(unknown)]) == 0
    lines = _json_lines(capsys)
    assert lines[0]["location"] == {"code": zone.cabinet, "name": "Kast 1"}
    assert lines[1]["symbology"] == "EAN13" and lines[1]["resolved_kind"] == "product"
    assert lines[1]["product"] == {"code": zone.drug_test, "name": "Speekseltest drugs"}
    assert "Onbekend product" in lines[2]["error"]


# --- the commands and their help ------------------------------------------------------------


def test_help_lists_every_subcommand_and_importing_the_cli_is_cheap() -> None:
    from carma_logistiek.cli import SUBCOMMANDS
    from carma_logistiek.cli.run import build_parser

    (commands,) = [action for action in build_parser()._actions
                   if isinstance(action, argparse._SubParsersAction)]
    assert tuple(commands.choices) == SUBCOMMANDS  # the launcher routes by SUBCOMMANDS
    shown = subprocess.run([sys.executable, "-m", "ui.launcher", "--help"], capture_output=True,
                           text=True, timeout=60)
    assert shown.returncode == 0
    for command in SUBCOMMANDS:
        assert f"    {command} " in shown.stdout
    # The launcher imports the package at every start of the window: no database layer yet.
    probe = ("import sys, carma_logistiek.cli; "
             "print(sorted(m for m in ('sqlalchemy', 'carma_logistiek.services') "
             "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60, check=True)
    assert loaded.stdout.strip() == "[]"


def test_an_unknown_kind_in_a_file_is_refused_in_english(demo_url: str, tmp_path: Path,
                                                         capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sale.csv"
    path.write_text(CSV_HEADER + "verkoop,HYG-HSK-L,GNK-MAG,1,,,,,,\n", encoding="utf-8")
    assert main(["book", "--from", str(path), "--db", demo_url, "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert "Unknown kind of booking 'verkoop'" in captured.err
    assert "0 booked, 0 were already booked, 1 refused" in captured.out


def test_book_from_a_file_that_cannot_be_read_says_why_without_a_traceback(
        demo_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "weg.csv"
    assert main(["book", "--from", str(missing), "--db", demo_url]) == 1
    err = capsys.readouterr().err
    assert "kan niet gelezen worden: het bestaat niet" in err and "Traceback" not in err
    assert main(["book", "--from", str(tmp_path), "--db", demo_url, "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "cannot be read: it is a folder" in err and "Nothing was imported" in err
    one_column = tmp_path / "een.csv"
    one_column.write_text("product\nHYG-HSK-L\n", encoding="utf-8")
    assert main(["book", "--from", str(one_column), "--db", demo_url, "--lang", "nl"]) == 1
    assert "heeft geen kolom kind, location of qty" in capsys.readouterr().err


def test_a_quantity_in_other_digits_is_refused_on_the_command_line(
        demo_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    for qty in ("٣", "𝟑", "²", "--5"):
        assert main(["book", "afhaling", "--product", "HYG-HSK-L", "--location", "GNK-MAG",
                     f"--qty={qty}", "--db", demo_url]) == 1
        assert "hoeveelheid" in capsys.readouterr().err
