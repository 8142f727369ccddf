"""Our own label payloads: ``CL1:<zone>:<kind>:<code>[:<lot>]`` (see docs/qr-payloads.md).

Short on purpose, so a label's QR code stays small and robust: upper case letters, digits and
``-.:`` are all in QR's alphanumeric set (5.5 bits a character instead of 8). ``CL`` says "CARMA
Logistiek", the digit after it is the format version, so a later format can be told apart from
a damaged label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from carma_logistiek.domain.errors import DamagedLabel, InvalidCode, UnsupportedLabelVersion

PREFIX = "CL"
VERSION = 1
SEPARATOR = ":"
DEFAULT_ZONE = "CARMA"
MAX_LOT_LENGTH = 40  # lots.lot_number is 40 characters

# Same rule as the codes in the database (services.lookups.CODE_PATTERN), in upper case;
# repeated here so that parsing a scan does not import SQLAlchemy.
CODE_RE = re.compile(r"[A-Z0-9][A-Z0-9._-]{0,31}")
_VERSIONED = re.compile(r"CL(\d+)(?::|$)", re.IGNORECASE)
# QR alphanumeric mode: a payload made only of these encodes in the compact mode.
QR_ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


class LabelKind(StrEnum):
    """The letter after the zone: what the label is stuck on."""

    PRODUCT = "P"
    LOT = "B"  # "batch": the code is the product code, the lot number follows
    LOCATION = "L"
    KIT = "K"
    VEHICLE = "V"
    STAFF = "S"
    ORDER = "O"  # boutique order


# What each kind is called outside the payload (ScanResult.kind, the CLI's JSON).
KIND_NAMES = {
    LabelKind.PRODUCT: "product",
    LabelKind.LOT: "lot",
    LabelKind.LOCATION: "location",
    LabelKind.KIT: "kit",
    LabelKind.VEHICLE: "vehicle",
    LabelKind.STAFF: "staff",
    LabelKind.ORDER: "boutique_order",
}


@dataclass(frozen=True)
class LabelPayload:
    kind: LabelKind
    code: str
    lot: str | None = None
    zone: str = DEFAULT_ZONE


def _valid_lot(lot: str) -> bool:
    return 0 < len(lot) <= MAX_LOT_LENGTH and lot == lot.strip() and lot.isprintable()


def encode_label(payload: LabelPayload) -> str:
    """The text to put in a label's QR code. Codes are upper-cased; a lot number is kept as it
    is (lot numbers are case-sensitive) and is only allowed, and required, on a lot label."""
    zone = payload.zone.strip().upper()
    code = payload.code.strip().upper()
    kind = LabelKind(payload.kind)
    if not CODE_RE.fullmatch(zone):
        raise InvalidCode(code=payload.zone)
    if not CODE_RE.fullmatch(code):
        raise InvalidCode(code=payload.code)
    parts = [f"{PREFIX}{VERSION}", zone, kind.value, code]
    if kind is LabelKind.LOT:
        lot = (payload.lot or "").strip()
        if not _valid_lot(lot):
            raise InvalidCode(code=payload.lot or "")
        parts.append(lot)
    elif payload.lot:
        raise ValueError(f"only a lot label carries a lot number, not {kind.name}")
    return SEPARATOR.join(parts)


def is_alphanumeric(text: str) -> bool:
    """True when a QR code of ``text`` can use the compact alphanumeric mode."""
    return all(char in QR_ALPHANUMERIC for char in text)


def parse_label(text: str) -> LabelPayload | None:
    """The payload of one of our labels; None when ``text`` is not one of ours at all.

    Raises DamagedLabel when the text starts like ours (``CL`` + a digit) but does not follow
    the format, and UnsupportedLabelVersion for a format newer than this program knows.
    The zone is returned as printed; whether it is *our* zone is for the caller to decide.
    """
    cleaned = text.strip()
    match = _VERSIONED.match(cleaned)
    if match is None:
        return None
    version_text = match.group(1)
    if len(version_text) > 4 or int(version_text) != VERSION:
        if len(version_text) <= 4 and int(version_text) > VERSION:
            raise UnsupportedLabelVersion(version=int(version_text))
        raise DamagedLabel(label=_shown(cleaned))
    parts = cleaned.split(SEPARATOR, 4)
    if len(parts) < 4:
        raise DamagedLabel(label=_shown(cleaned))
    zone, kind_letter, code = (part.upper() for part in parts[1:4])
    lot = parts[4] if len(parts) == 5 else None
    try:
        kind = LabelKind(kind_letter)
    except ValueError:
        raise DamagedLabel(label=_shown(cleaned)) from None
    if not CODE_RE.fullmatch(zone) or not CODE_RE.fullmatch(code):
        raise DamagedLabel(label=_shown(cleaned))
    if kind is LabelKind.LOT:
        if lot is None or not _valid_lot(lot):
            raise DamagedLabel(label=_shown(cleaned))
    elif lot is not None:
        raise DamagedLabel(label=_shown(cleaned))
    return LabelPayload(kind=kind, code=code, lot=lot, zone=zone)


def _shown(text: str, limit: int = 60) -> str:
    """The label text as it may appear in a message: printable and not too long."""
    printable = "".join(char if char.isprintable() else "?" for char in text)
    return printable if len(printable) <= limit else printable[: limit - 1] + "…"
