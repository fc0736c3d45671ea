"""The storage seam: what ``--db`` accepts, and a database brought to the schema at start."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from loyalty_server.db import Conn, Database, Group, describe, engine_url
from loyalty_server.storage.migrate import HEAD, alembic_config
from tests.fixtures.server import current_engine, new_database
from tests.loyalty_server.helpers import Api, error_code


def test_a_path_is_sqlite_and_a_postgresql_url_goes_through_psycopg() -> None:
    assert engine_url("data/loyalty.db") == "sqlite:///data/loyalty.db"
    assert engine_url(Path("/var/lib/x.db")) == "sqlite:////var/lib/x.db"
    assert engine_url("postgresql://u:pw@db/loyalty") == "postgresql+psycopg://u:pw@db/loyalty"
    assert engine_url("postgres://u@db/loyalty") == "postgresql+psycopg://u@db/loyalty"
    socket = make_url(engine_url("postgresql+psycopg://u@/loyalty?host=/run/pg"))
    assert (socket.drivername, socket.database, socket.query) == (
        "postgresql+psycopg",
        "loyalty",
        {"host": "/run/pg"},
    )
    assert describe("postgresql://u:secret@db/loyalty") == "postgresql+psycopg://u:***@db/loyalty"


@pytest.mark.parametrize("url", ["mysql://u@db/x", "postgresql+asyncpg://u@db/x", "sqlite:///x.db"])
def test_another_database_url_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="unsupported database URL"):
        engine_url(url)


def test_the_server_names_a_database_it_cannot_use_without_a_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "loyalty_server",
            "--db",
            "postgresql://nobody:secret@/x?host=" + str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "cannot use the database postgresql+psycopg://nobody:***@/x" in done.stderr
    assert "Traceback" not in done.stderr and "secret" not in done.stderr


def test_a_new_database_gets_every_table_and_the_alembic_version_once(tmp_path: Path) -> None:
    database = new_database(tmp_path) if current_engine() == "postgresql" else str(tmp_path / "empty.db")
    for _ in range(2):  # the second start finds nothing to do
        db = Database(database)
        try:
            with db.read() as conn:
                tables = set(inspect(conn.connection).get_table_names())
                version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            db.dispose()
        assert {"instruments", "transactions", "idempotency", "id_counters", "admin_audit"} <= tables
        assert [r[0] for r in version] == [HEAD]


def test_a_database_of_an_older_release_is_brought_to_head_at_start(tmp_path: Path) -> None:
    """A chain's database at the baseline (0001) gets the newer migrations when the new server starts,
    and keeps its data."""
    from alembic import command
    from sqlalchemy import create_engine

    from loyalty_server.db import engine_url

    database = new_database(tmp_path) if current_engine() == "postgresql" else str(tmp_path / "old.db")
    engine = create_engine(engine_url(database))
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.exec_driver_sql("INSERT INTO loyalty_groups (code, name) VALUES ('old', 'Kept')")
    engine.dispose()
    db = Database(database)
    try:
        with db.read() as conn:
            version = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version").fetchall()]
            indexes = {i["name"] for i in inspect(conn.connection).get_indexes("point_lots")}
            kept = conn.execute("SELECT name FROM loyalty_groups WHERE code = 'old'").fetchall()
    finally:
        db.dispose()
    assert version == [HEAD] and "point_lots_live" in indexes and [r[0] for r in kept] == ["Kept"]


def test_head_names_the_newest_migration() -> None:
    """A database at ``HEAD`` opens without Alembic, so ``HEAD`` must be the scripts' own head."""
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_heads() == [HEAD]


def test_text_with_a_nul_character_is_refused_on_every_engine(api: Api) -> None:
    """PostgreSQL cannot store U+0000: both engines refuse it alike (400, never a 500 or a stored NUL)."""
    body = {"phone": "+48 600 700 801", "firstName": "Ann\x00a", "consents": []}
    r = api.post("/customers", body)
    assert (r.status_code, error_code(r)) == (400, "INVALID_REQUEST")
    assert "firstName" in r.text and "NUL" in r.text
    assert api.ok("GET", "/customers?phone=%2B48600700801") == {"customers": []}  # nothing stored
    r = api.get("/customers/C-%00001")  # percent-encoded in the path
    assert (r.status_code, error_code(r)) == (400, "INVALID_REQUEST")
    r = api.get("/customers", card="12\x0034")
    assert (r.status_code, error_code(r)) == (400, "INVALID_REQUEST")


def test_a_locking_read_makes_a_concurrent_write_wait_and_see_the_change(
    server_engine: str, tmp_path: Path
) -> None:
    """PostgreSQL writes run at READ COMMITTED: a write that reads a row it then changes reads it with
    ``conn.for_update`` (SELECT ... FOR UPDATE), so a second such write waits for the first to commit
    and then reads its change (SQLite: BEGIN IMMEDIATE makes the second wait from its start)."""
    db = Database(new_database(tmp_path))
    db.transact(lambda conn: conn.execute("INSERT INTO loyalty_groups (code, name) VALUES ('g', 'g')"))
    first_read = threading.Event()
    runs: list[str] = []

    def append_x(conn: Conn) -> None:
        runs.append(threading.current_thread().name)
        sql = "SELECT name FROM loyalty_groups WHERE code = 'g'" + conn.for_update("loyalty_groups")
        name = conn.execute(sql).fetchone()[0]
        if not first_read.is_set():
            first_read.set()
            if server_engine == "postgresql":  # the first holds the row until the second waits for it
                _wait_for_a_lock_waiter(db)
        conn.execute("UPDATE loyalty_groups SET name = :name WHERE code = 'g'", {"name": name + "x"})

    try:
        with ThreadPoolExecutor(2) as pool:
            first = pool.submit(db.transact, append_x)
            assert first_read.wait(timeout=30)
            second = pool.submit(db.transact, append_x)
            first.result(timeout=60)
            second.result(timeout=60)
        with db.read() as conn:
            assert conn.execute("SELECT name FROM loyalty_groups WHERE code = 'g'").fetchone()[0] == "gxx"
        assert len(runs) == 2  # nobody ran again: the second waited, then read "gx"
    finally:
        db.dispose()


def _wait_for_a_lock_waiter(db: Database) -> None:
    """Until another session of the database waits for a row lock (PostgreSQL)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with db.read() as conn:
            waiting = conn.execute(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            ).fetchone()[0]
        if waiting:
            return
        time.sleep(0.02)
    raise AssertionError("the second write never waited for the row")


def test_a_write_that_deadlocks_runs_again_and_both_apply(server_engine: str, tmp_path: Path) -> None:
    """Two writes lock two rows in opposite orders: PostgreSQL aborts one (SQLSTATE 40P01), which
    runs again once the other committed; both changes are there."""
    db = Database(new_database(tmp_path))
    db.transact(
        lambda conn: conn.execute("INSERT INTO loyalty_groups (code, name) VALUES ('a', 'a'), ('b', 'b')")
    )
    both_locked = threading.Barrier(2)
    runs: list[str] = []

    def touch(first: str, then: str) -> None:
        def work(conn: Conn) -> None:
            first_try = threading.current_thread().name not in runs
            runs.append(threading.current_thread().name)
            for code in (first, then):
                conn.execute(
                    "UPDATE loyalty_groups SET name = name || :mark WHERE code = :code",
                    {"mark": first, "code": code},
                )
                if code == first and first_try and server_engine == "postgresql":
                    both_locked.wait(timeout=30)  # each holds its first row, then asks for the other's

        db.transact(work)

    try:
        with ThreadPoolExecutor(2) as pool:
            for done in [pool.submit(touch, "a", "b"), pool.submit(touch, "b", "a")]:
                done.result(timeout=60)
        with db.read() as conn:
            names = dict(conn.execute("SELECT code, name FROM loyalty_groups WHERE code IN ('a', 'b')"))
        assert sorted(names["a"][1:]) == ["a", "b"] and sorted(names["b"][1:]) == ["a", "b"]
        if server_engine == "postgresql":
            # the loser ran again; its new try may take its first row before the winner's waiting
            # update does and deadlock once more (seen once in CI): each deadlock is one more run
            assert len(runs) >= 3
        else:
            assert len(runs) == 2
    finally:
        db.dispose()


def test_statements_answer_alike_on_every_engine(server_engine: str, tmp_path: Path) -> None:
    """What the services rely on from ``Conn.execute``, which runs plain SQL on the driver's cursor:
    rows by name and position (of two equal names the first), counts of changed rows, lists as
    expanding parameters, a ``%`` and a ``::`` in the SQL, and the driver's errors raised as
    SQLAlchemy's (an IntegrityError is one whatever the engine)."""
    db = Database(new_database(tmp_path))
    try:
        with db.write() as conn:
            for code in ("a", "b", "c"):
                conn.execute(
                    "INSERT INTO loyalty_groups (code, name) VALUES (:code, :name)",
                    {"code": code, "name": f"{code}%"},
                )
            changed = conn.execute(
                "UPDATE loyalty_groups SET name = name || 'x' WHERE name LIKE '%\\%' ESCAPE '\\'"
            )
            assert changed.rowcount == 3
        with db.read() as conn:
            row = conn.execute(
                "SELECT g.code, g.name, h.name, CAST('7' AS INTEGER) AS seven FROM loyalty_groups g "
                "JOIN loyalty_groups h ON h.code = g.code WHERE g.code = :code",
                {"code": "b"},
            ).fetchone()
            assert (row["code"], row["name"], row[2], row["seven"], len(row)) == ("b", "b%x", "b%x", 7, 4)
            listed = conn.execute(
                "SELECT code FROM loyalty_groups WHERE code IN :codes ORDER BY code", {"codes": ["a", "c"]}
            )
            assert [r["code"] for r in listed] == ["a", "c"]
            assert (
                conn.execute("SELECT code FROM loyalty_groups WHERE code IN :codes", {"codes": []}).fetchall()
                == []
            )
            assert (
                conn.execute("SELECT code FROM loyalty_groups WHERE code = :code", {"code": "zz"}).fetchone()
                is None
            )
        with pytest.raises(IntegrityError), db.write() as conn:
            conn.execute("INSERT INTO loyalty_groups (code, name) VALUES (:code, 'again')", {"code": "a"})
        with db.read() as conn:  # the failed write left nothing behind, and the pool's connection works
            assert conn.execute("SELECT count(*) FROM loyalty_groups", {}).fetchone()[0] == 3
    finally:
        db.dispose()


def test_a_group_write_is_a_savepoint_undone_alone_when_it_fails(server_engine: str, tmp_path: Path) -> None:
    """A batch group's writes (``Group.write``, batch items' own transactions): a failing one is
    undone, the rest of the group and a write around it stay; a database error inside one (here an
    IntegrityError, which aborts the transaction on PostgreSQL until undone) leaves the group usable."""
    db = Database(new_database(tmp_path))

    def names(conn: Conn) -> list[str]:
        return [r["code"] for r in conn.execute("SELECT code FROM loyalty_groups ORDER BY code", {})]

    def add(conn: Conn, code: str) -> None:
        conn.execute("INSERT INTO loyalty_groups (code, name) VALUES (:code, 'n')", {"code": code})

    try:
        with db.write() as outer:
            group = Group(outer)
            with group.write() as conn:
                add(conn, "a")
            with pytest.raises(ValueError), group.write() as conn:
                add(conn, "b")
                raise ValueError("refused halfway")
            with group.write() as conn:
                add(conn, "c")
                with pytest.raises(IntegrityError), group.write() as inner:
                    add(inner, "d")
                    inner.execute("INSERT INTO loyalty_groups (code, name) VALUES ('f', NULL)", {})
                add(conn, "e")  # the outer savepoint goes on
            assert names(outer) == ["a", "c", "e"] and group.failure is None
            with pytest.raises(IntegrityError), group.write() as conn:
                add(conn, "c")  # already there: on PostgreSQL perhaps a concurrent insert, run again
            assert (group.failure is not None) == (server_engine == "postgresql")
        with db.read() as conn:
            assert names(conn) == ["a", "c", "e"]
    finally:
        db.dispose()


def test_a_card_s_lots_are_read_through_the_index_of_those_that_still_count(
    server_engine: str, tmp_path: Path
) -> None:
    """Every query of a card's point lots (its balance, a spend) reads them through ``point_lots_live``
    (only lots with points left), so a card with years of spent-out earns costs what a new one does:
    each statement is explained on the engine (PostgreSQL told to avoid a table scan, as it would
    on a big table), and must name that index."""
    from datetime import UTC, datetime

    from loyalty_server.context import Ctx, Settings, Terminal
    from loyalty_server.errors import ApiError
    from loyalty_server.services import point_lots

    class Recording(Conn):
        def __init__(self, conn: Conn) -> None:
            super().__init__(conn.connection, locking=conn.locking)
            self.seen: list[tuple[str, dict[str, Any]]] = []

        def execute(self, sql: Any, params: Any = None) -> Any:
            if isinstance(sql, str) and sql.startswith(("INSERT", "UPDATE")):
                raise StopError  # the reads are what is looked at
            if isinstance(sql, str) and "FROM point_lots" in sql:
                self.seen.append((sql, dict(params or {})))
            return super().execute(sql, params)

    class StopError(Exception):
        pass

    terminal = Terminal("t", "g", "m", "M", 1, 1, "S", "A", "PLN", ())
    db = Database(new_database(tmp_path))
    try:
        with db.write() as conn:
            recording = Recording(conn)
            ctx = Ctx(conn=recording, terminal=terminal, now=datetime.now(UTC), settings=Settings())
            point_lots.summary(ctx, "card")
            with pytest.raises(ApiError):  # INSUFFICIENT_POINTS
                point_lots.take(ctx, "card", 5, prefer_operation="op")
            with pytest.raises(StopError):  # a debt lot would be written
                point_lots.take(ctx, "card", 5, prefer_operation="op", debt=True)
            assert len(recording.seen) == 8  # 1 + (2 reads and the balance) + (3 reads and the balance)
            if server_engine == "postgresql":
                conn.execute("SET LOCAL enable_seqscan = off")
            explain = "EXPLAIN QUERY PLAN " if server_engine == "sqlite" else "EXPLAIN "
            for sql, params in recording.seen:
                plan = " ".join(str(list(r)) for r in conn.execute(explain + sql, params).fetchall())
                assert "point_lots_live" in plan, (sql, plan)
    finally:
        db.dispose()
