"""Slips in the terminal's language: a Polish shop's slip has Polish words, not only Polish numbers
(issue 14, point 7), and an English shop's slip stays English."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from drivers.printers import document as d
from pos_client.domain import DayReport, DayReportLine, OpType
from pos_client.i18n import current_language
from pos_client.receipts import slips
from tests.pos_client.receipts import samples
from tests.pos_client.test_i18n import SAME_IN_POLISH, marked_texts

POLISH_SLIPS = samples.all_slips()  # the samples' shop is in pl_PL


def _words(slip: d.Document) -> list[str]:
    """The texts of a slip that the terminal wrote (titles, labels, sentences), not data."""
    out = [slip.title]
    for block in slip.blocks:
        if isinstance(block, d.KeyValue):
            out.append(block.key)
        elif isinstance(block, d.Text):
            out.append(block.text)
    return out


ENGLISH = {t for t in marked_texts() if "{" not in t} - SAME_IN_POLISH


@pytest.mark.parametrize("name", sorted(POLISH_SLIPS))
def test_a_polish_shops_slip_has_no_english_words(name: str) -> None:
    english = [w for w in _words(POLISH_SLIPS[name]) if w in ENGLISH]
    assert english == [], name


def test_the_same_slip_in_english_and_in_polish() -> None:
    result = samples.result(OpType.PAY, samples.money_card(), "24.50")
    en = slips.payment_slip(result, samples.EN_CTX).plain_text()
    pl = slips.payment_slip(result, samples.CTX).plain_text()
    assert "Paid: zł 24.50" in en and "Remaining: zł 75.50" in en and "Payment" in en
    assert "Zapłacono: 24,50 zł" in pl and "Pozostało: 75,50 zł" in pl and "Płatność" in pl
    assert "Paid" not in pl and "Zapłacono" not in en
    assert current_language() == "en"  # the slip's language did not stay behind


def test_day_summary_lines_are_words_in_the_slips_language() -> None:
    report = DayReport(
        date=samples.NOW.date(),
        terminal_id="T-1",
        currency="PLN",
        lines=(
            DayReportLine("giftcard", "commit", 3, Decimal("80.00"), None),
            DayReportLine("loyaltycard", "earn", 2, None, 140),
        ),
        count=5,
        amount_in=Decimal("0.00"),
        amount_out=Decimal("80.00"),
        points_earned=140,
        points_spent=0,
    )
    pl = slips.day_summary(report, samples.CTX).plain_text()
    en = slips.day_summary(report, samples.EN_CTX).plain_text()
    assert "3 x Płatności kartą podarunkową" in pl and "140 pkt" in pl
    assert "3 x Gift card payments" in en and "140 pt" in en
    for text in (pl, en):  # never the internal codes
        assert not re.search(r"\b(giftcard|loyaltycard|commit|earn)\b", text)
