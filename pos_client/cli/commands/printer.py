"""``loyalty-pos printer list | test | status | reprint | emulate``.

The printer chosen by the configuration and the command line, and the slips other commands print
(``--print`` / ``--printer URL``), are :mod:`pos_client.cli.slips`.
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path
from typing import Any

from drivers.printers.emulator_render import RenderedReceipt
from drivers.printers.emulator_server import EmulatorServer
from drivers.printers.profile import ProfileError, load_profile
from drivers.printers.status import COVER_OPEN, ONLINE, PAPER_NEAR_END, PAPER_OUT, PrinterError
from drivers.printers.test_page import test_page
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode
from pos_client.cli.slips import receipt_printer, slip_printer
from pos_client.receipts.devices import serial_ports, usb_printers
from pos_client.receipts.printing import PrintState

EMULATED_STATES = {
    "online": ONLINE,
    "paper-out": PAPER_OUT,
    "cover-open": COVER_OPEN,
    "near-end": PAPER_NEAR_END,
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("printer", help="find, test and emulate receipt printers; reprint the last slip")
    group.set_defaults(handler=_usage, group_parser=group)
    actions = group.add_subparsers(dest="printer_action", metavar="ACTION")

    listing = actions.add_parser("list", help="USB printers and serial ports found on this machine")
    _json_flag(listing)
    listing.add_argument("--profiles", action="store_true", help="also list the printer profiles known")
    listing.set_defaults(handler=run_list)

    test = actions.add_parser("test", help="print a test page: code pages, styles, barcodes, QR code")
    add_printer_options(test)
    test.set_defaults(handler=run_test)

    status = actions.add_parser("status", help="ask the printer for its status (online, paper, cover)")
    add_printer_options(status)
    status.set_defaults(handler=run_status)

    reprint = actions.add_parser(
        "reprint",
        help="print the last slip again (marked REPRINT); a slip with a whole card number needs a manager",
    )
    add_printer_options(reprint)
    reprint.add_argument(
        "--manager", metavar="NAME", help="approving manager (a slip that carries a whole card number)"
    )
    reprint.add_argument("--pin", metavar="PIN", help="the manager's PIN (better: $LOYALTY_POS_MANAGER_PIN)")
    reprint.set_defaults(handler=run_reprint)

    emulate = actions.add_parser("emulate", help="a network printer in software: receipts become PNG files")
    emulate.add_argument(
        "--listen", default="127.0.0.1:9100", metavar="HOST:PORT", help="default %(default)s"
    )
    emulate.add_argument(
        "--out", type=Path, default=Path("receipts"), metavar="DIR", help="default ./receipts"
    )
    emulate.add_argument("--profile", default="default", help="printer profile to emulate")
    emulate.add_argument("--paper-width", type=int, choices=(58, 80), help="paper width in mm")
    emulate.add_argument(
        "--status", choices=sorted(EMULATED_STATES), default="online", help="what DLE EOT answers"
    )
    emulate.add_argument("--count", type=int, metavar="N", help="stop after N receipts")
    _json_flag(emulate)
    emulate.set_defaults(handler=run_emulate)


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")


def add_printer_options(parser: argparse.ArgumentParser) -> None:
    """``--printer URL`` and the settings that go with it."""
    parser.add_argument("--printer", metavar="URL", help="printer URL (default: the configured printer)")
    parser.add_argument("--profile", help="python-escpos printer profile, e.g. TM-T88V")
    parser.add_argument("--paper-width", type=int, choices=(58, 80), help="paper width in mm")
    parser.add_argument("--code-pages", metavar="LIST", help="code pages to use, e.g. CP858,CP852")
    _json_flag(parser)


def _usage(args: argparse.Namespace, ctx: CliContext) -> int:
    args.group_parser.print_help()
    return int(ExitCode.USAGE)


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    usb, note = usb_printers()
    found = [*usb, *serial_ports()]
    data: dict[str, Any] = {
        "printers": [{"url": p.url, "description": p.description, "connection": p.connection} for p in found],
        "notes": [note] if note else [],
    }
    lines = [f"{p.url:44} {p.description}" for p in found] or ["no USB printers or serial ports found"]
    if note:
        lines.append(note)
    lines.append("network printers are not discovered: use tcp://HOST:9100")
    if args.profiles:
        from drivers.printers.profile import profile_names

        data["profiles"] = profile_names()
        lines.append("profiles: " + ", ".join(profile_names()))
    ctx.out.result(data, "\n".join(lines))
    return int(ExitCode.OK)


def run_test(args: argparse.Namespace, ctx: CliContext) -> int:
    printer = receipt_printer(args, ctx.config_path)
    try:
        status = printer.print_document(test_page(printer.profile, str(printer.url)))
    except PrinterError as exc:
        raise CliError(
            exc.message, ExitCode.UNAVAILABLE, {"state": "failed", "error": type(exc).__name__}
        ) from exc
    ctx.out.result(
        {"state": "printed", "printer": str(printer.url), "status": status.state.value},
        f"test page sent to {printer.url} (printer status: {status.state.value})",
    )
    return int(ExitCode.OK)


def run_status(args: argparse.Namespace, ctx: CliContext) -> int:
    printer = receipt_printer(args, ctx.config_path)
    try:
        status = printer.status()
    except PrinterError as exc:
        raise CliError(
            exc.message, ExitCode.UNAVAILABLE, {"state": "offline", "error": type(exc).__name__}
        ) from exc
    data = {
        "state": status.state.value,
        "online": status.online,
        "paper": status.paper.value,
        "coverOpen": status.cover_open,
        "error": status.error,
        "known": status.known,
    }
    ctx.out.result(data, f"{printer.url}: {status.state.value}")
    return int(ExitCode.OK)


def run_reprint(args: argparse.Namespace, ctx: CliContext) -> int:
    printer = slip_printer(args, ctx.config_path)
    # A slip that is a card (whole number, barcode) is reprinted only when a manager allows it: the
    # service checks the PIN and the role and audits it (the core is built only for such a slip).
    printer.authorise = lambda approval: ctx.service().authorise_reprint(approval)
    outcome = printer.reprint(ctx.approval(args))
    if outcome.state is PrintState.NOTHING:
        raise CliError(outcome.message, ExitCode.REFUSED, outcome.as_json())
    if not outcome.printed:
        raise CliError(outcome.message, ExitCode.UNAVAILABLE, outcome.as_json())
    ctx.out.result(outcome.as_json(), outcome.message)
    return int(ExitCode.OK)


def run_emulate(args: argparse.Namespace, ctx: CliContext) -> int:
    host, _, port_text = args.listen.rpartition(":")
    if not host or not port_text.isdigit():
        raise CliError(f"--listen must be HOST:PORT, not {args.listen!r}", ExitCode.USAGE)
    try:
        profile = load_profile(args.profile, args.paper_width)
    except ProfileError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from exc
    done = threading.Event()
    count = 0
    lock = threading.Lock()

    def received(receipt: RenderedReceipt) -> None:
        nonlocal count
        stem = args.out / f"receipt-{receipt.index:04d}"
        symbols = [{"kind": s.kind, "data": s.data} for s in receipt.symbols]
        ctx.out.line(
            {
                "receipt": {
                    "index": receipt.index,
                    "png": f"{stem}.png",
                    "bin": f"{stem}.bin",
                    "symbols": symbols,
                }
            },
            f"{stem}.png  ({len(receipt.text.splitlines())} lines, {len(symbols)} codes)",
        )
        with lock:
            count += 1
            if args.count and count >= args.count:
                done.set()

    try:
        server = EmulatorServer(
            (host, int(port_text)), args.out, profile, EMULATED_STATES[args.status], on_receipt=received
        )
    except OSError as exc:
        raise CliError(
            f"cannot listen on {args.listen}: {exc.strerror or exc}", ExitCode.UNAVAILABLE
        ) from exc
    ctx.on_close(server.server_close)
    thread = threading.Thread(target=server.serve_forever, name="printer-emulator", daemon=True)
    thread.start()
    ctx.out.line(
        {"status": {"listening": f"{host}:{server.port}", "out": str(args.out), "profile": profile.name}},
        f"emulating a {profile.name} printer on tcp://{host}:{server.port}; "
        f"receipts go to {args.out} (Ctrl-C ends)",
    )
    try:
        done.wait()
    finally:
        server.shutdown()
        thread.join(5)
    return int(ExitCode.OK)
