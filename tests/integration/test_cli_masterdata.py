"""``products``, ``locations`` and ``suppliers`` from the command line: list, add, edit, import,
export. Bad input is a sentence on stderr and exit 1 (wrong usage: exit 2), and writes
nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import take_snapshot

from carma_logistiek.cli import main
from carma_logistiek.services import masterdata, stock
from carma_logistiek.services.stock.overview import verify_stock_levels
from tests.support.actors import TESTER


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """The command line opens its own database: SQLite is enough here."""
    return sqlite_url


def run(url: str, capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main([*words, "--db", url])
    except SystemExit as usage:  # argparse: a usage error
        code = int(usage.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_products_are_added_edited_listed_and_retired(db, db_url, zone, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(db_url, capsys, "products", "add", "spt-2", "--name", "Speekseltest 2",
                         "--expiry", "--shelf-life", "365", "--gtin", "4006381333931",
                         "--category", "Drugtests")
    assert (code, err) == (0, "") and "SPT-2" in out
    details = masterdata.get_product_details(db, "SPT-2")
    assert (details.tracks_lots, details.shelf_life_days, details.gtins) == (
        True, 365, ("4006381333931",))
    run(db_url, capsys, "suppliers", "add", "DRAGER", "--name", "Dräger", "--lead-time", "10")
    code, out, _err = run(db_url, capsys, "products", "edit", "SPT-2", "--name", "Speekseltest",
                          "--supplier", "drager", "--reference", "68 10", "--pack-size", "20")
    assert code == 0 and "gewijzigd" in out
    details = masterdata.get_product_details(db, "SPT-2")
    assert details.name == "Speekseltest" and details.shelf_life_days == 365
    assert [(s.supplier_code, s.reference, s.pack_size, s.preferred)
            for s in details.suppliers] == [("DRAGER", "68 10", 20, True)]
    code, out, _err = run(db_url, capsys, "products", "list", "--search", "spt-2",
                          "--format", "json")
    assert json.loads(out) == [{"code": "SPT-2", "name": "Speekseltest",
                                "category": "Drugtests", "unit": "stuk",
                                "gtin": "4006381333931", "supplier": "Dräger",
                                "tracks_expiry": True, "active": True}]
    assert run(db_url, capsys, "products", "edit", "SPT-2", "--retire")[0] == 0
    assert "SPT-2" not in run(db_url, capsys, "products", "list")[1]
    assert "SPT-2" in run(db_url, capsys, "products", "list", "--all", "--format", "csv")[1]
    code, _out, err = run(db_url, capsys, "book", "delivery", "--product", "SPT-2",
                          "--location", zone.storeroom, "--qty", "1", "--lot", "L1",
                          "--expiry", "2030-12-31")
    assert code == 1 and "buiten gebruik" in err


@pytest.mark.parametrize(("words", "exit_code", "says"), [
    (("products", "edit", "NERGENS", "--name", "x"), 1, "Onbekend product"),
    (("products", "edit", "HANDSCH-M"), 2, "minstens één wijziging"),
    (("products", "edit", "HANDSCH-M", "--reference", "R"), 2, "--supplier"),
    (("products", "edit", "HANDSCH-M", "--supplier", "NERGENS"), 1, "Onbekende leverancier"),
    (("products", "edit", "DT-SPK", "--name", "Nieuw", "--gtin", "4006381333932"), 1,
     "geen geldige GTIN"),
    (("products", "edit", "DT-SPK", "--shelf-life", "0"), 1, "3650"),
    (("products", "add", "DT-SPK", "--name", "Dubbel"), 1, "bestaat al"),
    (("products", "add", "X", "--name", "X", "--shelf-life", "veel"), 2, "--shelf-life"),
    (("locations", "add", "K9", "--name", "Kast", "--kind", "schuif"), 2, "schuif"),
    (("locations", "edit", "GENK", "--parent", "GENK-KAST1"), 1, "Genk hoofdcommissariaat"),
    (("locations", "edit", "GENK-KAST1", "--transfer-to", "GENK-KAST2"), 2, "--retire"),
    (("suppliers", "add", "S1", "--name", "S", "--email", "geen-adres"), 1, "e-mailadres"),
    (("suppliers", "edit", "NERGENS", "--name", "x"), 1, "Onbekende leverancier"),
])
def test_bad_input_is_a_sentence_and_writes_nothing(db, db_url, zone, capsys, words, exit_code,  # type: ignore[no-untyped-def]
                                                    says) -> None:
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.cabinet,
                          quantity=4, actor=TESTER)
    before = take_snapshot(db), masterdata.export_products(db), masterdata.export_locations(db)
    code, _out, err = run(db_url, capsys, *words)
    assert code == exit_code, err
    assert says in err and "Traceback" not in err
    after = take_snapshot(db), masterdata.export_products(db), masterdata.export_locations(db)
    assert after == before


def test_a_location_is_added_moved_and_retired_with_its_stock_transferred(db, db_url, zone,  # type: ignore[no-untyped-def]
                                                                          capsys) -> None:
    assert run(db_url, capsys, "locations", "add", "GENK-KAST3", "--name", "Kast 3",
               "--kind", "kast", "--parent", zone.storeroom)[0] == 0
    stock.record_delivery(db, product_code=zone.gloves, location_code="GENK-KAST3",
                          quantity=4, actor=TESTER)
    code, _out, err = run(db_url, capsys, "locations", "edit", "GENK-KAST3", "--retire")
    assert code == 1 and "voorraad" in err
    code, out, _err = run(db_url, capsys, "locations", "edit", "GENK-KAST3", "--name",
                          "Kast drie", "--parent", zone.other_storeroom)
    assert code == 0
    rows = {row.code: row for row in masterdata.list_locations(db)}
    assert (rows["GENK-KAST3"].name, rows["GENK-KAST3"].parent_code) == (
        "Kast drie", zone.other_storeroom)
    code, out, err = run(db_url, capsys, "locations", "edit", "GENK-KAST3", "--retire",
                         "--transfer-to", zone.other_storeroom)
    assert code == 0 and "GENK-KAST3" in out, err
    assert "GENK-KAST3" not in {row.code for row in masterdata.list_locations(db)}
    assert verify_stock_levels(db) == []
    listed = run(db_url, capsys, "locations", "list", "--all", "--format", "json")[1]
    assert {"code": "GENK-KAST3", "active": False} .items() <= next(
        r for r in json.loads(listed) if r["code"] == "GENK-KAST3").items()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_changes_nothing(db, db_url, zone, capsys, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            suffix) -> None:
    run(db_url, capsys, "suppliers", "add", "MEDI", "--name", "Medi", "--phone", "+32 1")
    for group in ("suppliers", "locations", "products"):
        path = tmp_path / f"{group}{suffix}"
        code, out, _err = run(db_url, capsys, group, "export", str(path))
        assert code == 0 and str(path) in out
        before = take_snapshot(db), getattr(masterdata, f"export_{group}")(db)
        code, out, err = run(db_url, capsys, group, "import", str(path))
        assert (code, err) == (0, ""), err
        assert "ongewijzigd" in out
        assert (take_snapshot(db), getattr(masterdata, f"export_{group}")(db)) == before


def test_an_import_with_a_bad_row_keeps_nothing_and_says_which(db, db_url, zone, capsys,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    path = tmp_path / "producten.csv"
    path.write_text("Code;Naam;GTIN\nNIEUW-1;Nieuw een;\nNIEUW-2;Nieuw twee;123\n",
                    encoding="utf-8")
    code, _out, err = run(db_url, capsys, "products", "import", str(path))
    assert code == 1 and "Regel 3" in err and "123" in err
    assert masterdata.list_products(db, text="NIEUW") == []
    code, out, _err = run(db_url, capsys, "products", "import", str(path), "--skip-refused")
    assert code == 1 and "1 ingelezen" in out  # a refused row still says so in the exit code
    assert [p.code for p in masterdata.list_products(db, text="NIEUW")] == ["NIEUW-1"]


def test_the_groups_are_commands(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(word in out for word in ("products", "locations", "suppliers"))
