"""Read helpers of the EHBO screens, composed from services. The readers run on the
database worker (first argument: the Database), the writers of files on the render pool."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carma_logistiek.domain.errors import DomainError, KitRetired
from carma_logistiek.domain.kits import KitStatus
from carma_logistiek.i18n import _
from carma_logistiek.scanning.payloads import parse_label
from carma_logistiek.services import kits
from carma_logistiek.services.kit_labels import kit_labels
from carma_logistiek.services.scans import resolve_scan

if TYPE_CHECKING:
    from carma_logistiek.documents.labels import SheetInfo
    from carma_logistiek.documents.specs import LabelSpec


class NotAKitLabel(DomainError):
    """A label of something else (a product, a location) scanned in the kit check."""

    code = "NotAKitLabel"
    template = (
        "Dit is geen etiket van een EHBO-kit ({kind} {code}). Scan het QR-etiket op de kit of "
        "kies de kit in het register."
    )
    field = "kit"


@dataclass(frozen=True)
class CheckSheet:
    """What the check screen needs to show one kit's checklist."""

    detail: kits.KitDetail
    items: tuple[kits.TemplateItemRow, ...]


def kit_code_from_scan(db: Any, text: str) -> str:
    """A kit label, or a kit code typed by hand; other labels are refused in Dutch."""
    text = text.strip()
    if parse_label(text) is None:  # raises in Dutch for a damaged label of ours
        return text  # typed: the kit code itself
    result = resolve_scan(db, text)
    if result.kind != "kit":
        raise NotAKitLabel(kind=_(KIND_WORDS.get(result.kind, result.kind)), code=result.code)
    return result.code


KIND_WORDS = {"product": "product", "lot": "lot", "location": "locatie",
              "vehicle": "voertuig", "staff": "personeelslid", "boutique_order": "bestelling"}


def load_check(db: Any, *, text: str) -> CheckSheet:
    """The kit behind a scan (or typed code) with the checklist of its type; a kit out of
    use cannot be checked any more."""
    detail = kits.kit_detail(db, kit_code_from_scan(db, text))
    if detail.kit.status is KitStatus.OUT_OF_USE:
        retired = next((e.at for e in reversed(detail.events) if e.kind == "buiten_gebruik"),
                       None)
        raise KitRetired(code=detail.kit.code,
                         date=retired.strftime("%d/%m/%Y") if retired else "?")
    # Every template item has a content row (made when the kit is placed; templates never
    # change), so the checklist comes with the detail instead of loading every kit type.
    return CheckSheet(detail, tuple(content.item for content in detail.contents))


def load_photos(db: Any, *, photo_ids: tuple[int, ...]) -> list[tuple[int, str, bytes]]:
    return [(photo_id, *kits.kit_photo(db, photo_id)) for photo_id in photo_ids]


def kit_label_specs(db: Any, *, codes: list[str]) -> list[LabelSpec]:
    """What the label sheet of these kits shows (read on the database worker)."""
    return list(kit_labels(db, codes))


def write_kit_labels(specs: list[LabelSpec], *, path: str, zone_name: str) -> SheetInfo:
    """The label sheet PDF of these kits (made on the render pool)."""
    from carma_logistiek.documents.labels import render_label_sheet  # reportlab: on first use

    return render_label_sheet(specs, Path(path), zone_name=zone_name)


def register_data(db: Any) -> tuple[list[kits.KitTypeRow], list[str]]:
    """Kit types and the names already used as responsible or assignee (for completers)."""
    rows = kits.list_kits(db, include_retired=True)
    names = sorted({n for row in rows for n in (row.responsible, row.assigned_to or "") if n})
    return kits.list_kit_types(db), names


def write_plan_ics(rows: list[kits.PlanRow], *, path: str, zone_name: str) -> int:
    """The visible plan rows as an iCalendar file; returns how many events it holds."""
    from datetime import UTC, datetime

    from carma_logistiek.documents.ical import render_kit_plan_ics

    text = render_kit_plan_ics(rows, zone_name=zone_name, generated_at=datetime.now(UTC))
    Path(path).write_text(text, encoding="utf-8", newline="")
    return len(rows)
