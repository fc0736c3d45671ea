"""Online, pending and needs-attention come from one source, the queued gateway's status, in the
assembled core (build_core) against the real reference server: with the server stopped across two
queued writes, no status (asked for, or reported by the gateway on its own) ever says online."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pos_client.assembly import build_core
from pos_client.config import load
from pos_client.domain import OperationState
from pos_client.offline import QueueStatus
from tests.fixtures.server import RunningServer, stop_server
from tests.pos_client.cli.conftest import init_terminal


def test_the_status_never_says_online_while_the_server_is_down_across_two_queued_writes(
    fresh_server: RunningServer, tmp_path: Path
) -> None:
    reported: list[QueueStatus] = []
    core = build_core(load(init_terminal(tmp_path / "till", fresh_server)), on_queue_status=reported.append)
    try:
        first, second = (fresh_server.sample("giftcard_active", i) for i in (0, 1))
        core.service.balance(first)
        assert core.gateway.status(probe=True).online is True

        stop_server(fresh_server)
        reported.clear()
        sampled = []
        for number in (first, second):
            result = core.service.load(number, Decimal("5.00"))
            assert result.state is OperationState.QUEUED and result.provisional
            sampled.append(core.gateway.status(probe=True))

        assert [s.online for s in sampled] == [False, False]
        assert [(s.pending, s.needs_attention) for s in sampled] == [(1, 0), (2, 0)]
        assert reported and all(s.online is not True for s in reported), reported
    finally:
        core.close()
