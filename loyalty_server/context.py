"""Who is calling and when: the per-request context every service function receives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from loyalty_server.db import Conn

#: The ASGI scope key of a batch item's own request (loyalty_server.batch): its batch's terminal and
#: database view; such a request already holds its batch's place (loyalty_server.backpressure).
SUBREQUEST = "loyalty.subrequest"


@dataclass(frozen=True)
class Terminal:
    """The POS terminal a bearer token belongs to."""

    terminal_id: str
    loyalty_group: str
    merchant_id: str
    merchant_name: str
    store: int
    pos: int
    store_name: str
    store_address: str
    currency: str
    merchant_groups: tuple[str, ...]


@dataclass(frozen=True)
class Settings:
    """Server-wide settings from the command line."""

    auth_ttl_seconds: int = 900
    admin_session_ttl_seconds: int = 8 * 3600
    pairing_ttl_seconds: int = 15 * 60
    #: HTTP requests in flight per worker process before new ones get ``429`` (loyalty_server.backpressure)
    max_in_flight: int = 64
    #: batches (``POST …/operations/_batch``) applied at once per worker process; another gets ``429``
    max_batches_in_flight: int = 2


@dataclass(frozen=True)
class Ctx:
    """One request's view: its connection (inside a transaction), terminal, clock and operation id."""

    conn: Conn
    terminal: Terminal
    now: datetime
    settings: Settings
    operation_id: str = ""

    @property
    def now_iso(self) -> str:
        return iso(self.now)

    @property
    def today(self) -> date:
        return self.now.date()


def utcnow() -> datetime:
    """The current time in UTC, to the second (the wire's precision)."""
    return datetime.now(UTC).replace(microsecond=0)


def iso(moment: datetime) -> str:
    """``2026-11-25T10:15:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
