"""The day summary slip (issue 14, point 9): plain words per line, a void its own line, the net
totals and the points, in the slip's language."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from pos_client.domain import DayReport, DayReportLine
from pos_client.receipts import slips
from tests.pos_client.receipts import samples

REPORT = DayReport(
    date=dt.date(2026, 12, 3),
    terminal_id="T-1",
    currency="PLN",
    lines=(  # as the server sends them: sorted by code, not as a manager reads them
        DayReportLine("giftcard", "void", 1, Decimal("50.00"), None, "load"),
        DayReportLine("giftcard", "load", 1, Decimal("50.00"), None),
        DayReportLine("giftcard", "commit", 2, Decimal("30.00"), None),
        DayReportLine("loyaltycard", "earn", 2, None, 80),
        DayReportLine("loyaltycard", "spend", 1, None, 250),
        DayReportLine("loyaltycard", "void", 1, None, 250, "spend"),
        DayReportLine("loyaltycard", "return", 1, None, 80, "earn"),
        DayReportLine("coupon", "redeem", 1, None, None),
    ),
    count=9,
    amount_in=Decimal("0.00"),
    amount_out=Decimal("30.00"),
    points_earned=0,
    points_spent=0,
    points_returned=80,
)


def _line(text: str, label: str) -> str:
    found = [ln for ln in text.splitlines() if label in ln]
    assert len(found) == 1, (label, text)
    return found[0]


def test_lines_are_plain_words_with_money_or_points() -> None:
    text = slips.day_summary(REPORT, samples.EN_CTX).plain_text()
    assert _line(text, "1 x Gift card top-ups voided").endswith("50.00")
    assert _line(text, "2 x Gift card payments").endswith("30.00")
    assert _line(text, "2 x Points earned").endswith("80 pt")
    assert _line(text, "1 x Reward points given back").endswith("250 pt")
    assert _line(text, "1 x Points taken back by returns").endswith("80 pt")
    assert "1 x Coupons redeemed" in text
    # a manager reads a top-up before its void, money before points
    assert text.index("x Gift card top-ups:") < text.index("Gift card top-ups voided") < text.index("Points")
    assert not re.search(r"\b(giftcard|loyaltycard|commit|earn|spend|void|load)\b", text)


def test_totals_are_net_and_carry_the_points() -> None:
    text = slips.day_summary(REPORT, samples.EN_CTX).plain_text()
    assert "net of voids and returns" in text
    assert _line(text, "Put on cards").endswith("0.00")
    assert _line(text, "Paid with cards").endswith("30.00")
    assert _line(text, "Points returned").endswith("80 pt")
    assert re.search(r"^Points spent: 0 pt$", text, re.M)


def test_a_polish_slip_is_all_polish() -> None:
    text = slips.day_summary(REPORT, samples.CTX).plain_text()
    assert "1 x Anulowane doładowania kart podarunkowych" in text
    assert "2 x Płatności kartą podarunkową" in text
    assert _line(text, "Punkty odebrane przy zwrotach").endswith("80 pkt")
    assert _line(text, "Wpłacono na karty").endswith("0,00 zł")
    assert "Punkty zwrócone" in text and "Sumy po odjęciu anulowań i zwrotów" in text
    assert not re.search(r"\b(Gift|Points|Put on|Paid|Coupons|Totals)\b", text)
