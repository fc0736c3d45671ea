"""The shell: what the app shows before its core exists (the crash handler, translations and theme,
the window with the sign-on form), and who may sign on, read without the core.

Built first by :mod:`ui.launch` (shown at once) and completed by the composition root,
:func:`ui.app.finish_app`; both build on this module, neither on the other's start-up code.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from pos_client.config import Config
from pos_client.security import OPERATORS_DB, Operator, OperatorStore, Role
from ui.crash import CrashHandler
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.signon import SignOnController

if TYPE_CHECKING:
    from pos_client.offline import QueueStatus

log = logging.getLogger(__name__)

CRASH_DIR = Path("crash")  # in the data directory
NOBODY = Operator("-", "-", Role.TECHNICIAN)  # before sign-on: reads only, no sales


class StatusRelay:
    """The core's queue-status callback, passed on to the status monitor once that exists (the
    core is built first, perhaps on another thread; statuses before that are dropped: the monitor
    asks for one when it is attached)."""

    def __init__(self) -> None:
        self.target: Callable[[QueueStatus], None] | None = None

    def __call__(self, status: QueueStatus) -> None:
        target = self.target
        if target is not None:
            target(status)


@dataclass
class Shell:
    """What exists before the core: shown at once (see the module doc)."""

    config: Config
    owner: QObject
    crash: CrashHandler
    i18n: Translations
    signon: SignOnController
    window: MainWindow
    relay: StatusRelay = field(default_factory=StatusRelay)


def early_operators(config: Config) -> Callable[[], list[Operator]]:
    """Who may sign on, read from the operator store without the core (for the first form)."""

    def read() -> list[Operator]:
        try:
            store = OperatorStore(config.data_path / OPERATORS_DB)
        except (OSError, sqlite3.Error) as exc:  # the core says what is wrong when it opens the store
            log.warning("operators not readable yet: %s", exc)
            return []
        try:
            return store.all()
        finally:
            store.close()

    return read


def build_shell(
    config: Config,
    *,
    language: str | None = None,
    theme: str | None = None,
    show_crash_dialog: bool = True,
) -> Shell:
    """The crash handler, translations and theme, and the window with the sign-on form (not shown)."""
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication), "create the QApplication first"
    owner = QObject()
    window_ref: list[MainWindow] = []
    crash = CrashHandler(
        config.data_path / CRASH_DIR,
        lambda: window_ref[0] if window_ref else None,
        show_dialog=show_crash_dialog,
        parent=owner,
    )
    crash.install()
    i18n = Translations(qapp, config.terminal.locale, parent=owner)
    i18n.set_theme(theme or config.ui.theme)
    i18n.set_language(language or config.ui.language)
    signon = SignOnController(early_operators(config), parent=owner)
    window = MainWindow(i18n, signon)
    window_ref.append(window)
    return Shell(config=config, owner=owner, crash=crash, i18n=i18n, signon=signon, window=window)
