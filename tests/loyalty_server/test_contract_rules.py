"""The reference server's promises, over real HTTP on loopback (issue 2 "Done when"), and the
published contract (issue 13): resources/openapi.json states every header, format and cross-field rule
the server enforces, and the server accepts exactly what it states.

Concurrency: balances stay right when many terminals pay at once; idempotency: a replay returns the
first answer byte for byte, a reused key with another body is refused; authorisation by token and by
acceptor merchant group.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.loyalty_server.helpers import Api, error_code


@pytest.fixture
def api(fresh_server: RunningServer) -> Iterator[Api]:
    a = Api(fresh_server)
    yield a
    a.close()


@pytest.mark.every_engine
def test_fifty_concurrent_payments_of_one_on_ten_make_exactly_ten_holds(
    fresh_server: RunningServer, api: Api
) -> None:
    card = fresh_server.sample("giftcard_low_balance")
    assert api.ok("GET", f"/giftcards/{card}")["account"]["amountAvailable"] == "10.00"
    clients = [Api(fresh_server, index=i % 3) for i in range(50)]  # three terminals of the acceptor group

    def pay(c: Api) -> httpx.Response:
        return c.post(f"/giftcards/{card}/_pay", {"amount": "1.00"})

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(pay, clients))
    for c in clients:
        c.close()
    outcomes = Counter(r.status_code if r.status_code == 200 else error_code(r) for r in answers)
    assert outcomes == {200: 10, "INSUFFICIENT_FUNDS": 40}
    account = api.ok("GET", f"/giftcards/{card}")["account"]
    assert account == {
        "amountOriginal": "10.00",
        "amountNet": "10.00",
        "amountAuthorized": "10.00",
        "amountFloor": "0.00",
        "amountAvailable": "0.00",
    }
    assert len({r.json()["authCode"] for r in answers if r.status_code == 200}) == 10


@pytest.mark.every_engine
def test_concurrent_redeems_of_a_single_use_coupon_use_it_once(fresh_server: RunningServer) -> None:
    code = fresh_server.sample("coupon_active")
    clients = [Api(fresh_server, index=i % 3) for i in range(20)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda c: c.post(f"/coupons/{code}/_redeem"), clients))
    for c in clients:
        c.close()
    assert Counter(r.status_code if r.status_code == 200 else error_code(r) for r in answers) == {
        200: 1,
        "COUPON_USED": 19,
    }


def test_a_replayed_post_returns_the_identical_first_response(fresh_server: RunningServer, api: Api) -> None:
    card = fresh_server.sample("giftcard_active")
    key = str(uuid.uuid4())
    first = api.post(f"/giftcards/{card}/_pay", {"amount": "2.50"}, key=key)
    again = api.post(f"/giftcards/{card}/_pay", {"amount": "2.50"}, key=key)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert first.json()["operationId"] == key
    # the effect happened once
    assert api.ok("GET", f"/giftcards/{card}")["account"]["amountAuthorized"] == "2.50"


def test_a_replayed_refusal_is_replayed_too(fresh_server: RunningServer, api: Api) -> None:
    card = fresh_server.sample("giftcard_blocked")
    key = str(uuid.uuid4())
    first = api.post(f"/giftcards/{card}/_pay", {"amount": "1.00"}, key=key)
    again = api.post(f"/giftcards/{card}/_pay", {"amount": "1.00"}, key=key)
    assert first.status_code == again.status_code == 409
    assert error_code(first) == "BLOCKED"
    assert again.content == first.content


def test_the_same_key_with_a_different_body_is_refused_with_422(
    fresh_server: RunningServer, api: Api
) -> None:
    card = fresh_server.sample("giftcard_active")
    key = str(uuid.uuid4())
    assert api.post(f"/giftcards/{card}/_pay", {"amount": "1.00"}, key=key).status_code == 200
    other = api.post(f"/giftcards/{card}/_pay", {"amount": "2.00"}, key=key)
    assert other.status_code == 422
    assert error_code(other) == "IDEMPOTENCY_MISMATCH"
    assert api.ok("GET", f"/giftcards/{card}")["account"]["amountAuthorized"] == "1.00"


def test_keys_are_scoped_per_terminal(fresh_server: RunningServer, api: Api) -> None:
    card = fresh_server.sample("giftcard_active")
    key = str(uuid.uuid4())
    other = Api(fresh_server, index=1)
    try:
        assert api.post(f"/giftcards/{card}/_pay", {"amount": "1.00"}, key=key).status_code == 200
        assert other.post(f"/giftcards/{card}/_pay", {"amount": "1.00"}, key=key).status_code == 200
    finally:
        other.close()
    assert api.ok("GET", f"/giftcards/{card}")["account"]["amountAuthorized"] == "2.00"


def test_a_post_without_an_idempotency_key_is_refused(fresh_server: RunningServer, api: Api) -> None:
    card = fresh_server.sample("giftcard_active")
    r = api.client.post(f"/giftcards/{card}/_pay", json={"amount": "1.00"})
    assert r.status_code == 400
    assert error_code(r) == "IDEMPOTENCY_KEY_REQUIRED"


def test_a_terminal_outside_the_acceptor_group_gets_not_accepted_here(fresh_server: RunningServer) -> None:
    outside = Api(fresh_server, index=int(fresh_server.manifest["outsideAcceptorTerminal"]))
    card = fresh_server.sample("giftcard_active")
    try:
        shown = outside.get(f"/giftcards/{card}")
        assert shown.status_code == 200  # a manager may look
        assert shown.json()["acceptableHere"] is False
        r = outside.post(f"/giftcards/{card}/_pay", {"amount": "1.00"})
        assert r.status_code == 403
        assert error_code(r) == "NOT_ACCEPTED_HERE"
    finally:
        outside.close()


def test_a_partner_card_is_not_accepted_at_the_demo_till(fresh_server: RunningServer, api: Api) -> None:
    r = api.post(f"/giftcards/{fresh_server.sample('not_accepted_here')}/_pay", {"amount": "1.00"})
    assert (r.status_code, error_code(r)) == (403, "NOT_ACCEPTED_HERE")


@pytest.mark.parametrize("header", [None, "Bearer nope", "Basic abc", "Bearer"])
def test_an_unknown_or_missing_token_gets_401(demo_server: RunningServer, header: str | None) -> None:
    headers = {} if header is None else {"Authorization": header}
    r = httpx.get(f"{demo_server.group_url}/terminal", headers=headers)
    assert r.status_code == 401
    assert error_code(r) == "UNAUTHORIZED"


def test_a_token_of_another_loyalty_group_path_gets_401(demo_server: RunningServer) -> None:
    url = f"{demo_server.base_url}/api/v1/pos/loyaltyGroups/other/terminal"
    r = httpx.get(url, headers={"Authorization": f"Bearer {demo_server.token()}"})
    assert r.status_code == 401


# --- The published contract (resources/openapi.json) states what the server enforces (issue 13) ------

SCHEMA: dict[str, Any] = json.loads(
    (Path(__file__).parents[2] / "resources" / "openapi.json").read_text(encoding="utf-8")
)
COMPONENTS: dict[str, Any] = SCHEMA["components"]["schemas"]


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in SCHEMA["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def _property(model: str, name: str) -> dict[str, Any]:
    prop: dict[str, Any] = COMPONENTS[model]["properties"][name]
    return prop


def test_every_post_requires_an_idempotency_key_and_every_operation_a_bearer_token() -> None:
    assert SCHEMA["components"]["securitySchemes"]["terminalToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": SCHEMA["components"]["securitySchemes"]["terminalToken"]["description"],
    }
    for path, method, operation in _operations():
        assert operation["security"] == [{"terminalToken": []}], (method, path)
        keys = [p for p in operation["parameters"] if p["name"] == "Idempotency-Key"]
        if method == "post":
            assert keys and keys[0]["required"] is True, path
            assert re.fullmatch(keys[0]["schema"]["pattern"], "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        else:
            assert not keys, (method, path)


def test_money_fields_are_decimal_strings_by_pattern() -> None:
    money = [
        (model, name, prop)
        for model, spec in COMPONENTS.items()
        if model.endswith(("Request", "In"))
        for name, prop in spec.get("properties", {}).items()
        if name in {"amount", "unitPrice", "discount"}
    ]
    assert len(money) >= 10
    for model, name, prop in money:
        pattern = prop["pattern"]
        assert re.fullmatch(pattern, "25.00") and re.fullmatch(pattern, "1"), (model, name)
        for garbage in ("-1.00", "1e3", "1.001", " 1.00", "01.00", "NaN", "1.", "1,00"):
            assert not re.fullmatch(pattern, garbage), (model, name, garbage)


@pytest.mark.parametrize(
    ("model", "field", "valid", "invalid"),
    [
        ("LoadRequest", "currency", ["PLN", "EUR"], ["pln", "PL", "EURO", "€"]),
        (
            "CustomerCreateRequest",
            "phone",
            ["+48 600 100 200", "600100200", "0048600-100-200"],
            ["abc123456", "+48", "12345", "+48 600  100 200", "0012345"],
        ),
        (
            "CustomerCreateRequest",
            "email",
            ["anna@example.com", "a.b+c@x.co.uk"],
            ["anna", "anna@example", "a b@x.pl", "@x.pl"],
        ),
        ("CustomerCreateRequest", "country", ["PL", "GB"], ["pl", "POL", "P"]),
    ],
)
def test_formats_are_published(model: str, field: str, valid: list[str], invalid: list[str]) -> None:
    prop = _property(model, field)
    branch = next((b for b in prop.get("anyOf", [prop]) if b.get("type") == "string"), prop)
    for value in valid:
        assert re.fullmatch(branch["pattern"], value), value
    for value in invalid:
        assert not re.fullmatch(branch["pattern"], value), value
    if field == "email":
        assert branch["format"] == "email"


def test_the_day_report_date_and_the_search_parameters_have_formats() -> None:
    base = "/api/v1/pos/loyaltyGroups/{loyaltyGroup}"
    day = {p["name"]: p for p in SCHEMA["paths"][f"{base}/reports/day"]["get"]["parameters"]}
    assert day["date"]["schema"]["format"] == "date"
    search = {p["name"]: p for p in SCHEMA["paths"][f"{base}/customers"]["get"]["parameters"]}
    for name in ("phone", "email"):
        assert "pattern" in search[name]["schema"]["anyOf"][0], name


def test_optional_fields_are_left_out_not_null_and_cross_field_rules_are_stated() -> None:
    assert _property("PayRequest", "reference") == {"type": "string", "maxLength": 200, "title": "Reference"}
    assert COMPONENTS["RedeemPointsRequest"]["oneOf"] == [
        {"required": ["points"]},
        {"required": ["productCode"]},
        {"required": ["amount"]},  # the points worth an amount of money (issue 19, item 3)
    ]
    assert COMPONENTS["QuoteRequest"]["anyOf"] == [{"required": ["amount"]}, {"required": ["lines"]}]
    assert set(COMPONENTS["CommitRequest"]["properties"]) <= {"amount", "currency", "approvedBy"}
    assert set(COMPONENTS["PointsCommitRequest"]["properties"]) == {"points"}


# --- ... and the server accepts what it states, refuses what it does not --------------------------


@pytest.fixture(scope="module")
def contract_server(server_engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    s = start_server(tmp_path_factory.mktemp("contract-server"))
    yield s
    stop_server(s)


@pytest.fixture
def capi(contract_server: RunningServer) -> Iterator[Api]:
    a = Api(contract_server)
    yield a
    a.close()


def test_integer_valued_numbers_are_integers(contract_server: RunningServer, capi: Api) -> None:
    card = contract_server.sample("loyaltycard_active")
    held = capi.post(f"/loyaltycards/{card}/_pay", {"points": 3.0})
    assert held.status_code == 200, held.text
    assert held.json()["points"] == 3
    for garbage in ("3", True, 3.5, 0.0, -3.0):
        r = capi.post(f"/loyaltycards/{card}/_pay", {"points": garbage})
        assert (r.status_code, error_code(r)) == (400, "INVALID_REQUEST"), garbage


@pytest.mark.parametrize(
    ("amount", "accepted"),
    [
        ("1", True),
        ("0.5", True),
        ("0.05", True),
        ("1.00", True),
        ("0", False),
        ("0.00", False),
        ("1.001", False),
        ("1e2", False),
        ("+1", False),
        ("01", False),
        (" 1", False),
        (1, False),
    ],
)
def test_amounts_are_accepted_exactly_as_the_pattern_says(
    contract_server: RunningServer, capi: Api, amount: object, accepted: bool
) -> None:
    pattern = _property("PayRequest", "amount")["pattern"]
    assert (isinstance(amount, str) and re.fullmatch(pattern, amount) is not None) is accepted
    r = capi.post(f"/giftcards/{contract_server.sample('giftcard_active', 7)}/_pay", {"amount": amount})
    if accepted:
        assert r.status_code == 200, r.text
    else:
        assert (r.status_code, error_code(r)) == (400, "INVALID_AMOUNT"), r.text


def test_a_null_value_is_refused_with_the_field_named(contract_server: RunningServer, capi: Api) -> None:
    card = contract_server.sample("giftcard_active", 6)
    r = capi.post(f"/giftcards/{card}/_pay", {"amount": "1.00", "reference": None})
    assert (r.status_code, error_code(r)) == (400, "INVALID_REQUEST")
    assert "reference" in r.text


@pytest.mark.parametrize(
    ("phone", "accepted"),
    [("+48 600 100 201", True), ("600-100-202", True), ("abc600100203", False), ("+48 (600) 100 204", False)],
)
def test_phones_are_accepted_exactly_as_the_pattern_says(capi: Api, phone: str, accepted: bool) -> None:
    r = capi.post("/customers", {"phone": phone, "firstName": "Ola"})
    assert (r.status_code == 200) is accepted, r.text
    if not accepted:
        assert error_code(r) == "INVALID_REQUEST"


@pytest.mark.parametrize("day", ["20240101", "2024-W01-1", "2024-02-30", "2024-1-1"])
def test_a_day_report_date_is_yyyy_mm_dd(capi: Api, day: str) -> None:
    r = capi.get("/reports/day", date=day)
    assert (r.status_code, error_code(r)) == (400, "INVALID_REQUEST"), r.text
    assert capi.get("/reports/day", date="2024-01-01").status_code == 200


def test_a_malformed_idempotency_key_is_refused_as_missing(contract_server: RunningServer, capi: Api) -> None:
    card = contract_server.sample("giftcard_active", 5)
    r = capi.client.post(
        f"/giftcards/{card}/_pay", json={"amount": "1.00"}, headers={"Idempotency-Key": "a b"}
    )
    assert (r.status_code, error_code(r)) == (400, "IDEMPOTENCY_KEY_REQUIRED")


def test_options_and_405_name_every_method_of_every_path(contract_server: RunningServer, capi: Api) -> None:
    customers = capi.client.options("/customers")
    assert customers.status_code == 204
    assert customers.headers["Allow"] == "GET, POST, OPTIONS"
    put = capi.client.put("/customers", json={})
    assert (put.status_code, error_code(put)) == (405, "METHOD_NOT_ALLOWED")
    assert put.headers["Allow"] == "GET, POST, OPTIONS"
    for path, item in SCHEMA["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "X1", path).replace("/X1/", f"/{contract_server.loyalty_group}/", 1)
        r = httpx.options(f"{contract_server.base_url}{concrete}")
        declared = sorted(m.upper() for m in item)
        assert (r.status_code, r.headers.get("Allow")) == (204, ", ".join([*declared, "OPTIONS"])), path


def test_a_basket_the_schema_allows_but_too_large_to_earn_on_is_refused_at_once(
    contract_server: RunningServer, capi: Api
) -> None:
    # Found by schemathesis: such an earn turned into millions of reward coupons, one write
    # transaction that kept the database locked for every other terminal.
    card = contract_server.sample("loyaltycard_active", 3)
    before = capi.ok("GET", f"/loyaltycards/{card}")["points"]
    lines = [{"productCode": "P1", "quantity": 100_000, "unitPrice": "999999.99"}]  # 99,999,999,000.00
    r = capi.post(f"/loyaltycards/{card}/_earn", {"lines": lines})
    assert (r.status_code, error_code(r)) == (409, "AMOUNT_OUT_OF_RANGE"), r.text
    assert r.elapsed.total_seconds() < 5
    assert capi.ok("GET", f"/loyaltycards/{card}")["points"] == before
