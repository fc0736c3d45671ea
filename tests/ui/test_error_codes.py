"""The app words every error code (pos_client.errors.ErrorCode) from its one table, in English and
in Polish; a refusal at the Polish till is in Polish (the command line's: tests/pos_client/test_errors.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from pos_client.api.errors import Refused
from pos_client.domain import Kind
from pos_client.errors import ErrorCode, Expected
from ui.errors import describe_error, words_for
from ui.i18n import Translations


def sample(code: ErrorCode) -> Expected:
    details: dict[str, Any] = (
        {"actual": Kind.COUPON, "expected": Kind.GIFTCARD} if code is ErrorCode.WRONG_KIND else {}
    )
    return Expected(code, details)


@pytest.fixture
def polish(qapp: QApplication) -> Iterator[Translations]:
    i18n = Translations(qapp)
    i18n.set_language("pl")
    yield i18n
    i18n.set_language("en")


def test_the_app_words_every_code_in_english_and_polish(polish: Translations) -> None:
    polish.set_language("en")
    english = {code: words_for(sample(code)) for code in ErrorCode}
    polish.set_language("pl")
    in_polish = {code: words_for(sample(code)) for code in ErrorCode}
    for code in ErrorCode:
        assert english[code] and "{" not in english[code] and code.value not in english[code], code
        assert in_polish[code] != english[code], f"{code}: no Polish words"


def test_a_refusal_at_the_polish_till_is_in_polish(polish: Translations) -> None:
    assert describe_error(Refused("BLOCKED", "This card is blocked.")) == "Ta karta jest zablokowana."
    unknown = describe_error(Refused("SOMETHING_NEW", "The server's own English words."))
    assert "English" not in unknown and unknown == words_for(Expected(ErrorCode.REFUSED))
