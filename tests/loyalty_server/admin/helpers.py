"""Admin API helpers for tests: sign in over HTTP and call the group's admin routes."""

from __future__ import annotations

from typing import Any

import httpx

from tests.fixtures.server import RunningServer

GIFT_SERIES = {
    "seriesNumber": "GC-T",
    "kind": "giftcard",
    "description": "Test gift card",
    "prefix": "6055",
    "length": 16,
    "checkDigit": "luhn",
    "currency": "PLN",
    "issuerGroup": "MG-PL",
    "acceptorGroup": "MG-PL",
    "minAmount": "10.00",
    "maxAmount": "500.00",
    "validityDays": 365,
    "offlinePolicy": {"operations": ["pay", "commit", "cancel"], "maxAmountPerOperation": "100.00"},
    "limits": {"maxLoad": "500.00", "maxBalance": "1000.00", "approvalThreshold": "300.00"},
}


def login(server: RunningServer, user: str, password: str) -> httpx.Response:
    return httpx.post(
        f"{server.base_url}/api/v1/admin/session", json={"user": user, "password": password}, timeout=30
    )


class Admin:
    """An admin signed in to ``server``, working in ``group`` (the demo group by default)."""

    def __init__(
        self,
        server: RunningServer,
        user: str | None = None,
        password: str | None = None,
        group: str | None = None,
    ) -> None:
        creds = server.manifest["admin"]
        r = login(server, user or creds["user"], password or creds["password"])
        assert r.status_code == 201, r.text
        self.token = r.json()["token"]
        self.server = server
        self.client = httpx.Client(
            base_url=f"{server.base_url}/api/v1/admin",
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=60,
        )
        self.group = group or server.loyalty_group

    def call(self, method: str, path: str, body: Any = None, **params: Any) -> httpx.Response:
        url = (
            path
            if path.startswith("/session") or path.startswith("/accounts") or path == "/loyaltyGroups"
            else f"/loyaltyGroups/{self.group}{path}"
        )
        return self.client.request(method, url, json=body, params=params or None)

    def ok(self, method: str, path: str, body: Any = None, status: int = 200, **params: Any) -> Any:
        r = self.call(method, path, body, **params)
        assert r.status_code == status, r.text
        return r.json()

    def refused(self, method: str, path: str, body: Any, status: int, code: str) -> dict[str, Any]:
        r = self.call(method, path, body)
        assert r.status_code == status, r.text
        error: dict[str, Any] = r.json()["error"]
        assert error["code"] == code, r.text
        return error

    def add_account(self, user: str, role: str, password: str = "support-pass-1") -> Admin:
        self.ok("POST", "/accounts", {"user": user, "password": password, "role": role}, 201)
        return Admin(self.server, user, password)

    def store_with_pos(self, store: int, pos: int = 1, groups: tuple[str, ...] = ("MG-PL",)) -> str:
        """A store, its merchant (in ``groups``) and a POS; returns the merchant id."""
        self.ok(
            "POST", "/stores", {"store": store, "name": f"Store {store}", "address": "ul. Testowa 1"}, 201
        )
        merchant = self.ok(
            "POST", "/merchants", {"store": store, "name": f"Shop {store}", "currency": "PLN"}, 201
        )
        for g in groups:
            self.ok("POST", f"/merchantGroups/{g}/members", {"merchantId": merchant["merchantId"]})
        self.ok("POST", f"/stores/{store}/pos", {"pos": pos}, 201)
        return str(merchant["merchantId"])

    def pairing_code(self, store: int, pos: int = 1) -> str:
        return str(self.ok("POST", f"/stores/{store}/pos/{pos}/pairingCodes", None, 201)["code"])

    def close(self) -> None:
        self.client.close()


def pair(server: RunningServer, code: str) -> httpx.Response:
    return httpx.post(f"{server.base_url}/api/v1/pair", json={"code": code}, timeout=30)


def pos_get(server: RunningServer, token: str, path: str) -> httpx.Response:
    return httpx.get(f"{server.group_url}{path}", headers={"Authorization": f"Bearer {token}"}, timeout=30)
