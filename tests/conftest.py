"""Shared fixtures: an isolated CARMA_HOME per test, SQLite and a throwaway PostgreSQL server,
a migrated ``db`` on both backends, and a small CARMA zone to book against.

Migrated once per run: each session (each pytest-xdist worker has its own) upgrades one template
to head, a SQLite file and a PostgreSQL database, and every ``db`` is a copy of it (a file copy;
``CREATE DATABASE … TEMPLATE``). ``db_url``, ``sqlite_url`` and ``postgres_url`` stay empty,
un-migrated databases for the migration tests. Test data goes in through the one builder,
``tests/support/builder.py``.

PostgreSQL: the server binaries of Debian's ``postgresql`` package (``/usr/lib/postgresql/*/bin``)
start a private server on 127.0.0.1 and a free port in a temporary folder, once per session:
under xdist each worker starts its own (about a second), so no worker can terminate, lock or
exhaust the connections of another's, and no cross-process lock is needed.
Without the binaries the PostgreSQL tests are skipped, unless ``CARMA_REQUIRE_POSTGRES=1`` (CI),
where that is an error. ``CARMA_TEST_POSTGRES_URL`` (an admin URL, e.g.
``postgresql+psycopg://me:pw@host:5432/postgres``) uses an existing server instead.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test may write a server password into the desktop's real keyring (carma_logistiek/secrets.py
# falls back to its user-only file, which lives in each test's own CARMA_HOME).
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

import functools
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

from tests.support.builder import Builder, Zone

REQUIRE_POSTGRES = os.environ.get("CARMA_REQUIRE_POSTGRES") == "1"
# Where Debian's postgresql package puts the server binaries (one folder per major version).
POSTGRES_BIN_GLOB = os.environ.get("CARMA_POSTGRES_BIN_GLOB", "/usr/lib/postgresql/*/bin")


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


# --- pytest-xdist: what must not run side by side -----------------------------------------

# With ``--dist loadgroup`` (scripts/test.sh) the tests of one group run on one worker, one after
# the other; every other test goes wherever a worker is free. Without xdist the marks do nothing.
#   demo:      they share a session-scoped demo database (seconds to build); together it is built
#              once instead of once per worker.
#   processes: each starts several processes of its own that book against one database and wait
#              on each other with timeouts; two at once would compete for the same two cores.
PROCESS_HEAVY_MODULES = frozenset({"test_concurrency.py"})


def xdist_group_of(item: pytest.Item) -> str | None:
    if "demo_template" in getattr(item, "fixturenames", ()):
        return "demo"
    if item.path.name in PROCESS_HEAVY_MODULES:
        return "processes"
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist reads the marks to name the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        group = xdist_group_of(item)
        if group and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(group))


# --- throwaway PostgreSQL -------------------------------------------------------------------


@dataclass
class PostgresServer:
    admin_url: URL  # connects to the maintenance database "postgres"
    _counter: itertools.count

    def create_database(self, template: str | None = None) -> str:
        """A fresh database, empty or a copy of ``template``; returns its SQLAlchemy URL
        (postgresql+psycopg)."""
        # The pid keeps names apart when xdist workers share one CARMA_TEST_POSTGRES_URL.
        name = f"carma_test_{os.getpid()}_{next(self._counter)}"
        copy = f' TEMPLATE "{template}"' if template else ""
        self._admin(f'CREATE DATABASE "{name}"{copy}')
        return self.url_of(name)

    def create_template(self) -> str:
        """A database migrated to head, to copy per test; returns its name. Nothing may stay
        connected to it: PostgreSQL copies a template only while no one else is in it."""
        name = f"carma_template_{os.getpid()}"
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{name}"')
        migrate(self.url_of(name))
        return name

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def url_of(self, name: str) -> str:
        return self.admin_url.set(database=name).render_as_string(hide_password=False)

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


def _start_postgres_on_a_free_port(bin_dir: Path, tries: int = 3) -> tuple[URL, Callable[[], None]]:
    """Between choosing a free port and the server binding it, another xdist worker's server
    may take it: then try another port."""
    try:
        return _start_postgres(bin_dir)
    except RuntimeError as error:
        if tries <= 1 or "already in use" not in str(error):
            raise
        return _start_postgres_on_a_free_port(bin_dir, tries - 1)


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
    url, cleanup = _start_postgres_on_a_free_port(bin_dir)
    try:
        yield PostgresServer(url, itertools.count(1))
    finally:
        cleanup()


# --- database URLs and the migrated database ------------------------------------------------


@functools.cache
def head_revision() -> str | None:
    from carma_logistiek.db.migrate import head_revision as read_head

    return read_head()


def migrate(url: str) -> None:
    """Upgrade the database at ``url`` to head with Alembic, as the app does at start."""
    from carma_logistiek.db.migrate import upgrade_to_head
    from carma_logistiek.db.uow import Database

    database = Database(url)
    try:
        upgrade_to_head(url, database.engine)
    finally:
        database.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to head, once per session (per xdist worker)."""
    path = tmp_path_factory.mktemp("template") / "carma-template.sqlite"
    migrate(f"sqlite:///{path}")
    # The last connection closed checkpoints the WAL into the file: the file alone is the copy.
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_server: PostgresServer) -> Iterator[str]:
    """One PostgreSQL database migrated to head, once per session (per xdist worker)."""
    name = postgres_server.create_template()
    try:
        yield name
    finally:
        postgres_server.drop_database(postgres_server.url_of(name))


def wants_migrated(request: pytest.FixtureRequest) -> bool:
    """A test that uses ``db`` gets its URL already migrated (a copy of the template): one
    CREATE DATABASE … TEMPLATE, where an empty database then migrated would cost a CREATE and
    the migration, or a CREATE, a DROP and the copy. Every other test gets it empty."""
    return "db" in request.fixturenames


@pytest.fixture
def sqlite_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    path = tmp_path / "carma-test.sqlite"
    if wants_migrated(request):
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
    return f"sqlite:///{path}"


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest, postgres_server: PostgresServer) -> Iterator[str]:
    template = request.getfixturevalue("postgres_template") if wants_migrated(request) else None
    url = postgres_server.create_database(template)
    try:
        yield url
    finally:
        postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty, un-migrated database on each backend (migrated when the test uses ``db``)."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def db(db_url: str):  # type: ignore[no-untyped-def]
    """A database on each backend at the newest schema: ``db_url``, which for a test using
    ``db`` is a copy of the migrated template (a test overriding ``db_url`` with
    ``sqlite_url`` or ``postgres_url`` still decides where ``db`` lives)."""
    from carma_logistiek.db.migrate import current_revision
    from carma_logistiek.db.uow import Database

    database = Database(db_url)
    # A db_url override that builds its own URL gets no copy: migrate it as before.
    if current_revision(database.engine) != head_revision():
        migrate(db_url)
    try:
        yield database
    finally:
        database.dispose()


# --- a small CARMA zone ---------------------------------------------------------------------


def seed_zone(db) -> Zone:  # type: ignore[no-untyped-def]
    """Zone CARMA > sites Genk and Bree > storerooms/cabinets, and three products."""
    zone = Zone()
    Builder(db).carma_zone(zone)
    return zone


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


# --- the demo database, once per worker -------------------------------------------------------


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo database per worker (the @demo group keeps its tests on one), copied for each
    test: building it takes seconds, a copy milliseconds."""
    from carma_logistiek.cli import main

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    home = tmp_path_factory.mktemp("demo-home")
    previous = os.environ.get("CARMA_HOME")
    os.environ["CARMA_HOME"] = str(home)
    try:
        assert main(["demo", "--db", f"sqlite:///{path}"]) == 0
    finally:
        if previous is None:
            os.environ.pop("CARMA_HOME", None)
        else:
            os.environ["CARMA_HOME"] = previous
    return path


@pytest.fixture
def demo_url(demo_template: Path, tmp_path: Path) -> str:
    import sqlite3

    target = tmp_path / "demo.sqlite"
    # The backup API, not a file copy: the newest commits may still sit in the -wal file.
    with sqlite3.connect(demo_template) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return f"sqlite:///{target}"
