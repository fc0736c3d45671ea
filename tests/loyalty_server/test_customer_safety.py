"""Customers and points that must not leak value or data, over real HTTP (issue 13, items 5, 8, points).

- Customers are read and changed only by terminals of merchants that serve one of the customer's
  groups; to any other terminal the customer does not exist (404, as an unknown id).
- Consents are an append-only history with who recorded each answer; an older database is migrated.
- A return of a sale whose points became a reward coupon voids that coupon when it is unused (the
  points are not taken twice); when it was used, the card owes the points and cannot spend.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import DBAPIError

from loyalty_server.db import Database
from tests.fixtures.server import RunningServer, new_database, start_server, stop_server
from tests.loyalty_server.helpers import Api, error_code

DEMO_TILL, OTHER_STORE, PARTNER = 0, 2, 3  # manifest terminals: T-001-01 (M001), T-002-01 (M002), T-900-01


@pytest.fixture(scope="module")
def server(server_engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    s = start_server(tmp_path_factory.mktemp("customer-safety"))
    yield s
    stop_server(s)


@pytest.fixture(scope="module")
def till(server: RunningServer) -> Iterator[Api]:
    a = Api(server, DEMO_TILL)
    yield a
    a.close()


@pytest.fixture(scope="module")
def partner(server: RunningServer) -> Iterator[Api]:
    assert server.manifest["terminals"][PARTNER]["merchant"] == "M900"
    a = Api(server, PARTNER)
    yield a
    a.close()


# -- who may see a customer ---------------------------------------------------------------------


def test_partner_terminal_cannot_read_or_change_a_demo_customer(till: Api, partner: Api) -> None:
    before = till.ok("GET", "/customers/C-0001")
    refused = {
        "get": partner.get("/customers/C-0001"),
        "consents": partner.get("/customers/C-0001/consents"),
        "edit": partner.post("/customers/C-0001/_edit", {"firstName": "Mallory"}),
        "consent": partner.post(
            "/customers/C-0001/consents", {"type": "marketing_sms", "granted": False, "version": "2024-01"}
        ),
        "block": partner.post("/customers/C-0001/_block", {"reason": "fraud"}),
        "link": partner.post(
            "/customers/C-0001/cards", {"cardNumber": partner.server.sample("loyaltycard_active", 7)}
        ),
    }
    # the same answer as for an id that does not exist: nothing says C-0001 is a customer
    unknown = partner.get("/customers/C-9999")
    for what, r in refused.items():
        assert (r.status_code, error_code(r)) == (404, "UNKNOWN_CUSTOMER"), what
        assert r.json()["error"] == unknown.json()["error"], what
    after = till.ok("GET", "/customers/C-0001")
    assert after == before  # nothing changed: not blocked, same name, same consents, no new card
    assert after["blocked"] is False and after["firstName"] == "Zofia"


def test_partner_searches_do_not_find_demo_customers(server: RunningServer, till: Api, partner: Api) -> None:
    card = server.sample("loyaltycard_active", 0)
    for params in ({"phone": "+48600100200"}, {"email": "zofia@example.pl"}, {"card": card}):
        assert [c["customerId"] for c in till.ok("GET", _query(params))["customers"]] == ["C-0001"]
        assert partner.ok("GET", _query(params))["customers"] == [], params
    # the card itself may be looked up, but its owner is not named to a store that does not serve her
    assert till.ok("GET", f"/loyaltycards/{card}")["customer"]["customerId"] == "C-0001"
    assert partner.ok("GET", f"/loyaltycards/{card}")["customer"] is None


def test_each_merchant_group_enrols_into_its_own_customer_group(till: Api, partner: Api) -> None:
    mine = partner.ok("POST", "/customers", {"phone": "+48 602 900 900", "firstName": "Ola"})
    assert mine["groups"] == ["partner"]
    assert partner.ok("GET", f"/customers/{mine['customerId']}")["firstName"] == "Ola"
    assert error_code(till.get(f"/customers/{mine['customerId']}")) == "UNKNOWN_CUSTOMER"
    ours = till.ok("POST", "/customers", {"phone": "+48 602 100 100"})
    assert ours["groups"] == ["regular"]
    # M002 is in the same merchant group as M001: it serves the same customers
    other = Api(till.server, OTHER_STORE)
    try:
        assert (
            other.ok("POST", f"/customers/{ours['customerId']}/_edit", {"firstName": "Iga"})["firstName"]
            == "Iga"
        )
    finally:
        other.close()


def test_a_taken_phone_is_refused_without_naming_a_customer_the_store_does_not_serve(
    till: Api, partner: Api
) -> None:
    r = partner.post("/customers", {"phone": "+48600100200"})
    assert (r.status_code, error_code(r)) == (409, "CUSTOMER_EXISTS")
    assert "C-0001" not in r.text
    mine = partner.ok("POST", "/customers", {"phone": "+48 602 900 901"})
    r = partner.post(f"/customers/{mine['customerId']}/_edit", {"phone": "+48600100300"})
    assert error_code(r) == "CUSTOMER_EXISTS" and "C-0002" not in r.text
    # a store that serves the customer still learns who it is
    assert till.post("/customers", {"phone": "+48600100200"}).json()["error"]["details"] == {
        "customerId": "C-0001"
    }


# -- consents: an append-only history --------------------------------------------------------------


def test_consent_answers_are_kept_with_who_gave_them(server: RunningServer, till: Api) -> None:
    new = till.ok(
        "POST",
        "/customers",
        {
            "phone": "+48 603 000 001",
            "consents": [{"type": "marketing_email", "granted": True, "version": "2024-01"}],
        },
    )
    cid = new["customerId"]
    till.ok(
        "POST",
        f"/customers/{cid}/consents",
        {"type": "marketing_email", "granted": False, "version": "2024-01"},
    )
    other = Api(server, OTHER_STORE)
    try:
        latest = other.ok(
            "POST",
            f"/customers/{cid}/consents",
            {"type": "marketing_email", "granted": True, "version": "2025-06"},
        )
    finally:
        other.close()
    # the customer object carries the current answer only: the latest one
    assert [(c["type"], c["granted"], c["version"], c["merchantId"]) for c in latest["consents"]] == [
        ("marketing_email", True, "2025-06", "M002")
    ]
    answer = till.ok("GET", f"/customers/{cid}/consents")
    assert answer["customerId"] == cid
    assert answer["consents"] == latest["consents"]
    who = [(h["granted"], h["version"], h["terminalId"], h["merchantId"]) for h in answer["history"]]
    assert who == [
        (True, "2024-01", "T-001-01", "M001"),
        (False, "2024-01", "T-001-01", "M001"),
        (True, "2025-06", "T-002-01", "M002"),
    ]
    assert all(h["time"].endswith("Z") and h["type"] == "marketing_email" for h in answer["history"])


def test_consent_history_cannot_be_rewritten(tmp_path: Path) -> None:
    db = Database(new_database(tmp_path))
    with db.write() as conn:
        conn.execute("INSERT INTO loyalty_groups (code, name) VALUES ('g', 'g')")
        conn.execute(
            "INSERT INTO customers (customer_id, loyalty_group, phone, created) "
            "VALUES ('C-1', 'g', '+1', 't')"
        )
        conn.execute(
            "INSERT INTO consent_history (customer_id, type, granted, version, time) "
            "VALUES ('C-1', 'terms', 1, 'v1', 't')"
        )
    for sql in ("UPDATE consent_history SET granted = 0", "DELETE FROM consent_history"):
        with pytest.raises(DBAPIError, match="append-only"), db.write() as conn:
            conn.execute(sql)


def test_a_database_of_the_earlier_version_is_migrated(tmp_path: Path) -> None:
    """One row per consent type and no reward links: the server starts, keeps them, voids the reward.

    SQLite only: PostgreSQL support came with the Alembic baseline, so no PostgreSQL database predates it.
    """
    first = start_server(tmp_path / "a", engine="sqlite")
    try:
        api = Api(first)
        card = first.sample("loyaltycard_active", 4)
        sale = _earn(api, card, "250.00")
        coupon = sale["rewards"][0]["number"]
        api.close()
    finally:
        stop_server(first)
    with sqlite3.connect(first.db_path) as conn:  # back to the earlier shape (before Alembic too)
        conn.execute("DROP TABLE alembic_version")
        conn.execute("DROP TABLE id_counters")
        conn.execute("DROP TABLE consent_history")
        conn.execute("DROP TABLE reward_coupons")
        conn.execute(
            "CREATE TABLE consents (customer_id TEXT NOT NULL, type TEXT NOT NULL, granted INTEGER NOT NULL, "
            "version TEXT NOT NULL, time TEXT NOT NULL, PRIMARY KEY (customer_id, type))"
        )
        conn.execute(
            "INSERT INTO consents VALUES ('C-0001', 'terms', 1, '2024-01', '2026-01-05T09:00:00Z'), "
            "('C-0001', 'marketing_sms', 0, '2023-02', '2026-01-06T09:00:00Z')"
        )
        conn.execute("UPDATE customers SET groups_json = '[]' WHERE customer_id = 'C-0002'")  # enrolled then
    again = start_server(tmp_path / "b", database=first.database)
    try:
        api = Api(again)
        answer = api.ok("GET", "/customers/C-0001/consents")
        assert [(h["type"], h["granted"], h["version"], h["terminalId"]) for h in answer["history"]] == [
            ("terms", True, "2024-01", None),
            ("marketing_sms", False, "2023-02", None),
        ]
        api.ok(
            "POST",
            "/customers/C-0001/consents",
            {"type": "marketing_sms", "granted": True, "version": "2024-01"},
        )
        after = api.ok("GET", "/customers/C-0001/consents")
        assert len(after["history"]) == 3
        assert {c["type"]: c["granted"] for c in after["consents"]} == {"marketing_sms": True, "terms": True}
        # a customer enrolled before customers had groups stays with the demo stores, not the partner
        assert api.ok("GET", "/customers/C-0002")["groups"] == ["regular"]
        outsider = Api(again, PARTNER)
        assert error_code(outsider.get("/customers/C-0002")) == "UNKNOWN_CUSTOMER"
        outsider.close()
        # the reward of the earlier earn was linked from the ledger: returning the sale voids it
        api.ok("POST", f"/loyaltycards/{card}/_return", {"originalOperationId": sale["operationId"]})
        assert api.ok("GET", f"/coupons/{coupon}")["status"] == "closed"
        assert api.ok("GET", f"/loyaltycards/{card}")["points"]["balance"] == 0
        api.close()
    finally:
        stop_server(again)
    with sqlite3.connect(first.db_path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "consents" not in tables


# -- returns and reward coupons --------------------------------------------------------------------


def _query(params: dict[str, str]) -> str:
    key, value = next(iter(params.items()))
    return f"/customers?{key}={value.replace('+', '%2B')}"


def _earn(api: Api, card: str, amount: str) -> dict[str, Any]:
    return api.ok("POST", f"/loyaltycards/{card}/_earn", {"amount": amount})


def _points(api: Api, card: str) -> int:
    return int(api.ok("GET", f"/loyaltycards/{card}")["points"]["balance"])


def _ledger_sum(api: Api, card: str) -> int:
    """The card's points from its ledger alone (these tests return earns only, which take points)."""
    info = api.ok("GET", f"/loyaltycards/{card}")
    sign = {"earn": 1, "spend": -1, "return": -1, "void": 1}
    ledger = api.ok("GET", f"/instruments/{info['instrumentId']}/transactions")["transactions"]
    return sum(sign[t["type"]] * int(t["points"] or 0) for t in ledger)


def test_returning_a_sale_voids_its_unused_reward_and_takes_the_points_once(
    server: RunningServer, till: Api
) -> None:
    card = server.sample("loyaltycard_active", 3)
    assert _points(till, card) == 0
    sale = _earn(till, card, "250.00")  # 250 per amount + 10 per visit = 260: one 250-point reward
    assert sale["points"] == 260 and len(sale["rewards"]) == 1
    coupon = sale["rewards"][0]["number"]
    assert _points(till, card) == 10
    till.ok("POST", f"/loyaltycards/{card}/_return", {"originalOperationId": sale["operationId"]})
    assert _points(till, card) == 0  # not -250
    assert till.ok("GET", f"/coupons/{coupon}")["status"] == "closed"
    r = till.post(f"/coupons/{coupon}/_redeem", {})
    assert (r.status_code, error_code(r)) == (409, "NOT_ACTIVE")
    assert _ledger_sum(till, card) == 0
    types = [
        t["type"]
        for t in till.ok("GET", f"/instruments/{sale['rewards'][0]['instrumentId']}/transactions")[
            "transactions"
        ]
    ]
    assert types == ["void"]


def test_a_partial_return_voids_the_reward_only_when_the_points_cannot_cover_it(
    server: RunningServer, till: Api
) -> None:
    card = server.sample("loyaltycard_active", 5)
    sale = _earn(till, card, "300.00")  # 310 points: a reward and 60 left
    coupon = sale["rewards"][0]["number"]
    _earn(till, card, "200.00")  # 210 more: 270, a second reward (of this later sale) and 20 left
    assert _points(till, card) == 20
    # 50.00 of the 300.00 sale takes back 310 * 50 / 300 = 51 points: more than the card has
    till.ok(
        "POST",
        f"/loyaltycards/{card}/_return",
        {"originalOperationId": sale["operationId"], "amount": "50.00"},
    )
    assert till.ok("GET", f"/coupons/{coupon}")["status"] == "closed"
    assert _points(till, card) == 20 + 250 - 51
    assert _ledger_sum(till, card) == 219
    # another 50.00: the card covers it now, and the sale has no unused reward left anyway
    till.ok(
        "POST",
        f"/loyaltycards/{card}/_return",
        {"originalOperationId": sale["operationId"], "amount": "50.00"},
    )
    assert _points(till, card) == 219 - 51


def test_a_reward_is_kept_while_the_points_cover_the_return(server: RunningServer, till: Api) -> None:
    card = server.sample("loyaltycard_active", 6)
    sale = _earn(till, card, "250.00")  # 260: a reward and 10 left
    coupon = sale["rewards"][0]["number"]
    _earn(till, card, "100.00")  # 110 more: 120
    till.ok(
        "POST",
        f"/loyaltycards/{card}/_return",
        {"originalOperationId": sale["operationId"], "amount": "50.00"},
    )
    assert _points(till, card) == 120 - 52  # 260 * 50 / 250
    assert till.ok("GET", f"/coupons/{coupon}")["status"] == "active"


def test_a_used_reward_leaves_the_card_owing_points_and_unable_to_spend(
    server: RunningServer, till: Api
) -> None:
    card = server.sample("loyaltycard_active", 7)
    sale = _earn(till, card, "250.00")
    coupon = sale["rewards"][0]["number"]
    till.ok("POST", f"/coupons/{coupon}/_redeem", {})
    till.ok("POST", f"/loyaltycards/{card}/_return", {"originalOperationId": sale["operationId"]})
    shown = till.ok("GET", f"/loyaltycards/{card}")
    assert shown["points"]["balance"] == -250 and shown["points"]["value"] == "0.00"
    assert till.ok("GET", f"/coupons/{coupon}")["status"] == "used"
    for path, body in (
        (f"/loyaltycards/{card}/_redeem", {"points": 1}),
        (f"/loyaltycards/{card}/_pay", {"points": 1}),
    ):
        r = till.post(path, body)
        assert (r.status_code, error_code(r)) == (409, "INSUFFICIENT_POINTS")
        assert "owes 250 points" in r.json()["error"]["message"]
        assert r.json()["error"]["details"]["balance"] == -250
    _earn(till, card, "290.00")  # 290 + 10 = 300: the debt is paid, 50 left and spendable
    assert _points(till, card) == 50
    till.ok("POST", f"/loyaltycards/{card}/_redeem", {"points": 50})
    assert _ledger_sum(till, card) == 0
