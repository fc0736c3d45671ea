"""Choosing code pages per text run, so Polish letters, £ and € print right on one slip.

Design: no single code page has them all (CP852 has Polish letters but no £ or €, CP858 has £ and €
but no Polish letters). :func:`split_runs` cuts a line into runs, each encodable in one of the
printer's code pages, preferring to stay in the current page (fewer ``ESC t`` switches) and otherwise
taking the page that covers the longest stretch. Characters no page has come back as runs with
``page=None``: the renderer draws such a line as a raster image instead of letting the printer print
``?`` (python-escpos's behaviour with a forced code page, docs/ARCHITECTURE.md#pitfalls).
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.printers.profile import CodePage


@dataclass(frozen=True)
class Run:
    """A stretch of text and the code page that encodes it (None: no page can)."""

    text: str
    page: CodePage | None

    def encode(self) -> bytes:
        """The run's bytes in its code page."""
        if self.page is None:
            raise ValueError(f"no code page encodes {self.text!r}")
        return self.text.encode(self.page.codec)


def _encodes(page: CodePage, char: str) -> bool:
    try:
        encoded = char.encode(page.codec)
    except UnicodeEncodeError:
        return False
    return len(encoded) == 1


def _reach(page: CodePage, text: str, start: int) -> int:
    """How many characters from ``start`` the page encodes in a row."""
    n = 0
    for char in text[start:]:
        if not _encodes(page, char):
            break
        n += 1
    return n


def split_runs(text: str, pages: tuple[CodePage, ...], current: CodePage | None = None) -> list[Run]:
    """Cut ``text`` into runs, each in one code page of ``pages`` (or None when none encodes it).

    Args:
        text: the line to print.
        pages: the printer's usable code pages, most preferred first.
        current: the page the printer has selected now; kept while it can encode the text.
    """
    runs: list[Run] = []
    i = 0
    while i < len(text):
        page: CodePage | None = None
        length = 0
        if current is not None and _encodes(current, text[i]):
            page, length = current, _reach(current, text, i)
        else:
            for candidate in pages:
                reach = _reach(candidate, text, i)
                if reach > length:
                    page, length = candidate, reach
        if page is None:
            j = i + 1
            while j < len(text) and not any(_encodes(p, text[j]) for p in pages):
                j += 1
            runs.append(Run(text[i:j], None))
            i = j
            continue
        runs.append(Run(text[i : i + length], page))
        current = page
        i += length
    return runs


def covered(text: str, pages: tuple[CodePage, ...]) -> bool:
    """True when every character of ``text`` is in at least one of ``pages``."""
    return all(run.page is not None for run in split_runs(text, pages))
