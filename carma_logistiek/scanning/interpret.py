"""What a scanned text means, without a database: one of our labels, a manufacturer code, or
neither. Pure and fast: runs on every decoded frame and every wedge-scanner burst."""

from __future__ import annotations

import re
from dataclasses import dataclass

from carma_logistiek.scanning.gs1 import Gs1Data, parse_manufacturer_code
from carma_logistiek.scanning.payloads import LabelPayload, parse_label

_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]{1,15}://|www\.|mailto:|tel:)", re.IGNORECASE)


@dataclass(frozen=True)
class OwnLabel:
    payload: LabelPayload


@dataclass(frozen=True)
class ManufacturerCode:
    gs1: Gs1Data


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
    payload = parse_label(cleaned)
    if payload is not None:
        return OwnLabel(payload)
    gs1 = parse_manufacturer_code(cleaned)
    if gs1 is not None:
        return ManufacturerCode(gs1)
    if _URL.match(cleaned):
        return Unrecognised("url")
    return Unrecognised("unknown")
