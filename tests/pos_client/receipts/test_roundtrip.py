"""Every slip through the emulator: the PNG's text is right and zbar reads every barcode back."""

from __future__ import annotations

import pytest

from drivers.printers.emulator import EmulatorPrinter
from drivers.printers.emulator_render import RenderedReceipt
from drivers.printers.profile import load_profile
from drivers.printers.render import render
from tests.drivers.printers.helpers import read_symbols
from tests.pos_client.receipts import samples

SLIPS = samples.all_slips()


def _print(name: str, profile_name: str = "default", width: int = 80) -> RenderedReceipt:
    emulator = EmulatorPrinter(load_profile(profile_name, paper_width_mm=width))
    emulator.write(render(SLIPS[name], load_profile(profile_name, paper_width_mm=width)))
    emulator.flush()
    (receipt,) = emulator.receipts
    return receipt


@pytest.mark.parametrize("name", sorted(SLIPS))
def test_header_footer_and_polish_pound_euro_text(name: str) -> None:
    text = _print(name).text
    assert text.startswith("Sklep Łódź\nul. Żółta 5\n90-001 Łódź")
    assert "Dziękujemy! Thank you £ €" in text
    assert "Anna Wójcik" in text
    assert "25.11.2026 14:45" in text  # 13:45 UTC in Warsaw


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sale_live_printed", {("CODE128", samples.GIFT_NUMBER)}),
        ("store_credit_note", {("CODE128", samples.CREDIT_NUMBER)}),
        ("reward_coupon", {("CODE128", samples.COUPON_NUMBER)}),
    ],
)
@pytest.mark.parametrize(("profile", "width"), [("default", 80), ("default", 58), ("POS-5890", 58)])
def test_barcodes_scan_on_every_paper_width(
    name: str, expected: set[tuple[str, str]], profile: str, width: int
) -> None:
    assert read_symbols(_print(name, profile, width).png_bytes) == expected


def test_amounts_in_the_locale_and_currency() -> None:
    assert "Zapłacono" + " " * 31 + "24,50 zł" in _print("payment").text
    assert "Pozostało" + " " * 31 + "75,50 zł" in _print("payment").text
    assert "24,50 £" in _print("payment_gbp").text  # a Polish shop writes pounds its way
    assert "45,00 €" in _print("store_credit_note").text


def test_provisional_banner_when_queued_offline() -> None:
    assert "TYMCZASOWY" in _print("load_provisional").text  # PROVISIONAL, on a Polish shop's slip
    assert "TYMCZASOWY" not in _print("load").text
