"""A balance slip for customers named in Chinese, Arabic and Hebrew (issue 19, item 4), built by the
real slip builder, rendered to ESC/POS, printed by the emulator and read back from its PNG: the name
is found on the slip exactly as Pillow draws it in the font ``fc-match`` picks for its letters."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from drivers.printers.emulator import EmulatorPrinter
from drivers.printers.emulator_render import MARGIN
from drivers.printers.profile import load_profile
from drivers.printers.render import render
from pos_client.domain import CustomerRef
from pos_client.receipts import slips
from tests.drivers.printers.test_any_script import fc_match, reference
from tests.pos_client.receipts.samples import EN_CTX, money_card

PROFILE = load_profile("default", paper_width_mm=80)
CUSTOMERS = {"chinese": ("小明", "王"), "arabic": ("محمد", "علي"), "hebrew": ("דוד", "כהן")}


def find_right_aligned(sheet: Image.Image, needle: Image.Image) -> bool:
    """Whether ``needle`` is printed against the right edge of the paper somewhere down the slip."""
    sheet, needle = sheet.convert("L"), needle.convert("L")
    right = sheet.width - MARGIN
    for x in range(right - needle.width - 4, right - needle.width + 1):
        for y in range(sheet.height - needle.height + 1):
            window = sheet.crop((x, y, x + needle.width, y + needle.height))
            if ImageChops.difference(window, needle).getbbox() is None:
                return True
    return False


@pytest.mark.parametrize("script", sorted(CUSTOMERS))
def test_the_customers_name_is_on_the_balance_slip_in_its_own_script(script: str, tmp_path: Path) -> None:
    first, last = CUSTOMERS[script]
    card = replace(money_card(), customer=CustomerRef("c-1", first, last))
    emulator = EmulatorPrinter(PROFILE)
    emulator.write(render(slips.balance_slip(card, EN_CTX), PROFILE))
    (receipt,) = emulator.receipts
    sheet = Image.open(io.BytesIO(receipt.png_bytes))
    (tmp_path / f"{script}.png").write_bytes(receipt.png_bytes)  # kept by pytest for a look
    name = f"{first} {last}"
    path, index = fc_match(name)
    assert find_right_aligned(sheet, reference(name, path, index)), (
        f"{name} is not on the slip as drawn in {path}"
    )
    assert "Balance" in receipt.text or "Saldo" in receipt.text
