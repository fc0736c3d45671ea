"""The till shows an operation's deadline and the cashier can cancel it (issue 16, items 1-2), on
the shown window against the real server behind the fault proxy: a payment whose answers are late
(the server applies it, the answer comes after the read timeout) says "No answer from the server yet,
trying again… (n s left)", then "Checking with the server… (n s left)", counting down; Esc cancels the
core's deadline (the worker stops at once, not after the check's 30 s), the cashier gets one clear
"NOT paid", no hold is open, the payment is on the needs-attention list while its outcome is unknown,
and once the link heals the terminal releases the hold the server made: nothing is paid."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from decimal import Decimal

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.fixtures.server import RunningServer
from tests.offline_queue.fault_proxy import Fault, FaultProxy
from tests.ui.app_harness import WAIT, available, idle
from tests.ui.test_till_keys import press, scan_by_keys, shown_till, type_keys
from ui.app import App

pytestmark = pytest.mark.ui

TRYING = re.compile(r"No answer from the server yet, trying again… \((\d+) s left\)")
CHECKING = re.compile(r"Checking with the server whether the payment went through… \((\d+) s left\)")


@pytest.fixture
def proxy(fresh_server: RunningServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", fresh_server.port, delay=3.0) as running:
        yield running


def test_the_till_counts_the_deadline_down_and_esc_cancels_it_and_nothing_is_paid(
    qtbot: QtBot, fresh_server: RunningServer, proxy: FaultProxy, app_for: Callable[..., App]
) -> None:
    options = {
        "server.url": proxy.url,
        "server.connect_timeout": "1",
        "server.read_timeout": "0.5",
        "server.retry_seconds": "2",
        "server.check_seconds": "30",
    }
    app = app_for(fresh_server, options=options)
    screen, window = shown_till(qtbot, app)
    gift = fresh_server.sample("giftcard_active", 4)
    scan_by_keys(qtbot, screen, window, gift)
    assert screen.controller.card is not None
    before = available(app, gift)
    shown: list[str] = []
    app.ctx.messages.posted.connect(lambda _level, text: shown.append(text))

    # Every answer to the payment comes late: the server applies it, the till never hears in time.
    proxy.inject(Fault.SLOW, count=1000, match=lambda method, path: method == "POST" and "_pay" in path)
    type_keys(window, "5")
    press(window, Qt.Key.Key_F4)
    banner = app.window.banner
    qtbot.waitUntil(lambda: TRYING.search(banner.text()) is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: CHECKING.search(banner.text()) is not None, timeout=WAIT)
    match = CHECKING.search(banner.text())
    assert match is not None and 25 <= int(match.group(1)) <= 30
    qtbot.waitUntil(lambda: (m := CHECKING.search(banner.text())) is not None and int(m.group(1)) < 29)
    assert screen.controller.busy and screen.cancel_wait_button.isVisible()
    assert app.core.outbox.unknown_outcomes() == []  # still being checked

    stopped = time.monotonic()
    press(window, Qt.Key.Key_Escape)
    idle(qtbot, screen)
    assert "NOT paid" in banner.text()
    assert screen.controller.hold is None  # the sale does not go on as paid
    assert not any("paid" in text.lower() and "not paid" not in text.lower() for text in shown)
    # The core's deadline was cancelled: the payment left "checking" at once (not after 30 s) and is
    # on the needs-attention list while its outcome is unknown.
    qtbot.waitUntil(lambda: len(app.core.outbox.unknown_outcomes()) == 1, timeout=5000)
    assert time.monotonic() - stopped < 5
    assert app.core.gateway.status().needs_attention == 1
    assert CHECKING.search(banner.text()) is None  # the count-down ended with the wait

    proxy.clear()  # the link heals: the terminal learns the hold was made, and releases it
    deadline = time.monotonic() + 20
    while app.core.gateway.status().pending and time.monotonic() < deadline:
        app.core.gateway.flush(timeout=2)
    assert app.core.gateway.status().pending == 0
    headers = {"Authorization": f"Bearer {fresh_server.token(0)}"}
    with httpx.Client(base_url=fresh_server.group_url, headers=headers, timeout=10) as http:
        account = http.get(f"/giftcards/{gift}").json()["account"]  # the server itself, no proxy
    assert Decimal(account["amountAvailable"]) == before  # nothing is paid
    assert Decimal(account["amountAuthorized"]) == Decimal("0")  # the hold was released
