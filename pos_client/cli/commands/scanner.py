"""``loyalty-pos scanner list | listen``: find scanners and see exactly what they send.

``listen`` prints every scan (masked unless ``--raw``) and every device change as it happens — one
JSON object per line with ``--json``: ``{"scan": {…}}`` or ``{"status": {…}}`` (docs/ARCHITECTURE.md#cli).
Input that did not become a scan (garbage, a scan cut short) is described on stderr, so JSON
consumers see only scans and status changes. Ctrl-C ends listening cleanly.
"""

from __future__ import annotations

import argparse
import os
import queue
import signal
import sys
import threading
import time
from typing import Any

from drivers.scanners import (
    DiscardEvent,
    ScanEvent,
    Scanner,
    ScannerUrlError,
    StatusEvent,
    Terminator,
    WedgeDetector,
    WedgeSettings,
    list_serial_ports,
    scanner_from_url,
)
from drivers.scanners.hid_pos import list_hid_scanners
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode
from pos_client.masking import mask_number

NO_DEVICE_MESSAGE = (
    "no scanner given: pass --device URL, for example --device 'serial:///dev/ttyUSB0?baudrate=9600'"
    " or --device /dev/ttyACM0 ('loyalty-pos scanner list' shows the ports found)"
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("scanner", help="find barcode scanners and check what they send")
    group.set_defaults(handler=_usage, group_parser=group)
    actions = group.add_subparsers(dest="scanner_action", metavar="ACTION")

    listing = actions.add_parser("list", help="serial ports and HID POS scanners found on this machine")
    _add_json_flag(listing)
    listing.set_defaults(handler=run_list)

    listen = actions.add_parser("listen", help="print each scan and device change until Ctrl-C")
    listen.add_argument("--device", metavar="URL", help="scanner URL or device path (see docs/scanners.md)")
    listen.add_argument("--count", type=_positive_int, metavar="N", help="stop after N scans")
    listen.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="give up (exit code 3) if fewer scans came by then"
    )
    listen.add_argument("--raw", action="store_true", help="show whole scans and the bytes received, in hex")
    listen.add_argument(
        "--terminator",
        choices=[member.name for member in Terminator],
        type=str.upper,
        help="what the scanner sends after each code (default AUTO: CR, LF, CRLF or TAB, whichever comes)",
    )
    listen.add_argument("--prefix", help="the prefix the scanner is programmed to send (removed)")
    listen.add_argument("--suffix", help="the suffix the scanner is programmed to send (removed)")
    _add_json_flag(listen)
    listen.set_defaults(handler=run_listen)


def _add_json_flag(parser: argparse.ArgumentParser) -> None:
    # The global --json also works after the command (``scanner listen --json``); SUPPRESS keeps a
    # global --json given before the command from being reset to False.
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")


def _positive_int(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _usage(args: argparse.Namespace, ctx: CliContext) -> int:
    args.group_parser.print_help(sys.stderr)
    return int(ExitCode.USAGE)


# -- scanner list ----------------------------------------------------------------------------------


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    ports = [
        {
            "device": port.device,
            "url": port.url,
            "description": port.description,
            "hwid": port.hwid,
            "vendorId": port.vendor_id,
            "productId": port.product_id,
        }
        for port in list_serial_ports()
    ]
    hid = list_hid_scanners()
    lines = [f"{port['device']:<24} {port['description'] or '-'}  {port['hwid']}".rstrip() for port in ports]
    if not lines:
        lines.append("No serial ports found.")
    lines += [f"{scanner['url']:<24} {scanner['description'] or '-'}  (USB HID POS)" for scanner in hid]
    lines.append(
        "Pseudo-terminals and network scanners are never listed; keyboard-wedge scanners are keyboards."
    )
    ctx.out.result({"ports": ports, "hidScanners": hid}, "\n".join(lines))
    return int(ExitCode.OK)


# -- scanner listen --------------------------------------------------------------------------------


def run_listen(args: argparse.Namespace, ctx: CliContext) -> int:
    if not args.device:
        raise CliError(NO_DEVICE_MESSAGE, ExitCode.USAGE)
    overrides = {
        name: value
        for name, value in (("terminator", args.terminator), ("prefix", args.prefix), ("suffix", args.suffix))
        if value is not None
    }
    events: queue.Queue[ScanEvent | StatusEvent | DiscardEvent] = queue.Queue()
    scanner: Scanner
    try:
        if args.device.strip().lower() == "wedge":
            scanner = _terminal_wedge(overrides, events)
        else:
            scanner = scanner_from_url(
                args.device,
                on_scan=events.put,
                on_status=events.put,
                on_discard=events.put,
                overrides=overrides,
            )
    except ScannerUrlError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from None
    ctx.on_close(scanner.stop)
    deadline = None if args.timeout is None else time.monotonic() + args.timeout
    # Ctrl-C is how a technician ends listening: stop the device, report "stopped", exit 0. It only
    # sets a flag: a KeyboardInterrupt raised inside Queue.get could leave the queue's lock taken
    # and hang the reader thread and this one (seen once in CI).
    interrupted = threading.Event()
    previous = _on_sigint(interrupted)
    scanner.start()
    try:
        scans = _print_until_done(events, args.count, deadline, args.raw, ctx, interrupted)
    finally:
        _restore_sigint(previous)
    if interrupted.is_set():
        scans = args.count or 0
    scanner.stop()
    while not events.empty():  # the final "stopped", and anything that came in meanwhile
        event = events.get_nowait()
        if not isinstance(event, ScanEvent):
            _print(event, args.raw, ctx)
    if args.count is not None and scans < args.count:
        ctx.out.error(f"only {scans} of {args.count} scans received")
        return int(ExitCode.UNAVAILABLE)
    return int(ExitCode.OK)


def _terminal_wedge(
    overrides: dict[str, str], events: queue.Queue[ScanEvent | StatusEvent | DiscardEvent]
) -> Scanner:
    """A keyboard-wedge scanner typing into this terminal, judged by the app's burst detector."""
    # Imported here: termios exists on POSIX only, and only this command needs it.
    from drivers.scanners.terminal_wedge import TerminalWedgeScanner

    try:
        fd = sys.stdin.fileno()
        is_terminal = os.isatty(fd)
    except (OSError, ValueError):  # no standard input at all (a service, a test runner)
        is_terminal = False
    if not is_terminal:
        raise CliError(
            "checking a keyboard-wedge scanner needs a terminal: run this on the till's own screen"
            " and scan into it",
            ExitCode.USAGE,
        )
    terminator = Terminator.parse(overrides.get("terminator", "auto"))
    # The terminal turns Enter (CR) into LF, so CR and LF both end a scan.
    terminators = {Terminator.AUTO: "\r\n\t", Terminator.TAB: "\t", Terminator.NONE: ""}.get(
        terminator, "\r\n"
    )
    settings = WedgeSettings(
        terminators=terminators, prefix=overrides.get("prefix", ""), suffix=overrides.get("suffix", "")
    )
    return TerminalWedgeScanner(fd, WedgeDetector(settings), events.put, events.put, events.put)


def _on_sigint(flag: threading.Event) -> Any:
    """Make Ctrl-C set ``flag`` (main thread only; elsewhere Ctrl-C keeps its default)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGINT, lambda _signum, _frame: flag.set())


def _restore_sigint(previous: Any) -> None:
    if previous is not None:
        signal.signal(signal.SIGINT, previous)


def _print_until_done(
    events: queue.Queue[ScanEvent | StatusEvent | DiscardEvent],
    count: int | None,
    deadline: float | None,
    raw: bool,
    ctx: CliContext,
    interrupted: threading.Event,
) -> int:
    """Print events until ``count`` scans, the deadline or Ctrl-C; returns the number of scans."""
    scans = 0
    while (count is None or scans < count) and not interrupted.is_set():
        wait = 0.2 if deadline is None else min(0.2, deadline - time.monotonic())
        if wait <= 0:
            break
        try:
            event = events.get(timeout=wait)
        except queue.Empty:
            continue
        _print(event, raw, ctx)
        scans += isinstance(event, ScanEvent)
    return scans


def _print(event: ScanEvent | StatusEvent | DiscardEvent, raw: bool, ctx: CliContext) -> None:
    if isinstance(event, ScanEvent):
        ctx.out.line({"scan": _scan_data(event, raw)}, _scan_text(event, raw))
    elif isinstance(event, StatusEvent):
        data = {"state": str(event.state), "device": event.source}
        if event.detail:
            data["detail"] = event.detail
        human = f"status  {event.state}" + (f"  ({event.detail})" if event.detail else "")
        ctx.out.line({"status": data}, human)
    else:
        size = f"{len(event.raw)} byte" + ("" if len(event.raw) == 1 else "s")
        shown = f": {event.raw.hex(' ')}" if raw else f" ({size}; --raw shows them)"
        ctx.out.error(f"input discarded, {_DISCARD_WORDS[event.reason]}{shown}")


_DISCARD_WORDS = {
    "partial": "the scan was never finished (check the terminator setting)",
    "disconnected": "the scanner went away in the middle of a scan",
    "invalid": "nothing readable in it",
    "overflow": "far too long for a barcode (check the terminator setting)",
    "typed": "typed like a person, not a scanner (a scanner types each character within 50 ms, then Enter)",
}


def _scan_data(event: ScanEvent, raw: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": event.text if raw else mask_number(event.text),
        "length": len(event.text),
        "symbology": event.symbology,
        "device": event.source,
    }
    if raw:
        data["raw"] = event.raw.hex()
    if event.invalid:
        data["invalidBytes"] = len(event.invalid)
    return data


def _scan_text(event: ScanEvent, raw: bool) -> str:
    parts = ["scan   ", event.text if raw else mask_number(event.text)]
    if event.symbology:
        parts.append(f"  symbology ]{event.symbology}")
    if event.invalid:
        parts.append(f"  ({len(event.invalid)} unreadable bytes skipped)")
    if raw:
        parts.append(f"  bytes {event.raw.hex(' ')}")
    return "".join(parts)
