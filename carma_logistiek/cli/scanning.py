"""``scan-image``: the codes in image files, one JSON line per code."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from carma_logistiek.cli import output
from carma_logistiek.cli.common import open_database
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import _

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    scan = sub.add_parser("scan-image", parents=[common],
                          help=_("lees de codes in afbeeldingen (één JSON-regel per code)"),
                          description=_(
                              "Leest de codes in afbeeldingen, ook moeilijk leesbare (een "
                              "wazige, kleine of versleten code, schittering). Eén JSON-regel "
                              "per code; een bestand zonder leesbare code of dat geen "
                              "afbeelding is, geeft een regel met \"error\" en dan is de "
                              "afsluitcode 1."))
    scan.add_argument("files", nargs="+", metavar="FILE")
    scan.set_defaults(handler=cmd_scan_image)


def cmd_scan_image(args: argparse.Namespace) -> int:
    """One JSON line per code found in each file: what it is, which attempt read it
    ("strategy": "first" for the easy path, another name when the harder attempts were needed)
    and, with --db, what it resolves to. A file without a readable code, or one that cannot be
    read as a picture, gives one line with "error"; the exit code is then 1."""
    from carma_logistiek.scanning.still import nothing_read, read_file
    from carma_logistiek.services.scan_description import describe_scan

    db = open_database(args)[1] if args.db else None
    status = 0
    for file in args.files:
        try:
            reading = read_file(file)
        except DomainError as error:
            output.print_json_line({"file": file, "error": error.message()})
            status = 1
            continue
        if not reading.codes:
            output.print_json_line({"file": file, "error": nothing_read(reading)})
            status = 1
            continue
        for code in reading.codes:
            output.print_json_line({"file": file, "symbology": code.symbology,
                                    "text": code.text, "strategy": reading.strategy,
                                    **describe_scan(code.text, db)})
    return status
