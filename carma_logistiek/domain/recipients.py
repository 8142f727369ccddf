"""The "voor wie" field: what a staff number looks like, and finding a recipient by part of
its name or code as the picker does while the clerk types.

Plain Python, so the window filters the candidates it loaded once without asking the database
for every key, and the services refuse the same staff numbers as the window.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.text import natural_key
from carma_logistiek.i18n import N_

# A staff number is what the staff card prints (CL1:CARMA:S:01209): digits only, leading zeros
# kept (01209 and 1209 are not assumed to be the same person).
STAFF_NUMBER = re.compile(r"[0-9]+")
# The order kinds come in when two candidates match as well: vehicles and kits are what a
# pickup is most often for, then people, then places.
KIND_ORDER = ("vehicle", "kit", "staff", "location", "order")


class InvalidStaffNumber(DomainError):
    """'Voor wie' names a staff member by something that is not a staff number."""

    code = "InvalidStaffNumber"
    template = N_(
        "'{code}' is geen personeelsnummer: een personeelsnummer bestaat enkel uit "
        "cijfers (bv. 01209). Scan de personeelskaart of kies de persoon uit de lijst."
    )
    field = "recipient"


def is_staff_number(code: str) -> bool:
    return STAFF_NUMBER.fullmatch(code.strip()) is not None


def require_staff_number(code: str) -> str:
    """The staff number without surrounding blanks; InvalidStaffNumber when it is none."""
    if not is_staff_number(code):
        raise InvalidStaffNumber(code=code)
    return code.strip()


class Candidate(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...


C = TypeVar("C", bound=Candidate)


def search_candidates(
    candidates: Iterable[C], text: str, *, kind: str | None = None, limit: int | None = None
) -> list[C]:
    """The candidates whose code or name holds every word of ``text`` (case ignored, anywhere),
    best first: the exact code, then those whose code or name starts with the text, then the
    rest; within each, in natural order of name (or code), then by kind. ``kind`` keeps one
    kind only (what ``vehicle:VI`` asks for)."""
    words = text.casefold().split()
    wanted = text.strip().casefold()
    found: list[tuple[tuple[object, ...], C]] = []
    for candidate in candidates:
        if kind is not None and candidate.kind != kind:
            continue
        code, name = candidate.code.casefold(), candidate.name.casefold()
        haystack = f"{code} {name}"
        if not all(word in haystack for word in words):
            continue
        rank = (
            0 if code == wanted else 1 if code.startswith(wanted) or name.startswith(wanted) else 2
        )
        found.append(
            (
                (
                    rank,
                    natural_key(candidate.name or candidate.code),
                    _kind_rank(candidate.kind),
                    natural_key(candidate.code),
                ),
                candidate,
            )
        )
    found.sort(key=lambda pair: pair[0])
    matches = [candidate for _key, candidate in found]
    return matches if limit is None else matches[:limit]


def find_candidate(candidates: Sequence[C], text: str, *, kind: str | None = None) -> C | None:
    """The one candidate ``text`` names exactly: by code (case ignored), else by whole name.
    When a code is used by two kinds (a kit and a location), the kind that comes first in
    KIND_ORDER wins; a name two candidates share names neither."""
    wanted = text.strip().casefold()
    if not wanted:
        return None
    pool = [c for c in candidates if kind is None or c.kind == kind]
    by_code = sorted(
        (c for c in pool if c.code.casefold() == wanted), key=lambda c: _kind_rank(c.kind)
    )
    if by_code:
        return by_code[0]
    by_name = [c for c in pool if c.name and c.name.casefold() == wanted]
    return by_name[0] if len(by_name) == 1 else None


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
