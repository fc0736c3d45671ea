"""``python -m loyalty_server`` (also ``loyalty-pos server``): run the reference server.

The listening socket is bound before uvicorn starts, so ``--port 0`` picks a free port; the manifest
(``--manifest``) is written atomically once the application has started, with the real ``baseUrl``.
Tests and ``loyalty-pos demo`` wait for that file.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from loyalty_server.admin.routes import admin_openapi
from loyalty_server.admin.services.accounts import bootstrap
from loyalty_server.app import create_app
from loyalty_server.context import Settings, utcnow
from loyalty_server.db import Database, describe, engine_url
from loyalty_server.errors import ApiError
from loyalty_server.seed import seed_demo
from loyalty_server.workers import run_workers


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="loyalty-pos server", description="Run the reference Loyalty server.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (0 picks a free one; default 8765)")
    p.add_argument(
        "--db",
        default="loyalty-server.db",
        help="an SQLite database file (the default: loyalty-server.db), or a PostgreSQL URL "
        "(postgresql://user:password@host/dbname)",
    )
    p.add_argument("--seed", choices=["demo"], default=None, help="fill an empty database with demo data")
    p.add_argument("--manifest", type=Path, default=None, help="write the demo manifest (JSON) here")
    p.add_argument("--auth-ttl", type=int, default=900, help="seconds before an uncommitted hold expires")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--export-openapi", type=Path, default=None, help="write the OpenAPI document and exit")
    p.add_argument(
        "--export-admin-openapi", type=Path, default=None, help="write the back office's OpenAPI and exit"
    )
    p.add_argument("--admin-user", default=None, help="create the first back-office admin (a superuser) once")
    p.add_argument(
        "--admin-password-file", type=Path, default=None, help="file holding the first admin's password"
    )
    p.add_argument(
        "--pairing-ttl",
        type=int,
        default=15 * 60,
        help="seconds a till pairing code is valid (default 15 min)",
    )
    p.add_argument(
        "--admin-session-ttl", type=int, default=8 * 3600, help="seconds an admin sign-in lasts (default 8 h)"
    )
    p.add_argument(
        "--max-in-flight",
        type=_positive,
        default=Settings.max_in_flight,
        help="requests in flight per worker before new ones get 429 + Retry-After "
        f"(default {Settings.max_in_flight})",
    )
    p.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="worker processes serving one database (more than 1 needs PostgreSQL; default 1)",
    )
    return p


def _positive(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _write_atomically(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket.

    WORKAROUND: the socket is made with ``proto=IPPROTO_TCP`` explicitly. asyncio turns Nagle's
    algorithm off (TCP_NODELAY) only on sockets whose ``proto`` says TCP, and ``socket.create_server``
    leaves it 0; accepted connections then answer in two segments and every response waits ~40 ms for
    the client's delayed ACK (measured: 44 ms per loopback request before, under 2 ms after).
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    sock.listen(512)
    return sock


def _first_admin(db: Database, user: str, password_file: Path) -> str | None:
    """Create the first back-office admin from the command line; the reason when it cannot be made."""
    try:
        password = password_file.read_text(encoding="utf-8").strip()
    except OSError as exc:
        return f"cannot read {password_file}: {exc.strerror}"
    try:
        for attempt in db.attempts():
            with attempt as conn:
                created = bootstrap(conn, user, password, utcnow())
    except ApiError as exc:
        return f"cannot create the admin {user}: {exc.message}"
    if created:
        print(f"Back-office admin {user} created (a superuser).", flush=True)
    return None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = Settings(
        auth_ttl_seconds=args.auth_ttl,
        admin_session_ttl_seconds=args.admin_session_ttl,
        pairing_ttl_seconds=args.pairing_ttl,
        max_in_flight=args.max_in_flight,
    )
    if args.export_openapi or args.export_admin_openapi:
        if args.export_openapi:
            app = create_app(Database(Path(":memory:")), settings)
            _write_atomically(args.export_openapi, app.openapi())
        if args.export_admin_openapi:
            _write_atomically(args.export_admin_openapi, admin_openapi())
        return 0
    if (args.admin_user is None) != (args.admin_password_file is None):
        print("loyalty-pos server: --admin-user and --admin-password-file go together", file=sys.stderr)
        return 2
    if args.workers > 1 and not engine_url(args.db).startswith("postgresql"):
        print(
            f"loyalty-pos server: --workers {args.workers}: SQLite is single-writer, so the server runs one "
            "worker on it; use PostgreSQL (--db postgresql://...) for several, or leave --workers out",
            file=sys.stderr,
        )
        return 2
    try:
        db = Database(args.db)
        manifest = seed_demo(db) if args.seed == "demo" else None
    except (OSError, ValueError, SQLAlchemyError) as exc:
        reason = exc.orig if isinstance(exc, DBAPIError) else exc
        print(f"loyalty-pos server: cannot use the database {describe(args.db)}: {reason}", file=sys.stderr)
        return 2
    if args.admin_user is not None:
        problem = _first_admin(db, args.admin_user, args.admin_password_file)
        if problem:
            print(f"loyalty-pos server: {problem}", file=sys.stderr)
            return 2
    try:
        sock = _listen(args.host, args.port)
    except OSError as exc:
        print(f"loyalty-pos server: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    base_url = f"http://{args.host}:{port}"

    def started() -> None:
        if args.manifest is not None:
            data = {"baseUrl": base_url, **(manifest or {})}
            if manifest and "admin" in manifest:
                data["adminUrl"] = f"{base_url}/admin"
            _write_atomically(args.manifest, data)
        print(f"Loyalty server listening on {base_url} (database {db.label})", flush=True)

    def serve(database: Database, on_started: Callable[[], None] | None) -> None:
        app = create_app(database, settings, on_started=on_started)
        config = uvicorn.Config(app, log_level=args.log_level, access_log=args.log_level == "debug")
        uvicorn.Server(config).run(sockets=[sock])

    if args.workers == 1:
        serve(db, started)
        return 0
    db.dispose()  # no pooled connection may cross a fork
    return run_workers(
        args.workers, lambda index: serve(Database(args.db, migrate=False), started if index == 0 else None)
    )


if __name__ == "__main__":
    sys.exit(main())
