"""``zones list|add`` from the command line, and a label of another zone given to ``book``:
a sentence on stderr, exit 1, nothing booked."""

from __future__ import annotations

import json

import pytest

from carma_logistiek.cli import main
from carma_logistiek.services.stock.overview import stock_overview


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


def test_a_zone_is_added_and_listed(db, db_url, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = run(db_url, capsys, "zones", "add", "voeren", "PZ Voeren")
    assert code == 0 and "Zone VOEREN (PZ Voeren) aangemaakt" in out
    code, out, _err = run(db_url, capsys, "zones", "list", "--format", "json")
    assert code == 0
    assert json.loads(out) == [{"code": "CARMA", "name": "PZ CARMA"},
                               {"code": "VOEREN", "name": "PZ Voeren"}]
    assert "PZ Voeren" in run(db_url, capsys, "zones", "list")[1]


@pytest.mark.parametrize(("words", "says"), [
    (("zones", "add", "CARMA", "Nog eens"), "Er is al een zone CARMA (PZ CARMA)"),
    (("zones", "add", "x:y", "Fout"), "De zonecode x:y kan niet"),
    (("zones", "add", "BILZEN", "  "), "Vul een naam in."),
])
def test_a_bad_zone_is_refused_with_a_sentence(  # type: ignore[no-untyped-def]
        db, db_url, capsys, words, says) -> None:
    code, _out, err = run(db_url, capsys, *words)
    assert code == 1 and says in err and "Traceback" not in err
    assert [z["code"] for z in json.loads(run(db_url, capsys, "zones", "list", "--format",
                                               "json")[1])] == ["CARMA"]


def test_a_label_of_another_zone_is_refused_by_book(  # type: ignore[no-untyped-def]
        db, db_url, zone, capsys) -> None:
    code, _out, err = run(db_url, capsys, "book", "delivery", "--product",
                          f"CL1:VOEREN:P:{zone.gloves}", "--location", zone.storeroom,
                          "--qty", "1")
    assert code == 1
    assert "Dit etiket hoort bij zone VOEREN; u werkt in zone CARMA. Er werd niets geboekt; scan een etiket van de eigen zone." in err
    assert not [row for row in stock_overview(db) if row.quantity]
    code, _out, _err = run(db_url, capsys, "book", "delivery", "--product",
                           f"CL1:CARMA:P:{zone.gloves}", "--location", zone.storeroom,
                           "--qty", "2")
    assert code == 0
    assert [row.quantity for row in stock_overview(db) if row.quantity] == [2]
