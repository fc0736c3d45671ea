"""The ESC/POS emulator behind a TCP port, like a network printer on 9100.

Design: a ``socketserver.ThreadingTCPServer``; each connection gets its own
:class:`~drivers.printers.emulator.Interpreter` (a job starts with ``ESC @`` anyway), answers
``DLE EOT`` queries on the same socket, and every finished receipt is written as
``DIR/receipt-0001.png`` and ``.bin`` (the exact bytes) and passed to ``on_receipt``. Receipt numbers
continue from the files already in ``DIR``.
"""

from __future__ import annotations

import re
import socketserver
import threading
from collections.abc import Callable
from pathlib import Path

from drivers.printers.emulator import Interpreter
from drivers.printers.emulator_render import RenderedReceipt
from drivers.printers.profile import PrinterProfile
from drivers.printers.status import ONLINE, PrinterStatus


class EmulatorServer(socketserver.ThreadingTCPServer):
    """A network printer in software.

    Args:
        address: (host, port) to listen on; port 0 picks a free one (see ``server_address``).
        out_dir: where receipts are written.
        profile: the printer to emulate.
        status: what ``DLE EOT`` answers (settable while running, for tests).
        on_receipt: called with each receipt after its files are written.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        out_dir: Path,
        profile: PrinterProfile,
        status: PrinterStatus = ONLINE,
        on_receipt: Callable[[RenderedReceipt], None] | None = None,
    ) -> None:
        self.out_dir = out_dir
        self.profile = profile
        self.status = status
        self.on_receipt = on_receipt
        self._lock = threading.Lock()
        out_dir.mkdir(parents=True, exist_ok=True)
        numbers = [int(m.group(1)) for p in out_dir.glob("receipt-*.bin") if (m := _NUMBER.match(p.name))]
        self._last = max(numbers, default=0)
        super().__init__(address, _Handler)

    @property
    def port(self) -> int:
        """The TCP port actually listened on."""
        return int(self.server_address[1])

    def next_index(self) -> int:
        """The number of the next receipt file."""
        with self._lock:
            self._last += 1
            return self._last

    def save(self, receipt: RenderedReceipt) -> None:
        """Write a receipt's PNG and bytes, then tell ``on_receipt``."""
        stem = self.out_dir / f"receipt-{receipt.index:04d}"
        stem.with_suffix(".png").write_bytes(receipt.png_bytes)
        stem.with_suffix(".bin").write_bytes(receipt.raw)
        if self.on_receipt is not None:
            self.on_receipt(receipt)


_NUMBER = re.compile(r"receipt-(\d+)\.bin$")


class _Handler(socketserver.BaseRequestHandler):
    server: EmulatorServer

    def handle(self) -> None:
        server = self.server
        interpreter = Interpreter(server.profile, server.save, lambda: server.status, server.next_index)
        while True:
            try:
                chunk = self.request.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            answer = interpreter.feed(chunk)
            if answer:
                self.request.sendall(answer)
        interpreter.flush()
