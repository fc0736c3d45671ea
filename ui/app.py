"""The composition root: the one place that builds the app's long-lived objects and wires them.

``python -m ui [--config PATH] [--language pl] [--theme dark]`` runs the app for the configured
terminal (``loyalty-pos run`` does the same); ``--operator ID`` with the PIN in ``$LOYALTY_POS_PIN``
signs on at once, and ``--scan NUMBER`` (repeatable) + ``--screenshot PNG`` scan, save a picture of
the window and quit (``loyalty-pos demo --screenshot``).

Order of construction: logging → crash handler (hooks) → task runner → core
(``pos_client.assembly.build_core``) → message, monitor, scanning, printing, approval and language
services → :class:`~ui.context.AppContext` → sign-on controller → main window. Start-up work that
needs the network (``GET /terminal``, series sync, queue status) runs in the background after the
window is shown; shutdown is the reverse. Nothing here is a global: tests build their own
:class:`App`.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from pos_client import config as config_module
from pos_client.assembly import Core, build_core
from pos_client.config import Config, ConfigError
from pos_client.masking import MaskingFormatter
from pos_client.receipts.settings import SlipContext
from pos_client.receipts.setup import slip_settings
from pos_client.secrets import SecretError
from pos_client.security import Operator, Role
from ui.approval import Approvals
from ui.context import AppContext
from ui.crash import CrashHandler
from ui.errors import describe_error
from ui.i18n import ICON, Translations
from ui.main_window import MainWindow
from ui.messages import Messages
from ui.monitor import StatusMonitor
from ui.printing import Printing
from ui.scanning import Scanning
from ui.screens import discover
from ui.signon import SignOnController
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

LOG_FILE = Path("logs") / "app.log"  # in the data directory
CRASH_DIR = Path("crash")
PIN_ENV = "LOYALTY_POS_PIN"
NOBODY = Operator("-", "-", Role.TECHNICIAN)  # before sign-on: reads only, no sales


def setup_logging(config: Config) -> Path | None:
    """Log to ``<data dir>/logs/app.log`` (rotated); returns the file, or None when not writable."""
    path = config.data_path / LOG_FILE
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for old in list(root.handlers):  # python-escpos calls logging.basicConfig() when imported
        root.removeHandler(old)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.WARNING)
    root.addHandler(console)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
        path = None  # type: ignore[assignment]
    # Masked: httpx logs every request URL at INFO, and URLs hold card numbers (DESIGN.md §6).
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    console.setFormatter(MaskingFormatter(logging.BASIC_FORMAT))
    root.addHandler(handler)
    return path


@dataclass
class App:
    """Everything the app is made of (see the module doc); built by :func:`build_app`."""

    config: Config
    core: Core
    tasks: TaskRunner
    crash: CrashHandler
    ctx: AppContext
    signon: SignOnController
    window: MainWindow
    _owner: QObject = field(repr=False, default_factory=QObject)
    _closed: bool = False

    def start(self) -> None:
        """Show the window and start devices and background work."""
        self.window.start_signed_off()
        self.window.show()
        service = self.ctx.service
        self.tasks.run(
            service.terminal,
            lambda _: None,
            lambda exc: log.info("terminal: %s", exc),
            description="terminal",
        )
        self.tasks.run(
            service.sync_series, lambda _: None, lambda exc: log.info("series: %s", exc), description="series"
        )
        self.core.gateway.start()
        self.ctx.monitor.attach(self.core.gateway)
        self.ctx.scanning.start()
        self.ctx.printing.check()

    def sign_on(self, operator_id: str, pin: str) -> None:
        """Sign on without the form (``--operator``, tests): the page's controller checks the PIN."""
        self.window.signon_page.select(operator_id)
        self.signon.sign_on(operator_id, pin)

    def shutdown(self) -> None:
        """Stop devices and background work, then close the core (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self.ctx.monitor.stop()
        self.ctx.scanning.stop()
        self.ctx.printing.shutdown()
        self.tasks.shutdown()
        self.core.close()
        self.crash.uninstall()


def build_app(
    config: Config,
    *,
    language: str | None = None,
    theme: str | None = None,
    show_crash_dialog: bool = True,
    token: str | None = None,
) -> App:
    """Build the app for ``config`` (a ``QApplication`` must exist).

    Raises:
        ConfigError, SecretError: the terminal is not set up (from ``build_core``).
    """
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication), "create the QApplication first"
    owner = QObject()
    window_ref: list[MainWindow] = []

    def main_window() -> MainWindow | None:
        return window_ref[0] if window_ref else None

    crash = CrashHandler(
        config.data_path / CRASH_DIR, main_window, show_dialog=show_crash_dialog, parent=owner
    )
    crash.install()
    tasks = TaskRunner(crash_handler=crash.handle, parent=owner)
    monitor = StatusMonitor(tasks, parent=owner)
    core = build_core(config, operator=NOBODY, token=token, on_queue_status=monitor.queue_status_seen)
    core.service.add_listener(monitor.service_event)
    i18n = Translations(qapp, config.terminal.locale, parent=owner)
    i18n.set_theme(theme or config.ui.theme)
    i18n.set_language(language or config.ui.language)

    def slip_context() -> SlipContext:
        settings = slip_settings(config, core.service.last_terminal)
        from dataclasses import replace

        operator = core.service.operator
        return SlipContext(
            settings=replace(settings, locale=i18n.locale),
            operator=operator.name if operator.operator_id != NOBODY.operator_id else None,
        )

    printing = Printing(config, slip_context, crash.handle, parent=owner)
    ctx = AppContext(
        config=config,
        core=core,
        service=core.service,
        gateway=core.gateway,
        tasks=tasks,
        approvals=Approvals(tasks, core, main_window),
        printing=printing,
        scanning=Scanning(config.scanner, parent=owner),
        messages=Messages(owner),
        monitor=monitor,
        i18n=i18n,
        operator=NOBODY,
    )
    signon = SignOnController(core, tasks, parent=owner)
    window = MainWindow(ctx, signon, discover())
    window_ref.append(window)
    return App(
        config=config,
        core=core,
        tasks=tasks,
        crash=crash,
        ctx=ctx,
        signon=signon,
        window=window,
        _owner=owner,
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m ui", description="Loyalty POS terminal app")
    parser.add_argument("--config", type=Path, default=None, help="terminal configuration file")
    parser.add_argument("--language", choices=("en", "pl"), default=None, help="language of the texts")
    parser.add_argument("--theme", choices=("light", "dark"), default=None, help="colour theme")
    parser.add_argument(
        "--operator", default=None, help=f"sign on at once as this operator (PIN in ${PIN_ENV})"
    )
    parser.add_argument("--scan", action="append", default=[], help="scan this number after sign-on")
    parser.add_argument("--screenshot", type=Path, default=None, help="save the window as PNG and quit")
    parser.add_argument("--size", default="1280x800", help="window size for the screenshot, WxH")
    return parser.parse_args(argv)


def _fatal(message: str) -> int:
    """Tell the person starting the app why it cannot start (a dialog when there is a display)."""
    print(message, file=sys.stderr)
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        box = QMessageBox(QMessageBox.Icon.Critical, "Loyalty POS", message)
        box.exec()
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; returns the exit code."""
    args = parse_args(argv)
    if args.screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName("Loyalty POS")
    qapp.setWindowIcon(QIcon(str(ICON)))
    try:
        config = config_module.load(config_module.resolve_path(args.config))
    except ConfigError as exc:
        return _fatal(describe_error(exc) + "\n" + str(exc))
    setup_logging(config)
    try:
        app = build_app(
            config,
            language=args.language,
            theme=args.theme,
            show_crash_dialog=args.screenshot is None,
        )
    except (ConfigError, SecretError) as exc:
        return _fatal(describe_error(exc) + "\n" + str(exc))
    try:
        app.start()
        if args.operator:
            from ui.autorun import AutoRun

            width, _, height = args.size.partition("x")
            runner = AutoRun(app, args.operator, os.environ.get(PIN_ENV, ""), args.scan, args.screenshot)
            runner.size = (int(width or 1280), int(height or 800))
            runner.start()
        code = qapp.exec()
    finally:
        app.shutdown()
    return int(code)
