"""A scanner set to another keyboard layout than the PC's (tests/data/scanner/
us-scanner-on-azerty-be-staff-enter.keys was recorded on X11's Belgian layout with the key
positions a US-configured scanner sends)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from carma_logistiek.scanning.interpret import ManufacturerCode, OwnLabel, Unrecognised, interpret
from carma_logistiek.scanning.layouts import (
    belgian_scanner_on_us_pc,
    retyped,
    us_scanner_on_belgian_pc,
)
from carma_logistiek.scanning.payloads import LabelKind

RECORDED = Path(__file__).resolve().parents[1] / "data" / "scanner"


def recorded_text(name: str) -> str:
    lines = (RECORDED / f"{name}.keys").read_text(encoding="utf-8").splitlines()
    texts = (ast.literal_eval(line.split()[0]) for line in lines if line.strip())
    return "".join(text for text in texts if text not in ("\r", "\t"))


def test_the_recorded_mixup_is_what_the_table_predicts() -> None:
    received = recorded_text("us-scanner-on-azerty-be-staff-enter")
    assert received == "CL&MCQR?QMSMà&éàç"
    assert us_scanner_on_belgian_pc(received) == "CL1:CARMA:S:01209"


@pytest.mark.parametrize(
    "meant", ["CL1:CARMA:B:DT-SPK:L2024-118.A", "CL1:CARMA:K:KIT-001", "5410000000026"]
)
def test_both_directions_undo_each_other(meant: str) -> None:
    assert us_scanner_on_belgian_pc(belgian_scanner_on_us_pc(meant)) == meant
    assert belgian_scanner_on_us_pc(us_scanner_on_belgian_pc(meant)) == meant


def test_a_mixed_up_label_is_read_and_says_so() -> None:
    meaning = interpret(recorded_text("us-scanner-on-azerty-be-staff-enter"))
    assert isinstance(meaning, OwnLabel) and meaning.keyboard_mixup
    assert (meaning.payload.kind, meaning.payload.code) == (LabelKind.STAFF, "01209")


def test_a_mixed_up_manufacturer_code_is_read() -> None:
    meaning = interpret(belgian_scanner_on_us_pc("5410000000026"))
    assert isinstance(meaning, ManufacturerCode) and meaning.keyboard_mixup
    assert meaning.gs1.gtin == "05410000000026"


def test_a_correct_scan_is_not_flagged_and_nonsense_stays_nonsense() -> None:
    assert interpret("CL1:CARMA:P:MOND") == interpret("CL1:CARMA:P:MOND")
    assert not interpret("CL1:CARMA:P:MOND").keyboard_mixup  # type: ignore[union-attr]
    assert interpret("àç&éçéçà&") == Unrecognised("unknown")  # no valid check digit
    assert retyped("hello") == []  # no character of it differs between the layouts


def test_an_aim_symbology_identifier_before_our_label_is_read() -> None:
    meaning = interpret("]Q1CL1:CARMA:P:MOND")
    assert isinstance(meaning, OwnLabel) and meaning.payload.code == "MOND"
