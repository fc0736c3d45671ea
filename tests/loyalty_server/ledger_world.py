"""The server side of the ledger state machine: a fresh reference server per example, the
terminals' HTTP clients, a registry of every operation applied or refused, and the checks of a card
against the server's own state (its GET and its history).

Why a server per example: hypothesis replays and shrinks examples, which only works when each one
starts from the same state; with one server for the module every replay met the cards as earlier
examples had left them and shrinking failed (``FlakyStrategyDefinition``). Starting a server takes
about 0.7 s, so :class:`ServerPool` starts the next one in the background while an example runs.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.loyalty_server.ledger_model import Card, Op, Terminal, Window, minor

#: Seconds an uncommitted hold lives on the test server (``--auth-ttl``): short, so holds expire
#: within an example; long enough that a commit a few steps after its pay still finds it.
AUTH_TTL = 2
#: Money ledger types and their effect on the net balance (void: the sign of what it reversed).
MONEY_SIGN = {
    "issue": 1,
    "load": 1,
    "refund": 1,
    "commit": -1,
    "unissue": -1,
    "transfer_in": 1,
    "transfer_out": -1,
}
MONEY_ZERO = {"pay", "cancel", "block", "unblock"}
#: Points ledger types and their effect on the points (return: the sign of what it reversed).
POINTS_SIGN = {"earn": 1, "spend": -1, "commit": -1, "merge_in": 1, "merge_out": -1}
POINTS_ZERO = {"pay", "cancel", "block", "unblock", "issue"}


class LedgerError(AssertionError):
    """The server broke a rule or an invariant of the ledger."""


@dataclass
class Sent:
    """One POST as sent, and its first answer (for replays)."""

    terminal: Terminal
    path: str
    body: dict[str, Any]
    key: str
    status: int
    content: bytes

    def __repr__(self) -> str:
        return f"POST {self.path} {self.body} key {self.key} by {self.terminal!r} -> {self.status}"


@dataclass
class Result:
    status: int
    body: dict[str, Any]
    content: bytes
    window: Window
    replayed: bool
    key: str

    @property
    def code(self) -> str:
        return str(self.body.get("error", {}).get("code", "?"))

    @property
    def message(self) -> str:
        return str(self.body.get("error", {}).get("message", ""))


@dataclass
class World:
    """The running server, its terminals and what the tests sent it."""

    server: RunningServer
    terminals: list[Terminal]
    clients: list[httpx.Client]
    series: dict[str, dict[str, Any]]
    # (card, applied key) -> its row types on that card (a transfer writes rows on two cards)
    rows_by_key: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    refused_keys: set[str] = field(default_factory=set)
    signs: dict[str, int] = field(default_factory=dict)  # void/return key -> sign of its effect
    voided_rewards: set[str] = field(default_factory=set)  # return keys that voided reward coupons

    @classmethod
    def connect(cls, server: RunningServer) -> World:
        terminals: list[Terminal] = []
        clients: list[httpx.Client] = []
        for i, t in enumerate(server.manifest["terminals"]):
            client = httpx.Client(
                base_url=server.group_url, headers={"Authorization": f"Bearer {t['token']}"}, timeout=30.0
            )
            me = client.get("/terminal").json()
            terminals.append(
                Terminal(i, me["terminalId"], me["merchant"]["merchantId"], frozenset(me["merchantGroups"]))
            )
            clients.append(client)
        series = {s["seriesNumber"]: s for s in clients[0].get("/series").json()["series"]}
        return cls(server, terminals, clients, series)

    def close(self) -> None:
        for c in self.clients:
            c.close()

    def home(self, card: Card) -> Terminal:
        """A terminal that may look at and act on ``card``."""
        return next(t for t in self.terminals if card.acceptor in t.groups)

    # --- HTTP --------------------------------------------------------------------------------------

    def post(self, t: Terminal, path: str, body: dict[str, Any], key: str | None = None) -> Result:
        key = key or str(uuid.uuid4())
        t0 = time.time()
        r = self.clients[t.index].post(path, json=body, headers={"Idempotency-Key": key})
        res = Result(
            r.status_code,
            r.json(),
            r.content,
            Window.of(t0, time.time()),
            "Idempotent-Replayed" in r.headers,
            key,
        )
        if r.status_code >= 500:
            raise LedgerError(f"POST {path} {body} answered {r.status_code}: {r.text}")
        return res

    def get(self, t: Terminal, path: str) -> tuple[dict[str, Any], Window]:
        t0 = time.time()
        r = self.clients[t.index].get(path)
        w = Window.of(t0, time.time())
        assert r.status_code == 200, f"GET {path}: {r.status_code} {r.text}"
        data: dict[str, Any] = r.json()
        return data, w

    def history(self, card: Card) -> list[dict[str, Any]]:
        """The card's ledger, oldest first."""
        data, _ = self.get(self.home(card), f"/instruments/{card.iid}/transactions")
        return list(reversed(data["transactions"]))

    # --- registry ----------------------------------------------------------------------------------

    def applied(self, op: Op, card: Card, extra_rows: Counter[str] | None = None) -> None:
        rows: Counter[str] = Counter({op.type: 1}) + (extra_rows or Counter())
        if op.reward_rows:
            rows["spend"] += op.reward_rows
        if op.void_rows:
            rows["void"] += op.void_rows
        self.rows_by_key[(card.iid, op.key)] = rows
        card.ops[op.key] = op

    # --- checks against the server -----------------------------------------------------------------

    def check_ledger(self, card: Card, rows: list[dict[str, Any]]) -> None:
        """Balance = the ledger's signed sum, row by row; every key applied once; nothing unknown."""
        prev = 0
        # a loyalty money account's history is in money, as a money card's, with the signs of points
        counted = card.is_points and not card.money
        after_field = "pointsAfter" if counted else "balanceAfter"
        for row in rows:
            kind = row["type"]
            size = (row["points"] or 0) if counted else minor(row["amount"] or "0")
            after = row[after_field] if counted else minor(row[after_field])
            delta = after - prev
            signs = POINTS_SIGN if card.is_points else MONEY_SIGN
            zero = POINTS_ZERO if card.is_points else MONEY_ZERO
            if kind in signs:
                want = {signs[kind] * size}
            elif kind in zero:
                want = {0}
            elif kind == "void" and row["operationId"] in self.voided_rewards:
                want = {size}  # a return voided the sale's unused reward coupon: its points come back
            elif kind in ("void", "return"):
                sign = self.signs.get(row["operationId"])
                want = {size, -size} if sign is None else {sign * size}
            else:
                raise LedgerError(f"{card.number}: ledger row of unknown type {kind}: {row}")
            if delta not in want:
                raise LedgerError(
                    f"{card.number}: the {kind} row {row['operationId']} of {size} moved the balance by "
                    f"{delta} (from {prev} to {after}); the ledger's signed sum is not the balance"
                )
            prev = after
        by_key: dict[str, Counter[str]] = {}
        for row in rows:
            by_key.setdefault(row["operationId"], Counter())[row["type"]] += 1
        for key, got in by_key.items():
            if key.startswith("seed-"):
                continue
            if key in self.refused_keys:
                raise LedgerError(f"{card.number}: the refused operation {key} has ledger rows {dict(got)}")
            want_rows = self.rows_by_key.get((card.iid, key))
            if want_rows is None:
                raise LedgerError(
                    f"{card.number}: ledger rows {dict(got)} of an operation nobody sent: {key}"
                )
            if got != want_rows:
                raise LedgerError(
                    f"{card.number}: operation {key} has ledger rows {dict(got)}, applied once it makes "
                    f"{dict(want_rows)} (applied twice?)"
                )
        for key, op in card.ops.items():
            if key not in by_key:
                raise LedgerError(f"{card.number}: the applied {op.type} {key} is missing from the ledger")
            row = next(r for r in rows if r["operationId"] == key and r["type"] == op.type)
            got_size = row["points"] if counted else minor(row["amount"] or "0")
            want_size = op.points if counted else op.amount
            if want_size is not None and got_size != want_size:
                raise LedgerError(
                    f"{card.number}: ledger {op.type} {key} is {got_size}, the answer said {want_size}"
                )
        if card.balance != prev:
            raise LedgerError(f"{card.number}: the model expects {card.balance}, the ledger sums to {prev}")


class ServerPool:
    """Fresh demo servers, one per example; the next one is started while the current one is used."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.started = 0
        self.steps = 0
        self.examples = 0
        self._starter = ThreadPoolExecutor(1, thread_name_prefix="ledger-server-start")
        self._stopper = ThreadPoolExecutor(1, thread_name_prefix="ledger-server-stop")
        self._next = self._start()

    def _start(self) -> Future[RunningServer]:
        self.started += 1
        folder = self.tmp / f"server-{self.started}"
        return self._starter.submit(start_server, folder, extra_args=["--auth-ttl", str(AUTH_TTL)])

    def take(self) -> World:
        """A world on a fresh server (and the start of the one after it)."""
        server = self._next.result()
        self._next = self._start()
        self.examples += 1
        return World.connect(server)

    def release(self, world: World) -> None:
        world.close()
        self._stopper.submit(_discard, world.server)

    def close(self) -> None:
        self._stopper.submit(_discard, self._next.result())
        self._starter.shutdown()
        self._stopper.shutdown()


def _discard(server: RunningServer) -> None:
    stop_server(server)
    shutil.rmtree(server.db_path.parent, ignore_errors=True)


def sale_invariants(card: Card) -> None:
    """Per sale: what refunds, voids and returns gave back never exceeds what the sale moved."""
    back: dict[int, int] = {}
    moved: dict[int, int] = {}
    sales = {}
    for op in card.ops.values():
        if op.sale is not None:
            sales[id(op.sale)] = op.sale
        if op.type in ("issue", "load") and op.sale is not None:
            moved[id(op.sale)] = moved.get(id(op.sale), 0) + (op.amount or 0)
        if op.type == "commit" and op.sale is not None:
            moved[id(op.sale)] = moved.get(id(op.sale), 0) + (
                (op.points if card.is_points else op.amount) or 0
            )
        if op.type in ("earn", "spend") and op.sale is not None:
            moved[id(op.sale)] = moved.get(id(op.sale), 0) + (op.points or 0)
        if op.type == "refund":
            if op.named is None or op.named.sale is None or op.named.sale.kind != "payment":
                raise LedgerError(
                    f"{card.number}: refund {op.key} of {op.amount} names no payment of this card"
                )
            if not op.reversed:
                back[id(op.named.sale)] = back.get(id(op.named.sale), 0) + (op.amount or 0)
        named = op.named
        reverses_sale = named is not None and named.sale is not None and named.type != "refund"
        if op.type in ("void", "return") and named is not None and named.sale is not None and reverses_sale:
            size = (op.points if card.is_points else op.amount) or 0
            back[id(named.sale)] = back.get(id(named.sale), 0) + size
    for sid, given in back.items():
        total = moved.get(sid, 0)
        if given > total:
            kind = sales[sid].kind if sid in sales else "?"
            raise LedgerError(
                f"{card.number}: a {kind} sale moved {total} and got {given} back "
                "(refunded + voided/returned > captured)"
            )
