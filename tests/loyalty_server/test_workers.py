"""``loyalty-pos server --workers N``: refused on SQLite (single-writer); N processes on PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fixtures.postgres import PostgresCluster, bin_dir

SERVER_ENGINES = ("sqlite",)  # each test here chooses its engine itself


def test_several_workers_on_sqlite_are_refused_with_the_reason(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "loyalty_server", "--db", str(tmp_path / "s.db"), "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "SQLite is single-writer" in done.stderr and "PostgreSQL" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "s.db").exists()  # refused before anything was made


@pytest.fixture(scope="module")
def cluster() -> Iterator[PostgresCluster]:
    programs = bin_dir()
    if programs is None:
        pytest.skip("no PostgreSQL server programs (Debian package postgresql; scripts/setup.sh)")
    c = PostgresCluster(programs)
    yield c
    c.stop()


def _children(pid: int) -> list[str]:
    return subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()


def test_two_workers_on_postgresql_serve_one_database_and_stop_together(
    cluster: PostgresCluster, tmp_path: Path
) -> None:
    manifest = tmp_path / "manifest.json"
    cmd = [sys.executable, "-m", "loyalty_server", "--db", cluster.new_database(), "--workers", "2"]
    cmd += ["--port", "0", "--manifest", str(manifest), "--log-level", "warning"]
    process = subprocess.Popen(cmd, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not manifest.exists():
            assert process.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        base = json.loads(manifest.read_text(encoding="utf-8"))["baseUrl"]
        workers = _children(process.pid)
        assert len(workers) == 2
        # Each answer looked the token up in the database (a fresh connection per request: new
        # connections are spread over the workers by the kernel).
        for _ in range(10):
            with httpx.Client(timeout=30) as client:
                r = client.get(f"{base}/api/v1/pos/loyaltyGroups/demo/terminal")
            assert r.status_code == 401 and r.json()["error"]["code"] == "UNAUTHORIZED"
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
        assert _children(process.pid) == []
    finally:
        if process.poll() is None:  # the workers are in its session: stop them all
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
