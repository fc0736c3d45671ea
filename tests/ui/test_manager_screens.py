"""The manager screens against the real reference server: card history, the day summary exported to
CSV, the offline queue's retry and park, and the overrides trail. No sleeps: qtbot waits for the
models and labels the screens fill from their background tasks."""

from __future__ import annotations

import csv
import dataclasses
import socket
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from offline_queue.store import State
from pos_client.api.errors import Unavailable
from pos_client.masking import mask_number
from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.offline_queue.fault_proxy import Fault, FaultProxy
from tests.ui.test_manager_support import MANAGER, harnesses, screenshot, show
from ui.screens import roles_of
from ui.screens.manager_day import DaySummaryScreen
from ui.screens.manager_lookup import BalanceLookupScreen
from ui.screens.manager_overrides import OverridesScreen
from ui.screens.manager_queue import OfflineQueueScreen

pytestmark = pytest.mark.ui
WAIT = 15_000  # ms; only reached when a test fails


@pytest.fixture
def harness_factory(qtbot: QtBot, tmp_path: Path) -> Iterator[Any]:
    yield from harnesses(qtbot, tmp_path)


def test_manager_screens_are_for_managers() -> None:
    from pos_client.security import Role

    for screen in (BalanceLookupScreen, OfflineQueueScreen, OverridesScreen, DaySummaryScreen):
        assert roles_of(screen) == frozenset({Role.MANAGER})


def test_look_up_shows_the_card_and_its_history(
    qtbot: QtBot, fresh_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(fresh_server, MANAGER)
    number = fresh_server.sample("giftcard_active")
    h.core.service.load(number, Decimal("12.50"))
    screen = show(qtbot, BalanceLookupScreen(h.ctx))

    qtbot.keyClicks(screen.number, number)
    qtbot.mouseClick(screen.look_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.history.rowCount() > 0, timeout=WAIT)

    texts = [
        [screen.history.text(r, c) for c in range(screen.history.columnCount())]
        for r in range(screen.history.rowCount())
    ]
    newest = texts[0]
    assert newest[1] == "Top-up"
    assert "12.50" in newest[2]
    assert screen.card_values["number"].text() == mask_number(number)
    assert number not in screen.card_values["number"].text()
    balance = h.core.service.balance(number)
    assert balance.account is not None
    assert f"{balance.account.available:.2f}" in screen.card_values["balance"].text()
    screenshot(screen, "manager-card-lookup")
    screenshot(screen, "manager-card-lookup-dark", theme="dark")


def test_look_up_shows_a_customer_by_initials_when_personal_data_is_isolated(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(demo_server, MANAGER, ui__isolate_personal_data="true")
    screen = show(qtbot, BalanceLookupScreen(h.ctx))
    qtbot.keyClicks(screen.number, demo_server.sample("loyaltycard_active"))  # Zofia Wójcik's card
    qtbot.mouseClick(screen.look_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.lookup is not None, timeout=WAIT)
    assert screen.card_values["customer"].text() == "Z. W."


def test_look_up_of_an_unknown_number_says_so_in_words(
    qtbot: QtBot, fresh_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(fresh_server, MANAGER)
    screen = show(qtbot, BalanceLookupScreen(h.ctx))
    screen.number.setText("1234")
    screen.look_up()
    qtbot.waitUntil(lambda: screen.look_up_button.isEnabled() and screen.message.text() != "", timeout=WAIT)
    assert screen.message.property("level") == "error"
    assert "Traceback" not in screen.message.text() and screen.message.text().endswith(".")
    assert not screen.card.isVisible()


def test_a_scan_on_the_visible_screen_looks_the_card_up(
    qtbot: QtBot, fresh_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(fresh_server, MANAGER)
    number = fresh_server.sample("loyaltycard_active")
    screen = show(qtbot, BalanceLookupScreen(h.ctx))
    h.ctx.scanning.inject(number)
    qtbot.waitUntil(lambda: screen.lookup is not None, timeout=WAIT)
    assert "points" in screen.card_values["balance"].text()


def test_a_coupon_shows_its_offer(qtbot: QtBot, fresh_server: RunningServer, harness_factory: Any) -> None:
    h = harness_factory(fresh_server, MANAGER)
    code = fresh_server.sample("coupon_active")
    coupon = h.core.service.coupon_check(code)
    assert coupon.offer is not None
    screen = show(qtbot, BalanceLookupScreen(h.ctx))
    screen.number.setText(code)
    screen.look_up()
    qtbot.waitUntil(lambda: screen.lookup is not None, timeout=WAIT)
    assert screen.card_values["balance"].text() == coupon.offer.description
    assert " off" in screen.card_values["detail"].text()
    assert screen.card_values["number"].text() == mask_number(code) and screen.number.text() == ""


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server URL whose port accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)  # the kernel completes the handshakes; nobody ever reads
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_waiting_for_a_server_that_never_answers_can_be_stopped(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any, silent_server: str
) -> None:
    away = dataclasses.replace(demo_server, base_url=silent_server)
    h = harness_factory(away, MANAGER, server__read_timeout="1", server__connect_timeout="1")
    screen = show(qtbot, BalanceLookupScreen(h.ctx))
    assert not screen.stop_waiting.isVisible()
    screen.number.setText(demo_server.sample("giftcard_active"))
    qtbot.mouseClick(screen.look_up_button, Qt.MouseButton.LeftButton)
    assert screen.stop_waiting.isVisible() and not screen.look_up_button.isEnabled()
    assert screen.message.text() == "Looking the card up…"

    qtbot.mouseClick(screen.stop_waiting, Qt.MouseButton.LeftButton)
    assert screen.look_up_button.isEnabled() and not screen.stop_waiting.isVisible()
    assert screen.message.text() == ""
    qtbot.waitUntil(lambda: h.ctx.tasks.active_count == 0, timeout=WAIT)  # the call timed out meanwhile
    assert screen.message.text() == "" and screen.lookup is None  # its late answer was dropped


def test_day_summary_is_exported_to_csv_with_the_right_totals(
    qtbot: QtBot, fresh_server: RunningServer, harness_factory: Any, tmp_path: Path
) -> None:
    h = harness_factory(fresh_server, MANAGER)
    service = h.core.service
    before = service.day_report()
    loaded, paid = fresh_server.sample("giftcard_active", 0), fresh_server.sample("giftcard_active", 1)
    service.load(loaded, Decimal("25.00"))
    hold = service.pay(paid, Decimal("10.00"))
    assert hold.auth_code is not None
    service.commit(paid, hold.auth_code)

    screen = show(qtbot, DaySummaryScreen(h.ctx))  # activated() loads today's report
    qtbot.waitUntil(lambda: screen.report is not None and screen.export_button.isEnabled(), timeout=WAIT)
    target = tmp_path / "export" / "day.csv"
    target.parent.mkdir()
    screen.choose_export_path = lambda report: target  # type: ignore[method-assign]
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists() and screen.message.property("level") == "success", timeout=WAIT)

    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    totals = {r["type"]: r for r in rows if r["kind"] == "total"}
    assert Decimal(totals["amount_in"]["amount"]) == before.amount_in + Decimal("25.00")
    assert Decimal(totals["amount_out"]["amount"]) == before.amount_out + Decimal("10.00")
    assert int(totals["operations"]["count"]) >= before.count + 3
    lines = {(r["kind"], r["type"]): r for r in rows if r["kind"] != "total"}
    assert Decimal(lines["giftcard", "commit"]["amount"]) == Decimal("10.00")
    shown_in = screen.total_values["in"].text()
    assert f"{before.amount_in + Decimal('25.00'):,.2f}".replace(",", "") in shown_in.replace(
        ",", ""
    ).replace("\u00a0", "").replace(" ", "")
    screenshot(screen, "manager-day-summary")

    with qtbot.waitSignal(h.ctx.printing.preview_ready, timeout=WAIT) as printed:
        qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    assert printed.args[0].startswith(b"\x89PNG")  # the day report slip, on the on-screen preview


@pytest.fixture
def restartable(fresh_server: RunningServer, tmp_path: Path) -> Any:
    """Stop the server, and start it again on the same port and database."""
    started: list[RunningServer] = []

    class Control:
        def stop(self) -> None:
            stop_server(started[-1] if started else fresh_server)

        def start(self) -> RunningServer:
            server = start_server(
                tmp_path / f"again{len(started)}",
                port=fresh_server.port,
                db_path=fresh_server.db_path,
            )
            started.append(server)
            return server

    yield Control()
    for server in started:
        stop_server(server)


def test_queue_shows_a_refusal_with_the_servers_reason_then_park_and_retry(
    qtbot: QtBot, fresh_server: RunningServer, harness_factory: Any, restartable: Any
) -> None:
    h = harness_factory(fresh_server, MANAGER)
    service = h.core.service
    blocked = fresh_server.sample("giftcard_blocked")
    service.terminal()  # the offline limits
    service.sync_series()  # the series catalogue, for identification offline
    restartable.stop()
    queued = service.load(blocked, Decimal("20.00"))  # the terminal does not know the card is blocked
    assert queued.state.value == "queued"
    restartable.start()

    screen = show(qtbot, OfflineQueueScreen(h.ctx))
    screen.confirm = lambda title, question: True  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=WAIT)
    assert screen.model.row_at(0).state is State.PENDING

    qtbot.mouseClick(screen.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: screen.model.rowCount() == 1 and screen.model.row_at(0).state is State.REFUSED, timeout=WAIT
    )
    row = screen.model.row_at(0)
    assert row.needs_attention and row.code == "BLOCKED"
    assert row.reason  # the server's words
    assert row.instrument == mask_number(blocked)
    assert screen.snapshot is not None and screen.snapshot.status.needs_attention == 1
    assert "1 need attention" in screen.status.text()
    screen.table.selectRow(0)
    assert screen.retry_button.isEnabled() and screen.park_button.isEnabled()
    assert row.reason in screen.detail.text()
    screenshot(screen, "manager-offline-queue")

    qtbot.mouseClick(screen.park_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.model.row_at(0).state is State.PARKED, timeout=WAIT)
    assert not screen.model.row_at(0).needs_attention

    service.unblock(blocked)  # the manager sorted the card out
    before = service.balance(blocked)
    screen.table.selectRow(0)
    qtbot.mouseClick(screen.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=WAIT)  # delivered: nothing left open
    after = service.balance(blocked)
    assert before.account is not None and after.account is not None
    assert after.account.net == before.account.net + Decimal("20.00")
    assert screen.empty.isVisible()

    overrides = show(qtbot, OverridesScreen(h.ctx))
    qtbot.waitUntil(lambda: overrides.model.rowCount() >= 2, timeout=WAIT)
    actions = [overrides.model.row_at(i).action for i in range(overrides.model.rowCount())]
    assert actions[:2] == ["queue_retry", "queue_park"]  # newest first
    assert overrides.model.text(0, 2) == "marek"


def test_overrides_screen_lists_offline_overrides_with_the_approving_manager(
    qtbot: QtBot, fresh_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(fresh_server, MANAGER)
    card = fresh_server.sample("giftcard_active")
    # What QueuedGateway records when a manager lets an operation past an offline limit.
    h.core.audit.record(
        "offline_override",
        "anna",
        subject=mask_number(card),
        approved_by="marek",
        details={"operationId": "op-1", "type": "pay", "amount": "150.00", "limit": "per_operation",
                 "reason": "over the offline limit of 100.00 per operation"},
    )  # fmt: skip
    h.core.audit.record("sign_on", "anna")
    screen = show(qtbot, OverridesScreen(h.ctx))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=WAIT)
    values = [screen.model.text(0, c) for c in range(screen.model.columnCount())]
    assert values[1] == "Offline override" and values[2] == "anna" and values[3] == "marek"
    assert values[4] == mask_number(card)
    assert "150.00" in values[5] and "Payment held" in values[5]
    screenshot(screen, "manager-overrides")


def test_an_operation_applied_after_all_is_marked_as_dealt_with(
    qtbot: QtBot, fresh_server: RunningServer, harness_factory: Any
) -> None:
    with FaultProxy("127.0.0.1", fresh_server.port) as proxy:
        h = harness_factory(
            dataclasses.replace(fresh_server, base_url=proxy.url), MANAGER, server__retry_seconds="1"
        )
        service = h.core.service
        service.terminal()
        code = fresh_server.sample("coupon_active", 2)
        # The server redeems it; no answer arrives, however often the terminal asks within its deadline.
        proxy.inject(Fault.DROP_RESPONSE, count=1000)
        with pytest.raises(Unavailable):
            service.coupon_redeem(code)
        proxy.clear()

        screen = show(qtbot, OfflineQueueScreen(h.ctx))
        screen.confirm = lambda title, question: True  # type: ignore[method-assign]
        qtbot.waitUntil(lambda: screen.snapshot is not None, timeout=WAIT)
        qtbot.mouseClick(screen.send_button, Qt.MouseButton.LeftButton)  # same key: answered from the store
        qtbot.waitUntil(
            lambda: screen.model.rowCount() == 1 and screen.model.row_at(0).applied_after_all, timeout=WAIT
        )
        assert screen.model.text(0, 0) == "⚠ Applied after all"
        screen.table.selectRow(0)
        assert screen.ack_button.isEnabled() and not screen.retry_button.isEnabled()
        assert "server applied it" in screen.detail.text()

        qtbot.mouseClick(screen.ack_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=WAIT)
        assert screen.snapshot is not None and screen.snapshot.status.needs_attention == 0
        assert h.core.audit.entries(1)[0].action == "queue_acknowledge"


def test_polish_texts_money_and_shortcuts_after_a_language_switch(
    qtbot: QtBot, fresh_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(fresh_server, MANAGER)
    day = show(qtbot, DaySummaryScreen(h.ctx))
    qtbot.waitUntil(lambda: day.report is not None, timeout=WAIT)
    queue = show(qtbot, OfflineQueueScreen(h.ctx))
    english = queue.retry_button.text()
    h.ctx.i18n.set_language("pl")
    try:
        qtbot.waitUntil(lambda: queue.retry_button.text() not in ("", english), timeout=WAIT)  # Polish now
        assert queue.retry_button.shortcut().toString() == "Ctrl+R"  # kept across the new text
        assert day.report is not None
        shown = day.total_values["in"].text()
        assert shown.endswith("zł") and "," in shown  # 1 630,00 zł
        screenshot(day, "manager-day-summary-pl")
    finally:
        h.ctx.i18n.set_language("en")
    qtbot.waitUntil(lambda: queue.retry_button.text() == english, timeout=WAIT)
