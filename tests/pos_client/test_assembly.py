"""``build_core``: wiring from the configuration, clear errors, remembered offline limits."""

from __future__ import annotations

import json
import os
import time
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from pos_client.assembly import LimitsMemory, build_core, default_operator
from pos_client.config import ConfigError, write_raw
from pos_client.domain import OfflineLimits
from pos_client.offline import QueuedGateway
from pos_client.secrets import SecretError, store_token
from pos_client.security import Operator, Role

TERMINAL = {
    "loyaltyGroup": "demo",
    "terminalId": "T-001-01",
    "merchant": {"merchantId": "M001", "name": "Demo Store"},
    "store": 1,
    "pos": 1,
    "storeName": "Demo Store",
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


def _config(tmp_path: Path, **server: str) -> Path:
    path = tmp_path / "terminal.toml"
    write_raw(
        path,
        {
            "server": {"url": "http://127.0.0.1:9", "loyalty_group": "demo", **server},
            "data_dir": str(tmp_path / "data"),
        },
    )
    return path


def _transport(seen: list[httpx.Request]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/terminal"):
            return httpx.Response(200, json=TERMINAL)
        return httpx.Response(404, json={"error": {"code": "NOT_FOUND", "message": "no"}})

    return httpx.MockTransport(handle)


def test_builds_every_part_from_the_configuration(tmp_path: Path) -> None:
    from pos_client.config import load

    path = _config(tmp_path)
    store_token(path, "secret-token-123")
    seen: list[httpx.Request] = []
    core = build_core(load(path), transport=_transport(seen))
    try:
        assert isinstance(core.gateway, QueuedGateway)
        assert core.recorder.inner is core.gateway
        assert core.service.operator == default_operator(core.config)
        assert core.outbox.path == tmp_path / "data" / "outbox.db"
        terminal = core.service.terminal()
        assert terminal.terminal_id == "T-001-01"
        assert seen[0].headers["Authorization"] == "Bearer secret-token-123"
        assert seen[0].url.path == "/api/v1/pos/loyaltyGroups/demo/terminal"
    finally:
        core.close()
        core.close()  # idempotent
    # The limits of the last GET /terminal survive a restart (offline decisions need them).
    again = build_core(load(path), transport=_transport([]))
    try:
        assert again.limits.get() == OfflineLimits(Decimal("500.00"), 86400, Decimal("1000.00"))
    finally:
        again.close()


def test_instruments_read_from_the_server_feed_the_offline_cache(tmp_path: Path) -> None:
    from pos_client.config import load
    from pos_client.domain import Kind

    card = {
        "instrumentId": "I-1", "giftCardId": "I-1", "kind": "giftcard", "number": "6033010000000017",
        "seriesNumber": "GC-PLN", "status": "active", "created": "2026-01-05T09:00:00Z",
        "startDate": "2026-01-05", "expiryDate": "2028-01-05", "currency": "PLN",
        "account": {"amountOriginal": "100.00", "amountNet": "80.00", "amountAuthorized": "5.00",
                    "amountFloor": "0.00", "amountAvailable": "75.00"},
        "customer": None, "blockReason": None,
    }  # fmt: skip
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=card))
    core = build_core(load(_config(tmp_path)), token="t", transport=transport)
    try:
        assert core.cache.known(card["number"]) is None
        core.client.instrument(Kind.GIFTCARD, card["number"])
        known = core.cache.known(card["number"])
        assert known is not None and known.available == Decimal("75.00") and known.status == "active"
    finally:
        core.close()


def test_the_signed_on_operator_can_be_given(tmp_path: Path) -> None:
    from pos_client.config import load

    path = _config(tmp_path)
    who = Operator("anna", "Anna", Role.CASHIER)
    core = build_core(load(path), operator=who, token="t", transport=_transport([]))
    try:
        assert core.service.operator is who
    finally:
        core.close()


def test_missing_server_names_the_key(tmp_path: Path) -> None:
    from pos_client.config import load

    path = tmp_path / "terminal.toml"
    write_raw(path, {"server": {"url": "http://127.0.0.1:9"}})
    with pytest.raises(ConfigError, match=r"terminal\.toml: server\.loyalty_group: not set"):
        build_core(load(path), token="t")


def test_no_stored_token_is_a_clear_error(tmp_path: Path) -> None:
    from pos_client.config import load

    path = _config(tmp_path)
    with pytest.raises(SecretError, match="no POS token"):
        build_core(load(path))


def test_unreadable_limits_file_means_unknown(tmp_path: Path) -> None:
    file = tmp_path / "terminal.json"
    file.write_text("{not json", encoding="utf-8")
    assert LimitsMemory(file).get() is None
    memory = LimitsMemory(file)
    limits = OfflineLimits(Decimal("1.00"), 60, Decimal("2.00"))
    memory.remember(limits)
    assert json.loads(file.read_text())["offlineLimits"]["overrideHardCap"] == "2.00"
    assert LimitsMemory(file).get() == limits


def test_the_same_limits_again_are_not_written_again_until_they_age(tmp_path: Path) -> None:
    """The app's idle probe brings the limits every few seconds: one write, not an fsync each time."""
    file = tmp_path / "terminal.json"
    memory = LimitsMemory(file)
    limits = OfflineLimits(Decimal("1.00"), 60, Decimal("2.00"))
    memory.remember(limits, "PLN")
    first = file.stat().st_ino
    memory.remember(limits, "PLN")
    memory.remember(limits)  # no currency said: the known one stays
    assert file.stat().st_ino == first  # an atomic write would have replaced the file
    memory.remember(OfflineLimits(Decimal("5.00"), 60, Decimal("2.00")), "PLN")
    assert file.stat().st_ino != first
    assert json.loads(file.read_text())["offlineLimits"]["maxOutstandingValue"] == "5.00"
    second = file.stat().st_ino
    old = time.time() - 400  # older than half the refresh interval: saved again, so due() stays false
    os.utime(file, (old, old))
    memory.remember(OfflineLimits(Decimal("5.00"), 60, Decimal("2.00")), "PLN")
    assert file.stat().st_ino != second and not memory.due()
