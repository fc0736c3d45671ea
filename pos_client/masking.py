"""Masking card numbers wherever they are shown or logged (DESIGN.md §6)."""

from __future__ import annotations

MASK_CHARACTER = "*"


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
