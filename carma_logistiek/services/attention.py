"""What needs attention today, as plain data: the content of one card of the start screen
(stuurbord). Each feature's service answers its own card (stock under minimum, lots expiring,
overdue kit checks, late orders…); the screen only shows what it is given.

A line may name what a click on it should open, as a focus request the feature's screen
understands ("product:SPT@GNK-MAG", "order:B2026-0003"); empty means "what the card opens".
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST_LINES = 5  # a card shows its first few items; the count says how many there are
OK, ATTENTION, PROBLEM, INFO, NEUTRAL = "ok", "attention", "problem", "info", "neutral"


@dataclass(frozen=True)
class AttentionLine:
    text: str
    focus: str = ""  # a focus request for the card's screen; "" = the card's own


@dataclass(frozen=True)
class AttentionSummary:
    """A card's content: how many, the first few as short texts, and how bad it is."""

    count: int
    lines: tuple[AttentionLine, ...] = ()
    severity: str = OK  # the shared palette: ok, attention, problem, info, neutral
    note: str = ""  # one line under the count ("2 achterstallig · 3 deze week")
    # A focus request that replaces the card's own when the card is opened ("" = its own):
    # the kit checks open on the overdue ones when there are, else on this week's.
    focus: str = ""


def severity_when(count: int, severity: str) -> str:
    """``severity`` when there is something to see, else ok."""
    return severity if count else OK


def product_focus(product_code: str, location_code: str = "") -> str:
    """The focus request that opens a product's detail (at a location, "" = the zone)."""
    return f"product:{product_code}@{location_code}"


def order_focus(number: str) -> str:
    return f"order:{number}"


def split_focus(request: str) -> tuple[str, str]:
    """("product", "SPT@GNK-MAG") from "product:SPT@GNK-MAG"; a plain request has no value."""
    kind, _sep, value = request.partition(":")
    return kind, value


def product_of_focus(value: str) -> tuple[str, str]:
    """(product code, location code) from the value of a product focus."""
    product, _sep, location = value.partition("@")
    return product, location
