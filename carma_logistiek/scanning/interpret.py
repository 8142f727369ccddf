"""What a scanned text means, without a database: one of our labels, a manufacturer code, or
neither. Pure and fast: runs on every decoded frame and every wedge-scanner burst."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.scanning.gs1 import Gs1Data, parse_manufacturer_code
from carma_logistiek.scanning.layouts import retyped
from carma_logistiek.scanning.payloads import LabelPayload, parse_label

_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]{1,15}://|www\.|mailto:|tel:)", re.IGNORECASE)
# A scanner set to send the AIM symbology identifier puts "]Q1" (QR), "]d2" (DataMatrix) ...
# before the code. The GS1 parser reads it itself; our own labels are read without it.
_SYMBOLOGY_IDENTIFIER = re.compile(r"^\][A-Za-z][0-9A-Za-z]")


@dataclass(frozen=True)
class OwnLabel:
    payload: LabelPayload
    keyboard_mixup: bool = False  # read only after undoing a scanner/PC layout mix-up


@dataclass(frozen=True)
class ManufacturerCode:
    gs1: Gs1Data
    keyboard_mixup: bool = False


@dataclass(frozen=True)
class Unrecognised:
    reason: str  # "empty", "url" or "unknown"


Interpretation = OwnLabel | ManufacturerCode | Unrecognised


def clean_scan(text: str) -> str:
    """Drop what keyboard-wedge scanners add around a code: spaces, tabs, CR and LF (and NULs
    some serial adapters send)."""
    return text.replace("\x00", "").strip()


def interpret(text: str) -> Interpretation:
    """Classify a scanned text.

    Raises DamagedLabel / UnsupportedLabelVersion (DomainErrors) for a text that is one of our
    labels but malformed or from a newer format. A GS1 Digital Link URL is a manufacturer
    code; any other URL is ``Unrecognised("url")``.
    """
    cleaned = clean_scan(text)
    if not cleaned:
        return Unrecognised("empty")
    meaning = _classify(cleaned)
    if isinstance(meaning, Unrecognised) and meaning.reason == "unknown":
        return _after_keyboard_mixup(cleaned) or meaning
    return meaning


def _classify(cleaned: str) -> Interpretation:
    payload = parse_label(cleaned) or parse_label(_SYMBOLOGY_IDENTIFIER.sub("", cleaned, 1))
    if payload is not None:
        return OwnLabel(payload)
    gs1 = parse_manufacturer_code(cleaned)
    if gs1 is not None:
        return ManufacturerCode(gs1)
    if _URL.match(cleaned):
        return Unrecognised("url")
    return Unrecognised("unknown")


def _after_keyboard_mixup(cleaned: str) -> OwnLabel | ManufacturerCode | None:
    """A scanner set to US QWERTY on a Belgian AZERTY PC (or the other way round) types
    ``CL&MCQR?Q...`` for ``CL1:CARMA...``: when undoing that gives one of our labels or a valid
    manufacturer code, that is what was scanned (a text that is neither stays unrecognised)."""
    for candidate in retyped(cleaned):
        try:
            meaning = _classify(candidate)
        except DomainError:
            continue
        if isinstance(meaning, OwnLabel | ManufacturerCode):
            return replace(meaning, keyboard_mixup=True)
    return None
