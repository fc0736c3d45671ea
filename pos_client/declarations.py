"""Every write operation of the terminal, declared once (README.md, "Adding a write operation").

One :class:`Declaration` says everything the rest of the terminal needs to know about a write:

- ``name``: its one name (``"pay"``, ``"coupon.redeem"``, ``"customer.create"``), stored with every
  :class:`~pos_client.operations.WriteOperation` in the outbox;
- ``op_type``: the :class:`~pos_client.domain.OpType` (the ledger's transaction type);
- ``kinds``: the instrument kinds it applies to (empty: a customer record);
- ``path`` and ``body``: the wire request, rendered by ``pos_client.api.requests`` (the only code that
  knows paths and camelCase);
- ``manager``: whether a cashier needs a manager's approval (always, or above the series' approval
  threshold), checked by the service;
- ``offline`` and ``policy_name``: its offline-policy class, read by ``pos_client.offline_policy``;
- ``order``: what orders its delivery in the outbox (the instrument, the customer, nothing);
- ``answer``: the shape of the server's answer (an operation result, or the customer);
- ``slip``: the slip it prints (``pos_client.receipts.choose``).

Adding an operation = one declaration here (:func:`register`) + its server route + its tests; the
service method that runs it picks the declaration by name.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pos_client.domain import Kind, OpType

MONEY = frozenset({Kind.GIFTCARD, Kind.STORECREDIT})
ALL_KINDS = frozenset(Kind)


class Manager(enum.Enum):
    """Whether a cashier needs a manager's approval."""

    NEVER = "never"
    ALWAYS = "always"  # a sensitive operation (roles are enforced in the service)
    ABOVE_THRESHOLD = "above_threshold"  # above the series' ``limits.approval_threshold``


class Offline(enum.Enum):
    """The offline-policy class: may the operation wait in the queue when the server is away?"""

    SERIES = "series"  # as the series' ``offlinePolicy.operations`` says (by ``policy_name``)
    CUSTOMER = "customer"  # a customer record: may wait, within the terminal-wide limits
    NEVER = "never"  # must take effect now (e.g. blocking a customer)


class Order(enum.Enum):
    """What orders delivery: operations with the same key reach the server in creation order."""

    INSTRUMENT = "instrument"  # the instrument's number
    CUSTOMER = "customer"  # ``customer:<id>`` (an enrolment: ``customer-phone:<phone>``)
    NONE = "none"  # nothing before it can matter (a new card from a series)


class Answer(enum.Enum):
    """The shape of the server's answer."""

    OPERATION = "operation"  # an operation result (``operationId``, account, ...)
    CUSTOMER = "customer"  # the customer object


class Shape(enum.Enum):
    """How a body field is written on the wire."""

    PLAIN = "plain"  # as given (str, int, bool)
    MONEY = "money"  # a Decimal, written as a decimal string in the series' currency
    LINES = "lines"  # basket lines (``BasketLine``), each with its unit price in the series' currency
    CONSENTS = "consents"  # ``(type, granted, version)`` answers


class Slip(enum.Enum):
    """The slip an operation prints (``pos_client.receipts.choose``)."""

    SALE = "sale"
    STORE_CREDIT_NOTE = "store_credit_note"
    PAYMENT = "payment"
    MOVEMENT = "movement"
    BALANCE = "balance"
    COUPON = "coupon"
    POINTS_STATEMENT = "points_statement"
    CARD_MOVE = "card_move"  # a merge or a balance transfer: from which card (masked) to which
    NONE = "none"


@dataclass(frozen=True)
class Field:
    """One body field: the name the service gives it and the name on the wire."""

    name: str
    wire: str
    shape: Shape = Shape.PLAIN


@dataclass(frozen=True)
class Declaration:
    """One write operation, declared once (see the module doc).

    Attributes:
        name: unique name; stored with the operation.
        op_type: the operation type.
        kinds: the instrument kinds it applies to (empty: a customer operation).
        path: the path template under the loyalty group. Placeholders: ``{kind}`` (the kind's
            collection), ``{number}``, ``{series}`` and ``{series_collection}``, ``{auth_code}``,
            ``{instrument_id}``, ``{customer_id}``; each is escaped as one path segment.
        body: the body fields it may carry (absent or None values are left out).
        action: the verb of its service events (``f"{kind}.{action}"``, or ``customer.{action}``).
        manager: whether a cashier needs a manager's approval.
        offline: its offline-policy class.
        policy_name: its name in a series' ``offlinePolicy.operations`` (class SERIES).
        order: what orders its delivery.
        answer: the shape of the server's answer.
        slip: the slip it prints.
        currency: a money write that carries the till's currency (and refuses a card of another).
        approved_by: names the approving manager to the server (``approvedBy``).
        series_limits: checked against the series' ``limits`` (maximum load and balance, approval
            threshold) before anything is stored or sent.
    """

    name: str
    op_type: OpType
    kinds: frozenset[Kind]
    path: str
    body: tuple[Field, ...] = ()
    action: str = ""
    manager: Manager = Manager.NEVER
    offline: Offline = Offline.SERIES
    policy_name: str = ""
    order: Order = Order.INSTRUMENT
    answer: Answer = Answer.OPERATION
    slip: Slip = Slip.BALANCE
    currency: bool = False
    approved_by: bool = False
    series_limits: bool = False

    def field(self, name: str) -> Field:
        """The body field ``name``.

        Raises:
            KeyError: the declaration has no such field.
        """
        for f in self.body:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no body field {name!r}")

    def event(self, kind: Kind | None) -> str:
        """The action name of its service events."""
        verb = self.action or self.name.rsplit(".", 1)[-1]
        return f"customer.{verb}" if not self.kinds or kind is None else f"{kind.value}.{verb}"


_AMOUNT = Field("amount", "amount", Shape.MONEY)
_CURRENCY = Field("currency", "currency")
_REFERENCE = Field("reference", "reference")
_ORIGINAL = Field("original", "originalOperationId")
_APPROVED_BY = Field("approved_by", "approvedBy")
_REASON = Field("reason", "reason")
_LINES = Field("lines", "lines", Shape.LINES)
_CARD = Field("card_number", "cardNumber")
_TARGET = Field("target_number", "targetNumber")

_HOLD = "/{kind}/{number}/authorizations/{auth_code}"

DECLARATIONS: tuple[Declaration, ...] = (
    # -- gift cards and store credit --
    Declaration(
        "activate", OpType.ISSUE, MONEY, "/{kind}/{number}/_issue",
        (_CURRENCY, _AMOUNT, _APPROVED_BY),
        manager=Manager.ABOVE_THRESHOLD, policy_name="activate", slip=Slip.SALE,
        currency=True, approved_by=True, series_limits=True,
    ),
    Declaration(
        "giftcard.issue", OpType.ISSUE, frozenset({Kind.GIFTCARD}),
        "/{series_collection}/{series}/{kind}/_issue",
        (_CURRENCY, _AMOUNT, _APPROVED_BY),
        manager=Manager.ABOVE_THRESHOLD, policy_name="issue", order=Order.NONE, slip=Slip.SALE,
        currency=True, approved_by=True, series_limits=True,
    ),
    Declaration(
        "storecredit.issue", OpType.ISSUE, frozenset({Kind.STORECREDIT}),
        "/{series_collection}/{series}/{kind}/_issue",
        (_CURRENCY, _AMOUNT, Field("customer_id", "customerId"), _APPROVED_BY),
        manager=Manager.ALWAYS, policy_name="issue", order=Order.NONE, slip=Slip.STORE_CREDIT_NOTE,
        currency=True, approved_by=True, series_limits=True,
    ),
    Declaration(
        "load", OpType.LOAD, MONEY, "/{kind}/{number}/_load", (_CURRENCY, _AMOUNT, _APPROVED_BY),
        manager=Manager.ABOVE_THRESHOLD, policy_name="load", slip=Slip.MOVEMENT,
        currency=True, approved_by=True, series_limits=True,
    ),
    Declaration(
        "pay", OpType.PAY, MONEY, "/{kind}/{number}/_pay", (_REFERENCE, _CURRENCY, _AMOUNT, _APPROVED_BY),
        policy_name="pay", slip=Slip.PAYMENT, currency=True, approved_by=True,
    ),
    Declaration(
        "commit", OpType.COMMIT, MONEY | {Kind.LOYALTYCARD}, _HOLD + "/_commit", (_CURRENCY, _AMOUNT),
        policy_name="commit", slip=Slip.PAYMENT, currency=True,
    ),
    Declaration(
        "cancel", OpType.CANCEL, MONEY | {Kind.LOYALTYCARD}, _HOLD + "/_cancel",
        policy_name="cancel", slip=Slip.MOVEMENT,
    ),
    Declaration(
        # Points holds are cancelled at the generic path, which names the instrument by its id.
        "hold.cancel", OpType.CANCEL, frozenset({Kind.LOYALTYCARD}),
        "/instruments/{instrument_id}/authorizations/{auth_code}/_cancel",
        action="cancel", policy_name="cancel", slip=Slip.POINTS_STATEMENT,
    ),
    Declaration(
        "refund", OpType.REFUND, MONEY, "/{kind}/{number}/_refund",
        (_ORIGINAL, _CURRENCY, _AMOUNT, _APPROVED_BY),
        manager=Manager.ALWAYS, policy_name="refund", slip=Slip.MOVEMENT, currency=True, approved_by=True,
    ),
    Declaration(
        "void", OpType.VOID, MONEY, "/{kind}/{number}/_void", (_ORIGINAL, _APPROVED_BY),
        manager=Manager.ALWAYS, policy_name="void", slip=Slip.MOVEMENT, approved_by=True,
    ),
    Declaration(
        "unissue", OpType.UNISSUE, MONEY, "/{kind}/{number}/_unissue",
        manager=Manager.ALWAYS, policy_name="unissue",
    ),
    Declaration(
        "block", OpType.BLOCK, ALL_KINDS, "/{kind}/{number}/_block", (_REASON,),
        manager=Manager.ALWAYS, policy_name="block",
    ),
    Declaration(
        "unblock", OpType.UNBLOCK, ALL_KINDS, "/{kind}/{number}/_unblock",
        manager=Manager.ALWAYS, policy_name="unblock",
    ),
    Declaration(
        # A lost or damaged card's whole balance onto another card of its series; the old one is
        # blocked with the reason. Two cards change at once: online only, never queued.
        "transfer", OpType.TRANSFER_IN, MONEY, "/{kind}/{number}/_transfer",
        (_TARGET, _REASON, _APPROVED_BY),
        manager=Manager.ALWAYS, offline=Offline.NEVER, policy_name="transfer", slip=Slip.CARD_MOVE,
        approved_by=True,
    ),
    # -- coupons --
    Declaration(
        "coupon.redeem", OpType.REDEEM, frozenset({Kind.COUPON}), "/{kind}/{number}/_redeem", (_REFERENCE,),
        policy_name="redeem", slip=Slip.COUPON,
    ),
    Declaration(
        "coupon.unredeem", OpType.UNREDEEM, frozenset({Kind.COUPON}), "/{kind}/{number}/_unredeem",
        (_ORIGINAL,), manager=Manager.ALWAYS, policy_name="unredeem", slip=Slip.COUPON,
    ),
    # -- points --
    Declaration(
        "points.activate", OpType.ISSUE, frozenset({Kind.LOYALTYCARD}), "/{kind}/{number}/_activate",
        policy_name="activate", slip=Slip.POINTS_STATEMENT,
    ),
    Declaration(
        "points.earn", OpType.EARN, frozenset({Kind.LOYALTYCARD}), "/{kind}/{number}/_earn",
        (_AMOUNT, _LINES, Field("discount", "discount", Shape.MONEY), Field("sales_mode", "salesMode"),
         _REFERENCE),
        policy_name="earn", slip=Slip.POINTS_STATEMENT,
    ),
    Declaration(
        "points.redeem", OpType.SPEND, frozenset({Kind.LOYALTYCARD}), "/{kind}/{number}/_redeem",
        (Field("points", "points"), Field("product_code", "productCode"), Field("quantity", "quantity"),
         _AMOUNT, _REFERENCE),
        policy_name="redeem", slip=Slip.POINTS_STATEMENT,
    ),
    Declaration(
        "points.pay", OpType.PAY, frozenset({Kind.LOYALTYCARD}), "/{kind}/{number}/_pay",
        (Field("points", "points"), _REFERENCE),
        policy_name="pay", slip=Slip.POINTS_STATEMENT,
    ),
    Declaration(
        "points.return", OpType.RETURN, frozenset({Kind.LOYALTYCARD}), "/{kind}/{number}/_return",
        (_ORIGINAL, _LINES, _AMOUNT),
        policy_name="return", slip=Slip.POINTS_STATEMENT,
    ),
    Declaration(
        # Two loyalty cards of one customer become one: the points move, the source card closes.
        "points.merge", OpType.MERGE_IN, frozenset({Kind.LOYALTYCARD}), "/{kind}/{number}/_merge",
        (_TARGET, _APPROVED_BY),
        manager=Manager.ALWAYS, offline=Offline.NEVER, policy_name="merge", slip=Slip.CARD_MOVE,
        approved_by=True,
    ),
    # -- customers --
    Declaration(
        "customer.create", OpType.ENROL, frozenset(), "/customers",
        (Field("phone", "phone"), Field("first_name", "firstName"), Field("last_name", "lastName"),
         Field("email", "email"), Field("country", "country"), _CARD,
         Field("consents", "consents", Shape.CONSENTS)),
        offline=Offline.CUSTOMER, order=Order.CUSTOMER, answer=Answer.CUSTOMER, slip=Slip.NONE,
    ),
    Declaration(
        "customer.edit", OpType.EDIT, frozenset(), "/customers/{customer_id}/_edit",
        (Field("first_name", "firstName"), Field("last_name", "lastName"), Field("email", "email"),
         Field("country", "country"), Field("phone", "phone")),
        offline=Offline.CUSTOMER, order=Order.CUSTOMER, answer=Answer.CUSTOMER, slip=Slip.NONE,
    ),
    Declaration(
        "customer.consent", OpType.CONSENT, frozenset(), "/customers/{customer_id}/consents",
        (Field("type", "type"), Field("granted", "granted"), Field("version", "version")),
        offline=Offline.CUSTOMER, order=Order.CUSTOMER, answer=Answer.CUSTOMER, slip=Slip.NONE,
    ),
    Declaration(
        "customer.link", OpType.LINK_CARD, frozenset(), "/customers/{customer_id}/cards", (_CARD,),
        offline=Offline.CUSTOMER, order=Order.CUSTOMER, answer=Answer.CUSTOMER, slip=Slip.NONE,
    ),
    Declaration(
        "customer.block", OpType.BLOCK, frozenset(), "/customers/{customer_id}/_block", (_REASON,),
        manager=Manager.ALWAYS, offline=Offline.NEVER, order=Order.CUSTOMER, answer=Answer.CUSTOMER,
        slip=Slip.NONE,
    ),
)  # fmt: skip

_REGISTRY: dict[str, Declaration] = {d.name: d for d in DECLARATIONS}


def declaration(name: str) -> Declaration:
    """The declaration named ``name``.

    Raises:
        KeyError: no operation of that name.
    """
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no write operation is declared as {name!r}") from None


def declarations() -> tuple[Declaration, ...]:
    """Every declared write operation, in declaration order."""
    return tuple(_REGISTRY.values())


def register(new: Declaration) -> None:
    """Declare one more write operation.

    Raises:
        ValueError: the name is taken.
    """
    if new.name in _REGISTRY:
        raise ValueError(f"a write operation is already declared as {new.name!r}")
    _REGISTRY[new.name] = new


def unregister(name: str) -> None:
    """Take a declaration out again (tests that declare a throw-away operation)."""
    _REGISTRY.pop(name, None)


@contextmanager
def declared(new: Declaration) -> Iterator[Declaration]:
    """``new`` is declared within the block (tests)."""
    register(new)
    try:
        yield new
    finally:
        unregister(new.name)


def for_stored(name: str, op_type: OpType, kind: Kind | None) -> Declaration:
    """The declaration of an operation read back from the outbox: by its stored name; for one
    stored before names were stored, the first of its type and kind (they share the answer's shape,
    the ordering and the follow-ups; the offline decision was made when it was stored)."""
    if name in _REGISTRY:
        return _REGISTRY[name]
    for d in _REGISTRY.values():
        if d.op_type is op_type and (kind in d.kinds if kind is not None else not d.kinds):
            return d
    raise KeyError(f"no write operation is declared for {op_type.value} on {kind or 'a customer'}")


def needing_manager() -> frozenset[str]:
    """Names of the operations a cashier may never run without a manager's approval."""
    return frozenset(d.name for d in _REGISTRY.values() if d.manager is Manager.ALWAYS)


def for_kind(kind: Kind) -> tuple[Declaration, ...]:
    """The operations that apply to instruments of ``kind``."""
    return tuple(d for d in _REGISTRY.values() if kind in d.kinds)
