"""``staff list``: the staff register from the command line (HR's list is read in with
``carma-logistiek import staff FILE``). A list of names is not the consultation of one person,
so it is not logged; the window's page of one person is."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from carma_logistiek.cli import output
from carma_logistiek.cli.common import open_database
from carma_logistiek.domain.people import STATE_LABELS, StaffStateKind, staff_state
from carma_logistiek.i18n import _

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers
    from carma_logistiek.services.people import StaffRow


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser("staff", help=_("het personeelsregister: lijst"))
    actions = group.add_subparsers(dest="staff_action", required=True)
    listing = actions.add_parser("list", parents=[common], help=_("toon de lijst"))
    listing.add_argument("--search", default="", help=_("nummer, naam of dienst (een deel)"))
    listing.add_argument("--state", choices=[state.value for state in StaffStateKind],
                         help=_("enkel wie vandaag in deze toestand is"))
    listing.add_argument("--format", choices=output.FORMATS, default="table")
    listing.set_defaults(handler=cmd_staff_list)


def cmd_staff_list(args: argparse.Namespace) -> int:
    from carma_logistiek.services.people import search_staff

    _config, db = open_database(args)
    rows = search_staff(db, text=args.search, state=args.state)
    output.write(output.render(rows, args.format, record=_record, columns=_columns()))
    return 0


def _record(row: StaffRow) -> dict[str, object]:
    return {"number": row.number, "last_name": row.last_name, "first_name": row.first_name,
            "grade": row.grade, "kind": row.kind, "team": row.team, "state": row.state}


def _columns() -> list[output.Column[StaffRow]]:
    column = output.Column
    return [
        column(_("Nummer"), lambda r: r.number),
        column(_("Naam"), lambda r: r.name[:40]),
        column(_("Graad"), lambda r: r.grade[:30]),
        column(_("Soort"), lambda r: r.kind_label),
        column(_("Dienst/team"), lambda r: r.team[:30]),
        column(_("Toestand"), lambda r: _(STATE_LABELS[staff_state(r.state)]) if r.state
               else ""),
    ]
