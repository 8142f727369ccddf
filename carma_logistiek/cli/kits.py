"""``kits due``: planned re-checks of first-aid kits, for people (table), scripts (CSV, JSON)
and agendas (iCalendar)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from carma_logistiek.cli import output
from carma_logistiek.cli.common import open_database
from carma_logistiek.i18n import _, format_date, ngettext

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers
    from carma_logistiek.services.kits import PlanRow


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    kits = sub.add_parser("kits", help=_("EHBO-kits: geplande hercontroles"))
    actions = kits.add_subparsers(dest="kits_action", required=True)
    due = actions.add_parser("due", parents=[common],
                             help=_("kits waarvan de hercontrole (bijna) vervalt"))
    due.add_argument("--within", type=int, metavar="DAYS",
                     help=_("enkel wat binnen zoveel dagen vervalt (achterstallige altijd)"))
    due.add_argument("--format", choices=(*output.FORMATS, "ics"), default="table")
    due.add_argument("--out", metavar="FILE", help=_("schrijf naar een bestand"))
    due.set_defaults(handler=cmd_kits_due)


def cmd_kits_due(args: argparse.Namespace) -> int:
    from carma_logistiek.clock import utc_now
    from carma_logistiek.services.kits import kit_plan

    config, db = open_database(args)
    rows = kit_plan(db, within_days=args.within)
    if args.format == "ics":
        from carma_logistiek.documents.ical import render_kit_plan_ics

        text = render_kit_plan_ics(rows, zone_name=config.zone_name, generated_at=utc_now())
    else:
        text = output.render(rows, args.format, record=_record, columns=_columns())
    output.write(text, Path(args.out) if args.out else None)
    if args.out:
        print(ngettext("{n} kit geschreven naar {file}", "{n} kits geschreven naar {file}",
                       len(rows), file=args.out))
    return 0


def _record(row: PlanRow) -> dict[str, object]:
    kit = row.kit
    return {"code": kit.code, "type": kit.kit_type_name, "site": kit.site_name,
            "location": kit.location_code, "location_name": kit.location_name,
            "in_vehicle": kit.in_vehicle, "floor": kit.floor, "spot": kit.spot,
            "status": kit.status.value, "due": kit.next_check_due.isoformat(),
            "bucket": row.bucket.value, "days_overdue": row.days_overdue,
            "assigned_to": kit.assigned_to,
            "last_checked": kit.last_checked_on.isoformat() if kit.last_checked_on else None}


def _place(row: PlanRow) -> str:
    kit = row.kit
    if kit.in_vehicle:
        return kit.location_name[:40]
    return f"{kit.site_name or kit.location_name} {kit.floor}".strip()[:40]


def _columns() -> list[output.Column[PlanRow]]:
    column = output.Column
    return [
        column(_("Kit"), lambda r: r.kit.code),
        column(_("Type"), lambda r: r.kit.kit_type_name),
        column(_("Plaats"), _place),
        column(_("Vervalt"), lambda r: format_date(r.kit.next_check_due)),
        column(_("Planning"), lambda r: r.bucket.label),
        column(_("Toegewezen"), lambda r: r.kit.assigned_to or ""),
    ]
