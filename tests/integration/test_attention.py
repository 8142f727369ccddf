"""The stuurbord's cards, read from the database: what is under minimum and not on order,
lots expiring and expired, kit checks overdue and due this week, late orders, the last
bookings. Each says how many, the first few and how bad."""

from __future__ import annotations

from datetime import date, timedelta

from carma_logistiek.clock import local_today
from carma_logistiek.services import kits
from carma_logistiek.services import orders as po
from carma_logistiek.services import stock as st
from carma_logistiek.services.attention import product_focus
from carma_logistiek.services.kit_views import kit_checks_attention
from carma_logistiek.services.orders import late_orders_attention
from carma_logistiek.services.stock.overview import (
    expired_attention,
    expiring_attention,
    recent_bookings_attention,
    under_minimum_attention,
)
from tests.support.actors import TESTER
from tests.support.builder import Builder

TODAY = local_today()


def small(db) -> Builder:  # type: ignore[no-untyped-def]
    """Pleisters 5 of 10 at Bree, a saliva lot expired 30 days ago and one good for a year at
    Genk, mouthpieces without lots."""
    return Builder(db).small_zone(TODAY)


def test_under_minimum_counts_what_is_not_fully_on_order(db) -> None:
    b = small(db)
    b.minimum("MOND", "GNK-MAG", 80).minimum("SPT", "GNK-MAG", 5)  # 50 of 80; 20 of 5: fine
    card = under_minimum_attention(db)
    assert card.count == 2
    assert card.severity == "attention"
    # The largest share missing first: Pleisters 5/10, then Mondstuk 50/80.
    assert [line.text for line in card.lines] == [
        "5 van 10 · Pleisters — Magazijn Bree",
        "50 van 80 · Mondstuk alcoholtest — Magazijn Genk",
    ]
    assert card.lines[0].focus == product_focus("PLS", "BRE-MAG")

    # Partly on order: still short (5 + 3 < 10), and the line says what is on order.
    order = po.create_order(db, supplier="Medi", location_code="BRE-MAG", lines=[("PLS", 3)],
                            actor=TESTER)
    po.mark_ordered(db, order.number, actor=TESTER)
    card = under_minimum_attention(db)
    assert card.lines[0].text == "5 van 10 (3 besteld) · Pleisters — Magazijn Bree"
    # Enough on order: someone acted, it leaves the card.
    second = po.create_order(db, supplier="Medi", location_code="BRE-MAG",
                             lines=[("PLS", 2)], actor=TESTER)
    po.mark_ordered(db, second.number, actor=TESTER)
    assert [line.focus for line in under_minimum_attention(db).lines] == [
        product_focus("MOND", "GNK-MAG")]


def test_out_of_stock_under_minimum_is_a_problem_and_comes_first(db) -> None:
    b = small(db)
    b.minimum("MOND", "BRE-MAG", 4)  # never had stock at Bree
    card = under_minimum_attention(db)
    assert card.count == 2 and card.severity == "problem"
    assert card.lines[0].text == "0 van 4 · Mondstuk alcoholtest — Magazijn Bree"
    assert card.note == "1 uit stock"


def test_nothing_under_minimum_is_an_ok_card(db) -> None:
    small(db)
    st.record_delivery(db, product_code="PLS", location_code="BRE-MAG", quantity=5,
                       actor=TESTER)
    card = under_minimum_attention(db)
    assert (card.count, card.lines, card.severity) == (0, (), "ok")


def test_expiring_within_the_horizon_and_expired_on_the_shelf(db) -> None:
    b = small(db)
    b.delivery("SPT", "BRE-MAG", 4, lot="L-SOON", expiry=TODAY + timedelta(days=20))
    b.delivery("SPT", "BRE-MAG", 2, lot="L-TODAY", expiry=TODAY)  # usable today still
    expiring = expiring_attention(db, horizon_days=60)
    assert expiring.count == 2 and expiring.severity == "attention"
    assert expiring.note == "binnen 60 dagen"
    assert expiring.lines[0].text == (f"{TODAY:%d/%m/%Y} · 2 x Speekseltest, lot L-TODAY — "
                                      "Magazijn Bree")
    # A shorter horizon leaves the lot of 20 days out; L-NEW (a year) is never in.
    assert expiring_attention(db, horizon_days=10).count == 1

    expired = expired_attention(db)
    assert expired.count == 1 and expired.severity == "problem"
    day = (TODAY - timedelta(days=30)).strftime("%d/%m/%Y")
    assert expired.lines[0].text == f"{day} · 10 x Speekseltest, lot L-OLD — Magazijn Genk"
    assert expired.lines[0].focus == product_focus("SPT", "GNK-MAG")

    # Written off: off the shelf, off the card.
    st.write_off_expired(db, product_code="SPT", location_code="GNK-MAG", lot_number="L-OLD",
                         actor=TESTER)
    assert expired_attention(db).count == 0


def test_kit_checks_overdue_and_due_this_week(db) -> None:
    far = TODAY + timedelta(days=800)  # no expiring content brings a check forward
    b = small(db).first_aid_kit_type()
    b.first_aid_kit("KIT-001", placed_on=TODAY - timedelta(days=400), expiry=far)  # overdue
    b.first_aid_kit("KIT-002", placed_on=TODAY - timedelta(days=10), expiry=far)  # next year
    b.first_aid_kit("KIT-003", placed_on=TODAY.replace(year=TODAY.year - 1), expiry=far)  # today
    card = kit_checks_attention(db)
    assert card.count == 2
    assert card.severity == "problem" and card.focus == "plan:achterstallig"
    assert card.note == "1 achterstallig · 1 deze week"
    late = (TODAY - kits.kit_plan(db)[0].kit.next_check_due).days
    assert [line.text for line in card.lines] == [
        f"{late} dagen te laat · KIT-001 — Genk, onthaal",
        f"{TODAY:%d/%m/%Y} · KIT-003 — Genk, onthaal",
    ]


def test_no_kit_due_is_ok_and_opens_this_week(db) -> None:
    small(db)
    card = kit_checks_attention(db)
    assert (card.count, card.severity, card.focus) == (0, "ok", "plan:deze_week")
    assert card.note == "0 achterstallig · 0 deze week"


def test_an_order_is_late_after_the_lead_time(db) -> None:
    small(db)
    order = po.create_order(db, supplier="Medi-Market", location_code="BRE-MAG",
                            lines=[("PLS", 10)], actor=TESTER)
    po.create_order(db, supplier="Nog niet besteld", location_code="BRE-MAG",
                    lines=[("PLS", 1)], actor=TESTER)  # aangevraagd: not late, not sent
    po.mark_ordered(db, order.number, actor=TESTER)
    assert late_orders_attention(db).count == 0
    later = late_orders_attention(db, today=TODAY + timedelta(days=15))
    assert later.count == 1 and later.severity == "problem"
    assert later.lines[0].text == f"15 dagen besteld (levertijd 14) · {order.number} — Medi-Market"
    assert later.lines[0].focus == f"order:{order.number}"
    assert late_orders_attention(db, today=TODAY + timedelta(days=15),
                                 lead_time_days=30).count == 0


def test_the_last_bookings_newest_first_with_today_counted(db) -> None:
    small(db)
    st.record_pickup(db, product_code="MOND", location_code="GNK-MAG", quantity=3,
                     actor=TESTER)
    card = recent_bookings_attention(db)
    assert card.count == 5  # four deliveries by the builder, one pickup, all today
    assert card.note == "5 boekingen vandaag"
    assert len(card.lines) == 5
    first = card.lines[0].text
    assert "Afhaling · 3 x Mondstuk alcoholtest — Magazijn Genk · tester" in first
    assert card.lines[0].focus == product_focus("MOND", "GNK-MAG")
    assert len(recent_bookings_attention(db, limit=2).lines) == 2
    assert recent_bookings_attention(db, today=date(2000, 1, 1)).count == 5  # since 2000


def test_an_empty_database_gives_empty_cards(db) -> None:
    for card in (under_minimum_attention(db), expiring_attention(db), expired_attention(db),
                 kit_checks_attention(db), late_orders_attention(db),
                 recent_bookings_attention(db)):
        assert card.count == 0 and card.lines == ()
