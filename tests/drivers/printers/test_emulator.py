"""Bytes → emulator → PNG: the text is right and a real reader (zbar) decodes every symbol."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from drivers.printers import document as d
from drivers.printers import status as st
from drivers.printers.emulator import EmulatorPrinter
from drivers.printers.emulator_render import RenderedReceipt
from drivers.printers.profile import load_profile
from drivers.printers.render import render
from tests.drivers.printers.helpers import read_symbols

SAMPLE = d.Document(
    "sample",
    (
        d.Text("SKLEP", d.Style(bold=True, double_width=True, double_height=True, align=d.Align.CENTER)),
        d.Text("Zażółć gęślą jaźń £ €", d.Style(underline=True)),
        d.KeyValue("Saldo", "25,00 zł"),
        d.Rule(),
        d.Barcode("6031234567890123"),
        d.Barcode("590123412345", d.Symbology.EAN13),
        d.QrCode("https://example.com/card?n=6031"),
        d.Cut(),
    ),
)


@pytest.mark.parametrize(
    ("profile", "pages"),
    [("default", ()), ("default", ("CP858", "CP852")), ("TM-T20II", ("CP1250", "CP858"))],
)
def test_native_commands_round_trip(profile: str, pages: tuple[str, ...]) -> None:
    emulator = EmulatorPrinter(load_profile(profile))
    emulator.write(render(SAMPLE, load_profile(profile, code_pages=pages)))
    (receipt,) = emulator.receipts
    assert "Zażółć gęślą jaźń £ €" in receipt.text
    assert "25,00 zł" in receipt.text
    assert {(s.kind, s.data) for s in receipt.symbols} == {
        ("CODE128", "6031234567890123"),
        ("EAN13", "5901234123457"),
        ("QR", "https://example.com/card?n=6031"),
    }
    assert read_symbols(receipt.png_bytes) == {
        ("CODE128", "6031234567890123"),
        ("EAN13", "5901234123457"),
        ("QRCODE", "https://example.com/card?n=6031"),
    }


def test_image_fallbacks_still_scan_on_a_58mm_printer_without_symbol_commands() -> None:
    profile = load_profile("POS-5890")
    emulator = EmulatorPrinter(profile)
    emulator.write(render(SAMPLE, profile))
    emulator.flush()  # no cutter: the job ends when the connection does
    (receipt,) = emulator.receipts
    assert receipt.symbols == ()  # everything arrived as pictures…
    assert read_symbols(receipt.png_bytes) == {  # …that a reader still decodes
        ("CODE128", "6031234567890123"),
        ("EAN13", "5901234123457"),
        ("QRCODE", "https://example.com/card?n=6031"),
    }


def test_split_at_cuts_and_callback_per_receipt() -> None:
    seen: list[RenderedReceipt] = []
    emulator = EmulatorPrinter(load_profile(), on_receipt=seen.append)
    one = render(d.Document("a", (d.Text("first"), d.Cut())), emulator.profile)
    two = render(d.Document("b", (d.Text("second"), d.Cut(partial=True))), emulator.profile)
    data = one + two
    for i in range(0, len(data), 3):  # arbitrary chunking, like TCP
        emulator.write(data[i : i + 3])
    assert [r.text for r in seen] == ["first", "second"]
    assert [r.index for r in emulator.receipts] == [1, 2]
    assert seen[0].raw == one and seen[0].png_bytes.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("status", "state"),
    [
        (st.ONLINE, st.State.ONLINE),
        (st.PAPER_OUT, st.State.PAPER_OUT),
        (st.COVER_OPEN, st.State.COVER_OPEN),
        (st.PAPER_NEAR_END, st.State.PAPER_NEAR_END),
    ],
)
def test_answers_dle_eot_and_prints_nothing_when_it_cannot(status: st.PrinterStatus, state: st.State) -> None:
    emulator = EmulatorPrinter(status=status)
    answers = emulator.write(st.QUERY_PRINTER + st.QUERY_OFFLINE_CAUSE + st.QUERY_PAPER)
    assert st.decode(*answers).state is state
    emulator.write(render(d.Document("x", (d.Text("hi"), d.Cut())), emulator.profile))
    printed = state in (st.State.ONLINE, st.State.PAPER_NEAR_END)
    assert len(emulator.receipts) == (1 if printed else 0)


def test_callback_may_read_the_receipts_list() -> None:
    counts: list[int] = []
    emulator = EmulatorPrinter(on_receipt=lambda _r: counts.append(len(emulator.receipts)))
    emulator.write(render(d.Document("a", (d.Text("x"), d.Cut())), emulator.profile))
    assert counts == [1]


def test_logo_image_round_trip() -> None:
    logo = Image.new("L", (120, 40), 255)
    ImageDraw.Draw(logo).rectangle((10, 10, 109, 29), fill=0)
    buffer = io.BytesIO()
    logo.save(buffer, format="PNG")
    emulator = EmulatorPrinter()
    emulator.write(render(d.Document("logo", (d.Image(buffer.getvalue()), d.Cut())), emulator.profile))
    printed = Image.open(io.BytesIO(emulator.receipts[0].png_bytes)).convert("L")
    dark = [x for x in range(printed.width) if printed.getpixel((x, 12 + 20)) == 0]
    # centred on 576 dots (+12 px margin): the bar spans x = 12 + 228 + 10 … 12 + 228 + 109
    assert dark[0] == 12 + 228 + 10 and dark[-1] == 12 + 228 + 109


def test_graphics_images_from_python_escpos() -> None:
    """Other drivers send pictures with ``GS ( L`` (python-escpos ``impl="graphics"``)."""
    from escpos.printer import Dummy

    from drivers.printers.symbols import qr_image

    dummy = Dummy()
    dummy.image(qr_image("graphics path", 4).convert("RGB"), impl="graphics")
    emulator = EmulatorPrinter()
    emulator.write(b"\x1b@" + dummy.output + b"\x1dVA\x00")
    assert read_symbols(emulator.receipts[0].png_bytes) == {("QRCODE", "graphics path")}
