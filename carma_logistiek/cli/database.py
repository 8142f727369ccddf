"""The database itself: ``demo``, ``migrate``, ``check`` and ``backup``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from carma_logistiek.cli.common import actor_for, config_of, open_database
from carma_logistiek.i18n import _, ngettext

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    demo = sub.add_parser("demo", parents=[common], help=_("maak een demodatabank"))
    demo.add_argument("--scale", type=int, default=1, help=_("vermenigvuldig de gegevens"))
    demo.set_defaults(handler=cmd_demo)
    migrate = sub.add_parser("migrate", parents=[common], help=_("werk het schema bij"))
    migrate.add_argument("--create", action="store_true",
                         help=_("maak een nieuwe, lege databank als ze nog niet bestaat"))
    migrate.set_defaults(handler=cmd_migrate)
    sub.add_parser("check", parents=[common],
                   help=_("controleer voorraad tegen grootboek")).set_defaults(handler=cmd_check)
    backup = sub.add_parser("backup", parents=[common],
                            help=_("maak een consistente kopie van de SQLite-databank"))
    backup.add_argument("--out", metavar="FILE.sqlite",
                        help=_("waar de kopie komt (zonder --out: in de back-upmap naast de "
                               "databank)"))
    backup.set_defaults(handler=cmd_backup)
    sub.add_parser("backups", parents=[common],
                   help=_("toon de back-ups in de back-upmap")).set_defaults(
                       handler=cmd_backups)
    restore = sub.add_parser("restore", parents=[common],
                             help=_("zet een back-up terug (de huidige databank wordt eerst "
                                    "opzij gezet)"))
    restore.add_argument("file", metavar="FILE.sqlite")
    restore.set_defaults(handler=cmd_restore)


def cmd_demo(args: argparse.Namespace) -> int:
    from carma_logistiek.bootstrap import is_empty, open_configured_database
    from carma_logistiek.config import (
        demo_database_path,
        ensure_sqlite_folder,
        resolve_config,
        sqlite_url,
    )
    from carma_logistiek.demo import create_demo_data
    from carma_logistiek.domain.errors import InvalidQuantity

    if args.scale < 1:
        raise InvalidQuantity(quantity=args.scale)
    # Without --db the demo goes to its own file: demo data never lands in the real database.
    url = args.db or sqlite_url(demo_database_path())
    ensure_sqlite_folder(url)
    config = resolve_config(db_url=url, language=args.lang)
    db = open_configured_database(config)
    if not is_empty(db):
        print(_("De databank {db} bevat al gegevens; demogegevens worden enkel in een lege "
                "databank aangemaakt.", db=db.description), file=sys.stderr)
        return 1
    summary = create_demo_data(db, actor=actor_for(config), scale=args.scale,
                               progress=lambda text: print(text, file=sys.stderr))
    counts = (ngettext("{n} locatie", "{n} locaties", summary.locations),
              ngettext("{n} product", "{n} producten", summary.products),
              ngettext("{n} lot", "{n} loten", summary.lots),
              ngettext("{n} beweging", "{n} bewegingen", summary.movements),
              ngettext("{n} bestelling", "{n} bestellingen", summary.orders),
              ngettext("{n} EHBO-kit", "{n} EHBO-kits", summary.kits))
    print(_("Demodatabank klaar: {db} — {counts}.", db=db.description, counts=", ".join(counts)))
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    _config, db = open_database(args)
    print(_("Schema bijgewerkt: {db}", db=db.description))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from carma_logistiek.services.stock.overview import verify_stock_levels

    # SQLite's own check first: opening may upgrade the schema, and a damaged file must not
    # be written to.
    problems = _integrity_problems(config_of(args).database_url)
    if problems:
        print(_("De databank is beschadigd: SQLite's eigen controle vindt fouten. Werk er niet "
                "verder in: zet de laatste back-up terug en meld het aan de functioneel "
                "beheerder."), file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    _config, db = open_database(args)
    mismatches = verify_stock_levels(db)
    if not mismatches:
        print(_("In orde: elke voorraad komt overeen met de bewegingen in het grootboek."))
        return 0
    print(ngettext("{n} voorraadregel wijkt af van het grootboek:",
                   "{n} voorraadregels wijken af van het grootboek:", len(mismatches)),
          file=sys.stderr)
    for m in mismatches:
        print(f"  {m.location_code}  {m.product_code}  {m.lot_number or '-'}  "
              + _("voorraad {level}, grootboek {ledger}", level=m.level, ledger=m.ledger),
              file=sys.stderr)
    return 1


def _integrity_problems(url: str) -> list[str]:
    """SQLite's integrity check of the embedded database (a server checks its own files)."""
    from carma_logistiek.config import sqlite_path
    from carma_logistiek.db.sqlite_files import file_integrity_problems

    path = sqlite_path(url)
    return file_integrity_problems(path) if path is not None and path.is_file() else []


def cmd_backup(args: argparse.Namespace) -> int:
    """A consistent copy while the app may be running: SQLite's backup API includes the
    commits still in the -wal file, which a plain file copy would miss. The source and the
    copy are both checked (db/backup.py). Without ``--out`` into the backup folder."""
    from carma_logistiek.services import backups

    url = config_of(args).database_url
    info = backups.backup_to(url, Path(args.out)) if args.out else backups.backup_now(url)
    print(_("Back-up gemaakt en nagekeken: {file}", file=info.path))
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    """The backups the app and ``backup`` keep, newest first, to choose one to restore."""
    from carma_logistiek.services import backups

    url = config_of(args).database_url
    folder = backups.backup_folder(url)
    found = backups.backups_of(url)
    if not found:
        print(_("Nog geen back-ups in {folder}.", folder=folder))
        return 0
    for backup in found:
        print(f"{backup.taken_at:%d/%m/%Y %H:%M:%S}  {backup.size / 1_000_000:7.1f} MB  "
              f"{_(backup.reason.label):<38}  {backup.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup back: checked first (sound, CARMA's, a known schema); the current database
    is copied into the backup folder first (``backups`` lists it). Close the app first."""
    from carma_logistiek.services import backups

    config = config_of(args)
    info = backups.restore(config.database_url, Path(args.file), actor=actor_for(config))
    if info.kept_aside:
        print(_("De vorige databank staat opzij: {file}", file=info.kept_aside))
    print(_("Back-up teruggezet en nagekeken: {file}", file=info.restored))
    return 0
