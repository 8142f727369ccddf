"""``zones list|add``: the zones this database serves. A new zone starts empty; give its
people a role in it with ``users set-role NAME --zone CODE --role …``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from carma_logistiek.cli import output
from carma_logistiek.cli.common import actor_for, open_database
from carma_logistiek.i18n import _

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers
    from carma_logistiek.services.zones import ZoneRow


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser("zones", help=_("de zones op deze databank: lijst, toevoegen"))
    actions = group.add_subparsers(dest="zones_action", required=True)
    listing = actions.add_parser("list", parents=[common], help=_("toon de zones"))
    listing.add_argument("--format", choices=output.FORMATS, default="table")
    listing.set_defaults(handler=cmd_list)
    add = actions.add_parser("add", parents=[common], help=_("een nieuwe, lege zone"))
    add.add_argument("code", metavar="CODE", help=_("de code op haar etiketten, bv. VOEREN"))
    add.add_argument("name", metavar="NAAM", help=_("de naam, bv. \"PZ Voeren\""))
    add.set_defaults(handler=cmd_add)


def cmd_list(args: argparse.Namespace) -> int:
    from carma_logistiek.services.zones import list_zones

    _config, db = open_database(args)
    output.write(output.render(list_zones(db), args.format, record=_record,
                               columns=_columns()))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from carma_logistiek.services.zones import create_zone

    config, db = open_database(args)
    row = create_zone(db, code=args.code, name=args.name, actor=actor_for(config))
    print(_("Zone {code} ({name}) aangemaakt. Geef haar mensen een rol met: carma-logistiek "
            "users set-role NAAM --zone {code} --role ROL", code=row.code, name=row.name))
    return 0


def _record(row: ZoneRow) -> dict[str, object]:
    return {"code": row.code, "name": row.name}


def _columns() -> list[output.Column[ZoneRow]]:
    return [output.Column(_("Code"), lambda r: r.code), output.Column(_("Naam"), lambda r: r.name)]
