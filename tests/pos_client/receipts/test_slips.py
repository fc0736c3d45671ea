"""Slip contents: masking, the whole number only where the slip is the instrument, slip choice."""

from __future__ import annotations

import datetime as dt

import pytest

from drivers.printers import document as d
from pos_client.domain import Kind, OperationResult, OperationState, OpType
from pos_client.receipts import slips
from pos_client.receipts.choose import slips_for
from pos_client.receipts.dates import format_date
from tests.pos_client.receipts import samples

SLIPS = samples.all_slips()
WHOLE_NUMBER_SLIPS = {"sale_live_printed", "store_credit_note", "reward_coupon", "points_statement"}


@pytest.mark.parametrize("name", sorted(set(SLIPS) - WHOLE_NUMBER_SLIPS))
def test_numbers_are_masked_to_the_last_four(name: str) -> None:
    text = SLIPS[name].plain_text()
    for number in (samples.GIFT_NUMBER, samples.CREDIT_NUMBER, samples.LOYALTY_NUMBER):
        assert number not in text
        assert number[:-4] not in text
    if "giftcard" in name or name in {"payment", "load", "refund", "void", "sale_preissued"}:
        assert "************0123" in text


def test_the_slip_that_is_the_card_carries_the_whole_number() -> None:
    live = SLIPS["sale_live_printed"]
    assert samples.GIFT_NUMBER in live.plain_text()
    assert d.Barcode(samples.GIFT_NUMBER, module_width=3) in live.blocks
    assert samples.GIFT_NUMBER not in SLIPS["sale_preissued"].plain_text()


def test_points_statement_masks_the_card_but_prints_the_reward_coupon_code() -> None:
    text = SLIPS["points_statement"].plain_text()
    assert samples.LOYALTY_NUMBER not in text and "*********6789" in text
    assert "Brakuje punktów: 20" in text  # a Polish shop (pl_PL): Polish words


def test_reward_coupon_barcode_is_wide_enough() -> None:
    (barcode,) = [b for b in SLIPS["reward_coupon"].blocks if isinstance(b, d.Barcode)]
    assert barcode.module_width >= 3 and barcode.height >= 80


def test_payment_shows_before_paid_remaining() -> None:
    text = SLIPS["payment"].plain_text()
    assert "Przed: 100,00 zł" in text and "Zapłacono: 24,50 zł" in text and "Pozostało: 75,50 zł" in text


@pytest.mark.parametrize(
    ("op", "kind", "title"),
    [
        (OpType.ISSUE, Kind.GIFTCARD, "Gift card"),
        (OpType.ISSUE, Kind.STORECREDIT, "Store credit"),
        (OpType.PAY, Kind.GIFTCARD, "Payment"),
        (OpType.COMMIT, Kind.STORECREDIT, "Payment"),
        (OpType.LOAD, Kind.GIFTCARD, "Top-up"),
        (OpType.REFUND, Kind.STORECREDIT, "Refund"),
        (OpType.VOID, Kind.GIFTCARD, "Void"),
        (OpType.BLOCK, Kind.GIFTCARD, "Balance"),
    ],
)
def test_slip_is_chosen_by_operation_and_kind(op: OpType, kind: Kind, title: str) -> None:
    result = samples.result(op, samples.money_card(kind), "10.00")
    (slip,) = slips_for(result, samples.EN_CTX)
    assert slip.title == title


def test_points_result_prints_statement_then_one_coupon_per_reward() -> None:
    result = samples.result(OpType.EARN, samples.loyalty_card(), points=42, rewards=(samples.coupon(),))
    assert [s.title for s in slips_for(result, samples.EN_CTX)] == ["Loyalty points", "Reward coupon"]


def test_refused_result_prints_nothing() -> None:
    refused = OperationResult("op", OpType.PAY, OperationState.REFUSED)
    assert slips_for(refused, samples.CTX) == []


def test_day_summary_and_balance_subjects() -> None:
    assert [s.title for s in slips_for(samples.DAY, samples.EN_CTX)] == ["Day summary"]
    assert [s.title for s in slips_for(samples.coupon(), samples.EN_CTX)] == ["Balance"]


def test_slip_without_instrument_is_a_bug_not_a_blank_slip() -> None:
    with pytest.raises(ValueError, match="no instrument"):
        slips.payment_slip(OperationResult("op", OpType.PAY, OperationState.APPLIED), samples.CTX)


@pytest.mark.parametrize(
    ("locale", "text"), [("pl_PL", "31.01.2027"), ("en_GB", "31/01/2027"), ("en_US", "01/31/2027")]
)
def test_dates_in_the_locale(locale: str, text: str) -> None:
    assert format_date(dt.date(2027, 1, 31), locale) == text
