"""The .ics of the re-check plan, read back by an iCalendar parser that is not ours: overdue
checks on the day of the export with "te laat sinds", the assignee named, the rest on their
due dates, and the UID that of the kit and its due date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar

from carma_logistiek.documents.ical import render_kit_plan_ics
from carma_logistiek.domain.kits import KitStatus, days_overdue, plan_bucket
from carma_logistiek.services.kits import KitRow, PlanRow

TODAY = date(2028, 3, 1)


def plan_row(code: str, due: date, assigned_to: str | None = None) -> PlanRow:
    kit = KitRow(
        code,
        "FAK",
        "First Aid Kit",
        "GNK-MAG",
        "Magazijn Genk",
        "Genk",
        False,
        "gelijkvloers",
        "onthaal; links, naast de deur",
        "",
        "preventie",
        KitStatus.IN_ORDER,
        due,
        assigned_to,
        date(2027, 3, 1),
    )
    return PlanRow(kit, plan_bucket(due, TODAY), days_overdue(due, TODAY))


def events(rows: list[PlanRow]) -> dict[str, icalendar.Event]:
    text = render_kit_plan_ics(
        rows, zone_name="Politiezone CARMA", generated_at=datetime(2028, 3, 1, 9, 30, tzinfo=UTC)
    )
    calendar = icalendar.Calendar.from_ical(text.encode("utf-8"))
    found = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert len(found) == len(rows)
    return found


def test_overdue_checks_go_on_the_export_day_and_say_since_when() -> None:
    found = events(
        [
            plan_row("K-LATE", date(2028, 2, 20), "Jan Janssens"),
            plan_row("K-SOON", date(2028, 3, 10)),
        ]
    )
    late = found["kit-K-LATE-20280220@carma-logistiek"]
    assert late.decoded("DTSTART") == TODAY
    assert late.decoded("DTEND") == date(2028, 3, 2)
    assert str(late["SUMMARY"]) == (
        "Hercontrole EHBO-kit K-LATE (First Aid Kit) — te laat sinds 20/02/2028 — Jan Janssens"
    )
    description = str(late["DESCRIPTION"])
    assert "status: controle te laat." in description
    assert "Toegewezen aan: Jan Janssens" in description
    assert "10 dagen achterstallig." in description
    assert (
        str(late["LOCATION"]) == "Genk, Magazijn Genk, gelijkvloers, onthaal; links, naast de deur"
    )

    soon = found["kit-K-SOON-20280310@carma-logistiek"]
    assert soon.decoded("DTSTART") == date(2028, 3, 10)
    assert str(soon["SUMMARY"]) == "Hercontrole EHBO-kit K-SOON (First Aid Kit)"
    assert "status: in orde." in str(soon["DESCRIPTION"])


def test_a_long_assignee_stays_valid_when_folded() -> None:
    name = "Marie-Christine Vandenbroucke-Van der Elst (preventieadviseur niveau 2)"
    found = events([plan_row("K-1", date(2028, 1, 5), name)])
    assert str(found["kit-K-1-20280105@carma-logistiek"]["SUMMARY"]).endswith(name)
