"""A lost or refused connection becomes DatabaseUnavailable with a Dutch message, never a raw
driver traceback, and nothing is booked."""

from __future__ import annotations

import socket
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from carma_logistiek.bootstrap import open_configured_database
from carma_logistiek.config import AppConfig
from carma_logistiek.db.migrate import upgrade_to_head
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.errors import DatabaseUnavailable
from carma_logistiek.services import masterdata as md
from carma_logistiek.services import stock as st
from carma_logistiek.services.stock.overview import stock_overview
from tests.support.actors import TESTER

ACTOR = TESTER


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends: nobody listens


def assert_dutch_unavailable(error: DatabaseUnavailable) -> None:
    message = str(error)
    assert message.startswith("De databank is niet bereikbaar (")
    assert "Er werd niets geboekt" in message
    assert error.code == "DatabaseUnavailable"


@pytest.mark.postgres
def test_postgres_server_that_does_not_answer(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = make_url(postgres_server.create_database()).set(port=closed_port())
    url_text = url.render_as_string(hide_password=False)
    db = Database(url_text)
    try:
        with pytest.raises(DatabaseUnavailable) as info:
            md.list_locations(db)
        assert_dutch_unavailable(info.value)
        with pytest.raises(DatabaseUnavailable):
            st.record_delivery(db, product_code="X", location_code="Y", quantity=1, actor=ACTOR)
    finally:
        db.dispose()
    # the start-up path (upgrade to head) says the same
    with pytest.raises(DatabaseUnavailable) as info:
        open_configured_database(AppConfig(database_url=url_text, actor=ACTOR.user))
    assert_dutch_unavailable(info.value)


@pytest.mark.postgres
def test_wrong_password_is_unavailable_not_a_traceback(postgres_url: str) -> None:
    url = make_url(postgres_url).set(password="fout").render_as_string(hide_password=False)
    db = Database(url)
    try:
        with pytest.raises(DatabaseUnavailable) as info:
            md.list_locations(db)
        assert "fout" not in str(info.value)  # never the password
    finally:
        db.dispose()


def _terminate(admin_url: str, pid: int) -> None:
    url = make_url(admin_url)
    with psycopg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))


def _backend_pid(db: Database) -> int:
    with db.read() as session:
        return session.execute(text("SELECT pg_backend_pid()")).scalar_one()


@pytest.mark.postgres
def test_killed_idle_connection_is_replaced_by_pre_ping(postgres_url: str, make_zone) -> None:  # type: ignore[no-untyped-def]
    db = Database(postgres_url)
    try:
        upgrade_to_head(postgres_url, db.engine)
        zone = make_zone(db)
        pid = _backend_pid(db)
        _terminate(postgres_url, pid)
        # The pooled connection is dead; the next call either works on a fresh connection
        # (pre-ping) or says the database is unreachable. Never a raw driver error.
        try:
            result = st.record_delivery(
                db, product_code=zone.gloves, location_code=zone.storeroom, quantity=3, actor=ACTOR
            )
        except DatabaseUnavailable as error:
            assert_dutch_unavailable(error)
        else:
            assert result.lines[0].level_after == 3
            assert _backend_pid(db) != pid
        assert stock_overview(db) is not None  # and the handle keeps working afterwards
    finally:
        db.dispose()


@pytest.mark.postgres
def test_connection_killed_in_the_middle_of_a_booking(postgres_url: str, make_zone) -> None:  # type: ignore[no-untyped-def]
    db = Database(postgres_url)
    try:
        upgrade_to_head(postgres_url, db.engine)
        zone = make_zone(db)
        st.record_delivery(
            db, product_code=zone.gloves, location_code=zone.storeroom, quantity=5, actor=ACTOR
        )
        with pytest.raises(DatabaseUnavailable) as info, db.write() as session:
            pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
            session.execute(text("UPDATE stock_levels SET quantity = quantity - 1"))
            _terminate(postgres_url, pid)
            session.execute(text("SELECT 1"))
        assert_dutch_unavailable(info.value)
        # the half-done transaction never landed, and the next call works again
        [row] = stock_overview(db)
        assert row.quantity == 5
    finally:
        db.dispose()


def test_sqlite_file_in_a_folder_that_cannot_be_opened(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")  # works as root too, unlike chmod
    db = Database(f"sqlite:///{blocker / 'carma.sqlite'}")
    try:
        with pytest.raises(DatabaseUnavailable) as info:
            md.list_locations(db)
        assert_dutch_unavailable(info.value)
        with pytest.raises(DatabaseUnavailable):
            st.record_delivery(db, product_code="X", location_code="Y", quantity=1, actor=ACTOR)
    finally:
        db.dispose()
    # start-up creates missing folders; one that cannot be created is "unavailable" too
    bad = f"sqlite:///{blocker / 'deeper' / 'carma.sqlite'}"
    with pytest.raises(DatabaseUnavailable) as info:
        open_configured_database(AppConfig(database_url=bad, actor=ACTOR.user))
    assert_dutch_unavailable(info.value)
