"""The API client over httpx: paths, headers, timeouts, TLS and the error classification of docs/API.md.

``httpx.MockTransport`` stands in for the network (the third-party edge); timeouts, refused connections
and TLS are also checked against real loopback sockets.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.server
import ipaddress
import json
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from pos_client.api.client import LoyaltyClient, segment
from pos_client.api.errors import ApiError, ProtocolError, Refused, Unauthorized, Unavailable
from pos_client.api.retry import RetryPolicy
from pos_client.domain import Kind

TOKEN = "s3cret-terminal-token-0123456789"
GROUP_PATH = "/api/v1/pos/loyaltyGroups/demo"

TERMINAL = {
    "loyaltyGroup": "demo",
    "terminalId": "T-001-01",
    "merchant": {"merchantId": "M001", "name": "Demo Store Warszawa"},
    "store": 1,
    "pos": 1,
    "storeName": "Demo Store Warszawa",
    "storeAddress": "ul. Marszałkowska 1, 00-001 Warszawa",
    "merchantGroups": ["MG-PL"],
    "currency": "PLN",
    "serverTime": "2026-11-25T10:15:00Z",
    "offlineLimits": {
        "maxOutstandingValue": "500.00",
        "maxQueueAgeSeconds": 86400,
        "overrideHardCap": "1000.00",
    },
}

GIFT_CARD = {
    "instrumentId": "I-000123",
    "giftCardId": "I-000123",
    "kind": "giftcard",
    "number": "6033010000000017",
    "seriesNumber": "GC-PLN",
    "status": "active",
    "created": "2026-01-05T09:00:00Z",
    "startDate": "2026-01-05",
    "expiryDate": "2028-01-05",
    "currency": "PLN",
    "account": {
        "amountOriginal": "100.00",
        "amountNet": "80.00",
        "amountAuthorized": "5.00",
        "amountFloor": "0.00",
        "amountAvailable": "75.00",
    },
    "customer": None,
    "blockReason": None,
}

Handler = Callable[[httpx.Request], httpx.Response]


# One try: these tests classify single answers; retrying transient ones within the default 6 s
# deadline made each of them take 6 s (tests/pos_client/test_retry.py tests the retries).
ONE_TRY = RetryPolicy(deadline=0)


def make_client(handler: Handler, **kwargs: Any) -> LoyaltyClient:
    kwargs.setdefault("retry_policy", ONE_TRY)
    return LoyaltyClient(
        "http://loyalty.test/", "demo", TOKEN, transport=httpx.MockTransport(handler), **kwargs
    )


def answer(response: httpx.Response) -> LoyaltyClient:
    return make_client(lambda request: response)


def error(status: int, code: str, message: str = "no", **extra: Any) -> httpx.Response:
    return httpx.Response(status, json={"error": {"code": code, "message": message, "details": extra}})


# -- requests -------------------------------------------------------------------------------------


def test_reads_go_under_the_loyalty_group_with_the_bearer_token() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=TERMINAL)

    terminal = make_client(handler).terminal()
    assert terminal.terminal_id == "T-001-01"
    request = seen[0]
    assert request.method == "GET"
    assert str(request.url) == f"http://loyalty.test{GROUP_PATH}/terminal"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Accept"] == "application/json"


def test_numbers_and_groups_are_escaped_as_one_path_segment() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path.decode())
        return httpx.Response(200, json=GIFT_CARD)

    client = LoyaltyClient(
        "http://loyalty.test",
        "my group/x",
        TOKEN,
        transport=httpx.MockTransport(handler),
        retry_policy=ONE_TRY,
    )
    client.instrument(Kind.GIFTCARD, "60/../33?x#1")
    assert seen == ["/api/v1/pos/loyaltyGroups/my%20group%2Fx/giftcards/60%2F..%2F33%3Fx%231"]
    assert segment("../a") == "..%2Fa"


def test_write_carries_the_callers_idempotency_key_and_json_body() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True})

    client = make_client(handler)
    body = {"amount": "12.50", "reference": "Paragon nr 7 — żółw"}
    assert client.post_json("/giftcards/603301/_pay", body, idempotency_key="key-1") == {"ok": True}
    client.post_json("/giftcards/603301/_pay", body, idempotency_key="key-1")  # a retry: same key
    assert [r.headers["Idempotency-Key"] for r in seen] == ["key-1", "key-1"]
    assert seen[0].method == "POST"
    assert seen[0].headers["Content-Type"] == "application/json"
    assert json.loads(seen[0].content) == body
    assert seen[0].content == seen[1].content


def test_quote_has_no_effect_and_makes_a_fresh_key_each_time() -> None:
    keys: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        keys.append(request.headers["Idempotency-Key"])
        return httpx.Response(
            200, json={"points": 12, "breakdown": [], "balanceAfter": 192, "nextReward": None}
        )

    client = make_client(handler)
    assert client.quote("2900000000017", {"amount": "12.00"}).points == 12
    client.quote("2900000000017", {"amount": "12.00"})
    assert len(set(keys)) == 2


def test_query_parameters_of_typed_reads() -> None:
    seen: list[httpx.URL] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url)
        if request.url.path.endswith("/customers"):
            return httpx.Response(200, json={"customers": []})
        return httpx.Response(
            200,
            json={
                "date": "2026-11-25",
                "terminalId": "T-001-01",
                "currency": "PLN",
                "lines": [],
                "totals": {
                    "count": 0,
                    "amountIn": "0.00",
                    "amountOut": "0.00",
                    "pointsEarned": 0,
                    "pointsSpent": 0,
                },
            },
        )

    client = make_client(handler)
    assert client.find_customers(phone="+48600100200") == ()
    client.day_report(dt.date(2026, 11, 25))
    assert seen[0].params["phone"] == "+48600100200"
    assert "email" not in seen[0].params
    assert seen[1].path == f"{GROUP_PATH}/reports/day"
    assert seen[1].params["date"] == "2026-11-25"


def test_explicit_timeouts_reach_every_request() -> None:
    seen: list[dict[str, float | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, json=TERMINAL)

    make_client(handler, connect_timeout=1.5, read_timeout=4.0).terminal()
    assert seen[0]["connect"] == 1.5
    assert seen[0]["read"] == 4.0
    assert all(value is not None for value in seen[0].values())  # never wait forever


# -- unavailable ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "maybe_applied"),
    [
        (httpx.ConnectError("connection refused"), False),
        (httpx.ConnectTimeout("connect timed out"), False),
        (httpx.ReadTimeout("read timed out"), True),
        (httpx.WriteTimeout("write timed out"), True),
        (httpx.PoolTimeout("pool"), True),
        (httpx.ReadError("connection reset"), True),
        (httpx.RemoteProtocolError("server disconnected"), True),
    ],
)
def test_transport_failures_are_unavailable(exc: httpx.HTTPError, maybe_applied: bool) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    with pytest.raises(Unavailable) as info:
        make_client(handler).post_json("/giftcards/1/_load", {"amount": "1.00"}, idempotency_key="k")
    assert info.value.maybe_applied is maybe_applied
    assert info.value.status is None
    assert TOKEN not in str(info.value)


@pytest.mark.parametrize("status", [500, 502, 503, 504, 599])
def test_5xx_is_unavailable_with_retry_after(status: int) -> None:
    client = answer(httpx.Response(status, text="<html>down</html>", headers={"Retry-After": "30"}))
    with pytest.raises(Unavailable) as info:
        client.terminal()
    assert info.value.status == status
    assert info.value.retry_after == 30.0
    assert info.value.maybe_applied


def test_429_is_unavailable_with_retry_after() -> None:
    limited = error(429, "RATE_LIMITED", "slow down")
    limited.headers["Retry-After"] = "7"
    client = answer(limited)
    with pytest.raises(Unavailable) as info:
        client.terminal()
    assert (info.value.status, info.value.retry_after) == (429, 7.0)


def test_retry_after_as_an_http_date() -> None:
    when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=120)
    client = answer(
        httpx.Response(503, headers={"Retry-After": email.utils.format_datetime(when, usegmt=True)})
    )
    with pytest.raises(Unavailable) as info:
        client.terminal()
    assert info.value.retry_after is not None
    assert 60 < info.value.retry_after <= 120


@pytest.mark.parametrize("value", ["soon", "-5", "nan", "inf", "99999999999"])
def test_unusable_retry_after_is_ignored(value: str) -> None:
    with pytest.raises(Unavailable) as info:
        answer(httpx.Response(503, headers={"Retry-After": value})).terminal()
    assert info.value.retry_after is None


def test_503_without_retry_after() -> None:
    with pytest.raises(Unavailable) as info:
        answer(httpx.Response(503)).terminal()
    assert info.value.retry_after is None


def test_idempotency_in_progress_is_unavailable_not_refused() -> None:
    client = answer(error(409, "IDEMPOTENCY_IN_PROGRESS", "still working"))
    with pytest.raises(Unavailable) as info:
        client.post_json("/giftcards/1/_pay", {"amount": "1.00"}, idempotency_key="k")
    assert info.value.status == 409
    assert not isinstance(info.value, Refused)


# -- unauthorized and refused ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "response",
    [
        error(401, "UNAUTHORIZED", "unknown token"),
        httpx.Response(401, text="go away"),  # even without the JSON error body
        httpx.Response(401),
    ],
)
def test_401_is_unauthorized(response: httpx.Response) -> None:
    with pytest.raises(Unauthorized) as info:
        answer(response).terminal()
    assert TOKEN not in str(info.value)


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, "INVALID_AMOUNT"),
        (403, "NOT_ACCEPTED_HERE"),
        (404, "UNKNOWN_INSTRUMENT"),
        (409, "INSUFFICIENT_FUNDS"),
        (409, "COUPON_USED"),
        (422, "IDEMPOTENCY_MISMATCH"),
    ],
)
def test_4xx_with_an_error_body_is_refused_with_code_and_message(status: int, code: str) -> None:
    client = answer(error(status, code, "Nie można: brak środków", available="3.00"))
    with pytest.raises(Refused) as info:
        client.post_json("/giftcards/1/_pay", {"amount": "5.00"}, idempotency_key="k")
    refused = info.value
    assert refused.code == code
    assert refused.message == "Nie można: brak środków"
    assert str(refused) == "Nie można: brak środków"
    assert refused.details == {"available": "3.00"}
    assert refused.status == status


def test_refusal_without_details() -> None:
    client = answer(httpx.Response(409, json={"error": {"code": "BLOCKED", "message": "blocked"}}))
    with pytest.raises(Refused) as info:
        client.instrument(Kind.GIFTCARD, "1")
    assert info.value.details == {}


# -- protocol errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, text="<html>captive portal</html>", headers={"Content-Type": "text/html"}),
        httpx.Response(200, content=b'{"loyaltyGroup": "demo"}', headers={"Content-Type": "text/plain"}),
        httpx.Response(200, content=json.dumps(TERMINAL).encode()),  # no Content-Type at all
        httpx.Response(200, content=b"{not json", headers={"Content-Type": "application/json"}),
        httpx.Response(200, content=b"\xff\xfe\x00", headers={"Content-Type": "application/json"}),
        httpx.Response(200, content=b"[" * 100_000, headers={"Content-Type": "application/json"}),
        httpx.Response(200, json=[TERMINAL]),
        httpx.Response(200, json={**TERMINAL, "store": "1"}),
        httpx.Response(200, json={k: v for k, v in TERMINAL.items() if k != "merchant"}),
        httpx.Response(204),
        httpx.Response(302, headers={"Location": "http://elsewhere.test/"}),
        httpx.Response(304),
        httpx.Response(404, text="Not Found", headers={"Content-Type": "text/html"}),
        httpx.Response(404, json={"detail": "Not Found"}),
        httpx.Response(409, json={"error": {"code": "", "message": "x"}}),
        httpx.Response(409, json={"error": {"code": 7, "message": "x"}}),
        httpx.Response(409, json={"error": {"code": "BLOCKED"}}),
        httpx.Response(409, json={"error": "BLOCKED"}),
        httpx.Response(409, json={"error": {"code": "BLOCKED", "message": "m", "details": []}}),
        httpx.Response(418, content=b"{}", headers={"Content-Type": "application/problem+xml"}),
    ],
)
def test_answers_that_break_the_contract_are_protocol_errors(response: httpx.Response) -> None:
    with pytest.raises(ProtocolError):
        answer(response).terminal()


def test_problem_json_media_type_is_json() -> None:
    body = json.dumps({"error": {"code": "BLOCKED", "message": "blocked"}}).encode()
    client = answer(httpx.Response(409, content=body, headers={"Content-Type": "application/problem+json"}))
    with pytest.raises(Refused):
        client.terminal()


def test_json_content_type_with_charset_is_accepted() -> None:
    client = answer(
        httpx.Response(
            200,
            content=json.dumps(TERMINAL).encode(),
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
    )
    assert client.terminal().currency == "PLN"


def test_instrument_of_another_kind_than_asked_is_a_protocol_error() -> None:
    client = answer(httpx.Response(200, json={**GIFT_CARD, "kind": "storecredit"}))
    with pytest.raises(ProtocolError, match="kind"):
        client.instrument(Kind.GIFTCARD, "6033010000000017")


def test_series_304_with_etag_means_unchanged() -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("If-None-Match"))
        return httpx.Response(304)

    assert make_client(handler).series('"abc"') == (None, '"abc"')
    assert seen == ['"abc"']
    with pytest.raises(ProtocolError):  # a 304 to a request without If-None-Match is nonsense
        make_client(handler).series(None)


def test_every_error_is_an_api_error() -> None:
    for cls in (Unavailable, Refused, Unauthorized, ProtocolError):
        assert issubclass(cls, ApiError)


# -- real sockets ---------------------------------------------------------------------------------


def test_a_server_that_accepts_but_never_answers_times_out_as_maybe_applied() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)  # the kernel completes the handshake; nobody ever reads or answers
        port = listener.getsockname()[1]
        client = LoyaltyClient(
            f"http://127.0.0.1:{port}",
            "demo",
            TOKEN,
            connect_timeout=2.0,
            read_timeout=0.3,
            retry_policy=ONE_TRY,
        )
        with pytest.raises(Unavailable) as info:
            client.post_json("/giftcards/1/_load", {"amount": "1.00"}, idempotency_key="k")
        client.close()
    assert info.value.maybe_applied is True
    assert "in time" in info.value.message


def test_a_closed_port_is_unavailable_and_surely_not_applied() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (
        LoyaltyClient(f"http://127.0.0.1:{port}", "demo", TOKEN) as client,
        pytest.raises(Unavailable) as info,
    ):
        client.post_json("/giftcards/1/_load", {"amount": "1.00"}, idempotency_key="k")
    assert info.value.maybe_applied is False


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on loopback with a certificate of a private CA; yields its URL and the CA file."""
    pytest.importorskip("cryptography")
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Loyalty test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file = tmp_path / "ca.pem"
    ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    cert_file = tmp_path / "server.pem"
    cert_file.write_bytes(
        cert.public_bytes(serialization.Encoding.PEM)
        + key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps(TERMINAL).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", ca_file
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_tls_is_verified_against_the_configured_ca_bundle(tls_server: tuple[str, Path]) -> None:
    url, ca_file = tls_server
    with LoyaltyClient(url, "demo", TOKEN, ca_bundle=ca_file) as client:
        assert client.terminal().terminal_id == "T-001-01"


def test_tls_to_an_untrusted_certificate_is_refused(tls_server: tuple[str, Path]) -> None:
    url, _ = tls_server
    with LoyaltyClient(url, "demo", TOKEN, connect_timeout=5.0) as client, pytest.raises(Unavailable) as info:
        client.terminal()  # the system's CAs do not know the private CA: verification stays on
    assert info.value.maybe_applied is False
