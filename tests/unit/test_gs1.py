"""Manufacturer codes: plain GTINs and GS1 element strings, parsed with biip."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carma_logistiek.scanning.gs1 import (
    Gs1Data,
    gtin_candidates,
    gtin_check_digit_ok,
    parse_manufacturer_code,
    shortest_gtin,
)

GTIN14 = "05412345678908"
FULL = Gs1Data(GTIN14, "LOT12", date(2026, 6, 30))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5412345678908", Gs1Data(GTIN14)),  # EAN-13
        ("05412345678908", Gs1Data(GTIN14)),  # GTIN-14
        ("12345670", Gs1Data("00000012345670")),  # EAN-8
        ("96385074", Gs1Data("00000096385074")),  # EAN-8, not AI (96)
        ("036000291452", Gs1Data("00036000291452")),  # UPC-A
        ("]E05412345678908", Gs1Data(GTIN14)),  # with the EAN symbology identifier
        ("5412345678908\r\n", Gs1Data(GTIN14)),  # a wedge scanner's Enter
    ],
)
def test_plain_gtins(text: str, expected: Gs1Data) -> None:
    assert parse_manufacturer_code(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # With the GS (FNC1) separator after the variable-length lot.
        f"01{GTIN14}10LOT12\x1d17260600",
        # Without separators: fixed-length fields first, the lot last needs none.
        f"01{GTIN14}17260600" "10LOT12",
        # Symbology identifiers: GS1 DataMatrix, GS1-128, GS1 QR, GS1 DataBar.
        f"]d201{GTIN14}17260600" "10LOT12",
        f"]C101{GTIN14}10LOT12\x1d17260600",
        f"]Q301{GTIN14}17260600" "10LOT12",
        f"]e001{GTIN14}10LOT12\x1d17260600",
        # Human-readable form (what zxing-cpp returns for GS1 codes).
        f"(01){GTIN14}(17)260600(10)LOT12",
        f"(01){GTIN14}(10)LOT12(17)260600",
        # GS1 Digital Link in a QR code.
        f"https://id.gs1.org/01/{GTIN14}/10/LOT12?17=260600",
    ],
)
def test_element_strings(text: str) -> None:
    assert parse_manufacturer_code(text) == FULL


def test_day_00_means_end_of_month() -> None:
    assert parse_manufacturer_code(f"(01){GTIN14}(17)240200").expiry == date(2024, 2, 29)
    assert parse_manufacturer_code(f"(01){GTIN14}(17)251215").expiry == date(2025, 12, 15)


def test_serial_and_quantity() -> None:
    data = parse_manufacturer_code(f"]d201{GTIN14}21SN-77\x1d3012")
    assert data == Gs1Data(GTIN14, serial="SN-77", quantity=12)


def test_leading_gs_as_fnc1_is_tolerated() -> None:
    assert parse_manufacturer_code(f"\x1d01{GTIN14}10LOT12\x1d17260600") == FULL


@pytest.mark.parametrize(
    "text",
    [
        "5412345678901",  # wrong check digit
        "05412345678901",
        "(01)05412345678901(10)A",  # wrong check digit inside an element string
        "0105412345678901" "10A",
        "(00)354123450000000018",  # SSCC: a pallet, not a product
        "(01)05412345678908(17)261331",  # impossible date
        "", "   ", "hello", "CL1:CARMA:P:DT-SPK", "https://example.com/x", "(", "]d2", "1234",
    ],
)
def test_not_a_manufacturer_code(text: str) -> None:
    assert parse_manufacturer_code(text) is None


def test_gtin_candidates() -> None:
    assert gtin_candidates(GTIN14) == [GTIN14, "5412345678908"]
    assert gtin_candidates("5412345678908") == [GTIN14, "5412345678908"]
    assert gtin_candidates("12345670") == [
        "00000012345670", "0000012345670", "000012345670", "12345670"]
    assert gtin_candidates("15412345678905") == ["15412345678905"]
    assert gtin_candidates("abc") == []
    assert shortest_gtin(GTIN14) == "5412345678908"


def test_check_digit() -> None:
    assert gtin_check_digit_ok("5412345678908")
    assert not gtin_check_digit_ok("5412345678909")
    assert not gtin_check_digit_ok("541234567890")


@given(st.text(max_size=80))
def test_no_input_crashes_the_parser(text: str) -> None:
    parse_manufacturer_code(text)


@given(st.text(alphabet="0123456789()\x1d]dCQe1", max_size=60))
def test_no_gs1_like_input_crashes_the_parser(text: str) -> None:
    result = parse_manufacturer_code(text)
    assert result is None or gtin_check_digit_ok(result.gtin)
