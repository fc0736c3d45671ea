"""Money: parsing what people type per locale, quantising, formatting, points."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_client import money
from pos_client.money import MoneyError, format_amount, format_money, parse_amount, parse_points


@pytest.mark.parametrize(
    ("text", "currency", "locale", "expected"),
    [
        ("12,50", "PLN", "pl_PL", "12.50"),
        ("12.5", "PLN", "pl_PL", "12.50"),
        ("12.5", "EUR", "en_GB", "12.50"),
        ("€12.50", "EUR", "en_GB", "12.50"),
        ("€ 12,50", "EUR", "de_DE", "12.50"),
        ("12,50€", "EUR", "fr_FR", "12.50"),
        ("EUR 12.50", "EUR", "en_GB", "12.50"),
        ("12.50 zł", "PLN", "pl_PL", "12.50"),
        ("12,50 zl", "PLN", "pl_PL", "12.50"),
        ("12,50 PLN", "PLN", "pl_PL", "12.50"),
        ("1 234,50", "PLN", "pl_PL", "1234.50"),
        ("1\u00a0234,50", "PLN", "pl_PL", "1234.50"),
        ("1 234 567,89", "PLN", "pl_PL", "1234567.89"),
        ("£1,234.50", "GBP", "en_GB", "1234.50"),
        ("1.234,50", "EUR", "de_DE", "1234.50"),
        ("1,234", "GBP", "en_GB", "1234.00"),  # en: a comma before three digits groups thousands
        ("  7 ", "PLN", "pl_PL", "7.00"),
        ("+7", "PLN", "pl_PL", "7.00"),
        ("1000", "JPY", "ja_JP", "1000"),
        ("1,000", "JPY", "ja_JP", "1000"),
        ("12,5 kr", "SEK", "sv_SE", "12.50"),
        ("Kč 12", "CZK", "cs_CZ", "12.00"),
    ],
)
def test_parse_amount_accepts_what_people_type(text: str, currency: str, locale: str, expected: str) -> None:
    value = parse_amount(text, currency, locale)
    assert value == Decimal(expected)
    assert str(value) == expected  # quantised to the currency's minor units, not just equal


@pytest.mark.parametrize(
    ("text", "currency", "locale", "words"),
    [
        ("", "PLN", "pl_PL", "no amount"),
        ("   ", "PLN", "pl_PL", "no amount"),
        ("abc", "PLN", "pl_PL", "not an amount"),
        ("12..5", "PLN", "pl_PL", "not an amount"),
        ("12,", "PLN", "pl_PL", "not an amount"),
        ("1e3", "PLN", "pl_PL", "not an amount"),
        ("١٢", "PLN", "pl_PL", "not an amount"),  # Arabic-Indic digits are not accepted silently
        ("-5", "PLN", "pl_PL", "negative"),
        ("0", "PLN", "pl_PL", "more than zero"),
        ("0,00", "PLN", "pl_PL", "more than zero"),
        ("12,505", "PLN", "pl_PL", "decimal places"),
        ("10.5", "JPY", "ja_JP", "decimal places"),
        ("1,234", "PLN", "pl_PL", "decimal places"),  # pl: the comma is the decimal mark
        ("1.234", "PLN", "pl_PL", "ambiguous"),  # pl: a dot before three digits could be either
        ("12.5.1", "PLN", "pl_PL", "groups"),
        ("12 usd", "PLN", "pl_PL", "'usd'"),
        ("$12", "PLN", "pl_PL", "'$'"),
        ("12,50 EUR", "PLN", "pl_PL", "'eur'"),
        ("12.50", "XXX", "en_GB", "unsupported currency"),
        ("100000000000000000000000000", "PLN", "pl_PL", "too large"),
    ],
)
def test_parse_amount_refuses_with_a_clear_reason(text: str, currency: str, locale: str, words: str) -> None:
    with pytest.raises(MoneyError, match=words.replace("$", r"\$").replace(".", r"\.")):
        parse_amount(text, currency, locale)


def test_zero_only_when_allowed() -> None:
    assert parse_amount("0", "PLN", "pl_PL", allow_zero=True) == Decimal("0.00")


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        ("12.5", "PLN", "pl_PL", "12,50 zł"),
        ("1234.5", "PLN", "pl_PL", "1 234,50 zł"),
        ("12.5", "GBP", "en_GB", "£12.50"),
        ("1234567.891", "GBP", "en_GB", "£1,234,567.89"),
        ("-3", "EUR", "de_DE", "-3,00 €"),
        ("1000", "JPY", "ja_JP", "¥1,000"),
        ("5", "CHF", "en_GB", "CHF 5.00"),
        ("5", "RON", "en_GB", "RON 5.00"),  # no symbol known: the code
    ],
)
def test_format_money(amount: str, currency: str, locale: str, expected: str) -> None:
    assert format_money(Decimal(amount), currency, locale) == expected


def test_format_amount_rounds_half_even_to_minor_units() -> None:
    assert format_amount(Decimal("0.125"), "PLN", "en_GB") == "0.12"
    assert format_amount(Decimal("0.135"), "PLN", "en_GB") == "0.14"


def test_quantise_and_minor_units() -> None:
    assert money.quantize(Decimal("12.5"), "PLN") == Decimal("12.50")
    assert str(money.quantize(Decimal("12.5"), "PLN")) == "12.50"
    assert str(money.quantize(Decimal("12"), "JPY")) == "12"
    assert money.to_minor_units(Decimal("12.50"), "PLN") == 1250
    assert money.to_minor_units(Decimal("1000"), "JPY") == 1000
    assert money.quantum("pln") == Decimal("0.01")
    with pytest.raises(MoneyError, match="unsupported"):
        money.exponent("XYZ")


def test_unknown_locale_falls_back_to_english_conventions() -> None:
    assert money.conventions("xx_XX") == money.conventions("en_GB")


@pytest.mark.parametrize(("text", "expected"), [("250", 250), (" 1 000 ", 1000), ("7", 7)])
def test_parse_points(text: str, expected: int) -> None:
    value = parse_points(text)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize("text", ["", "0", "-5", "2.5", "12a", "١٢", "1e3"])
def test_parse_points_refuses(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_points(text)


CURRENCIES = st.sampled_from(["PLN", "EUR", "GBP", "JPY", "CZK"])
LOCALES = st.sampled_from(["pl_PL", "en_GB", "de_DE", "fr_FR", "ja_JP"])


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30), currency=CURRENCIES, locale=LOCALES)
def test_parse_amount_never_raises_anything_but_money_error(text: str, currency: str, locale: str) -> None:
    try:
        value = parse_amount(text, currency, locale)
    except MoneyError:
        return
    assert value > 0
    assert value == money.quantize(value, currency)


@settings(max_examples=200, deadline=None)
@given(
    minor=st.integers(min_value=1, max_value=10**12),
    currency=CURRENCIES,
    locale=LOCALES,
)
def test_formatted_money_parses_back_to_the_same_amount(minor: int, currency: str, locale: str) -> None:
    amount = Decimal(minor).scaleb(-money.exponent(currency))
    assert parse_amount(format_money(amount, currency, locale), currency, locale) == amount
