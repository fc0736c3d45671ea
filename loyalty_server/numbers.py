"""Instrument numbers: Luhn check digits and allocation of new numbers in a series."""

from __future__ import annotations

import random
import string

from loyalty_server.db import Conn

ALPHANUMERIC = string.ascii_uppercase + string.digits
# Letters that are easy to misread on a slip are left out of generated coupon codes.
_CODE_CHARS = "".join(c for c in ALPHANUMERIC if c not in "0O1I")


def luhn_check_digit(payload: str) -> str:
    """The Luhn check digit to append to the numeric ``payload``."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    """True when ``number`` is numeric and its last digit is a correct Luhn check digit."""
    return number.isdigit() and len(number) >= 2 and luhn_check_digit(number[:-1]) == number[-1]


def new_number(
    conn: Conn,
    loyalty_group: str,
    prefix: str,
    length: int,
    check_digit: str,
    alphanumeric: bool,
    rng: random.Random,
) -> str:
    """A number of the series' shape that no instrument of the loyalty group has yet."""
    body_len = length - len(prefix) - (1 if check_digit == "luhn" else 0)
    chars = _CODE_CHARS if alphanumeric else string.digits
    while True:
        body = "".join(rng.choice(chars) for _ in range(body_len))
        number = prefix + body
        if check_digit == "luhn":
            number += luhn_check_digit(number)
        row = conn.execute(
            "SELECT 1 FROM instruments WHERE loyalty_group = :loyalty_group AND number = :number",
            {"loyalty_group": loyalty_group, "number": number},
        ).fetchone()
        if row is None:
            return number
