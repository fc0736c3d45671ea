"""Slips print any script (issue 19, item 4): names in Chinese, Arabic and Hebrew are read back from
the emulator's PNG and compared, pixel for pixel, with the same name drawn by Pillow in the font
fontconfig's own ``fc-match`` picks for those letters — and none of their glyphs is the font's
``.notdef`` box ("tofu"), which is what a Chinese name printed as before.
"""

from __future__ import annotations

import io
import subprocess

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from drivers.printers import document as d
from drivers.printers import raster_text
from drivers.printers.emulator import EmulatorPrinter
from drivers.printers.emulator_render import MARGIN
from drivers.printers.fontconfig import fallback_chain
from drivers.printers.profile import load_profile
from drivers.printers.render import LINE_DOTS, render

PROFILE = load_profile("default", paper_width_mm=80)
NAMES = {"chinese": "王小明", "arabic": "محمد علي", "hebrew": "דוד כהן"}
NOT_A_CHARACTER = "\U0010fffd"  # private use, plane 16: no font has it, so it draws as .notdef
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def fc_match(text: str) -> tuple[str, int]:
    """The font file and face index fontconfig's command-line tool picks for the receipt font
    with these letters (the test's oracle: independent of the code under test)."""
    charset = " ".join(f"{ord(c):x}" for c in sorted(set(text) - {" "}))
    out = subprocess.run(
        ["fc-match", "-f", "%{file}|%{index}", f"DejaVu Sans Mono:charset={charset}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path, index = out.split("|")
    return path, int(index)


def ink(image: Image.Image) -> Image.Image:
    """The image cropped to its black dots, as 8-bit grey."""
    grey = image.convert("L")
    box = ImageChops.invert(grey).getbbox()
    assert box is not None, "nothing printed"
    return grey.crop(box)


def reference(
    text: str, path: str, index: int = 0, layout: ImageFont.Layout = ImageFont.Layout.RAQM
) -> Image.Image:
    """``text`` drawn by Pillow alone: one font, on the receipt's baseline, one bit per dot."""
    font = ImageFont.truetype(path, raster_text.SIZE, index=index, layout_engine=layout)
    image = Image.new("1", (600, raster_text.HEIGHT), 1)
    ImageDraw.Draw(image).text((0, raster_text.BASELINE), text, font=font, fill=0, anchor="ls")
    return ink(image)


def printed_rows(document: d.Document) -> Image.Image:
    """The receipt the emulator printed for ``document``, without its margins."""
    emulator = EmulatorPrinter(PROFILE)
    emulator.write(render(document, PROFILE))
    (receipt,) = emulator.receipts
    sheet = Image.open(io.BytesIO(receipt.png_bytes))
    return sheet.crop((MARGIN, MARGIN, sheet.width - MARGIN, sheet.height - MARGIN))


def same(a: Image.Image, b: Image.Image) -> float:
    """Share of equal pixels of two images of one size (0 when the sizes differ)."""
    if a.size != b.size:
        return 0.0
    diff = ImageChops.difference(a.convert("L"), b.convert("L"))
    differing = sum(1 for value in diff.tobytes() if value)
    return 1 - differing / (a.width * a.height)


def contains(haystack: Image.Image, needle: Image.Image) -> bool:
    """Whether ``needle`` appears exactly somewhere in ``haystack``."""
    hay, pin = haystack.convert("L"), needle.convert("L")
    for y in range(hay.height - pin.height + 1):
        for x in range(hay.width - pin.width + 1):
            window = hay.crop((x, y, x + pin.width, y + pin.height))
            if ImageChops.difference(window, pin).getbbox() is None:
                return True
    return False


@pytest.mark.parametrize("script", sorted(NAMES))
def test_a_customer_name_prints_in_a_font_that_has_its_letters(script: str) -> None:
    name = NAMES[script]
    path, index = fc_match(name)
    expected = reference(name, path, index)

    row = printed_rows(d.Document("t", (d.KeyValue("Customer", name), d.Cut())))
    value = ink(row.crop((row.width // 2, 0, row.width, LINE_DOTS)))  # right-aligned value
    key = ink(row.crop((0, 0, row.width // 2, LINE_DOTS)))

    assert same(value, expected) >= 0.98, f"{script} name differs from its rendering in {path}"
    assert same(key, reference("Customer", MONO)) >= 0.98  # the key stays in the receipt font
    font = ImageFont.truetype(path, raster_text.SIZE, index=index)
    tofu = font.getmask(NOT_A_CHARACTER)
    for char in set(name) - {" "}:
        glyph = font.getmask(char)
        assert (glyph.size, bytes(glyph)) != (tofu.size, bytes(tofu)), f"{char!r} is a .notdef box"
    mono_tofu = ink(reference(NOT_A_CHARACTER, MONO))
    assert not contains(value, mono_tofu), "a box of the receipt font was printed"


@pytest.mark.parametrize("script", ["arabic", "hebrew"])
def test_right_to_left_names_are_shaped_and_reversed_not_drawn_letter_by_letter(script: str) -> None:
    name = NAMES[script]
    path, index = fc_match(name)
    row = printed_rows(d.Document("t", (d.KeyValue("Name", name), d.Cut())))
    printed = ink(row.crop((row.width // 2, 0, row.width, LINE_DOTS)))
    # Pillow's basic layout draws letters left to right in their isolated forms: what a printer
    # makes of CP862/CP864 bytes. The slip must show the laid-out text instead.
    naive = reference(name, path, index, ImageFont.Layout.BASIC)
    assert same(printed, reference(name, path, index)) >= 0.98
    assert same(printed, naive) < 0.9


def test_a_long_chinese_line_wraps_to_the_paper_instead_of_being_cut() -> None:
    text = "会员姓名很长" * 8  # 48 characters: one line of font A, two lines of 20-dot glyphs
    row = printed_rows(d.Document("t", (d.Text(text), d.Cut())))
    lines = [raster_text.draw_line(t) for t in raster_text.wrap(text, PROFILE.width_dots)]
    assert len(lines) == 2
    assert all(line.width <= PROFILE.width_dots for line in lines)
    assert "".join(raster_text.wrap(text, PROFILE.width_dots)) == text  # nothing lost
    for i, line in enumerate(lines):
        printed = ink(row.crop((0, i * LINE_DOTS, row.width, (i + 1) * LINE_DOTS)))
        assert same(printed, ink(line)) >= 0.98


def test_the_fallback_chain_starts_with_the_receipt_font_and_covers_every_script() -> None:
    chars = "".join(sorted(set("Customer: " + "".join(NAMES.values()))))
    chain = fallback_chain(chars)
    assert chain[0].path == MONO
    assert set(chars) - {" "} <= set().union(*(face.covers for face in chain))
    assert "王" not in chain[0].covers and "ד" not in chain[0].covers  # so the fallback is needed


def test_runs_are_put_in_reading_order_around_a_right_to_left_name() -> None:
    def order(text: str) -> list[str]:
        runs = raster_text.split_runs(text, raster_text.chain_for(text))
        return [
            r.text for r in raster_text.visual_order(runs, raster_text.paragraph_direction(text) or "ltr")
        ]

    assert order("Customer: דוד כהן (VIP)") == ["Customer: ", "דוד כהן (", "VIP)"]
    assert order("שלום Hello עולם") == ["עולם", "Hello ", "שלום "]


def test_code_page_text_still_prints_as_text() -> None:
    data = render(d.Document("t", (d.KeyValue("Saldo", "25,00 zł"),)), PROFILE)
    assert b"\x1dv0" not in data
    hebrew = render(
        d.Document("t", (d.Text("דוד"),)), PROFILE
    )  # CP862 has it, but printers print it backwards
    assert b"\x1dv0" in hebrew
