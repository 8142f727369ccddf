"""The demo's staff register: the ~440 staff members the simulated pickups are for (numbers
01000 to 01440, as demo/stock.py draws them), with Belgian names, grades, teams and a few
states other than "in dienst" (NAPA, uit dienst, loopbaanonderbreking, langdurig afwezig).

Its own random generator, so adding the register changes nothing else the demo draws. Inserted
in bulk (one statement), with the zone given explicitly: a bulk insert does not pass through
the ORM's zone event (db/zoning.py).
"""

from __future__ import annotations

import random
import unicodedata
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select

from carma_logistiek.db.models import StaffMember, StaffState
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor

FIRST_STAFF_NUMBER, LAST_STAFF_NUMBER = 1000, 1440

FIRST_NAMES = (
    "Jan", "Luc", "Marc", "Peter", "Koen", "Tom", "Bart", "Wim", "Geert", "Dirk", "Kris", "Steven",
    "Pieter", "Jens", "Thomas", "Robin", "Nick", "Kevin", "Stijn", "Joris", "Ruben", "Wouter",
    "Maarten", "Sander", "Lars", "Brecht", "Senne", "Arne", "Yannick", "Mohamed", "An", "Els",
    "Sofie", "Katrien", "Inge", "Veerle", "Sarah", "Lotte", "Nele", "Eva", "Lien", "Evelien",
    "Hanne", "Ine", "Griet", "Leen", "Kim", "Joke", "Liesbeth", "Marie", "Julie", "Femke",
    "Jolien", "Elke", "Tine", "Fatima", "Emma", "Charlotte", "Laura", "Ann",
)
LAST_NAMES = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Dubois", "Hermans", "Aerts", "Vermeulen", "Van den Broeck",
    "Lambrechts", "Vandenberghe", "Coenen", "Vos", "Smets", "Leysen", "Thijs", "Cuppens",
    "Vanhoof", "Schoofs", "Nijs", "Bollen", "Jans", "Vandeweyer", "Reynders", "Geebelen",
    "Stevens", "Moors", "Kenens", "Gielen", "Driesen", "Wuyts", "Hendrickx", "Vanderhoydonk",
    "Lenaerts", "Ramaekers", "Bamps", "Swinnen", "Daniëls", "Vanmechelen", "Ceyssens",
    "Ulenaers", "Dirkx", "Hoeben", "Partoens", "Vrijens", "Lemmens", "Schepers", "El Amrani",
)
OPERATIONAL_GRADES = (("inspecteur", 55), ("hoofdinspecteur", 20), ("agent van politie", 12),
                      ("commissaris", 6), ("hoofdinspecteur met bijzondere functie", 5),
                      ("hoofdcommissaris", 2))
CALOG_GRADES = (("consulent", 35), ("assistent", 30), ("medewerker", 20), ("adviseur", 12),
                ("adviseur-expert", 3))
OPERATIONAL_TEAMS = ("Interventie Genk", "Interventie Bree", "Wijkwerking Genk",
                     "Wijkwerking Bree", "Verkeer", "Lokale recherche", "Jeugd en gezin",
                     "Onthaal", "Milieu")
CALOG_TEAMS = ("Logistiek", "Personeelsdienst", "ICT", "Financiën", "Secretariaat",
               "Communicatie", "Preventie")
# (state, how many, how long ago it started in days, how long it lasts in days or None)
OTHER_STATES = (("napa", 6, (30, 700), None), ("uit_dienst", 9, (20, 300), None),
                ("loopbaanonderbreking", 5, (10, 200), (90, 365)),
                ("langdurig_afwezig", 4, (15, 120), None))


def create_demo_staff(db: Database, actor: Actor, seed: int, today: date) -> int:
    """Every staff number the demo's pickups name, in zone ``actor.zone``; returns how many."""
    rng = random.Random(seed * 11 + 3)
    created = datetime.now(UTC) - timedelta(days=400)
    numbers = [f"{n:05d}" for n in range(FIRST_STAFF_NUMBER, LAST_STAFF_NUMBER + 1)]
    members = [_member(rng, number, actor.zone, created) for number in numbers]
    with db.write() as session:
        session.execute(insert(StaffMember), members)
        ids = {number: staff_id for number, staff_id in session.execute(
            select(StaffMember.number, StaffMember.id).where(StaffMember.zone == actor.zone))}
        session.execute(insert(StaffState), _states(rng, ids, numbers, today))
    return len(members)


def _member(rng: random.Random, number: str, zone: str, created: datetime) -> dict[str, object]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    calog = rng.random() < 0.22
    grades = CALOG_GRADES if calog else OPERATIONAL_GRADES
    grade = rng.choices([g for g, _w in grades], weights=[w for _g, w in grades])[0]
    team = rng.choice(CALOG_TEAMS if calog else OPERATIONAL_TEAMS)
    return {"zone": zone, "number": number, "first_name": first, "last_name": last,
            "grade": grade, "kind": "calog" if calog else "operationeel", "team": team,
            "email": f"{_mail_part(first)}.{_mail_part(last)}@carma.example",
            "created_at": created, "updated_at": created}


def _mail_part(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c))


def _states(rng: random.Random, ids: dict[str, int], numbers: list[str],
            today: date) -> list[dict[str, object]]:
    """Everyone "in dienst" since they joined; a few in another state since, which closed
    the earlier period the day before (as set_staff_state does)."""
    others = rng.sample(numbers, sum(count for _s, count, _a, _l in OTHER_STATES))
    rows: list[dict[str, object]] = []
    special: dict[str, tuple[str, date, date | None]] = {}
    for state, count, (low, high), lasts in OTHER_STATES:
        for number in others[:count]:
            starts = today - timedelta(days=rng.randint(low, high))
            ends = starts + timedelta(days=rng.randint(*lasts)) if lasts else None
            special[number] = (state, starts, ends)
        others = others[count:]
    for number in numbers:
        joined = today - timedelta(days=rng.randint(400, 12_000))
        other = special.get(number)
        rows.append({"staff_id": ids[number], "state": "in_dienst", "starts_on": joined,
                     "ends_on": other[1] - timedelta(days=1) if other else None, "note": ""})
        if other is not None:
            state, starts, ends = other
            rows.append({"staff_id": ids[number], "state": state, "starts_on": starts,
                         "ends_on": ends, "note": ""})
            if ends is not None and ends < today:  # back at work after the break
                rows.append({"staff_id": ids[number], "state": "in_dienst",
                             "starts_on": ends + timedelta(days=1), "ends_on": None,
                             "note": ""})
    return rows
