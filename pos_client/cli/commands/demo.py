"""``loyalty-pos demo`` and ``loyalty-pos run``: the app, with the demo server or for this terminal.

``demo`` starts the reference server with demo data on a free loopback port (``python -m
loyalty_server``; the client packages never import it), sets up a throw-away terminal for the demo
till in a temporary directory with ``config init`` (operators from the manifest, the on-screen
printer emulator, a keyboard-wedge scanner), runs the app (``python -m ui``: this package never
imports Qt) and stops the server when the app ends. With ``--screenshot PNG`` the app runs
offscreen, signs on as the demo cashier, scans the ``--scan`` numbers (a number, or a sample name
of the manifest such as ``giftcard_active``), saves the window and exits.

``run`` starts the app for the configured terminal.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout, suppress
from pathlib import Path
from typing import Any

from pos_client import config as cfg
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode
from pos_client.i18n import gettext as _

STARTUP_TIMEOUT = 60.0
PIN_ENV = "LOYALTY_POS_PIN"  # read by ``python -m ui --operator``


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="the app with an embedded demo server (demo data, on-screen printer)")
    demo.add_argument("--screenshot", type=Path, default=None, help="save the window as PNG and exit")
    demo.add_argument(
        "--scan",
        action="append",
        default=[],
        metavar="NUMBER",
        help="scan this number (or a sample name such as giftcard_active) after sign-on; repeatable",
    )
    demo.add_argument("--operator", default=None, help="sign on at once as this demo operator (id)")
    demo.add_argument("--language", choices=("en", "pl"), default=None, help="language of the app")
    demo.add_argument("--theme", choices=("light", "dark"), default=None, help="colour theme")
    demo.add_argument("--size", default="1280x800", help="window size of the screenshot, WxH")
    demo.set_defaults(handler=run_demo)

    run = sub.add_parser("run", help="start the app for the configured terminal")
    run.add_argument("--language", choices=("en", "pl"), default=None, help="language of the app")
    run.add_argument("--theme", choices=("light", "dark"), default=None, help="colour theme")
    run.set_defaults(handler=run_app)


def _app_command(config_path: Path | None, args: argparse.Namespace) -> list[str]:
    command = [sys.executable, "-m", "ui"]
    if config_path is not None:
        command += ["--config", str(config_path)]
    if args.language:
        command += ["--language", args.language]
    if args.theme:
        command += ["--theme", args.theme]
    return command


def run_app(args: argparse.Namespace, ctx: CliContext) -> int:
    """Start the app for the configured terminal, in place of this process."""
    path = cfg.resolve_path(ctx.config_path)
    if not path.exists():
        raise CliError(
            _("{path}: no terminal configuration; run `loyalty-pos config init` first").format(path=path),
            ExitCode.USAGE,
        )
    command = _app_command(path, args)
    sys.stdout.flush()
    os.execv(sys.executable, command)
    return 0  # pragma: no cover - execv does not return


@contextmanager
def demo_server(directory: Path) -> Iterator[dict[str, Any]]:
    """The reference server with demo data on a free loopback port; yields its manifest."""
    manifest_path = directory / "manifest.json"
    log_path = directory / "server.log"
    command = [
        sys.executable,
        "-m",
        "loyalty_server",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--db",
        str(directory / "server.db"),
        "--seed",
        "demo",
        "--manifest",
        str(manifest_path),
        "--log-level",
        "warning",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield _wait_for_manifest(process, manifest_path, log_path)
    finally:
        _stop(process)


def _wait_for_manifest(process: subprocess.Popen[bytes], path: Path, log_path: Path) -> dict[str, Any]:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise CliError(
                _("the demo server stopped at start-up:\n{log}").format(log=tail), ExitCode.UNAVAILABLE
            )
        if path.exists():
            try:
                manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                manifest = {}  # still being written
            if manifest:
                return manifest
        time.sleep(0.05)
    raise CliError(
        _("the demo server did not start within {s} s").format(s=int(STARTUP_TIMEOUT)), ExitCode.UNAVAILABLE
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def setup_terminal(directory: Path, manifest: dict[str, Any]) -> Path:
    """``config init`` for the demo till (terminal 0 of the manifest) in ``directory``; returns the
    configuration file."""
    from pos_client.cli.main import main as cli_main  # the CLI's own `config init`, not a copy

    directory.mkdir(parents=True, exist_ok=True)
    config_path = directory / "terminal.toml"
    token_file = directory / "demo.token"
    descriptor = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(str(manifest["terminals"][0]["token"]))
    operators = directory / "operators.json"
    operators.write_text(json.dumps(manifest.get("operators", [])), encoding="utf-8")
    report = io.StringIO()
    with redirect_stdout(report):  # its report is not the caller's output (bench/ui.py: one JSON line)
        code = cli_main(
            [
                "--config",
                str(config_path),
                "--json",
                "config",
                "init",
                "--server",
                str(manifest["baseUrl"]),
                "--loyalty-group",
                str(manifest["loyaltyGroup"]),
                "--token-file",
                str(token_file),
                "--operators",
                str(operators),
                "--data-dir",
                str(directory / "data"),
            ]
        )
    if code != 0:
        raise CliError(
            _("could not set up the demo terminal: {report}").format(report=report.getvalue().strip()),
            ExitCode.USAGE,
        )
    token_file.unlink()
    cfg.set_option(config_path, "printer.url", "emulator")
    cfg.set_option(config_path, "scanner.url", "wedge")
    return config_path


def _scan_numbers(scans: list[str], manifest: dict[str, Any]) -> list[str]:
    samples: dict[str, list[str]] = manifest.get("samples", {})
    return [str(samples[s][0]) if samples.get(s) else s for s in scans]


def _demo_operator(manifest: dict[str, Any], wanted: str | None) -> dict[str, str] | None:
    operators: list[dict[str, str]] = manifest.get("operators", [])
    if wanted:
        return next((o for o in operators if wanted in (o.get("id"), o.get("name"))), None)
    return next((o for o in operators if o.get("role") == "cashier"), None)


def _announce(manifest: dict[str, Any]) -> None:
    lines = [_("Demo server: {url}").format(url=manifest["baseUrl"]), _("Operators (demo PINs):")]
    for op in manifest.get("operators", []):
        lines.append(f"  {op.get('name')} ({op.get('role')}): {op.get('pin')}")
    admin = manifest.get("admin")
    if admin and manifest.get("adminUrl"):
        lines.append(
            _("Back office: {url} (user {user}, password {password})").format(
                url=manifest["adminUrl"], user=admin.get("user"), password=admin.get("password")
            )
        )
        lines.append(
            _("  or its command-line twin: loyalty-pos admin --server {url} --user {user} … (--help)").format(
                url=manifest["baseUrl"], user=admin.get("user")
            )
        )
    lines.append(_("Sample cards:"))
    for key, numbers in manifest.get("samples", {}).items():
        if numbers:
            lines.append(f"  {key}: {numbers[0]}")
    print("\n".join(lines), file=sys.stderr)


def run_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    """Server + terminal + app; see the module doc."""
    env = dict(os.environ)
    # The demo's token is throw-away: keep it out of the person's OS keyring (a 0600 file instead).
    os.environ["PYTHON_KEYRING_BACKEND"] = env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    with tempfile.TemporaryDirectory(prefix="loyalty-pos-demo-") as tmp:
        directory = Path(tmp)
        with demo_server(directory) as manifest:
            config_path = setup_terminal(directory, manifest)
            _announce(manifest)
            command = _app_command(config_path, args)
            operator = _demo_operator(manifest, args.operator)
            if args.operator and operator is None:
                raise CliError(_("no demo operator {name}").format(name=args.operator), ExitCode.USAGE)
            if args.screenshot is not None or args.operator:
                if operator is None:
                    raise CliError(_("the demo data has no cashier"), ExitCode.USAGE)
                command += ["--operator", str(operator.get("id") or operator["name"])]
                env[PIN_ENV] = str(operator["pin"])
                for number in _scan_numbers(args.scan, manifest):
                    command += ["--scan", number]
            if args.screenshot is not None:
                env["QT_QPA_PLATFORM"] = "offscreen"
                command += ["--screenshot", str(args.screenshot.resolve()), "--size", args.size]
            try:
                return subprocess.call(command, env=env)
            except KeyboardInterrupt:
                return 130
