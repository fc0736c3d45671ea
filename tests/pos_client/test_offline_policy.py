"""The offline policy at its edges: caps (cap − 0.01, cap, cap + 0.01), queue age, overrides."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pos_client.declarations import declaration
from pos_client.domain import (
    AmountMode,
    CheckDigit,
    IssueMode,
    Kind,
    OfflineLimits,
    OfflinePolicy,
    Series,
)
from pos_client.offline_policy import Candidate, KnownInstrument, Pending, Verdict, decide

LIMITS = OfflineLimits(
    max_outstanding_value=Decimal("500.00"), max_queue_age_seconds=86400, override_hard_cap=Decimal("1000.00")
)
GIFT = Series(
    series_number="GC-PLN",
    kind=Kind.GIFTCARD,
    description="Gift card PLN",
    prefix="603301",
    length=16,
    check_digit=CheckDigit.LUHN,
    alphanumeric=False,
    currency="PLN",
    issue_mode=IssueMode.PREISSUED,
    amount_mode=AmountMode.MANUAL,
    fixed_amount=None,
    min_amount=Decimal("10.00"),
    max_amount=Decimal("1000.00"),
    validity_days=730,
    issuer_merchant_group="MG-PL",
    acceptor_merchant_group="MG-PL",
    issuable_here=True,
    acceptable_here=True,
    offline_policy=OfflinePolicy(frozenset({"load", "pay", "refund"}), Decimal("100.00"), None),
)
LOYALTY = replace(
    GIFT,
    series_number="LC",
    kind=Kind.LOYALTYCARD,
    offline_policy=OfflinePolicy(frozenset({"earn", "redeem"}), None, 200),
)
COUPON = replace(GIFT, series_number="CP", kind=Kind.COUPON, single_use=True, offline_policy=OfflinePolicy())
NOTHING = Pending(outstanding_value=Decimal("0"), oldest_age_seconds=None)


def pay(amount: str) -> Candidate:
    return Candidate(declaration("pay"), Kind.GIFTCARD, "GC-PLN", Decimal(amount), None)


@pytest.mark.parametrize(
    ("amount", "verdict"),
    [("99.99", Verdict.ALLOW), ("100.00", Verdict.ALLOW), ("100.01", Verdict.OVERRIDABLE)],
)
def test_cap_per_operation_edges(amount: str, verdict: Verdict) -> None:
    decision = decide(pay(amount), series=GIFT, limits=LIMITS, pending=NOTHING)
    assert decision.verdict is verdict
    if verdict is Verdict.OVERRIDABLE:
        assert decision.limit == "per_operation" and "100.00" in decision.reason


@pytest.mark.parametrize(
    ("already", "verdict"),
    [("449.99", Verdict.ALLOW), ("450.00", Verdict.ALLOW), ("450.01", Verdict.OVERRIDABLE)],
)
def test_outstanding_value_edges(already: str, verdict: Verdict) -> None:
    # 50.00 more on top of what is queued: the total cap is 500.00 (cap − 0.01, cap, cap + 0.01)
    pending = Pending(outstanding_value=Decimal(already), oldest_age_seconds=10)
    decision = decide(pay("50.00"), series=GIFT, limits=LIMITS, pending=pending)
    assert decision.verdict is verdict
    if verdict is Verdict.OVERRIDABLE:
        assert decision.limit == "outstanding" and "49.99 left" in decision.reason


@pytest.mark.parametrize(
    ("age", "verdict"), [(86399, Verdict.ALLOW), (86400, Verdict.ALLOW), (86401, Verdict.REFUSE)]
)
def test_queue_age_edges(age: int, verdict: Verdict) -> None:
    pending = Pending(outstanding_value=Decimal("0"), oldest_age_seconds=age)
    decision = decide(pay("1.00"), series=GIFT, limits=LIMITS, pending=pending)
    assert decision.verdict is verdict
    # a manager cannot override the age limit
    assert decide(pay("1.00"), series=GIFT, limits=LIMITS, pending=pending, override=True).verdict is (
        Verdict.ALLOW if verdict is Verdict.ALLOW else Verdict.REFUSE
    )


@pytest.mark.parametrize(
    ("already", "amount", "verdict"),
    [
        ("900.00", "99.99", Verdict.ALLOW),  # hard cap − 0.01
        ("900.00", "100.00", Verdict.ALLOW),  # exactly the hard cap
        ("900.01", "100.00", Verdict.REFUSE),  # hard cap + 0.01
    ],
)
def test_override_stays_within_the_hard_cap(already: str, amount: str, verdict: Verdict) -> None:
    pending = Pending(outstanding_value=Decimal(already), oldest_age_seconds=5)
    assert decide(pay(amount), series=GIFT, limits=LIMITS, pending=pending).verdict is Verdict.OVERRIDABLE
    decision = decide(pay(amount), series=GIFT, limits=LIMITS, pending=pending, override=True)
    assert decision.verdict is verdict
    if verdict is Verdict.REFUSE:
        assert decision.limit == "hard_cap"


def test_override_of_the_per_operation_cap_is_bounded_too() -> None:
    assert decide(pay("1000.00"), series=GIFT, limits=LIMITS, pending=NOTHING, override=True).allowed
    decision = decide(pay("1000.01"), series=GIFT, limits=LIMITS, pending=NOTHING, override=True)
    assert decision.verdict is Verdict.REFUSE


def test_operations_not_in_the_series_policy_are_refused_even_with_override() -> None:
    redeem = Candidate(declaration("coupon.redeem"), Kind.COUPON, "CP", None, None)
    decision = decide(redeem, series=COUPON, limits=LIMITS, pending=NOTHING, override=True)
    assert decision.verdict is Verdict.REFUSE and decision.limit == "operation"
    block = Candidate(declaration("block"), Kind.GIFTCARD, "GC-PLN", None, None)
    assert decide(block, series=GIFT, limits=LIMITS, pending=NOTHING).verdict is Verdict.REFUSE


def test_earning_points_and_enrolling_customers_may_wait() -> None:
    earn = Candidate(declaration("points.earn"), Kind.LOYALTYCARD, "LC", None, None)
    assert decide(earn, series=LOYALTY, limits=LIMITS, pending=NOTHING).allowed
    enrol = Candidate(declaration("customer.create"), None, None, None, None)
    assert decide(enrol, series=None, limits=LIMITS, pending=NOTHING).allowed


def test_unknown_series_or_limits_refuse() -> None:
    assert decide(pay("1.00"), series=None, limits=LIMITS, pending=NOTHING).limit == "series"
    assert decide(pay("1.00"), series=GIFT, limits=None, pending=NOTHING).limit == "limits"


@pytest.mark.parametrize(
    ("available", "queued", "verdict"),
    [("30.00", "0", Verdict.ALLOW), ("30.00", "10.00", Verdict.ALLOW), ("30.00", "10.01", Verdict.REFUSE)],
)
def test_last_known_balance_refuses_an_uncovered_spend(available: str, queued: str, verdict: Verdict) -> None:
    known = KnownInstrument(status="active", available=Decimal(available), points=None)
    pending = Pending(Decimal(queued), 1, queued_spend=Decimal(queued))
    decision = decide(pay("20.00"), series=GIFT, limits=LIMITS, pending=pending, known=known, override=True)
    assert decision.verdict is verdict
    if verdict is Verdict.REFUSE:
        assert decision.limit == "balance" and "19.99" in decision.reason


def test_points_spend_checked_against_known_points_and_cap() -> None:
    spend = Candidate(declaration("points.redeem"), Kind.LOYALTYCARD, "LC", None, 150)
    known = KnownInstrument(status="active", available=None, points=180)
    assert decide(spend, series=LOYALTY, limits=LIMITS, pending=NOTHING, known=known).allowed
    pending = Pending(Decimal("0"), 1, queued_points_spend=31)
    assert decide(spend, series=LOYALTY, limits=LIMITS, pending=pending, known=known).limit == "balance"
    big = replace(spend, points=201)
    assert decide(big, series=LOYALTY, limits=LIMITS, pending=NOTHING).verdict is Verdict.OVERRIDABLE


def test_a_card_known_unusable_is_refused() -> None:
    known = KnownInstrument(status="blocked", available=Decimal("100.00"), points=None)
    assert decide(pay("1.00"), series=GIFT, limits=LIMITS, pending=NOTHING, known=known).limit == "status"


def test_policy_names_come_from_the_declarations() -> None:
    assert declaration("activate").policy_name == "activate"
    assert declaration("giftcard.issue").policy_name == "issue"
    assert declaration("storecredit.issue").policy_name == "issue"
    assert declaration("points.redeem").policy_name == "redeem"
    assert declaration("load").policy_name == "load"


def test_blocking_a_customer_never_waits() -> None:
    block = Candidate(declaration("customer.block"), None, None, None, None)
    decision = decide(block, series=None, limits=LIMITS, pending=NOTHING, override=True)
    assert decision.verdict is Verdict.REFUSE and decision.limit == "operation"


@pytest.mark.parametrize(
    ("points", "verdict"), [(199, Verdict.ALLOW), (200, Verdict.ALLOW), (201, Verdict.OVERRIDABLE)]
)
def test_points_cap_per_operation_edges(points: int, verdict: Verdict) -> None:
    spend = Candidate(declaration("points.redeem"), Kind.LOYALTYCARD, "LC", None, points)
    decision = decide(spend, series=LOYALTY, limits=LIMITS, pending=NOTHING)
    assert decision.verdict is verdict
    if verdict is Verdict.OVERRIDABLE:
        assert decision.limit == "per_operation" and "200" in decision.reason
