"""Where the POS token lives (docs/ARCHITECTURE.md#security): the OS keyring when a usable one exists, else a
0600 file.

- The keyring entry is service ``loyalty-pos``, user = the absolute path of the configuration file,
  so two configurations on one machine (two terminals, or a training one) keep separate tokens.
- The fallback is ``<config file>.token`` next to the configuration, created with mode 0600 (never
  widened by the umask) and refused when it is readable by others.
- The token is never logged and never printed: :func:`mask_secret` shows at most 4 characters, and
  every token read or stored here is handed to :func:`pos_client.masking.remember_secret`, so the log
  masks its very value even where no pattern (``Bearer …``, ``token=…``) gives it away.
"""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.null
import keyring.errors

from pos_client.files import write_atomic
from pos_client.masking import remember_secret

SERVICE = "loyalty-pos"

log = logging.getLogger(__name__)


class SecretError(Exception):
    """The token cannot be stored or read; the message says where and why (never the token)."""


def mask_secret(secret: str) -> str:
    """``abcd…(32 chars)``: the first few characters and the length, never the whole secret."""
    if not secret:
        return "(not set)"
    shown = min(4, len(secret) // 4)
    return f"{secret[:shown]}…({len(secret)} chars)"


def keyring_usable() -> bool:
    """True when the active keyring backend really stores secrets (not the null or fail backend)."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring set-up means "no keyring"
        return False
    if isinstance(backend, keyring.backends.null.Keyring | keyring.backends.fail.Keyring):
        return False
    backends = getattr(backend, "backends", None)  # the chainer with nothing to chain
    return not (backends is not None and not backends)


def token_file(config_path: Path) -> Path:
    """The fallback token file next to ``config_path``."""
    return config_path.with_name(config_path.name + ".token")


def _user(config_path: Path) -> str:
    return str(config_path.expanduser().resolve())


def store_token(config_path: Path, token: str) -> str:
    """Store ``token`` for the configuration at ``config_path``; returns where ("keyring" or the file).

    Raises:
        SecretError: an empty token, or neither place could be written.
    """
    token = token.strip()
    if not token:
        raise SecretError("the token is empty")
    remember_secret(token)
    if keyring_usable():
        try:
            keyring.set_password(SERVICE, _user(config_path), token)
        except keyring.errors.KeyringError as exc:
            log.warning("keyring refused the token (%s); using a 0600 file", type(exc).__name__)
        else:
            path = token_file(config_path)
            if path.exists():
                path.unlink()  # no stale copy on disk
            return "keyring"
    path = token_file(config_path)
    try:
        write_atomic(path, token, mode=0o600)
    except OSError as exc:
        raise SecretError(f"{path}: cannot write the token file: {exc.strerror}") from None
    return str(path)


def load_token(config_path: Path) -> str:
    """The token of the configuration at ``config_path``.

    Raises:
        SecretError: no token stored, or the file is readable by others.
    """
    # The file first: store_token removes it whenever the keyring takes the token, so a file present
    # is the current token. This also spares a terminal without a keyring the backend detection
    # (about 0.5 s of plugin discovery at every start).
    path = token_file(config_path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if keyring_usable():
            try:
                token = keyring.get_password(SERVICE, _user(config_path))
            except keyring.errors.KeyringError:
                token = None
            if token:
                remember_secret(token)
                return token
        raise SecretError(
            f"no POS token for {config_path}; run `loyalty-pos config init ... --token-file F`"
        ) from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SecretError(f"{path}: the token file must be readable by its owner only (chmod 600)")
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SecretError(f"{path}: cannot read the token file: {type(exc).__name__}") from None
    if not token:
        raise SecretError(f"{path}: the token file is empty")
    remember_secret(token)
    return token


def read_token_file(path: Path) -> str:
    """Read a token handed over in a file (``config init --token-file F``).

    Raises:
        SecretError: missing, unreadable or empty.
    """
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SecretError(f"{path}: cannot read the token file: {exc}") from None
    if not token or any(c.isspace() for c in token):
        raise SecretError(f"{path}: the token file must hold the token alone")
    remember_secret(token)
    return token
