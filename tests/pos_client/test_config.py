"""The terminal configuration: where it is found, defaults, docs, and a message naming file and key."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_client import config
from pos_client.config import Config, ConfigError

GOOD = """
data_dir = "~/till-data"

[server]
url = "https://loyalty.example.com"
loyalty_group = "demo"
read_timeout = 4.5

[terminal]
locale = "pl_PL"
currency = "PLN"

[store]
address = ["ul. Marszałkowska 1", "00-001 Warszawa"]

[scanner]
prefix = "#S"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "terminal.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads_into_typed_values(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    loaded = config.load(path)
    assert loaded.server.url == "https://loyalty.example.com"
    assert loaded.server.read_timeout == 4.5
    assert loaded.server.connect_timeout == 3.0  # default
    assert loaded.terminal.locale == "pl_PL"
    assert loaded.store.address == ("ul. Marszałkowska 1", "00-001 Warszawa")
    assert loaded.scanner.prefix == "#S"
    assert loaded.data_dir == Path("~/till-data").expanduser()
    assert loaded.data_path == loaded.data_dir
    assert loaded.outbox_path == loaded.data_dir / "outbox.db"
    assert loaded.path == path


def test_every_option_has_a_default_and_a_one_line_doc() -> None:
    defaults = Config()
    for section, cls in config.SECTIONS.items():
        assert dataclasses.is_dataclass(getattr(defaults, section))
        for field in dataclasses.fields(cls):
            doc = config.option_doc(section, field.name)
            assert doc and "\n" not in doc, f"{section}.{field.name}"
    assert config.option_doc(None, "data_dir")


def test_where_the_file_is_looked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = tmp_path / "explicit.toml"
    from_env = tmp_path / "env.toml"
    assert config.resolve_path(explicit) == explicit
    monkeypatch.setenv(config.ENV_VAR, str(from_env))
    assert config.resolve_path() == from_env
    assert config.resolve_path(explicit) == explicit  # --config beats the environment
    monkeypatch.delenv(config.ENV_VAR)
    default = config.resolve_path()
    assert default == config.default_path()
    assert default.name == "terminal.toml"
    assert default.parent.name == "loyalty-pos"


def test_environment_variable_is_used_by_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, GOOD)
    monkeypatch.setenv(config.ENV_VAR, str(path))
    assert config.load().server.loyalty_group == "demo"


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(ConfigError, match=r"nope\.toml.*config init"):
        config.load(missing)
    assert config.load(missing, must_exist=False) == Config()


@pytest.mark.parametrize(
    ("text", "key", "what"),
    [
        ("[server\nurl = 1", None, "not valid TOML"),
        ("[foo]\nx = 1", "foo", "unknown option or section"),
        ("[server]\nadress = 'x'", "server.adress", "unknown option"),
        ("server = 'x'", "[server]", "table"),
        ("[server]\nconnect_timeout = 'fast'", "server.connect_timeout", "expected a number"),
        ("[server]\nconnect_timeout = true", "server.connect_timeout", "expected a number"),
        ("[server]\nread_timeout = -1", "server.read_timeout", "above 0"),
        ("[server]\nread_timeout = 0", "server.read_timeout", "above 0"),
        ("[server]\nread_timeout = inf", "server.read_timeout", "above 0"),
        ("[server]\nconnect_timeout = nan", "server.connect_timeout", "above 0"),
        ("[server]\nurl = 'ftp://loyalty.example.com'", "server.url", "http"),
        ("[server]\nurl = 'https://loyalty example.com'", "server.url", "http"),
        ("[server]\nca_bundle = '/no/such/ca.pem'", "server.ca_bundle", "no such file"),
        ("[terminal]\nlocale = 'polish'", "terminal.locale", "pl_PL"),
        ("[terminal]\ncurrency = 'XXX'", "terminal.currency", "not supported"),
        ("[store]\naddress = 'one line'", "store.address", "list of strings"),
        ("[store]\naddress = [1, 2]", "store.address", "list of strings"),
        ("[printer]\npaper_width_mm = 58.5", "printer.paper_width_mm", "whole number"),
        ("[printer]\npaper_width_mm = 0", "printer.paper_width_mm", "positive"),
        ("[offline]\nreplay_interval_seconds = 0", "offline.replay_interval_seconds", "above 0"),
        ("data_dir = 5", "data_dir", "file path"),
        # A top-level key written after a table belongs to that table in TOML: say so.
        ("[scanner]\nprefix = '#'\ndata_dir = '/d'", "scanner.data_dir", "unknown option"),
    ],
)
def test_a_broken_file_names_the_file_the_key_and_what_is_wrong(
    tmp_path: Path, text: str, key: str | None, what: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        config.load(path)
    message = str(info.value)
    assert message.startswith(str(path))
    if key:
        assert key in message
    assert what in message
    assert "Traceback" not in message


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "terminal.toml"
    path.write_bytes(b"[server]\nurl = '\xff'\n")
    with pytest.raises(ConfigError, match="cannot read"):
        config.load(path)


def test_a_partial_file_keeps_defaults_for_the_rest(tmp_path: Path) -> None:
    loaded = config.load(write(tmp_path, "[printer]\npaper_width_mm = 58\n"))
    assert loaded.printer.paper_width_mm == 58
    assert dataclasses.replace(loaded, printer=Config().printer) == Config()


def test_the_token_is_not_a_config_option() -> None:
    names = {f.name for cls in config.SECTIONS.values() for f in dataclasses.fields(cls)}
    assert not {"token", "pos_token", "bearer"} & names


# -- writing --------------------------------------------------------------------------------------


def test_set_option_creates_the_file_and_documents_every_option(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "terminal.toml"
    loaded = config.set_option(path, "server.url", "https://loyalty.example.com")
    assert loaded.server.url == "https://loyalty.example.com"
    text = path.read_text(encoding="utf-8")
    assert 'url = "https://loyalty.example.com"' in text
    assert "# seconds to wait for the server's answer" in text
    assert "# read_timeout = 10.0" in text  # defaults written commented out
    assert config.load(path) == loaded


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("server.connect_timeout", "2.5", 2.5),
        ("printer.paper_width_mm", "58", 58),
        ("printer.code_pages", "cp852, cp858,", ("cp852", "cp858")),
        ("printer.header", '["Dziękujemy!", "Zapraszamy"]', ("Dziękujemy!", "Zapraszamy")),
        ("scanner.terminator", "\r\n", "\r\n"),
        ("store.name", 'Sklep "Pod Żółwiem"\n', 'Sklep "Pod Żółwiem"\n'),
    ],
)
def test_set_option_values_round_trip(tmp_path: Path, key: str, text: str, expected: object) -> None:
    path = tmp_path / "terminal.toml"
    config.set_option(path, key, text)
    section, option = key.split(".")
    assert getattr(getattr(config.load(path), section), option) == expected


def test_set_option_keeps_other_options(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    config.set_option(path, "ui.theme", "dark")
    loaded = config.load(path)
    assert loaded.ui.theme == "dark"
    assert loaded.server.loyalty_group == "demo"
    assert loaded.store.address == ("ul. Marszałkowska 1", "00-001 Warszawa")


def test_an_empty_value_resets_an_optional_path(tmp_path: Path) -> None:
    path = tmp_path / "terminal.toml"
    config.set_option(path, "data_dir", str(tmp_path / "data"))
    assert config.load(path).data_dir == tmp_path / "data"
    config.set_option(path, "data_dir", "")
    assert config.load(path).data_dir is None


@pytest.mark.parametrize(
    ("key", "text", "what"),
    [
        ("nope", "x", "unknown option"),
        ("server.nope", "x", "unknown option"),
        ("nosection.url", "x", "unknown option"),
        ("server.connect_timeout", "fast", "expected a number"),
        ("printer.paper_width_mm", "58.5", "expected a number"),
        ("printer.code_pages", "[1, 2]", "list of strings"),
        ("printer.code_pages", "[bad", "not a JSON list"),
        ("server.read_timeout", "nan", "above 0"),
        ("server.url", "loyalty.example.com", "http"),
        ("cli.operator_role", "manager", "no configuration grants a role"),
    ],
)
def test_set_option_refuses_and_leaves_the_file_alone(tmp_path: Path, key: str, text: str, what: str) -> None:
    path = write(tmp_path, GOOD)
    before = path.read_bytes()
    with pytest.raises(ConfigError, match=what):
        config.set_option(path, key, text)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp"))


def test_as_dict_is_json_ready(tmp_path: Path) -> None:
    loaded = config.load(write(tmp_path, GOOD))
    data = config.as_dict(loaded)
    assert json.loads(json.dumps(data)) == data
    assert data["server"]["read_timeout"] == 4.5
    assert data["store"]["address"] == ["ul. Marszałkowska 1", "00-001 Warszawa"]
    assert data["data_dir"] == str(Path("~/till-data").expanduser())


SAFE_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=SAFE_TEXT, lines=st.lists(SAFE_TEXT, max_size=3))
def test_any_text_survives_writing_and_reading(tmp_path: Path, name: str, lines: list[str]) -> None:
    path = tmp_path / "round-trip.toml"
    path.unlink(missing_ok=True)
    config.set_option(path, "store.name", name)
    config.set_option(path, "printer.footer", json.dumps(lines))
    loaded = config.load(path)
    assert loaded.store.name == name
    assert loaded.printer.footer == tuple(lines)
