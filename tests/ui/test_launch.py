"""Start-up as the app does it (ui.launch): the sign-on form first, the core built behind it, against
the real reference server; a sign-on typed before the core is there waits for it; a terminal that
is not set up is told in words. No sleeps: qtbot waits for signals."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_client import config as cfg
from pos_client.assembly import Core
from pos_client.cli.commands.demo import setup_terminal
from tests.fixtures.server import RunningServer
from tests.ui.app_harness import PINS, WAIT
from ui.app import App
from ui.launch import Launcher, main
from ui.screens.cashier import CashierScreen

pytestmark = pytest.mark.ui


def _launcher(qtbot: QtBot, server: RunningServer, tmp: Path) -> Launcher:
    launcher = Launcher(cfg.load(setup_terminal(tmp, server.manifest)), show_crash_dialog=False)
    qtbot.addWidget(launcher.window)
    return launcher


@contextmanager
def _started(qtbot: QtBot, server: RunningServer, tmp: Path) -> Iterator[Launcher]:
    """A launcher whose first window is shown (the core is loading behind it); shut down after."""
    launcher = _launcher(qtbot, server, tmp)
    try:
        launcher.start()
        yield launcher
    finally:
        launcher.shutdown()


def test_the_sign_on_form_is_shown_first_and_a_sign_on_typed_at_once_goes_ahead(
    qtbot: QtBot, demo_server: RunningServer, tmp_path: Path
) -> None:
    with _started(qtbot, demo_server, tmp_path) as launcher:
        window, page = launcher.window, launcher.window.signon_page
        # The core is built on another thread and handed over through the event loop, which has not
        # run yet: this is the form as the cashier first sees it.
        assert launcher.app is None and not window.attached
        assert window.isVisible() and window.pages.currentWidget() is page
        operators = [page.operator.itemData(i) for i in range(page.operator.count())]
        assert set(operators) == {o["id"] for o in demo_server.manifest["operators"]}
        # Styled by the theme from the first show (states set before the labels were laid out):
        # the light theme's "warn" colour for "Checking connection…".
        label = window.status.connection
        assert label.palette().color(label.foregroundRole()).name() == "#8a6100"

        page.select("anna")
        page.pin.setText(PINS["anna"])
        with qtbot.waitSignal(window.signed_on, timeout=WAIT):
            page.submit()
            assert not page.button.isEnabled()  # waiting for the core, shown busy
        app = launcher.app
        assert isinstance(app, App) and window.attached
        assert isinstance(window.screen_of(CashierScreen), CashierScreen)
        assert app.ctx.service.operator.operator_id == "anna"


def test_the_first_window_switches_language_before_the_core_is_there(
    qtbot: QtBot, demo_server: RunningServer, tmp_path: Path
) -> None:
    # The frame retranslates on Translations.language_changed, not on Qt's LanguageChange event
    # (see ui.main_window): every text of the first window follows, the keypad's tooltips too.
    with _started(qtbot, demo_server, tmp_path) as launcher:
        window, page = launcher.window, launcher.window.signon_page
        window.toggle_language()
        assert page.button.text() == "Zaloguj"
        assert page.keypad.buttons["C"].toolTip() == "Wyczyść"
        assert window.language_button.text() == "English"
        assert window.status.connection.text() == "● Sprawdzanie połączenia…"
        window.toggle_language()
        assert page.button.text() == "Sign on" and window.language_button.text() == "Polski"


def test_closing_before_the_core_is_there_leaves_nothing_open(
    qtbot: QtBot, demo_server: RunningServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pos_client.assembly

    built: list[Core] = []
    build_core = pos_client.assembly.build_core

    def recording(*args: Any, **kwargs: Any) -> Core:
        built.append(build_core(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(pos_client.assembly, "build_core", recording)
    hook = sys.excepthook
    launcher = _launcher(qtbot, demo_server, tmp_path)
    assert sys.excepthook is not hook  # the crash handler's, from the first moment
    launcher.start()
    launcher.shutdown()  # waits for the loader, closes the core it built, removes the crash hooks
    assert launcher.app is None  # never attached: the event loop did not run
    assert len(built) == 1
    with pytest.raises(sqlite3.ProgrammingError):  # its files are closed
        built[0].outbox.summary()
    assert sys.excepthook is hook


def test_a_terminal_without_its_token_is_told_in_words(
    qtbot: QtBot, demo_server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = setup_terminal(tmp_path, demo_server.manifest)
    Path(f"{path}.token").unlink()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        code = main(["--config", str(path)])  # the app's own entry point; offscreen: no dialog
    finally:  # main() sets up the process's logging; give pytest its own back
        for handler in list(root.handlers):
            root.removeHandler(handler)
            if handler not in handlers:
                handler.close()
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)
    assert code == 2
    err = capsys.readouterr().err
    assert "token" in err.lower() and "Traceback" not in err


@pytest.mark.allow_log(r"(?s)^unexpected error \(a bug\):.*a bug in building the core", logger="ui.crash")
def test_a_bug_while_loading_goes_to_the_crash_handler(
    qtbot: QtBot, demo_server: RunningServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug in building the core")

    monkeypatch.setattr("pos_client.assembly.build_core", broken)
    launcher = _launcher(qtbot, demo_server, tmp_path)
    reports: list[str] = []
    launcher.shell.crash.crashed.connect(reports.append)
    try:
        with qtbot.waitSignal(launcher.shell.crash.crashed, timeout=WAIT):
            launcher.start()
        assert launcher.app is None and len(reports) == 1
    finally:
        launcher.shutdown()


def test_the_first_window_imports_nothing_heavy() -> None:
    """The design of ui.launch: the form is shown before the core, the HTTP client, the outbox, the
    drivers or the screens are imported (they are imported on the loader thread)."""
    code = (
        "import sys, ui.launch\n"
        "heavy = ['httpx', 'pos_client.assembly', 'offline_queue', 'drivers.printers', 'ui.app',"
        " 'ui.screens.cashier', 'escpos', 'PIL']\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_first_window_builds_none_of_the_costly_qt_types(
    demo_server: RunningServer, tmp_path: Path
) -> None:
    """PySide6 builds each Qt class, with its enums, the first time it is touched (0.5–44 ms each,
    measured; ui.main_window): the sign-on form, shown and idle, has touched none of these. Nor has
    loading the terminal's configuration imported a driver (checking the wedge layout's name once
    pulled in pyserial and every scanner driver: 19 ms) or the XML parser."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from pos_client import config\n"
        "from ui.shell import build_shell\n"
        "qapp = QApplication([])\n"
        "shell = build_shell(config.load(Path(sys.argv[1])), show_crash_dialog=False)\n"
        "shell.window.start_signed_off()\n"
        "shell.window.show()\n"
        "def check():\n"  # at the first idle moment; quitting would close the window (a QCloseEvent)
        "    import PySide6.QtCore as C, PySide6.QtGui as G, PySide6.QtWidgets as W\n"
        "    costly = {C: ('Qt', 'QEvent', 'QThread', 'QLibraryInfo'), G: ('QIcon', 'QKeySequence'),"
        " W: ('QTabWidget', 'QStyle')}\n"
        "    print(sorted(n for m, names in costly.items() for n in names if n in vars(m)))\n"
        "    heavy = ('serial', 'drivers.scanners.factory', 'xml.etree.ElementTree', 'httpx', 'PIL')\n"
        "    print(sorted(m for m in heavy if m in sys.modules))\n"
        "    qapp.quit()\n"
        "QTimer.singleShot(0, check)\n"
        "qapp.exec()\n"
    )
    path = setup_terminal(tmp_path, demo_server.manifest)
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["[]", "[]"]
