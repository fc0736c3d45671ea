"""The main window: a frame around the screens, never a place for business logic.

It shows the sign-on page until someone signs on, then the screens their role allows as tabs, with
the last slip beside them. Always visible: the message banner (green success, red failure with a
beep) and the status bar (online/offline, queue, scanner, printer, operator). Sign-off is refused
while operations wait to be sent or a screen has unfinished work (an open payment hold).

It is built in two steps so that it can be shown before the core exists (:mod:`ui.launch`): the
frame with the sign-on page needs only the translations and the sign-on controller;
:meth:`MainWindow.attach` then wires the app context (messages, status, printing, screens). This
module therefore imports nothing heavy at the top, and the frame builds no more Qt types than it
shows (PySide6 builds each type, with its enums, when first touched: ~0.5–5 ms each, measured). So
the keyboard shortcuts come with :meth:`~MainWindow.attach`, and the frame (this window, the sign-on
page, the status bar) sets its texts again on :attr:`Translations.language_changed
<ui.i18n.Translations.language_changed>` rather than in ``changeEvent``: a Python ``changeEvent``
makes PySide6 build ``QEvent`` and its subclasses (~7 ms) to hand it the first event.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_client.security import Operator
from ui.messages import Level
from ui.restyle import set_style_property
from ui.screens import Screen, screens_for
from ui.signon import SignOnController, SignOnPage, role_name
from ui.status_bar import StatusBar

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QTabWidget

    from pos_client.offline import QueueStatus
    from ui.approval import ApprovalDialog
    from ui.context import AppContext
    from ui.i18n import Translations
    from ui.receipt_preview import ReceiptPreview

log = logging.getLogger(__name__)
PREVIEW_MAX_WIDTH = 360
PREVIEW_MIN_WIDTH = 220


FLASH_MS = 350  # long enough to catch the eye, short enough not to hide the next message
FLASH_WIDTH = 4  # px: the theme's transparent banner border (.qss), so the frame covers no text
FLASH_COLOURS = {"good": "#00c853", "bad": "#ff1744"}  # bright on both themes' banner colours


def _still_waiting(pending: int) -> str:
    return QCoreApplication.translate(
        "main_window", "{n} operation(s) still wait to be sent to the server. Sign off when they are sent."
    ).format(n=pending)


class MessageBanner(QLabel):
    """The newest message, coloured by level (``level`` property for the themes)."""

    def __init__(self, parent: QWidget | None = None, language: Callable[[], str] = lambda: "en") -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self._language = language
        self.written_in = language()  # the language the shown text is in
        self.setWordWrap(True)
        self.setMinimumHeight(48)
        # Left and vertically centred: QLabel's default (not set here: see ui.launch on `Qt`).
        self.level = Level.INFO.value
        set_style_property(self, "level", self.level, restyle=False)  # not styled yet (see restyle)

    def show_message(self, level: str, text: str) -> None:
        """Show ``text`` (errors also sound: :mod:`ui.feedback`, not the X bell)."""
        self.setText(text)
        self.written_in = self._language()
        self.level = level
        set_style_property(self, "level", level)  # re-styled only when the level changes (~0.3 ms)

    def flash(self, kind: str) -> None:
        """A short bright frame (``kind``: good or bad) a cashier notices without looking (scan feedback).

        Painted over the label (:meth:`paintEvent`), not styled: a restyle re-applies the theme's
        font and the whole window is laid out and repainted again, twice a scan (bench.ui)."""
        self.setProperty("flash", kind)
        self.update()
        QTimer.singleShot(FLASH_MS, self, self._end_flash)

    def _end_flash(self) -> None:
        self.setProperty("flash", "")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        colour = FLASH_COLOURS.get(str(self.property("flash") or ""))
        if colour is None:
            return
        from PySide6.QtGui import QColor, QPainter, QPen  # only once a scan has flashed

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(colour), FLASH_WIDTH))
        half = FLASH_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 8, 8)
        painter.end()

    def follow_language(self, i18n: Translations) -> None:
        """Say the shown message again in the new language (it kept the old one: issue 14)."""
        if self.text() and self.written_in != i18n.language:
            self.setText(i18n.reword(self.text(), self.written_in))
        self.written_in = i18n.language


class MainWindow(QMainWindow):
    """The app's one window (see the module doc).

    Args:
        i18n: the translations and theme (the language and theme buttons).
        signon: the sign-on controller.

    Until :meth:`attach` the window shows the sign-on page only; the controller holds a sign-on
    typed that early until the core is there.

    Signals:
        signed_on(object): an operator signed on and their screens are shown.
        signed_off(): back to the sign-on page.
    """

    signed_on = Signal(object)
    signed_off = Signal()

    def __init__(self, i18n: Translations, signon: SignOnController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.i18n = i18n
        self._ctx: AppContext | None = None
        self._screen_classes: list[type[Screen]] = []
        self._operator: Operator | None = None
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(self._header())
        self.banner = MessageBanner(central, lambda: i18n.language)
        layout.addWidget(self.banner)
        self.pages = QStackedWidget(central)
        # The window never grows itself (issue 14: a Polish hold widened a 1024 px panel to 1115 px):
        # the screens' minimum widths do not push the window; they must fit the width it has.
        policy = self.pages.sizePolicy()
        policy.setHorizontalPolicy(policy.Policy.Ignored)
        self.pages.setSizePolicy(policy)
        self.signon_page = SignOnPage(signon, self.pages, lambda: i18n.language)
        self.pages.addWidget(self.signon_page)
        # The screens' tabs and the slip: made by attach(). Not in the first window: the tab widget
        # alone costs ~3 ms of it (measured), and the slip preview imports `Qt` (see ui.launch).
        self.work = QWidget(self.pages)
        self.pages.addWidget(self.work)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        signon.signed_on.connect(self._signed_on)
        signon.take_over_failed.connect(self._take_over_failed)
        self._signon = signon
        self.take_over_dialog: ApprovalDialog | None = None  # open while a manager is asked to take over
        i18n.language_changed.connect(self._language_changed)
        self.retranslate()
        self.resize(*_first_size(self))

    @property
    def ctx(self) -> AppContext:
        """The app context (after :meth:`attach`)."""
        if self._ctx is None:
            raise RuntimeError("the window is not attached to the app yet")
        return self._ctx

    @property
    def attached(self) -> bool:
        """Whether :meth:`attach` has run (the core is there)."""
        return self._ctx is not None

    def attach(self, ctx: AppContext, screens: list[type[Screen]]) -> None:
        """Wire the app context: messages, status, printing, and the screens a sign-on will show.

        Args:
            ctx: the app context.
            screens: every screen class found (:func:`ui.screens.discover`).
        """
        from PySide6.QtWidgets import QTabWidget

        from ui.receipt_preview import ReceiptPreview  # imports `Qt` (see ui.launch): not before this

        self._ctx = ctx
        self._screen_classes = screens
        work_layout = QHBoxLayout(self.work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs: QTabWidget = QTabWidget(self.work)
        self.tabs.setObjectName("screenTabs")
        self.tabs.currentChanged.connect(self._tab_changed)
        work_layout.addWidget(self.tabs, 1)
        self.preview: ReceiptPreview = ReceiptPreview(self.work)
        # A stable layout: the slip never pushes the till; on a small screen the slip panel gives way.
        self.preview.setMinimumWidth(PREVIEW_MIN_WIDTH)
        self.preview.setMaximumWidth(PREVIEW_MAX_WIDTH)
        work_layout.addWidget(self.preview)
        self.preview.reprint_requested.connect(ctx.printing.reprint)
        self.signed_off.connect(self.preview.clear)  # the next operator never sees the last one's slip
        ctx.messages.posted.connect(self.banner.show_message)
        ctx.tasks.failed.connect(ctx.messages.error)
        ctx.monitor.status_changed.connect(self.status.show_queue)
        ctx.scanning.state_changed.connect(self.status.show_scanner)
        ctx.printing.state_changed.connect(self.status.show_printer)
        ctx.printing.preview_ready.connect(self.preview.show_png)
        ctx.printing.outcome_described.connect(self._print_outcome)
        self.status.show_scanner(ctx.scanning.state)
        self.status.show_printer(ctx.printing.state)
        self._shortcuts()

    # -- building -------------------------------------------------------------------------------------

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.app_title = QLabel(self)
        self.app_title.setObjectName("appTitle")
        row.addWidget(self.app_title)
        row.addStretch(1)
        self.operator_label = QLabel(self)
        self.operator_label.setObjectName("operatorLabel")
        row.addWidget(self.operator_label)
        self.language_button = self._header_button("languageButton", self.toggle_language)
        self.theme_button = self._header_button("themeButton", self.toggle_theme)
        self.sign_off_button = self._header_button("signOffButton", self.sign_off)
        for button in (self.language_button, self.theme_button, self.sign_off_button):
            row.addWidget(button)
        row.addWidget(QFrame(self))  # no frame (QFrame's default): a gap the themes may size
        return row

    def _header_button(self, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setMinimumHeight(44)
        button.clicked.connect(slot)
        return button

    def _shortcuts(self) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut  # ~3 ms of types: not in the first window

        ctx = self.ctx  # made by attach(): the shortcuts act on the attached app
        QShortcut(QKeySequence("F9"), self, ctx.printing.reprint)
        QShortcut(QKeySequence("Ctrl+Shift+L"), self, self.toggle_language)
        QShortcut(QKeySequence("Ctrl+Shift+T"), self, self.toggle_theme)
        QShortcut(QKeySequence("Ctrl+Shift+Q"), self, self.sign_off)
        for i in range(9):
            QShortcut(QKeySequence(f"Alt+{i + 1}"), self, lambda i=i: self.tabs.setCurrentIndex(i))

    def _language_changed(self, _language: str) -> None:
        self.banner.follow_language(self.i18n)
        self.retranslate()
        self.signon_page.retranslate()
        self.signon_page.follow_language(self.i18n)
        self.status.retranslate()
        if self.attached:
            self.preview.retranslate()

    def retranslate(self) -> None:
        """Set every text of the frame again (at start and when the language changes)."""
        self.setWindowTitle(QCoreApplication.translate("main_window", "Loyalty POS"))
        self.app_title.setText(QCoreApplication.translate("main_window", "Loyalty POS"))
        self.language_button.setText(
            QCoreApplication.translate("main_window", "Polski") if self.i18n.language == "en" else "English"
        )
        self.language_button.setToolTip(
            QCoreApplication.translate("main_window", "Switch the language (Ctrl+Shift+L)")
        )
        self.theme_button.setText(
            QCoreApplication.translate("main_window", "Dark")
            if self.i18n.theme == "light"
            else QCoreApplication.translate("main_window", "Light")
        )
        self.theme_button.setToolTip(
            QCoreApplication.translate("main_window", "Switch light / dark (Ctrl+Shift+T)")
        )
        self.sign_off_button.setText(QCoreApplication.translate("main_window", "Sign off"))
        self.sign_off_button.setToolTip("Ctrl+Shift+Q")
        for index in range(self.tabs.count() if self.attached else 0):
            widget = self.tabs.widget(index)
            title = type(widget).display_title() if isinstance(widget, Screen) else self.tabs.tabText(index)
            self.tabs.setTabText(index, title)
        self._show_operator()

    def _show_operator(self) -> None:
        op = self._operator
        self.sign_off_button.setVisible(op is not None)
        if op is None:
            self.operator_label.clear()
            self.status.show_operator(None)
        else:
            self.operator_label.setText(f"{op.name} · {role_name(op)}")
            self.status.show_operator(op, role_name(op))

    # -- sign-on and sign-off -----------------------------------------------------------------------------

    @property
    def operator(self) -> Operator | None:
        """Who is signed on (None on the sign-on page)."""
        return self._operator

    def screens(self) -> list[Screen]:
        """The screens shown now, in tab order."""
        if not self.attached:
            return []
        return [w for w in (self.tabs.widget(i) for i in range(self.tabs.count())) if isinstance(w, Screen)]

    def screen_of(self, cls: type[Screen]) -> Screen | None:
        """The shown screen of class ``cls``, if any."""
        return next((s for s in self.screens() if isinstance(s, cls)), None)

    def start_signed_off(self) -> None:
        """Show the sign-on page with the operator list."""
        self.pages.setCurrentWidget(self.signon_page)
        self.signon_page.reload()
        self.banner.show_message(
            Level.INFO.value,
            QCoreApplication.translate("main_window", "Choose your name and type your PIN to sign on."),
        )

    def _signed_on(self, operator: Operator) -> None:
        self._operator = operator  # the page shown; who is signed on is the service's (ctx.operator)
        self._clear_tabs()
        for cls in screens_for(operator.role, self._screen_classes):
            try:
                screen = cls(self.ctx, self.tabs)
            except Exception:
                log.exception("screen %s could not be built; left out", cls.__name__)
                continue
            title = (
                cls.display_title() if issubclass(cls, Screen) else str(getattr(cls, "title", cls.__name__))
            )
            self.tabs.addTab(screen, title)
        self.pages.setCurrentWidget(self.work)
        self._show_operator()
        shown = ", ".join(type(self.tabs.widget(i)).__name__ for i in range(self.tabs.count()))
        log.info("operator %s signed on as %s; screens: %s", operator.operator_id, operator.role.value, shown)
        self.ctx.messages.info(
            QCoreApplication.translate("main_window", "Signed on as {name}.").format(name=operator.name)
        )
        self._tab_changed(self.tabs.currentIndex())
        self.signed_on.emit(operator)

    def sign_off_refusal(self) -> str | None:
        """Why signing off is refused now (None: it is allowed)."""
        if not self.attached:
            return None
        status: QueueStatus | None = self.ctx.monitor.latest
        if status is not None and status.pending > 0:
            return _still_waiting(status.pending)
        for screen in self.screens():
            reason = screen.busy_reason()
            if reason:
                return reason
        return None

    def sign_off(self) -> None:
        """Back to the sign-on page, unless work is unfinished."""
        if self._operator is None:
            return
        from pos_client.operations import (  # loaded with the core (see the module doc)
            PendingOperations,
            SignOffRefused,
        )

        reason = self.sign_off_refusal()
        if not reason:
            try:
                self.ctx.service.sign_off()  # the service refuses too, and audits the sign-off
            except PendingOperations as exc:
                reason = _still_waiting(exc.status.pending)
            except SignOffRefused as exc:  # a payment hold still open
                reason = str(exc)
        if reason:
            self.ctx.messages.error(
                QCoreApplication.translate("main_window", "Cannot sign off: {reason}").format(reason=reason)
            )
            self._offer_take_over(reason)
            return
        log.info("operator %s signed off", self._operator.operator_id)
        self._operator = None
        self._clear_tabs()
        self.ctx.tasks.cancel_all()  # the screens' answers have nobody to go to
        self._show_operator()
        self.start_signed_off()
        self.ctx.messages.info(QCoreApplication.translate("main_window", "Signed off."))
        self.signed_off.emit()

    def _offer_take_over(self, reason: str) -> None:
        """Sign-off refused (operations wait, a hold is open): a manager may sign on over this
        session, to take over the till or run the offline queue; the operator's session ends."""
        from PySide6.QtCore import Qt  # not at the top: see the module doc

        from ui.approval import ApprovalDialog  # loaded with the core (see the module doc)

        managers = [op for op in self.ctx.core.operators.all() if op.role.value == "manager"]
        if not managers:
            return
        if self.take_over_dialog is not None:
            self.take_over_dialog.close()
        words = QCoreApplication.translate(
            "main_window",
            "{reason} A manager can sign on over this session, to take over the till or the offline queue.",
        ).format(reason=reason)
        dialog = ApprovalDialog(managers, words, parent=self)
        dialog.setWindowTitle(QCoreApplication.translate("main_window", "Manager takes over"))
        dialog.ok_button.setText(QCoreApplication.translate("main_window", "Sign on"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.approved.connect(self._signon.take_over)
        dialog.finished.connect(lambda _: self._take_over_closed(dialog))
        self.take_over_dialog = dialog
        dialog.open()

    def _take_over_closed(self, dialog: ApprovalDialog) -> None:
        if self.take_over_dialog is dialog:
            self.take_over_dialog = None
        self.activateWindow()  # the keys need the window active again (no window manager)

    def _take_over_failed(self, text: str) -> None:
        self.ctx.messages.error(
            QCoreApplication.translate("main_window", "No take-over: {reason}").format(reason=text)
        )

    def _clear_tabs(self) -> None:
        self.tabs.blockSignals(True)  # no screen is "activated" on its way out
        try:
            while self.tabs.count():
                widget = self.tabs.widget(0)
                self.tabs.removeTab(0)
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        finally:
            self.tabs.blockSignals(False)

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, Screen):
            widget.activated()

    # -- other actions ----------------------------------------------------------------------------------

    def toggle_language(self) -> None:
        """English ↔ Polish."""
        self.i18n.set_language("pl" if self.i18n.language == "en" else "en")

    def toggle_theme(self) -> None:
        """Light ↔ dark."""
        self.i18n.set_theme("dark" if self.i18n.theme == "light" else "light")
        self.retranslate()

    def _print_outcome(self, ok: bool, text: str) -> None:
        if ok:
            self.ctx.messages.warning(text)
        else:
            self.ctx.messages.error(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        reason = self.sign_off_refusal() if self._operator is not None else None
        latest = self.ctx.monitor.latest if self.attached else None
        if reason and latest is not None and latest.pending == 0:
            # Unfinished work on a screen (an open hold): keep the window.
            self.ctx.messages.error(
                QCoreApplication.translate("main_window", "Cannot close: {reason}").format(reason=reason)
            )
            event.ignore()
            return
        event.accept()


def _first_size(window: QMainWindow) -> tuple[int, int]:
    """1280x800, or the screen's available size where that is smaller: a 1024x768 POS panel often runs
    with no window manager to fit the window to it (the till's right side was off the screen, seen
    under Xvfb). Not on the offscreen platform, whose screen is a nominal 800x800."""
    width, height = 1280, 800
    if QGuiApplication.platformName() == "offscreen":
        return width, height
    screen = window.screen()
    if screen is None:
        return width, height
    available = screen.availableGeometry()
    return min(width, available.width()), min(height, available.height())
