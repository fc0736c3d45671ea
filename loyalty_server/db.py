"""The storage seam: one :class:`Database` over SQLite (the default) or PostgreSQL.

``--db`` chooses the engine: a path is an SQLite file; a ``postgresql://`` (or
``postgresql+psycopg://``) URL is a PostgreSQL database reached with psycopg 3. Both go through
SQLAlchemy 2 Core; the schema is :mod:`loyalty_server.storage.schema` and Alembic migrations bring a
database to it at start-up (:mod:`loyalty_server.storage.migrate`).

Services receive a :class:`Conn` inside a transaction and run SQL with named parameters
(``conn.execute("... WHERE number = :number", {"number": n})``); rows answer by column name and by
position, like :class:`sqlite3.Row`.

Transactions:

- SQLite: every write runs in ``BEGIN IMMEDIATE``, which takes SQLite's single write lock up front
  (SQLAlchemy's documented pysqlite recipe: the driver's own BEGIN is turned off and the engine's
  ``begin`` event emits ours). Two payments on one card are serialised, so a card can never be
  overdrawn and a single-use coupon never used twice.
- PostgreSQL: every write runs at ``READ COMMITTED`` and takes row locks where it reads what it then
  changes: a money-moving write first reads its instrument ``FOR UPDATE`` (:meth:`Conn.for_update`,
  nothing on SQLite), so two writes on one card queue on that card's row (and only on it), and the
  balances, holds, coupon uses, points lots and sale amounts of the card read after the lock are the
  latest committed ones. Writes that only guard a value use a guarded ``UPDATE ... WHERE``. A
  deadlock (40P01), a serialization failure (40001) or a unique key taken by a concurrent transaction
  between this one's check and its insert (23505) rolls the try back, and :meth:`Database.transact`
  runs the whole unit of work again: the rerun sees the other transaction's rows and answers as the
  rules say.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, bindparam, create_engine, event, text
from sqlalchemy.engine import CursorResult, Dialect, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.expression import Executable, TextClause

log = logging.getLogger(__name__)
T = TypeVar("T")

#: SQLSTATEs after which the transaction runs again: serialization failure, deadlock, and a unique key
#: a concurrent transaction committed after this one checked for it (the rerun's check finds it).
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "23505"})
#: The isolation level of PostgreSQL writes (their rules hold by row locks, see the module's docstring).
WRITE_ISOLATION = "READ COMMITTED"
#: Tries of one write transaction before the error goes up (each after a short random pause).
MAX_TRIES = 12
_WRITE = "loyalty_write"


class Row:
    """One result row: ``row["column"]`` and ``row[0]`` both work (as with :class:`sqlite3.Row`).

    Of two columns with one name (``SELECT r.points, c.* ...``) the first answers, as in :mod:`sqlite3`.
    """

    __slots__ = ("_index", "_values")

    def __init__(self, values: Sequence[Any], index: Mapping[str, int]) -> None:
        self._values = values
        self._index = index

    def __getitem__(self, key: str | int) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Row({ {k: self._values[i] for k, i in self._index.items()}!r})"


class Result:
    """The rows (or the count of changed rows) of one statement, read in full when it ran (its
    cursor is closed then: no statement stays open on a pooled connection)."""

    def __init__(self, rows: list[Any] | None, names: Sequence[str] | None, rowcount: int) -> None:
        self._index = _column_index(tuple(names)) if names is not None else {}
        self._rows = iter(rows or ())
        self.rowcount = rowcount
        """Rows an UPDATE, DELETE or INSERT changed."""

    @classmethod
    def of(cls, result: CursorResult[Any]) -> Result:
        """The result of a statement SQLAlchemy ran."""
        with result:
            if not result.returns_rows:
                return cls(None, None, result.rowcount)
            return cls(list(result.fetchall()), list(result.keys()), result.rowcount)

    @classmethod
    def read(cls, cursor: Any, statement: str) -> Result:
        """The result of ``statement`` run on a DB-API ``cursor``; the cursor is closed."""
        try:
            names = _COLUMNS.get(statement, _UNSEEN)
            if names is _UNSEEN:
                description = cursor.description
                names = None if description is None else tuple(column[0] for column in description)
                if len(_COLUMNS) < _COLUMNS_MAX:
                    _COLUMNS[statement] = names
            rows = None if names is None else cursor.fetchall()
            return cls(rows, names, cursor.rowcount)
        finally:
            cursor.close()

    def fetchone(self) -> Any:
        """The next :class:`Row`, or None (typed ``Any`` as :mod:`sqlite3`'s: callers know when it exists)."""
        row = next(self._rows, None)
        return None if row is None else self._wrap(row)

    def fetchall(self) -> list[Row]:
        return [self._wrap(row) for row in self._rows]

    def __iter__(self) -> Iterator[Row]:
        return map(self._wrap, self._rows)

    def _wrap(self, row: Any) -> Row:
        return Row(row if type(row) is tuple else tuple(row), self._index)


#: The result columns of each driver statement, or None when it returns no rows: fixed by the SQL and
#: the schema, which migrations change only before the server serves. psycopg builds a ``Column`` per
#: column on every ``cursor.description`` (type lookups included): a tenth of a PostgreSQL write's
#: CPU (yappi, 200 earns).
_COLUMNS: dict[str, tuple[str, ...] | None] = {}
_COLUMNS_MAX = 4096
_UNSEEN: Any = object()


@functools.lru_cache(maxsize=256)
def _column_index(names: tuple[str, ...]) -> dict[str, int]:
    """Column name -> position; of two equal names the first (as :mod:`sqlite3`). Shared, never changed."""
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)
    return index


class Conn:
    """A connection inside one transaction, as the services see it."""

    def __init__(self, connection: Connection, *, locking: bool = False) -> None:
        self.connection = connection
        self.dialect = connection.dialect.name
        self.locking = locking

    def for_update(self, table: str) -> str:
        """`` FOR UPDATE OF table`` in a PostgreSQL write (end a SELECT with it), else nothing.

        The rows read are locked until the transaction ends; a concurrent write of them waits, then
        reads them as committed. SQLite needs none: ``BEGIN IMMEDIATE`` already serialises writers.
        """
        return f" FOR UPDATE OF {table}" if self.locking else ""

    def execute(self, sql: str | Executable, params: Mapping[str, Any] | None = None) -> Result:
        """Run one statement: ``sql`` (:func:`sqlalchemy.text`) with ``:name`` parameters from ``params``.

        A list or tuple value is an expanding parameter: ``WHERE type IN :types`` with
        ``{"types": ["load", "issue"]}`` (an empty list matches nothing: for ``IN`` only, never
        ``NOT IN``). A Core construct (``insert(schema.series).values(...)``) runs as it is.

        A string without lists is compiled by SQLAlchemy once per dialect (:func:`_driver_statement`)
        and then runs on the transaction's own DB-API cursor: SQLAlchemy's per-execution work (cache
        key, execution context, result metadata) was most of a write's time on the server (yappi, 300
        earns: 4.4 of 5.3 s in ``Conn.execute``). Transactions stay SQLAlchemy's; driver errors are
        raised as SQLAlchemy's :class:`~sqlalchemy.exc.DBAPIError` family, as its own execute does.
        """
        values = dict(params or {})
        if not isinstance(sql, str):
            return Result.of(self.connection.execute(sql, values))
        lists = tuple(name for name, value in values.items() if isinstance(value, list | tuple))
        if lists:
            # WORKAROUND: SQLAlchemy renders an empty expanding list as a subquery of CAST(NULL AS
            # INTEGER) (the parameter has no type in plain SQL), which PostgreSQL refuses to compare
            # with a text column. ``x IN (NULL)`` is never true on either engine: it matches nothing.
            values.update({name: list(values[name]) or [None] for name in lists})
            return Result.of(self.connection.execute(_statement(sql, lists), values))
        dialect = self.connection.dialect
        driver_sql, order = _driver_statement(sql, dialect)
        arguments: Any = values if order is None else [values[name] for name in order]
        cursor = self.connection.connection.cursor()
        try:
            cursor.execute(driver_sql, arguments)
        except dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(
                driver_sql, arguments, error, dialect.loaded_dbapi.Error, dialect=dialect
            ) from error
        return Result.read(cursor, driver_sql)


@functools.lru_cache(maxsize=2048)
def _statement(sql: str, lists: tuple[str, ...]) -> TextClause:
    """``text(sql)``, made once per SQL string: parsing its ``:name`` parameters on every call was a
    fifth of a write's time on the server (yappi, 300 earns)."""
    statement = text(sql)
    if lists:
        statement = statement.bindparams(*(bindparam(name, expanding=True) for name in lists))
    return statement


@functools.lru_cache(maxsize=4096)
def _driver_statement(sql: str, dialect: Dialect) -> tuple[str, tuple[str, ...] | None]:
    """``sql`` as the driver takes it, compiled by SQLAlchemy for ``dialect`` (``?`` for sqlite3,
    ``%(name)s`` with ``%`` doubled for psycopg), and the parameter names in order when positional."""
    compiled = _statement(sql, ()).compile(dialect=dialect)
    order = tuple(compiled.positiontup or ()) if compiled.positional else None
    return compiled.string, order


def next_id(conn: Conn, name: str) -> int:
    """The next number of the id counter ``name`` (1, 2, ...), taken inside the caller's transaction."""
    row = conn.execute(
        "INSERT INTO id_counters (name, value) VALUES (:name, 1) "
        "ON CONFLICT (name) DO UPDATE SET value = id_counters.value + 1 RETURNING value",
        {"name": name},
    ).fetchone()
    assert row is not None
    return int(row[0])


def engine_url(db: str | Path) -> str:
    """The SQLAlchemy URL of a ``--db`` value: a PostgreSQL URL as is (on psycopg 3), else an SQLite file."""
    value = str(db)
    if value.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        url = make_url(value.replace("postgres://", "postgresql://", 1))
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if value.startswith(("postgresql+", "sqlite:", "mysql")):
        raise ValueError(f"unsupported database URL {value!r}: use a file path or a postgresql:// URL")
    return f"sqlite:///{value}"


def describe(db: str | Path) -> str:
    """``db`` for messages: a PostgreSQL URL without its password."""
    value = str(db)
    if "://" in value:
        return make_url(engine_url(value)).render_as_string(hide_password=True)
    return value


def _sqlite_engine(url: str) -> Engine:
    memory = url in ("sqlite:///:memory:", "sqlite://")
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30.0},
        # one shared connection for an in-memory database (each connection would be a database of its own)
        poolclass=StaticPool if memory else None,
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own BEGIN is off: the "begin" event below emits ours (SQLAlchemy's pysqlite recipe)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # straight to the driver: exec_driver_sql's execution context cost more than the BEGIN (yappi)
        begin = "BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN"
        conn.connection.driver_connection.execute(begin)  # type: ignore[union-attr]

    return engine


def _postgresql_engine(url: str) -> Engine:
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def retryable(exc: BaseException) -> bool:
    """Whether ``exc`` asks for the transaction to run again (:data:`RETRYABLE_SQLSTATES`)."""
    if not isinstance(exc, DBAPIError):
        return False
    return getattr(exc.orig, "sqlstate", None) in RETRYABLE_SQLSTATES


class Attempt:
    """One try of a write transaction (:meth:`Database.attempts`)."""

    def __init__(self, db: Database, *, last: bool) -> None:
        self._db = db
        self._last = last
        self._transaction: Any = None
        self.committed = False
        self.failure: BaseException | None = None

    def __enter__(self) -> Conn:
        self._transaction = self._db.write()
        conn: Conn = self._transaction.__enter__()
        return conn

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: Any) -> bool:
        try:
            self._transaction.__exit__(kind, error, tb)  # commits, or rolls back on an error
        except DBAPIError as failed:  # the commit itself may find the conflict
            if self._last or not retryable(failed):
                raise
            error = failed
        if error is None:
            self.committed = True
            return False
        if self._last or not retryable(error):
            return False
        self.failure = error
        return True  # swallowed: the next try runs


class Database:
    """The server's database: migrated to the current schema when opened; transactions on demand."""

    def __init__(self, db: str | Path, *, migrate: bool = True) -> None:
        self.url = engine_url(db)
        self.label = describe(db)
        self.engine = (
            _postgresql_engine(self.url) if self.url.startswith("postgresql") else _sqlite_engine(self.url)
        )
        self.dialect = self.engine.dialect.name
        if migrate:
            from loyalty_server.storage.migrate import upgrade  # the migrations import this module

            upgrade(self.engine)
            # A request that was running when the server stopped never finished: let its retry run again.
            for attempt in self.attempts():
                with attempt as conn:
                    conn.execute("DELETE FROM idempotency WHERE state = 'in_progress'", {})

    @contextmanager
    def write(self) -> Iterator[Conn]:
        """One write transaction, committed on success and rolled back on any error (no retry).

        Prefer :meth:`transact`, which also runs the work again after a serialization failure.
        """
        options: dict[str, Any] = {_WRITE: True}
        if self.dialect == "postgresql":
            options["isolation_level"] = WRITE_ISOLATION
        with self.engine.connect().execution_options(**options) as connection, connection.begin():
            yield Conn(connection, locking=self.dialect == "postgresql")

    @contextmanager
    def read(self) -> Iterator[Conn]:
        """A consistent read snapshot (``BEGIN DEFERRED`` on SQLite, ``REPEATABLE READ`` on PostgreSQL)."""
        options: dict[str, Any] = {}
        if self.dialect == "postgresql":
            options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        with self.engine.connect().execution_options(**options) as connection, connection.begin():
            yield Conn(connection)

    def attempts(self) -> Iterator[Attempt]:
        """Tries of one write transaction, until one commits.

        A serialization failure, a deadlock or a concurrent unique key (40001, 40P01, 23505) rolls
        the try back and, after a short random pause, the next one starts, a few times::

            for attempt in db.attempts():
                with attempt as conn:
                    ...  # the whole unit of work

        The body must have no effect outside the database: it may run again. Any other error (or the
        last try's failure) goes up as it is.
        """
        for number in range(1, MAX_TRIES + 1):
            attempt = Attempt(self, last=number == MAX_TRIES)
            yield attempt
            if attempt.committed:
                return
            log.debug("write transaction retried (try %d): %s", number, attempt.failure)
            time.sleep(random.uniform(0, 0.002 * 2 ** min(number, 7)))

    def transact(self, work: Callable[[Conn], T]) -> T:
        """``work`` in one write transaction, run again after a serialization failure (:meth:`attempts`)."""
        for attempt in self.attempts():
            with attempt as conn:
                return work(conn)
        raise AssertionError("unreachable: the last try's failure goes up")

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


class Group:
    """Write transactions as savepoints of one outer transaction: a batch's group commit.

    It offers what a request's work uses of :class:`Database` (``read``, ``attempts``, ``transact``)
    over ``conn``, a connection inside the caller's write transaction. A read sees the group's own
    writes; a write transaction is a savepoint, released on success and rolled back on an error, as a
    transaction of its own would be committed or rolled back; nothing is durable before the caller
    commits. A serialization failure or a deadlock (40001, 40P01) cannot be retried inside (the
    outer transaction is what PostgreSQL aborts): it goes up, is kept in ``failure``, and the caller
    runs the whole group again.
    """

    def __init__(self, conn: Conn) -> None:
        self.conn = conn
        self.dialect = conn.dialect
        self.failure: BaseException | None = None
        self._depth = 0  # savepoints open (a write may run inside another)

    @contextmanager
    def read(self) -> Iterator[Conn]:
        """The group's connection (its snapshot includes the group's writes)."""
        yield self.conn

    @contextmanager
    def write(self) -> Iterator[Conn]:
        """One savepoint, in plain SQL on the group's connection (SQLAlchemy's ``begin_nested`` built
        and compiled its SAVEPOINT and RELEASE anew each time: a quarter of a batch item's time)."""
        self._depth += 1
        name = f"item_{self._depth}"
        try:
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
        except DBAPIError as exc:
            if retryable(exc):
                self.failure = exc
            raise
        finally:
            self._depth -= 1

    def attempts(self) -> Iterator[AbstractContextManager[Conn]]:
        """One try (:meth:`Database.attempts`): a retry is the whole group's."""
        yield self.write()

    def transact(self, work: Callable[[Conn], T]) -> T:
        """``work`` in one savepoint."""
        with self.write() as conn:
            return work(conn)
