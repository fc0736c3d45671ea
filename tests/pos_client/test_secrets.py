"""The POS token: OS keyring when one works, else a 0600 file; never shown whole, never logged."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest

from pos_client import secrets
from pos_client.secrets import SecretError

TOKEN = "tok_3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that works, in memory (a hand-written fake of the third-party edge)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


class BrokenKeyring(MemoryKeyring):
    """A keyring that is present but refuses to work (a locked desktop keyring, say)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringError("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked")


@pytest.fixture
def use_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return tmp_path / "cfg" / "terminal.toml"


# -- file fallback (the suite runs with the null keyring) -----------------------------------------


def test_without_a_keyring_the_token_goes_to_a_0600_file(config_path: Path) -> None:
    assert not secrets.keyring_usable()
    old_umask = os.umask(0)  # even a permissive umask must not widen the file
    try:
        where = secrets.store_token(config_path, f"  {TOKEN}\n")
    finally:
        os.umask(old_umask)
    path = secrets.token_file(config_path)
    assert where == str(path)
    assert path.name == "terminal.toml.token"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="utf-8") == TOKEN
    assert secrets.load_token(config_path) == TOKEN
    assert not list(path.parent.glob("*.tmp"))


def test_a_token_file_readable_by_others_is_refused(config_path: Path) -> None:
    secrets.store_token(config_path, TOKEN)
    path = secrets.token_file(config_path)
    path.chmod(0o644)
    with pytest.raises(SecretError, match="chmod 600") as info:
        secrets.load_token(config_path)
    assert TOKEN not in str(info.value)


def test_no_token_stored(config_path: Path) -> None:
    with pytest.raises(SecretError, match="config init"):
        secrets.load_token(config_path)


def test_an_empty_token_file(config_path: Path) -> None:
    secrets.store_token(config_path, TOKEN)
    secrets.token_file(config_path).write_text("\n", encoding="utf-8")
    with pytest.raises(SecretError, match="empty"):
        secrets.load_token(config_path)


def test_an_unreadable_token_file_is_a_secret_error(config_path: Path) -> None:
    secrets.store_token(config_path, TOKEN)
    path = secrets.token_file(config_path)
    path.write_bytes(b"\xff\xfe" + TOKEN.encode())
    with pytest.raises(SecretError, match="cannot read") as info:
        secrets.load_token(config_path)
    assert TOKEN not in str(info.value)


def test_an_empty_token_is_not_stored(config_path: Path) -> None:
    with pytest.raises(SecretError, match="empty"):
        secrets.store_token(config_path, "   ")
    assert not secrets.token_file(config_path).exists()


@pytest.mark.parametrize("backend", [keyring.backends.null.Keyring(), keyring.backends.fail.Keyring()])
def test_null_and_fail_keyrings_are_not_usable(backend: keyring.backend.KeyringBackend) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        assert not secrets.keyring_usable()
    finally:
        keyring.set_keyring(previous)


# -- keyring ---------------------------------------------------------------------------------------


def test_with_a_keyring_the_token_goes_there_and_no_file_stays(
    config_path: Path, use_keyring: MemoryKeyring
) -> None:
    # A token stored before a keyring was available leaves a file; storing again moves it.
    path = secrets.token_file(config_path)
    path.parent.mkdir(parents=True)
    path.write_text("stale", encoding="utf-8")
    assert secrets.store_token(config_path, TOKEN) == "keyring"
    assert not path.exists()
    assert secrets.load_token(config_path) == TOKEN
    ((service, user),) = use_keyring.store
    assert service == secrets.SERVICE
    assert user == str(config_path.resolve())


def test_two_configurations_keep_separate_tokens(tmp_path: Path, use_keyring: MemoryKeyring) -> None:
    till = tmp_path / "till.toml"
    training = tmp_path / "training.toml"
    secrets.store_token(till, "token-till")
    secrets.store_token(training, "token-training")
    assert secrets.load_token(till) == "token-till"
    assert secrets.load_token(training) == "token-training"


def test_a_refusing_keyring_falls_back_to_the_file_without_logging_the_token(
    config_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        with caplog.at_level(logging.DEBUG):
            where = secrets.store_token(config_path, TOKEN)
        assert where == str(secrets.token_file(config_path))
        assert secrets.load_token(config_path) == TOKEN  # get fails too: the file answers
    finally:
        keyring.set_keyring(previous)
    assert "0600" in caplog.text
    assert TOKEN not in caplog.text


# -- showing and handing over ---------------------------------------------------------------------


@pytest.mark.parametrize("token", [TOKEN, "abcdefgh", "abc", "x"])
def test_mask_secret_never_shows_the_whole_token(token: str) -> None:
    masked = secrets.mask_secret(token)
    assert token not in masked
    assert f"({len(token)} chars)" in masked
    visible = masked.split("…")[0]
    assert len(visible) <= 4
    assert len(visible) <= len(token) // 4


def test_mask_secret_of_nothing() -> None:
    assert secrets.mask_secret("") == "(not set)"


def test_read_token_file(tmp_path: Path) -> None:
    handed = tmp_path / "token.txt"
    handed.write_text(f"\n{TOKEN}\n", encoding="utf-8")
    assert secrets.read_token_file(handed) == TOKEN


@pytest.mark.parametrize("content", ["", "  \n", "two words", "line1\nline2"])
def test_read_token_file_must_hold_the_token_alone(tmp_path: Path, content: str) -> None:
    handed = tmp_path / "token.txt"
    handed.write_text(content, encoding="utf-8")
    with pytest.raises(SecretError, match="alone"):
        secrets.read_token_file(handed)


def test_read_token_file_missing(tmp_path: Path) -> None:
    with pytest.raises(SecretError, match="cannot read"):
        secrets.read_token_file(tmp_path / "none.txt")
