"""Personal data on the terminal (issue 13, item 4), against the real reference server.

- Delivered customer operations keep no names, phones or e-mails in the outbox, whichever process
  delivers them: a CLI command sent online, ``queue flush``, the app's background replayer; a refusal
  nobody has to look at is blanked at once, one a manager must see when the manager resolves it.
- The data folder is 0700 and every file in it 0600: created so, and narrowed at start.
- The CLI honours ``[ui] isolate_personal_data`` as the app and the slips do.

The terminal talks to the server through a loopback proxy that can stop listening, as a server that
went away does (``tests/offline_queue/fault_proxy.py``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from offline_queue.store import Outbox, State
from pos_client.assembly import build_core
from pos_client.cli.main import main
from pos_client.config import load
from pos_client.domain import OpType
from pos_client.files import private_file, protect_data_dir, write_atomic
from pos_client.masking import mask_email, mask_phone
from pos_client.operations import WriteOperation
from pos_client.personal_data import without_personal_data
from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.offline_queue.fault_proxy import FaultProxy
from tests.offline_queue.test_replayer import wait_until
from tests.pos_client.cli.conftest import Cli


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    running = start_server(tmp_path_factory.mktemp("data-protection-server"))
    yield running
    stop_server(running)


@pytest.fixture
def proxy(server: RunningServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", server.port) as running:
        yield running


def init_at(folder: Path, url: str, server: RunningServer, *, terminal: int = 0) -> Path:
    """``config init`` + ``series sync`` of a terminal talking to ``url``; returns the config file."""
    folder.mkdir(parents=True, exist_ok=True)
    token = folder / "token.txt"
    token.write_text(server.token(terminal), encoding="utf-8")
    config = folder / "terminal.toml"
    args = ["--config", str(config), "config", "init", "--server", url]
    args += ["--loyalty-group", server.loyalty_group, "--token-file", str(token)]
    args += ["--data-dir", str(folder / "data")]
    assert main(args) == 0
    assert main(["--config", str(config), "series", "sync"]) == 0
    assert main(["--config", str(config), "terminal"]) == 0  # the offline limits, remembered
    return config


@pytest.fixture
def till(tmp_path: Path, proxy: FaultProxy, server: RunningServer, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(init_at(tmp_path / "till", proxy.url, server), capsys)


def outbox_rows(config: Path) -> list[tuple[str, str, str, int]]:
    """``(state, instrument_key, payload, redacted)`` of every outbox row, read as support would."""
    with sqlite3.connect(load(config).outbox_path) as db:
        return list(db.execute("SELECT state, instrument_key, payload, redacted FROM outbox ORDER BY seq"))


def leaks(config: Path, *needles: str) -> list[str]:
    """The rows of the outbox file that still hold any of ``needles``."""
    return [f"{s} {k} {p}" for s, k, p, _r in outbox_rows(config) if any(n in p or n in k for n in needles)]


def enrol(till: Cli, phone: str, first: str = "Zofia", last: str = "Wójcik", email: str = "") -> dict:
    args = ["customer", "create", "--phone", phone, "--first-name", first, "--last-name", last]
    result = till(*args, *(["--email", email] if email else []))
    assert result.code == 0, result.err
    return dict(result.data)


# -- blanked when delivered ------------------------------------------------------------------------


def test_an_enrolment_sent_online_by_the_cli_keeps_no_personal_data(till: Cli) -> None:
    done = enrol(till, "+48 601 100 201", email="zofia.w@example.pl")
    assert done["state"] == "applied"
    assert leaks(till.config, "601", "Zofia", "Wójcik", "zofia.w") == []
    [(state, _key, payload, redacted)] = outbox_rows(till.config)
    assert (state, redacted) == ("done", 1)
    assert WriteOperation.from_json(payload).type.value == "enrol"  # what it was stays


def test_an_enrolment_queued_offline_is_blanked_by_queue_flush(till: Cli, proxy: FaultProxy) -> None:
    proxy.down()
    queued = enrol(till, "+48 601 100 202", first="Iga", last="Nowak", email="iga.n@example.pl")
    assert queued["state"] == "queued"
    assert leaks(till.config, "601 100 202", "Iga")  # it must wait whole until the server has it
    proxy.up()
    flushed = till("queue", "flush")
    assert flushed.code == 0 and flushed.data["delivered"] == 1, flushed.err
    assert leaks(till.config, "601", "Iga", "Nowak", "iga.n") == []


def test_an_edit_delivered_by_the_apps_background_replayer_is_blanked(till: Cli, proxy: FaultProxy) -> None:
    customer = enrol(till, "+48 601 100 203")["customer"]["customerId"]
    proxy.down()
    edited = till("customer", "edit", customer, "--email", "hidden.mail@example.pl", "--last-name", "Ukryta")
    assert edited.code == 0 and edited.data["state"] == "queued", edited.err
    proxy.up()
    core = build_core(load(till.config))
    try:
        core.gateway.start()  # what the app does at start
        wait_until(lambda: core.gateway.status().pending == 0, timeout=15)
    finally:
        core.close()
    assert leaks(till.config, "hidden.mail", "Ukryta") == []


def test_a_refusal_is_blanked_at_once_or_when_a_manager_resolves_it(till: Cli, proxy: FaultProxy) -> None:
    taken = "+48 601 100 204"
    enrol(till, taken, first="Pierwsza")
    # Refused online: the cashier sees it at once, nobody resolves it later: blanked at once.
    again = till("customer", "create", "--phone", taken, "--first-name", "Druga")
    assert again.code == 1 and again.data["error"]["code"] == "CUSTOMER_EXISTS"
    assert leaks(till.config, "Druga", "601 100 204") == []
    # Queued, refused later: a manager must see it (and may retry it): whole until resolved.
    proxy.down()
    assert enrol(till, taken, first="Trzecia")["state"] == "queued"
    proxy.up()
    assert till("queue", "flush").data["refused"] == 1
    assert leaks(till.config, "Trzecia")
    core = build_core(load(till.config))
    try:
        [refused] = core.outbox.entries([State.REFUSED], attention_only=True)
        parked = core.gateway.park(refused.operation_id, operator_id="kierownik")
    finally:
        core.close()
    assert parked.state is State.PARKED and parked.redacted
    assert leaks(till.config, "Trzecia", "601 100 204") == []


def test_blanking_keeps_what_the_operation_was() -> None:
    op = WriteOperation(
        operation_id="0190f000-0000-7000-8000-000000000001",
        type=OpType.ENROL,
        path="/customers",
        body={"phone": "+48601100205", "firstName": "Ala"},
        instrument_key="customer-phone:+48601100205",
    )
    blank = without_personal_data(op)
    assert blank is not None and blank.body == {} and blank.instrument_key == "customer-phone:"
    assert (blank.operation_id, blank.type, blank.path) == (op.operation_id, op.type, op.path)
    assert without_personal_data(blank) is None  # nothing left to blank


# -- file modes ------------------------------------------------------------------------------------


def _modes(folder: Path) -> dict[str, int]:
    found = {folder.name: stat.S_IMODE(folder.stat().st_mode)}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def test_every_file_of_the_terminal_is_created_private(till: Cli, server: RunningServer) -> None:
    till.ok("balance", server.sample("giftcard_active", 0))
    enrol(till, "+48 601 100 206")
    data = load(till.config).data_path
    modes = _modes(data)
    assert {"outbox.db", "audit.db", "operators.db", "series.db", "terminal.json"} <= set(modes)
    loose = {name: oct(mode) for name, mode in modes.items() if mode & 0o077}
    assert loose == {}
    assert stat.S_IMODE(till.config.stat().st_mode) == 0o600


def test_files_left_readable_by_others_are_narrowed_at_start(till: Cli) -> None:
    data = load(till.config).data_path
    enrol(till, "+48 601 100 207")
    for name in ("outbox.db", "audit.db", "operators.db", "terminal.json"):
        os.chmod(data / name, 0o644)
    os.chmod(data, 0o755)
    os.chmod(till.config, 0o644)
    (data / "printing").mkdir(exist_ok=True)
    os.chmod(data / "printing", 0o755)
    (data / "printing" / "last.json").write_text("{}", encoding="utf-8")
    os.chmod(data / "printing" / "last.json", 0o644)
    assert till("queue", "status").code == 0  # any start of the core
    loose = {name: oct(mode) for name, mode in _modes(data).items() if mode & 0o077}
    assert loose == {}
    assert stat.S_IMODE(till.config.stat().st_mode) == 0o600


def test_the_file_helpers_create_private_files_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a" / "note.json", "{}")
        private_file(tmp_path / "b" / "store.db")
        with Outbox(tmp_path / "c" / "outbox.db") as box:  # its journals while it is open
            box.enqueue("0190f000-0000-7000-8000-000000000009", "{}")
            modes = _modes(tmp_path)
    finally:
        os.umask(old)
    assert {"c/outbox.db-wal", "c/outbox.db-shm"} <= set(modes)
    assert {name: oct(mode) for name, mode in modes.items() if mode & 0o077} == {}


def test_a_home_folder_given_as_data_folder_is_not_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".profile").write_text("x", encoding="utf-8")
    os.chmod(home / ".profile", 0o644)
    monkeypatch.setenv("HOME", str(home))
    protect_data_dir(home)
    assert stat.S_IMODE((home / ".profile").stat().st_mode) == 0o644


# -- isolate_personal_data in the CLI --------------------------------------------------------------


def test_the_cli_isolates_personal_data_as_the_app_does(till: Cli) -> None:
    phone, mail = "+48 601 100 208", "zofia.w@example.pl"
    whole = enrol(till, phone, email=mail)["customer"]
    assert whole["firstName"] == "Zofia"  # the setting is off by default
    till.ok("config", "set", "ui.isolate_personal_data", "true")

    created = enrol(till, "+48 601 100 209", first="Łucja", last="Zając", email="lucja@example.pl")
    found = till.ok("customer", "find", "--phone", phone)["customers"]
    shown = till.ok("customer", "show", whole["customerId"])
    edited = till.ok("customer", "edit", whole["customerId"], "--first-name", "Zuzanna")
    for customer in (created["customer"], found[0], shown, edited["customer"]):
        text = json.dumps(customer, ensure_ascii=False)
        assert not any(
            n in text for n in ("Zofia", "Zuzanna", "Wójcik", "Łucja", "Zając", "601 100", "@example")
        )
        assert customer["lastName"] in ("W.", "Z.") and customer["firstName"] in ("Z.", "Ł.")
        assert customer["phone"].startswith("•••") and customer["email"].startswith(("z•••@", "l•••@"))
    human = till("customer", "find", "--phone", phone, as_json=False)
    assert (
        human.code == 0 and "Z. W." in human.out and "Zuzanna" not in human.out and "Wójcik" not in human.out
    )
    assert "601 100 208" not in human.out and "example.pl" not in human.out


def test_phone_and_email_masks() -> None:
    assert mask_phone("+48 601 100 208") == "•••208"
    assert mask_email("zofia.w@example.pl") == "z•••@•••.pl"
    assert mask_email("not-an-address") == "•••"


def test_writers_of_one_file_at_once_never_fail_and_leave_one_whole_version(tmp_path: Path) -> None:
    """The idle probe and a request both save the offline limits at a first start: with one shared
    temporary name the second rename found it gone (ENOENT, seen as a warning under Xvfb). Each writer
    now has its own temporary file; the last rename wins, whole, and no temporary file is left."""
    import threading

    path = tmp_path / "data" / "terminal.json"
    failures: list[BaseException] = []
    start = threading.Barrier(8)

    def writer(n: int) -> None:
        start.wait(timeout=10)
        for i in range(50):
            try:
                write_atomic(path, json.dumps({"writer": n, "i": i, "pad": "x" * 4096}))
            except OSError as exc:
                failures.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert json.loads(path.read_text())["i"] == 49  # one whole version (the last of some writer)
    assert [p.name for p in path.parent.iterdir()] == ["terminal.json"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
