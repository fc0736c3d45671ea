"""Benchmark of printing; prints ONE JSON line of measured figures.

For every slip the terminal prints (the samples of the slip tests): the median time to build the
document from domain values, to render it to ESC/POS bytes for an 80 mm printer that draws barcodes
and QR codes itself (``default`` profile), and for a 58 mm printer that needs them as raster images
(``POS-5890``); plus the emulator's time to turn the 80 mm bytes into a PNG (the app's preview).
Ratios: 58 mm-with-images over 80 mm-native rendering, and preview over rendering.
Run: ``.venv/bin/python bench/printing.py [--rounds 30]``. No target: a figure to watch.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from drivers.printers.emulator import EmulatorPrinter  # noqa: E402
from drivers.printers.profile import load_profile  # noqa: E402
from drivers.printers.render import render  # noqa: E402
from tests.pos_client.receipts import samples  # noqa: E402


def _median_ms(rounds: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    native = load_profile("default", paper_width_mm=80, code_pages=("CP858", "CP852"))
    images = load_profile("POS-5890")
    slips: dict[str, dict[str, float | int]] = {}
    for name, build in samples.slip_builders().items():
        document = build()
        data = render(document, native)

        def preview(data: bytes = data) -> object:
            emulator = EmulatorPrinter(native)
            emulator.write(data)
            return emulator.receipts

        slips[name] = {
            "build_ms": _median_ms(args.rounds, build),
            "render_80mm_ms": _median_ms(args.rounds, lambda d=document: render(d, native)),
            "render_58mm_images_ms": _median_ms(args.rounds, lambda d=document: render(d, images)),
            "preview_png_ms": _median_ms(max(3, args.rounds // 5), preview),
            "bytes_80mm": len(data),
        }
    total_native = sum(float(s["render_80mm_ms"]) for s in slips.values())
    total_images = sum(float(s["render_58mm_images_ms"]) for s in slips.values())
    total_preview = sum(float(s["preview_png_ms"]) for s in slips.values())
    result = {
        "bench": "printing",
        "rounds": args.rounds,
        "slips": slips,
        "max_build_ms": max(float(s["build_ms"]) for s in slips.values()),
        "max_render_80mm_ms": max(float(s["render_80mm_ms"]) for s in slips.values()),
        "max_render_58mm_images_ms": max(float(s["render_58mm_images_ms"]) for s in slips.values()),
        "ratio_images_over_native": round(total_images / total_native, 2) if total_native else None,
        "ratio_preview_over_render": round(total_preview / total_native, 2) if total_native else None,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
