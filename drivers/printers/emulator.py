"""An ESC/POS printer in software: interprets the bytes a printer receives and renders receipts.

Design: :class:`Interpreter` is a streaming parser (bytes may arrive in any chunking, as over TCP);
:meth:`Interpreter.feed` consumes every complete command, keeps an incomplete tail for the next chunk
and returns the bytes a printer would answer (``DLE EOT n`` status). It understands what our renderer
and common drivers send: init, text in the selected code page (``ESC t``), styles (``ESC E/G/-/!``,
``GS !``), alignment, feeds, barcodes (``GS k``), QR codes (``GS ( k``), raster images (``GS v 0``)
and cuts (``GS V``). Each cut finishes a :class:`RenderedReceipt`. :class:`EmulatorPrinter` is the
in-process printer (the ``emulator`` URL, the app's on-screen preview); ``emulator_server`` puts one
behind a TCP port like a network printer.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PIL import Image

from drivers.printers.document import Symbology
from drivers.printers.emulator_render import Paper, RenderedReceipt, Span, Symbol
from drivers.printers.profile import PrinterProfile, load_profile
from drivers.printers.status import ONLINE, PrinterStatus, State, encode
from drivers.printers.symbols import barcode_image, qr_image

log = logging.getLogger(__name__)

ESC, GS, DLE = 0x1B, 0x1D, 0x10
_INVERT = bytes(255 - i for i in range(256))
# ESC commands with a fixed number of argument bytes that we accept and ignore.
_ESC_IGNORED = {b"M": 1, b"R": 1, b"V": 1, b"{": 1, b"c": 2, b"p": 3, b"=": 1, b"U": 1, b" ": 1}
_GS_IGNORED = {b"a": 1, b"B": 1, b"b": 1, b"L": 2, b"W": 2, b"P": 2, b"I": 1, b"r": 1}


class _IncompleteError(Exception):
    """The buffer ends inside a command; wait for more bytes."""


class Interpreter:
    """Turns ESC/POS bytes into receipts (see the module docstring)."""

    def __init__(
        self,
        profile: PrinterProfile,
        on_receipt: Callable[[RenderedReceipt], None],
        status: Callable[[], PrinterStatus] = lambda: ONLINE,
        first_index: Callable[[], int] | None = None,
    ) -> None:
        self.profile = profile
        self._on_receipt = on_receipt
        self._status = status
        self._next_index = first_index or self._count
        self._counter = 0
        self._buffer = bytearray()
        self._raw = bytearray()
        self.paper = Paper(profile.width_dots)
        self._reset()

    def _count(self) -> int:
        self._counter += 1
        return self._counter

    def _reset(self) -> None:
        self.align = 0
        self.bold = False
        self.underline = False
        self.width = 1
        self.height = 1
        self.spacing = 30
        self.page_codec = (self.profile.code_page_by_index(0) or _CP437).codec
        self.bar_height, self.bar_module, self.bar_hri = 162, 3, 0
        self.qr_size, self.qr_data = 3, b""
        self._stored_graphic: Image.Image | None = None
        self._spans: list[Span] = []

    # --- input -------------------------------------------------------------------------------------
    def feed(self, data: bytes) -> bytes:
        """Consume bytes; returns the printer's answers (status bytes) to queries among them."""
        self._buffer += data
        replies = bytearray()
        pos = 0
        while pos < len(self._buffer):
            try:
                end, reply = self._command(pos)
            except _IncompleteError:
                break
            replies += reply
            if not reply:
                self._raw += self._buffer[pos:end]
            pos = end
        del self._buffer[:pos]
        return bytes(replies)

    def flush(self) -> None:
        """End of a connection: a receipt without a cut is finished as it is."""
        self._end_line(force=False)
        if not self.paper.empty:
            self._finish()

    # --- the command table -------------------------------------------------------------------------
    def _need(self, pos: int, n: int) -> bytes:
        if pos + n > len(self._buffer):
            raise _IncompleteError
        return bytes(self._buffer[pos : pos + n])

    def _printing(self) -> bool:
        return self._status().state in (State.ONLINE, State.PAPER_NEAR_END, State.UNKNOWN)

    def _command(self, pos: int) -> tuple[int, bytes]:
        byte = self._buffer[pos]
        if byte == DLE:
            cmd = self._need(pos, 3)
            if cmd[1] == 0x04:
                return pos + 3, bytes([encode(self._status()).get(cmd[2], 0x12)])
            return pos + 3, b""  # DLE DC4 … real-time requests: ignored
        if byte == ESC:
            return self._esc(pos), b""
        if byte == GS:
            return self._gs(pos), b""
        if byte == 0x0A:
            self._end_line(force=True)
        elif byte == 0x09:
            self._text(" " * 4)
        elif byte >= 0x20:
            end = pos
            while end < len(self._buffer) and self._buffer[end] >= 0x20:
                end += 1
            self._text(bytes(self._buffer[pos:end]).decode(self.page_codec, errors="replace"))
            return end, b""
        return pos + 1, b""

    def _esc(self, pos: int) -> int:
        op = self._need(pos, 2)[1:2]
        if op == b"@":
            self._end_line(force=False)
            self._reset()
            return pos + 2
        if op == b"2":
            self.spacing = 30
            return pos + 2
        if op in (b"E", b"G", b"-", b"a", b"t", b"d", b"J", b"3", b"!"):
            n = self._need(pos, 3)[2]
            if op in (b"E", b"G"):
                self.bold = bool(n & 1)
            elif op == b"-":
                self.underline = n in (1, 2, 0x31, 0x32)
            elif op == b"a":
                self.align = n % 48 if n >= 48 else n
            elif op == b"t":
                page = self.profile.code_page_by_index(n)
                if page is None:
                    log.warning("emulator: code page %d unknown to profile %s", n, self.profile.name)
                self.page_codec = page.codec if page else _CP437.codec
            elif op == b"d":
                self._end_line(force=False)
                self._paper_feed(n * self.spacing)
            elif op == b"J":
                self._end_line(force=False)
                self._paper_feed(n)
            elif op == b"3":
                self.spacing = n
            else:  # ESC ! print mode
                self.bold, self.underline = bool(n & 0x08), bool(n & 0x80)
                self.height, self.width = 2 if n & 0x10 else 1, 2 if n & 0x20 else 1
            return pos + 3
        if op == b"*":
            head = self._need(pos, 5)
            dots = head[3] | head[4] << 8
            return pos + 5 + dots * (3 if head[2] in (32, 33) else 1)
        if op in _ESC_IGNORED:
            return pos + 2 + _ESC_IGNORED[op]
        log.debug("emulator: unknown command ESC %r", op)
        return pos + 2

    def _gs(self, pos: int) -> int:
        op = self._need(pos, 2)[1:2]
        if op == b"!":
            n = self._need(pos, 3)[2]
            self.width, self.height = (n >> 4 & 7) + 1, (n & 7) + 1
            return pos + 3
        if op in (b"h", b"w", b"H", b"f"):
            n = self._need(pos, 3)[2]
            if op == b"h":
                self.bar_height = n
            elif op == b"w":
                self.bar_module = n
            elif op == b"H":
                self.bar_hri = n
            return pos + 3
        if op == b"V":
            m = self._need(pos, 3)[2]
            end = pos + 4 if m in (65, 66, 97, 98, 103, 104) else pos + 3
            self._need(pos, end - pos)
            self._end_line(force=False)
            if end == pos + 4:
                self._paper_feed(self._buffer[pos + 3] * 2)
            self._finish(extra=bytes(self._buffer[pos:end]))
            return end
        if op == b"k":
            return self._barcode(pos)
        if op == b"v":
            head = self._need(pos, 8)
            w, h = head[4] | head[5] << 8, head[6] | head[7] << 8
            data = self._need(pos + 8, w * h)
            self._end_line(force=False)
            img = Image.frombytes("1", (w * 8, h), data.translate(_INVERT))
            self._picture(img)
            return pos + 8 + w * h
        if op in (b"(",):
            head = self._need(pos, 5)
            n = head[3] | head[4] << 8
            body = self._need(pos + 5, n)
            if head[2:3] == b"k":
                self._qr(body)
            elif head[2:3] == b"L":
                self._graphics(body)
            return pos + 5 + n
        if op in _GS_IGNORED:
            return pos + 2 + _GS_IGNORED[op]
        log.debug("emulator: unknown command GS %r", op)
        return pos + 2

    # --- printing ----------------------------------------------------------------------------------
    def _text(self, text: str) -> None:
        self._spans.append(Span(text, self.bold, self.underline, self.width, self.height))

    def _end_line(self, force: bool) -> None:
        if self._spans or force:
            if self._printing():
                self.paper.text_line(self._spans, self.align, self.spacing)
            self._spans = []

    def _paper_feed(self, dots: int) -> None:
        if self._printing():
            self.paper.feed(dots)

    def _picture(self, img: Image.Image) -> None:
        if self._printing():
            self.paper.picture(img, self.align)

    def _barcode(self, pos: int) -> int:
        m = self._need(pos, 3)[2]
        if m <= 6:
            end = self._buffer.find(b"\x00", pos + 3)
            if end < 0:
                raise _IncompleteError
            data, after = bytes(self._buffer[pos + 3 : end]), end + 1
        else:
            n = self._need(pos, 4)[3]
            data, after = self._need(pos + 4, n), pos + 4 + n
        self._end_line(force=False)
        symbology = Symbology.EAN13 if m in (2, 67) else Symbology.CODE128 if m == 73 else None
        if symbology is None:
            log.warning("emulator: barcode type %d is not emulated", m)
            return after
        text = _code128_text(data) if symbology is Symbology.CODE128 else data.decode("ascii")
        try:
            img = barcode_image(symbology, text, self.bar_module, self.bar_height, self.bar_hri in (2, 3))
        except ValueError as exc:  # a real printer prints nothing for an invalid payload
            log.warning("emulator: invalid %s payload %r: %s", symbology, data, exc)
            return after
        self._picture(img)
        if self._printing():
            self.paper.symbols.append(Symbol(symbology.value, text))
        return after

    def _qr(self, body: bytes) -> None:
        if len(body) < 2 or body[0] != 49:
            return
        fn, rest = body[1], body[2:]
        if fn == 67 and rest:
            self.qr_size = rest[0]
        elif fn == 80:
            self.qr_data = rest[1:]
        elif fn == 81 and self.qr_data:
            self._end_line(force=False)
            text = self.qr_data.decode("utf-8", errors="replace")
            self._picture(qr_image(text, self.qr_size))
            if self._printing():
                self.paper.symbols.append(Symbol("QR", text))

    def _graphics(self, body: bytes) -> None:
        """``GS ( L``: fn 112 stores a raster picture (python-escpos ``impl="graphics"``), fn 50 prints it."""
        if len(body) >= 10 and body[1] == 112:
            w, h = body[6] | body[7] << 8, body[8] | body[9] << 8
            data = body[10 : 10 + ((w + 7) // 8) * h]
            self._stored_graphic = Image.frombytes("1", ((w + 7) // 8 * 8, h), data.translate(_INVERT))
        elif len(body) >= 2 and body[1] == 50 and self._stored_graphic is not None:
            self._end_line(force=False)
            self._picture(self._stored_graphic)
            self._stored_graphic = None

    def _finish(self, extra: bytes = b"") -> None:
        raw = bytes(self._raw) + extra
        self._raw.clear()
        if self.paper.empty:
            return
        receipt = self.paper.finish(self._next_index(), raw)
        self._on_receipt(receipt)


def _code128_text(data: bytes) -> str:
    """The characters a ``GS k 73`` payload carries: ``{A``/``{B`` text, ``{C`` digit pairs."""
    out: list[str] = []
    code_set = "B"
    i = 0
    while i < len(data):
        if data[i] == 0x7B and i + 1 < len(data) and data[i + 1] in b"ABC":
            code_set = chr(data[i + 1])
            i += 2
            continue
        out.append(f"{data[i]:02d}" if code_set == "C" else chr(data[i]))
        i += 1
    return "".join(out)


class _Cp437:
    codec = "cp437"


_CP437 = _Cp437()


class EmulatorPrinter:
    """The in-process printer: bytes in, :class:`RenderedReceipt` objects out.

    Args:
        profile: the printer profile to emulate (paper width, code page table).
        on_receipt: called (on the writing thread) with each receipt as it is cut.
        status: what the printer answers to ``DLE EOT``; while it is not online nothing prints.
    """

    def __init__(
        self,
        profile: PrinterProfile | None = None,
        on_receipt: Callable[[RenderedReceipt], None] | None = None,
        status: PrinterStatus = ONLINE,
    ) -> None:
        self.profile = profile or load_profile()
        self.status = status
        self._on_receipt = on_receipt
        self._lock = threading.RLock()  # on_receipt may read ``receipts``
        self._receipts: list[RenderedReceipt] = []
        self._interpreter = Interpreter(self.profile, self._received, lambda: self.status)

    @property
    def receipts(self) -> list[RenderedReceipt]:
        """Every receipt printed so far, oldest first."""
        with self._lock:
            return list(self._receipts)

    def write(self, data: bytes) -> bytes:
        """Send bytes to the printer; returns its answers to status queries."""
        with self._lock:
            return self._interpreter.feed(data)

    def flush(self) -> None:
        """Finish a receipt that was not cut (end of a job)."""
        with self._lock:
            self._interpreter.flush()

    def _received(self, receipt: RenderedReceipt) -> None:
        self._receipts.append(receipt)
        if self._on_receipt is not None:
            self._on_receipt(receipt)
