"""JSON of docs/API.md → ``pos_client.domain`` values, strictly.

Every missing or ill-typed field raises :class:`~pos_client.api.errors.ProtocolError` naming the
field's path (``account.amountAvailable``); nothing else escapes (no KeyError, TypeError,
InvalidOperation). Unknown extra fields are ignored so the server may grow. Money must be a decimal
string (never a JSON number); points must be JSON integers (never booleans).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from pos_client.api.errors import ProtocolError
from pos_client.domain import (
    Account,
    AmountMode,
    BatchSupport,
    CheckDigit,
    Consent,
    Customer,
    CustomerRef,
    DayHour,
    DayReport,
    DayReportLine,
    Instrument,
    IssueMode,
    Kind,
    NextReward,
    Offer,
    OfflineLimits,
    OfflinePolicy,
    OperationResult,
    OperationState,
    OpType,
    PointsAccount,
    PointsProduct,
    PointsQuote,
    Series,
    SeriesLimits,
    Status,
    Terminal,
    Transaction,
)

T = TypeVar("T")
_DECIMAL = re.compile(r"-?[0-9]{1,18}(\.[0-9]{1,18})?")
E = TypeVar("E")


class Obj:
    """A JSON object with typed, path-aware accessors."""

    def __init__(self, data: object, path: str = "") -> None:
        if not isinstance(data, Mapping):
            raise ProtocolError(f"{path or 'response'}: expected an object, got {type(data).__name__}")
        self._data: Mapping[str, Any] = data
        self._path = path

    def _where(self, key: str) -> str:
        return f"{self._path}.{key}" if self._path else key

    def _get(self, key: str, optional: bool) -> Any:
        if key not in self._data:
            if optional:
                return None
            raise ProtocolError(f"{self._where(key)}: missing")
        value = self._data[key]
        if value is None and not optional:
            raise ProtocolError(f"{self._where(key)}: must not be null")
        return value

    def has(self, key: str) -> bool:
        """True when ``key`` is present and not null."""
        return self._data.get(key) is not None

    def text(self, key: str) -> str:
        value = self._get(key, False)
        if not isinstance(value, str):
            raise ProtocolError(f"{self._where(key)}: expected a string")
        return value

    def opt_text(self, key: str) -> str | None:
        return None if self._get(key, True) is None else self.text(key)

    def integer(self, key: str) -> int:
        value = self._get(key, False)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ProtocolError(f"{self._where(key)}: expected an integer")
        return value

    def opt_integer(self, key: str) -> int | None:
        return None if self._get(key, True) is None else self.integer(key)

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if not isinstance(value, bool):
            raise ProtocolError(f"{self._where(key)}: expected true or false")
        return value

    def opt_flag(self, key: str) -> bool | None:
        return None if self._get(key, True) is None else self.flag(key)

    def decimal(self, key: str) -> Decimal:
        text = self.text(key)
        # Plain "-12.50" only: no exponent, spaces, underscores or NaN (Decimal() takes all of those).
        if not _DECIMAL.fullmatch(text):
            raise ProtocolError(f"{self._where(key)}: {text[:40]!r} is not a decimal string")
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            raise ProtocolError(f"{self._where(key)}: {text[:40]!r} is not a decimal") from None

    def opt_decimal(self, key: str) -> Decimal | None:
        return None if self._get(key, True) is None else self.decimal(key)

    def datetime(self, key: str) -> dt.datetime:
        text = self.text(key)
        try:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ProtocolError(f"{self._where(key)}: {text!r} is not an ISO 8601 time") from None
        if value.tzinfo is None:
            raise ProtocolError(f"{self._where(key)}: {text!r} has no time zone")
        return value.astimezone(dt.UTC)

    def opt_datetime(self, key: str) -> dt.datetime | None:
        return None if self._get(key, True) is None else self.datetime(key)

    def date(self, key: str) -> dt.date:
        text = self.text(key)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ProtocolError(f"{self._where(key)}: {text!r} is not a date") from None

    def opt_date(self, key: str) -> dt.date | None:
        return None if self._get(key, True) is None else self.date(key)

    def enum(self, key: str, kind: Callable[[str], E]) -> E:
        text = self.text(key)
        try:
            return kind(text)
        except ValueError:
            raise ProtocolError(f"{self._where(key)}: unexpected value {text!r}") from None

    def obj(self, key: str) -> Obj:
        return Obj(self._get(key, False), self._where(key))

    def opt_obj(self, key: str) -> Obj | None:
        return None if self._get(key, True) is None else self.obj(key)

    def items(self, key: str) -> list[Any]:
        value = self._get(key, False)
        if not isinstance(value, list):
            raise ProtocolError(f"{self._where(key)}: expected a list")
        return value

    def objs(self, key: str, parse: Callable[[Obj], T]) -> tuple[T, ...]:
        return tuple(parse(Obj(item, f"{self._where(key)}[{i}]")) for i, item in enumerate(self.items(key)))

    def texts(self, key: str) -> tuple[str, ...]:
        items = self.items(key)
        if not all(isinstance(item, str) for item in items):
            raise ProtocolError(f"{self._where(key)}: expected a list of strings")
        return tuple(items)


def terminal(data: object) -> Terminal:
    """``GET /terminal``."""
    o = Obj(data)
    merchant = o.obj("merchant")
    limits = o.obj("offlineLimits")
    batch = o.opt_obj("batch")
    return Terminal(
        loyalty_group=o.text("loyaltyGroup"),
        terminal_id=o.text("terminalId"),
        merchant_id=merchant.text("merchantId"),
        merchant_name=merchant.text("name"),
        store=o.integer("store"),
        pos=o.integer("pos"),
        store_name=o.text("storeName"),
        store_address=o.text("storeAddress"),
        merchant_groups=o.texts("merchantGroups"),
        currency=o.text("currency"),
        server_time=o.datetime("serverTime"),
        offline_limits=OfflineLimits(
            max_outstanding_value=limits.decimal("maxOutstandingValue"),
            max_queue_age_seconds=limits.integer("maxQueueAgeSeconds"),
            override_hard_cap=limits.decimal("overrideHardCap"),
        ),
        batch=None if batch is None else batch_support(batch),
    )


def batch_support(o: Obj) -> BatchSupport:
    """``GET /terminal`` ``batch``: a path below the loyalty group and a positive item limit."""
    path, max_items = o.text("path"), o.integer("maxItems")
    if not path.startswith("/") or "?" in path or max_items < 1:
        raise ProtocolError(f"batch: {path[:60]!r} with maxItems {max_items} is not a batch endpoint")
    return BatchSupport(path=path, max_items=max_items)


def series(o: Obj) -> Series:
    """One entry of ``GET /series``."""
    policy = o.opt_obj("offlinePolicy")
    length = o.integer("length")
    prefix = o.text("prefix")
    if length <= 0 or len(prefix) > length:
        raise ProtocolError(f"{o._where('length')}: {length} does not fit prefix {prefix!r}")
    return Series(
        series_number=o.text("seriesNumber"),
        kind=o.enum("kind", Kind),
        description=o.text("description"),
        prefix=prefix,
        length=length,
        check_digit=o.enum("checkDigit", CheckDigit),
        alphanumeric=o.flag("alphanumeric"),
        currency=o.text("currency"),
        issue_mode=o.enum("issueMode", IssueMode),
        amount_mode=o.enum("amountMode", AmountMode),
        fixed_amount=o.opt_decimal("fixedAmount"),
        min_amount=o.opt_decimal("minAmount"),
        max_amount=o.opt_decimal("maxAmount"),
        validity_days=o.opt_integer("validityDays"),
        issuer_merchant_group=o.text("issuerMerchantGroup"),
        acceptor_merchant_group=o.text("acceptorMerchantGroup"),
        issuable_here=o.flag("issuableHere"),
        acceptable_here=o.flag("acceptableHere"),
        single_use=o.opt_flag("singleUse"),
        offline_policy=OfflinePolicy(
            operations=frozenset(policy.texts("operations")),
            max_amount_per_operation=policy.opt_decimal("maxAmountPerOperation"),
            max_points_per_operation=policy.opt_integer("maxPointsPerOperation"),
        )
        if policy is not None
        else OfflinePolicy(),
        limits=_series_limits(o.opt_obj("limits")),
    )


def _series_limits(o: Obj | None) -> SeriesLimits | None:
    if o is None:
        return None
    return SeriesLimits(
        max_load=o.opt_decimal("maxLoad"),
        max_balance=o.opt_decimal("maxBalance"),
        approval_threshold=o.opt_decimal("approvalThreshold"),
    )


def series_list(data: object) -> tuple[Series, ...]:
    """``GET /series``."""
    return Obj(data).objs("series", series)


def next_reward(o: Obj) -> NextReward:
    return NextReward(
        threshold=o.integer("threshold"),
        points_to_go=o.integer("pointsToGo"),
        reward_value=o.decimal("rewardValue"),
        close=o.flag("close"),
    )


def _customer_ref(o: Obj) -> CustomerRef:
    return CustomerRef(o.text("customerId"), o.opt_text("firstName"), o.opt_text("lastName"))


def instrument(data: object, path: str = "") -> Instrument:
    """Any instrument object (gift card, store credit, coupon, loyalty card)."""
    o = data if isinstance(data, Obj) else Obj(data, path)
    kind = o.enum("kind", Kind)
    account = points = reward = offer = None
    products: tuple[PointsProduct, ...] = ()
    if kind.is_money:
        a = o.obj("account")
        account = Account(
            original=a.decimal("amountOriginal"),
            net=a.decimal("amountNet"),
            authorized=a.decimal("amountAuthorized"),
            floor=a.decimal("amountFloor"),
            available=a.decimal("amountAvailable"),
        )
    elif kind is Kind.LOYALTYCARD:
        p = o.obj("points")
        points = PointsAccount(
            balance=p.integer("balance"),
            pending=p.integer("pending"),
            expiring_soon=p.integer("expiringSoon"),
            expiring_date=p.opt_date("expiringDate"),
            point_value=p.decimal("pointValue"),
            value=p.decimal("value"),
            money=o.has("account") and o.text("account") == "money",
        )
        nr = o.opt_obj("nextReward")
        reward = next_reward(nr) if nr is not None else None
        if o.has("pointsProducts"):
            products = o.objs(
                "pointsProducts",
                lambda x: PointsProduct(x.text("productCode"), x.text("description"), x.integer("points")),
            )
    else:
        f = o.obj("offer")
        offer = Offer(f.text("description"), f.text("discountType"), f.decimal("value"))
    customer = o.opt_obj("customer")
    acceptable = o.opt_flag("acceptableHere")
    return Instrument(
        instrument_id=o.text("instrumentId"),
        kind=kind,
        number=o.text("number"),
        series_number=o.text("seriesNumber"),
        status=o.enum("status", Status),
        currency=o.text("currency"),
        start_date=o.opt_date("startDate"),
        expiry_date=o.opt_date("expiryDate"),
        created=o.opt_datetime("created"),
        account=account,
        points=points,
        next_reward=reward,
        offer=offer,
        single_use=o.opt_flag("singleUse"),
        uses_left=o.opt_integer("usesLeft"),
        customer=_customer_ref(customer) if customer is not None else None,
        block_reason=o.opt_text("blockReason"),
        acceptable_here=True if acceptable is None else acceptable,
        points_products=products,
        merged_into=o.opt_text("mergedInto"),
    )


def operation_result(data: object, *, expected_id: str | None = None) -> OperationResult:
    """The operation result of every instrument write (state APPLIED: the server answered 2xx).

    Args:
        data: the JSON body.
        expected_id: the idempotency key sent; the answer must name the same operation.
    """
    o = Obj(data)
    operation_id = o.text("operationId")
    if expected_id is not None and operation_id != expected_id:
        raise ProtocolError(f"operationId: answer names {operation_id!r}, not the operation sent")
    return OperationResult(
        operation_id=operation_id,
        type=o.enum("type", OpType),
        state=OperationState.APPLIED,
        instrument=instrument(o.obj("instrument")) if o.has("instrument") else None,
        transaction_id=o.opt_text("transactionId"),
        amount=o.opt_decimal("amount"),
        points=o.opt_integer("points"),
        auth_code=o.opt_text("authCode"),
        auth_expires=o.opt_datetime("authExpires"),
        created=o.opt_datetime("created"),
        rewards=o.objs("rewards", instrument) if o.has("rewards") else (),
        reversible=o.opt_decimal("reversible"),
        source=instrument(o.obj("source")) if o.has("source") else None,
    )


def customer(data: object, path: str = "") -> Customer:
    """A customer object."""
    o = data if isinstance(data, Obj) else Obj(data, path)
    return Customer(
        customer_id=o.text("customerId"),
        first_name=o.opt_text("firstName"),
        last_name=o.opt_text("lastName"),
        phone=o.opt_text("phone"),
        email=o.opt_text("email"),
        country=o.opt_text("country"),
        groups=o.texts("groups") if o.has("groups") else (),
        blocked=bool(o.opt_flag("blocked")),
        consents=o.objs("consents", _consent) if o.has("consents") else (),
        cards=o.texts("cards") if o.has("cards") else (),
        created=o.opt_datetime("created"),
    )


def _consent(o: Obj) -> Consent:
    return Consent(
        o.text("type"),
        o.flag("granted"),
        o.text("version"),
        o.opt_datetime("time"),
        terminal_id=o.opt_text("terminalId"),
        merchant_id=o.opt_text("merchantId"),
    )


def consent_history(data: object) -> tuple[Consent, ...]:
    """``GET /customers/{id}/consents``: every answer recorded, oldest first."""
    return Obj(data).objs("history", _consent)


def customers(data: object) -> tuple[Customer, ...]:
    """``GET /customers?…``."""
    return Obj(data).objs("customers", customer)


def customer_result(data: object, operation_id: str, op_type: OpType) -> OperationResult:
    """A customer write answers the customer; wrap it as an applied operation result."""
    return OperationResult(
        operation_id=operation_id, type=op_type, state=OperationState.APPLIED, customer=customer(data)
    )


def _transaction(o: Obj) -> Transaction:
    return Transaction(
        transaction_id=o.text("transactionId"),
        operation_id=o.opt_text("operationId"),
        type=o.text("type"),
        amount=o.opt_decimal("amount"),
        points=o.opt_integer("points"),
        balance_after=o.opt_decimal("balanceAfter"),
        points_after=o.opt_integer("pointsAfter"),
        auth_code=o.opt_text("authCode"),
        created=o.datetime("created"),
        merchant_id=o.opt_text("merchantId"),
        store=o.opt_integer("store"),
        pos=o.opt_integer("pos"),
        reference=o.opt_text("reference"),
        reversible=o.opt_decimal("reversible"),
        approved_by=o.opt_text("approvedBy"),
        original_operation_id=o.opt_text("originalOperationId"),
    )


def transactions(data: object) -> tuple[Transaction, ...]:
    """``GET /instruments/{id}/transactions``."""
    return Obj(data).objs("transactions", _transaction)


def _quote_line(o: Obj) -> tuple[str, str, int]:
    return (o.text("rule"), o.text("description"), o.integer("points"))


def points_quote(data: object) -> PointsQuote:
    """``POST /loyaltycards/{number}/_quote``."""
    o = Obj(data)
    nr = o.opt_obj("nextReward")
    return PointsQuote(
        points=o.integer("points"),
        breakdown=o.objs("breakdown", _quote_line),
        balance_after=o.integer("balanceAfter"),
        next_reward=next_reward(nr) if nr is not None else None,
    )


def _report_line(o: Obj) -> DayReportLine:
    return DayReportLine(
        o.text("kind"),
        o.text("type"),
        o.integer("count"),
        o.opt_decimal("amount"),
        o.opt_integer("points"),
        o.opt_text("reverses"),
    )


def _report_hour(o: Obj) -> DayHour:
    return DayHour(
        start=o.datetime("start"),
        count=o.integer("count"),
        amount_in=o.decimal("amountIn"),
        amount_out=o.decimal("amountOut"),
        points_earned=o.integer("pointsEarned"),
        points_spent=o.integer("pointsSpent"),
    )


def day_report(data: object) -> DayReport:
    """``GET /reports/day``."""
    o = Obj(data)
    totals = o.obj("totals")
    return DayReport(
        date=o.date("date"),
        terminal_id=o.text("terminalId"),
        currency=o.text("currency"),
        lines=o.objs("lines", _report_line),
        count=totals.integer("count"),
        amount_in=totals.decimal("amountIn"),
        amount_out=totals.decimal("amountOut"),
        points_earned=totals.integer("pointsEarned"),
        points_spent=totals.integer("pointsSpent"),
        points_returned=totals.opt_integer("pointsReturned") or 0,  # older servers: none
        hours=o.objs("hours", _report_hour) if o.has("hours") else (),
    )
