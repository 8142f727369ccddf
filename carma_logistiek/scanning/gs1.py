"""Manufacturer codes: a plain GTIN/EAN, or a GS1 element string (GTIN, lot, expiry, ...),
parsed with biip (a maintained GS1 library).

Accepted: EAN-8/UPC-A/EAN-13/GTIN-14 digits; GS1 element strings with FNC1 as the GS character
(``\\x1d``) or without separators where none is needed; with a symbology identifier
(``]C1`` GS1-128, ``]d2`` GS1 DataMatrix, ``]Q3`` GS1 QR, ``]e0`` GS1 DataBar) or without; the
human-readable form ``(01)...(17)...(10)...`` that zxing-cpp returns; and GS1 Digital Link URIs
(``https://id.gs1.org/01/<gtin>/10/<lot>?17=<expiry>``), which newer medical packaging carries.
Expiry ``YYMMDD`` with ``DD`` = 00 means the last day of that month (biip does that).

Anything else, a wrong check digit included, gives None: it is not a manufacturer code we can
use. Nothing here raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

GTIN_LENGTHS = (8, 12, 13, 14)
# Longer than any sensible barcode: refuse before a parser spends time on it.
MAX_TEXT = 512


@dataclass(frozen=True)
class Gs1Data:
    gtin: str  # always 14 digits
    lot: str | None = None
    expiry: date | None = None
    serial: str | None = None
    quantity: int | None = None


def gtin_check_digit_ok(digits: str) -> bool:
    """GS1 mod-10 check digit of an 8/12/13/14-digit GTIN."""
    if len(digits) not in GTIN_LENGTHS or not digits.isascii() or not digits.isdigit():
        return False
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def normalise_gtin(text: str) -> str | None:
    """14-digit form of a GTIN with a valid check digit, else None."""
    digits = text.strip()
    return digits.zfill(14) if gtin_check_digit_ok(digits) else None


def gtin_candidates(gtin: str) -> list[str]:
    """Every form a GTIN may be stored in: 14, 13, 12 and 8 digits, as far as the dropped
    digits are leading zeros. ``05412345678908`` -> [``05412345678908``, ``5412345678908``]."""
    digits = gtin.strip()
    if not digits.isascii() or not digits.isdigit() or len(digits) > 14:
        return []
    gtin14 = digits.zfill(14)
    forms = [gtin14]
    for length in (13, 12, 8):
        if set(gtin14[: 14 - length]) == {"0"}:
            forms.append(gtin14[14 - length:])
    return forms


def shortest_gtin(gtin: str) -> str:
    """The form to store: the shortest candidate (EAN-13 for most European products)."""
    return gtin_candidates(gtin)[-1]


def parse_manufacturer_code(text: str) -> Gs1Data | None:
    """A GTIN or GS1 element string as Gs1Data (GTIN in 14 digits); None if it is neither."""
    try:
        return _parse(text)
    except Exception:  # biip is strict and raises on odd input; odd input is simply not ours
        return None


def _parse(text: str) -> Gs1Data | None:
    cleaned = text.strip()
    if not cleaned or len(cleaned) > MAX_TEXT:
        return None
    if not cleaned.replace("\x1d", "").isprintable():
        return None
    bare = cleaned[3:] if cleaned.startswith("]") else cleaned
    if bare.isascii() and bare.isdigit() and len(bare) in GTIN_LENGTHS:
        # A plain EAN/UPC/GTIN. Checked first: "96385074" is a valid EAN-8 but also reads as
        # GS1 AI (96); a printed EAN means the product.
        gtin = normalise_gtin(bare)
        if gtin is not None:
            return Gs1Data(gtin=gtin)
    if cleaned.startswith("("):
        from biip.gs1_messages import GS1Message

        return _from_elements(GS1Message.parse_hri(cleaned).element_strings)
    import biip

    result = biip.parse(cleaned)
    if result.gs1_message is not None:
        return _from_elements(result.gs1_message.element_strings)
    if result.gs1_digital_link_uri is not None:
        return _from_elements(result.gs1_digital_link_uri.element_strings)
    return None


def _from_elements(elements) -> Gs1Data | None:  # type: ignore[no-untyped-def]
    values: dict[str, object] = {}
    for element in elements:
        ai = element.ai.ai
        if ai in ("01", "02"):
            if element.gtin is None:
                return None
            values.setdefault("gtin", element.gtin.as_gtin_14())
        elif ai == "10":
            values["lot"] = element.value
        elif ai == "17" or (ai == "15" and "expiry" not in values):
            values["expiry"] = element.date
        elif ai == "21":
            values["serial"] = element.value
        elif ai in ("30", "37") and element.value.isdigit():
            values["quantity"] = int(element.value)
    if "gtin" not in values:
        return None  # an SSCC pallet label or the like: not a product
    gtin = str(values["gtin"])
    if normalise_gtin(gtin) is None:
        return None
    return Gs1Data(
        gtin=gtin,
        lot=values.get("lot"),  # type: ignore[arg-type]
        expiry=values.get("expiry"),  # type: ignore[arg-type]
        serial=values.get("serial"),  # type: ignore[arg-type]
        quantity=values.get("quantity"),  # type: ignore[arg-type]
    )
