"""Printer capabilities: python-escpos's profile database plus our paper width and code pages.

Design: :class:`PrinterProfile` is a small frozen value resolved once from a profile name (the
escpos-printer-db profiles python-escpos ships, e.g. ``TM-T88V``, ``POS-5890``, ``default``), the
configured paper width and the configured code pages. The renderer and the emulator both use it, so
what one writes the other reads the same way. Only code pages Python has a codec for are usable.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Any

DOT_WIDTH_BY_PAPER_MM = {58: 384, 80: 576}
CHAR_DOTS = 12  # font A is 12 x 24 dots on every ESC/POS printer we support

# Preferred order when the configuration names no code pages: Western European with € and £ first,
# then Central European (Polish, Czech, …), then the rest in profile order.
PREFERRED_CODE_PAGES = ("CP858", "CP852", "CP1252", "CP1250", "CP866", "CP437")
# Multi-byte codecs: a printer's ``ESC t`` page is one byte per character, so these never qualify.
_MULTIBYTE = frozenset({"cp932", "shift_jis", "gbk", "gb2312", "big5", "cp949", "cp950", "euc_kr"})


def _capabilities() -> dict[str, Any]:
    """python-escpos' printer database, loaded on first use.

    WORKAROUND: importing ``escpos.capabilities`` parses the whole printer database (about 0.9 s here),
    so it is imported when a profile is first needed, not when the app starts.
    """
    from escpos.capabilities import CAPABILITIES

    caps: dict[str, Any] = CAPABILITIES
    return caps


class ProfileError(ValueError):
    """An unknown profile or code page in the printer configuration."""


@dataclass(frozen=True)
class CodePage:
    """One code page a printer has: its name, ``ESC t`` index and Python codec."""

    name: str
    index: int
    codec: str


@dataclass(frozen=True)
class PrinterProfile:
    """What the renderer needs to know about a printer."""

    name: str
    width_dots: int
    code_pages: tuple[CodePage, ...]
    native_barcodes: bool
    native_qr: bool
    cuts: bool

    @property
    def columns(self) -> int:
        """Characters per line in font A at normal width."""
        return self.width_dots // CHAR_DOTS

    def code_page_by_index(self, index: int) -> CodePage | None:
        """The code page ``ESC t index`` selects, if it is one of ours."""
        for page in self.code_pages:
            if page.index == index:
                return page
        return None


def profile_names() -> list[str]:
    """Names of the profiles python-escpos knows."""
    return sorted(_capabilities()["profiles"])


def _python_codec(name: str) -> str | None:
    encoding: dict[str, Any] = _capabilities()["encodings"].get(name, {})
    codec = encoding.get("python_encode")
    if not isinstance(codec, str) or codec.lower() in _MULTIBYTE:
        return None
    try:
        codecs.lookup(codec)
    except LookupError:
        return None
    return codec


def load_profile(
    name: str = "default", paper_width_mm: int | None = None, code_pages: tuple[str, ...] = ()
) -> PrinterProfile:
    """Resolve a profile name, paper width and code-page list into a :class:`PrinterProfile`.

    Args:
        name: a python-escpos profile name (``loyalty-pos printer list --profiles`` shows them).
        paper_width_mm: 58 or 80; None takes the profile's width (80 mm when it has none).
        code_pages: code pages to use, in order of preference (e.g. ``("CP858", "CP852")``); empty
            means every page of the profile that Python can encode, preferred ones first.

    Raises:
        ProfileError: unknown profile, paper width or code page.
    """
    profiles: dict[str, Any] = _capabilities()["profiles"]
    if name not in profiles:
        raise ProfileError(f"unknown printer profile {name!r}; known: {', '.join(profile_names())}")
    data = profiles[name]
    if paper_width_mm is not None:
        if paper_width_mm not in DOT_WIDTH_BY_PAPER_MM:
            raise ProfileError(f"paper width must be 58 or 80 mm, not {paper_width_mm}")
        width = DOT_WIDTH_BY_PAPER_MM[paper_width_mm]
    else:
        pixels = data.get("media", {}).get("width", {}).get("pixels")
        width = pixels if isinstance(pixels, int) else DOT_WIDTH_BY_PAPER_MM[80]
    available: dict[str, int] = {}
    for index, page_name in data["codePages"].items():
        if page_name not in available and _python_codec(page_name):
            available[page_name] = int(index)
    if code_pages:
        unknown = [p for p in code_pages if p.upper() not in available]
        if unknown:
            raise ProfileError(f"profile {name} has no usable code page {', '.join(unknown)}")
        order = [p.upper() for p in code_pages]
    else:
        order = [p for p in PREFERRED_CODE_PAGES if p in available]
        order += [p for p in available if p not in order]
    pages = tuple(CodePage(p, available[p], _python_codec(p) or "") for p in order)
    features: dict[str, Any] = data["features"]
    return PrinterProfile(
        name=name,
        width_dots=width,
        code_pages=pages,
        native_barcodes=bool(features.get("barcodeB")),
        native_qr=bool(features.get("qrCode")),
        cuts=bool(features.get("paperFullCut") or features.get("paperPartCut")),
    )
