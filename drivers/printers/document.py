"""The receipt document model: what a slip says, not how a printer is told to say it.

Design: a :class:`Document` is an immutable tuple of blocks (text lines with a style, key/value lines,
rules, barcodes, QR codes, images, feeds and cuts). Slip builders in ``pos_client.receipts`` produce
documents; :mod:`drivers.printers.render` turns one into ESC/POS bytes for a given printer profile,
paper width and set of code pages. The model lives in ``drivers`` because ``drivers`` may not import
``pos_client`` while ``pos_client`` may import ``drivers`` (docs/ARCHITECTURE.md#layers). Nothing here knows
ESC/POS.
"""

from __future__ import annotations

import base64
import dataclasses
import enum
from dataclasses import dataclass, field
from typing import Any


class Align(enum.StrEnum):
    """Horizontal alignment of a line, barcode, QR code or image."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Style:
    """How a text line looks; the default is plain, left-aligned, normal size."""

    bold: bool = False
    underline: bool = False
    double_width: bool = False
    double_height: bool = False
    align: Align = Align.LEFT


PLAIN = Style()
CENTERED = Style(align=Align.CENTER)


@dataclass(frozen=True)
class Text:
    """One line of text; longer lines are word-wrapped at the paper width when rendered."""

    text: str
    style: Style = PLAIN


@dataclass(frozen=True)
class KeyValue:
    """A ``key ........ value`` line: key on the left, value flush right (wraps when too long)."""

    key: str
    value: str
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    """A horizontal rule across the paper, drawn with ``char``."""

    char: str = "-"


class Symbology(enum.StrEnum):
    """Linear barcode symbologies a slip may carry."""

    CODE128 = "CODE128"
    EAN13 = "EAN13"


@dataclass(frozen=True)
class Barcode:
    """A linear barcode.

    Attributes:
        data: the payload; for EAN-13, 12 digits (check digit added) or 13 (check digit validated).
        symbology: CODE128 or EAN13.
        height: bar height in printer dots.
        module_width: width of the narrowest bar in printer dots (2-6); 3 scans reliably on any
            reader, 2 is the minimum the renderer falls back to on narrow paper.
        human_readable: print the payload under the bars.
    """

    data: str
    symbology: Symbology = Symbology.CODE128
    height: int = 80
    module_width: int = 3
    human_readable: bool = True
    align: Align = Align.CENTER


@dataclass(frozen=True)
class QrCode:
    """A QR code; ``size`` is the module size in printer dots (1-16)."""

    data: str
    size: int = 6
    align: Align = Align.CENTER


@dataclass(frozen=True)
class Image:
    """A picture (a logo), as PNG bytes; printed as a 1-bit raster image."""

    png: bytes
    align: Align = Align.CENTER


@dataclass(frozen=True)
class Feed:
    """Blank lines."""

    lines: int = 1


@dataclass(frozen=True)
class Cut:
    """The end of a receipt: feed past the cutter and cut (partial cut leaves a hinge)."""

    partial: bool = False


Block = Text | KeyValue | Rule | Barcode | QrCode | Image | Feed | Cut


@dataclass(frozen=True)
class Document:
    """A printable slip: an ordered tuple of blocks, with a title for logs and previews."""

    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def plain_text(self) -> str:
        """The document's words, one block per line (for previews, logs and tests)."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Text):
                lines.append(block.text)
            elif isinstance(block, KeyValue):
                lines.append(f"{block.key}: {block.value}")
            elif isinstance(block, Barcode | QrCode):
                lines.append(f"[{type(block).__name__} {block.data}]")
        return "\n".join(lines)


def ean13_check_digit(digits12: str) -> str:
    """The EAN-13 check digit of 12 digits (weights 1, 3, 1, 3, … from the left)."""
    if len(digits12) != 12 or not digits12.isdigit():
        raise ValueError(f"EAN-13 needs 12 digits before the check digit, got {digits12!r}")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits12))
    return str((10 - total % 10) % 10)


def ean13_full(data: str) -> str:
    """The full 13-digit EAN-13 code: adds the check digit to 12 digits, validates it on 13.

    Raises:
        ValueError: not 12/13 digits, or a 13-digit code whose check digit is wrong.
    """
    if len(data) == 12:
        return data + ean13_check_digit(data)
    if len(data) == 13 and data.isdigit():
        if ean13_check_digit(data[:12]) != data[12]:
            raise ValueError(f"EAN-13 check digit of {data} is wrong")
        return data
    raise ValueError(f"EAN-13 needs 12 or 13 digits, got {data!r}")


_BLOCK_TYPES: dict[str, type[Block]] = {
    cls.__name__: cls for cls in (Text, KeyValue, Rule, Barcode, QrCode, Image, Feed, Cut)
}


def to_json(document: Document) -> dict[str, Any]:
    """A JSON-ready dict of ``document`` (images as base64), for the last-slip store."""
    blocks: list[dict[str, Any]] = []
    for block in document.blocks:
        fields = dataclasses.asdict(block)
        if isinstance(block, Image):
            fields["png"] = base64.b64encode(block.png).decode("ascii")
        blocks.append({"type": type(block).__name__, **fields})
    return {"title": document.title, "blocks": blocks}


def from_json(data: dict[str, Any]) -> Document:
    """The inverse of :func:`to_json`.

    Raises:
        ValueError: an unknown block type or malformed fields.
    """
    blocks: list[Block] = []
    for raw in data["blocks"]:
        fields = dict(raw)
        cls = _BLOCK_TYPES.get(fields.pop("type"))
        if cls is None:
            raise ValueError(f"unknown block type in {raw!r}")
        if cls is Text:
            style = fields["style"]
            fields["style"] = Style(**{**style, "align": Align(style["align"])})
        if "align" in fields:
            fields["align"] = Align(fields["align"])
        if "symbology" in fields:
            fields["symbology"] = Symbology(fields["symbology"])
        if cls is Image:
            fields["png"] = base64.b64decode(fields["png"])
        try:
            blocks.append(cls(**fields))
        except TypeError as exc:
            raise ValueError(f"malformed {cls.__name__} block: {exc}") from exc
    return Document(str(data["title"]), tuple(blocks))
