"""Which installed fonts can draw a piece of text: the system's fontconfig, asked through ctypes.

Design: the raster-text fallback (:mod:`drivers.printers.raster_text`) draws text no code page holds
(Chinese, Hebrew, Arabic, ...). One font cannot: DejaVu Sans Mono has no Chinese and no Hebrew. Like a
browser, we keep a *fallback chain*: the receipt font first, then the fonts fontconfig sorts best for
the characters it lacks, and draw each character with the first font of the chain that has it.

Why ctypes and not a PyPI binding: ``libfontconfig.so.1`` is already a hard requirement of Qt (see
``scripts/setup.sh``), so we ask the very library, configuration and font cache Qt uses, and need no
compiled extension. We use six documented calls (``FcNameParse``, ``FcConfigSubstitute``,
``FcDefaultSubstitute``, ``FcFontMatch``, ``FcFontSort``, ``FcCharSetHasChar``) and copy every answer
into Python objects before freeing fontconfig's memory. Where fontconfig is missing (not a Debian
till), :func:`fallback_chain` returns the receipt font alone and logs once: text then prints as boxes,
as it did before the chain existed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

_MATCH = 0  # FcResultMatch
_MATCH_PATTERN = 0  # FcMatchPattern
_WEIGHT_REGULAR, _WEIGHT_BOLD = 80, 200  # FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD


@dataclass(frozen=True)
class Face:
    """One font file (and face index in a .ttc collection) and which asked-for characters it has."""

    path: str
    index: int
    covers: frozenset[str]


class _FontSet(ctypes.Structure):
    _fields_ = [
        ("nfont", ctypes.c_int),
        ("sfont", ctypes.c_int),
        ("fonts", ctypes.POINTER(ctypes.c_void_p)),
    ]


@functools.cache
def _library() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("fontconfig") or "libfontconfig.so.1"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        log.warning("fontconfig is not installed: text no code page holds may print as boxes")
        return None
    p, s = ctypes.c_void_p, ctypes.c_char_p
    lib.FcInit.restype = ctypes.c_int
    lib.FcNameParse.argtypes, lib.FcNameParse.restype = [s], p
    lib.FcPatternDestroy.argtypes, lib.FcPatternDestroy.restype = [p], None
    lib.FcPatternAddCharSet.argtypes, lib.FcPatternAddCharSet.restype = [p, s, p], ctypes.c_int
    lib.FcPatternAddBool.argtypes, lib.FcPatternAddBool.restype = [p, s, ctypes.c_int], ctypes.c_int
    lib.FcPatternAddInteger.argtypes, lib.FcPatternAddInteger.restype = [p, s, ctypes.c_int], ctypes.c_int
    lib.FcConfigSubstitute.argtypes, lib.FcConfigSubstitute.restype = [p, p, ctypes.c_int], ctypes.c_int
    lib.FcDefaultSubstitute.argtypes, lib.FcDefaultSubstitute.restype = [p], None
    lib.FcFontMatch.argtypes, lib.FcFontMatch.restype = [p, p, ctypes.POINTER(ctypes.c_int)], p
    lib.FcFontSort.argtypes = [p, p, ctypes.c_int, p, ctypes.POINTER(ctypes.c_int)]
    lib.FcFontSort.restype = ctypes.POINTER(_FontSet)
    lib.FcFontSetDestroy.argtypes, lib.FcFontSetDestroy.restype = [ctypes.POINTER(_FontSet)], None
    lib.FcCharSetCreate.argtypes, lib.FcCharSetCreate.restype = [], p
    lib.FcCharSetAddChar.argtypes, lib.FcCharSetAddChar.restype = [p, ctypes.c_uint32], ctypes.c_int
    lib.FcCharSetDestroy.argtypes, lib.FcCharSetDestroy.restype = [p], None
    lib.FcCharSetHasChar.argtypes, lib.FcCharSetHasChar.restype = [p, ctypes.c_uint32], ctypes.c_int
    lib.FcPatternGetString.argtypes = [p, s, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
    lib.FcPatternGetString.restype = ctypes.c_int
    lib.FcPatternGetInteger.argtypes = [p, s, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    lib.FcPatternGetInteger.restype = ctypes.c_int
    lib.FcPatternGetCharSet.argtypes = [p, s, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p)]
    lib.FcPatternGetCharSet.restype = ctypes.c_int
    if not lib.FcInit():
        log.warning("fontconfig could not load its configuration: text no code page holds may print as boxes")
        return None
    return lib


def _face(lib: ctypes.CDLL, pattern: int, chars: str) -> Face | None:
    """The file, index and coverage of ``chars`` of a font pattern fontconfig returned."""
    file = ctypes.c_char_p()
    if lib.FcPatternGetString(pattern, b"file", 0, ctypes.byref(file)) != _MATCH or not file.value:
        return None
    index = ctypes.c_int(0)
    lib.FcPatternGetInteger(pattern, b"index", 0, ctypes.byref(index))
    charset = ctypes.c_void_p()
    covers: frozenset[str] = frozenset()
    if lib.FcPatternGetCharSet(pattern, b"charset", 0, ctypes.byref(charset)) == _MATCH:
        covers = frozenset(c for c in chars if lib.FcCharSetHasChar(charset, ord(c)))
    return Face(path=file.value.decode("utf-8", "surrogateescape"), index=index.value, covers=covers)


def _pattern(lib: ctypes.CDLL, family: str, bold: bool, chars: str = "") -> int:
    pattern = lib.FcNameParse(family.replace("-", r"\-").encode("utf-8"))
    lib.FcPatternAddInteger(pattern, b"weight", _WEIGHT_BOLD if bold else _WEIGHT_REGULAR)
    lib.FcPatternAddBool(pattern, b"scalable", 1)  # Pillow draws outline fonts, not bitmap strikes
    if chars:
        charset = lib.FcCharSetCreate()
        for char in chars:
            lib.FcCharSetAddChar(charset, ord(char))
        lib.FcPatternAddCharSet(pattern, b"charset", charset)  # the pattern keeps its own copy
        lib.FcCharSetDestroy(charset)
    lib.FcConfigSubstitute(None, pattern, _MATCH_PATTERN)
    lib.FcDefaultSubstitute(pattern)
    return int(pattern)


@functools.lru_cache(maxsize=512)
def fallback_chain(chars: str, family: str = "DejaVu Sans Mono", bold: bool = False) -> tuple[Face, ...]:
    """The fonts to draw ``chars`` with: the best match for ``family`` first, then, for the
    characters it lacks, the fonts fontconfig sorts best for them, each adding characters the ones
    before it lack. Characters no installed font has are in no face's ``covers``.

    Args:
        chars: the characters to draw (each once, in any order; pass them sorted for the cache).
        family: the preferred family (the receipt font).
        bold: prefer bold faces.
    """
    lib = _library()
    if lib is None:
        return ()
    result = ctypes.c_int()
    pattern = _pattern(lib, family, bold)
    matched = lib.FcFontMatch(None, pattern, ctypes.byref(result))
    lib.FcPatternDestroy(pattern)
    chain: list[Face] = []
    if matched:
        primary = _face(lib, matched, chars)
        lib.FcPatternDestroy(matched)
        if primary is not None:
            chain.append(primary)
    missing = "".join(c for c in chars if not any(c in f.covers for f in chain))
    if not missing:
        return tuple(chain)
    pattern = _pattern(lib, family, bold, missing)
    fonts = lib.FcFontSort(None, pattern, 1, None, ctypes.byref(result))  # trim: only fonts adding coverage
    lib.FcPatternDestroy(pattern)
    if not fonts:
        return tuple(chain)
    try:
        for i in range(fonts.contents.nfont):
            face = _face(lib, fonts.contents.fonts[i], chars)  # all of them: spaces join its runs
            if face is not None and (face.covers & set(missing)) - frozenset().union(
                *(f.covers for f in chain)
            ):
                chain.append(face)
            if all(any(c in f.covers for f in chain) for c in missing):
                break
    finally:
        lib.FcFontSetDestroy(fonts)
    return tuple(chain)
