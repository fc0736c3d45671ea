"""Response models: they document the wire shapes in ``resources/openapi.json``.

Routes serialise their own JSON (idempotent replays must be byte-identical), so these models are used
for the schema only, through each route's ``responses=``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(examples=["INSUFFICIENT_FUNDS"])
    message: str
    details: dict[str, Any]


class ErrorResponse(BaseModel):
    error: ErrorDetail


class Account(BaseModel):
    amountOriginal: str
    amountNet: str
    amountAuthorized: str
    amountFloor: str
    amountAvailable: str


class CustomerRef(BaseModel):
    customerId: str
    firstName: str | None
    lastName: str | None


class MoneyInstrument(BaseModel):
    instrumentId: str
    giftCardId: str | None = Field(None, description="gift cards only")
    storeCreditId: str | None = Field(None, description="store credit only")
    kind: str
    number: str
    seriesNumber: str
    status: str
    created: str
    startDate: str | None
    expiryDate: str | None
    currency: str
    account: Account
    customer: CustomerRef | None
    blockReason: str | None
    acceptableHere: bool


class Offer(BaseModel):
    description: str
    discountType: str
    value: str


class Coupon(BaseModel):
    instrumentId: str
    kind: str
    number: str
    seriesNumber: str
    status: str
    singleUse: bool
    usesLeft: int | None
    currency: str
    offer: Offer
    startDate: str | None
    expiryDate: str | None
    customer: CustomerRef | None
    blockReason: str | None
    acceptableHere: bool


class PointsAccount(BaseModel):
    balance: int
    pending: int
    expiringSoon: int
    expiringDate: str | None
    pointValue: str
    value: str


class NextReward(BaseModel):
    threshold: int
    pointsToGo: int
    rewardValue: str
    close: bool


class MoneyAccount(BaseModel):
    """A loyalty money account (``account: money``): the card's account in money."""

    balance: str
    pending: str
    expiringSoon: str
    expiringDate: str | None


class LoyaltyCard(BaseModel):
    instrumentId: str
    kind: str
    number: str
    seriesNumber: str
    status: str
    currency: str
    startDate: str | None
    expiryDate: str | None
    points: PointsAccount
    account: Literal["points", "money"] = Field(
        "points",
        description="what the card keeps: points, or money (seed 002: an amount credited on the card, "
        "spent on anything by amount; its points are then minor units and its operations answer "
        "amount)",
    )
    money: MoneyAccount | None = Field(None, description="a money account's balance in money")
    nextReward: NextReward | None
    customer: CustomerRef | None
    blockReason: str | None
    acceptableHere: bool
    mergedInto: str | None = Field(
        None, description="a card closed by a merge: the number of the card its points moved to"
    )


class OperationResult(BaseModel):
    operationId: str
    transactionId: str
    type: str
    amount: str | None
    points: int | None
    authCode: str | None
    authExpires: str | None
    created: str
    instrument: MoneyInstrument | Coupon | LoyaltyCard
    rewards: list[Coupon]
    reversible: str | None = Field(
        None,
        description="money of this operation's sale that refunds and voids may still reverse "
        "(null: the operation belongs to no sale)",
    )


class CardMoveResult(OperationResult):
    """A merge or a transfer: the operation result of the target card, and the source card after it."""

    source: MoneyInstrument | LoyaltyCard = Field(
        description="the source card after the move (a merged card closed, a transferred one blocked)"
    )


class BreakdownLine(BaseModel):
    rule: str
    description: str
    points: int


class QuoteResult(BaseModel):
    points: int
    breakdown: list[BreakdownLine]
    balanceAfter: int
    nextReward: NextReward | None


class MerchantRef(BaseModel):
    merchantId: str
    name: str


class OfflineLimits(BaseModel):
    maxOutstandingValue: str
    maxQueueAgeSeconds: int
    overrideHardCap: str


class BatchSupport(BaseModel):
    """Where this server takes batches of queued operations (``POST …/operations/_batch``)."""

    path: str = Field(examples=["/operations/_batch"])
    maxItems: int


class TerminalInfo(BaseModel):
    loyaltyGroup: str
    terminalId: str
    merchant: MerchantRef
    store: int
    pos: int
    storeName: str
    storeAddress: str
    merchantGroups: list[str]
    currency: str
    serverTime: str
    offlineLimits: OfflineLimits
    batch: BatchSupport


class OfflinePolicy(BaseModel):
    operations: list[str]
    maxAmountPerOperation: str | None
    maxPointsPerOperation: int | None


class SeriesLimits(BaseModel):
    maxLoad: str | None = Field(description="the most one load may add (null: no limit)")
    maxBalance: str | None = Field(description="the most a card may hold")
    approvalThreshold: str | None = Field(
        description="an activation or a load above this needs approvedBy (a manager)"
    )


class Series(BaseModel):
    seriesNumber: str
    kind: str
    description: str
    prefix: str
    length: int
    checkDigit: str
    alphanumeric: bool
    currency: str
    issueMode: str
    amountMode: str
    fixedAmount: str | None
    minAmount: str | None
    maxAmount: str | None
    validityDays: int | None
    issuerMerchantGroup: str
    acceptorMerchantGroup: str
    issuableHere: bool
    acceptableHere: bool
    singleUse: bool | None
    offlinePolicy: OfflinePolicy
    limits: SeriesLimits | None = Field(description="money series only (null for coupons and loyalty cards)")


class SeriesList(BaseModel):
    series: list[Series]


class Consent(BaseModel):
    type: str
    granted: bool
    version: str
    time: str
    terminalId: str | None = Field(None, description="who recorded it (null: before history was kept)")
    merchantId: str | None = None


class Customer(BaseModel):
    customerId: str
    firstName: str | None
    lastName: str | None
    phone: str | None
    email: str | None
    country: str | None
    groups: list[str]
    blocked: bool
    consents: list[Consent]
    cards: list[str]
    created: str


class CustomerList(BaseModel):
    customers: list[Customer]


class ConsentHistory(BaseModel):
    customerId: str
    consents: list[Consent] = Field(description="the current answer per type (the latest of each)")
    history: list[Consent] = Field(description="every answer ever recorded, oldest first")


class Transaction(BaseModel):
    transactionId: str
    operationId: str
    type: str
    amount: str | None
    points: int | None
    balanceAfter: str | None
    pointsAfter: int | None
    authCode: str | None
    created: str
    merchantId: str
    store: int
    pos: int
    reference: str | None
    reversible: str | None = Field(
        None, description="what is left to reverse of the sale this row belongs to (null: no sale)"
    )
    approvedBy: str | None = Field(None, description="the manager the terminal named as approving it")
    originalOperationId: str | None = Field(
        None, description="the operation a return, refund, void or unredeem reverses (null: none)"
    )


class TransactionList(BaseModel):
    transactions: list[Transaction]


class DayLine(BaseModel):
    kind: str
    type: str
    reverses: str | None = Field(
        description="what this reversal takes back (load, payment, refund, issue, earn, spend, redeem); "
        "null when the rows reverse nothing"
    )
    count: int
    amount: str | None = Field(description="money moved by these rows (gift cards and store credit only)")
    points: int | None = Field(description="points moved by these rows (loyalty cards only)")


class DayTotals(BaseModel):
    count: int
    amountIn: str = Field(description="put on cards (activations, top-ups) net of voids and unissues")
    amountOut: str = Field(description="paid with cards (committed payments) net of refunds and voids")
    pointsEarned: int = Field(description="points earned net of the points returns took back")
    pointsSpent: int = Field(description="points spent (rewards, spends, payments) net of those given back")
    pointsReturned: int = Field(description="points moved by returns (taken back or given back)")


class DayHour(BaseModel):
    start: str = Field(description="the hour's start, UTC; a reversal counts in its original's hour")
    count: int
    amountIn: str
    amountOut: str
    pointsEarned: int
    pointsSpent: int


class DayReport(BaseModel):
    date: str
    terminalId: str
    currency: str
    lines: list[DayLine]
    totals: DayTotals
    hours: list[DayHour] = Field(description="net totals by hour, only hours with operations, in order")


_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in (
        (400, "Invalid request, amount, currency or missing Idempotency-Key"),
        (401, "Unknown or missing terminal token"),
        (403, "Not accepted / not issuable at this merchant"),
        (404, "Unknown instrument, series, customer, authorisation or operation"),
        (409, "Business refusal or idempotent request still in progress"),
        (422, "Idempotency-Key reused with a different request"),
    )
}


class BatchItemResult(BaseModel):
    idempotencyKey: str
    status: int = Field(description="What the item's own request would have answered; 424: not attempted")
    replayed: bool = Field(description="The stored answer of an earlier request with this key")
    body: dict[str, Any] = Field(description="The item's answer: its result or an error object")


class BatchResult(BaseModel):
    items: list[BatchItemResult]


def _with(model: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    return {200: {"model": model, "description": "OK"}, **_ERRORS}


OPERATION = _with(OperationResult)
CARD_MOVE = _with(CardMoveResult)
MONEY_INSTRUMENT = _with(MoneyInstrument)
COUPON = _with(Coupon)
LOYALTY_CARD = _with(LoyaltyCard)
QUOTE = _with(QuoteResult)
TERMINAL = _with(TerminalInfo)
SERIES = _with(SeriesList)
CUSTOMER = _with(Customer)
CUSTOMERS = _with(CustomerList)
CONSENT_HISTORY = _with(ConsentHistory)
TRANSACTIONS = _with(TransactionList)
DAY_REPORT = _with(DayReport)
BATCH = {
    **_with(BatchResult),
    413: {"model": ErrorResponse, "description": "More items than the server takes (BATCH_TOO_LARGE)"},
    429: {
        "model": ErrorResponse,
        "description": "Other batches are being applied (RATE_LIMITED, Retry-After)",
    },
}
