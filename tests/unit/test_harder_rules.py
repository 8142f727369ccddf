"""The rules of the hard way, without pictures: what a text read the hard way must pass before
it counts, and the linear-code confirmation (carma_logistiek/scanning/harder.py)."""

from __future__ import annotations

import numpy as np
import pytest

from carma_logistiek.scanning import harder
from carma_logistiek.scanning.decoders import DecodedCode
from carma_logistiek.scanning.harder import _Found, passes_checks, read_harder
from carma_logistiek.scanning.layouts import us_scanner_on_belgian_pc

CORNERS = ((0, 0), (10, 0), (10, 10), (0, 10))


def code(text: str, symbology: str = "QRCode") -> DecodedCode:
    return DecodedCode(symbology, text, CORNERS)


@pytest.mark.parametrize(("symbology", "text"), [
    ("QRCode", "CL1:CARMA:P:ART-0001"),
    ("QRCode", "CL1:CARMA:B:ART-0001:L123"),
    ("DataMatrix", "(01)05412345678908(17)280630(10)A1"),
    ("EAN13", "5412345678908"),
    ("Code128", "(01)05412345678908(10)L1"),
    ("Code128", "SUPPLIER-REF-42"),  # a plain Code 128 of a supplier: nothing to check, printable
])
def test_a_text_that_is_what_it_claims_passes(symbology: str, text: str) -> None:
    assert passes_checks(code(text, symbology))


@pytest.mark.parametrize(("symbology", "text", "why"), [
    ("QRCode", "CL1:CARMA:Q", "our label, but damaged (no code)"),
    ("QRCode", "CL1::P:ART", "our label without its zone"),
    ("EAN13", "5412345678901", "EAN-13 with a wrong check digit"),
    ("DataMatrix", "(01)05412345678901(10)A1", "GS1 with a wrong GTIN check digit"),
    ("DataMatrix", "(01)0541234567890", "GS1 with a GTIN too short"),
    ("Code128", "(99", "claims GS1, is not"),
    ("QRCode", us_scanner_on_belgian_pc("CL1:CARMA:K:KIT-001"),
     "only readable by assuming a keyboard mix-up, and a picture has no keyboard"),
    ("Code128", "   ", "nothing but spaces"),
    ("Code128", "AB\x07C", "control characters"),
])
def test_a_text_that_fails_its_own_checks_does_not_pass(symbology: str, text: str,
                                                        why: str) -> None:
    assert not passes_checks(code(text, symbology)), why


def _attempts(monkeypatch: pytest.MonkeyPatch, results: dict[str, list[DecodedCode]]) -> list[str]:
    """Replace the attempts by ones that return fixed codes; returns the log of calls."""
    calls: list[str] = []

    def make(name: str):  # type: ignore[no-untyped-def]
        def attempt(_picture: object) -> list[_Found]:
            calls.append(name)
            return [_Found(found, True) for found in results[name]]
        return attempt

    monkeypatch.setattr(harder, "ATTEMPTS", {name: make(name) for name in results})
    return calls


PICTURE = np.full((40, 40), 255, np.uint8)


def test_a_2d_code_read_the_hard_way_counts_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _attempts(monkeypatch, {"a": [], "b": [code("CL1:CARMA:P:X1")], "c": []})
    reading = read_harder(PICTURE, budget_s=5, order=("a", "b", "c"))
    assert reading.texts == ["CL1:CARMA:P:X1"]
    assert reading.strategy == "b"
    assert calls == ["a", "b"]  # stops at the first attempt that reads


def test_a_linear_code_counts_only_when_a_second_attempt_reads_it_too(
        monkeypatch: pytest.MonkeyPatch) -> None:
    ean = code("5412345678908", "EAN13")
    _attempts(monkeypatch, {"a": [ean], "b": [], "c": [ean]})
    reading = read_harder(PICTURE, budget_s=5, order=("a", "b", "c"))
    assert reading.texts == ["5412345678908"]
    assert reading.strategy == "c"


def test_a_linear_code_read_once_is_unreadable_not_a_product(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _attempts(monkeypatch, {"a": [code("5412345678908", "EAN13")], "b": [],
                            "c": [code("5400000000005", "EAN13")]})
    reading = read_harder(PICTURE, budget_s=5, order=("a", "b", "c"))
    assert reading.codes == ()
    assert reading.unreadable >= 1


def test_a_text_failing_its_checks_is_counted_as_unreadable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _attempts(monkeypatch, {"a": [code("CL1:CARMA:Q")], "b": []})
    reading = read_harder(PICTURE, budget_s=5, order=("a", "b"))
    assert reading.codes == ()
    assert reading.unreadable == 1


def test_no_attempt_starts_once_the_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _attempts(monkeypatch, {"a": [], "b": [code("CL1:CARMA:P:X1")]})
    reading = read_harder(PICTURE, budget_s=0, order=("a", "b"))
    assert calls == []
    assert reading.codes == ()
    assert reading.attempts == ()


@pytest.mark.parametrize("symbology", ["MicroQRCode", "RMQRCode", "QRCodeModel1", "Aztec"])
def test_a_symbology_no_label_uses_does_not_pass_even_with_a_plausible_text(
        symbology: str) -> None:
    # zxing's QR family includes Micro QR, whose weak error correction gave a false "4484".
    assert not passes_checks(code("4484", symbology))
    assert passes_checks(code("4484", "QRCode"))
