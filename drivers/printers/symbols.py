"""Barcodes and QR codes as 1-bit pictures, drawn to scan.

Design: the bar pattern comes from python-barcode (``build()`` gives the module string, so the
symbology's encoding is not re-implemented here) and the QR matrix from ``qrcode``; we draw them
ourselves at whole printer dots per module with a quiet zone, so a real reader (zbar) decodes the
picture. Used twice: by the renderer when a printer profile cannot draw a symbol itself, and by the
emulator to show what a printer would have printed for ``GS k`` / ``GS ( k``.
"""

from __future__ import annotations

import barcode  # type: ignore[import-untyped]  # python-barcode ships no type information
import qrcode
from PIL import Image, ImageDraw

from drivers.printers.document import Symbology, ean13_full
from drivers.printers.fonts import font

QUIET_MODULES = 10  # quiet zone each side, in modules (CODE128 and EAN-13 ask for 10 and 11)


def modules(symbology: Symbology, data: str) -> str:
    """The bar pattern as a string of ``1`` (bar) and ``0`` (space), one character per module."""
    if symbology is Symbology.EAN13:
        code = barcode.get("ean13", ean13_full(data)[:12])
    else:
        code = barcode.get("code128", data)
    return "".join(code.build())


def text_under(symbology: Symbology, data: str) -> str:
    """The human-readable line printed under the bars."""
    return ean13_full(data) if symbology is Symbology.EAN13 else data


def barcode_image(
    symbology: Symbology, data: str, module_width: int, height: int, human_readable: bool
) -> Image.Image:
    """A 1-bit picture of a linear barcode, ``module_width`` dots per module, quiet zones included."""
    pattern = modules(symbology, data)
    quiet = QUIET_MODULES * module_width
    width = len(pattern) * module_width + 2 * quiet
    text_height = 26 if human_readable else 0
    img = Image.new("1", (width, height + text_height), 1)
    draw = ImageDraw.Draw(img)
    x = quiet
    for bit in pattern:
        if bit == "1":
            draw.rectangle((x, 0, x + module_width - 1, height - 1), fill=0)
        x += module_width
    if human_readable:
        label = text_under(symbology, data)
        f = font(mono=True, size=20)
        w = f.getlength(label)
        draw.text(((width - w) / 2, height + 2), label, font=f, fill=0)
    return img


def barcode_width(symbology: Symbology, data: str, module_width: int) -> int:
    """Width in dots of :func:`barcode_image` (quiet zones included)."""
    return (len(modules(symbology, data)) + 2 * QUIET_MODULES) * module_width


def qr_image(data: str, size: int) -> Image.Image:
    """A 1-bit picture of a QR code (error correction M), ``size`` dots per module, 4-module border."""
    code = qrcode.QRCode(box_size=1, border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    n = len(matrix)
    img = Image.new("1", (n * size, n * size), 1)
    draw = ImageDraw.Draw(img)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                draw.rectangle((x * size, y * size, (x + 1) * size - 1, (y + 1) * size - 1), fill=0)
    return img
