"""Stateful property test of every write path that moves money or points (issue 13, item 11).

A hypothesis ``RuleBasedStateMachine`` drives the real reference server over HTTP on loopback with
random sequences of activations, live issues, loads, holds, commits (full and partial), cancels,
refunds (naming the hold, the commit, another operation or nothing), voids, unissues, blocks, balance
transfers to another card and merges of two loyalty cards of one customer (issue 19; a return of a
merged card's sale lands on the card it went to), hold expiry, points earned, held, spent (by points,
product or amount) and returned, a loyalty money account (seed 002) credited, spent by amount and
returned, from four
terminals (two of one merchant, one of another, one of a partner outside the demo groups). Every POST
carries an Idempotency-Key; replays of earlier requests must answer the stored first answer and change
nothing.

After every step each card of the example is checked against the server's own state: net = the
model's balance, available = net - open holds >= 0; for the cards the step touched, the history:
every row's balance change is its signed amount (so the balance is the ledger's signed sum), each
operation's rows appear exactly once, refused operations left no row, and per sale refunded + voided
(or returned) <= captured. The model (ledger_model.py) rules on each operation: the server must
apply what the model allows and may refuse only what it forbids (or what a limit the terminal cannot
know refuses).

Bounded in ``make test``; ``make soak`` (``LEDGER_SOAK_STEPS=10000``) runs at least that many steps.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.fixtures.server import engines_of
from tests.loyalty_server.ledger_model import (
    LIMIT_CODES,
    POINT_VALUE_MINOR,
    REWARD_THRESHOLD,
    Attempt,
    Card,
    Hold,
    Op,
    Ruling,
    Sale,
    Terminal,
    Verdict,
    earned_money,
    earned_points,
    epoch,
    minor,
    money,
    points_for_amount,
    refuse,
    rule_activate,
    rule_block,
    rule_cancel,
    rule_commit,
    rule_earn,
    rule_load,
    rule_merge,
    rule_pay,
    rule_refund,
    rule_return,
    rule_spend,
    rule_transfer,
    rule_unblock,
    rule_unissue,
    rule_void,
)
from tests.loyalty_server.ledger_world import (
    AUTH_TTL,
    LedgerError,
    Result,
    Sent,
    ServerPool,
    World,
    sale_invariants,
)

SOAK_STEPS = int(os.environ.get("LEDGER_SOAK_STEPS", "0"))
STEPS_PER_EXAMPLE = 50 if SOAK_STEPS else 30
# ``make test``'s 25 examples are shared out between the engines the module runs on (the same time in
# all, each engine covered); ``make soak`` runs its steps on each.
SETTINGS = settings(
    max_examples=100 if SOAK_STEPS else -(-25 // len(engines_of(sys.modules[__name__]))),
    stateful_step_count=STEPS_PER_EXAMPLE,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
MAX_CARDS = 7
POINTS_PRODUCTS = {"COFFEE-FREE": 50, "TOTE-BAG": 120}
LIVE_SERIES = {
    "GC-LIVE": "giftCardSeries/GC-LIVE/giftcards",
    "SC-PLN": "storeCreditSeries/SC-PLN/storecredits",
}
T = TypeVar("T")
amounts = st.one_of(st.integers(1, 3000), st.integers(1, 60000))


def reusable(s: Sent) -> bool:
    """A request with an amount or points (the rule then skips refused ones: a refused body may be
    refused again for itself before its key is looked at)."""
    return "amount" in s.body or "points" in s.body


class LedgerMachine(RuleBasedStateMachine):
    """One example: a handful of cards, random operations on them, checks after every step."""

    pool: ServerPool

    def __init__(self) -> None:
        super().__init__()
        self.world: World = self.pool.take()
        self.cards: list[Card] = []
        self.sent: list[Sent] = []
        self.touched: set[str] = set()
        self.problem: str | None = None

    # --- set-up ------------------------------------------------------------------------------------

    @initialize(data=st.data())
    def pick_cards(self, data: st.DataObject) -> None:
        samples = self.world.server.manifest["samples"]
        wanted = [
            ("giftcard_active", 2),  # two: a balance transfer needs two cards of one series
            ("giftcard_preissued", 1),
            ("storecredit_active", 1),
            ("loyaltycard_active", 2),  # two: a merge needs two cards of one customer
            ("loyaltymoney_active", 1),
            ("not_accepted_here", 1),
        ]
        for pool, count in wanted:
            numbers = list(samples[pool])
            if pool == "loyaltycard_active":
                numbers = numbers[1:]  # the first one has pending (not yet vested) points
            for _ in range(count):
                number = data.draw(st.sampled_from(numbers), label=pool)
                if all(c.number != number for c in self.cards):
                    self._import(number, pool)
        if data.draw(st.integers(0, 3), label="one customer's loyalty cards") != 0:
            self._one_customer()

    def _one_customer(self) -> None:
        """Link the loyalty cards to one customer (the first one's, or a new one), as a merge needs."""
        cards = self.points_cards()
        if len(cards) < 2:
            return
        t = self.world.home(cards[0])
        owner = next((c.customer for c in cards if c.customer is not None), None)
        for card in cards:
            if card.customer is not None:
                continue
            if owner is None:
                phone = f"+48 6{int(uuid.uuid4().int % 10**8):08d}"
                body: dict[str, Any] = {"phone": phone, "cardNumber": card.number}
                res = self.world.post(t, "/customers", body)
                path = "/customers"
            else:
                path = f"/customers/{owner}/cards"
                res = self.world.post(t, path, {"cardNumber": card.number})
            if res.status != 200:
                raise LedgerError(f"setting up a customer: POST {path} answered {res.status} {res.code}")
            owner = str(res.body["customerId"])
            card.customer = owner

    def _import(self, number: str, pool: str) -> None:
        kind = (
            "loyaltycard"
            if pool.startswith("loyalty")
            else "storecredit"
            if pool.startswith("store")
            else "giftcard"
        )
        segment = {"giftcard": "giftcards", "storecredit": "storecredits", "loyaltycard": "loyaltycards"}[
            kind
        ]
        for t in self.world.terminals:
            got, _ = self.world.get(t, f"/{segment}/{number}")
            if got["acceptableHere"]:
                break
        card = self._card(got)
        rows = self.world.history(card)
        card.moved = any(r["type"] not in ("issue", "block", "unblock") for r in rows)
        self.world.check_ledger(card, rows)
        self.cards.append(card)

    def _card(self, got: dict[str, Any]) -> Card:
        card = self._card_of_series(
            self.world.series[got["seriesNumber"]], got["number"], got["instrumentId"]
        )
        card.status = got["status"]
        if got["kind"] == "loyaltycard":
            card.balance = int(got["points"]["balance"])
            card.money = got.get("account") == "money"
            card.customer = got["customer"]["customerId"] if got.get("customer") else None
        else:
            card.balance = minor(got["account"]["amountNet"])
        return card

    @staticmethod
    def _card_of_series(s: dict[str, Any], number: str, iid: str) -> Card:
        return Card(
            iid=iid,
            number=number,
            kind=s["kind"],
            series=s["seriesNumber"],
            acceptor=s["acceptorMerchantGroup"],
            issuer=s["issuerMerchantGroup"],
            issue_mode=s["issueMode"],
            amount_mode=s["amountMode"],
            fixed=None if s["fixedAmount"] is None else minor(s["fixedAmount"]),
            min_amount=None if s["minAmount"] is None else minor(s["minAmount"]),
            max_amount=None if s["maxAmount"] is None else minor(s["maxAmount"]),
            status="preissued",
            balance=0,
            moved=False,
            status_before_block=None,
        )

    def teardown(self) -> None:
        self.pool.release(self.world)

    # --- plumbing ----------------------------------------------------------------------------------

    def choose(self, data: st.DataObject, items: Sequence[T], label: str) -> T:
        """One of ``items``, drawn by index (the report shows the item's short repr, not its fields)."""
        item = items[data.draw(st.integers(0, len(items) - 1), label=label)]
        note(f"  {label}: {item!r}")
        return item

    def send(self, t: Terminal, path: str, body: dict[str, Any], card: Card | None, kind: str) -> Result:
        res = self.world.post(t, path, body)
        self.sent.append(Sent(t, path, body, res.key, res.status, res.content))
        if card is not None:
            card.attempts.append(Attempt(res.key, kind, t))
        answer = "applied" if res.status == 200 else f"{res.status} {res.code}"
        note(f"  POST {path} {body} by {t!r}: {answer}")
        return res

    def settle(self, ruling: Ruling, res: Result, what: str, *, value_creating: bool = False) -> bool:
        """Did the server apply it? Notes a broken rule (raised after the state checks)."""
        if res.status == 200:
            if ruling.verdict is Verdict.REFUSE and self.problem is None:
                note(f"  the model: {ruling.verdict.value}, {ruling.why}")
                self.problem = f"the server applied {what} although the model says: {ruling.why}"
            return True
        self.world.refused_keys.add(res.key)
        limit = value_creating and res.code in LIMIT_CODES
        if ruling.verdict is Verdict.APPLY and not limit and self.problem is None:
            note(f"  the model: {ruling.verdict.value}, {ruling.why}")
            self.problem = f"the server refused {what} ({res.code}: {res.message}) although {ruling.why}"
        return False

    def op(self, card: Card, res: Result, t: Terminal, kind: str, **kw: Any) -> Op:
        body = res.body
        counted = card.is_points and not card.money  # a money account answers money, as a money card
        amount = None if counted or body.get("amount") is None else minor(body["amount"])
        op = Op(res.body["operationId"], t, kind, amount, body.get("points") if counted else None, **kw)
        self.world.applied(op, card)
        for attempt in card.attempts:
            if attempt.key == op.key:
                attempt.op = op
        self.touched.add(card.iid)
        self._sync_status(card, body["instrument"]["status"])
        return op

    def _sync_status(self, card: Card, status: str) -> None:
        """A store credit closes when spent and reopens when money comes back (docs/API.md)."""
        if card.kind == "storecredit" and {card.status, status} == {"active", "closed"}:
            card.status = status

    def pick_term(self, data: st.DataObject) -> Terminal:
        return self.choose(data, self.world.terminals, "terminal")

    def money_cards(self) -> list[Card]:
        return [c for c in self.cards if not c.is_points]

    def reversal_card(self, data: st.DataObject) -> Card:
        """A money card for a refund or a void: mostly one with payments (else random sequences
        seldom reach the second reversal of a sale, where money leaks)."""
        paid = [c for c in self.money_cards() if any(a.type == "pay" for a in c.attempts)]
        if paid and data.draw(st.integers(0, 3), label="a paid card") != 0:
            return self.choose(data, paid, "card")
        return self.choose(data, self.money_cards(), "card")

    def points_cards(self) -> list[Card]:
        """Loyalty cards that keep points (a money account is refused points and holds of points)."""
        return [c for c in self.cards if c.is_points and not c.money]

    def loyalty_cards(self) -> list[Card]:
        """Every loyalty card: points, or a money account (earned, spent by amount, returned alike)."""
        return [c for c in self.cards if c.is_points]

    def all_holds(self) -> list[Hold]:
        return [h for c in self.cards for h in c.holds]

    def named_key(
        self, data: st.DataObject, card: Card, favour: tuple[str, ...]
    ) -> tuple[str | None, Op | None]:
        """An original to name: one of the card's own operations (favouring ``favour``), another
        card's, a made-up one, or nothing; with the operation the model knows applied, if any."""
        own = [a for a in card.attempts if a.type in favour] or card.attempts
        others = [a.key for c in self.cards if c is not card for a in c.attempts]
        choice = self.choose(data, ["own"] * 5 + ["any", "other", "none", "made-up"], "names")
        if choice == "own" and own:
            attempt = self.choose(data, own, "original")
            return attempt.key, attempt.op
        if choice == "any" and card.attempts:
            attempt = self.choose(data, card.attempts, "original")
            return attempt.key, attempt.op
        if choice == "other" and others:
            return self.choose(data, others, "other card's op"), None
        if choice == "none":
            return None, None
        return str(uuid.uuid4()), None

    def share(self, data: st.DataObject, whole: int, fallback: int, label: str) -> int:
        """Often a part of ``whole`` (1..whole), else ``fallback``; draws the same either way."""
        within = data.draw(st.booleans(), label=f"{label} within")
        percent = data.draw(st.integers(1, 100), label=f"{label} percent")
        if within and whole > 0:
            return max(1, whole * percent // 100)
        return fallback

    def ruled(self, card: Card, ruling: Ruling) -> Ruling:
        return ruling if card.exists else refuse("no such card (its live issue was refused)")

    # --- money -------------------------------------------------------------------------------------

    @precondition(lambda self: len(self.cards) < MAX_CARDS)
    @rule(data=st.data(), series=st.sampled_from(sorted(LIVE_SERIES)), amount=amounts)
    def live_issue(self, data: st.DataObject, series: str, amount: int) -> None:
        t = self.pick_term(data)
        s = self.world.series[series]
        probe = self._card_of_series(s, number=f"NOSUCHCARD{len(self.cards)}", iid="")
        ruling = rule_activate(t, probe, amount)
        body = {"amount": money(amount), "currency": "PLN"}
        res = self.send(t, f"/{LIVE_SERIES[series]}/_issue", body, None, "issue")
        what = f"live issue of {money(amount)} from {series} at {t!r}"
        if self.settle(ruling, res, what, value_creating=True):
            card = self._card(res.body["instrument"])
            card.balance = 0
            card.attempts.append(Attempt(res.key, "issue", t))
            self.cards.append(card)
            self._issued(card, res, t)
        else:
            probe.exists = False
            probe.status = "closed"
            self.cards.append(probe)
        self.finish()

    def _issued(self, card: Card, res: Result, t: Terminal) -> None:
        amount = minor(res.body["amount"])
        card.balance += amount
        card.status = "active"
        self.op(card, res, t, "issue", sale=Sale("issue", amount, amount))

    @precondition(lambda self: any(c.issue_mode == "preissued" for c in self.money_cards()))
    @rule(data=st.data(), amount=amounts)
    def activate(self, data: st.DataObject, amount: int) -> None:
        cards = [c for c in self.money_cards() if c.issue_mode == "preissued"]
        card = self.choose(data, cards, "card")
        t = self.pick_term(data)
        sent: int | None = amount
        if card.amount_mode == "fixed":
            sent = self.choose(data, [None, card.fixed, amount], "fixed amount")
        body: dict[str, Any] = {"currency": "PLN"}
        if sent is not None:
            body["amount"] = money(sent)
        ruling = rule_activate(t, card, sent)
        res = self.send(t, f"/giftcards/{card.number}/_issue", body, card, "issue")
        if self.settle(ruling, res, f"activation of {card!r} with {body} at {t!r}", value_creating=True):
            self._issued(card, res, t)
        self.finish()

    @rule(data=st.data(), amount=amounts)
    def load(self, data: st.DataObject, amount: int) -> None:
        card = self.choose(data, self.money_cards(), "card")
        t = self.pick_term(data)
        ruling = self.ruled(card, rule_load(t, card))
        body = {"amount": money(amount), "currency": "PLN"}
        res = self.send(t, f"/{card.segment}/{card.number}/_load", body, card, "load")
        if self.settle(ruling, res, f"load of {money(amount)} on {card!r} at {t!r}", value_creating=True):
            card.balance += amount
            card.moved = True
            self.op(card, res, t, "load", sale=Sale("load", amount, amount))
        self.finish()

    @rule(data=st.data(), amount=amounts)
    def pay(self, data: st.DataObject, amount: int) -> None:
        card = self.choose(data, self.money_cards(), "card")
        t = self.pick_term(data)
        amount = self.share(data, card.balance, amount, "amount")
        body = {"amount": money(amount), "currency": "PLN", "reference": "sale"}
        res = self.send(t, f"/{card.segment}/{card.number}/_pay", body, card, "pay")
        ruling = self.ruled(card, rule_pay(t, card, amount, res.window))
        self._hold(
            card, res, t, amount, self.settle(ruling, res, f"hold of {money(amount)} on {card!r} at {t!r}")
        )
        self.finish()

    @rule(data=st.data(), partial=st.booleans())
    def sale(self, data: st.DataObject, partial: bool) -> None:
        """A whole sale at one till: a hold within the balance, committed at once (in full or part)."""
        card = self.choose(data, self.money_cards(), "card")
        t = self.pick_term(data)
        amount = self.share(data, card.balance, 1, "amount")
        body = {"amount": money(amount), "currency": "PLN", "reference": "sale"}
        res = self.send(t, f"/{card.segment}/{card.number}/_pay", body, card, "pay")
        ruling = self.ruled(card, rule_pay(t, card, amount, res.window))
        placed = self.settle(ruling, res, f"hold of {money(amount)} on {card!r} at {t!r}")
        self._hold(card, res, t, amount, placed)
        if placed:
            self.finish()
            self._commit(card.holds[-1], t, max(1, amount // 2) if partial else None)
        self.finish()

    def _hold(self, card: Card, res: Result, t: Terminal, amount: int, placed: bool) -> None:
        if not placed:
            card.holds.append(Hold(f"A-NOTPLACED{len(card.holds)}", card, res.key, t, amount, 0, "refused"))
            return
        card.moved = True
        hold = Hold(res.body["authCode"], card, res.key, t, amount, epoch(res.body["authExpires"]))
        card.holds.append(hold)
        self.op(card, res, t, "pay", sale=Sale("payment", 0, 0), hold=hold)

    @precondition(lambda self: bool(self.all_holds()))
    @rule(data=st.data())
    def commit(self, data: st.DataObject) -> None:
        hold = self.choose(data, self.all_holds(), "hold")
        t = self.choose(data, [hold.terminal, *self.world.terminals], "terminal")
        how = self.choose(data, ["full", "partial", "exact", "more"], "commit")
        part = data.draw(st.integers(1, 100), label="part percent")
        amount = {"full": None, "exact": hold.amount, "more": hold.amount + 1}.get(how)
        if how == "partial":
            amount = max(1, hold.amount * part // 100)
        self._commit(hold, t, amount)
        self.finish()

    def _commit(self, hold: Hold, t: Terminal, amount: int | None) -> None:
        card = hold.card
        body: dict[str, Any] = {}
        if amount is not None:
            body = {"points": amount} if card.is_points else {"amount": money(amount)}
        path = f"/{card.segment}/{card.number}/authorizations/{hold.code}/_commit"
        res = self.send(t, path, body, card, "commit")
        ruling = self.ruled(card, rule_commit(t, hold, amount, res.window))
        if self.settle(ruling, res, f"commit {body or 'in full'} of {hold!r} at {t!r}"):
            taken = int(res.body["points"]) if card.is_points else minor(res.body["amount"])
            if taken != (amount or hold.amount):
                self.problem = self.problem or f"commit took {taken}, asked {amount or hold.amount}"
            hold.state = "committed"
            pay_op = card.ops.get(hold.pay_key)
            sale = pay_op.sale if pay_op is not None else None
            if sale is not None:
                sale.amount += taken
                sale.left += taken
            card.balance -= taken
            self.op(card, res, t, "commit", sale=sale, hold=hold)

    @precondition(lambda self: bool(self.all_holds()))
    @rule(data=st.data(), by_id=st.booleans())
    def cancel(self, data: st.DataObject, by_id: bool) -> None:
        hold = self.choose(data, self.all_holds(), "hold")
        card = hold.card
        t = self.choose(data, [hold.terminal, *self.world.terminals], "terminal")
        path = f"/{card.segment}/{card.number}/authorizations/{hold.code}/_cancel"
        if by_id and card.exists:
            path = f"/instruments/{card.iid}/authorizations/{hold.code}/_cancel"
        ruling = self.ruled(card, rule_cancel(t, hold))
        res = self.send(t, path, {}, card, "cancel")
        if self.settle(ruling, res, f"cancel of {hold!r} at {t!r}"):
            hold.state = "cancelled"
            self.op(card, res, t, "cancel", hold=hold)
        self.finish()

    @rule(data=st.data(), amount=amounts)
    def refund(self, data: st.DataObject, amount: int) -> None:
        card = self.reversal_card(data)
        t = self.pick_term(data)
        key, named = self.named_key(data, card, ("pay", "commit"))
        sale = named.sale if named is not None else None
        # a part of what is left, a part of what the sale took (more than is left once refunded), any
        whole = self.choose(data, ["left", "captured", "captured", "any"], "refund of")
        size = {"left": sale.left if sale else 0, "captured": sale.amount if sale else 0}.get(whole, 0)
        amount = self.share(data, size, amount, "amount")
        body: dict[str, Any] = {"amount": money(amount), "currency": "PLN"}
        if key is not None:
            body["originalOperationId"] = key
        ruling = self.ruled(card, rule_refund(t, card, named if key is not None else None, amount))
        if key is not None and named is None and ruling.verdict is not Verdict.REFUSE:
            ruling = refuse("the named operation is not one of this card's")
        res = self.send(t, f"/{card.segment}/{card.number}/_refund", body, card, "refund")
        what = f"refund of {money(amount)} on {card!r} naming {named!r} ({key}) at {t!r}"
        if self.settle(ruling, res, what, value_creating=True):
            got = minor(res.body["amount"])
            card.balance += got
            card.moved = True
            sale = named.sale if named is not None else None
            if sale is not None:
                sale.left -= got
            self.op(card, res, t, "refund", named=named, sale=sale)
        self.finish()

    @rule(data=st.data())
    def void(self, data: st.DataObject) -> None:
        card = self.reversal_card(data)
        t = self.pick_term(data)
        by_maker = data.draw(st.booleans(), label="by its maker")
        if by_maker and card.attempts:
            attempt = self.choose(data, card.attempts, "original")
            t, key, named = attempt.terminal, attempt.key, attempt.op
        else:
            key, named = self.named_key(data, card, ("load", "pay", "commit", "refund"))
        key = key or str(uuid.uuid4())
        res = self.send(t, f"/{card.segment}/{card.number}/_void", {"originalOperationId": key}, card, "void")
        ruling = self.ruled(card, rule_void(t, card, named, res.window))
        what = f"void of {named!r} ({key}) on {card!r} at {t!r}"
        if self.settle(ruling, res, what):
            got = minor(res.body["amount"])
            card.moved = True
            sign = 1 if named is not None and named.type in ("pay", "commit") else -1
            self.world.signs[res.key] = sign
            card.balance += sign * got
            if named is not None and named.type == "refund":
                named.reversed = True
                if named.sale is not None:
                    named.sale.left += got
            elif named is not None and named.sale is not None:
                named.sale.left -= got
                named.sale.voided = True
                named.reversed = True
                if named.hold is not None and named.hold.state == "pending":
                    named.hold.state = "cancelled"
            self.op(card, res, t, "void", named=named)
        self.finish()

    @rule(data=st.data())
    def unissue(self, data: st.DataObject) -> None:
        card = self.choose(data, self.money_cards(), "card")
        t = self.pick_term(data)
        ruling = self.ruled(card, rule_unissue(t, card))
        res = self.send(t, f"/{card.segment}/{card.number}/_unissue", {}, card, "unissue")
        if self.settle(ruling, res, f"unissue of {card!r} at {t!r}"):
            got = minor(res.body["amount"])
            if got != card.balance:
                self.problem = self.problem or f"unissue took {got} of a card holding {card.balance}"
            card.balance -= got
            card.moved = True
            card.status = "preissued" if card.issue_mode == "preissued" else "closed"
            self.op(card, res, t, "unissue")
        self.finish()

    @rule(data=st.data(), reason=st.sampled_from(["lost", "stolen", "damaged", "other"]))
    def block(self, data: st.DataObject, reason: str) -> None:
        card = self.choose(data, self.cards, "card")
        t = self.pick_term(data)
        ruling = self.ruled(card, rule_block(t, card))
        res = self.send(t, f"/{card.segment}/{card.number}/_block", {"reason": reason}, card, "block")
        if self.settle(ruling, res, f"block of {card!r} at {t!r}"):
            card.status_before_block = card.status
            card.status = "blocked"
            self.op(card, res, t, "block")
        self.finish()

    @rule(data=st.data())
    def unblock(self, data: st.DataObject) -> None:
        card = self.choose(data, self.cards, "card")
        t = self.pick_term(data)
        ruling = self.ruled(card, rule_unblock(t, card))
        res = self.send(t, f"/{card.segment}/{card.number}/_unblock", {}, card, "unblock")
        if self.settle(ruling, res, f"unblock of {card!r} at {t!r}"):
            card.status = card.status_before_block or "active"
            self.op(card, res, t, "unblock")
        self.finish()

    @rule(data=st.data(), reason=st.sampled_from(["lost", "damaged"]))
    def transfer(self, data: st.DataObject, reason: str) -> None:
        """A card's whole balance onto another card of its series; the source is blocked (issue 19)."""
        source = self.choose(data, self.money_cards(), "card")
        # mostly another card of its series (random pairs are seldom of one series)
        kin = [c for c in self.money_cards() if c.series == source.series and c is not source]
        if kin and data.draw(st.integers(0, 3), label="a card of its series") != 0:
            target = self.choose(data, kin, "target")
        else:
            target = self.choose(data, self.money_cards(), "target")
        accepting = [t for t in self.world.terminals if source.acceptor in t.groups]
        if accepting and data.draw(st.integers(0, 3), label="a terminal that accepts it") != 0:
            t = self.choose(data, accepting, "terminal")
        else:
            t = self.pick_term(data)
        body = {"targetNumber": target.number, "reason": reason, "approvedBy": "marek"}
        res = self.send(t, f"/{source.segment}/{source.number}/_transfer", body, source, "transfer_out")
        target.attempts.append(Attempt(res.key, "transfer_in", t))
        ruling = rule_transfer(t, source, target, res.window)
        # a limit (the target series' maxBalance) may refuse what the model allows
        if self.settle(ruling, res, f"transfer from {source!r} to {target!r} at {t!r}", value_creating=True):
            amount = minor(res.body["amount"])
            if amount != source.balance:
                self.problem = self.problem or f"transfer moved {amount} of a card holding {source.balance}"
            out = Op(res.key, t, "transfer_out", amount, None)
            self.world.applied(out, source, Counter({"block": 1}))
            for attempt in source.attempts:
                if attempt.key == res.key:
                    attempt.op = out
            source.balance -= amount
            source.moved = True
            if source.status != "blocked":
                source.status_before_block = source.status
            source.status = "blocked"
            for op in source.ops.values():  # nothing of its sales can be given back onto it any more
                if op.sale is not None:
                    op.sale.left = 0
            self.touched.add(source.iid)
            target.balance += amount
            target.moved = True
            self.op(target, res, t, "transfer_in")
        self.finish()

    @precondition(lambda self: len([c for c in self.cards if c.is_points]) >= 2)
    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        """A loyalty card's points onto the customer's other card; the source closes (issue 19)."""
        cards = self.points_cards()
        source = self.choose(data, cards, "card")
        others = [c for c in cards if c is not source]
        if others and data.draw(st.integers(0, 5), label="another card") != 0:
            target = self.choose(data, others, "target")
        else:
            target = self.choose(data, cards, "target")
        accepting = [t for t in self.world.terminals if source.acceptor in t.groups]
        if accepting and data.draw(st.integers(0, 3), label="a terminal that accepts it") != 0:
            t = self.choose(data, accepting, "terminal")
        else:
            t = self.pick_term(data)
        body = {"targetNumber": target.number, "approvedBy": "marek"}
        res = self.send(t, f"/loyaltycards/{source.number}/_merge", body, source, "merge_out")
        if target is not source:
            target.attempts.append(Attempt(res.key, "merge_in", t))
        ruling = rule_merge(t, source, target, res.window)
        if self.settle(ruling, res, f"merge of {source!r} into {target!r} at {t!r}"):
            moved = int(res.body["points"])
            if moved != source.balance:
                self.problem = (
                    self.problem or f"a merge moved {moved} points of a card holding {source.balance}"
                )
            if res.body["source"]["mergedInto"] != target.number:
                self.problem = self.problem or f"the merged card points to {res.body['source']['mergedInto']}"
            out = Op(res.key, t, "merge_out", None, moved)
            self.world.applied(out, source)
            for attempt in source.attempts:
                if attempt.key == res.key:
                    attempt.op = out
            source.balance -= moved
            source.moved = True
            source.status = "closed"
            source.merged_into = target.number
            self.touched.add(source.iid)
            target.balance += moved
            target.moved = True
            self.op(target, res, t, "merge_in")
        self.finish()

    def merged_end(self, card: Card) -> Card:
        """The card a merged card's points went to, at the end of the merge chain (or the card)."""
        seen = {card.iid}
        while card.merged_into is not None:
            card = next(c for c in self.cards if c.number == card.merged_into)
            if card.iid in seen:
                raise LedgerError(f"a merge chain loops at {card!r}")
            seen.add(card.iid)
        return card

    @precondition(lambda self: bool(self.all_holds()))
    @rule(data=st.data())
    def expire_holds(self, data: st.DataObject) -> None:
        """Wait until an open hold has expired (the server's TTL is AUTH_TTL seconds); rarely, as
        each wait costs up to AUTH_TTL seconds."""
        if data.draw(st.integers(0, 3), label="wait") != 0:
            return
        now = time.time()
        waiting = [h.expires for h in self.all_holds() if h.state == "pending" and h.expires > now]
        if waiting:
            time.sleep(max(0.0, min(min(waiting) - now + 0.02, AUTH_TTL + 1)))
        self.touched.update(c.iid for c in self.cards if c.holds)
        self.finish()

    # --- points ------------------------------------------------------------------------------------

    @precondition(lambda self: any(c.is_points for c in self.cards))
    @rule(data=st.data(), amount=st.integers(1, 30000))
    def earn(self, data: st.DataObject, amount: int) -> None:
        card = self.choose(data, self.loyalty_cards(), "card")
        t = self.pick_term(data)
        ruling = rule_earn(t, card)
        body = {"amount": money(amount), "reference": "basket"}
        res = self.send(t, f"/loyaltycards/{card.number}/_earn", body, card, "earn")
        if self.settle(ruling, res, f"earn on {money(amount)} on {card!r} at {t!r}"):
            # a money account is credited money (its answer's amount), by its own rules
            pts = minor(res.body["amount"]) if card.money else int(res.body["points"])
            want = earned_money(amount) if card.money else earned_points(amount)
            rewards = len(res.body["rewards"])
            if pts != want:
                self.problem = self.problem or (
                    f"a basket of {money(amount)} earned {pts} on {card!r}, the rules give {want}"
                )
            card.balance += pts - REWARD_THRESHOLD * rewards
            card.moved = True
            sale = Sale("earn", pts, pts, base_amount=amount, rewards=rewards)
            self.op(card, res, t, "earn", sale=sale, reward_rows=rewards)
            if not card.money and res.body["instrument"]["points"]["balance"] >= REWARD_THRESHOLD:
                self.problem = self.problem or "an earn left a whole reward threshold of points unrewarded"
        self.finish()

    @precondition(lambda self: any(c.is_points for c in self.cards))
    @rule(data=st.data(), amount=st.integers(1, 6000))
    def spend_amount(self, data: st.DataObject, amount: int) -> None:
        """Pay an amount with a loyalty card: the whole points worth it (rounded up), or money."""
        card = self.choose(data, self.loyalty_cards(), "card")
        t = self.pick_term(data)
        unit = 1 if card.money else POINT_VALUE_MINOR
        amount = self.share(data, card.balance * unit, amount, "amount")
        units = amount if card.money else points_for_amount(amount)
        body = {"amount": money(amount), "reference": "sale"}
        res = self.send(t, f"/loyaltycards/{card.number}/_redeem", body, card, "spend")
        ruling = rule_spend(t, card, units, res.window)
        what = f"pay {money(amount)} with {card!r} at {t!r}"
        if self.settle(ruling, res, what):
            got = minor(res.body["amount"]) if card.money else int(res.body["points"])
            if got != units or res.body["amount"] != money(amount):
                self.problem = self.problem or (
                    f"{what} took {got} ({res.body['amount']}), the series' rounding gives {units}"
                )
            card.balance -= got
            card.moved = True
            self.op(card, res, t, "spend", sale=Sale("spend", got, got))
        self.finish()

    @precondition(lambda self: any(c.is_points for c in self.cards))
    @rule(data=st.data(), points=st.integers(1, 400))
    def points_pay(self, data: st.DataObject, points: int) -> None:
        card = self.choose(data, self.points_cards(), "card")
        t = self.pick_term(data)
        points = self.share(data, card.balance, points, "points")
        body = {"points": points, "reference": "sale"}
        res = self.send(t, f"/loyaltycards/{card.number}/_pay", body, card, "pay")
        ruling = rule_spend(t, card, points, res.window)
        self._hold(
            card, res, t, points, self.settle(ruling, res, f"points hold of {points} on {card!r} at {t!r}")
        )
        self.finish()

    @precondition(lambda self: any(c.is_points for c in self.cards))
    @rule(
        data=st.data(), points=st.integers(1, 400), product=st.sampled_from([None, *sorted(POINTS_PRODUCTS)])
    )
    def redeem(self, data: st.DataObject, points: int, product: str | None) -> None:
        card = self.choose(data, self.points_cards(), "card")
        t = self.pick_term(data)
        points = self.share(data, card.balance, points, "points")
        body: dict[str, Any] = {"points": points} if product is None else {"productCode": product}
        price = points if product is None else POINTS_PRODUCTS[product]
        res = self.send(t, f"/loyaltycards/{card.number}/_redeem", body, card, "spend")
        ruling = rule_spend(t, card, price, res.window)
        if self.settle(ruling, res, f"redeem of {body} on {card!r} at {t!r}"):
            got = int(res.body["points"])
            card.balance -= got
            card.moved = True
            self.op(card, res, t, "spend", sale=Sale("spend", got, got))
        self.finish()

    def rewards_voided(self, card: Card, key: str, sale: Sale | None, taking: int, what: str) -> int:
        """How many of the returned sale's reward coupons the return voided (docs/API.md, returns and
        rewards: only unused ones, only while the card's points cannot cover what the return takes);
        each gives its points back on a 'void' row of the return's own key."""
        voided = sum(
            1 for row in self.world.history(card) if row["operationId"] == key and row["type"] == "void"
        )
        if not voided:
            return 0
        if sale is None or sale.kind != "earn" or voided > sale.rewards:
            self.problem = self.problem or f"{what} voided {voided} reward coupon(s) the sale never gave"
            return voided
        if card.balance >= taking:
            self.problem = self.problem or (
                f"{what} voided a reward coupon although the card's {card.balance} points cover {taking}"
            )
        sale.rewards -= voided
        self.world.voided_rewards.add(key)
        return voided

    @precondition(lambda self: any(c.is_points for c in self.cards))
    @rule(data=st.data(), amount=st.one_of(st.none(), st.integers(1, 30000)))
    def points_return(self, data: st.DataObject, amount: int | None) -> None:
        # often a merged card once there is one (its sales' returns go to the card it was merged into)
        merged = [c for c in self.points_cards() if c.merged_into is not None]
        if merged and data.draw(st.integers(0, 1), label="a merged card") == 0:
            card = self.choose(data, merged, "card")
        else:
            card = self.choose(data, self.loyalty_cards(), "card")
        t = self.pick_term(data)
        key, named = self.named_key(data, card, ("earn", "spend", "pay", "commit"))
        key = key or str(uuid.uuid4())
        body: dict[str, Any] = {"originalOperationId": key}
        if amount is not None:
            body["amount"] = money(amount)
        # a merged card's sale is returned on the card its points went to (docs/API.md)
        dest = self.merged_end(card)
        ruling, want = rule_return(t, card, named, amount, applied_to=dest)
        res = self.send(t, f"/loyaltycards/{card.number}/_return", body, card, "return")
        if dest is not card:
            dest.attempts.append(Attempt(res.key, "return", t))
        what = f"return {body} of {named!r} on {card!r} (applied to {dest!r}) at {t!r}"
        if self.settle(ruling, res, what):
            got = minor(res.body["amount"]) if card.money else int(res.body["points"])
            if ruling.verdict is Verdict.APPLY and got != want:
                self.problem = self.problem or f"{what} moved {got} points, the rule gives {want}"
            if res.body["instrument"]["number"] != dest.number:
                self.problem = self.problem or f"{what} was applied to {res.body['instrument']['number']}"
            sale = named.sale if named is not None else None
            sign = -1 if sale is not None and sale.kind == "earn" else 1
            self.world.signs[res.key] = sign
            voided = self.rewards_voided(dest, res.key, sale, got, what)
            dest.balance += sign * got + REWARD_THRESHOLD * voided
            if sale is not None:
                sale.left -= got
            # on another card the sale is not that card's own: the model's rule (sale.left) bounds it
            self.op(dest, res, t, "return", named=named if dest is card else None, void_rows=voided)
        self.finish()

    # --- idempotency -------------------------------------------------------------------------------

    @precondition(lambda self: bool(self.sent))
    @rule(data=st.data())
    def replay(self, data: st.DataObject) -> None:
        """The same key and body again: the stored first answer, byte for byte, and no new effect."""
        s = self.choose(data, self.sent, "request")
        res = self.world.post(s.terminal, s.path, s.body, key=s.key)
        # A body refused by its shape (400) is refused before its key is looked at: the same answer
        # comes back, without the replay header; everything else is the stored first answer.
        stored = res.replayed or res.status == 400
        if (res.status, res.content) != (s.status, s.content) or not stored:
            self.problem = self.problem or (
                f"replay of {s.path} {s.body} answered {res.status} {res.content[:300]!r}, first {s.status} "
                f"{s.content[:300]!r} (replayed header: {res.replayed})"
            )
        self.touched.update(c.iid for c in self.cards)
        self.finish()

    @precondition(lambda self: any(reusable(s) for s in self.sent))
    @rule(data=st.data())
    def reuse_key(self, data: st.DataObject) -> None:
        """The same key with another body: 422 IDEMPOTENCY_MISMATCH and no effect."""
        s = self.choose(
            data,
            [s for s in self.sent if reusable(s)],
            label="request",
        )
        if s.status != 200:
            return
        body = dict(s.body)
        if "amount" in body:
            body["amount"] = money(minor(body["amount"]) + 1)
        else:
            body["points"] = int(body["points"]) + 1
        res = self.world.post(s.terminal, s.path, body, key=s.key)
        if res.status != 422 or res.code != "IDEMPOTENCY_MISMATCH":
            self.problem = self.problem or f"key reused with another body answered {res.status} {res.code}"
        self.touched.update(c.iid for c in self.cards)
        self.finish()

    # --- checks ------------------------------------------------------------------------------------

    def finish(self) -> None:
        """Check every card against the server, then report a broken rule of this step."""
        self.pool.steps += 1
        for card in self.cards:
            if card.exists:
                self.check_card(card, deep=card.iid in self.touched)
        self.touched.clear()
        if self.problem is not None:
            raise LedgerError(self.problem)

    def check_card(self, card: Card, *, deep: bool) -> None:
        t = self.world.home(card)
        got, w = self.world.get(t, f"/{card.segment}/{card.number}")
        self._sync_status(card, got["status"])
        if got["status"] != card.status:
            raise LedgerError(f"{card.number} is {got['status']}, the model says {card.status}")
        sure, maybe = card.held(w)
        if card.is_points:
            balance = int(got["points"]["balance"])
            if not card.balance - sure - maybe <= balance <= card.balance - sure:
                raise LedgerError(
                    f"{card.number}: points balance {balance}, the model has {card.balance} less holds of "
                    f"{sure} (+{maybe} expiring)"
                )
            # a debt comes from a return of an earn, here or on a card merged into this one
            if balance < 0 and not any(op.type in ("return", "merge_in") for op in card.ops.values()):
                raise LedgerError(f"{card.number}: negative points {balance} without a return of an earn")
            if card.money and got["money"]["balance"] != money(balance):
                raise LedgerError(f"{card.number}: money balance {got['money']['balance']}, points {balance}")
        else:
            acc = {k: minor(v) for k, v in got["account"].items()}
            net, held, available = acc["amountNet"], acc["amountAuthorized"], acc["amountAvailable"]
            if net != card.balance:
                raise LedgerError(f"{card.number}: net {net}, the model expects {card.balance}")
            if not sure <= held <= sure + maybe:
                raise LedgerError(
                    f"{card.number}: {held} authorised, the open holds are {sure} (+{maybe} expiring)"
                )
            if available != net - held or available < 0:
                raise LedgerError(f"{card.number}: available {available} with net {net} and {held} held")
        if deep:
            self.world.check_ledger(card, self.world.history(card))
            sale_invariants(card)


@pytest.fixture(scope="module")
def pool(server_engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerPool]:
    servers = ServerPool(tmp_path_factory.mktemp("ledger-servers"))
    yield servers
    servers.close()


# A passing run takes about a minute; a failing one also shrinks its example (the soak run is
# unbounded: ``make soak`` passes ``-o timeout=0``).
@pytest.mark.timeout(0 if SOAK_STEPS else 420)
def test_ledger_state_machine(pool: ServerPool) -> None:
    machine = type("Ledger", (LedgerMachine,), {"pool": pool})
    started = time.monotonic()
    target = max(SOAK_STEPS, 1)
    while pool.steps < target:
        run_state_machine_as_test(machine, settings=SETTINGS)
    print(
        f"ledger state machine: {pool.steps} steps in {pool.examples} examples, "
        f"{time.monotonic() - started:.0f} s",
        file=sys.stderr,
    )
