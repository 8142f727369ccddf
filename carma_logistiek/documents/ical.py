"""iCalendar (.ics, RFC 5545) export of planned kit re-checks, for the advisor's agenda.

Written by hand (no iCalendar library: a dozen properties, escaped and folded as the RFC says;
the tests read the files back with the ``icalendar`` package). All-day events on the due date;
an overdue check goes on the day of the export instead ("te laat sinds 29/02/2028"), since a
check on a past day is on nobody's today. Whom a check is assigned to is in the summary and
the description (an ATTENDEE needs an e-mail address, which the register does not have). The
UID is stable per kit and due date, so importing a newer export updates the same events
(an overdue one moves to the new day) instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Protocol

from carma_logistiek.domain.kits import KitStatus, shown_status
from carma_logistiek.i18n import _, ngettext


class PlannedKit(Protocol):
    """What an event says of the kit (the kits service's KitRow)."""

    @property
    def code(self) -> str: ...
    @property
    def kit_type_name(self) -> str: ...
    @property
    def site_name(self) -> str: ...
    @property
    def location_name(self) -> str: ...
    @property
    def floor(self) -> str: ...
    @property
    def spot(self) -> str: ...
    @property
    def status(self) -> KitStatus: ...
    @property
    def next_check_due(self) -> date: ...
    @property
    def assigned_to(self) -> str | None: ...


class PlannedCheck(Protocol):
    """One planned re-check (the kits service's PlanRow)."""

    @property
    def kit(self) -> PlannedKit: ...
    @property
    def days_overdue(self) -> int: ...


def render_kit_plan_ics(rows: Sequence[PlannedCheck], *, zone_name: str,
                        generated_at: datetime) -> str:
    stamp = generated_at.strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CARMA Logistiek//EHBO-kits//NL",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "X-WR-CALNAME:" + _escape(_("Hercontroles EHBO-kits — {zone}", zone=zone_name))]
    for row in rows:
        lines += _event(row, stamp)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _event(row: PlannedCheck, stamp: str) -> list[str]:
    kit = row.kit
    due = kit.next_check_due
    # The plan's day: the due date plus the days overdue (the rows say it as the screen did).
    today = due + timedelta(days=row.days_overdue)
    day = today if row.days_overdue else due
    place = ", ".join(dict.fromkeys(  # a kit hung at site level names its building once
        part for part in (kit.site_name, kit.location_name, kit.floor, kit.spot) if part))
    description = [
        _("EHBO-kit {code} ({kind}), status: {status}.", code=kit.code, kind=kit.kit_type_name,
          status=shown_status(kit.status, due, today).label),
        _("Plaats: {place}", place=place),
    ]
    if kit.assigned_to:
        description.append(_("Toegewezen aan: {person}", person=kit.assigned_to))
    if row.days_overdue:
        description.append(ngettext("{n} dag achterstallig.", "{n} dagen achterstallig.",
                                    row.days_overdue))
    return [
        "BEGIN:VEVENT",
        f"UID:kit-{kit.code}-{due:%Y%m%d}@carma-logistiek",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        "SUMMARY:" + _escape(_summary(row)),
        f"LOCATION:{_escape(place)}",
        f"DESCRIPTION:{_escape(chr(10).join(description))}",
        "CATEGORIES:EHBO",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def _summary(row: PlannedCheck) -> str:
    kit = row.kit
    parts = [_("Hercontrole EHBO-kit {code} ({kind})", code=kit.code, kind=kit.kit_type_name)]
    if row.days_overdue:
        parts.append(_("te laat sinds {date}", date=kit.next_check_due.strftime("%d/%m/%Y")))
    if kit.assigned_to:
        parts.append(kit.assigned_to)
    return " — ".join(parts)


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF + space (RFC 5545)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)
