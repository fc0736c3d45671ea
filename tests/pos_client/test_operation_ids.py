"""Operation ids: RFC 9562 version 7 UUIDs, unique, and ordered by the millisecond they were made."""

from __future__ import annotations

import time
import uuid

from pos_client.operations import new_operation_id


def test_an_operation_id_is_a_version_7_uuid_of_now() -> None:
    before = time.time_ns() // 1_000_000
    made = uuid.UUID(new_operation_id())
    after = time.time_ns() // 1_000_000
    assert made.version == 7
    assert made.variant == uuid.RFC_4122
    assert before <= made.int >> 80 <= after  # its first 48 bits are the Unix milliseconds


def test_ids_are_unique_and_later_ones_sort_later() -> None:
    first = [new_operation_id() for _ in range(2000)]
    time.sleep(0.002)
    later = new_operation_id()
    assert len(set(first)) == len(first)
    assert all(later > earlier for earlier in first)  # the text sorts by time: index appends at the end
