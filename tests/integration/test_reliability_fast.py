"""Fast versions of the reliability experiments (tests/reliability, docs/reliability.md): a
handful of SIGKILLs during bookings on both backends, and a real full disk (a small tmpfs,
when this machine lets the test mount one).

The long runs live in ``python -m tests.reliability.run``; these keep the same promises in the
normal suite: a killed booking is never lost once acknowledged, never booked twice, a transfer
is never half-booked, ``check`` passes afterwards, and a full disk is a sentence, not a
traceback, a lost booking or a half file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from carma_logistiek.cli import main
from carma_logistiek.db.models import Booking
from carma_logistiek.services import stock as st
from carma_logistiek.services.stock.overview import stock_overview, verify_stock_levels
from tests.support import disks
from tests.support.actors import person

CLI = [sys.executable, "-m", "carma_logistiek.cli"]
HEADER = "kind,product,location,qty,lot,expiry,for,key,to,reason,note\n"
SUMMARY = re.compile(r"(\d+) geboekt, (\d+) waren al geboekt, (\d+) geweigerd")


def bookings(db) -> int:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return session.execute(select(func.count()).select_from(Booking)).scalar_one()


def levels(db) -> dict[tuple[str, str], int]:  # type: ignore[no-untyped-def]
    return {(row.product_code, row.location_code): row.quantity for row in stock_overview(db)}


def half_booked_transfers(db) -> int:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return session.execute(text(
            "SELECT COUNT(*) FROM (SELECT b.id FROM bookings b JOIN stock_movements m "
            "ON m.booking_id = b.id WHERE b.command = 'stock.record_transfer' GROUP BY b.id "
            "HAVING SUM(m.quantity) != 0 OR COUNT(*) < 2) AS t")).scalar_one()


def start(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ})


@pytest.fixture
def stocked(db, zone):  # type: ignore[no-untyped-def]
    """Four small lots of drug tests (transfers of 7 split over two lots) and some gloves."""
    for n in range(4):
        st.record_delivery(db, product_code=zone.drug_test, location_code=zone.storeroom,
                           quantity=5, lot_number=f"K{n}", expiry=date(2030, 1, 1 + n),
                           actor=person("opening"))
    st.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom, quantity=50,
                       actor=person("opening"))
    return db


# Processes that wait on each other with timeouts: on one xdist worker with test_concurrency.py.
@pytest.mark.slow
@pytest.mark.xdist_group("processes")
def test_a_booking_file_killed_again_and_again_books_every_row_exactly_once(
        stocked, zone, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = stocked
    rng = random.Random(8)
    lines = []
    for n in range(100):  # transfers that split over lots, back and forth, each with a key
        lines.append(f"overboeking,{zone.drug_test},{zone.storeroom},7,,,,t{n}-heen,"
                     f"{zone.cabinet},,\n")
        lines.append(f"overboeking,{zone.drug_test},{zone.cabinet},7,,,,t{n}-terug,"
                     f"{zone.storeroom},,\n")
        lines.append(f"levering,{zone.gloves},{zone.storeroom},1,,,,,,,\n")  # derived keys
    path = tmp_path / "historiek.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    opening, rows = bookings(db), len(lines)
    args = ["book", "--from", str(path), "--db", db.url]
    kills = 0
    for _ in range(3):
        process = start(args)
        already = bookings(db)
        deadline = time.monotonic() + 60
        while process.poll() is None and bookings(db) == already and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.25))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += process.wait(timeout=30) == -signal.SIGKILL
        process.communicate(timeout=30)
    booked_before = bookings(db) - opening
    assert kills >= 2, "the kills must land mid-file for this test to mean anything"
    final = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    summary = SUMMARY.search(final.stdout)
    assert summary, final.stdout
    assert (int(summary[1]), int(summary[2]), int(summary[3])) == \
        (rows - booked_before, booked_before, 0)
    assert bookings(db) - opening == rows  # none lost, none doubled
    assert half_booked_transfers(db) == 0
    assert levels(db)[(zone.gloves, zone.storeroom)] == 50 + 100
    assert levels(db)[(zone.drug_test, zone.storeroom)] == 20
    assert verify_stock_levels(db) == []


@pytest.mark.slow
@pytest.mark.xdist_group("processes")
def test_single_bookings_killed_at_random_moments_are_never_lost_or_doubled(
        stocked, zone) -> None:  # type: ignore[no-untyped-def]
    """Three bookings with keys, each killed at a random moment of its life, then retried with
    the same key as a clerk would: an acknowledged one is in the ledger, a retry says
    "Al geboekt" exactly when the killed one had landed, and every booking counts once."""
    db = stocked
    rng = random.Random(8)  # kills after 0.29, 0.45 and 0.90 s: in the start, mid-way, late
    requests = [(f"kill-{n}", n + 1) for n in range(3)]
    processes = []
    for key, qty in requests:  # side by side: three processes, three random moments
        processes.append(start(["book", "levering", "--product", zone.gloves, "--location",
                                zone.storeroom, "--qty", str(qty), "--key", key, "--db",
                                db.url]))
    began = time.monotonic()
    for process in sorted(processes, key=lambda _: rng.random()):
        time.sleep(max(0.0, began + rng.uniform(0.2, 1.2) - time.monotonic()))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
    printed = [process.communicate(timeout=30)[0].decode() for process in processes]
    assert any(process.returncode == -signal.SIGKILL for process in processes)
    with db.read() as session:
        landed = {key for (key,) in session.execute(select(Booking.idempotency_key).where(
            Booking.idempotency_key.in_([k for k, _ in requests])))}
    for (key, _), out in zip(requests, printed, strict=True):
        if out.startswith("Geboekt"):
            assert key in landed, f"{key} was acknowledged and lost"
    retries = [start(["book", "levering", "--product", zone.gloves, "--location",
                      zone.storeroom, "--qty", str(qty), "--key", key, "--db", db.url])
               for key, qty in requests]
    for (key, _), retry in zip(requests, retries, strict=True):
        out, err = retry.communicate(timeout=60)
        assert retry.returncode == 0, err.decode()
        wanted = "Al geboekt:" if key in landed else "Geboekt:"
        assert out.decode().startswith(wanted), (key, out.decode())
    assert levels(db)[(zone.gloves, zone.storeroom)] == 50 + sum(q for _, q in requests)
    assert verify_stock_levels(db) == []


# --- a full disk ------------------------------------------------------------------------------


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A real, tiny file system (tmpfs); skips the test where mounting is not allowed."""
    try:
        with disks.small_disk(folder, size) as disk:
            yield disk
    except disks.MountRefused as refused:
        pytest.skip(f"mounting a small tmpfs is not permitted here: {refused}")


@pytest.fixture
def database_on_a_small_disk(tmp_path, sqlite_template, make_zone):  # type: ignore[no-untyped-def]
    from carma_logistiek.db.uow import Database

    with small_disk(tmp_path / "schijf") as disk:
        path = disk / "carma.sqlite"
        shutil.copy(sqlite_template, path)
        db = Database(f"sqlite:///{path}")
        zone = make_zone(db)
        db.dispose()
        yield disk, path, zone


def book(url: str, zone, key: str, capsys) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    code = main(["book", "levering", "--product", zone.gloves, "--location", zone.storeroom,
                 "--qty", "1", "--key", key, "--db", url])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.slow
def test_a_full_disk_is_a_sentence_loses_nothing_and_recovers(
        database_on_a_small_disk, capsys) -> None:  # type: ignore[no-untyped-def]
    disk, path, zone = database_on_a_small_disk
    url = f"sqlite:///{path}"
    assert book(url, zone, "voor-vol", capsys)[0] == 0
    filler = disks.fill(disk)
    refusals, confirmed = [], 1
    for n in range(3):
        code, said = book(url, zone, f"vol-{n}", capsys)
        # A booking that fits in pages the file already has (a WAL that was checkpointed and
        # is written from its start again) may succeed on a full disk; then it is confirmed
        # and must be there at the end. Whatever fails says so in a sentence.
        assert code in (0, 1) and "Traceback" not in said and said.strip(), said
        if code == 0:
            confirmed += 1
        else:
            refusals.append(said)
    assert refusals and all("schijf" in said and "vol" in said for said in refusals), refusals
    target = disk / "backup.sqlite"
    capsys.readouterr()
    assert main(["backup", "--db", url, "--out", str(target)]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert not target.exists() and not target.with_name(target.name + ".partial").exists()

    filler.unlink()
    assert book(url, zone, "na-vrijmaken", capsys)[0] == 0
    assert main(["backup", "--db", url, "--out", str(target)]) == 0
    assert target.stat().st_size > 0
    assert main(["check", "--db", url]) == 0
    from carma_logistiek.db.uow import Database

    db = Database(url)
    try:
        # what was confirmed, nothing else
        assert levels(db)[(zone.gloves, zone.storeroom)] == confirmed + 1
    finally:
        db.dispose()


def test_a_refused_backup_on_a_full_disk_leaves_no_file_at_all(
        tmp_path, sqlite_template) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    source = tmp_path / "carma.sqlite"
    shutil.copy(sqlite_template, source)
    with contextlib.closing(sqlite3.connect(source)) as conn:  # 2 MB, twice the disk
        conn.execute("CREATE TABLE ballast (b BLOB)")
        conn.execute("INSERT INTO ballast VALUES (zeroblob(2000000))")
        conn.commit()
    with small_disk(tmp_path / "schijf", "1m") as disk:
        filler = disks.fill(disk, leave_free=16 * 1024)
        assert main(["backup", "--db", f"sqlite:///{source}", "--out",
                     str(disk / "b.sqlite")]) == 1
        assert [p.name for p in disk.iterdir() if p != filler] == []


def test_full_disk_errors_are_named_as_such() -> None:
    """The words the full-disk sentence hangs on (the SQLite and OS messages)."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from carma_logistiek.db.uow import database_fault
    from carma_logistiek.domain.errors import DatabaseFull

    for words in ("database or disk is full", os.strerror(errno.ENOSPC)):
        error = OperationalError("INSERT", {}, sqlite3.OperationalError(words))
        assert isinstance(database_fault(error), DatabaseFull), words
