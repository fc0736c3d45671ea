"""A small HTTP helper for server tests: one terminal's authenticated client on the group's base URL."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.fixtures.server import RunningServer


class Api:
    """Calls the reference server as terminal ``index`` of the manifest."""

    def __init__(self, server: RunningServer, index: int = 0, token: str | None = None) -> None:
        self.server = server
        self.client = httpx.Client(
            base_url=server.group_url,
            headers={"Authorization": f"Bearer {token or server.token(index)}"},
            timeout=30.0,
        )

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.client.get(path, params=params or None)

    def post(self, path: str, body: Any = None, *, key: str | None = None) -> httpx.Response:
        return self.client.post(
            path, json=body if body is not None else {}, headers={"Idempotency-Key": key or str(uuid.uuid4())}
        )

    def ok(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        r = self.get(path) if method == "GET" else self.post(path, body)
        assert r.status_code == 200, r.text
        data: dict[str, Any] = r.json()
        return data

    def close(self) -> None:
        self.client.close()


def error_code(r: httpx.Response) -> str:
    body = r.json()
    assert set(body) == {"error"} and {"code", "message", "details"} <= set(body["error"]), body
    return str(body["error"]["code"])
