"""The composition root: the one place that builds the app's long-lived objects and wires them.

Order of construction: the shell (:func:`ui.shell.build_shell`: crash handler, translations and
theme, sign-on controller, the window with the sign-on form) → core
(``pos_client.assembly.build_core``) → task runner, message, monitor, scanning, printing and
approval services → :class:`~ui.context.AppContext` → the window and the sign-on controller are
attached to it (:func:`finish_app`). :func:`build_app` does all of it at once (tests, demo
pictures); the app itself shows the shell first and builds the rest behind it (:mod:`ui.launch`).
Start-up work that needs the network (``GET /terminal``, series sync, queue status) runs in the
background after the window is shown; shutdown is the reverse. Nothing here is a global: tests build
their own :class:`App`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject

from pos_client.assembly import Core, build_core
from pos_client.config import Config
from pos_client.receipts.settings import SlipContext
from pos_client.receipts.setup import slip_settings
from ui.activation import keep_active
from ui.approval import Approvals
from ui.context import AppContext
from ui.crash import CrashHandler
from ui.customer_display import CustomerDisplay
from ui.feedback import ScanFeedback
from ui.main_window import MainWindow
from ui.messages import Messages
from ui.monitor import StatusMonitor
from ui.printing import Printing
from ui.scanning import Scanning
from ui.screens import Screen, discover
from ui.screens.cashier_state import TillState
from ui.shell import NOBODY, Shell, build_shell
from ui.signon import SignOnController
from ui.tasks import TaskRunner
from ui.till_watchers import sound_errors, watch_till

log = logging.getLogger(__name__)


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
        keep_active(self.window)  # shortcuts need an active window, also with no window manager
        self.start_work()

    def start_work(self) -> None:
        """Start devices and background work (the window is shown)."""
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
    """Build the whole app for ``config`` at once (a ``QApplication`` must exist); see the module doc.

    Raises:
        ConfigError, SecretError: the terminal is not set up (from ``build_core``).
    """
    shell = build_shell(config, language=language, theme=theme, show_crash_dialog=show_crash_dialog)
    try:
        core = build_core(config, operator=NOBODY, token=token, on_queue_status=shell.relay)
    except BaseException:
        shell.crash.uninstall()
        shell.window.deleteLater()
        raise
    return finish_app(shell, core, discover())


def finish_app(shell: Shell, core: Core, screens: Sequence[type[Screen]]) -> App:
    """Build the rest of the app around ``shell`` for ``core`` (GUI thread) and attach the window."""
    config, owner, crash, i18n = shell.config, shell.owner, shell.crash, shell.i18n
    tasks = TaskRunner(crash_handler=crash.handle, parent=owner)
    monitor = StatusMonitor(tasks, parent=owner)
    shell.relay.target = monitor.queue_status_seen
    window = shell.window

    def slip_context() -> SlipContext:
        # ctx.config, not config: a technician may have saved new settings since start-up.
        settings = slip_settings(ctx.config, core.service.last_terminal)
        operator = core.service.operator
        return SlipContext(
            settings=replace(settings, locale=i18n.locale),
            operator=operator.name if operator.operator_id != NOBODY.operator_id else None,
        )

    printing = Printing(
        config, slip_context, crash.handle, parent=owner, authorise=core.service.authorise_reprint
    )
    ctx = AppContext(
        config=config,
        core=core,
        service=core.service,
        gateway=core.gateway,
        tasks=tasks,
        approvals=Approvals(tasks, core, lambda: window),
        printing=printing,
        scanning=Scanning(config.scanner, parent=owner),
        messages=Messages(owner),
        monitor=monitor,
        i18n=i18n,
    )
    window.attach(ctx, list(screens))
    shell.signon.attach(core, tasks)
    _add_till_watchers(ctx, window, owner)
    return App(
        config=config,
        core=core,
        tasks=tasks,
        crash=crash,
        ctx=ctx,
        signon=shell.signon,
        window=window,
        _owner=owner,
    )


def _add_till_watchers(ctx: AppContext, window: MainWindow, owner: QObject) -> None:
    """Scan sounds and flashes, and the customer display, following each sign-on's till
    (:mod:`ui.till_watchers`)."""
    ui = ctx.config.ui
    feedback = ScanFeedback(
        ctx.config.data_path / "sounds", enabled=ui.sounds, command=ui.sound_command, parent=owner
    )
    feedback.flashed.connect(window.banner.flash)
    sound_errors(ctx.messages, feedback)
    display = CustomerDisplay()
    display.setParent(window, display.windowFlags())  # its own top-level window, closed with the app's
    shown = display.place(ui.customer_display)
    ctx.i18n.language_changed.connect(lambda _language: display.retranslate())

    def signed_on(_operator: object) -> None:
        for screen in window.screens():
            till = getattr(screen, "controller", None)
            if isinstance(till, TillState):
                watch_till(till, feedback, display if shown else None, ctx.i18n.language_changed)

    window.signed_on.connect(signed_on)
