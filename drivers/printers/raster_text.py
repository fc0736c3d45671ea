"""Text as a picture, in any script: for lines no code page of the printer holds.

Design: a slip line like ``Customer: 王小明`` or ``Customer: דוד כהן`` cannot be printed as text (no
ESC/POS code page has these letters), so the renderer prints it as a raster image drawn here.

* Fonts: each character is drawn with the first font of a fallback chain that has it — the receipt
  font (DejaVu Sans Mono, 12 x 24 dot cells like font A) first, then the fonts fontconfig finds for
  the rest (:func:`drivers.printers.fontconfig.fallback_chain`), e.g. WenQuanYi Zen Hei for Chinese
  and DejaVu Sans for Hebrew. Spaces and punctuation stay in the font of the run they are in, so a
  name in one script is one run.
* Shaping and direction: every run is laid out by Pillow's raqm engine (HarfBuzz shaping, FriBiDi
  direction), so Arabic letters join and Hebrew and Arabic read right to left. The paragraph's
  direction is that of its first strong letter; runs are put in visual order by the Unicode
  bidirectional algorithm's rule L2, at run level (the runs' own letters are ordered by raqm).
* Width: a line wider than the paper is wrapped by measured width (Chinese has no spaces to break at,
  and its glyphs are wider than a 12-dot cell), never clipped.

Without raqm (a Pillow built without it, or no libfribidi) text still prints, unshaped and left to
right, and a warning is logged once.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont, features

from drivers.printers.fontconfig import Face, fallback_chain
from drivers.printers.fonts import FONT_DIR

log = logging.getLogger(__name__)

HEIGHT = 24  # one printed line: the 24-dot cell of font A
BASELINE = 19  # DejaVu Sans Mono's ascent at 20 px: glyphs of every font sit on this line
SIZE = 20
_STRONG_RTL = frozenset({"R", "AL"})
# Characters that take the font of the run they are in (spaces, punctuation, digits, marks).
_NEUTRAL = frozenset({"WS", "ON", "CS", "ES", "ET", "EN", "AN", "NSM", "BN", "S", "B"})


@dataclass(frozen=True)
class Run:
    """Consecutive characters drawn with one font."""

    text: str
    face: Face | None

    @property
    def direction(self) -> str | None:
        """``"rtl"`` or ``"ltr"`` by its first strong letter, None when it has none."""
        return paragraph_direction(self.text, default=None)


def paragraph_direction(text: str, default: str | None = "ltr") -> str | None:
    """``"rtl"`` when the first strong letter of ``text`` is Hebrew, Arabic, ..., else ``"ltr"``."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _STRONG_RTL:
            return "rtl"
        if kind == "L":
            return "ltr"
    return default


def needs_layout(text: str) -> bool:
    """True when ``text`` has right-to-left letters: a printer prints code-page bytes left to right,
    unshaped, so Hebrew would print backwards and Arabic as unjoined letters even from CP862/CP864."""
    return any(unicodedata.bidirectional(c) in _STRONG_RTL for c in text)


@functools.cache
def _layout() -> ImageFont.Layout:
    if features.check("raqm"):
        return ImageFont.Layout.RAQM
    log.warning(
        "Pillow has no raqm layout (libfribidi missing?): Arabic and Hebrew print unshaped, left to right"
    )
    return ImageFont.Layout.BASIC


@functools.lru_cache(maxsize=64)
def load_font(path: str, index: int = 0, size: int = SIZE) -> ImageFont.FreeTypeFont:
    """A font file (face ``index`` of a collection) at ``size`` pixels, laid out by raqm when available."""
    return ImageFont.truetype(path, size, index=index, layout_engine=_layout())


def chain_for(text: str, bold: bool = False) -> tuple[Face, ...]:
    """The fallback chain for the characters of ``text`` (see the module doc)."""
    chain = fallback_chain("".join(sorted(set(text))), bold=bold)
    if chain:
        return chain
    name = "DejaVuSansMono-Bold.ttf" if bold else "DejaVuSansMono.ttf"  # fontconfig unavailable
    return (Face(str(FONT_DIR / name), 0, frozenset(text)),)


def split_runs(text: str, chain: tuple[Face, ...]) -> list[Run]:
    """Cut ``text`` into runs of one font each, in logical order."""
    runs: list[Run] = []
    for char in text:
        current = runs[-1].face if runs else None
        if current is not None and char in current.covers and unicodedata.bidirectional(char) in _NEUTRAL:
            face: Face | None = current
        else:
            face = next((f for f in chain if char in f.covers), chain[0] if chain else None)
        if runs and face == runs[-1].face:
            runs[-1] = Run(runs[-1].text + char, face)
        else:
            runs.append(Run(char, face))
    return runs


def visual_order(runs: list[Run], direction: str) -> list[Run]:
    """The runs left to right: rule L2 of the bidirectional algorithm with one level per run (a run
    against the paragraph's direction one level up; a neutral run between two such runs joins them)."""
    base = 1 if direction == "rtl" else 0
    against = "ltr" if direction == "rtl" else "rtl"
    kinds = [r.direction for r in runs]
    levels = []
    for i, kind in enumerate(kinds):
        if kind is None:
            before = next((k for k in reversed(kinds[:i]) if k is not None), direction)
            after = next((k for k in kinds[i + 1 :] if k is not None), direction)
            kind = against if before == after == against else direction
        levels.append(base + 1 if kind == against else base)
    order = list(range(len(runs)))
    for level in range(max(levels, default=0), 0, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [runs[i] for i in order]


def _font(face: Face | None, bold: bool) -> ImageFont.FreeTypeFont:
    if face is None:  # no chain at all: the receipt font, whose boxes at least show a gap
        return load_font(str(FONT_DIR / ("DejaVuSansMono-Bold.ttf" if bold else "DejaVuSansMono.ttf")))
    return load_font(face.path, face.index)


def measure(text: str, bold: bool = False) -> int:
    """The width in dots of ``text`` drawn as one line."""
    direction = paragraph_direction(text) or "ltr"
    chain = chain_for(text, bold)
    return sum(
        round(_font(r.face, bold).getlength(r.text, direction=_dir(direction)))
        for r in split_runs(text, chain)
    )


def _dir(direction: str) -> str | None:
    return direction if _layout() is ImageFont.Layout.RAQM else None  # basic layout takes no direction


def draw_line(text: str, bold: bool = False) -> Image.Image:
    """``text`` as a one-bit picture ``HEIGHT`` dots high and as wide as the text (at least 1 dot)."""
    direction = paragraph_direction(text) or "ltr"
    runs = visual_order(split_runs(text, chain_for(text, bold)), direction)
    widths = [round(_font(r.face, bold).getlength(r.text, direction=_dir(direction))) for r in runs]
    image = Image.new("1", (max(sum(widths), 1), HEIGHT), 1)
    draw = ImageDraw.Draw(image)
    x = 0
    for run, width in zip(runs, widths, strict=True):
        draw.text(
            (x, BASELINE),
            run.text,
            font=_font(run.face, bold),
            fill=0,
            anchor="ls",
            direction=_dir(direction),
        )
        x += width
    return image


def wrap(text: str, max_width: int, bold: bool = False) -> list[str]:
    """``text`` cut into lines no wider than ``max_width`` dots: at spaces when a word fits, else
    between characters (Chinese and Japanese have no spaces)."""
    if measure(text, bold) <= max_width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if measure(candidate, bold) <= max_width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if line and measure(line + char, bold) > max_width:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines or [""]
