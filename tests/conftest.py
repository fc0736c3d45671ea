"""Suite-wide settings: Qt offscreen and isolated user directories, so no test touches the real
config, keyring or data of whoever runs it. Shared fixtures live in ``tests/fixtures`` and are
registered here as plugins."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# WORKAROUND: on the CI's sandbox a server started by Popen from a helper thread (the ledger test
# starts the next server while the current one is used) once failed with "OSError: [Errno 14] Bad
# address" on the child's execve; CPython spawns through vfork(), whose child shares the parent's
# memory with the other running threads. Plain fork() costs a few milliseconds more per process and
# has no such sharing; CPython documents this switch for exactly such environments.
subprocess._USE_VFORK = False  # type: ignore[misc]

pytest_plugins: list[str] = [
    "pytester",  # tests/fixtures/test_logfail.py runs pytest on a test file of its own
    "tests.fixtures.logfail",
    "tests.fixtures.server",
]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point XDG directories at a fresh temp folder and keep the OS keyring out of the tests."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("LOYALTY_POS_CONFIG", raising=False)
    # A null keyring: tests exercise the 0600-file fallback unless they install a fake backend.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    yield home


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """Every test starts with the core's words in English: the language is the process's
    (:func:`pos_client.i18n.set_language`), and a test that switched to Polish and failed, or did
    not switch back, left the next test of its worker in Polish (a day summary's line names, seen
    once in CI)."""
    from pos_client import i18n

    i18n.set_language("en")
    yield
