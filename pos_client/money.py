"""Money as ``Decimal`` quantised to the currency's minor units; parsing and formatting per locale.

- :data:`MINOR_UNITS` is the ISO 4217 exponent of each supported currency (JPY 0, most others 2).
- :func:`parse_amount` reads what a person types ("12,50", "12.5", "€12.50", "12.50 zł",
  "1 234,50", "£1,234.50") and refuses anything doubtful with a :class:`MoneyError` whose message
  says what is wrong; it never guesses between a decimal and a thousands separator when the
  locale and the digits cannot tell.
- :func:`format_money` writes an amount as the locale expects ("12,50 zł" in pl_PL, "£12.50" in en_GB).
- Points are plain ``int`` everywhere; :func:`parse_points` reads them.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

# ISO 4217 minor-unit exponents of the currencies the terminal supports.
MINOR_UNITS: dict[str, int] = {
    "PLN": 2,
    "EUR": 2,
    "GBP": 2,
    "USD": 2,
    "CHF": 2,
    "SEK": 2,
    "NOK": 2,
    "DKK": 2,
    "CZK": 2,
    "HUF": 2,
    "RON": 2,
    "BGN": 2,
    "CAD": 2,
    "AUD": 2,
    "JPY": 0,
    "ISK": 0,
    "KRW": 0,
}

SYMBOLS: dict[str, str] = {
    "PLN": "zł",
    "EUR": "€",
    "GBP": "£",
    "USD": "$",
    "CHF": "CHF",
    "SEK": "kr",
    "NOK": "kr",
    "DKK": "kr",
    "CZK": "Kč",
    "HUF": "Ft",
    "JPY": "¥",
}

# language → (decimal separator, thousands separator, symbol before the number)
_CONVENTIONS: dict[str, tuple[str, str, bool]] = {
    "en": (".", ",", True),
    "pl": (",", " ", False),
    "de": (",", ".", False),
    "fr": (",", " ", False),
    "cs": (",", " ", False),
    "sv": (",", " ", False),
    "nb": (",", " ", False),
    "da": (",", ".", False),
    "hu": (",", " ", False),
    "ja": (".", ",", True),
}

# No till takes more than this; also keeps quantising within Decimal's default 28-digit precision.
MAX_AMOUNT = Decimal(10) ** 15

_SPACES = " \u00a0\u202f\u2009"
_CURRENCY_MARKS = re.compile(r"(zł|\bzl\b|kč|\bkc\b|\bft\b|\bkr\b|[€£$¥]|\b[a-z]{3}\b)", re.IGNORECASE)


class MoneyError(ValueError):
    """An amount that cannot be accepted; the message says why in plain (English) words for the log,
    ``code`` says it for the front ends (one of ``pos_client.errors.AMOUNT_CODES``; each front end
    words it from its own table)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def exponent(currency: str) -> int:
    """The number of minor-unit digits of ``currency``.

    Raises:
        MoneyError: the currency is not supported.
    """
    try:
        return MINOR_UNITS[currency.upper()]
    except KeyError:
        raise MoneyError(f"unsupported currency {currency!r}", "UNSUPPORTED_CURRENCY") from None


def quantum(currency: str) -> Decimal:
    """The smallest unit of ``currency`` as a Decimal: ``0.01`` for PLN, ``1`` for JPY."""
    return Decimal(1).scaleb(-exponent(currency))


def quantize(amount: Decimal, currency: str) -> Decimal:
    """``amount`` at exactly the currency's minor units (banker's rounding for the odd case)."""
    return amount.quantize(quantum(currency), rounding=ROUND_HALF_EVEN)


def to_minor_units(amount: Decimal, currency: str) -> int:
    """``Decimal("12.50"), "PLN"`` → ``1250``."""
    return int(quantize(amount, currency).scaleb(exponent(currency)))


def conventions(locale: str) -> tuple[str, str, bool]:
    """Decimal separator, thousands separator and whether the symbol comes first, for ``locale``."""
    return _CONVENTIONS.get(locale[:2].lower(), _CONVENTIONS["en"])


def _strip_currency(text: str, currency: str) -> str:
    marks = {
        m.lower()
        for m in _CURRENCY_MARKS.findall(text)
        if len(m) != 3 or not m.isalpha() or m.upper() in MINOR_UNITS or m.lower() == "chf"
    }
    allowed = {currency.lower(), SYMBOLS.get(currency.upper(), "").lower()}
    if currency.upper() == "PLN":
        allowed.add("zl")
    if currency.upper() == "CZK":
        allowed.add("kc")
    for mark in marks:
        if mark not in allowed:
            raise MoneyError(f"the amount is in {mark!r}, not {currency}", "OTHER_CURRENCY")
    return _CURRENCY_MARKS.sub(lambda m: "" if m.group().lower() in marks else m.group(), text)


def parse_amount(text: str, currency: str, locale: str = "en_GB", *, allow_zero: bool = False) -> Decimal:
    """A positive amount typed by a person, quantised to ``currency``.

    Accepts either "." or "," as the decimal separator, spaces or the locale's thousands separator
    between groups of three digits, and the currency's symbol or code before or after.

    Args:
        text: what was typed.
        currency: the ISO code the amount must be in.
        locale: the terminal's locale (decides "1,234" — thousands in en, decimals in pl).
        allow_zero: accept 0 (e.g. a commit of nothing); negative amounts are always refused.

    Raises:
        MoneyError: empty, not a number, negative, too many decimals, or another currency.
    """
    digits = exponent(currency)
    raw = text.strip()
    if not raw:
        raise MoneyError("no amount given", "NO_AMOUNT")
    body = _strip_currency(raw, currency)
    for space in _SPACES:
        body = body.replace(space, " ")
    body = body.strip()
    if body.startswith("-"):
        raise MoneyError("the amount must not be negative", "NEGATIVE")
    if body.startswith("+"):
        body = body[1:]
    if not re.fullmatch(r"[0-9][0-9 .,]*", body) or re.search(r"[ .,]{2}", body) or body[-1] in " .,":
        raise MoneyError(f"{text.strip()!r} is not an amount", "NOT_AN_AMOUNT")
    decimal_sep, thousands_sep, _ = conventions(locale)
    number = _normalise_separators(body, decimal_sep, thousands_sep, text)
    try:
        value = Decimal(number)
    except InvalidOperation:
        raise MoneyError(f"{text.strip()!r} is not an amount", "NOT_AN_AMOUNT") from None
    if value.as_tuple().exponent < -digits:  # type: ignore[operator]
        raise MoneyError(f"{currency} has {digits} decimal places; {text.strip()!r} has more", "DECIMALS")
    if value == 0 and not allow_zero:
        raise MoneyError("the amount must be more than zero", "NOT_POSITIVE")
    if value >= MAX_AMOUNT:
        raise MoneyError(f"{text.strip()!r} is too large an amount", "TOO_LARGE")
    return quantize(value, currency)


def _normalise_separators(body: str, decimal_sep: str, thousands_sep: str, original: str) -> str:
    """``body`` (digits, spaces, dots, commas) as a plain ``1234.50`` string, or MoneyError."""
    marks = [c for c in body if c in ".,"]
    decimal_part: str | None = None
    if marks:
        last = body.rfind(marks[-1])
        tail = body[last + 1 :]
        if len(set(marks)) == 2:
            decimal_part = marks[-1]  # "1.234,50" / "1,234.50": the last one is the decimal
        elif len(marks) > 1:
            decimal_part = None  # "1,234,567": only thousands
        elif len(tail) != 3 or " " in body:
            decimal_part = marks[-1]  # "12,5" / "1 234,50": cannot be thousands
        elif marks[-1] == decimal_sep:
            decimal_part = marks[-1]  # "1,234" in pl: 1.234, refused below for too many decimals
        elif marks[-1] == thousands_sep:
            decimal_part = None  # "1,234" in en: one thousand two hundred thirty-four
        else:
            raise MoneyError(
                f"{original.strip()!r} is ambiguous here: write the decimals with {decimal_sep!r}",
                "AMBIGUOUS",
            )
    if decimal_part is not None:
        whole, _, fraction = body.rpartition(decimal_part)
    else:
        whole, fraction = body, ""
    groups = re.split(r"[ .,]", whole)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise MoneyError(f"{original.strip()!r}: digit groups must be of three", "DIGIT_GROUPS")
    return "".join(groups) + ("." + fraction if fraction else "")


def parse_points(text: str) -> int:
    """A positive whole number of points.

    Raises:
        MoneyError: not a whole number above zero.
    """
    raw = text.strip().replace(" ", "")
    if not raw.isdigit() or not raw.isascii():
        raise MoneyError(f"{text.strip()!r} is not a whole number of points", "NOT_WHOLE_POINTS")
    value = int(raw)
    if value <= 0:
        raise MoneyError("points must be more than zero", "NOT_POSITIVE")
    return value


def format_amount(amount: Decimal, currency: str, locale: str = "en_GB") -> str:
    """The number alone, as the locale writes it: ``1 234,50`` (pl), ``1,234.50`` (en)."""
    decimal_sep, group_sep, _ = conventions(locale)
    digits = MINOR_UNITS.get(currency.upper(), 2)
    quantised = amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
    sign = "-" if quantised < 0 else ""
    whole, _, fraction = f"{abs(quantised):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + group_sep.join(groups) + (decimal_sep + fraction if fraction else "")


def format_money(amount: Decimal, currency: str, locale: str = "en_GB") -> str:
    """``Decimal("12.5"), "PLN", "pl_PL"`` → ``12,50 zł``; ``"GBP", "en_GB"`` → ``£12.50``."""
    _, _, symbol_first = conventions(locale)
    number = format_amount(amount, currency, locale)
    symbol = SYMBOLS.get(currency.upper(), currency.upper())
    sign = ""
    if number.startswith("-"):
        sign, number = "-", number[1:]
    if symbol_first and len(symbol) == 1:
        return f"{sign}{symbol}{number}"
    if symbol_first:
        return f"{sign}{symbol} {number}"
    return f"{sign}{number} {symbol}"
