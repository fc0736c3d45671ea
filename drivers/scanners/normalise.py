"""Turning what a scanner sent into the number the terminal identifies (docs/ARCHITECTURE.md#domain).

One normaliser serves every input path — serial and HID scanners, keyboard-wedge bursts, numbers typed
by the cashier, ``loyalty-pos identify`` — so a number means the same thing wherever it comes from.
It never raises, whatever it is given: scanners send line noise when a cable is half plugged in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# ISO/IEC 15424 (AIM) symbology identifier: "]" + symbology code character + modifier character,
# e.g. "]C0" Code 128, "]E0" EAN-13, "]Q1" QR Code, "]d2" GS1 DataMatrix.
_AIM_IDENTIFIER = re.compile(r"\][A-Za-z][0-9A-Za-z]")

# Undecodable bytes come back from "surrogateescape" decoding as lone surrogates U+DC80..U+DCFF.
_ESCAPED_BYTE_FIRST = 0xDC80
_ESCAPED_BYTE_LAST = 0xDCFF


@dataclass(frozen=True, slots=True)
class NormalisedScan:
    """The result of normalisation.

    Attributes:
        text: what is left: no whitespace, no control characters, no AIM identifier, no prefix/suffix.
        symbology: the AIM identifier without ``]`` (``"E0"``) if the scan started with one.
        invalid: the bytes that were not valid UTF-8 and were skipped, in order.
    """

    text: str
    symbology: str | None
    invalid: bytes


def _is_noise(char: str) -> bool:
    """Whitespace, control, format, private-use, unassigned or surrogate characters."""
    return char.isspace() or unicodedata.category(char)[0] in ("C", "Z")


def clean(text: str) -> str:
    """``text`` without whitespace and control characters (anywhere, not only at the ends)."""
    return "".join(char for char in text if not _is_noise(char))


class Normaliser:
    """Normalises scans for one scanner configuration.

    Args:
        prefix: what the scanner is configured to send before each code; removed when present.
            Only its printable part matters (control characters are removed anyway).
        suffix: the same after each code (not the terminator — that is the framing's business).
    """

    def __init__(self, prefix: str = "", suffix: str = "") -> None:
        self.prefix = clean(prefix)
        self.suffix = clean(suffix)

    def normalise_bytes(self, raw: bytes) -> NormalisedScan:
        """Normalise bytes from a device; bytes that are not UTF-8 are reported and skipped."""
        decoded = raw.decode("utf-8", errors="surrogateescape")
        invalid = bytes(
            ord(char) - 0xDC00 for char in decoded if _ESCAPED_BYTE_FIRST <= ord(char) <= _ESCAPED_BYTE_LAST
        )
        text, symbology = self._strip(clean(decoded))
        return NormalisedScan(text=text, symbology=symbology, invalid=invalid)

    def normalise_text(self, text: str) -> NormalisedScan:
        """Normalise text that is already characters (keyboard wedge, typed or pasted numbers)."""
        stripped, symbology = self._strip(clean(text))
        return NormalisedScan(text=stripped, symbology=symbology, invalid=b"")

    def _strip(self, text: str) -> tuple[str, str | None]:
        # Scanners put the AIM identifier either before or after the configured prefix, so accept both.
        had_prefix = self._has_prefix(text)
        if had_prefix:
            text = text[len(self.prefix) :]
        symbology: str | None = None
        match = _AIM_IDENTIFIER.match(text)
        if match is not None:
            symbology = match.group()[1:]
            text = text[match.end() :]
        if not had_prefix and self._has_prefix(text):
            text = text[len(self.prefix) :]
        if self.suffix and text.endswith(self.suffix) and len(text) > len(self.suffix):
            text = text[: -len(self.suffix)]
        return text, symbology

    def _has_prefix(self, text: str) -> bool:
        # Never strip the whole scan away: a code equal to the prefix is more likely data than framing.
        return bool(self.prefix) and text.startswith(self.prefix) and len(text) > len(self.prefix)


def normalise(text: str) -> str:
    """Normalise a number typed or pasted by a person (no scanner prefix/suffix applies)."""
    return Normaliser().normalise_text(text).text
