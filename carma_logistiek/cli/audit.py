"""``audit``: the audit trail from the command line, for the admin and the DPO::

    carma-logistiek audit --who maes --from 2026-12-01 --to 2026-12-31 --format csv
    carma-logistiek audit --record staff:01209
    carma-logistiek audit --entry 1234          # one entry: its request, records, before/after

Dates are local (Brussels) days, both included, as JJJJ-MM-DD or dd/mm/jjjj.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from typing import TYPE_CHECKING

from carma_logistiek.cli import output
from carma_logistiek.cli.common import open_database
from carma_logistiek.clock import to_local
from carma_logistiek.domain.audit import action_in_words, kind_in_words
from carma_logistiek.i18n import _, format_datetime

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers
    from carma_logistiek.services.audit import AuditDetail, AuditRow

SUMMARY_WIDTH = 60


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("audit", parents=[common],
                            help=_("het auditspoor: wie wijzigde of raadpleegde wat, wanneer"))
    parser.add_argument("--who", metavar="NAAM",
                        help=_("gebruikersnaam of volledige naam (een deel)"))
    parser.add_argument("--record", metavar="SOORT:SLEUTEL",
                        help=_("een record, bv. product:SPT, staff:01209 of stock:SPT@GNK-MAG"))
    parser.add_argument("--from", dest="date_from", metavar="JJJJ-MM-DD", type=_date,
                        help=_("vanaf deze dag (inbegrepen)"))
    parser.add_argument("--to", dest="date_to", metavar="JJJJ-MM-DD", type=_date,
                        help=_("tot en met deze dag"))
    parser.add_argument("--action", metavar="OPDRACHT",
                        help=_("een opdracht (stock.record_pickup) of een onderdeel (stock)"))
    parser.add_argument("--limit", type=_positive, default=1000,
                        help=_("hoogstens zoveel regels, de nieuwste eerst (standaard 1000)"))
    parser.add_argument("--entry", type=_positive, metavar="NUMMER",
                        help=_("toon één regel met zijn records, voor en na"))
    parser.add_argument("--format", choices=output.FORMATS, default="table")
    parser.set_defaults(handler=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    from carma_logistiek.services.audit import audit_detail, search_audit

    _config, db = open_database(args)
    if args.entry is not None:
        output.write(_detail_text(audit_detail(db, args.entry), args.format))
        return 0
    rows = search_audit(db, who=args.who, record=args.record, since=args.date_from,
                        until=args.date_to, action=args.action, limit=args.limit)
    output.write(output.render(rows, args.format, record=_record, columns=_columns()))
    return 0


def _record(row: AuditRow) -> dict[str, object]:
    return {"id": row.id, "at": row.at.isoformat(), "actor": row.actor,
            "full_name": row.full_name, "action": row.action, "kind": row.kind,
            "outcome": row.outcome, "records": row.summary, "zone": row.zone}


def _columns() -> list[output.Column[AuditRow]]:
    column = output.Column
    return [
        column(_("Nr"), lambda r: str(r.id)),
        column(_("Wanneer"), lambda r: format_datetime(to_local(r.at))),
        column(_("Wie"), lambda r: r.actor),
        column(_("Soort"), lambda r: kind_in_words(r.kind)),
        column(_("Actie"), lambda r: action_in_words(r.action, r.outcome)),
        column(_("Records"), lambda r: _cut(r.summary)),
    ]


def _detail_text(detail: AuditDetail, format: str) -> str:
    row = detail.row
    if format == "json":
        return output.json_text([{
            **_record(row), "request": detail.request,
            "changes": [{"record": r.reference, "before": r.before, "after": r.after}
                        for r in detail.records]}])
    fields = [
        {"record": record.reference, "field": change.field,
         "before": _value(change.before), "after": _value(change.after)}
        for record in detail.records for change in record.fields
    ] + [{"record": record.reference, "field": "", "before": "", "after": ""}
         for record in detail.records if not record.fields]
    if format == "csv":
        return output.csv_text(fields)
    head = output.table_text(
        [_("Nr"), _("Wanneer"), _("Wie"), _("Soort"), _("Actie")],
        [[str(row.id), format_datetime(to_local(row.at)), _who(row), kind_in_words(row.kind),
          action_in_words(row.action, row.outcome)]])
    request = json.dumps(detail.request, ensure_ascii=False, sort_keys=True)
    body = output.table_text([_("Record"), _("Veld"), _("Voordien"), _("Nadien")],
                             ([f["record"], f["field"], _cut(f["before"]), _cut(f["after"])]
                              for f in fields))
    asked = _("Vraag")
    return f"{head}{asked}: {request}\n\n{body}"


def _who(row: AuditRow) -> str:
    return f"{row.actor} ({row.full_name})" if row.full_name else row.actor


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _cut(text: str, width: int = SUMMARY_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _date(text: str) -> date:
    cleaned = text.strip()
    try:
        if "/" in cleaned:
            return datetime.strptime(cleaned, "%d/%m/%Y").date()
        return date.fromisoformat(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is geen datum: schrijf JJJJ-MM-DD of dd/mm/jjjj, bv. 2026-01-31.",
              value=text)) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            _("'{value}' is geen geheel getal groter dan nul.", value=text))
    return value
