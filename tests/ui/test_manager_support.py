"""Shared set-up of the manager and technician screen tests: a real ``AppContext`` over the real
reference server (``fresh_server``), built as the app builds it (``build_core`` + the UI services).

(Kept in a ``test_manager_*`` module because the screen tests own only those names; it holds no tests.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pos_client.assembly import Core, build_core
from pos_client.config import Config, load, set_option
from pos_client.receipts.settings import SlipContext
from pos_client.security import Operator, Role
from tests.fixtures.server import RunningServer
from ui.approval import Approvals
from ui.context import AppContext
from ui.i18n import Translations
from ui.messages import Messages
from ui.monitor import StatusMonitor
from ui.printing import Printing
from ui.scanning import Scanning
from ui.screens import Screen
from ui.tasks import TaskRunner

MANAGER = Operator("marek", "Marek Lewandowski", Role.MANAGER)
TECHNICIAN = Operator("tomasz", "Tomasz Wiśniewski", Role.TECHNICIAN)
CASHIER = Operator("anna", "Anna Nowak", Role.CASHIER)


@dataclass
class Harness:
    """A built context and what the tests need to reach around it."""

    ctx: AppContext
    core: Core
    server: RunningServer
    config_path: Path
    crashes: list[BaseException]
    messages: list[tuple[str, str]]

    def close(self) -> None:
        ctx = self.ctx
        ctx.monitor.stop()
        ctx.scanning.stop()
        ctx.printing.shutdown()
        ctx.tasks.shutdown()
        self.core.close()


def write_config(folder: Path, server: RunningServer, **options: str) -> Path:
    """A terminal configuration for ``server`` in ``folder`` (data directory inside it)."""
    path = folder / "terminal.toml"
    set_option(path, "server.url", server.base_url)
    set_option(path, "server.loyalty_group", server.loyalty_group)
    set_option(path, "data_dir", str(folder / "data"))
    set_option(path, "server.read_timeout", "5")
    for key, value in options.items():
        set_option(path, key.replace("__", "."), value)
    return path


def build_context(
    qtbot: QtBot,
    folder: Path,
    server: RunningServer,
    operator: Operator,
    *,
    token: str | None = None,
    **options: str,
) -> Harness:
    """Build the core and the UI services for ``operator`` on the demo till of ``server`` (or with
    another ``token``); ``options`` are configuration keys with ``__`` for the dot."""
    config_path = write_config(folder, server, **options)
    config: Config = load(config_path)
    crashes: list[BaseException] = []
    messages: list[tuple[str, str]] = []
    tasks = TaskRunner(crash_handler=crashes.append)
    monitor = StatusMonitor(tasks, interval_ms=60_000)
    core = build_core(
        config, operator=operator, token=token or server.token(0), on_queue_status=monitor.queue_status_seen
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    posted = Messages()
    posted.posted.connect(lambda level, text: messages.append((level, text)))
    ctx = AppContext(
        config=config,
        core=core,
        service=core.service,
        gateway=core.gateway,
        tasks=tasks,
        approvals=Approvals(tasks, core),
        printing=Printing(config, SlipContext, crash_handler=crashes.append),
        scanning=Scanning(config.scanner),
        messages=posted,
        monitor=monitor,
        i18n=Translations(app, config.terminal.locale),
    )
    return Harness(ctx, core, server, config_path, crashes, messages)


def harnesses(qtbot: QtBot, folder: Path) -> Iterator[Any]:
    """Body of each screen test module's ``harness_factory`` fixture.

    Yields ``make(server, operator, token=None, **options)`` → a :class:`Harness`; closes them all
    afterwards and fails the test if a bug reached the crash handler.
    """
    made: list[Harness] = []

    def make(server: RunningServer, operator: Operator, token: str | None = None, **options: str) -> Harness:
        harness = build_context(
            qtbot, folder / f"terminal{len(made)}", server, operator, token=token, **options
        )
        made.append(harness)
        return harness

    yield make
    for harness in made:
        harness.close()
        assert not harness.crashes, f"bugs reported to the crash handler: {harness.crashes!r}"


def show(qtbot: QtBot, screen: QWidget) -> QWidget:
    """Add ``screen`` to qtbot, show it at a till's size and activate it."""
    qtbot.addWidget(screen)
    screen.resize(1024, 700)
    screen.show()
    qtbot.waitExposed(screen)
    activated = getattr(screen, "activated", None)
    if activated is not None:
        activated()
    return screen


def screenshot(screen: Screen, name: str, theme: str = "light") -> Path:
    """Save ``screen`` in ``theme`` as ``build/screenshots/<name>.png`` (for the README, and to look at)."""
    folder = Path(__file__).resolve().parents[2] / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n = screen.ctx.i18n
    previous_sheet, previous_theme, name_before = app.styleSheet(), i18n.theme, screen.objectName()
    i18n.set_theme(theme)  # the app's own way of applying a theme
    # In the app a screen sits on the tab pane; standing alone it gets the pane's background.
    pane = re.search(r"QTabWidget::pane\s*{[^}]*background:\s*([^;]+);", app.styleSheet())
    if pane:
        screen.setObjectName("screenshotRoot")
        screen.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        app.setStyleSheet(app.styleSheet() + f"\nQWidget#screenshotRoot {{ background: {pane.group(1)}; }}\n")
    try:
        QApplication.processEvents()  # pending layout requests
        assert screen.grab().save(str(path)), f"could not save {path}"
    finally:
        i18n.set_theme(previous_theme)
        app.setStyleSheet(previous_sheet)
        screen.setObjectName(name_before)
    return path
