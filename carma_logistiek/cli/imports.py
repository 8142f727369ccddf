"""``import KIND FILE``: any kind of file the window imports (bookings, minimums, …), from CSV or
XLSX, through services/import_specs.run_import; ``--preview`` shows each row's fate and keeps
nothing. A group's own ``… import FILE`` command calls :func:`import_file` with its spec."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carma_logistiek.cli.common import actor_for, open_database
from carma_logistiek.i18n import N_, _, ngettext
from carma_logistiek.services.import_specs import import_kinds, spec_named
from carma_logistiek.services.imports import Outcome

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers
    from carma_logistiek.services.import_specs import ImportSpec
    from carma_logistiek.services.imports import ImportReport, RowOutcome


class MappingOptionInvalid(ValueError):
    pass


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    command = sub.add_parser("import", parents=[common],
                             help=_("lees een CSV- of XLSX-bestand in (boekingen, minima, …)"))
    command.add_argument("kind", choices=[spec.kind for spec in import_kinds()])
    command.add_argument("file", metavar="FILE")
    add_import_options(command)
    command.set_defaults(handler=cmd_import)


def add_import_options(parser: argparse.ArgumentParser) -> None:
    """--preview, --map and --skip-refused, for every command that imports a file."""
    parser.add_argument("--preview", action="store_true",
                        help=_("toon wat elke regel zou doen en bewaar niets"))
    parser.add_argument("--map", action="append", default=[], metavar=_("veld=Kolom"),
                        help=_("lees een veld uit een kolom met een andere naam"))
    parser.add_argument("--skip-refused", action="store_true",
                        help=_("bewaar de goede regels ook als er geweigerde zijn"))


def cmd_import(args: argparse.Namespace) -> int:
    return import_file(args, spec_named(args.kind), Path(args.file))


def import_file(args: argparse.Namespace, spec: ImportSpec[Any, Any], path: Path) -> int:
    """Import ``path`` as ``spec`` with the options of :func:`add_import_options`; print each
    refused row and a summary. Exit 1 when a row is (or would be) refused, or nothing was kept;
    2 when a --map option is not field=Column."""
    from carma_logistiek.services.import_specs import run_import

    try:
        mapping = parse_mapping(args.map)
    except MappingOptionInvalid as error:
        print(str(error), file=sys.stderr)
        return 2
    config, db = open_database(args)
    preview = bool(args.preview)
    report = run_import(db, spec, path, mapping, preview=preview, actor=actor_for(config),
                        skip_refused=bool(args.skip_refused),
                        on_outcome=_print_preview if preview else _print_refused)
    print(summary(report))
    if report.unchanged:  # master data: rows equal to what is stored wrote nothing
        print(ngettext("{n} regel was al zo opgeslagen en bleef ongewijzigd.",
                       "{n} regels waren al zo opgeslagen en bleven ongewijzigd.",
                       report.unchanged))
    return 1 if report.refused or report.abandoned else 0


def parse_mapping(options: list[str]) -> dict[str, str | None]:
    """``["minimum=Min.", "note="]`` → {"minimum": "Min.", "note": None} (empty: not used)."""
    mapping: dict[str, str | None] = {}
    for option in options:
        key, equals, column = option.partition("=")
        if not equals or not key.strip():
            raise MappingOptionInvalid(_(
                "--map {option}: geef veld=Kolom, bv. --map minimum=Min.", option=option))
        mapping[key.strip()] = column.strip() or None
    return mapping


def summary(report: ImportReport) -> str:
    counts = {"written": report.written, "replayed": report.replayed,
              "refused": len(report.refused)}
    if report.preview:
        return ngettext("Voorbeeld, er werd niets bewaard. Goed: {written}, al gedaan: "
                        "{replayed}, te weigeren: {refused} (van {n} regel).",
                        "Voorbeeld, er werd niets bewaard. Goed: {written}, al gedaan: "
                        "{replayed}, te weigeren: {refused} (van {n} regels).", report.total,
                        **counts)
    if report.abandoned:
        return ngettext("Er werd niets ingelezen: {refused} regel geweigerd. Verbeter het "
                        "bestand en probeer opnieuw, of geef --skip-refused om de goede "
                        "regels toch in te lezen.",
                        "Er werd niets ingelezen: {refused} regels geweigerd. Verbeter het "
                        "bestand en probeer opnieuw, of geef --skip-refused om de goede "
                        "regels toch in te lezen.", len(report.refused), **counts)
    return ngettext("{written} ingelezen, {replayed} waren al ingelezen, {refused} geweigerd "
                    "(van {n} regel).", "{written} ingelezen, {replayed} waren al ingelezen, "
                    "{refused} geweigerd (van {n} regels).", report.total, **counts)


def _print_refused(row: RowOutcome) -> None:
    if row.outcome is Outcome.REFUSED:
        print(_("Regel {line}: geweigerd: {reason}", line=row.line, reason=row.text),
              file=sys.stderr)


PREVIEW_TEXTS = {
    "written": N_("Regel {line}: goed: {what}"),
    "replayed": N_("Regel {line}: al gedaan: {what}"),
    "refused": N_("Regel {line}: zou geweigerd worden: {what}"),
    "unchanged": N_("Regel {line}: ongewijzigd: {what}"),
}


def _print_preview(row: RowOutcome) -> None:
    print(_(PREVIEW_TEXTS[row.outcome.value], line=row.line, what=row.text),
          file=sys.stderr if row.outcome is Outcome.REFUSED else sys.stdout)
