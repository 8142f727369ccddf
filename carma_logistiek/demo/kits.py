"""The zone's first-aid kits for the demo: five kit types, 56 kits in buildings spread over the
sites, 94 in vehicles, and two years of re-checks of which some are overdue (annual report 2024).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from carma_logistiek.db.uow import Database
from carma_logistiek.demo.actors import CHECKERS, as_actor
from carma_logistiek.demo.catalogue import SITES
from carma_logistiek.domain.access import Actor
from carma_logistiek.domain.kits import LineOutcome
from carma_logistiek.services import kits as kit_service
from carma_logistiek.services.masterdata import create_location, list_locations

T = kit_service.TemplateItemInput
KIT_TYPES = [
    ("FAK", "First Aid Kit", 12, 6, [
        T("EHBO-PL-ASSORTIMEN", 1, True, 60), T("EHBO-CMP-10X10CM", 2, True, 60),
        T("EHBO-WIN-6CM", 2, True, 60), T("EHBO-DRV", 2), T("EHBO-ONT-30ML", 1, True, 30, True),
        T("EHBO-SCH", 1), T("HYG-HSK-M", 1), T("EHBO-DEK", 1, critical=True),
        T("EHBO-BEAD", 1, critical=True)]),
    ("COOL", "Cool Kit", 12, 6, [T("EHBO-COOL", 4, True, 60, True), T("EHBO-WIN-8CM", 2, True, 60)]),
    ("BURN", "Burn Kit", 12, 6, [
        T("EHBO-BRW", 2, True, 60, True), T("EHBO-BRW-10X10", 2, True, 60, True),
        T("HYG-HSK-M", 1)]),
    ("PLS", "Pleisterset", 12, 12, [T("EHBO-PL-WATERBESTE", 1, True, 30),
                                    T("EHBO-PL-TEXTIEL", 1, True, 30)]),
    ("OOG", "Oogspoeling", 12, 12, [T("EHBO-OOG-500ML", 2, True, 60, True)]),
]
SPOTS = ["onthaal, naast de deur", "refter, boven het aanrecht", "gang bij de trap",
         "cellencomplex, bij de bewakingspost", "garage, naast de brandblusser",
         "vergaderzaal, kast links", "wapenkamer", "fitnessruimte", "kleedkamer heren",
         "kleedkamer dames", "verhoorlokaal 1", "magazijn, bij de uitgang"]
FLOORS = ["gelijkvloers", "verdieping 1", "verdieping 2", "kelder"]
NEEDS = ["publiek onthaal", "risico op snijwonden", "brandrisico in de garage",
         "verplicht per verdieping (GPBW)", "oogspoeling bij chemicaliën (wapenreiniging)",
         "sportinfrastructuur"]
# Fleet for the kits: 4 Vito, 4 Passat (2024 additions), older interventie- and anonymous cars,
# vans and quads; vehicle kits are checked every six months.
VEHICLE_MODELS = [("VITO", "Mercedes Vito", 4), ("PASSAT", "Volkswagen Passat", 4),
                  ("OCTAVIA", "Skoda Octavia", 14), ("ANON", "Anoniem voertuig", 12),
                  ("TRANSIT", "Ford Transit", 8), ("QUAD", "Quad", 4),
                  ("BOXER", "Peugeot Boxer", 1), ("MOTOR", "Motor BMW R1250RT", 6)]
BUILDING_KITS = 56
VEHICLE_KITS = 94


def create_demo_kits(db: Database, *, actor: Actor, rng: random.Random, today: date) -> int:
    for code, name, building, vehicle, items in KIT_TYPES:
        kit_service.create_kit_type(db, code=code, name=name, interval_months_building=building,
                                    interval_months_vehicle=vehicle, items=items, actor=actor)
    vehicles = _vehicles(db, actor)
    kits = _building_kits(db, actor, rng, today) + _vehicle_kits(db, vehicles, actor, rng, today)
    for code in kits:
        _history(db, code, actor, rng, today)
    return len(kits)


def _vehicles(db: Database, actor: Actor) -> list[str]:
    """Vehicles that do not exist yet as stock locations (VITO-01.. and BOXER-01 do)."""
    existing = {row.code for row in list_locations(db)}
    codes = []
    for prefix, model, count in VEHICLE_MODELS:
        for number in range(1, count + 1):
            code = f"{prefix}-{number:02d}"
            base = "BRE" if number % 3 == 0 else "GNK"
            if code not in existing:  # VITO-01.. and BOXER-01 are stock locations already
                create_location(db, code=code, name=f"{model} {number}", kind="vehicle",
                                parent_code=base, actor=actor)
            codes.append(code)
    return codes


def _building_kits(db: Database, actor: Actor, rng: random.Random, today: date) -> list[str]:
    codes = []
    sites = [code for code, _name in SITES]
    for number in range(1, BUILDING_KITS + 1):
        site = sites[0] if number <= 18 else sites[1] if number <= 28 else rng.choice(sites[2:])
        kit_type = ("FAK" if number % 4 else rng.choice(["COOL", "BURN", "PLS", "OOG"]))
        code = f"KIT-{site.replace('WK-', '')}-{number:03d}"
        kit_service.register_kit(
            db, code=code, kit_type_code=kit_type, location_code=site, actor=actor,
            floor=rng.choice(FLOORS), spot=rng.choice(SPOTS), need=rng.choice(NEEDS),
            responsible=rng.choice(["preventieadviseur", "an.peeters", "koen.vandebroek"]),
            placed_on=today - timedelta(days=rng.randint(500, 900)),
            content_expiry=_expiries(kit_type, rng, today))
        codes.append(code)
    return codes


def _vehicle_kits(db: Database, vehicles: list[str], actor: Actor, rng: random.Random,
                  today: date) -> list[str]:
    codes = []
    for number in range(1, VEHICLE_KITS + 1):
        vehicle = vehicles[(number - 1) % len(vehicles)]
        kit_type = "FAK" if number <= len(vehicles) else rng.choice(["BURN", "COOL"])
        code = f"KIT-V-{number:03d}"
        kit_service.register_kit(
            db, code=code, kit_type_code=kit_type, location_code=vehicle, actor=actor,
            spot="koffer" if number <= len(vehicles) else "achter de bestuurderszetel",
            need="interventievoertuig", placed_on=today - timedelta(days=rng.randint(400, 800)),
            content_expiry=_expiries(kit_type, rng, today))
        codes.append(code)
    return codes


def _expiries(kit_type: str, rng: random.Random, today: date) -> dict[str, date]:
    items = next(items for code, _n, _b, _v, items in KIT_TYPES if code == kit_type)
    # Most contents expire well ahead; a few are (nearly) out of date, as in any real zone.
    return {item.product_code: today + timedelta(days=rng.randint(45, 900) if rng.random() < 0.97
                                                 else rng.randint(-40, 30))
            for item in items if item.expires}


# Where the checkers take replacements for items at or past their replacement date.
REPLACEMENT_STOCK = "GNK-MAG"


def _history(db: Database, code: str, actor: Actor, rng: random.Random, today: date) -> None:
    """Checks from placement until about now; ~8 % of kits lag behind and are overdue.

    A checker replaces, from the central storeroom, every item that is at or past its
    replacement date, as the advisor does: a check that left them would make the next check
    fall on or before itself (the expiry rule brings it forward to that date)."""
    lagging = rng.random() < 0.08
    horizon = today - timedelta(days=rng.randint(30, 120)) if lagging else today
    detail = kit_service.kit_detail(db, code)
    while detail.kit.next_check_due <= horizon:
        checked_on = min(today, detail.kit.next_check_due + timedelta(days=rng.randint(-7, 10)))
        lines = [_check_line(content, checked_on, rng) for content in detail.contents]
        replacing = any(line.replace for line in lines)
        kit_service.record_check(db, code=code, lines=lines, checked_on=checked_on,
                                 actor=as_actor(rng.choice(CHECKERS)),
                                 stock_location_code=REPLACEMENT_STOCK if replacing else None,
                                 note="" if rng.random() < 0.85 else "kit beter zichtbaar gehangen")
        detail = kit_service.kit_detail(db, code)
        if detail.kit.next_check_due <= checked_on:
            break  # stock could not replace an item: the kit shows as due, as it should


def _check_line(content: kit_service.ContentRow, checked_on: date,
                rng: random.Random) -> kit_service.CheckLineInput:
    item = content.item
    due_for_replacement = (content.expiry is not None and content.quantity > 0
                           and content.expiry - timedelta(days=item.replace_before_days)
                           <= checked_on)
    if due_for_replacement:
        return kit_service.CheckLineInput(item.id, LineOutcome.EXPIRED, replace=item.quantity)
    return kit_service.CheckLineInput(item.id, _outcome(rng))


def _outcome(rng: random.Random) -> LineOutcome:
    if rng.random() < 0.975:
        return LineOutcome.OK
    return rng.choice([LineOutcome.MISSING, LineOutcome.EXPIRED, LineOutcome.DAMAGED])
