"""EHBO: the kits, their checks, plan, shortages and kit types."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from carma_logistiek.domain.changes import Changes
from ui.ops.core import DocumentOp, QueryOp, RenderOp, WriteOp

if TYPE_CHECKING:
    from carma_logistiek.documents.labels import SheetInfo
    from carma_logistiek.services import kits
    from carma_logistiek.services.kit_views import CheckSheet
    from ui.shell.context import AppContext as Context


# --- reads -------------------------------------------------------------------------------
def list_kits(context: Context, *, search: str, include_retired: bool) -> QueryOp[list[kits.KitRow]]:
    def run(db: Any) -> list[kits.KitRow]:
        from carma_logistiek.services import kits

        return kits.list_kits(db, search=search, include_retired=include_retired)

    return QueryOp(context, run)


def register_data(context: Context) -> QueryOp[tuple[list[kits.KitTypeRow], list[str]]]:
    """Kit types and the names already used (for the register's completers)."""

    def run(db: Any) -> tuple[list[kits.KitTypeRow], list[str]]:
        from carma_logistiek.services.kit_views import register_data

        return register_data(db)

    return QueryOp(context, run)


def kit_detail(context: Context, *, code: str) -> QueryOp[kits.KitDetail]:
    def run(db: Any) -> kits.KitDetail:
        from carma_logistiek.services import kits

        return kits.kit_detail(db, code)

    return QueryOp(context, run)


def next_check_reasons(context: Context) -> QueryOp[dict[str, str]]:
    """Why each kit's next check falls when it does (an expiring item), by kit code."""

    def run(db: Any) -> dict[str, str]:
        from carma_logistiek.services.kit_views import next_check_reasons

        return next_check_reasons(db)

    return QueryOp(context, run)


def kit_photos(context: Context, *, photo_ids: tuple[int, ...]) -> QueryOp[list[tuple[int, str, bytes]]]:
    def run(db: Any) -> list[tuple[int, str, bytes]]:
        from carma_logistiek.services.kit_views import load_photos

        return load_photos(db, photo_ids=photo_ids)

    return QueryOp(context, run)


def load_check(context: Context, *, text: str) -> QueryOp[CheckSheet]:
    """The kit behind a scanned label (or typed code) with its checklist."""

    def run(db: Any) -> CheckSheet:
        from carma_logistiek.services.kit_views import load_check

        return load_check(db, text=text)

    return QueryOp(context, run)


def list_kit_types(context: Context) -> QueryOp[list[kits.KitTypeRow]]:
    def run(db: Any) -> list[kits.KitTypeRow]:
        from carma_logistiek.services import kits

        return kits.list_kit_types(db)

    return QueryOp(context, run)


def kit_shortages(context: Context) -> QueryOp[list[kits.Shortage]]:
    def run(db: Any) -> list[kits.Shortage]:
        from carma_logistiek.services import kits

        return kits.kit_shortages(db)

    return QueryOp(context, run)


def kit_plan(context: Context, *, today: date) -> QueryOp[list[kits.PlanRow]]:
    def run(db: Any) -> list[kits.PlanRow]:
        from carma_logistiek.services import kits

        return kits.kit_plan(db, today=today)

    return QueryOp(context, run)


# --- files -------------------------------------------------------------------------------
def kit_label_sheet(context: Context, *, codes: list[str], path: str, offset: int = 0,
                    copies: int = 1) -> DocumentOp[SheetInfo]:
    """The label sheet of these kits: read on the database worker, drawn on the render pool
    (``offset`` labels of the first sheet used already, ``copies`` of each label)."""
    zone_name = context.config.zone_name

    def fetch(db: Any) -> list[Any]:
        from carma_logistiek.services.kit_views import kit_label_specs

        return kit_label_specs(db, codes)

    def render(specs: list[Any]) -> SheetInfo:
        from carma_logistiek.services.kit_views import render_kit_labels

        return render_kit_labels(specs, path=path, zone_name=zone_name, offset=offset,
                                 copies=copies)

    return DocumentOp(context, fetch, render)


def export_plan(context: Context, *, rows: list[kits.PlanRow], path: str) -> RenderOp[int]:
    """The shown plan rows as an iCalendar file (the rows are on screen already)."""
    zone_name = context.config.zone_name

    def render() -> int:
        from carma_logistiek.services.kit_views import render_plan_ics

        return render_plan_ics(rows, path=path, zone_name=zone_name)

    return RenderOp(context, render)


# --- writes ------------------------------------------------------------------------------
def register_kit(
    context: Context, *, code: str, kit_type_code: str, location_code: str, floor: str,
    spot: str, need: str, responsible: str, placed_on: date | None = None,
    content_expiry: dict[str, date] | None = None,
) -> WriteOp[kits.KitRow]:
    actor = context.actor

    def run(db: Any) -> kits.KitRow:
        from carma_logistiek.services import kits

        return kits.register_kit(db, code=code, kit_type_code=kit_type_code,
                                 location_code=location_code, actor=actor, floor=floor,
                                 spot=spot, need=need, responsible=responsible,
                                 placed_on=placed_on, content_expiry=content_expiry)

    return WriteOp(context, run)


def move_kit(
    context: Context, *, code: str, location_code: str, floor: str, spot: str, note: str
) -> WriteOp[kits.KitRow]:
    actor = context.actor

    def run(db: Any) -> kits.KitRow:
        from carma_logistiek.services import kits

        return kits.move_kit(db, code=code, location_code=location_code, actor=actor,
                             floor=floor, spot=spot, note=note)

    return WriteOp(context, run)


def replace_kit(
    context: Context, *, old_code: str, new_code: str,
    content_expiry: dict[str, date] | None = None,
) -> WriteOp[kits.KitRow]:
    actor = context.actor

    def run(db: Any) -> kits.KitRow:
        from carma_logistiek.services import kits

        return kits.replace_kit(db, old_code=old_code, new_code=new_code, actor=actor,
                                content_expiry=content_expiry)

    return WriteOp(context, run, also=Changes(kits=frozenset({old_code})))


def retire_kit(context: Context, *, code: str, reason: str) -> WriteOp[kits.KitRow]:
    actor = context.actor

    def run(db: Any) -> kits.KitRow:
        from carma_logistiek.services import kits

        return kits.retire_kit(db, code=code, reason=reason, actor=actor)

    return WriteOp(context, run)


def assign_checks(
    context: Context, *, kit_codes: Sequence[str], person: str | None
) -> WriteOp[kits.ChecksAssigned]:
    actor = context.actor
    codes = list(kit_codes)

    def run(db: Any) -> kits.ChecksAssigned:
        from carma_logistiek.services import kits

        return kits.assign_checks(db, kit_codes=codes, person=person, actor=actor)

    return WriteOp(context, run, also=Changes(kits=frozenset(codes)))


def add_kit_photo(
    context: Context, *, code: str, data: bytes, mime_type: str
) -> WriteOp[kits.PhotoAdded]:
    actor = context.actor

    def run(db: Any) -> kits.PhotoAdded:
        from carma_logistiek.services import kits

        return kits.add_kit_photo(db, code=code, data=data, mime_type=mime_type, actor=actor)

    return WriteOp(context, run, also=Changes(kits=frozenset({code})))


def record_check(
    context: Context, *, code: str, lines: Sequence[kits.CheckLineInput],
    stock_location_code: str | None, note: str, photo: tuple[bytes, str] | None, key: str,
) -> WriteOp[kits.CheckRow]:
    """The re-check of one kit; replacements come from stock in the same transaction."""
    actor = context.actor
    checked = list(lines)

    def run(db: Any) -> kits.CheckRow:
        from carma_logistiek.services import kits

        return kits.record_check(db, code=code, lines=checked, actor=actor,
                                 stock_location_code=stock_location_code, note=note,
                                 photo=photo, key=key)

    return WriteOp(context, run)


def create_kit_type(
    context: Context, *, code: str, name: str, interval_months_building: int,
    interval_months_vehicle: int, items: Sequence[kits.TemplateItemInput],
) -> WriteOp[kits.KitTypeRow]:
    actor = context.actor
    template = list(items)

    def run(db: Any) -> kits.KitTypeRow:
        from carma_logistiek.services import kits

        return kits.create_kit_type(db, code=code, name=name,
                                    interval_months_building=interval_months_building,
                                    interval_months_vehicle=interval_months_vehicle,
                                    items=template, actor=actor)

    return WriteOp(context, run)
