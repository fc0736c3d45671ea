"""The strict parser of docs/API.md, and the property that no broken answer escapes as anything but
ProtocolError (never KeyError, TypeError, ValueError, InvalidOperation...)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_client.api import parse
from pos_client.api.client import LoyaltyClient
from pos_client.api.errors import ApiError, ProtocolError
from pos_client.api.retry import RetryPolicy
from pos_client.domain import Kind, OperationState, OpType, Status
from tests.pos_client.test_api_client import GIFT_CARD, TERMINAL

SERIES = {
    "seriesNumber": "GC-PLN",
    "kind": "giftcard",
    "description": "Gift card PLN",
    "prefix": "603301",
    "length": 16,
    "checkDigit": "luhn",
    "alphanumeric": False,
    "currency": "PLN",
    "issueMode": "preissued",
    "amountMode": "manual",
    "fixedAmount": None,
    "minAmount": "10.00",
    "maxAmount": "1000.00",
    "validityDays": 730,
    "issuerMerchantGroup": "MG-PL",
    "acceptorMerchantGroup": "MG-PL",
    "issuableHere": True,
    "acceptableHere": True,
    "singleUse": None,
    "offlinePolicy": {
        "operations": ["load", "pay", "refund"],
        "maxAmountPerOperation": "100.00",
        "maxPointsPerOperation": None,
    },
}

COUPON = {
    "instrumentId": "I-000200",
    "kind": "coupon",
    "number": "SAVE10ABCD",
    "seriesNumber": "CP-SAVE",
    "status": "active",
    "singleUse": True,
    "usesLeft": 1,
    "currency": "PLN",
    "offer": {"description": "10% off the basket", "discountType": "percent", "value": "10"},
    "startDate": "2026-01-01",
    "expiryDate": "2027-01-01",
    "customer": None,
}

LOYALTY_CARD = {
    "instrumentId": "I-000300",
    "kind": "loyaltycard",
    "number": "2900000000017",
    "seriesNumber": "LC",
    "status": "active",
    "currency": "PLN",
    "startDate": "2025-03-01",
    "expiryDate": None,
    "points": {
        "balance": 180,
        "pending": 20,
        "expiringSoon": 15,
        "expiringDate": "2026-12-31",
        "pointValue": "0.10",
        "value": "18.00",
    },
    "nextReward": {"threshold": 250, "pointsToGo": 70, "rewardValue": "25.00", "close": False},
    "customer": {"customerId": "C-0001", "firstName": "Zofia", "lastName": "Wójcik"},
}

OPERATION = {
    "operationId": "7c1e0000-0000-4000-8000-000000000001",
    "transactionId": "TX-000456",
    "type": "earn",
    "amount": None,
    "points": 30,
    "authCode": None,
    "authExpires": None,
    "created": "2026-11-25T10:15:00Z",
    "instrument": LOYALTY_CARD,
    "rewards": [COUPON],
}

PAYMENT = {
    "operationId": "7c1e0000-0000-4000-8000-000000000002",
    "transactionId": "TX-000457",
    "type": "pay",
    "amount": "5.00",
    "points": None,
    "authCode": "A-9F3K2",
    "authExpires": "2026-11-25T10:30:00+00:00",
    "created": "2026-11-25T10:15:00Z",
    "instrument": GIFT_CARD,
    "rewards": [],
}

CUSTOMER = {
    "customerId": "C-0001",
    "firstName": "Zofia",
    "lastName": "Wójcik",
    "phone": "+48600100200",
    "email": "zofia@example.pl",
    "country": "PL",
    "groups": ["regular"],
    "blocked": False,
    "consents": [
        {"type": "marketing_sms", "granted": True, "version": "2024-01", "time": "2026-01-05T09:00:00Z"}
    ],
    "cards": ["2900000000017"],
    "created": "2026-01-05T09:00:00Z",
}

TRANSACTIONS = {
    "transactions": [
        {
            "transactionId": "TX-2",
            "operationId": "op-2",
            "type": "pay",
            "amount": "-5.00",
            "points": None,
            "balanceAfter": "75.00",
            "pointsAfter": None,
            "authCode": "A-1",
            "created": "2026-11-25T10:15:00Z",
            "merchantId": "M001",
            "store": 1,
            "pos": 1,
            "reference": "R-1",
        }
    ]
}

QUOTE = {
    "points": 12,
    "breakdown": [{"rule": "per-amount", "description": "1 point per 1.00", "points": 12}],
    "balanceAfter": 192,
    "nextReward": {"threshold": 250, "pointsToGo": 58, "rewardValue": "25.00", "close": False},
}

DAY_REPORT = {
    "date": "2026-11-25",
    "terminalId": "T-001-01",
    "currency": "PLN",
    "lines": [{"kind": "giftcard", "type": "load", "count": 2, "amount": "150.00", "points": None}],
    "totals": {"count": 2, "amountIn": "150.00", "amountOut": "0.00", "pointsEarned": 0, "pointsSpent": 0},
}

Parser = Callable[[Any], object]

# (parser, a valid document) for every answer of the contract.
DOCUMENTS: list[tuple[str, Parser, dict[str, Any]]] = [
    ("terminal", parse.terminal, TERMINAL),
    ("series", parse.series_list, {"series": [SERIES, {**SERIES, "offlinePolicy": None}]}),
    ("giftcard", parse.instrument, GIFT_CARD),
    ("coupon", parse.instrument, COUPON),
    ("loyaltycard", parse.instrument, LOYALTY_CARD),
    ("earn", lambda d: parse.operation_result(d), OPERATION),
    ("pay", lambda d: parse.operation_result(d), PAYMENT),
    ("customer", parse.customer, CUSTOMER),
    ("customers", parse.customers, {"customers": [CUSTOMER]}),
    ("transactions", parse.transactions, TRANSACTIONS),
    ("quote", parse.points_quote, QUOTE),
    ("day", parse.day_report, DAY_REPORT),
]


# -- the contract's examples parse to typed values -----------------------------------------------


@pytest.mark.parametrize(("name", "parser", "document"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_contract_examples_parse(name: str, parser: Parser, document: dict[str, Any]) -> None:
    assert parser(copy.deepcopy(document)) is not None


def test_terminal_values() -> None:
    terminal = parse.terminal(TERMINAL)
    assert terminal.merchant_id == "M001"
    assert terminal.merchant_groups == ("MG-PL",)
    assert terminal.server_time == dt.datetime(2026, 11, 25, 10, 15, tzinfo=dt.UTC)
    assert terminal.offline_limits.max_outstanding_value == Decimal("500.00")


def test_money_instrument_values() -> None:
    card = parse.instrument(GIFT_CARD)
    assert card.kind is Kind.GIFTCARD
    assert card.status is Status.ACTIVE
    assert card.account is not None
    assert card.account.available == Decimal("75.00")
    assert isinstance(card.account.available, Decimal)
    assert card.expiry_date == dt.date(2028, 1, 5)
    assert card.acceptable_here is True  # absent means acceptable
    assert parse.instrument({**GIFT_CARD, "acceptableHere": False}).acceptable_here is False


def test_loyalty_card_and_coupon_values() -> None:
    card = parse.instrument(LOYALTY_CARD)
    assert card.points is not None
    assert (card.points.balance, card.points.point_value) == (180, Decimal("0.10"))
    assert card.next_reward is not None and card.next_reward.points_to_go == 70
    assert card.customer is not None and card.customer.last_name == "Wójcik"
    coupon = parse.instrument(COUPON)
    assert coupon.offer is not None and coupon.offer.value == Decimal("10")
    assert (coupon.single_use, coupon.uses_left) == (True, 1)


def test_operation_result_values() -> None:
    result = parse.operation_result(PAYMENT, expected_id=PAYMENT["operationId"])
    assert result.state is OperationState.APPLIED
    assert result.type is OpType.PAY
    assert result.auth_code == "A-9F3K2"
    assert result.amount == Decimal("5.00")
    assert result.auth_expires == dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.UTC)
    earn = parse.operation_result(OPERATION)
    assert earn.points == 30
    assert [r.number for r in earn.rewards] == ["SAVE10ABCD"]


def test_operation_result_must_name_the_operation_sent() -> None:
    with pytest.raises(ProtocolError, match="operationId"):
        parse.operation_result(PAYMENT, expected_id="another-key")


def test_series_values() -> None:
    (series, without_policy) = parse.series_list({"series": [SERIES, {**SERIES, "offlinePolicy": None}]})
    assert series.offline_policy.allows("pay")
    assert series.offline_policy.max_amount_per_operation == Decimal("100.00")
    assert not without_policy.offline_policy.allows("pay")


def test_extra_fields_are_ignored_so_the_server_may_grow() -> None:
    assert (
        parse.instrument({**GIFT_CARD, "loyaltyTier": "gold", "future": {"x": [1]}}).number
        == GIFT_CARD["number"]
    )


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d.pop("instrumentId"), "instrumentId: missing"),
        (lambda d: d.update(status="frozen"), "status: unexpected value"),
        (lambda d: d.update(kind=None), "kind: must not be null"),
        (lambda d: d["account"].update(amountAvailable=75.0), "account.amountAvailable: expected a string"),
        (lambda d: d["account"].update(amountAvailable="75,00"), "account.amountAvailable"),
        (lambda d: d["account"].update(amountAvailable="1E+3"), "account.amountAvailable"),
        (lambda d: d["account"].update(amountAvailable="NaN"), "account.amountAvailable"),
        (lambda d: d["account"].update(amountAvailable=" 7.00"), "account.amountAvailable"),
        (lambda d: d["account"].update(amountAvailable="1_000.00"), "account.amountAvailable"),
        (lambda d: d["account"].update(amountAvailable="9" * 40), "account.amountAvailable"),
        (lambda d: d.pop("account"), "account: missing"),
        (lambda d: d.update(account=[]), "account: expected an object"),
        (lambda d: d.update(created="yesterday"), "created"),
        (lambda d: d.update(created="2026-11-25T10:15:00"), "no time zone"),
        (lambda d: d.update(startDate="2026-13-01"), "startDate"),
        (lambda d: d.update(customer={"firstName": "X"}), "customer.customerId: missing"),
    ],
)
def test_broken_instrument_names_the_field(mutate: Callable[[dict[str, Any]], object], where: str) -> None:
    document = copy.deepcopy(GIFT_CARD)
    mutate(document)
    with pytest.raises(ProtocolError, match=where):
        parse.instrument(document)


@pytest.mark.parametrize("value", [True, 1.0, "180", None])
def test_points_must_be_json_integers(value: object) -> None:
    document = copy.deepcopy(LOYALTY_CARD)
    document["points"]["balance"] = value
    with pytest.raises(ProtocolError, match=r"points\.balance"):
        parse.instrument(document)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(length=0),
        lambda d: d.update(length=3),  # shorter than its own prefix
        lambda d: d.update(checkDigit="mod97"),
        lambda d: d.update(alphanumeric="no"),
        lambda d: d["offlinePolicy"].update(operations="pay"),
        lambda d: d["offlinePolicy"].update(operations=["pay", 3]),
    ],
)
def test_broken_series(mutate: Callable[[dict[str, Any]], object]) -> None:
    document = copy.deepcopy(SERIES)
    mutate(document)
    with pytest.raises(ProtocolError):
        parse.series_list({"series": [document]})


def test_list_items_are_named_by_index() -> None:
    with pytest.raises(ProtocolError, match=r"series\[1\]\.kind"):
        parse.series_list({"series": [SERIES, {**SERIES, "kind": "voucher"}]})


# -- properties -----------------------------------------------------------------------------------

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)

# Values that are the wrong type or an off-contract string for almost any field.
WRONG = st.one_of(
    JSON,
    st.sampled_from(
        [
            "",
            "NaN",
            "1e5",
            "-",
            "2026-02-30",
            "2026-11-25T25:00:00Z",
            "giftcard ",
            "9" * 30,
            "Infinity",
            "0x10",
        ]
    ),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON document."""
    found: list[tuple[Any, ...]] = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def broken_documents(draw: st.DrawFn) -> tuple[Parser, Any]:
    """A valid contract document with a few fields deleted, retyped or replaced by random JSON."""
    _, parser, original = draw(st.sampled_from(DOCUMENTS))
    document: Any = copy.deepcopy(original)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(document)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["delete", "replace", "null"]))
        if action == "delete":
            del parent[path[-1]]
        else:
            parent[path[-1]] = None if action == "null" else draw(WRONG)
    if draw(st.booleans()):
        document = draw(st.sampled_from([lambda d: [d], lambda d: {"data": d}, lambda d: d]))(document)
    return parser, document


@PROPERTY
@given(case=broken_documents())
def test_a_broken_document_parses_or_is_a_protocol_error(case: tuple[Parser, Any]) -> None:
    parser, document = case
    try:
        result = parser(document)
    except ProtocolError as exc:
        assert exc.message  # says which field and what is wrong
        return
    assert result is not None  # e.g. an optional field deleted: still a whole, typed value


@PROPERTY
@given(data=JSON, which=st.sampled_from(DOCUMENTS))
def test_random_json_is_a_protocol_error(data: Any, which: tuple[str, Parser, dict[str, Any]]) -> None:
    _, parser, _ = which
    try:
        parser(data)
    except ProtocolError:
        return
    # Only a document with every required field could parse; random JSON of this size never has them.
    pytest.fail(f"random JSON parsed as {which[0]}: {data!r}")


def _client_answering(response: httpx.Response) -> LoyaltyClient:
    # One try: an answer off the contract is retried as a transient fault (pos_client.api.retry) for the
    # whole deadline; here only the error it ends with matters, not six seconds of asking again.
    return LoyaltyClient(
        "http://loyalty.test",
        "demo",
        "tok",
        transport=httpx.MockTransport(lambda r: response),
        retry_policy=RetryPolicy(deadline=0.0),
    )


CONTENT_TYPES = st.sampled_from(
    [
        None,
        "application/json",
        "application/json; charset=utf-8",
        "text/html",
        "text/plain",
        "application/xml",
        "",
    ]
)


@PROPERTY
@given(
    status=st.sampled_from([200, 201, 204, 301, 304, 400, 403, 404, 409, 418, 422]),
    body=st.one_of(st.binary(max_size=64), JSON.map(lambda d: json.dumps(d).encode())),
    content_type=CONTENT_TYPES,
    call=st.sampled_from(
        ["terminal", "series", "instrument", "transactions", "customers", "report", "write"]
    ),
)
def test_any_answer_off_the_contract_is_a_protocol_error_at_the_client(
    status: int, body: bytes, content_type: str | None, call: str
) -> None:
    """Whatever status, body and content type: a typed API error or a value, never a raw exception."""
    headers = {"Content-Type": content_type} if content_type is not None else {}
    client = _client_answering(httpx.Response(status, content=body, headers=headers))

    calls: dict[str, Callable[[], object]] = {
        "terminal": client.terminal,
        "series": lambda: client.series('"etag"'),
        "instrument": lambda: client.instrument(Kind.GIFTCARD, "6033010000000017"),
        "transactions": lambda: client.transactions("I-1"),
        "customers": lambda: client.find_customers(phone="1"),
        "report": client.day_report,
        "write": lambda: parse.operation_result(client.post_json("/x", {}, idempotency_key="k")),
    }
    try:
        calls[call]()
    except ApiError as exc:
        if 200 <= status < 300 or status in (301, 304):
            # No 2xx in this test carries a complete contract document, and redirects are not followed.
            assert isinstance(exc, ProtocolError) or (status == 304 and call == "series")
    else:
        assert status == 304 and call == "series"  # "unchanged" is the one valid answer here


@pytest.mark.parametrize(("name", "parser", "document"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_non_object_answers(name: str, parser: Parser, document: dict[str, Any]) -> None:
    for data in (None, [], "text", 3, [document]):
        with pytest.raises(ProtocolError, match="expected an object"):
            parser(data)


def test_wrong_content_type_with_a_valid_body_is_a_protocol_error() -> None:
    client = _client_answering(
        httpx.Response(200, content=json.dumps(GIFT_CARD).encode(), headers={"Content-Type": "text/html"})
    )
    with pytest.raises(ProtocolError, match="Content-Type text/html"):
        client.instrument(Kind.GIFTCARD, "6033010000000017")
