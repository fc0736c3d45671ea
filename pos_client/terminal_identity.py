"""Which terminal registration an operation belongs to, and when the registration may change.

A terminal is registered by three things: the server's URL, the loyalty group and its POS token
(which tells the server the merchant, store and POS). An operation queued offline is a promise made
as *that* terminal, so:

- every queued operation records :func:`terminal_identity` of the registration in force (a
  fingerprint: nothing secret can be read back from it), and the replayer never sends it under
  another one (``offline_queue.replayer.TERMINAL_CHANGED``);
- re-registering (``config init`` with another server, group or token; ``config set`` of the server
  or the data folder) is refused while operations wait or a payment hold is open
  (:func:`check_re_registration`), with the way out in the message.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from gettext import gettext as _
from urllib.parse import urlsplit, urlunsplit

from offline_queue.store import Outbox, State
from pos_client.config import Config

__all__ = [
    "OPEN_HOLD_FILE",
    "ReRegistrationRefused",
    "WaitingWork",
    "check_re_registration",
    "terminal_identity",
    "waiting_work",
]

OPEN_HOLD_FILE = "open-hold.json"  # the till's open payment hold, in the data folder (the app keeps it)


def _normal_url(url: str) -> str:
    """The server URL as one spelling: scheme and host in lower case, no trailing slash."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))


def terminal_identity(server_url: str, loyalty_group: str, token: str) -> str:
    """The fingerprint of a terminal registration: ``t1:`` + 32 hex digits of a SHA-256 over the
    normalised server URL, the loyalty group and the token (the token cannot be recovered from it)."""
    digest = hashlib.sha256(
        "\n".join((_normal_url(server_url), loyalty_group.strip(), token.strip())).encode("utf-8")
    ).hexdigest()
    return "t1:" + digest[:32]


@dataclass(frozen=True)
class WaitingWork:
    """What binds the terminal to its current registration."""

    pending: int  # operations still to deliver
    refused: int  # refusals a manager has not resolved yet (a retry would send them)
    hold_open: bool  # the till keeps an open payment hold (to commit or cancel)

    def __bool__(self) -> bool:
        return bool(self.pending or self.refused or self.hold_open)

    def describe(self) -> str:
        """What waits, in plain words."""
        parts = []
        if self.pending:
            parts.append(_("{n} operation(s) wait to be sent").format(n=self.pending))
        if self.refused:
            parts.append(_("{n} refused operation(s) wait for a manager").format(n=self.refused))
        if self.hold_open:
            parts.append(_("a payment hold is open at the till"))
        return "; ".join(parts)


def waiting_work(config: Config) -> WaitingWork:
    """What waits in the terminal's outbox and data folder (nothing when they do not exist yet).

    Raises:
        OutboxError: the outbox exists but cannot be read (damaged, or from a newer version).
    """
    pending = refused = 0
    if config.outbox_path.exists():
        with Outbox(config.outbox_path, recover=False) as outbox:
            pending = outbox.summary().pending
            refused = len(outbox.entries([State.REFUSED], attention_only=True))
    return WaitingWork(pending, refused, (config.data_path / OPEN_HOLD_FILE).exists())


class ReRegistrationRefused(Exception):  # noqa: N818 - reads as the reason
    """The terminal's registration may not change now (see the module doc).

    Attributes:
        waiting: what binds the terminal to its registration.
    """

    def __init__(self, waiting: WaitingWork, what: str) -> None:
        super().__init__(
            _(
                "cannot {what} while this terminal has work under its current registration: {waiting}. "
                "Deliver or resolve it first: `loyalty-pos queue flush` sends what waits (a manager "
                "parks or retries what the server refused: `loyalty-pos queue park ID`, or the manager's "
                "queue screen); finish an open payment at the till (commit or cancel). "
                "Then try again"
            ).format(what=what, waiting=waiting.describe())
        )
        self.waiting = waiting


def check_re_registration(current: Config, *, what: str) -> None:
    """Refuse a change of registration (``what``, e.g. "register with another server") while work
    waits under the current one.

    Raises:
        ReRegistrationRefused: operations wait, refusals wait for a manager, or a hold is open.
        OutboxError: the outbox cannot be read (then nobody can tell what waits: refused too).
    """
    waiting = waiting_work(current)
    if waiting:
        raise ReRegistrationRefused(waiting, what)
