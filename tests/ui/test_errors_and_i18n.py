"""Expected errors in plain words (never a code or a repr), languages switched at run time, and the
crash handler for bugs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_client.api.errors import ProtocolError, Refused, Unauthorized, Unavailable
from pos_client.catalogue import Identification, Reason
from pos_client.domain import Kind
from pos_client.money import MoneyError, parse_amount
from pos_client.security import ApprovalRequired, BadPin, Forbidden, LockedOut
from pos_client.service import IdentificationError, WrongKind
from ui.crash import CrashHandler
from ui.errors import describe_error, is_expected
from ui.i18n import TRANSLATIONS, Translations
from ui.status_bar import format_age

CODES = [
    "UNKNOWN_INSTRUMENT",
    "NOT_ACTIVE",
    "BLOCKED",
    "EXPIRED",
    "INSUFFICIENT_FUNDS",
    "INSUFFICIENT_POINTS",
    "NOT_ACCEPTED_HERE",
    "NOT_ISSUABLE_HERE",
    "ALREADY_ISSUED",
    "HAS_TRANSACTIONS",
    "AUTH_NOT_FOUND",
    "AUTH_FINAL",
    "AUTH_EXPIRED",
    "COUPON_USED",
    "CURRENCY_MISMATCH",
    "INVALID_AMOUNT",
    "AMOUNT_OUT_OF_RANGE",
    "NOTHING_TO_RETURN",
    "ALREADY_REVERSED",
    "CUSTOMER_EXISTS",
]


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    i18n = Translations(qapp)
    yield i18n
    i18n.set_language("en")


@pytest.mark.parametrize("code", CODES)
def test_each_refusal_code_has_its_own_sentence(code: str) -> None:
    words = describe_error(Refused(code, "server text"))
    assert words.endswith(".") and code not in words and "server text" not in words
    assert words != describe_error(Refused("SOMETHING_NEW", "x"))  # not the generic fallback


def test_every_expected_error_type_is_in_words() -> None:
    cases = [
        (
            Unavailable("x", maybe_applied=False),
            "The server cannot be reached. Check the network or try again.",
        ),
        (Unavailable("x", maybe_applied=True), "The server did not answer in time."),
        (Unauthorized("x"), "The server does not accept this terminal."),
        (ProtocolError("x"), "The server gave an answer the terminal does not understand."),
        (BadPin("x"), "Wrong operator or PIN."),
        (LockedOut("x", 0), "Too many wrong PINs."),
        (ApprovalRequired("x", "block"), "This needs a manager's approval."),
        (Forbidden("x"), "Your role may not do this."),
        (IdentificationError(Identification("1", None, Reason.BAD_CHECK_DIGIT)), "The number is mistyped"),
        (WrongKind(Kind.GIFTCARD, Kind.COUPON), "This is a coupon, not a gift card."),
    ]
    for exc, start in cases:
        assert is_expected(exc)
        assert describe_error(exc).startswith(start), exc


@pytest.mark.parametrize(
    ("text", "words"),
    [("", "Type an amount."), ("-5", "The amount cannot be negative."), ("1.234", "Too many decimal places")],
)
def test_mistyped_amounts_are_explained(text: str, words: str) -> None:
    with pytest.raises(MoneyError) as caught:
        parse_amount(text, "PLN")
    assert describe_error(caught.value).startswith(words)


def test_a_bug_is_not_explained_but_reported() -> None:
    assert not is_expected(KeyError("number"))
    assert (
        describe_error(KeyError("number")) == "Something went wrong. The details were saved for a technician."
    )


def test_polish_is_switched_at_run_time(translations: Translations) -> None:
    assert (TRANSLATIONS / "loyalty_pos_pl.qm").exists()
    translations.set_language("pl")
    assert translations.locale == "pl_PL"
    assert describe_error(Refused("INSUFFICIENT_FUNDS", "")) == "Za mało środków na karcie."
    assert QCoreApplication.translate("signon", "Sign on") == "Zaloguj"
    translations.set_language("en")
    assert describe_error(Refused("INSUFFICIENT_FUNDS", "")) == "Not enough money on the card."


def test_every_text_of_the_till_is_translated_to_polish() -> None:
    import xml.etree.ElementTree as ET

    tree = ET.parse(TRANSLATIONS / "loyalty_pos_pl.ts")
    mine = {
        "approval",
        "cashier",
        "crash",
        "customer",
        "errors",
        "keypad",
        "main_window",
        "printing",
        "receipt_preview",
        "signon",
        "status_bar",
    }
    missing = [
        (ctx.findtext("name"), msg.findtext("source"))
        for ctx in tree.getroot().iter("context")
        if ctx.findtext("name") in mine
        for msg in ctx.iter("message")
        if not (msg.findtext("translation") or "").strip()
    ]
    assert missing == []


def test_themes_apply(translations: Translations, qapp: QApplication) -> None:
    translations.set_theme("dark")
    assert "#161a21" in qapp.styleSheet()
    translations.set_theme("light")
    assert "#eef1f5" in qapp.styleSheet()
    qapp.setStyleSheet("")


def test_waiting_times_read_naturally() -> None:
    assert [format_age(s) for s in (5, 125, 7300, 200000)] == ["5 s", "2 min", "2 h", "2 d"]


@pytest.mark.allow_log(r"(?s)^unexpected error \(a bug\):.*ZeroDivisionError", logger="ui.crash")
def test_a_bug_on_another_thread_is_saved_and_announced(qtbot: QtBot, tmp_path: Path) -> None:
    handler = CrashHandler(tmp_path / "crash", show_dialog=False)
    handler.install()
    try:
        with qtbot.waitSignal(handler.crashed) as blocker:
            thread = threading.Thread(target=lambda: 1 / 0)
            thread.start()
            thread.join()
    finally:
        handler.uninstall()
    report = Path(blocker.args[0])
    assert report.parent == tmp_path / "crash"
    assert "ZeroDivisionError" in report.read_text(encoding="utf-8")
    assert handler.dialog is None


@pytest.mark.allow_log(r"(?s)^unexpected error \(a bug\):.*ValueError: a bug", logger="ui.crash")
def test_a_bug_on_the_gui_thread_opens_the_crash_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    handler = CrashHandler(tmp_path / "crash")
    try:
        raise ValueError("a bug")
    except ValueError as exc:
        handler.excepthook(type(exc), exc, exc.__traceback__)
    assert handler.dialog is not None
    qtbot.addWidget(handler.dialog)
    assert handler.dialog.windowTitle() == "Something went wrong"
    assert "ValueError" not in handler.dialog.findChildren(type(handler.dialog.continue_button))[0].text()
    handler.dialog.continue_button.click()
    assert handler.dialog is None


def test_new_translations_start_the_core_s_words_in_english_too(qapp: QApplication) -> None:
    """A new :class:`Translations` says English; the core's words (day summary lines, slips) follow
    it, whatever an earlier one of the process left (a test's app in Polish, never switched back)."""
    from pos_client import i18n as core_i18n
    from pos_client.day_words import day_line_name
    from pos_client.domain import DayReportLine

    voided = DayReportLine("giftcard", "void", 1, None, None, reverses="load")
    earlier = Translations(qapp)
    earlier.set_language("pl")
    assert day_line_name(voided) == "Anulowane doładowania kart podarunkowych"
    fresh = Translations(qapp)
    try:
        assert fresh.language == "en" and day_line_name(voided) == "Gift card top-ups voided"
    finally:
        earlier.set_language("en")
        core_i18n.set_language("en")
