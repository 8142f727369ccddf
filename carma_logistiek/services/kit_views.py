"""What the first-aid kit screens read, composed from the kits and scan services: the check
sheet behind a scan, the register's data, photos, and the kit label sheet and plan export.

Each composition reads in one transaction (``one_transaction``). They run on the database
worker like any service call (first argument: the Database).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from carma_logistiek.clock import to_local, utc_now
from carma_logistiek.db.uow import Database
from carma_logistiek.documents.specs import LabelSpec
from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.errors import DomainError, KitRetired
from carma_logistiek.domain.kits import ContentExpiry, KitStatus, next_check_reason
from carma_logistiek.i18n import N_, _
from carma_logistiek.scanning.payloads import parse_label
from carma_logistiek.services import kits
from carma_logistiek.services.attention import (
    ATTENTION,
    FIRST_LINES,
    PROBLEM,
    AttentionLine,
    AttentionSummary,
    severity_when,
)
from carma_logistiek.services.command import read
from carma_logistiek.services.composition import one_transaction
from carma_logistiek.services.kit_labels import kit_labels
from carma_logistiek.services.scans import resolve_scan

if TYPE_CHECKING:
    from carma_logistiek.documents.labels import SheetInfo

__all__ = ["KIND_WORDS", "CheckSheet", "NotAKitLabel", "kit_checks_attention",
           "kit_code_from_scan", "kit_label_specs", "load_check", "load_photos",
           "next_check_reasons", "next_check_why", "register_data", "render_kit_labels",
           "render_plan_ics", "write_kit_labels", "write_plan_ics"]


class NotAKitLabel(DomainError):
    """A label of something else (a product, a location) scanned in the kit check."""

    code = "NotAKitLabel"
    template = (
        N_("Dit is geen etiket van een EHBO-kit ({kind} {code}). Scan het QR-etiket op de kit of "
           "kies de kit in het register.")
    )
    field = "kit"


@dataclass(frozen=True)
class CheckSheet:
    """What the check screen needs to show one kit's checklist."""

    detail: kits.KitDetail
    items: tuple[kits.TemplateItemRow, ...]


KIND_WORDS = {"product": N_("product"), "lot": N_("lot"), "location": N_("locatie"),
              "vehicle": N_("voertuig"), "staff": N_("personeelslid"),
              "boutique_order": N_("bestelling")}


@read(Permission.KITS_READ)
def kit_code_from_scan(db: Database, text: str) -> str:
    """A kit label, or a kit code typed by hand; other labels are refused in Dutch."""
    text = text.strip()
    if parse_label(text) is None:  # raises in Dutch for a damaged label of ours
        return text  # typed: the kit code itself
    result = resolve_scan(db, text)
    if result.kind != "kit":
        raise NotAKitLabel(kind=_(KIND_WORDS.get(result.kind, result.kind)), code=result.code)
    return result.code


# Reading the check sheet is reading the kit; recording the check needs kits.check.
@read(Permission.KITS_READ)
def load_check(db: Database, *, text: str) -> CheckSheet:
    """The kit behind a scan (or typed code) with the checklist of its type; a kit out of
    use cannot be checked any more. One transaction."""
    with one_transaction(db) as tx:
        detail = kits.kit_detail(tx, kit_code_from_scan(tx, text))
    if detail.kit.status is KitStatus.OUT_OF_USE:
        retired = next((e.at for e in reversed(detail.events) if e.kind == "buiten_gebruik"),
                       None)
        raise KitRetired(code=detail.kit.code,
                         date=_local_day(retired).strftime("%d/%m/%Y") if retired else "?")
    # Every template item has a content row (made when the kit is placed; templates never
    # change), so the checklist comes with the detail instead of loading every kit type.
    return CheckSheet(detail, tuple(content.item for content in detail.contents))


def _local_day(moment: datetime) -> date:
    """The Brussels date of a stored moment (UTC; SQLite hands it back without a zone)."""
    return to_local(moment if moment.tzinfo else moment.replace(tzinfo=UTC)).date()


def next_check_why(detail: kits.KitDetail) -> str:
    """Why the kit's next check falls when it does ("vervaldatum Steriele kompressen"), from
    the contents the detail holds (the same items ``next_due`` weighs); empty when it is the
    regular interval."""
    contents = [ContentExpiry(content.expiry, content.item.replace_before_days,
                              content.item.product_name)
                for content in detail.contents
                if content.expiry is not None and content.quantity > 0]
    return next_check_reason(detail.kit.next_check_due, contents)


@read(Permission.KITS_READ)
def next_check_reasons(db: Database) -> dict[str, str]:
    """For the plan: why each kit's next check falls when it does, by kit code, for the kits
    whose check an expiring item brought forward (one query over every kit's contents)."""
    from sqlalchemy import select

    from carma_logistiek.db.models import Kit, KitContent, KitTemplateItem, Product

    with db.read() as session:
        rows = session.execute(
            select(Kit.code, Kit.next_check_due, KitContent.expiry,
                   KitTemplateItem.replace_before_days, Product.name)
            .join(KitContent, KitContent.kit_id == Kit.id)
            .join(KitTemplateItem, KitTemplateItem.id == KitContent.template_item_id)
            .join(Product, Product.id == KitTemplateItem.product_id)
            .where(KitContent.expiry.is_not(None), KitContent.quantity > 0,
                   Kit.status != KitStatus.OUT_OF_USE.value)
        ).all()
    due: dict[str, date] = {}
    contents: dict[str, list[ContentExpiry]] = {}
    for code, next_due, expiry, before, name in rows:
        due[code] = next_due
        if expiry is not None:
            contents.setdefault(code, []).append(ContentExpiry(expiry, before, name))
    reasons = {code: next_check_reason(due[code], items) for code, items in contents.items()}
    return {code: reason for code, reason in reasons.items() if reason}


@read(Permission.KITS_READ)
def load_photos(db: Database, *, photo_ids: tuple[int, ...]) -> list[tuple[int, str, bytes]]:
    """Each photo as (id, MIME type, bytes), in the order asked; one transaction."""
    with one_transaction(db) as tx:
        return [(photo_id, *kits.kit_photo(tx, photo_id)) for photo_id in photo_ids]


@read(Permission.DOCUMENTS_PRINT)
def kit_label_specs(db: Database, codes: Sequence[str]) -> list[LabelSpec]:
    """The labels of these kits, in the given order; one transaction."""
    with one_transaction(db) as tx:
        return kit_labels(tx, codes)


@read(Permission.DOCUMENTS_PRINT)
def write_kit_labels(db: Database, *, codes: list[str], path: str, zone_name: str,
                     offset: int = 0, copies: int = 1) -> SheetInfo:
    """The label sheet PDF of these kits."""
    return render_kit_labels(kit_label_specs(db, codes), path=path, zone_name=zone_name,
                             offset=offset, copies=copies)


def render_kit_labels(specs: Sequence[LabelSpec], *, path: str, zone_name: str,
                      offset: int = 0, copies: int = 1) -> SheetInfo:
    """The label sheet PDF of labels already read (the window draws it off the database
    worker); ``offset`` labels of the first sheet are used already, ``copies`` of each."""
    from carma_logistiek.documents.labels import render_label_sheet  # reportlab: on first use

    return render_label_sheet(list(specs), Path(path), zone_name=zone_name, offset=offset,
                              copies=copies)


@read(Permission.KITS_READ)
def register_data(db: Database) -> tuple[list[kits.KitTypeRow], list[str]]:
    """Kit types and the names already used as responsible or assignee (for completers);
    one transaction."""
    with one_transaction(db) as tx:
        rows = kits.list_kits(tx, include_retired=True)
        names = sorted({n for row in rows for n in (row.responsible, row.assigned_to or "") if n})
        return kits.list_kit_types(tx), names


# The plan as a calendar file: the plan is read already, exporting it is reading it.
@read(Permission.KITS_READ)
def write_plan_ics(_db: Database, *, rows: list[kits.PlanRow], path: str, zone_name: str) -> int:
    """The visible plan rows as an iCalendar file; returns how many events it holds."""
    return render_plan_ics(rows, path=path, zone_name=zone_name)


def render_plan_ics(rows: Sequence[kits.PlanRow], *, path: str, zone_name: str) -> int:
    """The plan rows as an iCalendar file, without the database (the rows are read already);
    returns how many events it holds."""
    from carma_logistiek.documents.ical import render_kit_plan_ics

    text = render_kit_plan_ics(list(rows), zone_name=zone_name, generated_at=utc_now())
    Path(path).write_text(text, encoding="utf-8", newline="")
    return len(rows)


@read(Permission.KITS_READ)
def kit_checks_attention(db: Database, *, today: date | None = None) -> AttentionSummary:
    """The kit re-checks that are overdue or due this week (to Sunday, as the plan's buckets),
    the longest overdue first. Opening the card shows the overdue ones when there are any."""
    from sqlalchemy import select

    from carma_logistiek.clock import local_today
    from carma_logistiek.db.models import Kit, Location
    from carma_logistiek.domain.kits import PlanBucket, days_overdue, plan_bucket
    from carma_logistiek.i18n import format_date, ngettext

    today = today or local_today()
    end_of_week = today + timedelta(days=6 - today.weekday())
    with db.read() as session:
        rows = session.execute(
            select(Kit.code, Kit.next_check_due, Location.name, Kit.spot)
            .join(Location, Location.id == Kit.location_id)
            .where(Kit.status != KitStatus.OUT_OF_USE.value, Kit.next_check_due <= end_of_week)
            .order_by(Kit.next_check_due, Kit.code)
        ).all()
    overdue = sum(1 for row in rows if plan_bucket(row[1], today) is PlanBucket.OVERDUE)
    lines = []
    for code, due, place, spot in rows[:FIRST_LINES]:
        where = f"{place}, {spot}" if spot else place
        late = days_overdue(due, today)
        text = (ngettext("{n} dag te laat · {code} — {place}",
                         "{n} dagen te laat · {code} — {place}", late, code=code, place=where)
                if late else _("{date} · {code} — {place}", code=code, place=where,
                               date=format_date(due)))
        lines.append(AttentionLine(text))
    parts = [ngettext("{n} achterstallig", "{n} achterstallig", overdue),
             ngettext("{n} deze week", "{n} deze week", len(rows) - overdue)]
    focus = (PlanBucket.OVERDUE if overdue else PlanBucket.THIS_WEEK).value
    return AttentionSummary(len(rows), tuple(lines),
                            PROBLEM if overdue else severity_when(len(rows), ATTENTION),
                            " · ".join(parts), focus=f"plan:{focus}")
