"""The printer test page: code-page samples, styles, alignment, barcodes, a QR code and the cut.

A technician prints it (``loyalty-pos printer test``) to see at a glance that the profile, paper
width and code pages are right: every sample line must read correctly, none may show ``?``.
"""

from __future__ import annotations

import datetime as dt

from drivers.printers import document as d
from drivers.printers.profile import PrinterProfile

SAMPLES = (
    ("Polski", "Zażółć gęślą jaźń"),
    ("English", "£25.00 and €30.00"),
    ("Deutsch", "Grüße aus Köln, 12 €"),
    ("Français", "Ça coûte 9,50 €"),
    ("Česky", "Příliš žluťoučký kůň"),
    ("Русский", "Съешь же ещё"),
    ("Ελληνικά", "Καλημέρα"),
    ("Mixed", "Zażółć gęślą jaźń £ €"),
    ("Image", "→ ✓ ☕ (no code page: raster)"),
)


def test_page(profile: PrinterProfile, url: str, now: dt.datetime | None = None) -> d.Document:
    """The test page for ``profile`` on the printer at ``url``."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    pages = ", ".join(p.name for p in profile.code_pages[:6])
    blocks: list[d.Block] = [
        d.Text(
            "PRINTER TEST", d.Style(bold=True, double_width=True, double_height=True, align=d.Align.CENTER)
        ),
        d.Text(url, d.CENTERED),
        d.Rule("="),
        d.KeyValue("Profile", profile.name),
        d.KeyValue("Paper", f"{profile.width_dots} dots, {profile.columns} columns"),
        d.KeyValue("Code pages", pages),
        d.KeyValue("Barcodes", "printer" if profile.native_barcodes else "image"),
        d.KeyValue("QR codes", "printer" if profile.native_qr else "image"),
        d.Rule(),
    ]
    blocks += [d.Text(f"{name}: {text}") for name, text in SAMPLES]
    blocks += [
        d.Rule(),
        d.Text("Bold", d.Style(bold=True)),
        d.Text("Underline", d.Style(underline=True)),
        d.Text("Double width", d.Style(double_width=True)),
        d.Text("Double height", d.Style(double_height=True)),
        d.Text("Centre", d.CENTERED),
        d.Text("Right", d.Style(align=d.Align.RIGHT)),
        d.Text("0123456789" * 10),
        d.Rule(),
        d.Barcode("6031234567890123"),
        d.Barcode("590123412345", d.Symbology.EAN13),
        d.QrCode("https://example.com/loyalty-pos/printer-test"),
        d.Text("Left again after the codes"),
        d.Text(stamp, d.CENTERED),
        d.Cut(),
    ]
    return d.Document("Printer test", tuple(blocks))
