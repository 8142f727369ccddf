"""``report consumption``: consumption per period as a PDF or XLSX report, or a table on stdout.

    carma-logistiek report consumption --product DT-SPK --location CARMA \\
        --from 2025-01-01 --to 2026-12-31 --period month --by location --out verbruik.pdf

The ``report`` command itself is declared by ``documents`` (the stock report); this module adds
its ``consumption`` kind, so it must be registered after ``documents`` in run.COMMAND_GROUPS.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carma_logistiek.cli.common import open_database
from carma_logistiek.cli.output import FORMATS, Column, render, write
from carma_logistiek.domain.consumption import Period, UnsupportedReportFormat, report_format
from carma_logistiek.i18n import _, ngettext

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers
    from carma_logistiek.services.consumption import ConsumptionResult, ConsumptionRow

GROUPINGS = ("location", "product", "recipient")


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    kinds = _report_kinds(sub)
    consumption = kinds.add_parser(
        "consumption", parents=[common],
        help=_("verbruik per periode en per locatie, product of ontvanger (PDF of XLSX)"))
    consumption.add_argument("--product", metavar="CODE", action="append", default=[],
                             help=_("enkel dit product (herhaal voor meer producten)"))
    consumption.add_argument("--location", metavar="CODE",
                             help=_("enkel deze locatie en alles eronder (standaard: de zone)"))
    consumption.add_argument("--from", dest="date_from", metavar="JJJJ-MM-DD", type=_date,
                             required=True, help=_("eerste dag (inbegrepen)"))
    consumption.add_argument("--to", dest="date_to", metavar="JJJJ-MM-DD", type=_date,
                             required=True, help=_("laatste dag (inbegrepen)"))
    consumption.add_argument("--period", choices=[p.value for p in Period], default="month",
                             help=_("per week, maand of jaar (standaard: maand)"))
    consumption.add_argument("--by", choices=GROUPINGS, default="location",
                             help=_("reeksen per locatie, product of ontvanger "
                                    "(standaard: locatie)"))
    consumption.add_argument("--top", type=int, default=8, metavar="N",
                             help=_("toon de N grootste producten of ontvangers, de rest als "
                                    "'overige'"))
    consumption.add_argument("--written-off", action="store_true",
                             help=_("toon ook wat vervallen afgeboekt werd"))
    consumption.add_argument("--out", metavar="FILE.pdf|FILE.xlsx",
                             help=_("schrijf het rapport naar dit bestand; zonder: een tabel"))
    consumption.add_argument("--format", choices=FORMATS, default="table",
                             help=_("zonder --out: tabel, csv of json"))
    consumption.set_defaults(handler=cmd_consumption)


def _report_kinds(sub: SubParsers) -> Any:
    """The sub-commands of ``report`` (documents.py made them)."""
    report = sub.choices["report"]
    return next(action for action in report._actions
                if isinstance(action, argparse._SubParsersAction))


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is geen datum: schrijf JJJJ-MM-DD, bv. 2026-01-31.", value=text)
        ) from None


def cmd_consumption(args: argparse.Namespace) -> int:
    from carma_logistiek.services.consumption import consumption

    out = Path(args.out) if args.out else None
    if out is not None:
        try:
            report_format(out)  # before any work: a wrong suffix writes nothing
        except UnsupportedReportFormat as error:
            print(error.message(), file=sys.stderr)
            return 2
    if args.top < 1:
        print(_("--top moet minstens 1 zijn."), file=sys.stderr)
        return 2
    config, db = open_database(args)
    result = consumption(db, product_codes=args.product, location_code=args.location,
                         date_from=args.date_from, date_to=args.date_to, period=args.period,
                         group_by=args.by, top=args.top, include_written_off=args.written_off)
    if out is None:
        write(_table(result, args.format))
        return 0
    return _write_report(result, out, config.zone_name)


def _write_report(result: ConsumptionResult, out: Path, zone_name: str) -> int:
    from carma_logistiek.clock import to_local, utc_now
    from carma_logistiek.documents.consumption_report import write_consumption_report

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_consumption_report(result, out, zone_name=zone_name, title=_("Verbruiksrapport"),
                                 generated_at=to_local(utc_now()))
    except OSError as error:
        print(_("Het rapport kon niet geschreven worden naar {file}: {reason}. Kies een map "
                "waarin u mag schrijven en waar plaats is.", file=out,
                reason=error.strerror or error), file=sys.stderr)
        return 1
    print(ngettext("Verbruiksrapport: {n} periode, {total} verbruikt: {file}",
                   "Verbruiksrapport: {n} perioden, {total} verbruikt: {file}",
                   len(result.buckets), total=result.total, file=out))
    return 0


def _table(result: ConsumptionResult, format: str) -> str:
    def cell(index: int) -> Any:
        return lambda row: str(row.values[index])

    columns: list[Column[ConsumptionRow]] = [Column(_("Periode"), lambda row: row.label)]
    columns += [Column(series.name, cell(i)) for i, series in enumerate(result.series)]
    columns.append(Column(_("Totaal"), lambda row: str(row.total)))
    if result.written_off is not None:
        columns.append(Column(_("Afgeboekt (vervallen)"), lambda row: str(row.written_off)))

    def record(row: ConsumptionRow) -> dict[str, object]:
        fields: dict[str, object] = {"period": row.bucket.key, "label": row.label}
        fields.update({s.key or "-": row.values[i] for i, s in enumerate(result.series)})
        fields["total"] = row.total
        if row.written_off is not None:
            fields["written_off"] = row.written_off
        return fields

    return render(list(result.rows), format, record=record, columns=columns)
