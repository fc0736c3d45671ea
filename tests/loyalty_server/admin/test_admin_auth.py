"""Admin accounts over HTTP: sign-in, lock-out, expiry, roles, tenancy, and the wall between the admin
API and the POS API (neither kind of token opens the other)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from loyalty_server.admin.web import security
from tests.fixtures.server import RunningServer, new_database, start_server, stop_server
from tests.loyalty_server.admin.helpers import GIFT_SERIES, Admin, login, pos_get

ROOT_PASSWORD = "root-password-123"


@pytest.fixture(scope="module")
def server(server_engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    directory = tmp_path_factory.mktemp("admin-auth")
    (directory / "root.pw").write_text(ROOT_PASSWORD + "\n")
    s = start_server(
        directory / "server",
        extra_args=["--admin-user", "root", "--admin-password-file", str(directory / "root.pw")],
    )
    yield s
    stop_server(s)


def test_a_pos_token_never_opens_the_admin_api(server: RunningServer) -> None:
    r = httpx.get(
        f"{server.base_url}/api/v1/admin/loyaltyGroups/demo/stores",
        headers={"Authorization": f"Bearer {server.token()}"},
    )
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "UNAUTHORIZED"


def test_an_admin_token_never_opens_the_pos_api(server: RunningServer) -> None:
    admin = Admin(server)
    assert pos_get(server, admin.token, "/terminal").status_code == 401
    assert admin.ok("GET", "/stores")["stores"]  # the same token works where it belongs


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(server: RunningServer) -> None:
    wrong = login(server, "admin", "not-the-password")
    nobody = login(server, "nobody", "not-the-password")
    assert wrong.status_code == nobody.status_code == 401
    assert wrong.json() == nobody.json()


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(server: RunningServer) -> None:
    admin = Admin(server)
    admin.add_account("locky", "support", "locky-password-1")
    for _ in range(5):
        assert login(server, "locky", "wrong-password").status_code == 401
    locked = login(server, "locky", "locky-password-1")
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "LOCKED_OUT"
    assert (
        login(server, "admin", server.manifest["admin"]["password"]).status_code == 201
    )  # others unaffected
    entries = admin.ok("GET", "/audit", action="account.lock")["entries"]
    assert [e["target"] for e in entries] == ["user:locky"]


def test_signing_out_ends_the_session(server: RunningServer) -> None:
    admin = Admin(server)
    assert admin.call("DELETE", "/session").status_code == 204
    assert admin.call("GET", "/stores").status_code == 401


def test_support_reads_blocks_and_looks_up_but_changes_no_series(server: RunningServer) -> None:
    support = Admin(server).add_account("helpdesk", "support")
    assert support.ok("GET", "/series")["series"]
    support.refused("POST", "/series", GIFT_SERIES, 403, "FORBIDDEN")
    support.refused("PATCH", "/series/GC-PLN", {"description": "Changed"}, 403, "FORBIDDEN")
    support.refused("POST", "/stores", {"store": 55, "name": "No"}, 403, "FORBIDDEN")
    support.refused("POST", "/customers/C-0002/_erase", None, 403, "FORBIDDEN")
    assert support.call("GET", "/customers/C-0002/export").status_code == 403
    card = server.sample("giftcard_active", 5)
    blocked = support.ok("POST", f"/instruments/{card}/_block", {"reason": "reported stolen"})
    assert blocked["instrument"]["status"] == "blocked"
    assert support.ok("POST", f"/instruments/{card}/_unblock")["instrument"]["status"] == "active"
    found = support.ok("GET", "/customers", customerId="C-0002")["customers"][0]
    assert found["masked"] is True and found["phone"] != "+48600100300" and found["phone"].endswith("300")
    assert support.call("GET", "/customers", None, customerId="C-0002", reveal="true").status_code == 403
    descriptions = {s["seriesNumber"]: s["description"] for s in Admin(server).ok("GET", "/series")["series"]}
    assert descriptions["GC-PLN"] == "Gift card"


def test_an_admin_works_only_in_its_own_loyalty_group(server: RunningServer) -> None:
    root = Admin(server, "root", ROOT_PASSWORD)
    assert root.ok("GET", "/session")["superuser"] is True
    root.ok("POST", "/loyaltyGroups", {"code": "other", "name": "Another programme"}, 201)
    demo_admin = Admin(server, group="other")
    demo_admin.refused("GET", "/stores", None, 403, "FORBIDDEN")
    demo_admin.refused("POST", "/loyaltyGroups", {"code": "third", "name": "No"}, 403, "FORBIDDEN")
    Admin(server, "root", ROOT_PASSWORD, group="other").ok("POST", "/stores", {"store": 1, "name": "O1"}, 201)


def test_the_first_admin_is_made_once(tmp_path: Path) -> None:
    (tmp_path / "first").write_text("first-password-1")
    (tmp_path / "second").write_text("second-password-2")
    db = new_database(tmp_path)
    for password_file in ("first", "second"):
        s = start_server(
            tmp_path / f"server-{password_file}",
            database=db,
            extra_args=["--admin-user", "root", "--admin-password-file", str(tmp_path / password_file)],
        )
        try:
            assert login(s, "root", "first-password-1").status_code == 201
            assert login(s, "root", "second-password-2").status_code == 401
        finally:
            stop_server(s)


def test_a_session_expires(tmp_path: Path) -> None:
    s = start_server(tmp_path / "short", extra_args=["--admin-session-ttl", "1"])
    try:
        admin = Admin(s)
        deadline = time.monotonic() + 10
        while admin.call("GET", "/stores").status_code == 200:
            assert time.monotonic() < deadline, "the session did not expire"
            time.sleep(0.2)
        assert admin.call("GET", "/stores").status_code == 401
    finally:
        stop_server(s)


def test_back_office_answers_carry_the_security_headers_and_the_pos_api_does_not(
    server: RunningServer,
) -> None:
    page = httpx.get(f"{server.base_url}/admin/login", timeout=30)
    assert page.status_code == 200
    for name, value in security.HEADERS.items():
        assert page.headers[name] == value, name
    static = httpx.get(f"{server.base_url}/admin/static/admin.css", timeout=30)
    assert static.status_code == 200 and static.headers["X-Frame-Options"] == "DENY"
    assert static.headers.get("Cache-Control") != "no-store"  # the stylesheet may be cached
    token = server.manifest["terminals"][0]["token"]
    pos = pos_get(server, token, "/terminal")
    assert pos.status_code == 200
    assert not set(security.HEADERS) & set(pos.headers)  # the POS API passes by untouched
