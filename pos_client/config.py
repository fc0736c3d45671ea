"""The terminal's configuration: one typed, frozen object loaded from a TOML file.

Where: ``--config PATH``, else ``$LOYALTY_POS_CONFIG``, else ``<user config dir>/loyalty-pos/terminal.toml``
(platformdirs). Every option has a default and a one-line doc (the ``doc`` metadata of its field);
``docs/configuration.md`` lists them. A broken or partial file raises :class:`ConfigError` naming the
file, the key and what is wrong — never a traceback. The POS token is a secret and is not in this file
(see ``pos_client.secrets``). Writing (``config init``/``config set``) renders the whole file with each
option's doc as a comment; options left at their default are written commented out.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pos_client.files import write_atomic

APP_NAME = "loyalty-pos"
ENV_VAR = "LOYALTY_POS_CONFIG"
FILE_NAME = "terminal.toml"


def _opt(default: Any, doc: str) -> Any:
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class ServerConfig:
    """The central Loyalty server."""

    url: str = _opt("", "base URL of the Loyalty server, e.g. https://loyalty.example.com")
    loyalty_group: str = _opt("", "the loyalty group (tenant) this terminal works in")
    ca_bundle: Path | None = field(
        default=None,
        metadata={"doc": "PEM file of CAs to trust instead of the system's (TLS stays verified)"},
    )
    connect_timeout: float = _opt(3.0, "seconds to wait for a connection to the server")
    read_timeout: float = _opt(10.0, "seconds to wait for the server's answer")
    retry_seconds: float = _opt(
        6.0, "seconds one operation retries a lost or failed answer before it may go to the offline queue"
    )
    check_seconds: float = _opt(
        15.0,
        "seconds more a payment whose answer was lost is checked with the server before it counts as unpaid",
    )


@dataclass(frozen=True)
class TerminalConfig:
    """How this terminal talks to people."""

    locale: str = _opt("en_GB", "locale for money and dates, e.g. pl_PL or en_GB")
    currency: str = _opt("PLN", "currency used when the server has not said (ISO 4217 code)")


@dataclass(frozen=True)
class StoreConfig:
    """The store, for slip headers."""

    name: str = _opt("", "store name printed on slips (empty: the server's store name)")
    address: tuple[str, ...] = _opt((), "store address lines printed on slips")


@dataclass(frozen=True)
class ScannerConfig:
    """The barcode scanner."""

    url: str = _opt("", "scanner device URL: serial:///dev/ttyUSB0?baudrate=9600, wedge, hid://VID:PID, ...")
    terminator: str = _opt(
        "auto", "what ends a scan on serial scanners: auto (CR, LF, CR LF or Tab) or the exact character(s)"
    )
    prefix: str = _opt("", "prefix the scanner is programmed to send before each code (removed)")
    suffix: str = _opt("", "suffix the scanner is programmed to send after each code (removed)")
    wedge_max_gap_ms: int = _opt(50, "keyboard-wedge: most milliseconds between keys of one scan")
    wedge_layout: str = _opt(
        "auto",
        "keyboard-wedge: the till's keyboard layout, for a scanner set to US: auto (the system's), us, gb,"
        " de, fr, it, es, pl",
    )


@dataclass(frozen=True)
class PrinterConfig:
    """The receipt printer."""

    url: str = _opt("", "printer URL: usb://VID:PID, tcp://HOST:9100, serial://..., file://..., emulator")
    profile: str = _opt("default", "python-escpos capability profile of the printer")
    paper_width_mm: int = _opt(80, "paper width in millimetres (58 or 80)")
    code_pages: tuple[str, ...] = _opt(("cp852", "cp858"), "code pages the printer supports, preferred first")
    header: tuple[str, ...] = _opt((), "extra lines printed at the top of every slip")
    footer: tuple[str, ...] = _opt((), "extra lines printed at the bottom of every slip")


@dataclass(frozen=True)
class OfflineConfig:
    """Store and forward while the server is away."""

    outbox: Path | None = field(
        default=None, metadata={"doc": "outbox SQLite file (default: outbox.db in the data directory)"}
    )
    replay_interval_seconds: float = _opt(10.0, "seconds between replay attempts of queued operations")


@dataclass(frozen=True)
class UiConfig:
    """The desktop app."""

    language: str = _opt("en", "language of the app's texts (en, pl)")
    theme: str = _opt("light", "colour theme of the app (light, dark)")
    isolate_personal_data: bool = _opt(
        False, "show customers' names only as initials on screens and slips (the server keeps them whole)"
    )
    sounds: bool = _opt(True, "play a short sound for a scan that found a usable card and for every error")
    sound_command: str = _opt(
        "", "program that plays a WAV file given as its last argument (empty: pw-play, paplay or aplay)"
    )
    customer_display: str = _opt(
        "auto", "customer-facing window: auto (on a second screen when there is one), on, off"
    )


@dataclass(frozen=True)
class CliConfig:
    """The command line (scripting host POS, diagnostics)."""

    operator_id: str = _opt("cli", "operator recorded in the audit log for CLI operations (a cashier)")


@dataclass(frozen=True)
class Config:
    """Everything the terminal is configured with."""

    server: ServerConfig = field(default_factory=ServerConfig)
    terminal: TerminalConfig = field(default_factory=TerminalConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    scanner: ScannerConfig = field(default_factory=ScannerConfig)
    printer: PrinterConfig = field(default_factory=PrinterConfig)
    offline: OfflineConfig = field(default_factory=OfflineConfig)
    ui: UiConfig = field(default_factory=UiConfig)
    cli: CliConfig = field(default_factory=CliConfig)
    data_dir: Path | None = field(
        default=None, metadata={"doc": "where the terminal keeps its databases (default: the user data dir)"}
    )
    path: Path | None = field(default=None, compare=False, metadata={"internal": True})
    ignored: tuple[str, ...] = field(default=(), compare=False, metadata={"internal": True})
    """Warnings about removed options found in the file (ignored; front ends show them)."""

    @property
    def data_path(self) -> Path:
        """The data directory actually used."""
        if self.data_dir is not None:
            return self.data_dir
        import platformdirs  # ~11 ms: only when the file does not say (the app starts with this module)

        return platformdirs.user_data_path(APP_NAME)

    @property
    def outbox_path(self) -> Path:
        """The outbox file actually used."""
        return self.offline.outbox or self.data_path / "outbox.db"


SECTIONS: dict[str, type[Any]] = {
    name: typing.cast(type[Any], hint)
    for name, hint in typing.get_type_hints(Config).items()
    if isinstance(hint, type) and dataclasses.is_dataclass(hint)
}
TOP_LEVEL = ("data_dir",)

# Options that existed once and are ignored now, with why (docs/configuration.md lists them). A file
# that still has one loads, with a warning; writing the file (``config set``) drops it.
REMOVED_OPTIONS: dict[str, str] = {
    "cli.operator_role": (
        "ignored: no configuration grants a role. The CLI runs as a cashier; a manager signs a command"
        " with --manager ID --pin PIN (or --manager ID and $LOYALTY_POS_MANAGER_PIN). Remove the line."
    ),
}


class ConfigError(Exception):
    """A configuration problem, in words naming the file and the key."""


def default_path() -> Path:
    """The configuration file used when neither ``--config`` nor the environment names one."""
    import platformdirs  # see Config.data_path

    return platformdirs.user_config_path(APP_NAME) / FILE_NAME


def resolve_path(explicit: Path | None = None) -> Path:
    """``explicit``, else ``$LOYALTY_POS_CONFIG``, else :func:`default_path`."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else default_path()


def option_doc(section: str | None, key: str) -> str:
    """The one-line doc of an option."""
    owner = Config if section is None else SECTIONS[section]
    return str({f.name: f.metadata.get("doc", "") for f in dataclasses.fields(owner)}[key])


def _hints(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(value: Any, hint: Any, where: str) -> Any:
    """``value`` (from TOML) as ``hint``, or ConfigError naming ``where``."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None or value == "":
            return None
        return _convert(value, args[0], where)
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected a whole number, got {value!r}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, got {value!r}")
        return value
    if hint is Path:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: expected a file path, got {value!r}")
        return Path(value).expanduser()
    if origin is tuple:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
        return tuple(value)
    raise ConfigError(f"{where}: unsupported option type")  # pragma: no cover - a bug in this module


def _check(config: Config, name: str) -> None:
    """Cross-field rules; ConfigError names the file and key."""
    s = config.server
    if s.url and not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", s.url):
        raise ConfigError(f"{name}: server.url: {s.url!r} is not an http(s) URL")
    for option in ("connect_timeout", "read_timeout", "retry_seconds", "check_seconds"):
        value = getattr(s, option)
        if not math.isfinite(value) or value <= 0:  # nan or inf would mean waiting forever
            raise ConfigError(f"{name}: server.{option}: must be a number of seconds above 0, got {value}")
    if s.ca_bundle is not None and not s.ca_bundle.is_file():
        raise ConfigError(f"{name}: server.ca_bundle: no such file {str(s.ca_bundle)!r}")
    if not re.fullmatch(r"[a-z]{2}(_[A-Z]{2})?", config.terminal.locale):
        raise ConfigError(f"{name}: terminal.locale: {config.terminal.locale!r} is not like pl_PL or en_GB")
    from pos_client.money import MINOR_UNITS  # local: money is a leaf module, keep import order simple

    if config.terminal.currency.upper() not in MINOR_UNITS:
        raise ConfigError(f"{name}: terminal.currency: {config.terminal.currency!r} is not supported")
    from drivers.scanners.wedge_layouts import check_layout  # local, like money above

    try:
        check_layout(config.scanner.wedge_layout)
    except ValueError as exc:
        raise ConfigError(f"{name}: scanner.wedge_layout: {exc}") from None
    if config.printer.paper_width_mm <= 0 or config.scanner.wedge_max_gap_ms <= 0:
        raise ConfigError(f"{name}: printer.paper_width_mm and scanner.wedge_max_gap_ms must be positive")
    interval = config.offline.replay_interval_seconds
    if not math.isfinite(interval) or interval <= 0:
        raise ConfigError(
            f"{name}: offline.replay_interval_seconds: must be a number above 0, got {interval}"
        )


def from_mapping(raw: Mapping[str, Any], name: str = "configuration") -> Config:
    """Build and check a :class:`Config` from parsed TOML; ``name`` is the file for messages."""
    top_hints = _hints(Config)
    sections: dict[str, Any] = {}
    top: dict[str, Any] = {}
    ignored: list[str] = []
    for key, value in raw.items():
        if key in SECTIONS:
            if not isinstance(value, Mapping):
                raise ConfigError(f"{name}: [{key}] must be a table of options")
            cls = SECTIONS[key]
            hints = _hints(cls)
            values: dict[str, Any] = {}
            for option, item in value.items():
                if f"{key}.{option}" in REMOVED_OPTIONS:
                    ignored.append(f"{name}: {key}.{option}: {REMOVED_OPTIONS[f'{key}.{option}']}")
                    continue
                if option not in hints:
                    raise ConfigError(f"{name}: {key}.{option}: unknown option")
                values[option] = _convert(item, hints[option], f"{name}: {key}.{option}")
            sections[key] = cls(**values)
        elif key in TOP_LEVEL:
            top[key] = _convert(value, top_hints[key], f"{name}: {key}")
        else:
            raise ConfigError(f"{name}: {key}: unknown option or section")
    config = Config(**sections, **top, ignored=tuple(ignored))
    _check(config, name)
    return config


def read_raw(path: Path) -> dict[str, Any]:
    """The file's TOML as a dict ({} when there is no file); ConfigError when unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def load(path: Path | None = None, *, must_exist: bool = True) -> Config:
    """Load the configuration (see the module doc for where from).

    Raises:
        ConfigError: no file (when ``must_exist``), unreadable, not TOML, unknown key, wrong type.
    """
    resolved = resolve_path(path)
    if must_exist and not resolved.exists():
        raise ConfigError(f"{resolved}: no configuration file; run `loyalty-pos config init` first")
    config = from_mapping(read_raw(resolved), str(resolved))
    return dataclasses.replace(config, path=resolved)


def coerce(key: str, text: str) -> tuple[str | None, str, Any]:
    """Parse ``config set KEY VALUE``: ``(section, option, TOML value)``, validated by type.

    Lists are given comma-separated (``a,b``) or as JSON (``["a", "b"]``); an empty value resets an
    optional path.

    Raises:
        ConfigError: unknown key or a value of the wrong type.
    """
    if key in REMOVED_OPTIONS:
        raise ConfigError(f"{key}: {REMOVED_OPTIONS[key]}")
    section, _, option = key.rpartition(".")
    if not section:
        if option not in TOP_LEVEL:
            raise ConfigError(f"{key}: unknown option (use section.option, e.g. server.url)")
        hint: Any = _hints(Config)[option]
    else:
        if section not in SECTIONS or option not in _hints(SECTIONS[section]):
            raise ConfigError(f"{key}: unknown option")
        hint = _hints(SECTIONS[section])[option]
    base = hint
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        base = next(a for a in typing.get_args(hint) if a is not type(None))
    value: Any = text
    if base is bool:
        lowered = text.strip().lower()
        if lowered not in ("true", "false", "yes", "no", "1", "0", "on", "off"):
            raise ConfigError(f"{key}: expected true or false, got {text!r}")
        value = lowered in ("true", "yes", "1", "on")
    elif base in (int, float):
        try:
            value = int(text) if base is int else float(text)
        except ValueError:
            raise ConfigError(f"{key}: expected a number, got {text!r}") from None
    elif typing.get_origin(base) is tuple:
        stripped = text.strip()
        if stripped.startswith("["):
            import json  # here, not at the top: the app's first window loads this module

            try:
                value = json.loads(stripped)
            except ValueError:
                raise ConfigError(f"{key}: not a JSON list: {text!r}") from None
        else:
            value = [part.strip() for part in stripped.split(",") if part.strip()]
    _convert(value if not (base is Path and text == "") else None, hint, key)
    return (section or None), option, value


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    import json

    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def _default_value(owner: type[Any], f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    return None  # pragma: no cover


def render(raw: Mapping[str, Any]) -> str:
    """The whole file: every option with its doc; options not in ``raw`` commented out at their default."""
    lines = [
        "# Loyalty POS terminal configuration (docs/configuration.md). The POS token is not kept here.",
        "",
    ]
    for f in dataclasses.fields(Config):
        if f.name in TOP_LEVEL:
            lines.append(f"# {f.metadata['doc']}")
            if f.name in raw:
                lines.append(f"{f.name} = {_toml_value(raw[f.name])}")
            else:
                lines.append(f'# {f.name} = ""')
            lines.append("")
    for section, cls in SECTIONS.items():
        lines.append(f"[{section}]")
        given = raw.get(section, {})
        for f in dataclasses.fields(cls):
            lines.append(f"# {f.metadata['doc']}")
            default = _default_value(cls, f)
            if f.name in given and given[f.name] is not None:
                lines.append(f"{f.name} = {_toml_value(given[f.name])}")
            else:
                lines.append(f"# {f.name} = {_toml_value(default if default is not None else '')}")
        lines.append("")
    return "\n".join(lines)


def write_raw(path: Path, raw: Mapping[str, Any]) -> Config:
    """Validate ``raw`` and write it to ``path`` atomically; returns the loaded configuration."""
    config = from_mapping(raw, str(path))
    write_atomic(path, render(raw))
    return dataclasses.replace(config, path=path)


def set_option(path: Path, key: str, text: str) -> Config:
    """``config set``: change one option in the file (created if missing) and return the result."""
    section, option, value = coerce(key, text)
    raw = read_raw(path)
    target: dict[str, Any] = raw if section is None else raw.setdefault(section, {})
    if value == "" and option in ("ca_bundle", "outbox", "data_dir"):
        target.pop(option, None)
    else:
        target[option] = value
    return write_raw(path, raw)


def as_dict(config: Config) -> dict[str, Any]:
    """The configuration as plain JSON-able data, for showing (``config show``, ``config set``'s
    echo, diagnostics): a URL's user name and password are masked (``https://***@host``)."""
    from pos_client.masking import mask_url  # local: the app's first window loads this module

    def shown(value: Any) -> Any:
        if isinstance(value, Path):
            return str(value)
        if isinstance(value, tuple):
            return list(value)
        if isinstance(value, str) and "://" in value:
            return mask_url(value)
        return value

    result: dict[str, Any] = {}
    for section in SECTIONS:
        obj = getattr(config, section)
        result[section] = {f.name: shown(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    result["data_dir"] = str(config.data_path)
    return result
