"""Domain values for slip tests: one of each slip, with Polish text, £ and € on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from drivers.printers.document import Document
from pos_client.domain import (
    Account,
    CustomerRef,
    DayReport,
    DayReportLine,
    Instrument,
    Kind,
    NextReward,
    Offer,
    OperationResult,
    OperationState,
    OpType,
    PointsAccount,
    Status,
)
from pos_client.receipts import slips
from pos_client.receipts.settings import SlipContext, SlipSettings

NOW = dt.datetime(2026, 11, 25, 13, 45, tzinfo=dt.UTC)
CTX = SlipContext(
    settings=SlipSettings(
        store_name="Sklep Łódź",
        address=("ul. Żółta 5", "90-001 Łódź"),
        footer=("Dziękujemy! Thank you £ €",),
        terminal="Store 12 / POS 3",
        locale="pl_PL",
        timezone="Europe/Warsaw",
    ),
    operator="Anna Wójcik",
    now=NOW,
)
# The same shop's slips in English (en_GB): the words follow the slip's locale (pos_client.i18n).
EN_CTX = SlipContext(settings=replace(CTX.settings, locale="en_GB"), operator=CTX.operator, now=NOW)
OP = "6f1c2a4e-0b7d-4c55-9a51-3e2f1d0c9b8a"
GIFT_NUMBER = "6031234567890123"
CREDIT_NUMBER = "7701000012345678"
COUPON_NUMBER = "RW7F3K9Q2X"
LOYALTY_NUMBER = "9900123456789"


def money_card(kind: Kind = Kind.GIFTCARD, available: str = "75.50", currency: str = "PLN") -> Instrument:
    amount = Decimal(available)
    return Instrument(
        instrument_id="i-1",
        kind=kind,
        number=GIFT_NUMBER if kind is Kind.GIFTCARD else CREDIT_NUMBER,
        series_number="S-GIFT",
        status=Status.ACTIVE,
        currency=currency,
        expiry_date=dt.date(2027, 11, 25),
        account=Account(Decimal("100.00"), amount, Decimal("0.00"), Decimal("0.00"), amount),
        customer=CustomerRef("c-1", "Zofia", "Gęślarz"),
    )


def loyalty_card() -> Instrument:
    return Instrument(
        instrument_id="i-2",
        kind=Kind.LOYALTYCARD,
        number=LOYALTY_NUMBER,
        series_number="S-LOY",
        status=Status.ACTIVE,
        currency="EUR",
        points=PointsAccount(230, 10, 40, dt.date(2026, 12, 31), Decimal("0.10"), Decimal("23.00")),
        next_reward=NextReward(250, 20, Decimal("25.00"), True),
    )


def coupon() -> Instrument:
    return Instrument(
        instrument_id="i-3",
        kind=Kind.COUPON,
        number=COUPON_NUMBER,
        series_number="S-RW",
        status=Status.ACTIVE,
        currency="EUR",
        start_date=dt.date(2026, 11, 25),
        expiry_date=dt.date(2027, 1, 31),
        offer=Offer("Nagroda za punkty — 25 € rabatu", "amount", Decimal("25.00")),
        single_use=True,
    )


def result(
    op: OpType, instrument: Instrument, amount: str | None = None, points: int | None = None, **kw: object
) -> OperationResult:
    return OperationResult(
        operation_id=OP,
        type=op,
        state=OperationState.QUEUED if kw.get("provisional") else OperationState.APPLIED,
        instrument=instrument,
        amount=Decimal(amount) if amount else None,
        points=points,
        created=NOW,
        **kw,  # type: ignore[arg-type]
    )


DAY = DayReport(
    date=dt.date(2026, 11, 25),
    terminal_id="T-12-3",
    currency="PLN",
    lines=(
        DayReportLine("giftcard", "issue", 3, Decimal("300.00"), None),
        DayReportLine("giftcard", "pay", 5, Decimal("212.40"), None),
        DayReportLine("loyaltycard", "earn", 12, None, 845),
    ),
    count=20,
    amount_in=Decimal("300.00"),
    amount_out=Decimal("212.40"),
    points_earned=845,
    points_spent=0,
)


def slip_builders() -> dict[str, Callable[[], Document]]:
    """One zero-argument builder per slip kind, by golden-file name (domain values made fresh)."""
    card = money_card
    return {
        "balance_giftcard": lambda: slips.balance_slip(card(), CTX),
        "balance_loyalty": lambda: slips.balance_slip(loyalty_card(), CTX),
        "balance_coupon": lambda: slips.balance_slip(coupon(), CTX),
        "sale_preissued": lambda: slips.sale_slip(result(OpType.ISSUE, card(), "100.00"), CTX),
        "sale_live_printed": lambda: slips.sale_slip(
            result(OpType.ISSUE, card(), "100.00"), CTX, live_printed=True
        ),
        "payment": lambda: slips.payment_slip(result(OpType.PAY, card(), "24.50", auth_code="A1B2C3"), CTX),
        "payment_gbp": lambda: slips.payment_slip(
            result(OpType.COMMIT, money_card(currency="GBP"), "24.50"), CTX
        ),
        "load": lambda: slips.movement_slip(result(OpType.LOAD, card(), "50.00"), CTX),
        "refund": lambda: slips.movement_slip(result(OpType.REFUND, card(), "19.99"), CTX),
        "void": lambda: slips.movement_slip(result(OpType.VOID, card(), "24.50"), CTX),
        "load_provisional": lambda: slips.movement_slip(
            result(OpType.LOAD, card(), "50.00", provisional=True), CTX
        ),
        "store_credit_note": lambda: slips.store_credit_note(
            result(OpType.ISSUE, money_card(Kind.STORECREDIT, "45.00", "EUR"), "45.00"), CTX
        ),
        "reward_coupon": lambda: slips.reward_coupon(coupon(), CTX),
        "points_statement": lambda: slips.points_statement(
            result(OpType.EARN, loyalty_card(), points=42, rewards=(coupon(),)), CTX
        ),
        "day_summary": lambda: slips.day_summary(DAY, CTX),
    }


def all_slips() -> dict[str, Document]:
    """One document per slip kind, by golden-file name."""
    return {name: build() for name, build in slip_builders().items()}
