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
                          help=_("lees de codes in afbeeldingen (één JSON-regel per code)"))
    scan.add_argument("files", nargs="+", metavar="FILE")
    scan.set_defaults(handler=cmd_scan_image)


def cmd_scan_image(args: argparse.Namespace) -> int:
    """One JSON line per code found in each file: what it is and, with --db, what it resolves
    to. A file that cannot be read gives a line with "error"; the exit code is then 1."""
    from carma_logistiek.scanning.decoders import decode_image_file
    from carma_logistiek.services.scan_description import describe_scan

    db = open_database(args)[1] if args.db else None
    status = 0
    for file in args.files:
        try:
            codes = decode_image_file(file)
        except DomainError as error:
            output.print_json_line({"file": file, "error": error.message()})
            status = 1
            continue
        for code in codes:
            output.print_json_line({"file": file, "symbology": code.symbology,
                                    "text": code.text, **describe_scan(code.text, db)})
    return status
