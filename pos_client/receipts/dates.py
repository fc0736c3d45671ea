"""Dates and times on slips, in the store's locale (money is ``pos_client.money.format_money``)."""

from __future__ import annotations

import datetime as dt


def format_date(day: dt.date, locale: str = "en_GB") -> str:
    """A date as the locale writes it: ``31/12/2026`` (en_GB), ``12/31/2026`` (en_US),
    ``31.12.2026`` (pl, de, cs and the rest)."""
    language, _, country = locale.partition("_")
    if language.lower() == "en":
        return day.strftime("%m/%d/%Y" if country.upper() == "US" else "%d/%m/%Y")
    return day.strftime("%d.%m.%Y")


def format_time(moment: dt.datetime, locale: str = "en_GB") -> str:
    """Date and time to the minute, in the locale's date order."""
    return f"{format_date(moment.date(), locale)} {moment.strftime('%H:%M')}"
