"""Small building blocks the manager and technician screens share (touch-sized controls, busy state).

Nothing here knows the core: :class:`BusyRunner` only forwards a call to the app's ``TaskRunner`` and
keeps the screen's buttons disabled while it runs, so an impatient double tap never starts a second
request. Looks come from the ``.qss`` themes through object names and dynamic properties
(``role``, ``level``), never from inline styles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QWidget,
)

from ui.errors import describe_error
from ui.restyle import set_style_property
from ui.tasks import Task, TaskRunner

TOUCH_HEIGHT = 48  # px: the smallest control a finger hits reliably on a till screen
TOUCH_WIDTH = 96


class TouchButton(QPushButton):
    """A push button that keeps its keyboard shortcut when its text changes.

    (``QAbstractButton.setText`` replaces the shortcut with the text's mnemonic, so a language change
    would silently drop every shortcut.)
    """

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        self._keys: QKeySequence | None = None

    def bind(self, keys: QKeySequence) -> None:
        self._keys = keys
        self.setShortcut(keys)
        self.setToolTip(keys.toString(QKeySequence.SequenceFormat.NativeText))

    def setText(self, text: str) -> None:
        super().setText(text)
        if self._keys is not None:
            self.setShortcut(self._keys)


def touch_button(text: str, parent: QWidget, *, primary: bool = False, name: str = "") -> TouchButton:
    """A push button at least finger-sized; ``primary`` marks the screen's main action for the theme."""
    button = TouchButton(text, parent)
    button.setMinimumSize(TOUCH_WIDTH, TOUCH_HEIGHT)
    if primary:
        button.setProperty("role", "primary")
    if name:
        button.setObjectName(name)
    return button


W = TypeVar("W", bound=QWidget)
T = TypeVar("T")


def bind_key(button: TouchButton, sequence: str) -> None:
    """Give ``button`` a keyboard shortcut (active while its screen is shown), named in its tooltip."""
    button.bind(QKeySequence(sequence))


def stop_waiting_button(parent: QWidget) -> TouchButton:
    """The "Stop waiting" button of a screen's :class:`BusyRunner` (Esc)."""
    button = touch_button("", parent, name="stopWaitingButton")  # the screen names it (retranslate)
    bind_key(button, "Esc")
    return button


def touch_field(widget: W) -> W:
    """Make an input finger-sized (returns it, for chaining)."""
    widget.setMinimumHeight(TOUCH_HEIGHT)
    return widget


def form_grid(rows: Sequence[tuple[QLabel, QWidget | QLayout]]) -> QGridLayout:
    """Labels beside finger-sized inputs, each label centred on its input's height."""
    grid = QGridLayout()
    centred = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    for row, (label, field) in enumerate(rows):
        grid.addWidget(label, row, 0, centred)
        if isinstance(field, QLayout):
            grid.addLayout(field, row, 1)
        else:
            grid.addWidget(field, row, 1)
    grid.setColumnStretch(1, 1)
    return grid


def section_title(parent: QWidget) -> QLabel:
    """A section heading (styled by the theme's ``#sectionTitle``)."""
    label = QLabel(parent)
    label.setObjectName("sectionTitle")
    return label


def message_label(parent: QWidget) -> QLabel:
    """A line for the outcome of the last action; :func:`set_level` colours it through the theme."""
    label = QLabel(parent)
    label.setObjectName("screenMessage")
    label.setWordWrap(True)
    return label


def set_level(label: QLabel, level: str, text: str) -> None:
    """Show ``text`` at ``level`` (info, success, warning, error) — a dynamic property for the .qss."""
    set_style_property(label, "level", level)
    label.setText(text)


def table_view(parent: QWidget, *, stretch_column: int | None = None) -> QTableView:
    """A read-only, row-selecting table with finger-sized rows.

    Args:
        stretch_column: the column that takes the spare width (default: the last one). Give a text
            column when the last one holds numbers, so they stay next to their labels.
    """
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # No alternating row colours: the themes do not set an alternate colour for the dark palette.
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(TOUCH_HEIGHT - 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch_column is None:
        header.setStretchLastSection(True)
    else:
        header.sectionCountChanged.connect(
            lambda _old, new: (
                header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
                if new > stretch_column
                else None
            )
        )
    return view


class BusyRunner(QObject):
    """Runs one screen's background calls, keeping its controls disabled meanwhile.

    Args:
        tasks: the app's task runner.
        controls: widgets to disable while a call runs.
        message: where the outcome is written (errors in plain words from ``describe_error``).
        stop: a "Stop waiting" button, shown while a call runs (the operator never has to wait for
            a server that does not answer; the call's late answer is dropped).
        parent: Qt parent (the screen).
    """

    def __init__(
        self,
        tasks: TaskRunner,
        controls: Iterable[QWidget],
        message: QLabel,
        parent: QObject | None = None,
        *,
        stop: QPushButton | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._controls = list(controls)
        self._message = message
        self._stop = stop
        self._running: Task[Any] | None = None
        self.last_error: BaseException | None = None
        if stop is not None:
            stop.setVisible(False)
            stop.clicked.connect(self.cancel)

    @property
    def busy(self) -> bool:
        return self._running is not None

    def run(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None],
        *,
        working: str,
        on_failure: Callable[[BaseException], None] | None = None,
        description: str = "",
    ) -> Task[T] | None:
        """Start ``fn`` off the GUI thread unless a call is already running (then None).

        Args:
            fn: the blocking core call.
            on_success: its result, on the GUI thread.
            working: what to show meanwhile ("Looking the card up…").
            on_failure: called after the message shows the error (to clear stale data).
        """
        if self._running is not None:
            return None
        self.last_error = None
        self._enable(False)
        set_level(self._message, "info", working)
        if self._stop is not None:
            self._stop.setVisible(True)

        def succeeded(result: T) -> None:
            self._finish()
            set_level(self._message, "info", "")
            on_success(result)

        def failed(exc: BaseException) -> None:
            self._finish()
            self.last_error = exc
            set_level(self._message, "error", describe_error(exc))
            if on_failure is not None:
                on_failure(exc)

        self._running = self._tasks.run(fn, succeeded, failed, description=description)
        return self._running

    def cancel(self) -> None:
        """Drop the running call's result and give the controls back."""
        if self._running is not None:
            self._running.cancel()
            self._finish()
            set_level(self._message, "info", "")

    def _finish(self) -> None:
        self._running = None
        self._enable(True)
        if self._stop is not None:
            self._stop.setVisible(False)

    def _enable(self, enabled: bool) -> None:
        for control in self._controls:
            control.setEnabled(enabled)
