"""``loyalty-pos config init | show | set | pair``: the terminal's configuration file and its POS token.

``pair`` (:mod:`pos_client.cli.commands.config_pair`) registers the till with a back-office pairing code.

``init`` writes the file (keeping options already in it), stores the token from ``--token-file`` in
the OS keyring or a 0600 file next to the configuration (never in the file itself). The CLI operator
is always a cashier (a manager signs a command with ``--manager``); the old ``--role`` is accepted
and ignored with a warning, as the removed ``[cli] operator_role`` it used to write (docs/configuration.md,
"Removed options"). ``--operators FILE`` (a JSON list of ``{name,
role, pin}``, or a demo manifest) adds operators to the local store, so a manager can approve
operations with ``--manager NAME``. ``show`` never shows the token, only where it is and its length.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from offline_queue import OutboxError
from pos_client import config as cfg
from pos_client.cli.commands.config_pair import register_pair
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode, refused_json
from pos_client.i18n import gettext as _
from pos_client.pairing import current_config
from pos_client.secrets import (
    SecretError,
    keyring_usable,
    load_token,
    mask_secret,
    read_token_file,
    store_token,
)
from pos_client.security import OPERATORS_DB, OperatorStore, Role
from pos_client.terminal_identity import (
    ReRegistrationRefused,
    check_re_registration,
    terminal_identity,
)

# Options that change who the terminal is (or where its queue lives): not while work waits.
_REGISTRATION_KEYS = ("server.url", "server.loyalty_group", "data_dir", "offline.outbox")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("config", help="create, show and change the terminal configuration")
    actions = group.add_subparsers(dest="config_action", metavar="ACTION", required=True)

    init = actions.add_parser("init", help="write the configuration and store the POS token")
    init.add_argument("--server", required=True, metavar="URL", help="the Loyalty server's base URL")
    init.add_argument("--loyalty-group", required=True, metavar="G", help="the loyalty group (tenant)")
    init.add_argument(
        "--token-file", required=True, type=Path, metavar="F", help="file holding this terminal's POS token"
    )
    # Removed: no configuration grants a role. Old scripts still run (a warning says it is ignored).
    init.add_argument("--role", default=None, help=argparse.SUPPRESS)
    init.add_argument("--operator", metavar="ID", help="operator id recorded in the audit log (default cli)")
    init.add_argument(
        "--operators", type=Path, metavar="FILE", help="JSON operators to add (name, role, pin)"
    )
    init.add_argument("--data-dir", type=Path, metavar="DIR", help="where the terminal keeps its databases")
    init.add_argument("--ca-bundle", type=Path, metavar="PEM", help="CAs to trust for the server's TLS")
    init.add_argument("--locale", help="locale for money and dates, e.g. pl_PL")
    _json_flag(init)
    init.set_defaults(handler=run_init)

    show = actions.add_parser("show", help="the configuration in force (the token masked)")
    _json_flag(show)
    show.set_defaults(handler=run_show)

    set_ = actions.add_parser(
        "set", help="change one option, e.g. `config set printer.url tcp://10.0.0.5:9100`"
    )
    set_.add_argument("key", help="section.option, e.g. server.url")
    set_.add_argument("value", help="the new value (lists comma-separated; empty resets a path)")
    _json_flag(set_)
    set_.set_defaults(handler=run_set)

    register_pair(actions)


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")


def _path(ctx: CliContext) -> Path:
    return cfg.resolve_path(ctx.config_path)


def _operators(file: Path) -> list[dict[str, str]]:
    """Operators from a JSON list or a demo manifest (``operators`` member)."""
    try:
        data: Any = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CliError(f"{file}: cannot read operators: {exc}", ExitCode.USAGE) from exc
    if isinstance(data, dict):
        data = data.get("operators")
    ok = isinstance(data, list) and all(
        isinstance(o, dict) and o.get("name") and o.get("pin") and o.get("role") in {r.value for r in Role}
        for o in data
    )
    if not ok:
        raise CliError(
            f"{file}: operators must be a JSON list of {{name, role, pin}}"
            " (role cashier, manager or technician)",
            ExitCode.USAGE,
        )
    return [{k: str(v) for k, v in o.items()} for o in data]


def run_init(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _path(ctx)
    try:
        token = read_token_file(args.token_file)
        raw = cfg.read_raw(path)
    except (SecretError, cfg.ConfigError) as exc:
        raise CliError(str(exc), ExitCode.USAGE) from exc
    _same_registration_or_nothing_waits(
        path,
        terminal_identity(args.server.rstrip("/"), args.loyalty_group, token),
        args.data_dir,
        what=_("register this terminal again (another server, loyalty group or token)"),
    )
    server = raw.setdefault("server", {})
    server["url"] = args.server.rstrip("/")
    server["loyalty_group"] = args.loyalty_group
    if args.ca_bundle:
        server["ca_bundle"] = str(args.ca_bundle)
    cli = raw.setdefault("cli", {})
    cli.pop("operator_role", None)  # a removed option: never written again
    if args.role is not None:
        ctx.out.error(
            _(
                "warning: --role is ignored: the CLI always runs as a cashier; a manager signs a command"
                " with --manager ID --pin PIN (or $LOYALTY_POS_MANAGER_PIN)"
            )
        )
    if args.operator:
        cli["operator_id"] = args.operator
    if args.locale:
        raw.setdefault("terminal", {})["locale"] = args.locale
    if args.data_dir:
        raw["data_dir"] = str(args.data_dir)
    operators = _operators(args.operators) if args.operators else []
    try:
        config = cfg.write_raw(path, raw)
        where = store_token(path, token)
    except (SecretError, cfg.ConfigError) as exc:
        raise CliError(str(exc), ExitCode.USAGE) from exc
    except OSError as exc:
        raise CliError(f"{path}: cannot write: {exc.strerror}", ExitCode.USAGE) from exc
    added = 0
    if operators:
        store = OperatorStore(config.data_path / OPERATORS_DB)
        try:
            added = store.seed(operators)
        finally:
            store.close()
    data = {
        "config": str(path),
        "token": "keyring" if where == "keyring" else "file",
        "tokenFile": None if where == "keyring" else where,
        "operatorsAdded": added,
    }
    human = _("configuration written to {path}; POS token stored in {where}").format(
        path=path, where=_("the OS keyring") if where == "keyring" else where
    )
    if added:
        human += "\n" + _("{n} operator(s) added").format(n=added)
    ctx.out.result(data, human)
    return int(ExitCode.OK)


def run_show(args: argparse.Namespace, ctx: CliContext) -> int:
    config = ctx.config()
    data = cfg.as_dict(config)
    try:
        token = mask_secret(load_token(_path(ctx)))
    except SecretError as exc:
        token = f"(not usable: {exc})"
    data["token"] = token
    data["tokenStore"] = "keyring" if keyring_usable() else "file"
    data["path"] = str(config.path)
    lines = [f"# {config.path}"]
    for section in cfg.SECTIONS:
        lines.append(f"[{section}]")
        lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in data[section].items()]
    lines.append(f"data_dir = {json.dumps(data['data_dir'])}")
    lines.append(f"# token: {token} ({data['tokenStore']})")
    ctx.out.result(data, "\n".join(lines))
    return int(ExitCode.OK)


def run_set(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _path(ctx)
    if args.key.split(".")[-1] in {"token", "pos_token"}:
        raise CliError(
            _("the POS token is not kept in the configuration: use `config init --token-file F`"),
            ExitCode.USAGE,
        )
    if args.key in _REGISTRATION_KEYS:
        _unchanged_or_nothing_waits(path, args.key, args.value)
    try:
        config = cfg.set_option(path, args.key, args.value)
    except cfg.ConfigError as exc:
        raise CliError(f"{path}: {exc}" if str(path) not in str(exc) else str(exc), ExitCode.USAGE) from exc
    except OSError as exc:
        raise CliError(f"{path}: cannot write: {exc.strerror}", ExitCode.USAGE) from exc
    section, _sep, option = args.key.rpartition(".")
    shown = cfg.as_dict(config)
    value = shown[section][option] if section else shown.get(option)
    ctx.out.result(
        {"key": args.key, "value": value, "config": str(path)}, f"{args.key} = {json.dumps(value)}"
    )
    return int(ExitCode.OK)


# -- re-registration ------------------------------------------------------------------------------


def _refuse_while_waiting(current: cfg.Config, what: str) -> None:
    """``check_re_registration`` in the CLI's words and exit codes."""
    try:
        check_re_registration(current, what=what)
    except ReRegistrationRefused as exc:
        raise CliError(str(exc), ExitCode.REFUSED, refused_json("TERMINAL_BUSY", str(exc))) from exc
    except OutboxError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from exc


def _same_registration_or_nothing_waits(
    path: Path, identity: str, data_dir: Path | None, *, what: str
) -> None:
    """``config init`` again: the same registration (e.g. to add operators) is always fine; another
    server, group or token (or another data folder) only when no work waits under the current one
    (operations queued under it would be delivered as another store)."""
    current = current_config(path)
    if current is None:
        return
    try:
        same = (
            terminal_identity(current.server.url, current.server.loyalty_group, load_token(path)) == identity
        )
    except SecretError:
        same = False  # the current token is unknown: nobody can tell it is the same terminal
    moved = (
        data_dir is not None and data_dir.expanduser().resolve() != current.data_path.expanduser().resolve()
    )
    if not same or moved:
        _refuse_while_waiting(current, what)


def _unchanged_or_nothing_waits(path: Path, key: str, value: str) -> None:
    """``config set`` of the server, the group or where the queue lives, while work waits."""
    current = current_config(path)
    if current is None:
        return
    section, _sep, option = key.rpartition(".")
    shown = cfg.as_dict(current)
    before = shown[section][option] if section else shown.get(option)
    if str(before or "").rstrip("/") != value.strip().rstrip("/"):
        _refuse_while_waiting(current, _("change {key} (the terminal's registration)").format(key=key))
