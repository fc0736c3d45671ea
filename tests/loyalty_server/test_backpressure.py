"""Backpressure over real HTTP: past ``--max-in-flight`` requests, ``429`` + ``Retry-After``, never a 5xx.

The requests kept in flight are real slow clients: raw sockets that send a POST's headers and hold
its body back, so the server keeps them in flight (waiting for the body) for as long as the test
wants, without any timing.
"""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.loyalty_server.helpers import Api, error_code

LIMIT = 3


@pytest.fixture(scope="module")
def server(server_engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    s = start_server(tmp_path_factory.mktemp("server"), extra_args=["--max-in-flight", str(LIMIT)])
    yield s
    stop_server(s)


class SlowPost:
    """A POST held in flight: its headers ask ``Expect: 100-continue`` and its body is sent only later.

    The server answers ``100 Continue`` once the application reads the body, i.e. once the request
    is past the backpressure check and counted in flight; the constructor waits for that answer.
    """

    def __init__(self, server: RunningServer, path: str, body: dict[str, object], key: str) -> None:
        self.body = json.dumps(body).encode()
        target = f"/api/v1/pos/loyaltyGroups/{server.loyalty_group}{path}"
        head = (
            f"POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {server.token(0)}\r\n"
            f"Idempotency-Key: {key}\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
            f"Content-Length: {len(self.body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        self.sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
        self.sock.sendall(head)
        interim = self.sock.recv(65536)
        assert interim.startswith(b"HTTP/1.1 100 "), interim

    def finish(self) -> tuple[int, bytes]:
        """Send the body; the status and body of the answer."""
        self.sock.sendall(self.body)
        data = b""
        while chunk := self.sock.recv(65536):
            data += chunk
        self.sock.close()
        head, _, payload = data.partition(b"\r\n\r\n")
        return int(head.split(b" ", 2)[1]), payload


def _earns(api: Api, card: str) -> list[str]:
    """The operation ids of the card's earns, from its history."""
    instrument = api.ok("GET", f"/loyaltycards/{card}")["instrumentId"]
    rows = api.ok("GET", f"/instruments/{instrument}/transactions")["transactions"]
    return [row["operationId"] for row in rows if row["type"] == "earn"]


def test_past_the_limit_requests_get_429_with_retry_after_and_the_held_ones_succeed(
    server: RunningServer, tmp_path: Path
) -> None:
    card = server.sample("loyaltycard_active")
    api = Api(server)
    try:
        before = _earns(api, card)
        held_keys = [str(uuid.uuid4()) for _ in range(LIMIT)]
        held = [SlowPost(server, f"/loyaltycards/{card}/_earn", {"amount": "10.00"}, k) for k in held_keys]
        refused = api.get("/terminal")
        # Every kind of request is refused while the server is full: reads and writes alike.
        with ThreadPoolExecutor(8) as pool:
            keys = [str(uuid.uuid4()) for _ in range(8)]
            answers = list(
                pool.map(lambda k: api.post(f"/loyaltycards/{card}/_earn", {"amount": "10.00"}, key=k), keys)
            )
        for r in [refused, *answers]:
            assert r.status_code == 429, r.text
            assert r.headers["Retry-After"] == "1"
            assert error_code(r) == "RATE_LIMITED"
        finished = [slow.finish() for slow in held]
        assert [status for status, _ in finished] == [200] * LIMIT
        # The refused writes were not applied: only the held ones earned points. Their retries, with
        # the same keys, now pass (the slots were given back).
        assert sorted(_earns(api, card)) == sorted([*before, *held_keys])
        for k in keys:
            assert api.post(f"/loyaltycards/{card}/_earn", {"amount": "10.00"}, key=k).status_code == 200
        assert sorted(_earns(api, card)) == sorted([*before, *held_keys, *keys])
    finally:
        api.close()


def test_a_burst_of_concurrent_writes_gets_answers_or_429_never_5xx(server: RunningServer) -> None:
    """40 writes at once on a limit of 3: each is applied or refused for load; retried, all apply once."""
    card = server.sample("loyaltycard_active", 1)
    clients = [Api(server) for _ in range(8)]
    try:
        before = _earns(clients[0], card)
        keys = [str(uuid.uuid4()) for _ in range(40)]

        def send(i: int) -> int:
            client = clients[i % len(clients)]
            r = client.post(f"/loyaltycards/{card}/_earn", {"amount": "10.00"}, key=keys[i])
            assert r.status_code < 500, r.text
            if r.status_code == 429:
                assert r.headers["Retry-After"] == "1"
            return r.status_code

        with ThreadPoolExecutor(len(clients)) as pool:
            statuses = list(pool.map(send, range(len(keys))))
        assert set(statuses) <= {200, 429}
        for i, status in enumerate(statuses):
            while status == 429:  # what the terminal does, without waiting the Retry-After here
                status = send(i)
        assert sorted(_earns(clients[0], card)) == sorted([*before, *keys])  # each applied once
    finally:
        for c in clients:
            c.close()


def test_max_in_flight_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="must be at least 1"):
        start_server(tmp_path, extra_args=["--max-in-flight", "0"])
