"""The whole app, built by its composition root against a real reference server, for pytest-qt tests.

The terminal is set up the way ``loyalty-pos demo`` does it (``config init`` with the manifest's
operators, the emulator as printer, the keyboard-wedge scanner) in the test's temporary directory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot

from pos_client import config as cfg
from pos_client.cli.commands.demo import setup_terminal
from tests.fixtures.server import RunningServer
from ui.app import App, build_app
from ui.screens.cashier import CashierScreen

WAIT = 15_000  # ms; only reached when a test fails
PINS = {"anna": "1111", "marek": "2222", "tomasz": "3333"}


def make_app(qtbot: QtBot, server: RunningServer, tmp: Path, *, options: dict[str, str] | None = None) -> App:
    """A started app for ``server`` (signed off), closed by the caller's fixture."""
    path = setup_terminal(tmp, server.manifest)
    for key, value in (options or {}).items():
        cfg.set_option(path, key, value)
    app = build_app(cfg.load(path), show_crash_dialog=False)
    qtbot.addWidget(app.window)
    app.start()
    return app


def apps(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., App]]:
    """Fixture body: a factory of apps, each shut down at the end of the test."""
    made: list[App] = []
    crashes: list[str] = []

    def factory(server: RunningServer, **kwargs: dict[str, str]) -> App:
        app = make_app(qtbot, server, tmp_path / f"app{len(made)}", **kwargs)
        app.crash.crashed.connect(crashes.append)
        made.append(app)
        return app

    yield factory
    for app in made:
        app.shutdown()
    assert crashes == [], f"the app hit a bug: see {crashes}"


def sign_on(qtbot: QtBot, app: App, operator_id: str = "anna") -> CashierScreen | None:
    """Sign on through the sign-on page; returns the till screen when the role has one."""
    with qtbot.waitSignal(app.window.signed_on, timeout=WAIT):
        page = app.window.signon_page
        page.select(operator_id)
        page.pin.setText(PINS[operator_id])
        page.submit()
    screen = app.window.screen_of(CashierScreen)
    return screen if isinstance(screen, CashierScreen) else None


def scan(qtbot: QtBot, app: App, screen: CashierScreen, number: str) -> None:
    """Scan ``number`` and wait for the look-up to finish."""
    app.ctx.scanning.inject(number)
    qtbot.waitUntil(lambda: not screen.controller.busy, timeout=WAIT)


def idle(qtbot: QtBot, screen: CashierScreen) -> None:
    """Wait for the running operation to end."""
    qtbot.waitUntil(lambda: not screen.controller.busy, timeout=WAIT)


def available(app: App, number: str) -> Decimal:
    """The money available on a card, read from the server through the app's own core."""
    account = app.core.service.balance(number).account
    assert account is not None
    return account.available
