"""``loyalty-pos config init | show | set`` and what a broken configuration does to every command:
exit 2 with a message naming the file, the key and the problem; the token kept 0600 and never shown."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from pos_client.cli.main import main
from pos_client.secrets import token_file
from tests.pos_client.cli.conftest import Cli, mode

TOKEN = "tok-SECRET-0123456789abcdef"


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "terminal.toml", capsys)


def _init(cli: Cli, tmp_path: Path, *extra: str) -> Path:
    token = tmp_path / "given-token"
    token.write_text(TOKEN + "\n", encoding="utf-8")
    result = cli(
        "config", "init", "--server", "http://127.0.0.1:9/", "--loyalty-group", "demo",
        "--token-file", str(token), "--data-dir", str(tmp_path / "data"), *extra,
    )  # fmt: skip
    assert result.code == 0, result.err
    return token


def test_init_writes_the_file_and_a_0600_token_beside_it(cli: Cli, tmp_path: Path) -> None:
    _init(cli, tmp_path)
    config = tmp_path / "terminal.toml"
    text = config.read_text(encoding="utf-8")
    assert 'url = "http://127.0.0.1:9"' in text
    assert 'loyalty_group = "demo"' in text
    assert "operator_role" not in text  # no configuration grants a role: the CLI is a cashier
    assert TOKEN not in text
    stored = token_file(config)
    assert stored.read_text(encoding="utf-8") == TOKEN
    assert mode(stored) == stat.S_IRUSR | stat.S_IWUSR


def test_show_masks_the_token_in_json_and_text(cli: Cli, tmp_path: Path) -> None:
    _init(cli, tmp_path)
    shown = cli("config", "show")
    assert shown.code == 0
    assert shown.data["server"]["loyalty_group"] == "demo"
    assert shown.data["token"].endswith(f"({len(TOKEN)} chars)")
    human = cli("config", "show", as_json=False)
    for output in (shown.out, human.out, shown.err, human.err):
        assert TOKEN not in output
        assert TOKEN[4:] not in output
    assert 'loyalty_group = "demo"' in human.out


def test_set_changes_one_option_and_checks_its_type(cli: Cli, tmp_path: Path) -> None:
    _init(cli, tmp_path)
    assert cli("config", "set", "printer.url", "tcp://10.0.0.5:9100").data["value"] == "tcp://10.0.0.5:9100"
    assert cli("config", "show").data["printer"]["url"] == "tcp://10.0.0.5:9100"
    bad = cli("config", "set", "server.read_timeout", "soon", as_json=False)
    assert bad.code == 2
    assert "terminal.toml" in bad.err and "server.read_timeout" in bad.err and "number" in bad.err
    unknown = cli("config", "set", "printer.colour", "red", as_json=False)
    assert unknown.code == 2
    assert "printer.colour" in unknown.err and "unknown option" in unknown.err


def test_the_token_cannot_be_put_in_the_file(cli: Cli, tmp_path: Path) -> None:
    _init(cli, tmp_path)
    result = cli("config", "set", "server.token", "abc", as_json=False)
    assert result.code == 2
    assert "token" in result.err
    assert "abc" not in (tmp_path / "terminal.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[server\nurl = 1", "not valid TOML"),
        ('[server]\nurl = "http://x"\ncolour = "red"\n', "server.colour: unknown option"),
        ('[server]\nread_timeout = "soon"\n', "server.read_timeout: expected a number"),
        ('[printer]\npaper_width_mm = "wide"\n', "printer.paper_width_mm: expected a whole number"),
        ('[server]\nurl = "ftp://x"\n', "server.url"),
        ('[sever]\nurl = "http://x"\n', "sever: unknown option or section"),
    ],
)
def test_a_broken_file_names_the_file_key_and_problem(
    cli: Cli, tmp_path: Path, content: str, expected: str
) -> None:
    (tmp_path / "terminal.toml").write_text(content, encoding="utf-8")
    for command in (
        ("balance", "6033010000000017"),
        ("giftcard", "pay", "603301", "--amount", "1"),
        ("config", "show"),
    ):
        result = cli(*command, as_json=False)
        assert result.code == 2, command
        assert "terminal.toml" in result.err
        assert expected in result.err
        assert "Traceback" not in result.err + result.out


def test_a_partial_file_names_the_missing_key(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "terminal.toml").write_text('[server]\nurl = "http://127.0.0.1:9"\n', encoding="utf-8")
    result = cli("terminal", as_json=False)
    assert result.code == 2
    assert "terminal.toml" in result.err and "server.loyalty_group" in result.err


def test_no_file_says_to_run_config_init(cli: Cli, tmp_path: Path) -> None:
    result = cli("series", "list", as_json=False)
    assert result.code == 2
    assert "terminal.toml" in result.err and "config init" in result.err


def test_a_missing_token_is_a_configuration_error(cli: Cli, tmp_path: Path) -> None:
    _init(cli, tmp_path)
    token_file(tmp_path / "terminal.toml").unlink()
    result = cli("terminal", as_json=False)
    assert result.code == 2
    assert "no POS token" in result.err


def test_a_token_readable_by_others_is_refused(cli: Cli, tmp_path: Path) -> None:
    _init(cli, tmp_path)
    token_file(tmp_path / "terminal.toml").chmod(0o644)
    result = cli("terminal", as_json=False)
    assert result.code == 2
    assert "chmod 600" in result.err


def test_init_refuses_an_empty_token_file(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_text("", encoding="utf-8")
    result = cli(
        "config",
        "init",
        "--server",
        "http://x",
        "--loyalty-group",
        "g",
        "--token-file",
        str(empty),
        as_json=False,
    )
    assert result.code == 2
    assert str(empty) in result.err
    assert not (tmp_path / "terminal.toml").exists()


def test_init_adds_operators_from_a_manifest(cli: Cli, tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        json.dumps({"operators": [{"id": "m1", "name": "Maria", "role": "manager", "pin": "2468"}]})
    )
    _init(cli, tmp_path, "--operators", str(manifest))
    assert cli("config", "show").code == 0
    broken = tmp_path / "bad.json"
    broken.write_text(json.dumps([{"name": "x", "role": "boss", "pin": "1"}]))
    result = cli(
        "config", "init", "--server", "http://x", "--loyalty-group", "g",
        "--token-file", str(tmp_path / "given-token"), "--operators", str(broken), as_json=False,
    )  # fmt: skip
    assert result.code == 2
    assert "bad.json" in result.err


def test_the_environment_variable_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text("[server\n", encoding="utf-8")
    monkeypatch.setenv("LOYALTY_POS_CONFIG", str(path))
    assert main(["series", "list"]) == 2
    assert "elsewhere.toml" in capsys.readouterr().err
