"""Masking card numbers wherever they are shown or logged (docs/ARCHITECTURE.md#security).

- :func:`mask_number`: one number or code, for screens and slips (the last 4 characters stay).
- :func:`mask_text`: a whole log line: card numbers, coupon codes, tokens, PINs, URL credentials and
  the phone numbers and e-mail addresses of customer searches — by their patterns, and by the very
  values this process has seen (:func:`remember_secret`: the POS token when it is loaded, every PIN
  checked), so a secret logged bare ("sign-on 2222") is hidden too.
- :class:`MaskingFormatter`: put it on every log handler (libraries log card numbers in request URLs:
  httpx logs each request at INFO).
"""

from __future__ import annotations

import logging
import re
import threading
from urllib.parse import urlsplit, urlunsplit

MASK_CHARACTER = "*"
MIN_SECRET_LENGTH = 4  # shorter values would mask ordinary words and numbers all over the log


class KnownSecrets:
    """The exact secret values seen by this process (the POS token, PINs), for :func:`mask_text`.

    One per process (:data:`KNOWN_SECRETS`), on purpose: the log handlers that mask are process-wide
    too (the logging module's root logger), and a secret seen by any part of the core must be hidden
    from every handler, whichever front end installed it. Values are kept in memory only.
    """

    def __init__(self) -> None:
        self._values: set[str] = set()
        self._lock = threading.Lock()
        self._pattern: re.Pattern[str] | None = None

    def add(self, value: str | None) -> None:
        """Hide ``value`` from now on (ignored when empty or shorter than MIN_SECRET_LENGTH)."""
        value = (value or "").strip()
        if len(value) < MIN_SECRET_LENGTH:
            return
        with self._lock:
            if value not in self._values:
                self._values.add(value)
                self._pattern = None

    def clear(self) -> None:
        """Forget every value (tests; a terminal re-initialised with another token)."""
        with self._lock:
            self._values.clear()
            self._pattern = None

    def mask(self, text: str) -> str:
        """``text`` with every known value replaced by ``***``.

        A long value (a token) is masked wherever it appears. A short one (a PIN) only where it stands
        alone, not inside a longer word or number: a PIN ``2026`` must not eat the year of every
        timestamp (``2026-12-03``) nor an amount (``2026.50``), and a PIN ``0000`` must not cut a group
        out of a spaced card number (``6033 0100 0000 0017``: its other groups would then escape the
        card mask).
        """
        with self._lock:
            if not self._values:
                return text
            if self._pattern is None:
                self._pattern = _secrets_pattern(self._values)
            pattern = self._pattern
        return pattern.sub(MASKED_SECRET, text) if pattern is not None else text


LONG_SECRET = 16  # from this length a value is masked anywhere, even inside other text


def _secrets_pattern(values: set[str]) -> re.Pattern[str] | None:
    if not values:
        return None
    ordered = sorted(values, key=len, reverse=True)
    long = "|".join(re.escape(v) for v in ordered if len(v) >= LONG_SECRET)
    short = "|".join(re.escape(v) for v in ordered if len(v) < LONG_SECRET)
    parts = []
    if long:
        parts.append(f"(?:{long})")
    if short:
        # not a group of a spaced or dashed number either (``6033 0100 0000 0017``)
        parts.append(rf"(?<![\w.,:/-])(?<!\d[ -])(?:{short})(?![\w]|[.,:/-]\w|[ -]\d)")
    return re.compile("|".join(parts))


KNOWN_SECRETS = KnownSecrets()


def remember_secret(value: str | None) -> None:
    """Mask ``value`` in every log line from now on (see :class:`KnownSecrets`)."""
    KNOWN_SECRETS.add(value)


def person_name(first: str | None, last: str | None, *, isolate: bool = False) -> str:
    """A customer's name for a screen or slip: whole, or as initials ("Z. W.") when the terminal isolates
    personal data (``[ui] isolate_personal_data``); "" when there is no name."""
    parts = [p.strip() for p in (first, last) if p and p.strip()]
    if isolate:
        return " ".join(f"{p[0].upper()}." for p in parts)
    return " ".join(parts)


def mask_phone(phone: str) -> str:
    """A phone number shown by its last three digits only ("•••444")."""
    return "•••" + phone[-3:] if len(phone) > 3 else phone


def mask_email(email: str) -> str:
    """An e-mail address with its first letter and top-level domain only ("z•••@•••.pl")."""
    local, at, domain = email.rpartition("@")
    if not at:
        return "•••"
    dot = domain.rfind(".")
    return f"{local[:1]}•••@•••{domain[dot:] if dot >= 0 else ''}"


def mask_number(text: str, visible: int = 4) -> str:
    """``text`` with all but its last characters replaced by ``*``.

    At most ``visible`` characters stay readable, and never more than half of a short number, so a
    six-character coupon code does not give four of its six characters away.

    Args:
        text: a card number, coupon code or any other secret-ish identifier.
        visible: the most characters to leave readable at the end.

    Returns:
        The masked text, as long as the original (the length helps a cashier compare with the card).
    """
    shown = max(0, min(visible, len(text) // 2))
    return MASK_CHARACTER * (len(text) - shown) + (text[len(text) - shown :] if shown else "")


_UUID = re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")
_BEARER = re.compile(r"(?i)\b(bearer\s+)[^\s\"',;]+")
_SECRET_VALUE = re.compile(
    r"(?i)\b(token|pin|password|passwd|secret|api[_-]?key|authorization)(\"?'?\s*[:=]\s*\"?'?)"
    r"(?!\*\*\*)(?!bearer\b)[^\s\"',;&}]+"
)
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)([^/\s:@]+)(:[^/\s@]*)?@")
# A card number: 6+ digits, possibly in groups of 4 separated by one space or dash (as printed).
_CARD_DIGITS = re.compile(r"(?<![\w.])\d{4}(?:[ -]\d{4}){2,}\d{0,4}(?![\w.])|(?<![\w.:/-])\d{6,}(?![\w.])")
# A coupon or alphanumeric card code: 6+ upper-case letters and digits, with a digit and two letters.
_ALNUM_CODE = re.compile(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z])[A-Z0-9]{6,}\b")
# Instrument numbers in API paths (httpx logs every request URL), whatever their format.
_API_NUMBER = re.compile(r"(/(?:giftcards|storecredits|coupons|loyaltycards)/)([^/\s?#\"']+)")
# Card numbers and personal data in query strings (customer search).
_QUERY_NUMBER = re.compile(r"(?i)([?&](?:card|number|code)=)([^&\s#\"']+)")
_QUERY_PERSONAL = re.compile(r"(?i)([?&](?:phone|email)=)([^&\s#\"']+)")
MASKED_SECRET = "***"


# History rows whose reference is the other card's whole number (a merge, a balance transfer).
CARD_MOVE_ROWS = frozenset({"merge_in", "merge_out", "transfer_in", "transfer_out"})


def shown_reference(row_type: str, reference: str | None) -> str | None:
    """A history row's reference as it may be shown: the other card's number masked on the rows of a
    merge or a balance transfer, which name it whole."""
    if reference and row_type in CARD_MOVE_ROWS:
        return mask_number(reference)
    return reference


def _mask_card(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = re.sub(r"[ -]", "", text)
    return mask_number(digits)


def mask_text(text: str) -> str:
    """``text`` with card numbers, coupon codes, tokens, PINs, URL credentials and the phone numbers
    and e-mail addresses of customer searches masked; also every value :func:`remember_secret` was
    given (the token, PINs), wherever it stands.

    Operation ids (UUIDs) are kept as they are; dates and times (``2026-11-30``, ``07:41:02``) are not
    numbers of 6+ digits and stay readable.
    """
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = KNOWN_SECRETS.mask(text)  # first, whole, before any other pattern cuts them
    text = _UUID.sub(keep, text)
    text = _BEARER.sub(lambda m: m.group(1) + MASKED_SECRET, text)
    text = _SECRET_VALUE.sub(lambda m: m.group(1) + m.group(2) + MASKED_SECRET, text)
    text = _URL_CREDENTIALS.sub(lambda m: m.group(1) + MASKED_SECRET + "@", text)
    text = _API_NUMBER.sub(lambda m: m.group(1) + mask_number(m.group(2)), text)
    text = _QUERY_NUMBER.sub(lambda m: m.group(1) + mask_number(m.group(2)), text)
    text = _QUERY_PERSONAL.sub(lambda m: m.group(1) + MASKED_SECRET, text)
    text = _CARD_DIGITS.sub(_mask_card, text)
    text = _ALNUM_CODE.sub(lambda m: mask_number(m.group(0)), text)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def mask_url(url: str) -> str:
    """A URL without its user name and password (``https://***@host/…``)."""
    parts = urlsplit(url)
    if not parts.username and not parts.password:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, f"{MASKED_SECRET}@{host}", parts.path, parts.query, parts.fragment))


class MaskingFormatter(logging.Formatter):
    """A formatter whose lines (message and traceback) went through :func:`mask_text`.

    Put it on every handler that writes the app's log anywhere (file, console): libraries log card
    numbers in request URLs (httpx logs each request at INFO).
    """

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))
