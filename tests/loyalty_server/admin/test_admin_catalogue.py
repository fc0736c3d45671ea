"""Series, batches, instruments, customers and reports in the admin API, over HTTP."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator

import httpx
import pytest

from loyalty_server.admin.web import security
from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.loyalty_server.admin.helpers import GIFT_SERIES, Admin, pos_get
from tests.loyalty_server.helpers import Api


@pytest.fixture(scope="module")
def server(server_engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    s = start_server(tmp_path_factory.mktemp("admin-catalogue"))
    yield s
    stop_server(s)


@pytest.fixture(scope="module")
def admin(server: RunningServer) -> Admin:
    a = Admin(server)
    a.ok("POST", "/series", GIFT_SERIES, 201)
    return a


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"prefix": "60330"}, 409, "PREFIX_OVERLAP"),  # GC-50's 603303 starts with it
        ({"prefix": "6033011"}, 409, "PREFIX_OVERLAP"),  # starts with GC-PLN's 603301
        ({"prefix": "123456789012", "length": 16}, 400, "PREFIX_DOES_NOT_FIT"),
        ({"issuerGroup": "MG-NOWHERE"}, 400, "UNKNOWN_MERCHANT_GROUP"),
        ({"acceptorGroup": "MG-NOWHERE"}, 400, "UNKNOWN_MERCHANT_GROUP"),
        ({"alphanumeric": True, "prefix": "GX"}, 400, "INVALID_CHECK_DIGIT"),
        ({"prefix": "AB"}, 400, "INVALID_PREFIX"),
        ({"currency": "XYZ"}, 400, "UNKNOWN_CURRENCY"),
        ({"minAmount": "600.00"}, 400, "INVALID_SERIES"),  # above maxAmount
        ({"seriesNumber": "GC-PLN", "prefix": "6066"}, 409, "ALREADY_EXISTS"),
    ],
)
def test_a_series_that_breaks_a_rule_is_refused_with_its_reason(
    admin: Admin, change: dict[str, object], status: int, code: str
) -> None:
    body = {**GIFT_SERIES, "seriesNumber": "GC-X", "prefix": "6077", **change}
    error = admin.refused("POST", "/series", body, status, code)
    assert error["message"]
    assert "GC-X" not in {s["seriesNumber"] for s in admin.ok("GET", "/series")["series"]}


def test_a_new_series_reaches_the_tills_catalogue(server: RunningServer, admin: Admin) -> None:
    catalogue = Api(server).ok("GET", "/series")
    mine = next(s for s in catalogue["series"] if s["seriesNumber"] == "GC-T")
    assert mine["prefix"] == "6055" and mine["minAmount"] == "10.00" and mine["issuableHere"] is True
    assert mine["limits"]["maxBalance"] == "1000.00"
    assert mine["offlinePolicy"]["maxAmountPerOperation"] == "100.00"


def test_a_change_is_validated_and_audited_before_and_after(admin: Admin) -> None:
    admin.refused("PATCH", "/series/GC-T", {"acceptorGroup": "MG-NOWHERE"}, 400, "UNKNOWN_MERCHANT_GROUP")
    r = admin.call("PATCH", "/series/GC-T", {"prefix": "6099"})
    assert r.status_code == 400  # the number's shape is fixed once cards may exist
    changed = admin.ok("PATCH", "/series/GC-T", {"description": "Gift card (test)", "maxAmount": "400.00"})
    assert changed["description"] == "Gift card (test)" and changed["maxAmount"] == "400.00"
    entry = admin.ok("GET", "/audit", action="series.change")["entries"][0]
    assert entry["user"] == "admin" and entry["target"] == "series:GC-T"
    assert entry["before"]["maxAmount"] == "500.00" and entry["after"]["maxAmount"] == "400.00"


def test_a_batch_has_unique_check_digit_numbers_and_a_printer_csv(
    server: RunningServer, admin: Admin
) -> None:
    batch = admin.ok("POST", "/series/GC-T/instruments/_issue", {"count": 20, "amount": "50.00"}, 201)
    numbers = [c["number"] for c in batch["instruments"]]
    assert len(set(numbers)) == 20
    assert all(n.startswith("6055") and len(n) == 16 and _luhn_ok(n) for n in numbers)
    r = admin.client.post(
        "/loyaltyGroups/demo/series/GC-T/instruments/_issue",
        json={"count": 3},
        headers={"Accept": "text/csv"},
    )
    assert r.status_code == 201 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 3 and rows[0]["seriesNumber"] == "GC-T" and _luhn_ok(rows[0]["number"])
    card = pos_get(server, server.token(), f"/giftcards/{numbers[0]}")
    assert card.json()["status"] == "preissued"
    admin.refused(
        "POST",
        "/series/GC-T/instruments/_issue",
        {"count": 1, "amount": "5000.00"},
        409,
        "AMOUNT_OUT_OF_RANGE",
    )
    admin.refused("POST", "/series/GC-LIVE/instruments/_issue", {"count": 1}, 409, "NOT_PREISSUED")
    admin.refused("POST", "/series/NOPE/instruments/_issue", {"count": 1}, 404, "UNKNOWN_SERIES")
    audit = admin.ok("GET", "/audit", action="instruments.issue")["entries"][0]
    assert numbers[0] not in str(audit)  # the audit keeps ids, the CSV is the one place numbers are whole


def test_an_activated_card_shows_with_history_and_counts_in_the_liability(
    server: RunningServer, admin: Admin
) -> None:
    before = {s["seriesNumber"]: s for s in admin.ok("GET", "/reports/liability")["series"]}
    number = admin.ok("POST", "/series/GC-T/instruments/_issue", {"count": 1}, 201)["instruments"][0][
        "number"
    ]
    activated = Api(server).post(f"/giftcards/{number}/_issue", {"amount": "75.00"})
    assert activated.status_code == 200, activated.text
    shown = admin.ok("GET", f"/instruments/{number}")
    assert shown["instrument"]["status"] == "active"
    assert shown["instrument"]["account"]["amountNet"] == "75.00"
    assert [t["type"] for t in shown["history"]] == ["issue"] and shown["history"][0]["store"] == 1
    after = {s["seriesNumber"]: s for s in admin.ok("GET", "/reports/liability")["series"]}
    assert "GC-T" not in before and after["GC-T"]["outstanding"] == "75.00" and after["GC-T"]["cards"] == 1
    totals = admin.ok("GET", "/reports/totals")
    store1 = next(s for s in totals["stores"] if s["store"] == 1)
    terminal = next(t for t in store1["terminals"] if t["terminalId"] == "T-001-01")
    assert any(line["type"] == "issue" and line["kind"] == "giftcard" for line in terminal["lines"])


def test_a_blocked_card_is_refused_at_the_till(server: RunningServer, admin: Admin) -> None:
    card = server.sample("giftcard_active", 6)
    admin.ok("POST", f"/instruments/{card}/_block", {"reason": "lost"})
    pay = Api(server).post(f"/giftcards/{card}/_pay", {"amount": "1.00", "reference": str(uuid.uuid4())})
    assert (pay.status_code, pay.json()["error"]["code"]) == (409, "BLOCKED")
    admin.ok("POST", f"/instruments/{card}/_unblock")
    assert pos_get(server, server.token(), f"/giftcards/{card}").json()["status"] == "active"


def test_a_customer_is_exported_and_erased_with_the_ledger_kept(server: RunningServer, admin: Admin) -> None:
    exported = admin.ok("GET", "/customers/C-0001/export")
    assert exported["customer"]["phone"] == "+48600100200" and exported["customer"]["firstName"] == "Zofia"
    assert {c["type"] for c in exported["consentHistory"]} >= {"terms", "marketing_sms"}
    card = exported["cards"][0]
    assert card["transactions"]
    erased = admin.ok("POST", "/customers/C-0001/_erase")
    assert erased["firstName"] is None and erased["phone"] is None and erased["erased"]
    admin.refused("POST", "/customers/C-0001/_erase", None, 409, "ALREADY_ERASED")
    again = admin.ok("GET", "/customers/C-0001/export")
    assert again["customer"]["email"] is None
    assert again["consentHistory"] == exported["consentHistory"]  # kept: it holds no personal data
    assert again["cards"][0]["transactions"] == card["transactions"]  # the ledger is kept
    at_till = pos_get(server, server.token(), "/customers/C-0001").json()
    assert at_till["firstName"] is None and at_till["phone"] is None
    entry = admin.ok("GET", "/audit", action="customer.erase")["entries"][0]
    assert "Zofia" not in str(entry) and "firstName" not in str(entry) and "first_name" in str(entry)


def test_the_pos_api_schema_has_no_admin_routes(server: RunningServer) -> None:
    pos_schema = httpx.get(f"{server.base_url}/openapi.json").json()
    assert not [p for p in pos_schema["paths"] if "/admin" in p or p.endswith("/pair")]
    admin_schema = httpx.get(f"{server.base_url}/api/v1/admin/openapi.json").json()
    assert "/api/v1/pair" in admin_schema["paths"]
    assert "/api/v1/admin/loyaltyGroups/{loyaltyGroup}/series" in admin_schema["paths"]


def test_the_merchants_page_lists_the_members_of_each_merchant_group(
    server: RunningServer, admin: Admin
) -> None:
    groups = admin.ok("GET", "/merchantGroups")["merchantGroups"]
    page = httpx.get(
        f"{server.base_url}/admin/merchants", cookies={security.SESSION_COOKIE: admin.token}, timeout=30
    )
    assert page.status_code == 200, page.text
    assert {"MG-PL", "MG-PARTNER"} <= {g["code"] for g in groups}
    for group in groups:
        assert group["merchants"], group  # the demo's groups each have members
        row = f"<td>{group['code']}</td><td>{group['name']}</td><td>{', '.join(group['merchants'])}</td>"
        assert row in page.text, row
