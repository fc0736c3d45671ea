"""Scan feedback and the customer display, in the whole app against the real server, with real keys."""

from __future__ import annotations

import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.fixtures.server import RunningServer
from tests.ui.app_harness import WAIT, idle
from tests.ui.test_till_keys import press, scan_by_keys, shown_till, type_keys
from ui.app import App
from ui.customer_display import CustomerDisplay

pytestmark = pytest.mark.ui


def _recording_player(tmp_path: Path) -> tuple[str, Path]:
    log = tmp_path / "played.txt"
    script = tmp_path / "player.py"
    script.write_text(
        f"import sys\nwith open({str(log)!r}, 'a') as f:\n    f.write(sys.argv[-1] + '\\n')\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}", log


def _played(log: Path) -> list[str]:
    return [Path(line).name for line in log.read_text().splitlines()] if log.exists() else []


def test_a_good_scan_chirps_and_a_bad_one_buzzes_and_the_banner_flashes(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App], tmp_path: Path
) -> None:
    command, log = _recording_player(tmp_path)
    app = app_for(demo_server, options={"ui.sound_command": command, "ui.customer_display": "off"})
    screen, window = shown_till(qtbot, app)
    flashes: list[str] = []
    app.window.banner.setProperty("flash", "")

    def seen() -> None:
        flashes.append(str(app.window.banner.property("flash")))

    scan_by_keys(qtbot, screen, window, demo_server.sample("giftcard_active"))
    qtbot.waitUntil(lambda: _played(log) == ["scan-good.wav"], timeout=WAIT)
    seen()
    scan_by_keys(qtbot, screen, window, demo_server.sample("giftcard_active")[:-1] + "0")  # a bad check digit
    qtbot.waitUntil(lambda: _played(log)[-1:] == ["scan-bad.wav"], timeout=WAIT)
    seen()
    scan_by_keys(qtbot, screen, window, demo_server.sample("giftcard_blocked"))
    qtbot.waitUntil(lambda: len(_played(log)) == 3, timeout=WAIT)

    assert _played(log) == ["scan-good.wav", "scan-bad.wav", "scan-bad.wav"]  # a blocked card is no good
    assert flashes == ["good", "bad"]
    qtbot.waitUntil(lambda: app.window.banner.property("flash") == "", timeout=WAIT)  # the flash ends


def test_the_customer_display_follows_the_till_and_never_shows_the_number(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server, options={"ui.sounds": "false", "ui.customer_display": "on"})
    displays = [w for w in app.window.findChildren(CustomerDisplay)]
    assert len(displays) == 1
    display = displays[0]
    assert display.isVisible()  # "on": a window of its own even with one screen
    assert "Welcome" in display.texts()

    screen, window = shown_till(qtbot, app)
    number = demo_server.sample("giftcard_low_balance")
    scan_by_keys(qtbot, screen, window, number)
    qtbot.waitUntil(lambda: display.texts()[0].endswith(number[-4:]), timeout=WAIT)
    card, balance_text = display.texts()[:2]
    assert card == f"Gift card ••••{number[-4:]}" and balance_text.startswith("Balance zł ")
    before = Decimal(balance_text.removeprefix("Balance zł "))
    left = before - Decimal("2.00")
    type_keys(window, "2")
    press(window, Qt.Key.Key_F4)
    idle(qtbot, screen)
    qtbot.waitUntil(lambda: any("Being paid" in text for text in display.texts()), timeout=WAIT)
    press(window, Qt.Key.Key_F10)
    idle(qtbot, screen)
    qtbot.waitUntil(
        lambda: any("Paid" in text and "Remaining" in text for text in display.texts()), timeout=WAIT
    )
    assert display.texts()[1:3] == [f"Balance zł {left}", f"Paid zł 2.00\nRemaining zł {left}"]
    assert all(number not in text for text in display.texts())

    press(window, Qt.Key.Key_Escape)  # the card goes off the counter: the display says welcome again
    qtbot.waitUntil(lambda: "Welcome" in display.texts(), timeout=WAIT)


def test_the_customer_display_speaks_the_terminals_language(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(
        demo_server, options={"ui.sounds": "false", "ui.customer_display": "on", "ui.language": "pl"}
    )
    [display] = app.window.findChildren(CustomerDisplay)
    assert "Witamy" in display.texts() and display.windowTitle() == "Ekran klienta"
    screen, window = shown_till(qtbot, app)
    scan_by_keys(qtbot, screen, window, demo_server.sample("giftcard_active"))
    qtbot.waitUntil(lambda: display.texts()[1].startswith("Saldo "), timeout=WAIT)
    assert display.texts()[0].startswith("Karta podarunkowa ••••")
