"""What the technician's server and diagnostics screens do, without Qt.

- :func:`check_connection`: who this terminal is for the server (``GET /terminal``), the round-trip
  time, the clock skew between this machine and the server, and a series sync — the same facts as
  ``loyalty-pos terminal`` and ``loyalty-pos series sync``.
- :func:`pair_till`: pair this till with a one-time code from the back office (the core's
  :func:`pos_client.pairing.pair_terminal`, as ``loyalty-pos config pair``); expected refusals come
  back as a :class:`PairOutcome`, not as exceptions.
- :func:`collect_bundle`: everything a diagnostics bundle holds, read from the core (configuration,
  recent log, queue status and rows, the last connection check), by
  :func:`pos_client.diagnostics.collect_bundle`.

Both are blocking calls for the app's ``TaskRunner``.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offline_queue import OutboxError
from pos_client import diagnostics
from pos_client.api.errors import ApiError
from pos_client.catalogue import SyncResult
from pos_client.diagnostics import BundleContents, write_bundle
from pos_client.domain import Terminal
from pos_client.offline import QueuedGateway
from pos_client.pairing import Paired, PairingError, pair_terminal
from pos_client.service import LoyaltyService
from pos_client.terminal_identity import ReRegistrationRefused

PROBES = 3  # GET /terminal this many times: the first one also pays for the TCP (and TLS) set-up


@dataclass(frozen=True)
class ConnectionReport:
    """The outcome of a connection test.

    Attributes:
        server: the server URL the terminal talks to.
        terminal: the server's answer about this terminal.
        latency_ms: the median round trip of ``GET /terminal``, in milliseconds.
        first_ms: the first round trip (includes connecting), in milliseconds.
        clock_skew_seconds: server time minus this machine's time (positive: the server is ahead).
        series: the series sync result, None when the sync failed.
        series_error: why the sync failed (plain text from the core), else None.
        checked: when the test ran (UTC).
    """

    server: str
    terminal: Terminal
    latency_ms: float
    first_ms: float
    clock_skew_seconds: float
    series: SyncResult | None
    series_error: str | None
    checked: dt.datetime

    def as_json(self) -> dict[str, Any]:
        """Plain data for the diagnostics bundle."""
        t = self.terminal
        return {
            "server": self.server,
            "loyaltyGroup": t.loyalty_group,
            "terminalId": t.terminal_id,
            "merchant": f"{t.merchant_name} ({t.merchant_id})",
            "store": t.store,
            "pos": t.pos,
            "storeName": t.store_name,
            "currency": t.currency,
            "merchantGroups": list(t.merchant_groups),
            "latencyMs": round(self.latency_ms, 1),
            "firstRequestMs": round(self.first_ms, 1),
            "clockSkewSeconds": round(self.clock_skew_seconds, 2),
            "seriesCount": self.series.count if self.series else None,
            "seriesChanged": self.series.changed if self.series else None,
            "seriesError": self.series_error,
            "checked": self.checked.isoformat(timespec="seconds"),
        }


def check_connection(
    service: LoyaltyService,
    *,
    probes: int = PROBES,
    wall: Callable[[], float] = time.time,
    perf: Callable[[], float] = time.perf_counter,
) -> ConnectionReport:
    """Test the server connection: identity, latency, clock skew, series sync.

    The clock skew is measured against the middle of the fastest round trip, where the server's
    ``serverTime`` most likely was taken.

    Raises:
        Unavailable, Unauthorized, ProtocolError, Refused: ``GET /terminal`` failed (the series sync
        failing after it does not raise: it is reported in ``series_error``).
    """
    rounds: list[tuple[float, float, Terminal]] = []  # (seconds, local midpoint, answer)
    for _ in range(max(1, probes)):
        started_wall, started = wall(), perf()
        answer = service.terminal()
        took = perf() - started
        rounds.append((took, started_wall + took / 2, answer))
    fastest = min(rounds, key=lambda r: r[0])
    terminal = rounds[-1][2]
    skew = fastest[2].server_time.timestamp() - fastest[1]
    series: SyncResult | None = None
    series_error: str | None = None
    try:
        series = service.sync_series()
    except ApiError as exc:
        series_error = exc.message
    return ConnectionReport(
        server=service.client.server,
        terminal=terminal,
        latency_ms=statistics.median(r[0] for r in rounds) * 1000,
        first_ms=rounds[0][0] * 1000,
        clock_skew_seconds=skew,
        series=series,
        series_error=series_error,
        checked=dt.datetime.fromtimestamp(wall(), dt.UTC),
    )


@dataclass(frozen=True)
class PairOutcome:
    """What pairing did: ``paired``, or why not (``error``: the server's code, ``UNREACHABLE``,
    ``CONFIG``, ``TERMINAL_BUSY`` or ``OUTBOX``; ``detail``: the core's words)."""

    paired: Paired | None = None
    error: str | None = None
    detail: str = ""


def pair_till(config_path: Path, server: str, code: str) -> PairOutcome:
    """Pair the till whose configuration is at ``config_path`` (a blocking call: run it off the GUI
    thread). The running app keeps its current registration until it is started again."""
    try:
        return PairOutcome(paired=pair_terminal(config_path, server, code))
    except ReRegistrationRefused as exc:
        return PairOutcome(error="TERMINAL_BUSY", detail=exc.waiting.describe())
    except OutboxError as exc:
        return PairOutcome(error="OUTBOX", detail=str(exc))
    except PairingError as exc:
        return PairOutcome(error=exc.code, detail=exc.message)


def collect_bundle(
    *,
    config_path: Path | None,
    log_lines: Sequence[str],
    gateway: QueuedGateway | None,
    connection: ConnectionReport | None = None,
    extra: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> BundleContents:
    """Read what goes into a diagnostics bundle (configuration, log, queue, last connection test):
    :func:`pos_client.diagnostics.collect_bundle`, the same as ``loyalty-pos diagnostics export``."""
    sections: dict[str, Any] = dict(extra or {})
    if connection is not None:
        sections["connection"] = connection.as_json()
    return diagnostics.collect_bundle(
        config_path=config_path, log_lines=log_lines, gateway=gateway, extra=sections, now=now
    )


def export_bundle(path: Path, contents: BundleContents) -> list[str]:
    """Write the bundle zip (see :func:`pos_client.diagnostics.write_bundle`); returns the member names."""
    return write_bundle(path, contents)
