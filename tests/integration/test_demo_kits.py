"""The demo's kits as a person reads them: no kit is due before (or on) its own last check,
overdue kits exist and say "te laat", and a kit whose check came early says why."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from carma_logistiek.db.uow import Database
from carma_logistiek.demo import create_demo_data
from carma_logistiek.domain.kits import PlanBucket, shown_status
from carma_logistiek.services import kits
from carma_logistiek.services.kit_views import next_check_why

TODAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def demo_kits_db(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("demo-kits") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    create_demo_data(db, today=TODAY)
    yield db
    db.dispose()


def test_every_demo_kit_is_due_after_its_last_check(demo_kits_db: Database) -> None:
    rows = kits.list_kits(demo_kits_db)
    assert len(rows) > 100
    checked = [row for row in rows if row.last_checked_on is not None]
    assert len(checked) == len(rows)
    early = [
        (row.code, row.last_checked_on, row.next_check_due)
        for row in checked
        if row.last_checked_on is not None and row.next_check_due <= row.last_checked_on
    ]
    assert early == []


def test_overdue_demo_kits_say_te_laat(demo_kits_db: Database) -> None:
    plan = kits.kit_plan(demo_kits_db, today=TODAY)
    overdue = [row for row in plan if row.bucket is PlanBucket.OVERDUE]
    assert overdue, "the demo shows a few overdue checks"
    for row in overdue:
        assert "te laat" in shown_status(row.kit.status, row.kit.next_check_due, TODAY).label


def test_a_demo_kit_due_early_names_the_expiring_item(demo_kits_db: Database) -> None:
    reasons = {}
    for row in kits.list_kits(demo_kits_db):
        if row.last_checked_on and (row.next_check_due - row.last_checked_on).days < 150:
            reasons[row.code] = next_check_why(kits.kit_detail(demo_kits_db, row.code))
    assert reasons
    explained = {code: why for code, why in reasons.items() if why}
    assert explained, reasons
    assert all(why.startswith("vervaldatum ") for why in explained.values())
