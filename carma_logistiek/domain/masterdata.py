"""The rules of master data (products, suppliers, locations), as plain Python.

A change of master data never rewrites history: a product's unit cannot change once stock
moved in it, lot tracking cannot stop while numbered lots hold stock, a location with stock
or with places under it cannot retire. The services ask these functions with what they read
from the database; each refusal is a DomainError with a Dutch sentence that says what to do.
"""

from __future__ import annotations

import re

from carma_logistiek.domain.errors import DomainError, NameRequired, _error
from carma_logistiek.i18n import N_

SHELF_LIFE_DAYS = (1, 3650)
LEAD_TIME_DAYS = (0, 365)
PACK_SIZE_MAX = 100_000

CodeCannotChange = _error(
    "CodeCannotChange",
    N_("De code {code} kan niet veranderen: ze staat op de gedrukte etiketten. Maak een nieuw "
       "product aan en zet dit product buiten gebruik."),
    "code",
)
UnitLocked = _error(
    "UnitLocked",
    N_("De eenheid van {product} kan niet meer veranderen van '{unit}' naar '{new_unit}': er "
       "werd al voorraad in geboekt, en de geschiedenis zou een andere betekenis krijgen. Maak "
       "een nieuw product aan met de nieuwe eenheid."),
    "unit",
)
LotTrackingInUse = _error(
    "LotTrackingInUse",
    N_("De lotopvolging van {product} kan niet uit: er ligt nog voorraad in {lots} genummerde "
       "loten. Boek die eerst uit, of laat de lotopvolging aan."),
    "tracks_lots",
)
InvalidShelfLife = _error(
    "InvalidShelfLife",
    N_("De houdbaarheid moet tussen 1 en 3650 dagen liggen, of leeg zijn (u gaf {value})."),
    "shelf_life_days",
)
InvalidLeadTime = _error(
    "InvalidLeadTime",
    N_("De levertijd moet tussen 0 en 365 dagen liggen, of leeg zijn (u gaf {value})."),
    "lead_time_days",
)
InvalidEmail = _error(
    "InvalidEmail",
    N_("'{value}' is geen e-mailadres: het heeft de vorm naam@domein.be."),
    "email",
)
InvalidPackSize = _error(
    "InvalidPackSize",
    N_("De verpakking moet een geheel getal van 1 tot 100000 zijn (u gaf {value})."),
    "pack_size",
)
ProductRetired = _error(
    "ProductRetired",
    N_("{product} is buiten gebruik sinds {date}: het kan niet meer binnengeboekt of besteld "
       "worden. Zet het eerst terug in gebruik, of kies het product dat het vervangt."),
    "product",
)
SupplierRetired = _error(
    "SupplierRetired",
    N_("Leverancier {supplier} is buiten gebruik. Zet de leverancier eerst terug in gebruik."),
    "supplier",
)
UnknownSupplier = _error(
    "UnknownSupplier", N_("Onbekende leverancier: '{code}'. Kies een bestaande leverancier."),
    "supplier",
)
UnknownProductSupplier = _error(
    "UnknownProductSupplier",
    N_("{supplier} staat niet als leverancier bij {product}."),
    "supplier",
)
LocationHoldsStock = _error(
    "LocationHoldsStock",
    N_("Op {location} ligt nog voorraad ({quantity} stuks in {lines} lijnen). Kies een locatie "
       "om ze naartoe over te boeken, of boek ze eerst uit."),
    "location",
)
LocationHasChildren = _error(
    "LocationHasChildren",
    N_("Onder {location} hangen nog {count} actieve locaties. Verplaats of schrap die eerst."),
    "location",
)
LocationHasKits = _error(
    "LocationHasKits",
    N_("Op {location} staan nog {count} EHBO-kits. Verplaats die eerst of zet ze buiten "
       "gebruik."),
    "location",
)
LocationRetired = _error(
    "LocationRetired",
    N_("Locatie {location} is buiten gebruik. Kies een actieve locatie."),
    "location",
)
ZoneStaysRoot = _error(
    "ZoneStaysRoot",
    N_("{location} is een zone en blijft bovenaan de boom: een zone hangt onder niets."),
    "parent",
)
ParentRequired = _error(
    "ParentRequired",
    N_("{location} moet onder een andere locatie hangen: kies een zone, site of magazijn."),
    "parent",
)
MoveIntoOwnSubtree = _error(
    "MoveIntoOwnSubtree",
    N_("{location} kan niet onder {parent} komen: dat ligt onder {location} zelf."),
    "parent",
)
TransferToSelf = _error(
    "TransferToSelf",
    N_("De voorraad van {location} kan niet naar {location} zelf: kies een andere locatie."),
    "transfer_to",
)


def clean_name(name: str) -> str:
    """A name without surrounding spaces; an empty one is refused."""
    cleaned = (name or "").strip()
    if not cleaned:
        raise NameRequired()
    return cleaned


def clean_shelf_life(value: int | None) -> int | None:
    """Days a new lot keeps: 1 to 3650, or None (not known)."""
    return _bounded(value, SHELF_LIFE_DAYS, InvalidShelfLife)


def clean_lead_time(value: int | None) -> int | None:
    """Calendar days from ordering to delivery: 0 to 365, or None (not known)."""
    return _bounded(value, LEAD_TIME_DAYS, InvalidLeadTime)


def clean_pack_size(value: int) -> int:
    cleaned = _bounded(value, (1, PACK_SIZE_MAX), InvalidPackSize)
    if cleaned is None:
        raise InvalidPackSize(value="")
    return cleaned


def _bounded(value: int | None, bounds: tuple[int, int], error: type[DomainError]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise error(value=value)
    low, high = bounds
    if not low <= value <= high:
        raise error(value=value)
    return value


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_email(email: str) -> str:
    """Loosely checked: one @, and a dot somewhere after it. Empty is allowed."""
    cleaned = (email or "").strip()
    if cleaned and not _EMAIL.match(cleaned):
        raise InvalidEmail(value=cleaned)
    return cleaned


def tracking_after_edit(tracks_lots: bool, tracks_expiry: bool) -> tuple[bool, bool]:
    """Expiry implies lots: an expiry date belongs to a lot."""
    return tracks_lots or tracks_expiry, tracks_expiry


def require_unit_change_allowed(product: str, unit: str, new_unit: str, *,
                                has_movements: bool) -> None:
    """The unit is what every quantity in the history counts: it is fixed once stock moved."""
    if unit != new_unit and has_movements:
        raise UnitLocked(product=product, unit=unit, new_unit=new_unit)


def require_lot_tracking_change_allowed(product: str, tracks_lots: bool, new_tracks_lots: bool,
                                        *, numbered_lots_with_stock: int) -> None:
    """Lot tracking stops only when no numbered lot holds stock (else those lots lose their
    meaning: a pickup would no longer say which lot it took)."""
    if tracks_lots and not new_tracks_lots and numbered_lots_with_stock > 0:
        raise LotTrackingInUse(product=product, lots=numbered_lots_with_stock)


def require_can_retire_location(location: str, *, stock_quantity: int, stock_lines: int,
                                active_children: int, active_kits: int,
                                transfer: bool) -> None:
    """A location retires when nothing depends on it: no active places under it, no kits on
    it, and no stock (unless the stock is transferred in the same step)."""
    if active_children:
        raise LocationHasChildren(location=location, count=active_children)
    if active_kits:
        raise LocationHasKits(location=location, count=active_kits)
    if stock_lines and not transfer:
        raise LocationHoldsStock(location=location, quantity=stock_quantity, lines=stock_lines)


def require_valid_move(location: str, kind: str, path: str, *, parent: str | None,
                       parent_path: str | None) -> None:
    """A zone stays a root; every other place hangs under one; nothing moves into its own
    subtree. ``path`` is the materialised chain of ids ("/1/4/9/")."""
    if kind == "zone":
        if parent is not None:
            raise ZoneStaysRoot(location=location)
        return
    if parent is None or parent_path is None:
        raise ParentRequired(location=location)
    if parent_path.startswith(path):
        raise MoveIntoOwnSubtree(location=location, parent=parent)


def moved_path(path: str, old_prefix: str, new_prefix: str) -> str:
    """The path of a place in a moved subtree: its old prefix swapped for the new one."""
    if not path.startswith(old_prefix):
        raise ValueError(f"{path!r} is not under {old_prefix!r}")
    return new_prefix + path[len(old_prefix):]

LocationRetired = _error(
    "LocationRetired",
    N_("Locatie {location} is buiten gebruik: er kan niets meer naartoe of vandaan geboekt "
       "worden. Zet ze eerst terug in gebruik (Stamgegevens > Locaties) of kies een andere."),
    "location",
)
