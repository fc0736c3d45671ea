"""Money on the wire: strict decimal strings in, exact minor-unit strings out. Never floats.

Amounts are kept as integer minor units (grosze, pence) in the database; these helpers are the only
place that converts between the two.
"""

from __future__ import annotations

import re
from decimal import Decimal

from loyalty_server.errors import ApiError

#: Minor-unit exponent per ISO 4217 currency the server knows.
CURRENCY_EXPONENTS: dict[str, int] = {"PLN": 2, "GBP": 2, "EUR": 2, "USD": 2, "CZK": 2, "JPY": 0}

_AMOUNT = re.compile(r"^(0|[1-9][0-9]{0,11})(?:\.([0-9]+))?$")


def exponent(currency: str) -> int:
    """The number of decimals of ``currency`` (2 when unknown)."""
    return CURRENCY_EXPONENTS.get(currency, 2)


def parse_amount(raw: object, currency: str, *, allow_zero: bool = False) -> int:
    """Parse a request amount (``"25"``, ``"25.0"``, ``"25.00"``) into minor units of ``currency``.

    Raises:
        ApiError: ``400 INVALID_AMOUNT`` for anything else: non-strings, more decimals than the
            currency has, zero (unless ``allow_zero``), negative, exponent forms, NaN, whitespace.
    """
    if not isinstance(raw, str):
        raise ApiError(400, "INVALID_AMOUNT", 'The amount must be a decimal string such as "25.00".')
    m = _AMOUNT.match(raw)
    digits = exponent(currency)
    if m is None or (m.group(2) is not None and len(m.group(2)) > digits) or raw.endswith("."):
        raise ApiError(
            400,
            "INVALID_AMOUNT",
            f"Invalid amount for {currency}: use a positive decimal with at most {digits} decimals.",
            {"amount": raw[:40], "currency": currency},
        )
    whole = int(m.group(1))
    frac = (m.group(2) or "").ljust(digits, "0")
    minor: int = whole * 10**digits + (int(frac) if frac else 0)
    if minor == 0 and not allow_zero:
        raise ApiError(400, "INVALID_AMOUNT", "The amount must be greater than zero.", {"amount": raw})
    return minor


def to_decimal(minor: int, currency: str) -> Decimal:
    """Minor units as a quantised :class:`~decimal.Decimal`."""
    return Decimal(minor).scaleb(-exponent(currency))


def format_minor(minor: int, currency: str) -> str:
    """Minor units as the wire string with exactly the currency's decimals (``2500`` → ``"25.00"``)."""
    digits = exponent(currency)
    sign = "-" if minor < 0 else ""
    whole, frac = divmod(abs(minor), 10**digits)
    return f"{sign}{whole}.{frac:0{digits}d}" if digits else f"{sign}{whole}"


def format_optional(minor: int | None, currency: str) -> str | None:
    """:func:`format_minor` that passes ``None`` through."""
    return None if minor is None else format_minor(minor, currency)


def check_currency(requested: str | None, currency: str, store_currency: str) -> None:
    """Refuse money moved in a currency other than the card's (``400 CURRENCY_MISMATCH``).

    The money of a request is the store's: the card must be in the terminal's merchant currency, and a
    ``currency`` the request names must be that one too. A request without ``currency`` is checked all
    the same (the server never trusts the terminal to have compared them).
    """
    if requested is not None and requested != currency:
        raise ApiError(
            400,
            "CURRENCY_MISMATCH",
            f"This card is in {currency}, but the amount was given in {requested[:8]}: "
            f"the amount must be in the card's currency.",
            {"expected": currency, "cardCurrency": currency, "requestCurrency": requested[:8]},
        )
    if currency != store_currency:
        raise ApiError(
            400,
            "CURRENCY_MISMATCH",
            f"This card is in {currency} and this store takes {store_currency}: "
            "it cannot be used for money here.",
            {"expected": store_currency, "cardCurrency": currency, "storeCurrency": store_currency},
        )
