"""The fault proxy itself does what the fault tests rely on (against a throw-away stdlib upstream)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import httpx
import pytest

from tests.offline_queue.fault_proxy import Fault, FaultProxy


class _Upstream(http.server.ThreadingHTTPServer):
    posts = 0


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.posts += 1  # type: ignore[attr-defined]
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def upstream() -> Iterator[_Upstream]:
    server = _Upstream(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=lambda: server.serve_forever(poll_interval=0.05), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def proxy(upstream: _Upstream) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", upstream.server_address[1], retry_after=7, delay=2.0) as p:
        yield p


def post(proxy: FaultProxy, timeout: float = 1.0) -> httpx.Response:
    return httpx.post(proxy.url + "/x", json={"a": 1}, headers={"Idempotency-Key": "k"}, timeout=timeout)


def test_pass_and_unavailable(proxy: FaultProxy, upstream: _Upstream) -> None:
    assert post(proxy).json() == {"ok": True}
    proxy.inject(Fault.UNAVAILABLE)
    r = post(proxy)
    assert (r.status_code, r.headers["Retry-After"]) == (503, "7")
    assert upstream.posts == 1
    assert [s.fault for s in proxy.posts()] == [Fault.PASS, Fault.UNAVAILABLE]
    assert proxy.posts()[0].idempotency_key == "k"


def test_dropped_response_reaches_the_server(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.inject(Fault.DROP_RESPONSE)
    with pytest.raises(httpx.TransportError):
        post(proxy)
    assert upstream.posts == 1


def test_slow_answer_times_out_after_the_server_applied_it(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.inject(Fault.SLOW)
    with pytest.raises(httpx.ReadTimeout):
        post(proxy, timeout=0.3)
    assert upstream.posts == 1


def test_reset_never_reaches_the_server(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.inject(Fault.RESET)
    with pytest.raises(httpx.TransportError):
        post(proxy)
    assert upstream.posts == 0


def test_down_refuses_connections_and_up_restores(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.down()
    with pytest.raises(httpx.ConnectError):
        post(proxy)
    proxy.up()
    assert post(proxy).status_code == 200
