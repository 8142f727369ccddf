"""What text a write may carry: the same rules on every backend, checked before anything is
written.

SQLite stores a 41-character lot number in a 40-character column without a word; PostgreSQL
refuses it with a driver error in the middle of a transaction. So the limits are checked here,
once, for every argument of every write (services/command.py calls :func:`check_request`), and
a zone that moves from SQLite to a server carries no rows that do not fit.

The limits are the column lengths of the tables the values end up in (db/models); a test
compares the two so they cannot drift apart.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import fields, is_dataclass

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import N_, _

# Codes of products, locations, kits, kit types and orders (db/models/common.CODE_LENGTH).
CODE = 32

# The longest text a write may store, by argument name. Looked up first as "command:argument"
# (the same name means a different column in a few commands), then "Class.field" for values
# inside a request's dataclasses, then by the name alone.
LIMITS: Mapping[str, int] = {
    "code": CODE, "product_code": CODE, "location_code": CODE, "from_location": CODE,
    "to_location": CODE, "kit_type_code": CODE, "new_code": CODE, "old_code": CODE,
    "parent_code": CODE, "stock_location_code": CODE, "number": CODE, "kit_codes": CODE,
    "lot_number": 40, "gtin": 14,
    "note": 500, "reason": 500, "override_reason": 500, "need": 500,
    "caption": 160, "spot": 160, "floor": 40,
    "responsible": 80, "person": 64, "supplier": 120, "category": 64, "unit": 16,
    "mime_type": 40, "kind": 16,
    "Recipient.kind": 16, "Recipient.code": 64,
    "masterdata.create_location:name": 120, "masterdata.create_product:name": 160,
    "kits.create_kit_type:name": 80, "name": 80,
    # master data (issue 10): products, suppliers, locations
    "masterdata.rename_location:name": 120, "ProductValues.name": 160,
    "SupplierValues.name": 120, "notes": 2000, "contact": 120, "email": 254, "phone": 40,
    "customer_number": 40, "reference": 64, "supplier_code": CODE, "transfer_to": CODE,
}
USER_NAME = 64  # booked_by, recorded_by, created_by, ...

# Labels of the arguments in the sentences below.
FIELD_NAMES: Mapping[str, str] = {
    "lot_number": N_("het lotnummer"), "note": N_("de opmerking"), "reason": N_("de reden"),
    "override_reason": N_("de reden"), "need": N_("de noodzaak"), "name": N_("de naam"),
    "supplier": N_("de leverancier"), "responsible": N_("de verantwoordelijke"),
    "person": N_("de naam"), "caption": N_("het bijschrift"), "spot": N_("de plaats"),
    "floor": N_("de verdieping"), "category": N_("de categorie"), "unit": N_("de eenheid"),
    "gtin": N_("de GTIN"),
}
ANY_CODE = N_("de code")

# Where a form shows an argument (the error's ``field``), so the window puts the sentence next
# to the field and focuses it; arguments not listed keep their own name.
FORM_FIELDS: Mapping[str, str] = {
    "lot_number": "lot", "override_reason": "reason", "product_code": "product",
    "location_code": "location", "from_location": "location", "Recipient.code": "recipient",
    "Recipient.kind": "recipient",
}

# Line breaks and tabs belong in a note; no other control character belongs anywhere (a NUL
# byte ends a string in C drivers, and terminals act on escape sequences).
ALLOWED_CONTROLS = frozenset("\n\t\r")


class TextTooLong(DomainError):
    code = "TextTooLong"
    template = N_("{what} is te lang: {length} tekens, hoogstens {limit}. Kort het in.")
    field = None

    def message(self) -> str:
        what = _(str(self.fields["what"]))
        return _(self.template, **{**self.fields, "what": what[:1].upper() + what[1:]})


class ControlCharacters(DomainError):
    code = "ControlCharacters"
    template = N_("{what} bevat een onzichtbaar stuurteken (zoals een NUL-byte); dat kan niet "
                  "bewaard worden. Typ de tekst opnieuw of kopieer hem uit een ander bestand.")
    field = None

    def message(self) -> str:
        what = _(str(self.fields["what"]))
        return _(self.template, **{**self.fields, "what": what[:1].upper() + what[1:]})


class UserNameTooLong(DomainError):
    code = "UserNameTooLong"
    template = N_("De gebruikersnaam is te lang ({length} tekens, hoogstens {limit}); er werd "
                  "niets bewaard. Vraag de functioneel beheerder een kortere naam in te stellen.")
    field = None


def check_user(user: str) -> None:
    if len(user) > USER_NAME:
        raise UserNameTooLong(length=len(user), limit=USER_NAME)
    _check_characters("user", user)


def check_request(command: str, arguments: Mapping[str, object]) -> None:
    """Refuse a request whose text does not fit its columns or holds control characters,
    before a transaction is opened. Values inside lists, tuples, mappings and dataclasses are
    checked too."""
    for name, value in arguments.items():
        if name in ("actor", "key", "data", "photo"):
            continue  # the actor has its own check; keys are hashed when long; bytes are bytes
        _check_value(command, name, "", value)


def limit_of(command: str, name: str, owner: str = "") -> int | None:
    for lookup in (f"{command}:{name}", f"{owner}.{name}" if owner else "", name):
        if lookup and lookup in LIMITS:
            return LIMITS[lookup]
    return None


def _check_value(command: str, name: str, owner: str, value: object) -> None:
    if isinstance(value, str):
        _check_text(command, name, owner, value)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _check_value(command, name, owner, item)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _check_value(command, name, owner, key)
            _check_value(command, name, owner, item)
    elif is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            _check_value(command, field.name, type(value).__name__, getattr(value, field.name))


def _check_text(command: str, name: str, owner: str, text: str) -> None:
    _check_characters(name, text, owner)
    limit = limit_of(command, name, owner)
    if limit is not None and len(text) > limit:
        raise _at_field(TextTooLong(what=_label(name), length=len(text), limit=limit),
                        name, owner)


def _check_characters(name: str, text: str, owner: str = "") -> None:
    if text.isprintable():
        return  # the common case, in C
    for character in text:
        if character not in ALLOWED_CONTROLS and unicodedata.category(character) == "Cc":
            raise _at_field(ControlCharacters(what=_label(name)), name, owner)


def _at_field(error: DomainError, name: str, owner: str) -> DomainError:
    error.field = FORM_FIELDS.get(f"{owner}.{name}", FORM_FIELDS.get(name, name))
    return error


def _label(name: str) -> str:
    if name in FIELD_NAMES:
        return FIELD_NAMES[name]
    if name == "user":
        return N_("de gebruikersnaam")
    return ANY_CODE


# --- how text sorts where people read it ------------------------------------------------------

_DIGITS = re.compile(r"(\d+)")


# Names repeat across refreshes (the overview sorts the same thousands of names each time).
@functools.lru_cache(maxsize=65_536)
def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that reads numbers as numbers and ignores case and accents: "voertuig 2"
    before "voertuig 10", "VITO-9" before "vito-10", "Émile" beside "emile". A number part
    sorts before a text part at the same place, so the key never compares a number with text."""
    # Most names are plain ASCII without digits: those skip the decomposition and the split
    # (the stock overview sorts thousands of rows by these keys on every refresh).
    if text.isascii():
        folded = text.lower()
        if not any(c.isdigit() for c in folded):
            return ((1, folded),) if folded else ()
    else:
        plain = "".join(c for c in unicodedata.normalize("NFKD", text)
                        if not unicodedata.combining(c))
        folded = plain.casefold()
    parts = _DIGITS.split(folded)
    return tuple(
        (0, int(part)) if index % 2 else (1, part)
        for index, part in enumerate(parts)
        if part or index % 2
    )
