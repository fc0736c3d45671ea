"""Polish to the last word (issue 14, point 7): a walk through every screen and dialog of the app in
Polish that fails on any English text an operator can see.

What counts as English: a text of the app's catalogues whose Polish differs from it — every
``<source>`` of ``resources/translations/loyalty_pos_pl.ts`` and every ``msgid`` of the core's
``loyalty_pos_core_pl.po`` (a text with ``{fields}`` matches with anything in the fields) — and any
word that only the English side of those catalogues uses ("Payment", "Online", "Issue"). Seen: the
texts of every shown label, button, tab, placeholder, tooltip, table header and cell, combo item and
window title, line by line and part by part (" · "). Not checked: data that comes from the server
(series names, customers' names, card numbers, amounts), listed by the walk as it meets them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pos_client.offline import QueueStatus
from tests.fixtures.server import RunningServer, stop_server
from tests.ui.app_harness import WAIT, idle, scan, sign_on
from tests.ui.test_till_keys import press, scan_by_keys, shown_till, type_keys
from ui.app import App
from ui.i18n import TRANSLATIONS, Translations
from ui.screens.cashier import CashierScreen
from ui.screens.cashier_actions import Action
from ui.status_bar import StatusBar

pytestmark = pytest.mark.ui

# Words both languages write the same way (or names), which the English side alone happens to use.
SHARED_WORDS = frozenset({"loyalty", "pos", "csv", "json", "esc", "ctrl", "shift", "enter", "tab"})


@cache
def english() -> tuple[frozenset[str], tuple[re.Pattern[str], ...], frozenset[str]]:
    """English texts whose Polish differs: exact texts, patterns (texts with fields), English-only words."""
    pairs: list[tuple[str, str]] = []
    tree = ET.parse(TRANSLATIONS / "loyalty_pos_pl.ts")
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        node = message.find("translation")
        if node is None or node.get("type") in {"vanished", "obsolete"}:
            continue
        forms = [f.text or "" for f in node.iter("numerusform")] or [node.text or ""]
        pairs += [(source, form) for form in forms]
    pairs += _po_pairs(TRANSLATIONS / "loyalty_pos_core_pl.po")
    exact: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    english_words: set[str] = set()
    polish_words: set[str] = set()
    for source, polish in pairs:
        polish_words |= _words(polish)
        if source == polish or not re.search(r"[A-Za-z]{2}", source):
            continue
        english_words |= _words(source)
        if re.search(r"\{\w*\}|%n", source):
            parts = re.split(r"\{\w*\}|%n", source)
            patterns.append(re.compile("(?s)" + "(.+?)".join(re.escape(p) for p in parts)))
        else:
            exact.add(source)
    only_english = {w for w in english_words - polish_words if len(w) >= 4} - SHARED_WORDS
    return frozenset(exact), tuple(patterns), frozenset(only_english)


def _words(text: str) -> set[str]:
    text = re.sub(r"\{\w*\}|<[^>]+>|&\w+;", " ", text)
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _po_pairs(path: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) of a .po file (plural forms: each msgstr[n] with the msgid)."""
    pairs: list[tuple[str, str]] = []
    key, current, msgid, strs = "", "", "", []

    def flush() -> None:
        if msgid:
            pairs.extend((msgid, s) for s in strs)

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if line.startswith("msgid "):
            if key.startswith("msgstr"):
                strs.append(current)
                flush()
                strs = []
            key, current = "msgid", _unquote(line[6:])
        elif line.startswith("msgid_plural "):
            msgid, key, current = current, "msgid_plural", _unquote(line[13:])
        elif line.startswith("msgstr"):
            if key == "msgid":
                msgid = current
            elif key.startswith("msgstr"):
                strs.append(current)
            key, current = "msgstr", _unquote(line.split(" ", 1)[1])
        elif line.startswith('"'):
            current += _unquote(line)
        elif not line and key.startswith("msgstr"):
            strs.append(current)
            flush()
            key, current, msgid, strs = "", "", "", []
    return pairs


def _unquote(text: str) -> str:
    return text.strip()[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")


def leaks(texts: list[tuple[str, str]], data: set[str]) -> list[str]:
    """The English among ``(where, text)`` pairs, one line each."""
    exact, patterns, words = english()
    found: list[str] = []
    for where, text in texts:
        plain = re.sub(r"<[^>]+>", "", text).replace("&amp;", "&").replace("&nbsp;", " ")
        for line in plain.splitlines():
            for part in {line.strip(), *(p.strip() for p in line.split(" · "))}:
                if not part or part in data or not re.search(r"[A-Za-z]{2}", part):
                    continue
                english_text = part in exact or any(p.fullmatch(part) for p in patterns)
                bare = part
                for known in data:  # a server's name inside a sentence is not ours to translate
                    bare = bare.replace(known, " ")
                english_words = sorted(_words(bare) & words)
                if english_text or english_words:
                    found.append(
                        f"{where}: {part!r}" + (f" ({', '.join(english_words)})" if english_words else "")
                    )
    return sorted(set(found))


def visible_texts(where: str) -> list[tuple[str, str]]:
    """Every text an operator can see now in the app's shown windows and dialogs."""
    texts: list[tuple[str, str]] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        name = f"{where} / {type(top).__name__}"
        texts.append((f"{name} title", top.windowTitle()))
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            texts += [(f"{name} {type(widget).__name__} {widget.objectName()}", t) for t in _texts_of(widget)]
    return texts


def _texts_of(widget: QWidget) -> list[str]:
    texts = [widget.toolTip()]
    if isinstance(widget, QLabel | QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QTabBar):
        texts += [widget.tabText(i) for i in range(widget.count())]
        texts += [widget.tabToolTip(i) for i in range(widget.count())]
    elif isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model():
        model = widget.model()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
        for column in range(columns):
            texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            for row in range(model.rowCount(QModelIndex())):
                texts.append(str(model.index(row, column).data() or ""))
    return [t for t in texts if t]


class Walk:
    """What a walk saw, screen by screen, and the server's data it met."""

    def __init__(self, app: App, server: RunningServer) -> None:
        self.app = app
        self.texts: list[tuple[str, str]] = []
        self.server = server
        self.numbers: list[str] = []

    def data(self) -> set[str]:
        """The server's and the configuration's names met on the way (not ours to translate)."""
        config = self.app.ctx.config
        found = {s.description for s in self.app.core.service.catalogue.all()}
        found |= {op.name for op in self.app.core.operators.all()}
        found |= {config.server.url, config.server.loyalty_group}
        terminal = self.app.core.service.terminal()
        found |= {terminal.merchant_name, terminal.store_name, terminal.store_address}
        for number in self.numbers:  # a coupon's offer, the references of a card's sales
            offer = self.app.core.service.balance(number).offer
            found |= {offer.description} if offer is not None else set()
            found |= {t.reference for t in self.app.core.service.history(number) if t.reference}
        return found

    def scan(self, qtbot: QtBot, screen: CashierScreen, number: str) -> None:
        """Scan ``number`` on the till; its server texts count as data."""
        scan(qtbot, self.app, screen, number)
        if screen.controller.card is not None:
            self.numbers.append(number)

    def look(self, qtbot: QtBot, where: str) -> None:
        qtbot.wait(20)  # layouts and late texts settle (no signal for "shown")
        self.texts += visible_texts(where)

    def tabs(self, qtbot: QtBot, prefix: str, also: Callable[[int], None] | None = None) -> None:
        tabs = self.app.window.tabs
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            if also is not None:
                also(index)
            self.look(qtbot, f"{prefix} tab {tabs.tabText(index)}")

    def assert_polish(self) -> None:
        found = leaks(self.texts, self.data())
        assert found == [], "English in the Polish UI:\n" + "\n".join(found)


@pytest.fixture
def polish_app(app_for: Callable[..., App]) -> Iterator[Callable[[RunningServer], App]]:
    made: list[App] = []

    def factory(server: RunningServer) -> App:
        app = app_for(server)
        app.window.resize(1280, 900)
        app.window.show()
        app.window.i18n.set_language("pl")
        made.append(app)
        return app

    yield factory
    for app in made:  # the translators sit on the session's one QApplication
        app.window.i18n.set_language("en")


def _settle(qtbot: QtBot, screen: QWidget) -> None:
    """Wait for a screen's background work (its ``runner``) and the answer's texts."""
    runner = getattr(screen, "runner", None)
    qtbot.waitUntil(lambda: not getattr(runner, "busy", False), timeout=WAIT)
    qtbot.wait(50)


def _close(qtbot: QtBot, dialog: QDialog) -> None:
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)


def test_the_cashier_sees_only_polish(
    qtbot: QtBot, fresh_server: RunningServer, polish_app: Callable[[RunningServer], App]
) -> None:
    app = polish_app(fresh_server)
    qtbot.waitExposed(app.window)
    walk = Walk(app, fresh_server)
    walk.look(qtbot, "sign-on")
    screen = sign_on(qtbot, app, "anna")
    assert isinstance(screen, CashierScreen)
    walk.look(qtbot, "signed on")

    walk.scan(qtbot, screen, fresh_server.sample("giftcard_active"))
    walk.look(qtbot, "gift card")
    screen.amount.setText("12,50")
    screen.trigger(Action.PAY)
    idle(qtbot, screen)
    walk.look(qtbot, "hold")
    screen.trigger(Action.CANCEL_HOLD)
    idle(qtbot, screen)
    walk.look(qtbot, "hold cancelled")

    screen.trigger(Action.BLOCK)  # the block dialog, then the manager's approval
    qtbot.waitUntil(lambda: screen.block_dialog.isVisible(), timeout=WAIT)
    walk.look(qtbot, "block dialog")
    screen.block_dialog.ok.click()
    approvals = app.ctx.approvals
    qtbot.waitUntil(lambda: approvals.dialog is not None and approvals.dialog.isVisible(), timeout=WAIT)
    walk.look(qtbot, "approval dialog")
    assert approvals.dialog is not None
    approvals.dialog.cancel_button.click()
    idle(qtbot, screen)
    walk.look(qtbot, "approval cancelled")

    walk.scan(qtbot, screen, "9" * 16)  # a number of no series: the refusal in words
    walk.look(qtbot, "unknown number")

    walk.scan(qtbot, screen, fresh_server.sample("loyaltycard_active"))
    walk.look(qtbot, "loyalty card")
    screen.amount.setText("30")
    screen.trigger(Action.EARN)
    idle(qtbot, screen)
    walk.look(qtbot, "points earned")
    screen.amount.setText("10")
    screen.trigger(Action.RETURN)
    qtbot.waitUntil(lambda: getattr(screen, "return_dialog", None) is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: screen.return_dialog.isVisible(), timeout=WAIT)
    walk.look(qtbot, "return-points picker")
    _close(qtbot, screen.return_dialog)

    screen.open_customer()
    qtbot.waitUntil(lambda: screen.customer_dialog.isVisible(), timeout=WAIT)
    walk.look(qtbot, "customer dialog")
    _close(qtbot, screen.customer_dialog)

    walk.scan(qtbot, screen, fresh_server.sample("coupon_active"))
    walk.look(qtbot, "coupon")
    walk.scan(qtbot, screen, fresh_server.sample("coupon_used"))
    walk.look(qtbot, "used coupon")

    screen.sell_new()
    qtbot.waitUntil(lambda: screen.issue_dialog.isVisible(), timeout=WAIT)
    walk.look(qtbot, "new gift card dialog")
    _close(qtbot, screen.issue_dialog)
    screen.issue_store_credit()
    qtbot.waitUntil(lambda: screen.issue_dialog.isVisible(), timeout=WAIT)
    walk.look(qtbot, "store credit dialog")
    _close(qtbot, screen.issue_dialog)
    walk.assert_polish()


def test_the_manager_sees_only_polish(
    qtbot: QtBot, fresh_server: RunningServer, polish_app: Callable[[RunningServer], App]
) -> None:
    app = polish_app(fresh_server)
    qtbot.waitExposed(app.window)
    walk = Walk(app, fresh_server)
    screen = sign_on(qtbot, app, "marek")
    assert isinstance(screen, CashierScreen)
    number = fresh_server.sample("giftcard_active")
    walk.scan(qtbot, screen, number)  # something for the day summary and the card's history
    screen.amount.setText("5")
    screen.trigger(Action.PAY)
    idle(qtbot, screen)
    walk.look(qtbot, "manager's hold")
    screen.trigger(Action.COMMIT)
    idle(qtbot, screen)
    walk.look(qtbot, "manager's payment")

    def fill(index: int) -> None:
        current = app.window.tabs.widget(index)
        if current is screen:
            return
        if isinstance(getattr(current, "number", None), QLineEdit):
            current.number.setText(number)  # the card check: the card and its history
        for name in ("look_up", "load", "refresh"):
            if callable(getattr(current, name, None)):
                getattr(current, name)()
                _settle(qtbot, current)

    walk.tabs(qtbot, "manager", fill)
    walk.assert_polish()


def test_the_technician_sees_only_polish(
    qtbot: QtBot, fresh_server: RunningServer, polish_app: Callable[[RunningServer], App]
) -> None:
    app = polish_app(fresh_server)
    qtbot.waitExposed(app.window)
    walk = Walk(app, fresh_server)
    assert sign_on(qtbot, app, "tomasz") is None

    def use(index: int) -> None:
        current = app.window.tabs.widget(index)
        for name in ("test_connection", "check_status"):
            if callable(getattr(current, name, None)):
                getattr(current, name)()
                _settle(qtbot, current)

    walk.tabs(qtbot, "technician", use)
    walk.assert_polish()


@pytest.fixture
def polish(qapp: QApplication) -> Iterator[Translations]:
    i18n = Translations(qapp)
    i18n.set_language("pl")
    yield i18n
    i18n.set_language("en")


@pytest.mark.parametrize(("online", "english"), [(True, "● Online"), (False, "● Offline")])
def test_the_connection_state_is_in_polish(
    qtbot: QtBot, polish: Translations, online: bool, english: str
) -> None:
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.show_queue(QueueStatus(online, 0, None, 0, 0, Decimal(0)))
    assert bar.connection.text() != english
    assert bar.connection.text() in {"● Połączono", "● Brak połączenia"}


def test_the_walk_finds_english() -> None:
    """The detector itself: catalogue texts, texts with fields, English-only words; data and Polish pass."""
    assert leaks([("x", "Sign off")], set())
    assert leaks([("x", "Signed on as Anna Nowak.")], set())
    assert leaks([("x", "Gift card · Payment hold")], set())
    assert leaks([("x", "Wyloguj"), ("x", "12,50 zł"), ("x", "Gift card")], {"Gift card"}) == []


def test_the_shown_message_follows_a_language_switch(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    """Ctrl+Shift+L on the shown window: the banner's message is said again in the new language,
    with its arguments (a name, a sentence inside a sentence) kept."""
    app = app_for(fresh_server)
    window = app.window
    window.show()
    screen = sign_on(qtbot, app, "anna")
    assert screen is not None
    window.activateWindow()
    qtbot.waitActive(window)
    handle = window.windowHandle()
    assert handle is not None
    try:
        assert window.banner.text() == "Signed on as Anna Nowak."
        QTest.keyClick(
            handle, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        qtbot.waitUntil(lambda: window.i18n.language == "pl", timeout=WAIT)
        assert window.banner.text() == "Zalogowano: Anna Nowak."

        scan(qtbot, app, screen, "9" * 16)  # a refusal, shown in Polish: back to English on a switch
        polish = window.banner.text()
        assert polish and not leaks([("banner", polish)], set())
        QTest.keyClick(
            handle, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        qtbot.waitUntil(lambda: window.i18n.language == "en", timeout=WAIT)
        assert window.banner.text() != polish
        assert leaks([("banner", window.banner.text())], set())  # an English catalogue text again
    finally:
        window.i18n.set_language("en")


def test_an_offline_message_and_the_customer_display_follow_a_language_switch(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    """Seen under Xvfb: after an offline payment, Ctrl+Shift+L left the banner in English ("Payment of
    … taken offline. The server cannot be reached: …": two catalogue sentences, which no one template
    matched) and the customer display in English until the next card."""
    app = app_for(
        fresh_server,
        options={"server.connect_timeout": "1", "server.read_timeout": "2", "ui.customer_display": "on"},
    )
    screen, window = shown_till(qtbot, app)
    try:
        scan_by_keys(qtbot, screen, window, fresh_server.sample("giftcard_active", 0))
        qtbot.waitUntil(lambda: app.window.status.connection.text() == "● Online", timeout=WAIT)
        stop_server(fresh_server)
        type_keys(window, "20")
        press(window, Qt.Key.Key_F4)
        idle(qtbot, screen)
        english = app.window.banner.text()
        assert "taken offline" in english and "provisional" in english, english
        display = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "customerDisplay")
        assert display.isVisible() and any("Balance" in t for t in display.texts())  # type: ignore[attr-defined]

        press(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: app.window.i18n.language == "pl", timeout=WAIT)
        polish = app.window.banner.text()
        assert polish != english and "20" in polish  # the amount as it was said (its format stays)
        assert leaks([("banner", polish)], set()) == []
        shown = [t for t in display.texts() if t]  # type: ignore[attr-defined]
        assert leaks([("customer display", t) for t in shown], set()) == [], shown
    finally:
        app.window.i18n.set_language("en")


def test_a_sign_on_refusal_follows_a_language_switch(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    """A wrong PIN typed on the shown sign-on form, then Ctrl+Shift+L: the refusal under the PIN is
    said in Polish (it stayed "Wrong operator or PIN.", seen under Xvfb), and back in English."""
    app = app_for(fresh_server)
    window = app.window
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    handle = window.windowHandle()
    assert handle is not None
    page = window.signon_page
    both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    try:
        QTest.keyClicks(page.pin, "9876")
        QTest.keyClick(handle, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.message.isVisible(), timeout=WAIT)
        assert page.message.text() == "Wrong operator or PIN."
        QTest.keyClick(handle, Qt.Key.Key_L, both)
        qtbot.waitUntil(lambda: window.i18n.language == "pl", timeout=WAIT)
        assert page.message.text() == "Błędny operator lub PIN."
        QTest.keyClick(handle, Qt.Key.Key_L, both)
        qtbot.waitUntil(lambda: window.i18n.language == "en", timeout=WAIT)
        assert page.message.text() == "Wrong operator or PIN."
    finally:
        window.i18n.set_language("en")
