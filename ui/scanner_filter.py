"""Keyboard-wedge scanners in the app: scans become a signal, never text in whichever field has focus.

:class:`ScannerKeyFilter` is installed on the QApplication. It feeds every typed character, with its
arrival time, to the Qt-free :class:`~drivers.scanners.wedge.WedgeDetector`. While a burst might be a
scan, its key presses are held back; a burst that turns out to be a person typing is handed to the
focused widget exactly as it was typed (a delay of at most ``max_gap``, 50 ms by default); a scan is
swallowed and announced with :attr:`ScannerKeyFilter.scanned` on the GUI thread.

The clock is injected: key events from QTest carry timestamp 0 (docs/ARCHITECTURE.md#pitfalls), and tests must
decide what "fast" means without sleeping.

:func:`wedge_layout` turns ``[scanner] wedge_layout`` into the layout the detector maps scans from;
``auto`` asks Qt for the keyboard's input language (Windows and macOS report the active layout; on
Linux Qt reports the system's locale, so a till whose keyboard differs from its language sets it).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from drivers.scanners.events import ScanEvent
from drivers.scanners.wedge import WedgeDecision, WedgeDetector
from drivers.scanners.wedge_layouts import AUTO, check_layout, layout_for_locale

# Keys pressed with these and typing no printable character are shortcuts, never scanner output.
_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)
# Modifier keys on their own: a wedge scanner presses Shift for every capital letter (and for digits
# on AZERTY layouts), so they must neither end a burst nor be held back.
_MODIFIER_KEYS = frozenset(
    int(key.value)
    for key in (
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    )
)

# Qt's key codes from Escape on are keys without a character (F-keys, arrows, Enter...); of those,
# Enter and Tab may end a scan, so they never count as a command ending the typing before them.
_FIRST_SPECIAL_KEY = int(Qt.Key.Key_Escape.value)
_UNKNOWN_KEY = int(Qt.Key.Key_unknown.value)  # a character with no key code of its own (€, ż...)
_TYPING_KEYS = frozenset(int(k.value) for k in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab))


def wedge_layout(configured: str) -> str:
    """The keyboard layout to decode wedge scans from: ``configured``, or for ``auto`` the layout of
    the keyboard's input locale as Qt reports it (``us`` when Qt cannot tell or it is not one we map).

    Raises:
        ValueError: ``configured`` is not a known layout (the configuration check reports it first).
    """
    name = check_layout(configured)
    if name != AUTO:
        return name
    input_method = QGuiApplication.inputMethod() if QGuiApplication.instance() is not None else None
    return layout_for_locale(input_method.locale().name()) if input_method is not None else "us"


def _printable(text: str) -> bool:
    return bool(text) and text.isprintable()  # "".isprintable() is True


class ScannerKeyFilter(QObject):
    """Application-wide event filter that takes keyboard-wedge scans out of the key stream.

    Args:
        detector: the burst detector (its settings: gap, minimum length, terminators, prefix/suffix).
        clock: monotonic clock in seconds.
        parent: Qt parent.

    Signals:
        scanned(str): the normalised text of a scan.
        scan_received(object): the full :class:`~drivers.scanners.events.ScanEvent`.
    """

    scanned = Signal(str)
    scan_received = Signal(object)

    def __init__(
        self,
        detector: WedgeDetector | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.detector = detector or WedgeDetector()
        self.clock = clock  # public: tests decide what "fast" means
        # The key presses held back, with the widget each was meant for; always as many as the
        # detector's held characters.
        self._held: deque[tuple[QWidget, QKeyEvent]] = deque()
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    def install(self, app: QCoreApplication) -> None:
        """Start filtering the application's key events."""
        app.installEventFilter(self)

    def uninstall(self, app: QCoreApplication) -> None:
        """Stop filtering; anything held back is handed to its widget first."""
        self._replay(len(self._held))
        self.detector.interrupt()
        app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._replaying or not isinstance(watched, QWidget):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # A shortcut key runs *before* its key press is delivered (and then never is): what was
            # typed before it must reach its field first — "20" then F4 pays 20, however fast.
            if (
                self._held
                and isinstance(event, QKeyEvent)
                and self._is_first_receiver(watched)
                and self._is_command(event)
            ):
                self._replay(len(self._held))
                self.detector.interrupt()
                self._timer.stop()
            return False
        if kind != QEvent.Type.KeyPress:
            return False
        if not self._is_first_receiver(watched):
            return False  # the same key event propagating to a parent: already decided
        assert isinstance(event, QKeyEvent)
        if event.key() in _MODIFIER_KEYS:
            return False
        text = event.text()
        is_character = self._is_character(event)
        is_shortcut = bool(event.modifiers() & _SHORTCUT_MODIFIERS) and not text.isprintable()
        if not is_character or is_shortcut or event.isAutoRepeat():
            # Arrows, Backspace, shortcuts, a key held down: a person. Whatever was held goes first.
            self._replay(len(self._held))
            self.detector.interrupt()
            return False
        decision = self.detector.feed(text, self.clock())
        self._apply(decision, watched, event)
        return decision.swallow

    def _is_command(self, event: QKeyEvent) -> bool:
        """A key that runs something (F4, Esc, Ctrl+Z), judged by its key: a shortcut override's
        text may be empty even for a character."""
        key = int(event.key())
        if key in _MODIFIER_KEYS or key in _TYPING_KEYS or key == _UNKNOWN_KEY or _printable(event.text()):
            return False
        return bool(event.modifiers() & _SHORTCUT_MODIFIERS) or key >= _FIRST_SPECIAL_KEY

    def _is_character(self, event: QKeyEvent) -> bool:
        text = event.text()
        return len(text) == 1 and (text.isprintable() or text in self.detector.settings.terminators)

    def _is_first_receiver(self, watched: QWidget) -> bool:
        focus = QApplication.focusWidget()
        return watched is focus if focus is not None else watched.isWindow()

    def _apply(
        self, decision: WedgeDecision, target: QWidget | None = None, event: QKeyEvent | None = None
    ) -> None:
        self._replay(len(decision.release))
        if decision.scan is not None:
            self._held.clear()  # the scan consumed every key held back
        if target is not None and event is not None and len(self._held) < len(self.detector.holding):
            self._held.append((target, QKeyEvent(event)))  # a copy: Qt deletes the original
        if decision.scan is not None:
            self._announce(decision.scan)
        self._arm_timer()

    def _replay(self, count: int) -> None:
        """Hand the ``count`` oldest held key presses to their widgets, as if just typed."""
        self._replaying = True
        try:
            for _ in range(count):
                target, event = self._held.popleft()
                receiver = target if shiboken6.isValid(target) else QApplication.focusWidget()
                if receiver is not None:
                    QCoreApplication.sendEvent(receiver, event)
        finally:
            self._replaying = False

    def _announce(self, scan: ScanEvent) -> None:
        self.scanned.emit(scan.text)
        self.scan_received.emit(scan)

    def _arm_timer(self) -> None:
        deadline = self.detector.deadline()
        if deadline is None:
            self._timer.stop()
            return
        # +1 ms: the detector needs the gap to be *over*, not just reached.
        self._timer.start(max(0, int((deadline - self.clock()) * 1000)) + 1)

    def _on_timeout(self) -> None:
        self._apply(self.detector.poll(self.clock()))
