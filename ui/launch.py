"""Start-up: the sign-on form first, the rest of the app behind it.

Building everything before showing the window took ~1.2 s here, five times a bare PySide6 window
(``python -m bench.ui``); most of it is importing and building the core (HTTP client, outbox,
catalogue, drivers, printing). Someone starting the till needs the sign-on form first, so:

1. GUI thread, light imports only (this module imports nothing heavy at the top): the
   configuration, logging, the crash handler, translations and theme, and the window frame with the
   sign-on form, whose operator list is read from the operator store (:func:`ui.shell.build_shell`).
   Shown.
2. A background thread imports the rest and builds the core (plain Python: no Qt object is made
   there) and finds the screens.
3. Back on the GUI thread (a queued signal): the task runner, status monitor, printing, scanning,
   approvals (:func:`ui.app.finish_app`), then the start-up jobs. A sign-on typed before this waits
   for it, shown busy (:class:`~ui.signon.SignOnController`).

``--operator`` / ``--screenshot`` (demo pictures) build everything first (:func:`ui.app.build_app`),
as tests do. ``python -m ui [--config PATH] [--language pl] [--theme dark]`` runs the app
(``loyalty-pos run`` does the same).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication

from pos_client import config as config_module
from pos_client.config import Config, ConfigError
from pos_client.files import PRIVATE_UMASK
from ui.activation import keep_active
from ui.i18n import ICON
from ui.main_window import MainWindow
from ui.shell import NOBODY, build_shell

if TYPE_CHECKING:
    import argparse

    from pos_client.assembly import Core
    from ui.app import App
    from ui.screens import Screen

log = logging.getLogger(__name__)

LOG_FILE = Path("logs") / "app.log"  # in the data directory
PIN_ENV = "LOYALTY_POS_PIN"


def setup_problem(exc: BaseException) -> str | None:
    """What to tell the person starting the app when ``exc`` means the terminal is not set up (a
    configuration, its POS token, a damaged outbox); None for anything else (a bug)."""
    from offline_queue.model import OutboxCorruptError
    from pos_client.secrets import SecretError
    from ui.errors import describe_error

    if isinstance(exc, ConfigError | SecretError | OutboxCorruptError):
        return describe_error(exc) + "\n" + str(exc)
    return None


def setup_logging(config: Config) -> Path | None:
    """Log to ``<data dir>/logs/app.log`` (rotated); returns the file, or None when not writable."""
    import logging.handlers  # ~25 ms (socket, pickle): not before the sign-on form is shown

    from pos_client.masking import MaskingFormatter

    path = config.data_path / LOG_FILE
    log_file: Path | None = path
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
        log_file = None
    # Masked: httpx logs every request URL at INFO, and URLs hold card numbers
    # (docs/ARCHITECTURE.md#security).
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    console.setFormatter(MaskingFormatter(logging.BASIC_FORMAT))
    root.addHandler(handler)
    return log_file


class Launcher(QObject):
    """Shows the sign-on form, then builds the rest of the app behind it (see the module doc).

    Args:
        config: the loaded configuration.
        language, theme: override the configuration's.
        show_crash_dialog: show the crash dialog on a bug (False: log only; benchmarks).
        log_to_file: set up the process's logging (:func:`setup_logging`) on the loader thread, off
            the first window's path (the app's own start; tests keep their logging).

    Signals:
        loaded(object): the :class:`ui.app.App`, complete and started.
        failed(str): the app cannot start (the terminal is not set up): what to tell the person.
    """

    loaded = Signal(object)
    failed = Signal(str)
    _built = Signal(object, object)  # from the loader thread: (core, screens) or (None, error)

    def __init__(
        self,
        config: Config,
        *,
        language: str | None = None,
        theme: str | None = None,
        show_crash_dialog: bool = True,
        log_to_file: bool = False,
    ) -> None:
        super().__init__()
        self.config = config
        self._log_to_file = log_to_file
        self.shell = build_shell(config, language=language, theme=theme, show_crash_dialog=show_crash_dialog)
        self.app: App | None = None
        self._core: Core | None = None
        self._thread: threading.Thread | None = None
        self._built.connect(self._finish)

    @property
    def window(self) -> MainWindow:
        return self.shell.window

    def start(self) -> None:
        """Show the sign-on form and start loading the rest."""
        self.window.start_signed_off()
        self.window.show()
        keep_active(self.window)  # shortcuts need an active window, also with no window manager
        self._thread = threading.Thread(target=self._load, name="app-loader", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        """Loader thread: import the rest, build the core, find the screens (no Qt objects here)."""
        try:
            if self._log_to_file:
                setup_logging(self.config)
            from pos_client.assembly import build_core
            from ui import app as _app_module  # noqa: F401  (imported here, off the GUI thread)
            from ui.screens import discover

            screens = discover()
            self._core = build_core(self.config, operator=NOBODY, on_queue_status=self.shell.relay)
            self._built.emit(self._core, screens)
        except BaseException as exc:  # noqa: BLE001  (told to the GUI thread, which decides what to show)
            self._built.emit(None, exc)

    def _finish(self, core: Core | None, result: Any) -> None:
        if core is None:
            problem = setup_problem(result)
            if problem is not None:
                self.failed.emit(problem)
            else:
                self.shell.crash.handle(result)  # a bug: the crash report, and the window stays
            return
        from ui.app import finish_app

        screens: list[type[Screen]] = result
        self.app = finish_app(self.shell, core, screens)
        self.app.start_work()
        self.loaded.emit(self.app)

    def shutdown(self) -> None:
        """Stop everything that was started (idempotent); waits for the loader if it still runs."""
        if self._thread is not None:
            self._thread.join(timeout=30)
        if self.app is not None:
            self.app.shutdown()
            return
        if self._core is not None:  # built, but the app was closed before it was attached
            self._core.close()
            self._core = None
        self.shell.crash.uninstall()


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    import argparse

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
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, "Loyalty POS", message)
        box.exec()
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; returns the exit code."""
    # Every file the app makes is private (logs, crash reports, databases, slips:
    # docs/ARCHITECTURE.md#security).
    os.umask(PRIVATE_UMASK)
    args = parse_args(argv)
    if args.screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName("Loyalty POS")
    from PySide6.QtGui import QIcon  # ~3 ms of enums; only the app's own start needs it

    qapp.setWindowIcon(QIcon(str(ICON)))
    try:
        config = config_module.load(config_module.resolve_path(args.config))
    except ConfigError as exc:
        return _fatal(setup_problem(exc) or str(exc))
    if args.operator:
        setup_logging(config)
        return _run_scripted(args, config, qapp)
    launcher = Launcher(
        config,
        language=args.language,
        theme=args.theme,
        show_crash_dialog=args.screenshot is None,
        log_to_file=True,
    )
    failure: list[str] = []

    def cannot_start(message: str) -> None:
        failure.append(message)
        launcher.window.hide()
        qapp.quit()

    launcher.failed.connect(cannot_start)
    try:
        launcher.start()
        code = qapp.exec()
    finally:
        launcher.shutdown()
    return _fatal(failure[0]) if failure else int(code)


def _run_scripted(args: argparse.Namespace, config: Config, qapp: QApplication) -> int:
    """``--operator`` (+ ``--scan``, ``--screenshot``): everything built first, then the script."""
    from ui.app import build_app
    from ui.autorun import AutoRun

    try:
        app = build_app(
            config, language=args.language, theme=args.theme, show_crash_dialog=args.screenshot is None
        )
    except Exception as exc:
        problem = setup_problem(exc)
        if problem is None:
            raise
        return _fatal(problem)
    try:
        app.start()
        width, _, height = args.size.partition("x")
        runner = AutoRun(app, args.operator, os.environ.get(PIN_ENV, ""), args.scan, args.screenshot)
        runner.size = (int(width or 1280), int(height or 800))
        runner.start()
        code = qapp.exec()
    finally:
        app.shutdown()
    return int(code)
