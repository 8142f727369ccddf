"""``carma-logistiek kits due``: planned re-checks of first-aid kits, for people and agendas."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from carma_logistiek.i18n import _, format_date, ngettext


def add_kits_parser(sub, common: argparse.ArgumentParser) -> None:  # type: ignore[no-untyped-def]
    kits = sub.add_parser("kits", help=_("EHBO-kits: geplande hercontroles"))
    actions = kits.add_subparsers(dest="kits_action", required=True)
    due = actions.add_parser("due", parents=[common],
                             help=_("kits waarvan de hercontrole (bijna) vervalt"))
    due.add_argument("--within", type=int, metavar="DAYS",
                     help=_("enkel wat binnen zoveel dagen vervalt (achterstallige altijd)"))
    due.add_argument("--format", choices=("table", "csv", "json", "ics"), default="table")
    due.add_argument("--out", metavar="FILE", help=_("schrijf naar een bestand"))


def cmd_kits(args: argparse.Namespace) -> int:
    from carma_logistiek.cli import _open
    from carma_logistiek.clock import utc_now
    from carma_logistiek.services.kits import kit_plan

    config, db = _open(args)
    rows = kit_plan(db, within_days=args.within)
    if args.format == "ics":
        from carma_logistiek.documents.ical import render_kit_plan_ics

        text = render_kit_plan_ics(rows, zone_name=config.zone_name, generated_at=utc_now())
    elif args.format == "json":
        text = json.dumps([_record(row) for row in rows], ensure_ascii=False, indent=1) + "\n"
    elif args.format == "csv":
        text = _csv([_record(row) for row in rows])
    else:
        text = _table(rows)
    if args.out:
        # ics is CRLF by definition; write bytes so no platform translates line ends.
        Path(args.out).write_bytes(text.encode("utf-8"))
        print(ngettext("{n} kit geschreven naar {file}", "{n} kits geschreven naar {file}", len(rows),
                       file=args.out))
    else:
        sys.stdout.write(text)
    return 0


def _record(row) -> dict:  # type: ignore[no-untyped-def]
    kit = row.kit
    return {"code": kit.code, "type": kit.kit_type_name, "site": kit.site_name,
            "location": kit.location_code, "location_name": kit.location_name,
            "in_vehicle": kit.in_vehicle, "floor": kit.floor, "spot": kit.spot,
            "status": kit.status.value, "due": kit.next_check_due.isoformat(),
            "bucket": row.bucket.value, "days_overdue": row.days_overdue,
            "assigned_to": kit.assigned_to,
            "last_checked": kit.last_checked_on.isoformat() if kit.last_checked_on else None}


def _csv(records: list[dict]) -> str:
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(records[0]) if records else ["code"])
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


def _table(rows) -> str:  # type: ignore[no-untyped-def]
    header = (_("Kit"), _("Type"), _("Plaats"), _("Vervalt"), _("Planning"), _("Toegewezen"))
    lines = [header] + [
        (r.kit.code, r.kit.kit_type_name,
         (r.kit.location_name if r.kit.in_vehicle else
          f"{r.kit.site_name or r.kit.location_name} {r.kit.floor}".strip())[:40],
         format_date(r.kit.next_check_due), r.bucket.label, r.kit.assigned_to or "")
        for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "".join("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() + "\n"
                   for line in lines)
