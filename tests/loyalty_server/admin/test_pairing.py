"""Pairing a till over HTTP: a one-time code for a store's POS becomes its token; codes expire, are used
once and are superseded; guessing is cut off; a revoked POS gets 401 at once and can be paired again."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from loyalty_server.admin.services import pairing
from loyalty_server.context import utcnow
from loyalty_server.db import Database
from loyalty_server.errors import ApiError
from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.loyalty_server.admin.helpers import Admin, pair, pos_get


@pytest.fixture(scope="module")
def server(server_engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    s = start_server(tmp_path_factory.mktemp("pairing"))
    yield s
    stop_server(s)


@pytest.fixture(scope="module")
def admin(server: RunningServer) -> Admin:
    a = Admin(server)
    a.store_with_pos(10, 1)
    a.ok("POST", "/stores/10/pos", {"pos": 2}, 201)
    return a


def test_a_code_pairs_the_till_once(server: RunningServer, admin: Admin) -> None:
    code = admin.pairing_code(10, 1)
    assert len(code.replace("-", "")) == 8
    r = pair(server, code.lower().replace("-", ""))  # typed without the dash, in lower case
    assert r.status_code == 201, r.text
    paired = r.json()
    assert paired["baseUrl"] == server.base_url and paired["loyaltyGroup"] == server.loyalty_group
    assert (paired["store"], paired["pos"]) == (10, 1)
    terminal = pos_get(server, paired["token"], "/terminal")
    assert terminal.status_code == 200 and terminal.json()["store"] == 10
    again = pair(server, code)
    assert (again.status_code, again.json()["error"]["code"]) == (410, "PAIRING_CODE_USED")
    stores = {s["store"]: s for s in admin.ok("GET", "/stores")["stores"]}
    assert stores[10]["pos"][0]["state"] == "paired"
    assert any(e["action"] == "pos.pair" for e in admin.ok("GET", "/audit")["entries"])


def test_one_code_sent_by_several_tills_at_once_pairs_one(server: RunningServer, admin: Admin) -> None:
    """The code is claimed by a guarded update (``WHERE used IS NULL``): on PostgreSQL, at READ
    COMMITTED, the others wait for the first's commit and find the code used. The exchanges run
    in-process on the server's database, started together (over HTTP they arrive too far apart to
    race), each from its own client address (wrong codes are counted per address)."""
    code = admin.pairing_code(10, 2)
    db = Database(server.database, migrate=False)
    start = threading.Barrier(8)

    def exchange(i: int) -> str:
        start.wait(timeout=30)
        try:
            return str(pairing.exchange(db, code, f"race-{i}", utcnow(), server.base_url)["token"])
        except ApiError as refused:
            return refused.code

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            outcomes = list(pool.map(exchange, range(8)))
    finally:
        db.dispose()
    tokens = [o for o in outcomes if o != "PAIRING_CODE_USED"]
    assert len(tokens) == 1, outcomes
    assert pos_get(server, tokens[0], "/terminal").status_code == 200  # not replaced by a second claim


def test_a_new_code_supersedes_the_last_one(server: RunningServer, admin: Admin) -> None:
    first = admin.pairing_code(10, 2)
    second = admin.pairing_code(10, 2)
    assert pair(server, first).json()["error"]["code"] == "PAIRING_CODE_USED"
    assert pair(server, second).status_code == 201


def test_pairing_again_revokes_the_old_token(server: RunningServer, admin: Admin) -> None:
    old = pair(server, admin.pairing_code(10, 1)).json()["token"]
    new = pair(server, admin.pairing_code(10, 1)).json()["token"]
    assert pos_get(server, old, "/terminal").status_code == 401
    assert pos_get(server, new, "/terminal").status_code == 200


def test_a_revoked_pos_gets_401_at_once_and_can_be_paired_again(server: RunningServer, admin: Admin) -> None:
    token = pair(server, admin.pairing_code(10, 1)).json()["token"]
    assert pos_get(server, token, "/series").status_code == 200
    unused = admin.pairing_code(10, 1)
    revoked = admin.ok("POST", "/stores/10/pos/1/_revoke")
    assert revoked["state"] == "revoked"
    r = pos_get(server, token, "/series")
    assert (r.status_code, r.json()["error"]["code"]) == (401, "UNAUTHORIZED")
    assert pair(server, unused).status_code == 410  # a code made before the revocation died with it
    fresh = pair(server, admin.pairing_code(10, 1)).json()["token"]
    assert pos_get(server, fresh, "/series").status_code == 200
    audit = admin.ok("GET", "/audit", action="pos.revoke")["entries"][0]
    assert audit["before"]["state"] == "paired" and audit["after"]["state"] == "revoked"


def test_a_pos_token_cannot_make_pairing_codes(server: RunningServer, admin: Admin) -> None:
    token = pair(server, admin.pairing_code(10, 2)).json()["token"]
    r = httpx.post(
        f"{server.base_url}/api/v1/admin/loyaltyGroups/demo/stores/10/pos/2/pairingCodes",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 401


def test_a_store_without_a_merchant_gets_no_pos(admin: Admin) -> None:
    admin.ok("POST", "/stores", {"store": 11, "name": "Empty"}, 201)
    admin.refused("POST", "/stores/11/pos", {"pos": 1}, 409, "STORE_HAS_NO_MERCHANT")
    admin.refused("POST", "/stores/99/pos/1/pairingCodes", None, 404, "UNKNOWN_STORE")


def test_an_expired_code_is_refused(tmp_path: Path) -> None:
    s = start_server(tmp_path / "short", extra_args=["--pairing-ttl", "1"])
    try:
        a = Admin(s)
        a.store_with_pos(12)
        code = a.pairing_code(12)
        time.sleep(2.1)  # the code's lifetime is a whole number of seconds
        r = pair(s, code)
        assert (r.status_code, r.json()["error"]["code"]) == (410, "PAIRING_CODE_EXPIRED")
    finally:
        stop_server(s)


def test_guessing_codes_is_cut_off(tmp_path: Path) -> None:
    s = start_server(tmp_path / "guess")
    try:
        a = Admin(s)
        a.store_with_pos(13)
        code = a.pairing_code(13)
        for guess in range(10):
            r = pair(s, f"ABCD-EFG{guess + 2}")
            assert r.status_code == 401 and r.json()["error"]["code"] == "PAIRING_CODE_INVALID"
        r = pair(s, code)  # even the right code, from this address, for a while
        assert (r.status_code, r.json()["error"]["code"]) == (429, "TOO_MANY_ATTEMPTS")
    finally:
        stop_server(s)
