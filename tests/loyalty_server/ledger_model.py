"""The model behind the ledger state machine (test_ledger_state_machine.py): what each card should
hold and which operations the server may apply or must refuse, by the rules of docs/API.md and
issue 13 (reversals draw on one remaining amount per sale; a refund names a sale; only the placing
merchant commits or cancels a hold).

The model answers every operation with a verdict: APPLY (the server must apply it), REFUSE (it must
refuse it), or EITHER (the rules do not decide, e.g. a hold that expires during the request, or a
limit the terminal cannot know). Whatever the verdict, the invariants the state machine checks against
the server's own ledger must hold after every step. Money is in integer minor units, points are ints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import Enum

#: Refusals a value-creating operation (issue, load, refund) may get whatever the model says: the
#: series' load/balance limits, the manager-approval threshold and the terminal's daily cap.
LIMIT_CODES = frozenset(
    {"LOAD_LIMIT_EXCEEDED", "BALANCE_LIMIT_EXCEEDED", "APPROVAL_REQUIRED", "TERMINAL_DAILY_LIMIT"}
)
#: Points per full 1.00 of a plain basket amount, and the per-visit bonus from 100.00 (demo series LC).
VISIT_BONUS_FROM = 10000
VISIT_BONUS = 10
REWARD_THRESHOLD = 250
POINT_VALUE_MINOR = 10  # the demo series LC: a point is worth 0.10; an amount paid rounds up
# The demo money account LM (seed 002): grosze credited: 1 per full 0.20 (5 %) and 2.00 from 100.00.
MONEY_UNIT_MINOR = 20
MONEY_VISIT_BONUS = 200


class Verdict(Enum):
    APPLY = "must apply"
    REFUSE = "must refuse"
    EITHER = "may apply or refuse"


@dataclass(frozen=True)
class Ruling:
    """A verdict and why (the why goes into the failure message)."""

    verdict: Verdict
    why: str


def apply(why: str = "allowed") -> Ruling:
    return Ruling(Verdict.APPLY, why)


def refuse(why: str) -> Ruling:
    return Ruling(Verdict.REFUSE, why)


def either(why: str) -> Ruling:
    return Ruling(Verdict.EITHER, why)


def minor(text: str) -> int:
    """``"12.34"`` -> 1234 (the demo world is PLN: two decimals)."""
    return int(Decimal(text) * 100)


def money(value: int) -> str:
    """1234 -> ``"12.34"``."""
    return f"{value // 100}.{value % 100:02d}"


def epoch(iso_z: str) -> int:
    """``2026-11-25T10:15:00Z`` -> seconds since the epoch."""
    return int(datetime.fromisoformat(iso_z.replace("Z", "+00:00")).timestamp())


@dataclass(frozen=True)
class Terminal:
    index: int
    terminal_id: str
    merchant: str
    groups: frozenset[str]

    def __repr__(self) -> str:
        return f"{self.terminal_id}({self.merchant})"


@dataclass
class Window:
    """When the server handled a request: its clock (whole seconds) was within [lo, hi]."""

    lo: int
    hi: int

    @classmethod
    def of(cls, t0: float, t1: float) -> Window:
        return cls(math.floor(t0), math.floor(t1))


@dataclass
class Hold:
    """An authorisation (money or points)."""

    code: str
    card: Card
    pay_key: str
    terminal: Terminal
    amount: int  # minor units or points
    expires: int  # epoch seconds; the server counts it while expires > its clock
    state: str = "pending"  # pending | committed | cancelled | refused (never placed)

    def __repr__(self) -> str:
        return f"Hold({self.code} of {self.amount} on {self.card.number} by {self.terminal!r}, {self.state})"

    def live_in(self, w: Window) -> bool | None:
        """Is the hold counted at a server time inside ``w``? None when the window straddles expiry."""
        if self.state != "pending":
            return False
        if self.expires > w.hi:
            return True
        if self.expires <= w.lo:
            return False
        return None


@dataclass
class Sale:
    """What one sale (a load, an issue, a payment, an earn, a points spend) may still give back."""

    kind: str  # issue | load | payment | earn | spend
    amount: int  # captured / loaded / earned / spent
    left: int  # still reversible
    voided: bool = False
    base_amount: int = 0  # an earn's basket net (minor), for returns by amount
    rewards: int = 0  # an earn's reward coupons not voided (none is ever redeemed here)

    @property
    def reversed(self) -> int:
        return self.amount - self.left


@dataclass
class Op:
    """An operation the server applied, as the model recorded it."""

    key: str
    terminal: Terminal
    type: str  # the ledger type of its row
    amount: int | None  # minor units (money cards)
    points: int | None
    sale: Sale | None = None  # the sale it opened or belongs to
    named: Op | None = None  # a refund's / void's / return's original
    reversed: bool = False
    hold: Hold | None = None
    reward_rows: int = 0  # an earn's reward 'spend' rows (same operation id)
    void_rows: int = 0  # a return's 'void' rows: the sale's reward coupons it voided (same operation id)

    def __repr__(self) -> str:
        size = self.amount if self.points is None else f"{self.points} points"
        return f"Op({self.type} {size} {self.key} by {self.terminal!r})"


@dataclass
class Attempt:
    """An operation sent on a card, applied or not.

    The state machine picks originals to name among attempts, not applied operations, so that what
    hypothesis draws never depends on the server's answers (which hold expiry makes timing-dependent):
    replaying and shrinking an example then draws the same way.
    """

    key: str
    type: str
    terminal: Terminal
    op: Op | None = None

    def __repr__(self) -> str:
        return f"Attempt({self.type} {self.key} by {self.terminal!r}, {'applied' if self.op else 'refused'})"


@dataclass
class Card:
    """One instrument as the model believes it is."""

    iid: str
    number: str
    kind: str  # giftcard | storecredit | loyaltycard
    series: str
    acceptor: str
    issuer: str
    issue_mode: str  # preissued | live
    amount_mode: str
    fixed: int | None
    min_amount: int | None
    max_amount: int | None
    status: str
    balance: int  # net minor units, or points (the ledger sum: held points not taken off)
    moved: bool  # any ledger row besides issue/block/unblock (unissue is refused then)
    status_before_block: str | None = None
    money: bool = False  # a loyalty card of a money account (seed 002): balance in minor units
    holds: list[Hold] = field(default_factory=list)  # every hold asked for, placed or not
    ops: dict[str, Op] = field(default_factory=dict)
    attempts: list[Attempt] = field(default_factory=list)
    exists: bool = True  # False: a live issue the server refused (every operation on it is refused)
    customer: str | None = None  # a loyalty card's customer (a merge joins two cards of one customer)
    merged_into: str | None = None  # a loyalty card closed by a merge: the number its points went to

    def __repr__(self) -> str:
        return f"Card({self.number} {self.kind} {self.status} {self.balance})"

    @property
    def is_points(self) -> bool:
        return self.kind == "loyaltycard"

    @property
    def segment(self) -> str:
        return {"giftcard": "giftcards", "storecredit": "storecredits", "loyaltycard": "loyaltycards"}[
            self.kind
        ]

    def held(self, w: Window) -> tuple[int, int]:
        """(surely held, possibly held) by live holds at a server time inside ``w``."""
        sure = maybe = 0
        for h in self.holds:
            live = h.live_in(w)
            if live:
                sure += h.amount
            elif live is None:
                maybe += h.amount
        return sure, maybe

    def spendable(self, amount: int, w: Window, what: str) -> Ruling:
        """May ``amount`` be held or taken now (balance minus live holds)?"""
        sure, maybe = self.held(w)
        if amount <= self.balance - sure - maybe:
            return apply(f"{what}: {amount} <= {self.balance - sure - maybe} available")
        if amount > self.balance - sure:
            return refuse(f"{what}: {amount} > {self.balance - sure} available (insufficient)")
        return either(f"{what}: a hold expires while the request runs")


def accepts(t: Terminal, c: Card) -> bool:
    return c.acceptor in t.groups


def issues(t: Terminal, c: Card) -> bool:
    return c.issuer in t.groups


def usable(c: Card) -> Ruling | None:
    """None when the card is active; else the refusal (a spent store credit is closed)."""
    if c.status == "active":
        return None
    return refuse(f"card is {c.status}")


# --- rulings: money -----------------------------------------------------------------------------


def rule_issue_amount(c: Card, amount: int | None) -> Ruling | None:
    if c.amount_mode == "fixed":
        if amount is not None and amount != c.fixed:
            return refuse("not the series' fixed amount")
        return None
    if amount is None:
        return refuse("no amount")
    if (c.min_amount is not None and amount < c.min_amount) or (
        c.max_amount is not None and amount > c.max_amount
    ):
        return refuse("amount outside the series' range")
    return None


def rule_activate(t: Terminal, c: Card, amount: int | None) -> Ruling:
    if not issues(t, c):
        return refuse("terminal not in the issuer group")
    if c.status != "preissued":
        return refuse(f"card is {c.status}, not pre-issued")
    return rule_issue_amount(c, amount) or apply("activation")


def rule_load(t: Terminal, c: Card) -> Ruling:
    if not accepts(t, c):
        return refuse("terminal not in the acceptor group")
    return usable(c) or apply("load")


def rule_pay(t: Terminal, c: Card, amount: int, w: Window) -> Ruling:
    if not accepts(t, c):
        return refuse("terminal not in the acceptor group")
    return usable(c) or c.spendable(amount, w, "hold")


def rule_commit(t: Terminal, h: Hold, amount: int | None, w: Window) -> Ruling:
    if h.state == "refused":
        return refuse("no such hold")
    if not accepts(t, h.card):
        return refuse("terminal not in the acceptor group")
    if t.merchant != h.terminal.merchant:
        return refuse("another merchant's hold (only the placing merchant commits)")
    if h.state != "pending":
        return refuse(f"hold already {h.state}")
    if h.card.status == "blocked":
        return refuse("card blocked")
    if amount is not None and amount > h.amount:
        return refuse("more than the hold")
    live = h.live_in(w)
    if live is False:
        return refuse("hold expired")
    if live is None:
        return either("hold expires while the request runs")
    return apply("commit")


def rule_cancel(t: Terminal, h: Hold) -> Ruling:
    if h.state == "refused":
        return refuse("no such hold")
    if not accepts(t, h.card):
        return refuse("terminal not in the acceptor group")
    if t.merchant != h.terminal.merchant:
        return refuse("another merchant's hold (only the placing merchant cancels)")
    if h.state != "pending":
        return refuse(f"hold already {h.state}")
    return apply("cancel (an expired hold may still be cancelled)")


def rule_refund(t: Terminal, c: Card, named: Op | None, amount: int) -> Ruling:
    if not accepts(t, c):
        return refuse("terminal not in the acceptor group")
    if c.status != "active" and not (c.kind == "storecredit" and c.status == "closed"):
        return refuse(f"card is {c.status}")
    if named is None:
        return refuse("a refund must name a sale of this card")
    if named.type not in ("pay", "commit") or named.sale is None or named.sale.kind != "payment":
        return refuse(f"a {named.type} is not a payment")
    if named.sale.amount == 0:
        return refuse("the payment took no money")
    if amount > named.sale.left:
        return refuse(f"{amount} > {named.sale.left} left of the sale")
    return apply(f"refund {amount} of {named.sale.left} left")


def rule_void(t: Terminal, c: Card, named: Op | None, w: Window) -> Ruling:
    if not accepts(t, c):
        return refuse("terminal not in the acceptor group")
    if named is None:
        return refuse("no such operation on this card")
    if named.terminal.terminal_id != t.terminal_id:
        return refuse("only the terminal that made an operation voids it")
    if named.type == "refund":
        if named.reversed:
            return refuse("refund already voided")
        return c.spendable(named.amount or 0, w, "void of a refund")
    if named.type not in ("load", "pay", "commit") or named.sale is None:
        return refuse(f"a {named.type} cannot be voided")
    sale = named.sale
    if sale.voided:
        return refuse("sale already voided")
    if sale.kind == "load":
        return c.spendable(sale.left, w, "void of a load")
    hold = named.hold
    if sale.left == 0:
        if hold is not None and hold.state == "pending":
            return apply("void of an open hold cancels it")
        return refuse("nothing left of the payment")
    return apply(f"void gives back the {sale.left} left")


def rule_unissue(t: Terminal, c: Card) -> Ruling:
    if not issues(t, c):
        return refuse("terminal not in the issuer group")
    if c.status != "active":
        return refuse(f"card is {c.status}")
    if c.moved:
        return refuse("money has moved since the issue")
    return apply("unissue")


def rule_block(t: Terminal, c: Card) -> Ruling:
    if not accepts(t, c):
        return refuse("terminal not in the acceptor group")
    if c.status == "blocked":
        return refuse("already blocked")
    return apply("block")


def rule_unblock(t: Terminal, c: Card) -> Ruling:
    if not accepts(t, c):
        return refuse("terminal not in the acceptor group")
    if c.status != "blocked":
        return refuse("not blocked")
    return apply("unblock")


def rule_transfer(t: Terminal, source: Card, target: Card, w: Window) -> Ruling:
    """Moving a card's whole balance to another card of its series (issue 19); the source ends blocked."""
    if not source.exists or not target.exists:
        return refuse("no such card")
    if source.kind != target.kind:
        return refuse("the target is another kind of card")
    if source.iid == target.iid:
        return refuse("the same card")
    if not accepts(t, source) or not accepts(t, target):
        return refuse("terminal not in the acceptor group")
    if source.status not in ("active", "blocked"):
        return refuse(f"the source is {source.status}")
    if target.status != "active":
        return refuse(f"the target is {target.status}")
    if source.series != target.series:
        return refuse("another series")
    sure, maybe = source.held(w)
    if sure:
        return refuse(f"{sure} held on the source")
    if source.balance <= 0:
        return refuse("nothing to transfer")
    if maybe:
        return either("a hold on the source expires while the request runs")
    return apply(f"transfer of {source.balance}")


def rule_merge(t: Terminal, source: Card, target: Card, w: Window) -> Ruling:
    """Merging a loyalty card into another card of its customer (issue 19): every point moves, the
    source closes."""
    if source.iid == target.iid:
        return refuse("the same card")
    if not accepts(t, source) or not accepts(t, target):
        return refuse("terminal not in the acceptor group")
    for card in (source, target):
        if card.status != "active":
            return refuse(f"{card!r} is {card.status}")
    if source.customer is None or source.customer != target.customer:
        return refuse("not two cards of one customer")
    sure, maybe = source.held(w)
    if sure:
        return refuse(f"{sure} points held on the source")
    if maybe:
        return either("a hold on the source expires while the request runs")
    return apply(f"merge of {source.balance} points")


# --- rulings: points ----------------------------------------------------------------------------


def earned_points(amount: int) -> int:
    """The demo series LC's points for a plain basket amount at a demo store."""
    return amount // 100 + (VISIT_BONUS if amount >= VISIT_BONUS_FROM else 0)


def earned_money(amount: int) -> int:
    """The demo money account LM's credit (minor units) for a plain basket amount at a demo store."""
    return amount // MONEY_UNIT_MINOR + (MONEY_VISIT_BONUS if amount >= VISIT_BONUS_FROM else 0)


def points_for_amount(amount: int) -> int:
    """The whole LC points that pay ``amount`` (minor units): rounded up, as the demo series says."""
    return -(-amount // POINT_VALUE_MINOR)


def rule_earn(t: Terminal, c: Card) -> Ruling:
    if not accepts(t, c):
        return refuse("terminal not in the acceptor group")
    return usable(c) or apply("earn")


def rule_spend(t: Terminal, c: Card, points: int, w: Window) -> Ruling:
    if not accepts(t, c):
        return refuse("terminal not in the acceptor group")
    return usable(c) or c.spendable(points, w, "points")


def rule_return(
    t: Terminal, c: Card, named: Op | None, amount: int | None, applied_to: Card | None = None
) -> tuple[Ruling, int]:
    """The ruling and the points the return must move (taken back for an earn, given back otherwise).

    ``applied_to``: the card a merged card's points went to (its returns are applied there).
    """
    for card in (c, applied_to or c):
        if not accepts(t, card):
            return refuse("terminal not in the acceptor group"), 0
        if card.status == "blocked":
            return refuse(f"{card!r} blocked"), 0
    if named is None:
        return refuse("no such operation on this card"), 0
    sale = named.sale
    if named.type not in ("earn", "spend", "pay", "commit") or sale is None:
        return refuse(f"a {named.type} cannot be returned"), 0
    if sale.left <= 0:
        return refuse("everything of this sale has been returned"), 0
    if sale.kind == "earn" and amount is not None and sale.base_amount > 0:
        if amount > sale.base_amount:
            return refuse("more than the original basket"), 0
        return apply("return by amount"), min(sale.left, sale.amount * amount // sale.base_amount)
    return apply("return of what is left"), sale.left
