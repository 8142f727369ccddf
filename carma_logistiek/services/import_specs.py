"""The kinds of file the app imports, and the one call that imports one.

An :class:`ImportSpec` says, for one kind of file (bookings, minimums, products, …):

- ``kind``: its name on the command line and in code ("minimums");
- ``label``: its name for people, marked with ``N_`` ("Minimumvoorraden");
- ``columns``: the fields it reads, each a :class:`Column` with its key, its Dutch label,
  whether it is required and the other names people give that column (Dutch, English,
  French). The file's header is matched to them automatically: case, accents, spaces, "-",
  "_" and "." do not count, so "Artikel-code", "artikelcode" and "ARTIKEL CODE" are one name;
- ``parse(row)``: a :class:`MappedRow` (the row's values by field key) → the request the
  writer takes; bad text raises a DomainError that names the column (``row.column(key)`` is the
  column's name as the file spells it; :class:`BadValue` and :func:`whole_number` help);
- ``writer(actor)``: the :class:`~carma_logistiek.services.imports.RowWriter` that writes one
  request through a registered command;
- ``atomic``: True (master data) runs every row in one transaction, kept all together or not
  at all; False (bookings) gives each row its own transaction (services/imports.py explains);
- ``finish(file_name, rows)``: optional, after every row is parsed (bookings give each row a
  key made of the file's name and the row, so a re-run books only what is missing).

A spec registers itself with :func:`register` when its module is imported; add the module to
``SPEC_MODULES`` so :func:`import_kinds` (the window's list, the CLI's choices) finds it. Then
the CLI and the window import the kind through the same path::

    report = run_import(db, MINIMUMS, Path("minima.xlsx"), preview=True, actor=actor)
    report = run_import(db, MINIMUMS, Path("minima.xlsx"), {"minimum": "Min."}, preview=False,
                        actor=actor)

The worked example of a master-data kind is ``MINIMUMS`` below.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import N_, _
from carma_logistiek.services.command import sequence_of_writes
from carma_logistiek.services.imports import (
    ImportFileColumns,
    ImportReport,
    RowOutcome,
    RowWriter,
    Table,
    import_rows,
    join_or,
    read_rows,
)
from carma_logistiek.services.masterdata import set_minimum
from carma_logistiek.services.results import MinimumRow

__all__ = [
    "MINIMUMS",
    "SPEC_MODULES",
    "BadValue",
    "Column",
    "ImportSpec",
    "MappedRow",
    "MinimumRequest",
    "UnknownColumn",
    "UnknownField",
    "UnknownImportKind",
    "ValueRequired",
    "auto_mapping",
    "import_kinds",
    "mapped_rows",
    "read_for_import",
    "register",
    "resolve_mapping",
    "run_import",
    "spec_named",
    "whole_number",
]

R = TypeVar("R")
W = TypeVar("W")

# The modules whose specs the window and the CLI offer, in the order they list them.
SPEC_MODULES = ("carma_logistiek.services.booking_import", "carma_logistiek.services.import_specs",
                "carma_logistiek.services.masterdata.import_kinds",
                "carma_logistiek.services.people.import_kind")


class UnknownColumn(DomainError):
    code = "UnknownColumn"
    template = N_("Het bestand {file} heeft geen kolom '{column}' (voor {field}). De kolommen "
                  "zijn: {columns}. Er werd niets ingelezen.")
    field = None


class UnknownField(DomainError):
    code = "UnknownField"
    template = N_("Een {kind}-bestand heeft geen veld '{field_name}'. De velden zijn: {fields}.")
    field = None


class UnknownImportKind(DomainError):
    code = "UnknownImportKind"
    template = N_("Onbekende soort bestand '{kind}'. Bekende soorten: {kinds}.")
    field = None


class BadValue(DomainError):
    code = "BadValue"
    template = N_("Kolom {column}: '{value}' is geen geldige waarde; {expected}.")
    field = None


class ValueRequired(DomainError):
    code = "ValueRequired"
    template = N_("Kolom {column} is leeg op deze regel; vul ze in.")
    field = None


@dataclass(frozen=True)
class Column:
    """One field a kind of file reads: its key, its Dutch label (marked with ``N_``), whether
    a file must have it, and the other names of that column in Dutch, English and French."""

    key: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every name the column goes by: its key, its label (Dutch and translated), aliases."""
        return (self.key, self.label, _(self.label), *self.aliases)


@dataclass(frozen=True)
class MappedRow:
    """One row of the file as a spec's ``parse`` sees it: values by field key (a field the file
    does not have is ""), the column each key was read from, and values past the header."""

    line: int
    values: Mapping[str, str]
    columns: Mapping[str, str]
    extra: int = 0

    def text(self, key: str) -> str:
        return self.values.get(key, "")

    def column(self, key: str) -> str:
        """The column's name as the file spells it, for a sentence about its value."""
        return self.columns.get(key, key)

    def required(self, key: str) -> str:
        value = self.text(key)
        if not value:
            raise ValueRequired(column=self.column(key))
        return value


@dataclass(frozen=True)
class ImportSpec(Generic[R, W]):
    """A kind of file: see the module's docstring."""

    kind: str
    label: str
    columns: tuple[Column, ...]
    parse: Callable[[MappedRow], R]
    writer: Callable[[Actor], RowWriter[R, W]]
    atomic: bool = True
    finish: Callable[[str, list[tuple[int, R | DomainError]]],
                     list[tuple[int, R | DomainError]]] | None = field(default=None)

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


_SPECS: dict[str, ImportSpec[Any, Any]] = {}


def register(spec: ImportSpec[R, W]) -> ImportSpec[R, W]:
    """Make ``spec`` one of the kinds offered; returns it, so a module can write
    ``PRODUCTS = register(ImportSpec(...))``."""
    _SPECS[spec.kind] = spec
    return spec


def import_kinds() -> list[ImportSpec[Any, Any]]:
    """Every registered kind, the modules of ``SPEC_MODULES`` imported first."""
    for name in SPEC_MODULES:
        importlib.import_module(name)

    def place(spec: ImportSpec[Any, Any]) -> int:
        module = spec.parse.__module__
        return SPEC_MODULES.index(module) if module in SPEC_MODULES else len(SPEC_MODULES)

    return sorted(_SPECS.values(), key=place)


def spec_named(kind: str) -> ImportSpec[Any, Any]:
    for spec in import_kinds():
        if spec.kind == kind:
            return spec
    raise UnknownImportKind(kind=kind, kinds=", ".join(_SPECS))


# --- mapping the file's header onto the spec's fields ------------------------------------------

def plain_name(text: str) -> str:
    """A column name without case, accents, spaces, '-', '_', '.' and '/'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s\-_./]+", "", letters)


def auto_mapping(spec: ImportSpec[Any, Any], headers: Sequence[str]) -> dict[str, str | None]:
    """Each field's column in ``headers``, found by name (see :func:`plain_name`); a column
    serves one field only, and an exact match wins over an alias. None: not in the file."""
    by_name = {plain_name(header): header for header in reversed(headers) if header}
    mapping: dict[str, str | None] = {}
    used: set[str] = set()
    for column in spec.columns:
        found = None
        for name in column.names():
            header = by_name.get(plain_name(name))
            if header is not None and header not in used:
                found = header
                break
        mapping[column.key] = found
        if found is not None:
            used.add(found)
    return mapping


def resolve_mapping(spec: ImportSpec[Any, Any], table: Table,
                    chosen: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
    """The automatic mapping with the user's choices over it (None or "" = not used), checked:
    an unknown field, a column the file does not have or a required field without a column is
    a sentence, before anything is written."""
    mapping = auto_mapping(spec, table.headers)
    keys = [column.key for column in spec.columns]
    by_plain = {plain_name(header): header for header in table.headers}
    for key, column in (chosen or {}).items():
        if key not in keys:
            raise UnknownField(kind=spec.kind, field_name=key, fields=", ".join(keys))
        if not column:
            mapping[key] = None
            continue
        header = column if column in table.headers else by_plain.get(plain_name(column))
        if header is None:
            raise UnknownColumn(file=table.file, column=column, field=_(spec.column(key).label),
                                columns=", ".join(h for h in table.headers if h) or "-")
        mapping[key] = header
    missing = [c for c in spec.columns if c.required and not mapping.get(c.key)]
    if missing:
        example = ";".join(_(c.label).lower() for c in spec.columns if c.required)
        raise ImportFileColumns(file=table.file, missing=join_or([_(c.label) for c in missing]),
                                example=example)
    return mapping


def mapped_rows(spec: ImportSpec[R, Any], table: Table,
                mapping: Mapping[str, str | None]) -> list[tuple[int, R | DomainError]]:
    """Each row of ``table`` parsed into its request, or the DomainError that refuses it."""
    columns = {key: header for key, header in mapping.items() if header}
    parsed: list[tuple[int, R | DomainError]] = []
    for row in table.rows:
        values = {key: row.values.get(header.lower(), "") for key, header in columns.items()}
        mapped = MappedRow(row.line, values, columns, row.extra)
        try:
            parsed.append((row.line, spec.parse(mapped)))
        except DomainError as error:
            parsed.append((row.line, error))
    if spec.finish is not None:
        parsed = spec.finish(table.file, parsed)
    return parsed


def read_for_import(spec: ImportSpec[Any, Any], path: Path) -> Table:
    """The file, read for ``spec``: a workbook's sheet named like the kind, else its first."""
    return read_rows(path, sheets=(spec.kind, spec.label, _(spec.label)))


@sequence_of_writes
def run_import(db: Database, spec: ImportSpec[Any, Any], path: Path,
               mapping: Mapping[str, str | None] | None = None, *, preview: bool, actor: Actor,
               skip_refused: bool = False,
               on_outcome: Callable[[RowOutcome], None] | None = None) -> ImportReport:
    """Read ``path`` (CSV or XLSX), map its columns (automatically, with ``mapping`` over it:
    field key → the file's column name, None = not used), parse each row and write it — or,
    with ``preview``, rehearse every row and keep nothing. The whole file is read and mapped
    before the first write: a file that cannot be read or mapped raises a DomainError and
    writes nothing. ``skip_refused`` (atomic kinds): keep the good rows when some are refused;
    without it an atomic import with a refused row keeps nothing (``report.abandoned``)."""
    table = read_for_import(spec, path)
    rows = mapped_rows(spec, table, resolve_mapping(spec, table, mapping))
    return import_rows(db, rows, spec.writer(actor), preview=preview, source=path.name,
                       on_outcome=on_outcome, atomic=spec.atomic, skip_refused=skip_refused,
                       actor=actor)


# --- helpers for a spec's parse ----------------------------------------------------------------

_WHOLE = re.compile(r"[0-9]+", re.ASCII)


def whole_number(row: MappedRow, key: str) -> int:
    """The column's value as a whole number of 0 or more ("12", or "12.0" from a spreadsheet)."""
    text = row.required(key).replace(" ", "")
    if text.endswith((".0", ",0")):
        text = text[:-2]
    if not _WHOLE.fullmatch(text):
        raise BadValue(column=row.column(key), value=row.text(key),
                       expected=_("geef een geheel getal, 0 of meer"))
    return int(text)


# --- the worked example of a master-data kind: minimums -------------------------------------

@dataclass(frozen=True)
class MinimumRequest:
    product_code: str
    location_code: str
    minimum: int


def _parse_minimum(row: MappedRow) -> MinimumRequest:
    return MinimumRequest(row.required("product"), row.required("location"),
                          whole_number(row, "minimum"))


def _minimum_writer(actor: Actor) -> RowWriter[MinimumRequest, MinimumRow]:
    def apply(db: Database, request: MinimumRequest) -> MinimumRow:
        return set_minimum(db, product_code=request.product_code,
                           location_code=request.location_code, minimum=request.minimum,
                           actor=actor)

    return RowWriter(apply=apply, replayed=lambda _row: False, describe=_describe_minimum)


def _describe_minimum(row: MinimumRow) -> str:
    if row.minimum == 0:
        return _("minimum van {product} @ {location} gewist", product=row.product_code,
                 location=row.location_code)
    return _("minimum van {product} @ {location}: {minimum}", product=row.product_code,
             location=row.location_code, minimum=row.minimum)


PRODUCT_ALIASES = ("code", "productcode", "artikel", "artikelcode", "artikelnummer", "item",
                   "item code", "article", "code article", "produit")
LOCATION_ALIASES = ("locatie", "locatiecode", "plaats", "magazijn", "location code", "place",
                    "lieu", "emplacement", "localisation")

MINIMUMS: ImportSpec[MinimumRequest, MinimumRow] = register(ImportSpec(
    kind="minimums",
    label=N_("Minimumvoorraden"),
    columns=(
        Column("product", N_("Product"), required=True, aliases=PRODUCT_ALIASES),
        Column("location", N_("Locatie"), required=True, aliases=LOCATION_ALIASES),
        Column("minimum", N_("Minimum"), required=True,
               aliases=("min", "minimumvoorraad", "bestelpunt", "minimum stock",
                        "reorder point", "stock minimum", "seuil")),
    ),
    parse=_parse_minimum,
    writer=_minimum_writer,
    atomic=True,
))
