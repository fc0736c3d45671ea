"""Serial and USB-CDC scanners (and pyserial's ``loop://`` / ``socket://``) read with pyserial."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

import serial

from drivers.scanners.device import DeviceLostError, DeviceScanner
from drivers.scanners.events import DiscardCallback, DiscardEvent, ScanCallback, ScanEvent, StatusCallback
from drivers.scanners.framing import ScanAssembler
from drivers.scanners.settings import DeviceKind, DeviceUrl

log = logging.getLogger(__name__)

# How long one read waits for the first byte. Bytes are handled as soon as they arrive; this only
# bounds how late a timeout (partial scan, no-terminator scan) or a stop request is noticed.
_POLL_SECONDS = 0.05


class SerialScanner(DeviceScanner[serial.SerialBase]):
    """A scanner on a serial port, read by its own thread; reconnects when the port comes back.

    Args:
        device: the parsed device URL (``DeviceKind.SERIAL`` or ``DeviceKind.PYSERIAL_URL``).
        on_scan: called from the reader thread with each scan.
        on_status: called from the reader thread on every state change.
        on_discard: called from the reader thread with input that did not become a scan.
        source: the name put in events (default: the device path or URL).
        clock: monotonic clock.
    """

    def __init__(
        self,
        device: DeviceUrl,
        on_scan: ScanCallback,
        on_status: StatusCallback | None = None,
        on_discard: DiscardCallback | None = None,
        *,
        source: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if device.kind not in (DeviceKind.SERIAL, DeviceKind.PYSERIAL_URL):
            raise ValueError(f"not a serial device: {device.kind}")
        name = source or device.target
        super().__init__(
            name,
            on_scan,
            on_status,
            on_discard,
            reconnect_interval=device.settings.reconnect_interval,
            clock=clock,
        )
        self._device = device
        settings = device.settings
        self._assembler = ScanAssembler(name, settings.framing(), settings.normaliser())
        self._read_timeout = min(_POLL_SECONDS, settings.inter_char_timeout / 2, settings.partial_timeout / 2)

    def _open(self) -> serial.SerialBase:
        settings = self._device.settings
        try:
            port = serial.serial_for_url(
                self._device.target,
                do_not_open=True,
                baudrate=settings.baudrate,
                bytesize=settings.bytesize,
                parity=settings.parity,
                stopbits=settings.stopbits,
                timeout=self._read_timeout,
            )
            if self._device.kind is DeviceKind.SERIAL:
                # Two programs reading one scanner would each get half the scans (the app and
                # `scanner listen` at once): take an exclusive lock where the platform has one.
                port.exclusive = True
            # Opening flushes input already waiting (docs/ARCHITECTURE.md#pitfalls). That is deliberate here:
            # anything received before the port was switched to raw mode may have been altered by the tty's
            # line discipline (CR turned into LF, …), so it cannot be trusted as a scan. The
            # "connected" status tells the technician (and the tests) when scanning is safe.
            port.open()
        except serial.SerialException as exc:
            raise DeviceLostError(str(exc)) from exc
        except ValueError as exc:
            raise DeviceLostError(f"the port refused its settings: {exc}") from exc
        return port

    def _close(self, handle: serial.SerialBase) -> None:
        try:
            handle.close()
        except (serial.SerialException, OSError):
            # Closing a port whose device is gone can fail; the descriptor is released either way.
            log.debug("closing %s failed", self.source, exc_info=True)

    def _interrupt(self, handle: serial.SerialBase) -> None:
        cancel = getattr(handle, "cancel_read", None)
        if callable(cancel):
            try:
                cancel()
            except (serial.SerialException, OSError):
                # Not fatal: the blocked read times out within _POLL_SECONDS anyway.
                log.debug("cancelling the read on %s failed", self.source, exc_info=True)

    def _pump(self, handle: serial.SerialBase) -> Iterable[ScanEvent | DiscardEvent]:
        try:
            data = handle.read(1)
            if data:
                waiting = handle.in_waiting
                if waiting:
                    data += handle.read(waiting)
        except serial.SerialException as exc:
            raise DeviceLostError(str(exc)) from exc
        return self._assembler.feed(data, self._clock())

    def _lost(self) -> Iterable[ScanEvent | DiscardEvent]:
        return self._assembler.reset(self._clock())
