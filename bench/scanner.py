"""Benchmark of the serial scanner; prints ONE JSON line of measured figures and ratios.

Latency from the last byte of a scan written on a pseudo-terminal to the scan event reaching its
callback, through the real reader thread (pyserial, framing, normalisation), over N scans. The
baseline is the floor for any reader: a bare thread blocked in ``select`` + ``os.read`` on the same
kind of pty, finding the terminator itself. ``overhead_ms`` is the driver's own cost above that floor.

Run: ``.venv/bin/python bench/scanner.py [--n 500] [--warmup 20]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

# WORKAROUND: Python puts this script's folder first on sys.path, and bench/queue.py (the outbox
# benchmark) then shadows the standard library's ``queue`` module; take the folder off before importing.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import queue  # noqa: E402
import select  # noqa: E402
import statistics  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import tty  # noqa: E402

from drivers.scanners import ScanEvent, ScannerState, StatusEvent  # noqa: E402
from drivers.scanners.serial_scanner import SerialScanner  # noqa: E402
from drivers.scanners.settings import parse_device_url  # noqa: E402

SCAN = b"]E02900000000017\r"


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _write(fd: int, data: bytes) -> float:
    os.write(fd, data)
    return time.perf_counter()  # the last byte is written


def measure_driver(n: int, warmup: int) -> list[float]:
    master, slave = os.openpty()
    tty.setraw(slave)
    arrived: queue.Queue[float] = queue.Queue()
    connected = threading.Event()

    def on_scan(event: ScanEvent) -> None:
        arrived.put(time.perf_counter())

    def on_status(event: StatusEvent) -> None:
        if event.state is ScannerState.CONNECTED:
            connected.set()

    scanner = SerialScanner(parse_device_url(os.ttyname(slave)), on_scan, on_status)
    scanner.start()
    try:
        if not connected.wait(10):
            raise RuntimeError("the scanner did not connect to the pty")
        samples = []
        for index in range(warmup + n):
            written = _write(master, SCAN)
            delivered = arrived.get(timeout=10)
            if index >= warmup:
                samples.append((delivered - written) * 1000)
        return samples
    finally:
        scanner.stop()
        os.close(master)
        os.close(slave)


def measure_floor(n: int, warmup: int) -> list[float]:
    master, slave = os.openpty()
    tty.setraw(slave)
    arrived: queue.Queue[float] = queue.Queue()
    stop = threading.Event()

    def read() -> None:
        buffer = b""
        while not stop.is_set():
            ready, _, _ = select.select([slave], [], [], 0.05)
            if not ready:
                continue
            buffer += os.read(slave, 4096)
            while b"\r" in buffer:
                _, buffer = buffer.split(b"\r", 1)
                arrived.put(time.perf_counter())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    try:
        samples = []
        for index in range(warmup + n):
            written = _write(master, SCAN)
            delivered = arrived.get(timeout=10)
            if index >= warmup:
                samples.append((delivered - written) * 1000)
        return samples
    finally:
        stop.set()
        thread.join()
        os.close(master)
        os.close(slave)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="scans measured")
    parser.add_argument("--warmup", type=int, default=20, help="scans before measuring")
    args = parser.parse_args()
    floor = measure_floor(args.n, args.warmup)
    driver = measure_driver(args.n, args.warmup)
    floor_median = statistics.median(floor)
    driver_median = statistics.median(driver)
    print(
        json.dumps(
            {
                "bench": "scanner",
                "n": args.n,
                "scan_to_event_median_ms": round(driver_median, 4),
                "scan_to_event_p99_ms": round(_percentile(driver, 0.99), 4),
                "scan_to_event_max_ms": round(max(driver), 4),
                "floor_median_ms": round(floor_median, 4),
                "floor_p99_ms": round(_percentile(floor, 0.99), 4),
                "overhead_median_ms": round(driver_median - floor_median, 4),
                "ratio_median_to_floor": round(driver_median / floor_median, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
