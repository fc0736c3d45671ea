"""The server's money rules checked by the terminal first (issue 13, items 1, 2 and 5), so that nothing
the server will refuse is stored or sent: a refund names its payment, loads and activations stay in
their series' limits, an amount above the approval threshold needs a manager, and a manager's approval
reaches the server as ``approvedBy``. Also the wire format: ``limits``, ``reversible``, ``approvedBy``.

Unit tests of the service over a recording gateway (the offline queue is one such gateway: what is not
submitted is never queued); the reads go to a mock transport that answers only the card's balance.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from pos_client.api import parse
from pos_client.api.client import LoyaltyClient
from pos_client.catalogue import Catalogue
from pos_client.domain import Kind, SeriesLimits
from pos_client.security import Approval, ApprovalRequired, Operator, OperatorStore, Role
from pos_client.service import LimitExceeded, LoyaltyService, OriginalOperationRequired
from tests.pos_client.test_api_parse import SERIES
from tests.pos_client.test_catalogue import make_series
from tests.pos_client.test_currency import RecordingGateway, number

LIMITS = SeriesLimits(Decimal("1000.00"), Decimal("2000.00"), Decimal("500.00"))
GIFT = replace(make_series("GC-PLN", "6033", 16), limits=LIMITS)
CREDIT = replace(make_series("SC-PLN", "7011", 12, kind=Kind.STORECREDIT), limits=LIMITS)
UNLIMITED = make_series("GC-FREE", "6036", 16)
CARD = number("6033")
FREE_CARD = number("6036")
HOLDS = {CARD: Decimal("100.00")}  # what the card holds, as the mock server says


def _card_answer(request: httpx.Request) -> httpx.Response:
    """The one read the limits need: the card's balance (``HOLDS``)."""
    assert request.method == "GET" and request.url.path.endswith(f"/giftcards/{CARD}"), request.url
    body = {
        "instrumentId": "I-1",
        "kind": "giftcard",
        "number": CARD,
        "seriesNumber": "GC-PLN",
        "status": "active",
        "currency": "PLN",
        "account": {
            "amountOriginal": "100.00",
            "amountNet": str(HOLDS[CARD]),
            "amountAuthorized": "0.00",
            "amountFloor": "0.00",
            "amountAvailable": str(HOLDS[CARD]),
        },
        "customer": None,
    }
    return httpx.Response(200, json=body)


@pytest.fixture
def gateway() -> RecordingGateway:
    return RecordingGateway()


@pytest.fixture
def operators(tmp_path: Path) -> Iterator[OperatorStore]:
    store = OperatorStore(tmp_path / "operators.db")
    store.add(Operator("marek", "Marek", Role.MANAGER), "9999")
    store.add(Operator("anna", "Anna", Role.CASHIER), "1111")
    yield store
    store.close()


def make_service(
    tmp_path: Path, gateway: RecordingGateway, operators: OperatorStore, role: Role
) -> LoyaltyService:
    catalogue = Catalogue(tmp_path / f"series-{role.value}.db")
    catalogue.replace([GIFT, CREDIT, UNLIMITED])
    client = LoyaltyClient("http://loyalty.test", "demo", "tok", transport=httpx.MockTransport(_card_answer))
    who = Operator("marek", "Marek", Role.MANAGER) if role is Role.MANAGER else Operator("anna", "Anna", role)
    return LoyaltyService(client, catalogue, gateway, who, operators=operators, currency=lambda: "PLN")


@pytest.fixture
def cashier(tmp_path: Path, gateway: RecordingGateway, operators: OperatorStore) -> LoyaltyService:
    return make_service(tmp_path, gateway, operators, Role.CASHIER)


@pytest.fixture
def manager(tmp_path: Path, gateway: RecordingGateway, operators: OperatorStore) -> LoyaltyService:
    return make_service(tmp_path, gateway, operators, Role.MANAGER)


MANAGER = Approval("marek", "9999")


# -- refunds name their payment -----------------------------------------------------------------------


@pytest.mark.parametrize("original", [None, "", "   "])
def test_a_refund_naming_no_payment_is_refused_before_anything_is_stored_or_sent(
    manager: LoyaltyService, gateway: RecordingGateway, original: str | None
) -> None:
    with pytest.raises(OriginalOperationRequired) as info:
        manager.refund(CARD, Decimal("5.00"), original=original)
    assert gateway.sent == []
    assert info.value.code == "ORIGINAL_OPERATION_REQUIRED" and info.value.status is None
    assert "store credit" in info.value.message


def test_a_refund_names_its_payment_and_its_approving_manager(
    cashier: LoyaltyService, gateway: RecordingGateway
) -> None:
    cashier.refund(CARD, Decimal("5.00"), original="op-pay", approval=MANAGER)
    body = gateway.sent[-1].body
    assert body["originalOperationId"] == "op-pay" and body["approvedBy"] == "marek"


# -- limits -------------------------------------------------------------------------------------------


def test_a_load_over_the_series_maximum_is_refused_before_sending(
    manager: LoyaltyService, gateway: RecordingGateway
) -> None:
    with pytest.raises(LimitExceeded) as info:
        manager.load(CARD, Decimal("1000.01"))
    assert gateway.sent == []
    assert info.value.code == "LOAD_LIMIT_EXCEEDED" and info.value.details["maxLoad"] == "1000.00"


def test_a_load_past_the_maximum_balance_is_refused_with_the_room_left(
    manager: LoyaltyService, gateway: RecordingGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(HOLDS, CARD, Decimal("1900.00"))
    with pytest.raises(LimitExceeded) as info:
        manager.load(CARD, Decimal("100.01"))  # the card holds 1900.00 of at most 2000.00
    assert gateway.sent == []
    assert info.value.code == "BALANCE_LIMIT_EXCEEDED"
    assert info.value.details["amountAllowed"] == "100.00"
    manager.load(CARD, Decimal("100.00"))  # exactly up to the maximum is fine
    assert len(gateway.sent) == 1


def test_an_activation_past_the_maximum_balance_is_refused(
    manager: LoyaltyService, gateway: RecordingGateway
) -> None:
    with pytest.raises(LimitExceeded):
        manager.activate(CARD, Decimal("2000.01"))
    with pytest.raises(LimitExceeded):
        manager.issue("SC-PLN", Decimal("2500.00"))
    assert gateway.sent == []


def test_a_series_without_limits_is_not_limited(manager: LoyaltyService, gateway: RecordingGateway) -> None:
    manager.load(FREE_CARD, Decimal("99999.00"))  # the server may still say no; the terminal has no rule
    assert len(gateway.sent) == 1 and "approvedBy" not in gateway.sent[0].body


# -- approval above the threshold -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "write",
    [
        lambda s, a: s.load(CARD, Decimal("500.01"), approval=a),
        lambda s, a: s.activate(CARD, Decimal("600.00"), approval=a),
        lambda s, a: s.issue("GC-PLN", Decimal("600.00"), approval=a),
    ],
    ids=["load", "activate", "issue"],
)
def test_above_the_approval_threshold_a_cashier_needs_a_manager_named_to_the_server(
    cashier: LoyaltyService, gateway: RecordingGateway, write: object
) -> None:
    with pytest.raises(ApprovalRequired):
        write(cashier, None)  # type: ignore[operator]
    assert gateway.sent == []
    write(cashier, MANAGER)  # type: ignore[operator]
    assert gateway.sent[-1].body["approvedBy"] == "marek"


def test_a_signed_on_manager_names_themself_above_the_threshold(
    manager: LoyaltyService, gateway: RecordingGateway
) -> None:
    manager.load(CARD, Decimal("20.00"))  # under the threshold: no approval involved
    manager.load(CARD, Decimal("90.00"))
    assert [op.body.get("approvedBy") for op in gateway.sent] == [None, None]
    manager.activate(CARD, Decimal("501.00"))
    assert gateway.sent[-1].body["approvedBy"] == "marek"


def test_pay_and_void_carry_the_manager_who_approved_them(
    cashier: LoyaltyService, gateway: RecordingGateway
) -> None:
    cashier.pay(CARD, Decimal("5.00"))
    assert "approvedBy" not in gateway.sent[-1].body
    cashier.pay(CARD, Decimal("5.00"), approval=MANAGER)  # e.g. past an offline limit
    assert gateway.sent[-1].body["approvedBy"] == "marek"
    cashier.void(CARD, "op-load", approval=MANAGER)
    assert gateway.sent[-1].body == {"originalOperationId": "op-load", "approvedBy": "marek"}
    cashier.block(CARD, "lost", approval=MANAGER)  # the server's block takes no approvedBy
    assert gateway.sent[-1].body == {"reason": "lost"}


def test_a_wrong_manager_pin_sends_nothing(cashier: LoyaltyService, gateway: RecordingGateway) -> None:
    from pos_client.security import BadPin

    with pytest.raises(BadPin):
        cashier.load(CARD, Decimal("600.00"), approval=Approval("marek", "0000"))
    assert gateway.sent == []


# -- the wire format and the cached series list ----------------------------------------------------------


# The series document of test_api_parse (one copy of the wire format), with limits.
SERIES_JSON = {**SERIES, "limits": {"maxLoad": "1000.00", "maxBalance": "2000.00", "approvalThreshold": None}}


def test_series_limits_are_parsed_and_kept_in_the_cache(tmp_path: Path) -> None:
    series = parse.series_list({"series": [SERIES_JSON]})[0]
    assert series.limits == SeriesLimits(Decimal("1000.00"), Decimal("2000.00"), None)
    assert parse.series_list({"series": [{**SERIES_JSON, "limits": None}]})[0].limits is None
    catalogue = Catalogue(tmp_path / "series.db")
    catalogue.replace([series], etag='"v1"')
    catalogue.close()
    again = Catalogue(tmp_path / "series.db")
    try:
        cached = again.get("GC-PLN")
        assert cached is not None and cached.limits == series.limits
        assert again.etag == '"v1"'
    finally:
        again.close()


def test_a_cache_of_the_old_format_is_downloaded_again(tmp_path: Path) -> None:
    """A list cached before limits were kept has none; its ETag must not make the server say 304."""
    catalogue = Catalogue(tmp_path / "series.db")
    catalogue.replace([parse.series_list({"series": [SERIES_JSON]})[0]], etag='"v1"')
    catalogue._conn.execute("DELETE FROM meta WHERE key = 'format'")  # as an older version left it
    assert catalogue.etag is None
    catalogue.close()


def test_history_rows_and_results_carry_what_is_left_to_reverse() -> None:
    row = {
        "transactionId": "TX-1",
        "operationId": "op-1",
        "type": "commit",
        "amount": "20.00",
        "points": None,
        "balanceAfter": "80.00",
        "pointsAfter": None,
        "authCode": "A1",
        "created": "2026-11-25T10:15:00Z",
        "merchantId": "M001",
        "store": 1,
        "pos": 1,
        "reference": None,
        "reversible": "15.00",
        "approvedBy": "marek",
    }
    parsed = parse.transactions({"transactions": [row]})[0]
    assert parsed.reversible == Decimal("15.00") and parsed.approved_by == "marek"
    old = parse.transactions(
        {"transactions": [{k: v for k, v in row.items() if k not in {"reversible", "approvedBy"}}]}
    )
    assert old[0].reversible is None and old[0].approved_by is None
    answer = '{"operationId": "op-2", "type": "refund", "amount": "5.00", "reversible": "10.00"}'
    result = parse.operation_result(json.loads(answer))
    assert result.reversible == Decimal("10.00")
