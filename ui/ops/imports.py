"""Imports of CSV and XLSX files: the kinds offered, reading a file, the preview (a rehearsal:
every row's write tried and rolled back) and the real run. All of it on the database worker;
``progress(done, total)`` is called there, from the worker thread, once per row."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ui.ops.core import QueryOp, WriteOp

if TYPE_CHECKING:
    from carma_logistiek.services.import_specs import ImportSpec
    from carma_logistiek.services.imports import ImportReport, RowOutcome, Table
    from ui.shell.context import AppContext as Context

Progress = Callable[[int], None]
Mapping_ = Mapping[str, str | None]


@dataclass(frozen=True)
class FileRead:
    """A file read for a kind: the table and the columns found for each field."""

    table: Table
    mapping: dict[str, str | None]


def import_kinds(context: Context) -> QueryOp[list[ImportSpec[Any, Any]]]:
    def run(_db: Any) -> list[ImportSpec[Any, Any]]:
        from carma_logistiek.services.import_specs import import_kinds

        return import_kinds()

    return QueryOp(context, run)


def read_file(context: Context, spec: ImportSpec[Any, Any], path: Path) -> QueryOp[FileRead]:
    """Read the whole file and find its columns (the user may change them next)."""

    def run(_db: Any) -> FileRead:
        from carma_logistiek.services.import_specs import auto_mapping, read_for_import

        table = read_for_import(spec, path)
        return FileRead(table, auto_mapping(spec, table.headers))

    return QueryOp(context, run)


def _counter(progress: Progress | None) -> Callable[[RowOutcome], None] | None:
    if progress is None:
        return None
    done = [0]

    def heard(_row: RowOutcome) -> None:
        done[0] += 1
        progress(done[0])

    return heard


def preview_import(context: Context, spec: ImportSpec[Any, Any], path: Path,
                   mapping: Mapping_, *, progress: Progress | None = None
                   ) -> QueryOp[ImportReport]:
    """What the import would do, row by row; nothing is kept."""
    actor = context.actor

    def run(db: Any) -> ImportReport:
        from carma_logistiek.services.import_specs import run_import

        return run_import(db, spec, path, mapping, preview=True, actor=actor,
                          on_outcome=_counter(progress))

    return QueryOp(context, run)


def import_file(context: Context, spec: ImportSpec[Any, Any], path: Path, mapping: Mapping_,
                *, skip_refused: bool, progress: Progress | None = None
                ) -> WriteOp[ImportReport]:
    """The real run; the whole app hears what the kept rows changed."""
    actor = context.actor

    def run(db: Any) -> ImportReport:
        from carma_logistiek.services.import_specs import run_import

        return run_import(db, spec, path, mapping, preview=False, actor=actor,
                          skip_refused=skip_refused, on_outcome=_counter(progress))

    return WriteOp(context, run)
