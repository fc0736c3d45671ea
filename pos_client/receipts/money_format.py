"""Money and dates as a customer in the store's locale expects to read them on a slip.

WORKAROUND: a small stand-in until ``pos_client.money`` lands; replace the body of
:func:`format_money` with a call into it then (one place).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

SYMBOLS = {"GBP": "£", "EUR": "€", "PLN": "zł", "USD": "$", "CZK": "Kč", "CHF": "CHF"}
# language -> (decimal separator, thousands separator, symbol first)
_CONVENTIONS = {
    "en": (".", ",", True),
    "pl": (",", " ", False),
    "de": (",", ".", False),
    "fr": (",", " ", False),
    "cs": (",", " ", False),
}


def format_money(amount: Decimal, currency: str, locale: str = "en_GB") -> str:
    """``Decimal("1234.5"), "PLN", "pl_PL"`` → ``1 234,50 zł``; ``"GBP", "en_GB"`` → ``£1,234.50``."""
    decimal_sep, group_sep, symbol_first = _CONVENTIONS.get(locale[:2].lower(), _CONVENTIONS["en"])
    quantised = amount.quantize(Decimal("0.01"))
    sign = "-" if quantised < 0 else ""
    whole, _, fraction = f"{abs(quantised):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    number = group_sep.join(groups) + decimal_sep + (fraction or "00")
    symbol = SYMBOLS.get(currency.upper(), currency.upper())
    if symbol_first and len(symbol) == 1:
        return f"{sign}{symbol}{number}"
    if symbol_first:
        return f"{sign}{symbol} {number}"
    return f"{sign}{number} {symbol}"


def format_date(day: dt.date, locale: str = "en_GB") -> str:
    """A date as the locale writes it: ``31/12/2026`` (en), ``31.12.2026`` (pl, de, cs)."""
    if locale[:2].lower() == "en" and locale[3:5].upper() == "US":
        return day.strftime("%m/%d/%Y")
    if locale[:2].lower() == "en":
        return day.strftime("%d/%m/%Y")
    return day.strftime("%d.%m.%Y")


def format_time(moment: dt.datetime, locale: str = "en_GB") -> str:
    """Date and time to the minute, in the locale's date order."""
    return f"{format_date(moment.date(), locale)} {moment.strftime('%H:%M')}"
