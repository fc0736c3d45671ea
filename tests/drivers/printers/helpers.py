"""Shared helpers for printer tests: read a PNG back with a real barcode reader (zbar)."""

from __future__ import annotations

import io

from PIL import Image
from pyzbar import pyzbar


def read_symbols(png: bytes) -> set[tuple[str, str]]:
    """Every barcode and QR code zbar finds in the PNG, as (type, data)."""
    image = Image.open(io.BytesIO(png))
    return {(s.type, s.data.decode("utf-8")) for s in pyzbar.decode(image)}
