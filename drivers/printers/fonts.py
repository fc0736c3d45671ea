"""The receipt font the emulator and the raster-text fallback draw with (Debian's fonts-dejavu-core).

Letters it lacks (Chinese, Hebrew, ...) are drawn with other installed fonts found through fontconfig
(:mod:`drivers.printers.raster_text`).

A missing font is an installation problem (``scripts/setup.sh`` installs it), so it raises a clear
error instead of silently drawing with Pillow's tiny bitmap font.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PIL import ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@functools.cache
def font(mono: bool = True, size: int = 20, bold: bool = False) -> ImageFont.FreeTypeFont:
    """DejaVu Sans (Mono) at ``size`` pixels, cached.

    Raises:
        FileNotFoundError: fonts-dejavu-core is not installed.
    """
    name = "DejaVuSansMono" if mono else "DejaVuSans"
    path = FONT_DIR / f"{name}{'-Bold' if bold else ''}.ttf"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: install Debian's fonts-dejavu-core")
    return ImageFont.truetype(str(path), size)
