"""Shared fixtures: an isolated CARMA_HOME per test, SQLite and a throwaway PostgreSQL server,
a migrated ``db`` on both backends, and a small CARMA zone to book against.

PostgreSQL: the server binaries of Debian's ``postgresql`` package (``/usr/lib/postgresql/*/bin``)
start a private server on 127.0.0.1 and a free port in a temporary folder, once per session.
Without the binaries the PostgreSQL tests are skipped, unless ``CARMA_REQUIRE_POSTGRES=1`` (CI),
where that is an error. ``CARMA_TEST_POSTGRES_URL`` (an admin URL, e.g.
``postgresql+psycopg://me:pw@host:5432/postgres``) uses an existing server instead.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import glob
import itertools
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import URL, make_url
from support.actors import TESTER

from carma_logistiek.domain.access import Actor

REQUIRE_POSTGRES = os.environ.get("CARMA_REQUIRE_POSTGRES") == "1"
# Where Debian's postgresql package puts the server binaries (one folder per major version).
POSTGRES_BIN_GLOB = os.environ.get("CARMA_POSTGRES_BIN_GLOB", "/usr/lib/postgresql/*/bin")
ACTOR = TESTER


# --- every test gets its own home ----------------------------------------------------------


@pytest.fixture(autouse=True)
def carma_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """CARMA_HOME relocates data, config and logs: no test ever touches the real user folders."""
    home = tmp_path_factory.mktemp("carma-home")
    monkeypatch.setenv("CARMA_HOME", str(home))
    monkeypatch.delenv("CARMA_DB_URL", raising=False)
    return home


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    """Every test starts in Dutch, whatever the test before it switched to (the CLI's --lang,
    the settings dialog)."""
    from carma_logistiek import i18n

    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


# --- throwaway PostgreSQL -------------------------------------------------------------------


@dataclass
class PostgresServer:
    admin_url: URL  # connects to the maintenance database "postgres"
    _counter: itertools.count

    def create_database(self) -> str:
        """A fresh, empty database; returns its SQLAlchemy URL (postgresql+psycopg)."""
        name = f"carma_test_{os.getpid()}_{next(self._counter)}"
        self._admin(f'CREATE DATABASE "{name}"')
        return self.admin_url.set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        import psycopg

        url = self.admin_url
        with psycopg.connect(
            host=url.host,
            port=url.port,
            user=url.username,
            password=url.password,
            dbname=url.database,
            autocommit=True,
        ) as conn:
            conn.execute(sql)


def _postgres_bin_dir() -> Path | None:
    candidates = sorted(
        glob.glob(os.path.join(POSTGRES_BIN_GLOB, "pg_ctl")),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
        reverse=True,
    )
    for pg_ctl in candidates:
        bin_dir = Path(pg_ctl).parent
        if (bin_dir / "initdb").exists() and (bin_dir / "postgres").exists():
            return bin_dir
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the 'postgres' system user."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _as_server_user(cmd),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,  # type: ignore[arg-type]
    )


def _start_postgres(bin_dir: Path) -> tuple[URL, Callable[[], None]]:
    # Not under pytest's tmp dir: that is 0700 root and the server user could not enter it.
    base = Path(tempfile.mkdtemp(prefix="carma-pg-"))
    data = base / "data"
    password = secrets.token_hex(12)
    pwfile = base / "pwfile"  # a real file: initdb cannot read a process substitution
    pwfile.write_text(password + "\n")
    base.chmod(0o700)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
    port = _free_port()
    log = base / "server.log"

    def cleanup() -> None:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                _as_server_user(
                    [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
                ),
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)

    try:
        _run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "carma",
                f"--pwfile={pwfile}",
                # Password authentication over TCP; the server listens on 127.0.0.1 only.
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        options = " ".join(
            [
                "-c listen_addresses=127.0.0.1",
                f"-p {port}",
                f"-c unix_socket_directories={base}",
                # A throwaway server: durability does not matter, speed does.
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=100",
            ]
        )
        _run(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        output = getattr(error, "stderr", "") or ""
        server_log = log.read_text(errors="replace") if log.exists() else ""
        cleanup()
        raise RuntimeError(
            f"could not start PostgreSQL: {error}\n{output}\n{server_log}"
        ) from error
    url = URL.create(
        "postgresql+psycopg",
        username="carma",
        password=password,
        host="127.0.0.1",
        port=port,
        database="postgres",
    )
    return url, cleanup


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    external = os.environ.get("CARMA_TEST_POSTGRES_URL")
    if external:
        yield PostgresServer(make_url(external), itertools.count(1))
        return
    bin_dir = _postgres_bin_dir()
    if bin_dir is None:
        reason = (
            f"PostgreSQL server binaries not found under {POSTGRES_BIN_GLOB} "
            "(install the 'postgresql' package, or set CARMA_TEST_POSTGRES_URL)"
        )
        if REQUIRE_POSTGRES:
            pytest.fail(f"CARMA_REQUIRE_POSTGRES=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    url, cleanup = _start_postgres(bin_dir)
    try:
        yield PostgresServer(url, itertools.count(1))
    finally:
        cleanup()


# --- database URLs and the migrated database ------------------------------------------------


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'carma-test.sqlite'}"


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    url = postgres_server.create_database()
    try:
        yield url
    finally:
        postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty database on each backend."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def db(db_url: str):  # type: ignore[no-untyped-def]
    """A database on each backend, upgraded to the newest schema with Alembic."""
    from carma_logistiek.db.migrate import upgrade_to_head
    from carma_logistiek.db.uow import Database

    database = Database(db_url)
    upgrade_to_head(db_url, database.engine)
    try:
        yield database
    finally:
        database.dispose()


# --- a small CARMA zone ---------------------------------------------------------------------


@dataclass(frozen=True)
class Zone:
    """Codes of the seeded zone, so tests read like the clerk's work."""

    zone: str = "CARMA"
    site: str = "GENK"
    storeroom: str = "GENK-MAG"
    cabinet: str = "GENK-KAST1"
    cabinet2: str = "GENK-KAST2"
    other_site: str = "BREE"
    other_storeroom: str = "BREE-MAG"
    drug_test: str = "DT-SPK"  # lot + expiry tracked, with a GTIN
    drug_test_gtin: str = "5412345678908"
    mouthpiece: str = "ALC-MOND"  # lot + expiry tracked, no GTIN
    gloves: str = "HANDSCH-M"  # untracked
    actor: Actor = ACTOR


def seed_zone(db) -> Zone:  # type: ignore[no-untyped-def]
    """Zone CARMA > sites Genk and Bree > storerooms/cabinets, and three products."""
    from carma_logistiek.services import masterdata as md

    z = Zone()
    md.create_location(
        db, code=z.zone, name="Politiezone CARMA", kind="zone", parent_code=None, actor=ACTOR
    )
    md.create_location(
        db,
        code=z.site,
        name="Genk hoofdcommissariaat",
        kind="site",
        parent_code=z.zone,
        actor=ACTOR,
    )
    md.create_location(
        db,
        code=z.storeroom,
        name="Magazijn Genk",
        kind="storeroom",
        parent_code=z.site,
        actor=ACTOR,
    )
    md.create_location(
        db, code=z.cabinet, name="Kast 1", kind="cabinet", parent_code=z.storeroom, actor=ACTOR
    )
    md.create_location(
        db, code=z.cabinet2, name="Kast 2", kind="cabinet", parent_code=z.storeroom, actor=ACTOR
    )
    md.create_location(
        db, code=z.other_site, name="Basis Bree", kind="site", parent_code=z.zone, actor=ACTOR
    )
    md.create_location(
        db,
        code=z.other_storeroom,
        name="Magazijn Bree",
        kind="storeroom",
        parent_code=z.other_site,
        actor=ACTOR,
    )
    md.create_product(
        db,
        code=z.drug_test,
        name="Speekseltest drugs",
        category="Drugtests",
        unit="stuk",
        tracks_lots=True,
        tracks_expiry=True,
        gtin=z.drug_test_gtin,
        actor=ACTOR,
    )
    md.create_product(
        db,
        code=z.mouthpiece,
        name="Mondstuk alcoholtest",
        category="Alcoholtests",
        tracks_expiry=True,
        actor=ACTOR,
    )
    md.create_product(
        db,
        code=z.gloves,
        name="Wegwerphandschoenen M",
        category="Beschermmiddelen",
        unit="doos",
        actor=ACTOR,
    )
    return z


@pytest.fixture
def make_zone() -> Callable[..., Zone]:
    """Factory: ``make_zone(db)`` seeds the zone into ``db`` and returns its codes."""
    return seed_zone


@pytest.fixture
def zone(db) -> Zone:  # type: ignore[no-untyped-def]
    return seed_zone(db)


# --- "nothing changed" ----------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    levels: tuple[tuple[str, str, str, int], ...]
    movements: int
    bookings: int
    lots: int
    orders: tuple[tuple[str, str, str, int, int], ...]


def take_snapshot(db) -> Snapshot:  # type: ignore[no-untyped-def]
    """Everything a refused request must leave alone: levels, ledger, bookings, lots, orders."""
    from sqlalchemy import func, select

    from carma_logistiek.db.models import (
        Booking,
        Location,
        Lot,
        OrderLine,
        Product,
        PurchaseOrder,
        StockLevel,
        StockMovement,
    )

    with db.read() as session:
        levels = session.execute(
            select(Location.code, Product.code, Lot.lot_number, StockLevel.quantity)
            .join(Location, Location.id == StockLevel.location_id)
            .join(Lot, Lot.id == StockLevel.lot_id)
            .join(Product, Product.id == StockLevel.product_id)
            .order_by(Location.code, Product.code, Lot.lot_number)
        ).all()
        orders = session.execute(
            select(
                PurchaseOrder.number,
                PurchaseOrder.status,
                PurchaseOrder.supplier,
                OrderLine.quantity_ordered,
                OrderLine.quantity_received,
            )
            .join(OrderLine, OrderLine.order_id == PurchaseOrder.id)
            .order_by(PurchaseOrder.number, OrderLine.id)
        ).all()

        def count(model) -> int:  # type: ignore[no-untyped-def]
            return session.execute(select(func.count()).select_from(model)).scalar_one()

        return Snapshot(
            tuple(tuple(row) for row in levels),  # type: ignore[misc]
            count(StockMovement),
            count(Booking),
            count(Lot),
            tuple(tuple(row) for row in orders),  # type: ignore[misc]
        )


@pytest.fixture
def snapshot() -> Callable[..., Snapshot]:
    return take_snapshot
