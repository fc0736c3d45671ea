"""Pairing a till with a one-time code from the back office: the part the CLI and the app share.

An admin makes the code for a store's POS (``loyalty-pos admin pos pair-code`` or the web back office);
the technician types it on the terminal (``loyalty-pos config pair`` or the Server screen). The server
answers the POS token and the loyalty group for the code (``POST /api/v1/pair``); the token is stored
like ``config init`` stores one (the OS keyring or a 0600 file, never shown) and the server URL and
loyalty group go into the configuration.

Pairing gives the terminal a new registration (a new token), so it obeys the rule of ``config init``:
refused while operations wait or a payment hold is open, checked *before* the code is used, so a
refused pairing does not burn the code (:class:`pos_client.terminal_identity.ReRegistrationRefused`).
Syncing the series afterwards is the front end's job (the CLI builds a service; the app restarts).
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from pos_client import config as cfg
from pos_client.i18n import gettext as _
from pos_client.secrets import SecretError, store_token
from pos_client.terminal_identity import check_re_registration

TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class PairingError(Exception):
    """Pairing did not happen; the message says why in words.

    Attributes:
        code: the server's error code (``PAIRING_REFUSED`` etc.), ``UNREACHABLE`` when the server could
            not be reached, ``CONFIG`` when the configuration or token could not be written.
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    @property
    def unreachable(self) -> bool:
        return self.code == "UNREACHABLE"

    @property
    def local(self) -> bool:
        """This machine's fault (configuration or token storage), not the server's answer."""
        return self.code == "CONFIG"


@dataclass(frozen=True)
class Paired:
    """A till paired: where it is now registered and where its token went."""

    config: cfg.Config
    loyalty_group: str
    terminal_id: str | None
    store: int | None
    pos: int | None
    token_where: str  # "keyring" or the token file's path


def exchange(server: str, code: str, ca_bundle: Path | None = None) -> dict[str, Any]:
    """``POST /api/v1/pair``: the token, loyalty group, store and POS.

    Raises:
        PairingError: the server cannot be reached, or refused the code (its message: a wrong or
            expired code, one already used).
    """
    verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=str(ca_bundle)) if ca_bundle else True
    try:
        r = httpx.post(f"{server}/api/v1/pair", json={"code": code.strip()}, timeout=TIMEOUT, verify=verify)
    except (httpx.HTTPError, OSError) as exc:
        raise PairingError(
            _("cannot reach the server {server}: {reason}").format(server=server, reason=exc), "UNREACHABLE"
        ) from exc
    try:
        body: dict[str, Any] = r.json()
    except ValueError:
        body = {}
    if r.status_code != 201 or not isinstance(body, dict) or not isinstance(body.get("token"), str):
        found = body.get("error") if isinstance(body, dict) else None
        error: dict[str, Any] = found if isinstance(found, dict) else {}
        message = str(error.get("message") or _("the server answered {status}").format(status=r.status_code))
        raise PairingError(message, str(error.get("code") or "PAIRING_REFUSED"))
    return body


def current_config(path: Path) -> cfg.Config | None:
    """The configuration in force at ``path``, if there is a usable one (else nothing to protect)."""
    if not path.exists():
        return None
    try:
        config = cfg.load(path)
    except cfg.ConfigError:
        return None
    return config if config.server.url and config.server.loyalty_group else None


def check_may_pair(config_path: Path) -> None:
    """Refuse while work waits under the current registration.

    Raises:
        ReRegistrationRefused: operations wait, refusals wait for a manager, or a hold is open.
        OutboxError: the outbox cannot be read.
    """
    current = current_config(config_path)
    if current is not None:
        check_re_registration(current, what=_("pair this terminal again (a new POS token)"))


def pair_terminal(
    config_path: Path,
    server: str,
    code: str,
    *,
    ca_bundle: Path | None = None,
    locale: str | None = None,
    data_dir: Path | None = None,
) -> Paired:
    """Pair the terminal whose configuration is at ``config_path`` with ``code`` from ``server``.

    Raises:
        ReRegistrationRefused: work waits under the current registration (the code is not used).
        OutboxError: the outbox cannot be read (the code is not used).
        PairingError: the server refused the code or cannot be reached, or the configuration or
            token could not be written (``code == "CONFIG"``).
    """
    server = server.strip().rstrip("/")
    if not server.startswith(("http://", "https://")):
        raise PairingError(_("the server URL starts with https:// (or http://)"), "CONFIG")
    if not code.strip():
        raise PairingError(_("type the pairing code from the back office"), "CONFIG")
    check_may_pair(config_path)
    try:
        raw = cfg.read_raw(config_path)
    except cfg.ConfigError as exc:
        raise PairingError(str(exc), "CONFIG") from exc
    paired = exchange(server, code, ca_bundle)
    section = raw.setdefault("server", {})
    section["url"] = server
    section["loyalty_group"] = str(paired["loyaltyGroup"])
    if ca_bundle:
        section["ca_bundle"] = str(ca_bundle)
    if locale:
        raw.setdefault("terminal", {})["locale"] = locale
    if data_dir:
        raw["data_dir"] = str(data_dir)
    try:
        config = cfg.write_raw(config_path, raw)
        where = store_token(config_path, str(paired["token"]))
    except (SecretError, cfg.ConfigError) as exc:
        raise PairingError(str(exc), "CONFIG") from exc
    except OSError as exc:
        raise PairingError(f"{config_path}: cannot write: {exc.strerror}", "CONFIG") from exc
    store, pos = paired.get("store"), paired.get("pos")
    return Paired(
        config=config,
        loyalty_group=str(paired["loyaltyGroup"]),
        terminal_id=None if paired.get("terminalId") is None else str(paired["terminalId"]),
        store=store if isinstance(store, int) else None,
        pos=pos if isinstance(pos, int) else None,
        token_where=where,
    )
