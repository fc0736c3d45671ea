"""The terminal's domain vocabulary: plain, frozen, typed values (docs/ARCHITECTURE.md#domain, docs/API.md).

Everything above the API client (service, offline queue, receipts, CLI, app) speaks these types; only
``pos_client.api`` knows the wire format and turns JSON into them. Money is ``Decimal`` quantised to
the currency; points are ``int``; times are timezone-aware UTC ``datetime``.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal


class Kind(enum.StrEnum):
    """What an instrument is; decides which operations exist for it."""

    GIFTCARD = "giftcard"
    STORECREDIT = "storecredit"
    COUPON = "coupon"
    LOYALTYCARD = "loyaltycard"

    @property
    def is_money(self) -> bool:
        """Gift cards and store credit hold money in an account."""
        return self in (Kind.GIFTCARD, Kind.STORECREDIT)


class Status(enum.StrEnum):
    """Instrument states as the server reports them."""

    PREISSUED = "preissued"
    ACTIVE = "active"
    BLOCKED = "blocked"
    EXPIRED = "expired"
    CLOSED = "closed"
    USED = "used"


class CheckDigit(enum.StrEnum):
    LUHN = "luhn"
    NONE = "none"


class IssueMode(enum.StrEnum):
    PREISSUED = "preissued"
    LIVE = "live"


class AmountMode(enum.StrEnum):
    FIXED = "fixed"
    MANUAL = "manual"


class OpType(enum.StrEnum):
    """Every write operation the terminal can run (also the ``type`` of a ledger transaction)."""

    ISSUE = "issue"
    UNISSUE = "unissue"
    LOAD = "load"
    PAY = "pay"
    COMMIT = "commit"
    CANCEL = "cancel"
    REFUND = "refund"
    VOID = "void"
    BLOCK = "block"
    UNBLOCK = "unblock"
    REDEEM = "redeem"
    UNREDEEM = "unredeem"
    EARN = "earn"
    SPEND = "spend"
    RETURN = "return"
    ENROL = "enrol"
    EDIT = "edit"
    CONSENT = "consent"
    LINK_CARD = "link_card"
    MERGE_IN = "merge_in"  # a loyalty card's points merged into this card (the source: ``merge_out``)
    TRANSFER_IN = "transfer_in"  # a money card's balance moved onto this card (``transfer_out``)


@dataclass(frozen=True)
class OfflinePolicy:
    """What a series allows while the server cannot be reached (docs/ARCHITECTURE.md#offline)."""

    operations: frozenset[str] = frozenset()
    max_amount_per_operation: Decimal | None = None
    max_points_per_operation: int | None = None

    def allows(self, operation: str) -> bool:
        return operation in self.operations


@dataclass(frozen=True)
class SeriesLimits:
    """What the server lets one money series do (``limits`` of ``GET /series``; None = no limit).

    Attributes:
        max_load: the most one load may add.
        max_balance: the most a card may hold after a load or an activation.
        approval_threshold: an activation or a load above this needs a manager's approval.
    """

    max_load: Decimal | None = None
    max_balance: Decimal | None = None
    approval_threshold: Decimal | None = None


@dataclass(frozen=True)
class Series:
    """A bundle of instruments sharing number format, currency, rules and merchant groups.

    ``limits`` is set for money series whose server publishes them (None: coupons, loyalty cards,
    or a server that publishes none).
    """

    series_number: str
    kind: Kind
    description: str
    prefix: str
    length: int
    check_digit: CheckDigit
    alphanumeric: bool
    currency: str
    issue_mode: IssueMode
    amount_mode: AmountMode
    fixed_amount: Decimal | None
    min_amount: Decimal | None
    max_amount: Decimal | None
    validity_days: int | None
    issuer_merchant_group: str
    acceptor_merchant_group: str
    issuable_here: bool
    acceptable_here: bool
    single_use: bool | None = None
    offline_policy: OfflinePolicy = field(default_factory=OfflinePolicy)
    limits: SeriesLimits | None = None


@dataclass(frozen=True)
class OfflineLimits:
    """Terminal-wide offline limits from ``GET /terminal``."""

    max_outstanding_value: Decimal
    max_queue_age_seconds: int
    override_hard_cap: Decimal


@dataclass(frozen=True)
class BatchSupport:
    """Where the server takes queued operations many at once (``GET /terminal`` ``batch``)."""

    path: str
    max_items: int


@dataclass(frozen=True)
class Terminal:
    """Who this terminal is, as the server sees its token (``batch``: None when the server has no
    batch endpoint)."""

    loyalty_group: str
    terminal_id: str
    merchant_id: str
    merchant_name: str
    store: int
    pos: int
    store_name: str
    store_address: str
    merchant_groups: tuple[str, ...]
    currency: str
    server_time: dt.datetime
    offline_limits: OfflineLimits
    batch: BatchSupport | None = None


@dataclass(frozen=True)
class Account:
    """A money instrument's account; ``available = net - authorized``."""

    original: Decimal
    net: Decimal
    authorized: Decimal
    floor: Decimal
    available: Decimal


@dataclass(frozen=True)
class NextReward:
    threshold: int
    points_to_go: int
    reward_value: Decimal
    close: bool


@dataclass(frozen=True)
class PointsAccount:
    """A loyalty card's points; ``value`` is ``balance * point_value`` in the currency.

    ``money``: the card's series keeps money instead of points (seed 002): its "points" are minor
    units (``point_value`` one of them), shown and spent as money (:mod:`pos_client.points_value`).
    """

    balance: int
    pending: int
    expiring_soon: int
    expiring_date: dt.date | None
    point_value: Decimal
    value: Decimal
    money: bool = False


@dataclass(frozen=True)
class PointsProduct:
    """A product a loyalty card can buy with points."""

    product_code: str
    description: str
    points: int


@dataclass(frozen=True)
class CustomerRef:
    """The few customer fields an instrument carries."""

    customer_id: str
    first_name: str | None
    last_name: str | None


@dataclass(frozen=True)
class Offer:
    """A coupon's offer."""

    description: str
    discount_type: str  # "percent" | "amount"
    value: Decimal


@dataclass(frozen=True)
class Instrument:
    """What the customer holds: a gift card, store-credit note, coupon or loyalty card.

    Only the fields of its kind are set: ``account`` for money instruments, ``points`` and
    ``next_reward`` for loyalty cards, ``offer``/``single_use``/``uses_left`` for coupons.
    """

    instrument_id: str
    kind: Kind
    number: str
    series_number: str
    status: Status
    currency: str
    start_date: dt.date | None = None
    expiry_date: dt.date | None = None
    created: dt.datetime | None = None
    account: Account | None = None
    points: PointsAccount | None = None
    next_reward: NextReward | None = None
    offer: Offer | None = None
    single_use: bool | None = None
    uses_left: int | None = None
    customer: CustomerRef | None = None
    block_reason: str | None = None
    acceptable_here: bool = True
    points_products: tuple[PointsProduct, ...] = ()
    merged_into: str | None = None  # a loyalty card closed by a merge: the card its points went to
    # Set when this is not the server's answer but the terminal's last known state of the card (the
    # server could not be reached): when it was last seen, plus what waits in the offline queue on it.
    as_of: dt.datetime | None = None


class OperationState(enum.StrEnum):
    """How an operation ended, as the CLI's ``state`` reports it (docs/ARCHITECTURE.md#cli)."""

    APPLIED = "applied"
    QUEUED = "queued"
    REFUSED = "refused"


@dataclass(frozen=True)
class OperationResult:
    """The outcome of one write operation.

    ``state`` is APPLIED when the server confirmed it, QUEUED when it waits in the offline outbox
    (then ``provisional`` is true and ``instrument`` is the last known state, if any). Customer
    writes carry the customer as the server returned it in ``customer`` (None when queued).
    """

    operation_id: str
    type: OpType
    state: OperationState
    instrument: Instrument | None = None
    transaction_id: str | None = None
    amount: Decimal | None = None
    points: int | None = None
    auth_code: str | None = None
    auth_expires: dt.datetime | None = None
    created: dt.datetime | None = None
    rewards: tuple[Instrument, ...] = ()
    provisional: bool = False
    customer: Customer | None = None  # set by customer writes (enrol, edit, consent, link, block)
    # What refunds and voids may still reverse of this operation's sale (None: no sale, or not known).
    reversible: Decimal | None = None
    # A merge or a balance transfer: the card the points or money came from, after the move (the
    # result's ``instrument`` is the card they went to).
    source: Instrument | None = None


@dataclass(frozen=True)
class Consent:
    """One consent answer; ``terminal_id``/``merchant_id``: who recorded it (None: not kept back then)."""

    type: str
    granted: bool
    version: str
    time: dt.datetime | None
    terminal_id: str | None = None
    merchant_id: str | None = None


@dataclass(frozen=True)
class Customer:
    """A customer as the server stores it; not cached beyond the open session."""

    customer_id: str
    first_name: str | None
    last_name: str | None
    phone: str | None
    email: str | None
    country: str | None
    groups: tuple[str, ...] = ()
    blocked: bool = False
    consents: tuple[Consent, ...] = ()
    cards: tuple[str, ...] = ()
    created: dt.datetime | None = None


@dataclass(frozen=True)
class Transaction:
    """One line of an instrument's history."""

    transaction_id: str
    operation_id: str | None
    type: str
    amount: Decimal | None
    points: int | None
    balance_after: Decimal | None
    points_after: int | None
    auth_code: str | None
    created: dt.datetime
    merchant_id: str | None
    store: int | None
    pos: int | None
    reference: str | None
    reversible: Decimal | None = None  # what is left to reverse of this row's sale (None: no sale)
    approved_by: str | None = None  # the manager the terminal named as approving it
    original_operation_id: str | None = None  # what a return / refund / void reverses (None: none)


@dataclass(frozen=True)
class PointsQuote:
    """A preview of what a basket would earn; no effect on the card."""

    points: int
    breakdown: tuple[tuple[str, str, int], ...]  # (rule, description, points)
    balance_after: int
    next_reward: NextReward | None


@dataclass(frozen=True)
class BasketLine:
    """One line of a basket for points quotes, earning and returns."""

    product_code: str | None
    group: str | None
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class DayReportLine:
    """Ledger rows of one kind and type (a reversal: of what it ``reverses``, e.g. ``load``)."""

    kind: str
    type: str
    count: int
    amount: Decimal | None  # money kinds only
    points: int | None  # loyalty cards only
    reverses: str | None = None


@dataclass(frozen=True)
class DayHour:
    """One hour of the day, net of reversals (a same-day reversal counts in its original's hour)."""

    start: dt.datetime  # UTC
    count: int
    amount_in: Decimal
    amount_out: Decimal
    points_earned: int
    points_spent: int


@dataclass(frozen=True)
class DayReport:
    """A terminal's day: lines by kind and type, and totals net of voids, refunds and returns."""

    date: dt.date
    terminal_id: str
    currency: str
    lines: tuple[DayReportLine, ...]
    count: int
    amount_in: Decimal
    amount_out: Decimal
    points_earned: int
    points_spent: int
    points_returned: int = 0
    hours: tuple[DayHour, ...] = ()
