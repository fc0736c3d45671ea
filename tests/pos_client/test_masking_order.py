"""A remembered PIN never lets a card number escape the mask (found when a wrong PIN "0000" typed in one
test split the spaced number ``6033 0100 0000 0017`` of a later log line, whose first groups showed)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pos_client.masking import KNOWN_SECRETS, mask_text, remember_secret


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    KNOWN_SECRETS.clear()
    yield
    KNOWN_SECRETS.clear()


@pytest.mark.parametrize("number", ["6033 0100 0000 0017", "6033-0100-0000-0017", "6033010000000017"])
def test_a_pin_inside_a_card_number_does_not_split_it(number: str) -> None:
    remember_secret("0000")
    masked = mask_text(f"scan {number} paid")
    assert "6033" not in masked and "0100" not in masked
    assert masked.endswith("0017 paid")


def test_the_pin_and_the_token_are_still_masked_where_they_stand() -> None:
    token = "tok_6033010578308626abcdef"
    remember_secret("0000")
    remember_secret(token)
    masked = mask_text(f"pin 0000 typed; Authorization uses {token} today 2026-12-03")
    assert "0000" not in masked and "6033010578308626" not in masked and "abcdef" not in masked
    assert "2026-12-03" in masked
