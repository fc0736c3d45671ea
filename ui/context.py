"""What every screen gets: the long-lived objects of the app, built once by :mod:`ui.app`.

A screen receives one :class:`AppContext` in its constructor and takes what it needs from it; it never
builds services itself and never reaches for a global. The composition root (``ui.app``) is the only
place that creates these objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pos_client.config import Config
from pos_client.security import Operator, Role

if TYPE_CHECKING:
    from pos_client.assembly import Core
    from pos_client.offline import QueuedGateway
    from pos_client.service import LoyaltyService
    from ui.approval import Approvals
    from ui.i18n import Translations
    from ui.messages import Messages
    from ui.monitor import StatusMonitor
    from ui.printing import Printing
    from ui.scanning import Scanning
    from ui.tasks import TaskRunner


@dataclass
class AppContext:
    """The app's services, for screens and controllers.

    Attributes:
        config: the terminal configuration (read only; replaced by :meth:`apply_device_settings`
            when the technician saves new settings, so read it when needed, do not copy it).
        core: the Qt-free core (``pos_client.assembly.Core``: client, catalogue, gateway, service,
            audit, operators).
        service: ``core.service``: every loyalty operation, for the signed-on operator.
        gateway: ``core.gateway``: the offline-aware write gateway (queue status, retry, park, flush).
        tasks: runs core calls off the GUI thread (``ctx.tasks.run(fn, on_success, on_failure)``).
        approvals: runs an operation, asking a manager's PIN when the service says it needs one
            (``ctx.approvals.run(lambda approval: ..., on_success, on_failure)``).
        printing: slips to the printer and the on-screen preview (``ctx.printing.print_slips(docs)``,
            ``ctx.printing.reprint()``); its signals say what happened.
        scanning: ``scanning.scanned(str)`` for every scan (serial, HID or keyboard wedge), and the
            scanner's state for the status bar.
        messages: the one message service (``ctx.messages.info/success/error(text)``).
        monitor: online/offline and queue status, refreshed in the background (``status_changed``).
        i18n: the language (``language_changed``) and theme; :attr:`locale` follows it.
        operator: the signed-on operator, as the service holds it (the one place; changes on
            sign-on; read it when needed, do not copy it).
    """

    config: Config
    core: Core
    service: LoyaltyService
    gateway: QueuedGateway
    tasks: TaskRunner
    approvals: Approvals
    printing: Printing
    scanning: Scanning
    messages: Messages
    monitor: StatusMonitor
    i18n: Translations

    @property
    def operator(self) -> Operator:
        """The signed-on operator: the service's (``LoyaltyService.operator``), never a copy."""
        return self.service.operator

    def apply_device_settings(self, config: Config) -> None:
        """Use ``config`` (just saved by a technician screen) from now on: the scanner is reopened and
        slips go to its printer without a restart of the app."""
        self.config = config
        self.scanning.reconfigure(config.scanner)
        self.printing.reconfigure(config)

    @property
    def role(self) -> Role:
        """The signed-on operator's role."""
        return self.operator.role

    @property
    def locale(self) -> str:
        """The locale for money and dates (``pl_PL``, ``en_GB``), following the app's language."""
        return self.i18n.locale
