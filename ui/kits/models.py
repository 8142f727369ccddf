"""Table models of the EHBO screens: the kit register, the re-check plan and the shortages."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from carma_logistiek.clock import local_today
from carma_logistiek.domain.kits import ShownStatus, shown_status
from carma_logistiek.i18n import _, format_date
from ui.widgets.table_model import RIGHT, Column, RowTableModel

if TYPE_CHECKING:
    from carma_logistiek.services.kits import KitRow, PlanRow, Shortage


def _place_text(kit: KitRow) -> str:
    from carma_logistiek.services.kit_labels import kit_place_text  # loaded with the db

    return kit_place_text(kit)

def _date_key(value: date | None) -> date:
    return value or date.min


def place_text(kit: KitRow) -> str:
    """The building (site) or the vehicle the kit is in."""
    return kit.location_name if kit.in_vehicle else (kit.site_name or kit.location_name)


def register_status(kit: KitRow) -> ShownStatus:
    """The kit's status, "controle te laat" once its check is overdue."""
    return shown_status(kit.status, kit.next_check_due, local_today())


def plan_status(row: PlanRow) -> ShownStatus:
    # The plan's own day (tests and demos inject one): the due date plus the days overdue.
    today = row.kit.next_check_due + timedelta(days=row.days_overdue)
    return shown_status(row.kit.status, row.kit.next_check_due, today)


def kind_text(kit: KitRow) -> str:
    return _("voertuig") if kit.in_vehicle else _("gebouw")


def register_columns() -> list[Column[KitRow]]:
    return [
        Column(_("Code"), lambda k: k.code),
        Column(_("Type"), lambda k: k.kit_type_name, shrinks=True),
        Column(_("Gebouw / voertuig"), place_text,
               tooltip=lambda k: f"{_place_text(k)} ({k.location_code})", shrinks=True),
        Column(_("Soort"), kind_text, hidden=True),
        Column(_("Verdieping"), lambda k: k.floor, shrinks=True),
        Column(_("Plaats"), lambda k: k.spot, shrinks=True),
        Column(_("Status"), lambda k: register_status(k).label,
               sort_key=lambda k: k.status.value,
               badge=lambda k: (register_status(k).label, register_status(k).severity)),
        Column(_("Volgende controle"), lambda k: format_date(k.next_check_due),
               sort_key=lambda k: k.next_check_due),
        Column(_("Toegewezen aan"), lambda k: k.assigned_to or "", shrinks=True),
        # Hidden at first, to leave the names room beside the detail pane on a 1024 px screen
        # (the Controles tab shows every check); the header menu shows it.
        Column(_("Laatst gecontroleerd"), lambda k: format_date(k.last_checked_on),
               sort_key=lambda k: _date_key(k.last_checked_on), hidden=True),
        Column(_("Verantwoordelijke"), lambda k: k.responsible, hidden=True),
        Column(_("Noodzaak"), lambda k: k.need, hidden=True, shrinks=True),
    ]


class KitTableModel(RowTableModel["KitRow"]):
    def __init__(self) -> None:
        super().__init__(register_columns())


def plan_columns(reasons: Mapping[str, str]) -> list[Column[PlanRow]]:
    """``reasons``: why a kit's check falls on its date, by kit code (filled by the plan)."""
    return [
        Column(_("Planning"), lambda r: r.bucket.label,
               sort_key=lambda r: (r.kit.next_check_due, r.kit.code),
               badge=lambda r: (r.bucket.label, r.bucket.severity)),
        Column(_("Te controleren op"), lambda r: format_date(r.kit.next_check_due),
               sort_key=lambda r: r.kit.next_check_due,
               tooltip=lambda r: reasons.get(r.kit.code, "")),
        Column(_("Reden"), lambda r: reasons.get(r.kit.code, ""), shrinks=True,
               tooltip=lambda r: reasons.get(r.kit.code, "")),
        # Hidden at first (the badge says "te laat", the date since when; sorting by date is the
        # same order), like the floor below: on a 1024 px screen the names need the room.
        Column(_("Dagen te laat"), lambda r: str(r.days_overdue) if r.days_overdue else "",
               sort_key=lambda r: r.days_overdue, align=RIGHT, hidden=True),
        Column(_("Code"), lambda r: r.kit.code),
        Column(_("Type"), lambda r: r.kit.kit_type_name, shrinks=True),
        Column(_("Gebouw / voertuig"), lambda r: place_text(r.kit), shrinks=True),
        Column(_("Verdieping"), lambda r: r.kit.floor, shrinks=True, hidden=True),
        Column(_("Plaats"), lambda r: r.kit.spot, shrinks=True),
        Column(_("Toegewezen aan"), lambda r: r.kit.assigned_to or "", shrinks=True),
        Column(_("Status"), lambda r: plan_status(r).label,
               badge=lambda r: (plan_status(r).label, plan_status(r).severity)),
    ]


class PlanTableModel(RowTableModel["PlanRow"]):
    def __init__(self) -> None:
        self.reasons: dict[str, str] = {}  # kit code -> why its check falls then
        super().__init__(plan_columns(self.reasons))


def shortage_columns() -> list[Column[Shortage]]:
    return [
        Column(_("Product"), lambda s: s.product_name, shrinks=True,
               tooltip=lambda s: s.product_code),
        Column(_("Tekort"), lambda s: f"{s.quantity} {s.unit}", sort_key=lambda s: s.quantity,
               align=RIGHT),
        Column(_("Kits"), lambda s: ", ".join(s.kit_codes), shrinks=True,
               tooltip=lambda s: ", ".join(s.kit_codes)),
    ]


class ShortageTableModel(RowTableModel["Shortage"]):
    def __init__(self) -> None:
        super().__init__(shortage_columns())
