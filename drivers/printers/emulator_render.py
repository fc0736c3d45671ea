"""Paper for the ESC/POS emulator: lays printed lines, pictures and symbols down a receipt-wide
strip and turns each finished receipt into a PNG.

Design: the emulator's interpreter (:mod:`drivers.printers.emulator`) decides *what* is printed; this
module only draws it, one dot per pixel at the profile's paper width, with DejaVu Sans Mono in 12 x 24
cells like font A. Barcodes and QR codes are drawn by :mod:`drivers.printers.symbols`, module for
module, so a real reader decodes the PNG. Each receipt also keeps its plain text and the symbols it
carried, for tests and the app's preview.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from drivers.printers.fonts import font

CELL_W, CELL_H = 12, 24
MARGIN = 12


@dataclass(frozen=True)
class Symbol:
    """A barcode or QR code the printer was told to print: ``kind`` is CODE128, EAN13 or QR."""

    kind: str
    data: str


@dataclass(frozen=True)
class RenderedReceipt:
    """One receipt as the emulator printed it (split at cuts)."""

    index: int
    png_bytes: bytes
    text: str
    symbols: tuple[Symbol, ...]
    raw: bytes

    @property
    def barcodes(self) -> tuple[Symbol, ...]:
        """The linear barcodes (CODE128, EAN13) on the receipt."""
        return tuple(s for s in self.symbols if s.kind != "QR")

    @property
    def qr_codes(self) -> tuple[Symbol, ...]:
        """The QR codes on the receipt."""
        return tuple(s for s in self.symbols if s.kind == "QR")


@dataclass(frozen=True)
class Span:
    """Text printed with one style within a line."""

    text: str
    bold: bool = False
    underline: bool = False
    width: int = 1
    height: int = 1


@dataclass
class Paper:
    """The strip being printed: rows of pictures, the text seen so far and the symbols."""

    width: int
    rows: list[Image.Image] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    symbols: list[Symbol] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.rows

    def text_line(self, spans: list[Span], align: int, spacing: int) -> None:
        """Print one line of spans; ``align`` 0 left, 1 centre, 2 right."""
        height = max((s.height for s in spans), default=1)
        row_h = max(spacing, CELL_H) + (height - 1) * CELL_H
        row = Image.new("1", (self.width, row_h), 1)
        total = sum(len(s.text) * CELL_W * s.width for s in spans)
        x = {0: 0, 1: (self.width - total) // 2, 2: self.width - total}.get(align, 0)
        x = max(x, 0)
        for span in spans:
            if not span.text:
                continue
            w, h = len(span.text) * CELL_W, CELL_H
            glyphs = Image.new("1", (w, h), 1)
            draw = ImageDraw.Draw(glyphs)
            f = font(mono=True, size=20, bold=span.bold)
            for i, ch in enumerate(span.text):
                draw.text((i * CELL_W, 0), ch, font=f, fill=0)
            if span.underline:
                draw.line((0, h - 2, w, h - 2), fill=0, width=2)
            if span.width > 1 or span.height > 1:
                glyphs = glyphs.resize((w * span.width, h * span.height))
            row.paste(glyphs, (x, row_h - glyphs.height - (row_h - CELL_H * height) // 2))
            x += glyphs.width
        self.rows.append(row)
        self.lines.append("".join(s.text for s in spans).rstrip())

    def feed(self, dots: int) -> None:
        """Blank paper, ``dots`` high."""
        if dots > 0:
            self.rows.append(Image.new("1", (self.width, dots), 1))

    def picture(self, img: Image.Image, align: int) -> None:
        """A raster image, barcode or QR picture, clipped to the paper like a printer would."""
        img = img.convert("1")
        row = Image.new("1", (self.width, img.height), 1)
        x = {0: 0, 1: (self.width - img.width) // 2, 2: self.width - img.width}.get(align, 0)
        row.paste(img, (max(x, 0), 0))
        self.rows.append(row)

    def finish(self, index: int, raw: bytes) -> RenderedReceipt:
        """The receipt so far as a PNG with margins; the paper is blank again afterwards."""
        height = sum(r.height for r in self.rows) + 2 * MARGIN
        sheet = Image.new("L", (self.width + 2 * MARGIN, height), 255)
        y = MARGIN
        for row in self.rows:
            sheet.paste(row.convert("L"), (MARGIN, y))
            y += row.height
        buffer = io.BytesIO()
        sheet.save(buffer, format="PNG", optimize=False)
        receipt = RenderedReceipt(
            index=index,
            png_bytes=buffer.getvalue(),
            text="\n".join(self.lines),
            symbols=tuple(self.symbols),
            raw=raw,
        )
        self.rows, self.lines, self.symbols = [], [], []
        return receipt
