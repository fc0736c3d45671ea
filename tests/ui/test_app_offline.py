"""The app when the server is away or hangs: offline shown at once, a payment queued as provisional,
and a GUI that keeps responding (a timer keeps firing, the cashier can stop waiting) while the server
accepts connections but never answers."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from tests.fixtures.server import RunningServer, stop_server
from tests.ui.app_harness import WAIT, idle, scan, sign_on
from ui.app import App
from ui.screens.cashier_actions import Action

pytestmark = pytest.mark.ui


def test_offline_is_shown_and_a_payment_waits_as_provisional(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server, options={"server.connect_timeout": "1", "server.read_timeout": "2"})
    screen = sign_on(qtbot, app)
    assert screen is not None
    scan(qtbot, app, screen, fresh_server.sample("giftcard_active"))  # known card, series and limits
    qtbot.waitUntil(lambda: app.ctx.service.last_terminal is not None, timeout=WAIT)
    status = app.window.status
    qtbot.waitUntil(lambda: status.connection.text() == "● Online", timeout=WAIT)

    stop_server(fresh_server)
    screen.amount.setText("20")
    screen.trigger(Action.PAY)
    idle(qtbot, screen)

    qtbot.waitUntil(lambda: status.connection.text() == "● Offline", timeout=WAIT)
    assert status.connection.property("state") == "bad"
    qtbot.waitUntil(lambda: status.queue.text().startswith("1 waiting"), timeout=WAIT)
    assert screen.controller.hold is None  # offline there is no hold to commit
    assert app.window.banner.text().startswith("Payment of")
    assert "provisional" in app.window.banner.text()
    assert app.window.banner.property("level") == "warning"
    app.window.sign_off()  # refused: an operation waits to be sent
    assert app.window.operator is not None
    assert "wait to be sent" in app.window.banner.text()


class SilentServer:
    """Accepts TCP connections and never answers (a hung server)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.clients: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            self.clients.append(client)

    def close(self) -> None:
        self.sock.close()
        for client in self.clients:
            client.close()


@pytest.fixture
def silent_server(tmp_path: Path) -> Iterator[RunningServer]:
    server = SilentServer()
    manifest: dict[str, Any] = {
        "baseUrl": f"http://127.0.0.1:{server.port}",
        "loyaltyGroup": "demo",
        "terminals": [{"token": "silent-token-0000"}],
        "operators": [{"id": "anna", "name": "Anna Nowak", "role": "cashier", "pin": "1111"}],
    }
    yield RunningServer(
        base_url=manifest["baseUrl"],
        loyalty_group="demo",
        manifest=manifest,
        db_path=tmp_path / "none",
        database=str(tmp_path / "none"),
        process=None,  # type: ignore[arg-type]
        log_path=tmp_path / "none.log",
    )
    server.close()


def test_the_gui_keeps_responding_and_the_cashier_can_stop_waiting(
    qtbot: QtBot, silent_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(silent_server, options={"server.read_timeout": "3"})
    screen = sign_on(qtbot, app)  # local: PINs never need the server
    assert screen is not None
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()

    screen.number.setText("6033010000000001")
    screen.look_up()
    assert screen.controller.busy
    # A slow answer: after a moment the till looks busy and offers to stop waiting.
    qtbot.waitUntil(lambda: screen.cancel_wait_button.isVisibleTo(screen), timeout=WAIT)
    assert not screen.look_up_button.isEnabled()
    start = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= start + 10, timeout=WAIT)  # the event loop runs meanwhile
    assert screen.controller.busy  # still waiting for the hung server

    screen.cancel_wait_button.click()

    assert not screen.controller.busy
    assert app.window.banner.text() == "Stopped waiting."
    assert screen.look_up_button.isEnabled() and not screen.cancel_wait_button.isVisibleTo(screen)
    timer.stop()


def test_a_manager_lets_an_offline_top_up_past_the_soft_limit(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server, options={"server.connect_timeout": "1", "server.read_timeout": "2"})
    screen = sign_on(qtbot, app)
    assert screen is not None
    scan(qtbot, app, screen, fresh_server.sample("giftcard_active"))
    qtbot.waitUntil(lambda: app.ctx.service.last_terminal is not None, timeout=WAIT)
    stop_server(fresh_server)

    screen.amount.setText("150")  # offline a top-up is limited to 100.00 per operation
    screen.trigger(Action.LOAD)
    approvals = app.ctx.approvals
    qtbot.waitUntil(lambda: approvals.dialog is not None, timeout=WAIT)
    dialog = approvals.dialog
    assert dialog is not None
    assert dialog.reason.text().startswith("Offline, this card series allows at most ")  # names the limit
    assert "100.00" in dialog.reason.text() and "A manager may allow more." in dialog.reason.text()
    dialog.manager.setCurrentIndex(dialog.manager.findData("marek"))
    dialog.pin.setText("2222")
    dialog.ok_button.click()
    idle(qtbot, screen)

    assert "provisional" in app.window.banner.text()
    qtbot.waitUntil(lambda: app.window.status.queue.text().startswith("1 waiting"), timeout=WAIT)
    overrides = [e for e in app.core.audit.entries() if e.approved_by == "marek"]
    assert overrides, "the override is audited with the approving manager"
