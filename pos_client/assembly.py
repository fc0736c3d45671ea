"""The one place that builds the terminal core from its configuration (CLI now, the Qt app too).

``build_core(config)`` wires, in this order: the API client (token from ``pos_client.secrets``), the
local series catalogue (with the scanner's prefix/suffix normaliser), the offline outbox, the
last-known-instrument cache, the audit log and operator store, the queued write gateway over the
direct one, and the :class:`~pos_client.service.LoyaltyService`. Nothing here touches the network:
the first request is made by whoever uses the core.

Files, all in the configured data directory: ``series.db`` (catalogue), ``outbox.db`` (or
``offline.outbox``), ``instruments.db`` (last known states), ``audit.db``, ``operators.db`` and
``terminal.json`` (the offline limits of the last ``GET /terminal``, so that a terminal restarted
while the server is away still knows them; without them nothing may be queued). The folder is made
0700 and every file in it 0600 at every build (``pos_client.files.protect_data_dir``); the outbox
records the terminal identity (``pos_client.terminal_identity``) of every operation.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import httpx

from drivers.scanners.normalise import Normaliser
from offline_queue import Outbox
from pos_client.api import retry
from pos_client.api.client import LoyaltyClient
from pos_client.api.errors import ApiError, Unavailable
from pos_client.card_cache import CardCache
from pos_client.catalogue import Catalogue
from pos_client.config import Config, ConfigError
from pos_client.domain import Instrument, Kind, OfflineLimits, OperationResult
from pos_client.files import private_file, protect_data_dir, write_atomic
from pos_client.gateway import DirectGateway
from pos_client.masking import remember_secret
from pos_client.offline import QueuedGateway, QueueStatus
from pos_client.operations import Override, Waiting, WriteOperation
from pos_client.reachability import PROBE_CONNECT_TIMEOUT, PROBE_READ_TIMEOUT, Reachability
from pos_client.secrets import load_token
from pos_client.security import OPERATORS_DB, AuditLog, Operator, OperatorStore, Role
from pos_client.service import EventType, LoyaltyService, ServiceEvent
from pos_client.terminal_identity import terminal_identity

log = logging.getLogger(__name__)

SERIES_DB = "series.db"
INSTRUMENTS_DB = "instruments.db"
AUDIT_DB = "audit.db"
LIMITS_FILE = "terminal.json"
# The offline limits are fetched again (GET /terminal) after the first successful answer of the server
# once they are older than this: any first contact makes them known, and a change reaches the till.
LIMITS_REFRESH_SECONDS = 600.0


def default_operator(config: Config) -> Operator:
    """The operator of unattended use (the CLI): ``[cli] operator_id``, always a cashier. No
    configuration grants more: a manager signs a command with a PIN (``--manager``)."""
    return Operator(config.cli.operator_id, config.cli.operator_id, Role.CASHIER)


class LimitsMemory:
    """The terminal's offline limits from the last ``GET /terminal``, kept in a small JSON file.

    Args:
        path: the file (``terminal.json`` in the data directory).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._limits: OfflineLimits | None = None
        self._currency: str | None = None
        self._loaded = False
        self._asked_at = -LIMITS_REFRESH_SECONDS  # when due() last said "fetch them"

    def get(self) -> OfflineLimits | None:
        """The remembered limits; None when never fetched or the file is unreadable."""
        if not self._loaded:
            self._loaded = True
            self._limits = self._read()
        return self._limits

    def currency(self) -> str | None:
        """The till's currency the server last said; None when never fetched (or unreadable)."""
        self.get()
        return self._currency

    def remember(self, limits: OfflineLimits, currency: str | None = None) -> None:
        """Keep ``limits`` and the till's ``currency`` (in memory at once; on disk best effort,
        atomically)."""
        currency = currency or self.currency()
        if (limits, currency) == (self.get(), self._currency) and not self._stale(LIMITS_REFRESH_SECONDS / 2):
            return  # the idle probe brings the same limits every few seconds: no write (and fsync) each time
        self._limits, self._loaded = limits, True
        self._currency = currency
        data = {
            "currency": self._currency,
            "offlineLimits": {
                "maxOutstandingValue": str(limits.max_outstanding_value),
                "maxQueueAgeSeconds": limits.max_queue_age_seconds,
                "overrideHardCap": str(limits.override_hard_cap),
            },
            "saved": dt.datetime.now(dt.UTC).isoformat(),
        }
        try:
            write_atomic(self.path, json.dumps(data))
        except OSError as exc:  # only makes a later offline start less informed
            log.warning("cannot save the offline limits to %s: %s", self.path, exc.strerror)

    def _read(self) -> OfflineLimits | None:
        try:
            whole = json.loads(self.path.read_text(encoding="utf-8"))
            currency = whole.get("currency")
            self._currency = currency if isinstance(currency, str) and currency else None
            data = whole["offlineLimits"]
            return OfflineLimits(
                max_outstanding_value=Decimal(data["maxOutstandingValue"]),
                max_queue_age_seconds=int(data["maxQueueAgeSeconds"]),
                override_hard_cap=Decimal(data["overrideHardCap"]),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, InvalidOperation):
            log.warning("ignoring unreadable offline limits in %s", self.path)
            return None

    def due(self, now: float | None = None) -> bool:
        """Time to fetch the limits again: never known here, or saved more than
        :data:`LIMITS_REFRESH_SECONDS` ago (a manager may have changed them on the server). A fetch
        counts from when it was started, so a failing one is not repeated on every answer."""
        now = time.time() if now is None else now
        if now - self._asked_at < LIMITS_REFRESH_SECONDS:
            return False
        self._asked_at = now
        return self.get() is None or self._stale(LIMITS_REFRESH_SECONDS, now)

    def _stale(self, seconds: float, now: float | None = None) -> bool:
        """The file was saved more than ``seconds`` ago (or cannot be read)."""
        now = time.time() if now is None else now
        try:
            return now - self.path.stat().st_mtime >= seconds
        except OSError:
            return True


class RememberingClient(LoyaltyClient):
    """The API client that also hands every instrument the server shows (a balance look-up, a
    coupon check) to ``on_instrument``: the last-known-state cache the offline policy reads, so a
    card looked up once can be judged offline. Write results reach the cache through the gateway.

    When the server cannot be reached, a look-up answers with the card's last known state from
    ``last_known`` (marked with ``as_of``, what waits in the queue on it applied), so a card seen
    before can still be served within the offline policy; a card never seen here stays unavailable.

    Args:
        on_instrument: called with each instrument read (never raises: it is a cache).
        *args, **kwargs: as :class:`~pos_client.api.client.LoyaltyClient`.
    """

    def __init__(self, *args: Any, on_instrument: Callable[[Instrument], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._on_instrument = on_instrument
        self.last_known: Callable[[str], Instrument | None] | None = None

    def instrument(self, kind: Kind, number: str) -> Instrument:
        try:
            found = super().instrument(kind, number)
        except Unavailable:
            known = self.last_known(number) if self.last_known is not None else None
            if known is None or known.kind is not kind:
                raise
            log.info("server unreachable: showing the last known state of a card")
            return known
        self._on_instrument(found)
        return found


class WriteRecorder:
    """The service's write gateway: forwards to the queued gateway and remembers, per thread, the last
    operation submitted, so a refusal can be reported with its operation id (the idempotency key).

    Args:
        inner: the queued gateway.
    """

    def __init__(self, inner: QueuedGateway) -> None:
        self.inner = inner
        self._local = threading.local()
        self.retry_policy: retry.RetryPolicy | None = None  # the client's, set by build_core

    def submit(self, operation: WriteOperation, *, override: Override | None = None) -> OperationResult:
        self._local.last = operation
        # One cashier operation, one deadline: retries of lost answers, then the offline path.
        with retry.operation(self.retry_policy):
            return self.inner.submit(operation, override=override)

    def pending(self) -> Waiting:
        """What waits in the outbox (the service refuses sign-off while anything does)."""
        return self.inner.pending()

    def last(self) -> WriteOperation | None:
        """The last operation this thread submitted, if any."""
        last: WriteOperation | None = getattr(self._local, "last", None)
        return last


@dataclass
class Core:
    """The terminal core, built once and closed once.

    Attributes:
        config: the configuration it was built from.
        client: the API client (reads; the gateway uses it for writes).
        catalogue: the local series catalogue.
        outbox: the durable offline outbox.
        gateway: the queued write gateway (store first, send now, queue within the offline policy).
        service: every loyalty operation, for the signed-on operator.
        audit: the local audit log.
        operators: the local operator store (PINs).
        cache: last known instrument states (offline decisions).
        limits: the remembered offline limits of the terminal.
        recorder: the service's gateway in front of ``gateway`` (remembers the last operation).
    """

    config: Config
    client: RememberingClient
    catalogue: Catalogue
    outbox: Outbox
    gateway: QueuedGateway
    service: LoyaltyService
    audit: AuditLog
    operators: OperatorStore
    cache: CardCache
    limits: LimitsMemory
    recorder: WriteRecorder
    _closed: bool = field(default=False, repr=False)

    def last_operation(self) -> WriteOperation | None:
        """The last write this thread handed to the gateway (also when it was refused)."""
        return self.recorder.last()

    def close(self) -> None:
        """Stop background delivery and release every connection and file (idempotent)."""
        if self._closed:
            return
        self._closed = True
        closers: list[Callable[[], None]] = [
            self.gateway.stop,
            self.client.close,
            self.catalogue.close,
            self.outbox.close,
            self.cache.close,
            self.audit.close,
            self.operators.close,
        ]
        for close in closers:
            try:
                close()
            except Exception:  # one stuck resource must not keep the others open
                log.exception("closing %r failed", close)


def _require(config: Config) -> str:
    """The file name for messages; ConfigError naming the key when the server is not configured."""
    name = str(config.path) if config.path else "configuration"
    for key, value in (
        ("server.url", config.server.url),
        ("server.loyalty_group", config.server.loyalty_group),
    ):
        if not value:
            raise ConfigError(f"{name}: {key}: not set; run `loyalty-pos config init --server URL ...`")
    return name


def build_core(
    config: Config,
    *,
    operator: Operator | None = None,
    token: str | None = None,
    transport: httpx.BaseTransport | None = None,
    on_queue_status: Callable[[QueueStatus], None] | None = None,
) -> Core:
    """Build the terminal core from ``config``.

    Args:
        config: the loaded configuration (``pos_client.config.load``).
        operator: who is signed on; default the configuration's CLI operator (``[cli]``).
        token: the POS token; default the one stored for ``config.path`` (keyring or 0600 file).
        transport: an httpx transport for tests; default the network.
        on_queue_status: called with the queue's status after every change (the app's status bar).

    Raises:
        ConfigError: the server is not configured (names the file and key).
        SecretError: no token stored for this configuration, or its file is readable by others.
        OutboxCorruptError: the outbox file is damaged (kept for support).
    """
    _require(config)
    if token is None:
        if config.path is None:
            raise ConfigError("configuration: no file, so no stored POS token; pass the token")
        token = load_token(config.path)
    remember_secret(token)  # the log masks its value wherever it appears
    data = config.data_path
    # Private files (docs/ARCHITECTURE.md#security): whatever an older version or a copy left readable to
    # others is narrowed at every start; the databases are created 0600 before SQLite opens them (its -wal and
    # -shm files take their mode).
    try:
        protect_data_dir(data, also=tuple(p for p in (config.path, config.outbox_path) if p is not None))
        for name in (SERIES_DB, INSTRUMENTS_DB, AUDIT_DB, OPERATORS_DB):
            private_file(data / name)
    except OSError as exc:
        raise ConfigError(f"data_dir: {data}: cannot be used: {exc.strerror or exc}") from exc
    identity = terminal_identity(config.server.url, config.server.loyalty_group, token)
    opened: list[Callable[[], None]] = []
    try:
        normaliser = Normaliser(config.scanner.prefix, config.scanner.suffix)
        catalogue = Catalogue(data / SERIES_DB, normaliser)
        opened.append(catalogue.close)
        outbox = Outbox(config.outbox_path)
        opened.append(outbox.close)
        outbox.adopt_terminal(identity)  # operations queued before identities were recorded
        cache = CardCache(data / INSTRUMENTS_DB, isolate=config.ui.isolate_personal_data)
        opened.append(cache.close)
        audit = AuditLog(data / AUDIT_DB)
        opened.append(audit.close)
        operators = OperatorStore(data / OPERATORS_DB, audit=audit)  # wrong PINs are audited
        opened.append(operators.close)
        reachability = Reachability()
        client = RememberingClient(
            config.server.url,
            config.server.loyalty_group,
            token,
            ca_bundle=config.server.ca_bundle,
            connect_timeout=config.server.connect_timeout,
            read_timeout=config.server.read_timeout,
            transport=transport,
            on_instrument=cache.remember,
            on_reach=reachability.record,
        )
    except BaseException:
        for close in reversed(opened):
            close()
        raise
    limits = LimitsMemory(data / LIMITS_FILE)
    holder: list[LoyaltyService] = []

    def current_limits() -> OfflineLimits | None:
        terminal = holder[0].last_terminal if holder else None
        return terminal.offline_limits if terminal is not None else limits.get()

    probe_timeout = httpx.Timeout(
        min(PROBE_READ_TIMEOUT, config.server.read_timeout),
        connect=min(PROBE_CONNECT_TIMEOUT, config.server.connect_timeout),
    )

    def reachable() -> bool:
        try:
            terminal = client.terminal(timeout=probe_timeout)
        except Unavailable:
            return False
        except ApiError:  # it answered (e.g. refused this token): reachable, though not usable
            return True
        limits.remember(terminal.offline_limits, terminal.currency)
        return True

    gateway = QueuedGateway(
        outbox,
        DirectGateway(client),
        series=catalogue.get,
        limits=current_limits,
        cache=cache,
        audit=audit,
        on_status=on_queue_status,
        probe=reachable,
        terminal=identity,
        reachability=reachability,
    )
    client.last_known = gateway.last_known
    recorder = WriteRecorder(gateway)
    service = LoyaltyService(
        client,
        catalogue,
        recorder,
        operator or default_operator(config),
        operators=operators,
        audit=audit,
        currency=limits.currency,
        default_currency=config.terminal.currency,
        queue=gateway,
    )
    holder.append(service)

    def remember_terminal(event: ServiceEvent) -> None:
        if event.type is EventType.FINISHED and event.action == "terminal" and service.last_terminal:
            limits.remember(service.last_terminal.offline_limits, service.last_terminal.currency)

    service.add_listener(remember_terminal)
    client.retry_policy = recorder.retry_policy = retry.RetryPolicy(
        deadline=config.server.retry_seconds, confirm=config.server.check_seconds
    )

    def fetch_limits() -> None:
        try:
            terminal = client.terminal()
        except ApiError as exc:
            log.info("could not fetch the offline limits now: %s", exc.message)
            return
        limits.remember(terminal.offline_limits, terminal.currency)

    def refresh_limits() -> None:
        """After a successful answer: fetch the offline limits when they are unknown (at once: a CLI
        command may end right after, and the terminal must know them from its first contact) or old
        (in the background: not on the path of the cashier's scan or operation)."""
        if not limits.due():
            return
        if limits.get() is None:
            fetch_limits()
        else:
            threading.Thread(target=fetch_limits, name="limits-refresh", daemon=True).start()

    client.on_success = refresh_limits
    return Core(
        config=config,
        client=client,
        catalogue=catalogue,
        outbox=outbox,
        gateway=gateway,
        service=service,
        audit=audit,
        operators=operators,
        cache=cache,
        limits=limits,
        recorder=recorder,
    )
