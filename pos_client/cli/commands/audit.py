"""``loyalty-pos audit list [--limit N]``: the terminal's local audit log (a manager's view).

The audit log records every sensitive operation and override with the approving manager, wrong PINs
and lock-outs (``pos_client.security.AuditLog``). Reading it needs a manager: ``--manager ID`` with
``--pin PIN`` or ``$LOYALTY_POS_MANAGER_PIN``; the reading is audited too. Card numbers are masked in
every entry (a subject is stored masked; the details are masked again on the way out).
"""

from __future__ import annotations

import argparse
from typing import Any

from pos_client.cli.commands.money import add_approval
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode, join_lines
from pos_client.i18n import gettext as _
from pos_client.masking import mask_text
from pos_client.security import AuditEntry

DEFAULT_LIMIT = 50


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("audit", help="the terminal's audit log of sensitive operations (manager)")
    actions = group.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    p = actions.add_parser("list", help="the newest entries first (manager)")
    p.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"at most N entries (default {DEFAULT_LIMIT})",
    )
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    add_approval(p)
    p.set_defaults(handler=run_list)


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {str(k): _masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    return value


def entry_json(entry: AuditEntry) -> dict[str, Any]:
    """One entry as plain data, masked."""
    return {
        "seq": entry.seq,
        "time": entry.time.isoformat(timespec="seconds"),
        "action": entry.action,
        "operator": entry.operator_id,
        "approvedBy": entry.approved_by,
        "subject": mask_text(entry.subject),
        "details": _masked(dict(entry.details)),
    }


def entry_text(data: dict[str, Any]) -> str:
    """One entry as a line: time, action, who (and who approved), subject, details."""
    who = data["operator"]
    if data["approvedBy"]:
        who += " " + _("(approved by {manager})").format(manager=data["approvedBy"])
    details = " ".join(f"{k}={v}" for k, v in sorted(data["details"].items()))
    return "  ".join(part for part in (data["time"], data["action"], who, data["subject"], details) if part)


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.limit < 1:
        raise CliError(_("--limit must be at least 1"), ExitCode.USAGE)
    approval = ctx.approval(args)
    core = ctx.core()
    manager = core.service.authorise_manager("audit list", approval)  # PIN and role; a wrong PIN is audited
    entries = [entry_json(e) for e in core.audit.entries(args.limit)]
    core.service.audit("audit_view", "", manager, {"entries": len(entries)})
    data = {"count": len(entries), "entries": entries}
    ctx.out.result(data, join_lines((entry_text(e) for e in entries), _("the audit log is empty")))
    return int(ExitCode.OK)
