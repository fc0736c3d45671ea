"""Rendering a receipt :class:`~drivers.printers.document.Document` to ESC/POS bytes.

Design: a pure function of (document, profile) to bytes, so goldens are byte-exact and printing is
"render, then send". We write the command bytes ourselves rather than drive python-escpos's
``Escpos`` class, because that class prints to stdout, never sends ``ESC @``, leaves centre alignment
on after barcodes, does not validate EAN-13 check digits and forces one code page per job
(docs/ARCHITECTURE.md#pitfalls). From python-escpos we take the profile database
(:mod:`drivers.printers.profile`) and its raster image conversion. A small state machine emits a style command
only when the style changes.

Rules kept here: ``ESC @`` first; a code page chosen per text run (:mod:`drivers.printers.codepages`)
and a raster image for text no page covers, drawn in whichever installed font has its script, shaped
and in its reading direction (:mod:`drivers.printers.raster_text`); alignment reset to left after
every barcode, QR code and image; CODE128 with an explicit code-set prefix (``{C`` for even-length
digits, else ``{B``); EAN-13 check digit validated; barcodes/QR by printer command when the profile
supports it, else as images.
"""

from __future__ import annotations

import io
import textwrap

from PIL import Image as PILImage
from PIL import ImageDraw

from drivers.printers import document as d
from drivers.printers import raster_text
from drivers.printers.codepages import covered, split_runs
from drivers.printers.profile import CodePage, PrinterProfile
from drivers.printers.symbols import barcode_image, barcode_width, qr_image

ESC = b"\x1b"
GS = b"\x1d"
LF = b"\n"
INIT = ESC + b"@"
LINE_DOTS = 30  # ESC 2 default line spacing (1/6 inch at 180 dpi; close enough at 203)
_ALIGN = {d.Align.LEFT: 0, d.Align.CENTER: 1, d.Align.RIGHT: 2}
_MIN_MODULE = 2


def code128_payload(data: str) -> bytes:
    """CODE128 data with its code-set prefix: ``{C`` + digit pairs as bytes, or ``{B`` + ASCII.

    Raises:
        ValueError: characters CODE128 set B cannot carry.
    """
    if data.isdigit() and len(data) % 2 == 0 and len(data) >= 4:
        return b"{C" + bytes(int(data[i : i + 2]) for i in range(0, len(data), 2))
    if not all(32 <= ord(c) < 127 for c in data) or "{" in data:
        raise ValueError(f"CODE128 set B cannot carry {data!r}")
    return b"{B" + data.encode("ascii")


class _Writer:
    """Accumulates bytes and remembers the printer's current style, alignment and code page."""

    def __init__(self, profile: PrinterProfile) -> None:
        self.profile = profile
        self.out = bytearray(INIT)
        self.align = d.Align.LEFT
        self.bold = False
        self.underline = False
        self.size = 0
        self.page: CodePage | None = None

    def set_align(self, align: d.Align) -> None:
        if align is not self.align:
            self.out += ESC + b"a" + bytes([_ALIGN[align]])
            self.align = align

    def set_style(self, style: d.Style) -> None:
        self.set_align(style.align)
        if style.bold != self.bold:
            self.out += ESC + b"E" + bytes([int(style.bold)])
            self.bold = style.bold
        if style.underline != self.underline:
            self.out += ESC + b"-" + bytes([int(style.underline)])
            self.underline = style.underline
        size = (0x10 if style.double_width else 0) | (0x01 if style.double_height else 0)
        if size != self.size:
            self.out += GS + b"!" + bytes([size])
            self.size = size

    def text_line(self, text: str, style: d.Style) -> None:
        """One printed line; runs in their code pages, or a raster image if a run has none."""
        runs = split_runs(text, self.profile.code_pages, self.page)
        if any(run.page is None for run in runs) or raster_text.needs_layout(text):
            self.raster_text(text, style)
            return
        self.set_style(style)
        for run in runs:
            if run.page is not self.page and run.page is not None:
                self.out += ESC + b"t" + bytes([run.page.index])
                self.page = run.page
            self.out += run.encode()
        self.out += LF

    def raster_text(self, text: str, style: d.Style) -> None:
        """Draw a line as a picture, for characters no code page of the printer has, in whichever
        installed font has them (:mod:`drivers.printers.raster_text`); wrapped to the paper."""
        scale_w = 2 if style.double_width else 1
        width = self.profile.width_dots
        for piece in raster_text.wrap(text, width // scale_w, bold=style.bold):
            line = raster_text.draw_line(piece, bold=style.bold)
            x = {d.Align.LEFT: 0, d.Align.CENTER: (width - line.width * scale_w) // 2}
            self._raster_row([(line, x.get(style.align, width - line.width * scale_w))], style)

    def raster_key_value(self, key: str, value: str, bold: bool) -> None:
        """A key on the left and its value on the right, as a picture (see :meth:`raster_text`); the
        value goes on a line of its own, right-aligned, when both do not fit on one."""
        width = self.profile.width_dots
        style = d.Style(bold=bold)
        keys = [raster_text.draw_line(k, bold=bold) for k in raster_text.wrap(key, width, bold=bold)]
        values = [raster_text.draw_line(v, bold=bold) for v in raster_text.wrap(value, width, bold=bold)]
        gap = raster_text.measure(" ", bold=bold)
        if len(keys) == len(values) == 1 and keys[0].width + gap + values[0].width <= width:
            self._raster_row([(keys[0], 0), (values[0], width - values[0].width)], style)
            return
        for line in keys:
            self._raster_row([(line, 0)], style)
        for line in values:
            self._raster_row([(line, width - line.width)], style)

    def _raster_row(self, pieces: list[tuple[PILImage.Image, int]], style: d.Style) -> None:
        """One printed line of text pictures at their x positions, styled like printed text."""
        scale_w = 2 if style.double_width else 1
        scale_h = 2 if style.double_height else 1
        height = raster_text.HEIGHT
        canvas = PILImage.new("1", (self.profile.width_dots, scale_h * LINE_DOTS), 1)
        for line, x in pieces:
            if style.underline:
                ImageDraw.Draw(line).line((0, height - 1, line.width, height - 1), fill=0, width=2)
            line = line.resize((line.width * scale_w, height * scale_h))
            canvas.paste(line, (max(x, 0), (scale_h * LINE_DOTS - line.height) // 2))
        self.image(canvas, d.Align.LEFT)

    def image(self, img: PILImage.Image, align: d.Align) -> None:
        """``GS v 0`` raster image, aligned by ``ESC a``; alignment back to left afterwards."""
        self.set_align(align)
        from escpos.image import EscposImage  # python-escpos loads its printer database on import

        raster = EscposImage(img.convert("L"))
        w, h = raster.width_bytes, raster.height
        self.out += GS + b"v0\x00" + bytes([w & 0xFF, w >> 8, h & 0xFF, h >> 8])
        self.out += raster.to_raster_format()
        self.set_align(d.Align.LEFT)

    def barcode(self, block: d.Barcode) -> None:
        module = block.module_width
        while module > _MIN_MODULE and barcode_width(block.symbology, block.data, module) > (
            self.profile.width_dots
        ):
            module -= 1  # narrower bars before an unscannable, clipped code
        if not self.profile.native_barcodes:
            img = barcode_image(block.symbology, block.data, module, block.height, block.human_readable)
            self.image(img, block.align)
            return
        if block.symbology is d.Symbology.EAN13:
            payload, kind = d.ean13_full(block.data).encode("ascii"), 67
        else:
            payload, kind = code128_payload(block.data), 73
        self.set_align(block.align)
        self.out += GS + b"h" + bytes([max(1, min(block.height, 255))])
        self.out += GS + b"w" + bytes([module])
        self.out += GS + b"H" + bytes([2 if block.human_readable else 0])
        self.out += GS + b"f\x00"
        self.out += GS + b"k" + bytes([kind, len(payload)]) + payload
        self.set_align(d.Align.LEFT)  # python-escpos leaves centre on (docs/ARCHITECTURE.md#pitfalls)

    def qr(self, block: d.QrCode) -> None:
        if not self.profile.native_qr:
            self.image(qr_image(block.data, block.size), block.align)
            return
        self.set_align(block.align)
        data = block.data.encode("utf-8")

        def fn(code: int, payload: bytes) -> None:
            n = len(payload) + 2
            self.out += GS + b"(k" + bytes([n & 0xFF, n >> 8, 49, code]) + payload

        fn(65, b"\x32\x00")  # model 2
        fn(67, bytes([max(1, min(block.size, 16))]))  # module size
        fn(69, b"\x31")  # error correction M
        fn(80, b"\x30" + data)  # store
        fn(81, b"\x30")  # print
        self.out += LF
        self.set_align(d.Align.LEFT)

    def cut(self, partial: bool) -> None:
        self.set_style(d.PLAIN)
        if self.profile.cuts:
            self.out += GS + b"V" + bytes([66 if partial else 65, 3])  # feed 3 lines, then cut
        else:
            self.out += ESC + b"d\x04"  # no cutter: feed to the tear bar


def _wrap(text: str, width: int) -> list[str]:
    if not text:
        return [""]
    return textwrap.wrap(text, width=max(width, 1), replace_whitespace=False, drop_whitespace=True) or [""]


def _key_value_lines(block: d.KeyValue, columns: int) -> list[str]:
    gap = columns - len(block.key) - len(block.value)
    if gap >= 1:
        return [block.key + " " * gap + block.value]
    lines = _wrap(block.key, columns)
    return [*lines, *(v.rjust(columns) for v in _wrap(block.value, columns))]


def render(document: d.Document, profile: PrinterProfile) -> bytes:
    """The ESC/POS bytes that print ``document`` on a printer described by ``profile``.

    Raises:
        ValueError: a barcode payload its symbology cannot carry (e.g. a wrong EAN-13 check digit).
    """
    w = _Writer(profile)
    columns = profile.columns
    for block in document.blocks:
        if isinstance(block, d.Text):
            width = columns // (2 if block.style.double_width else 1)
            for line in _wrap(block.text, width):
                w.text_line(line, block.style)
        elif isinstance(block, d.KeyValue):
            style = d.Style(bold=block.bold)
            if not covered(text := block.key + block.value, profile.code_pages) or raster_text.needs_layout(
                text
            ):
                w.raster_key_value(block.key, block.value, block.bold)
                continue
            for line in _key_value_lines(block, columns):
                w.text_line(line, style)
        elif isinstance(block, d.Rule):
            w.text_line((block.char or "-") * columns, d.PLAIN)
        elif isinstance(block, d.Barcode):
            w.barcode(block)
        elif isinstance(block, d.QrCode):
            w.qr(block)
        elif isinstance(block, d.Image):
            img: PILImage.Image = PILImage.open(io.BytesIO(block.png))
            if img.width > profile.width_dots:
                ratio = profile.width_dots / img.width
                img = img.resize((profile.width_dots, max(1, int(img.height * ratio))))
            w.image(img, block.align)
        elif isinstance(block, d.Feed):
            w.set_style(d.PLAIN)
            w.out += ESC + b"d" + bytes([max(0, min(block.lines, 255))])
        elif isinstance(block, d.Cut):
            w.cut(block.partial)
    return bytes(w.out)
