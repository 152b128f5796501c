"""Journal entries recorded raw (tuples of atoms) read back exactly as eagerly built entries."""

from __future__ import annotations

import gc
import json

from appointments_mock.journal import MAX_BODY, Journal, JournalEntry, RawEntry, entry_of


def _raw(seq: int, operation_id: str | None = "listAppointments", body: bytes = b"") -> RawEntry:
    return (
        seq,
        "2031-01-01T09:00:00Z",
        operation_id,
        "POST",
        "/v1/appointments",
        "status=active&status=canceled&empty=&page_size=2",
        201,
        f"req-{seq}",
        (("idempotency-key", "k1"), ("user-agent", "t/1")),
        body,
        len(body),
        None,
        False,
        1.25,
        "request",
        "signature",
        "accepted",
        "demo-admin-signing",
    )


def test_a_raw_entry_reads_as_the_entry_the_server_used_to_build() -> None:
    entry = entry_of(_raw(1, body=b'{"reason_code": 30}'))
    assert entry == JournalEntry(
        seq=1,
        timestamp="2031-01-01T09:00:00Z",
        operation_id="listAppointments",
        method="POST",
        path="/v1/appointments",
        query={"status": ["active", "canceled"], "empty": [""], "page_size": ["2"]},
        status=201,
        request_id="req-1",
        request_headers={"idempotency-key": "k1", "user-agent": "t/1"},
        request_body={"reason_code": 30},
        fault=None,
        idempotent_replayed=False,
        duration_ms=1.25,
        request_body_text=None,
        request_body_size=19,
        request_body_truncated=False,
        auth_scheme="signature",
        auth_verdict="accepted",
        auth_key_id="demo-admin-signing",
    )
    assert list(entry.request_headers) == ["idempotency-key", "user-agent"]


def test_a_body_the_api_would_not_take_as_json_reads_as_text() -> None:
    assert entry_of(_raw(1, body=b"")).request_body is None
    assert entry_of(_raw(1, body=b"[1, 2]")).request_body == [1, 2]
    for body, text in [
        (b"{not json", "{not json"),
        (b'{"notes": "\\ud800"}', '{"notes": "\\ud800"}'),  # a lone surrogate stays escaped
        (b"\xff\xfe{}", "\\xff\\xfe{}"),
        (b"[" * 300 + b"]" * 300, "[" * 300 + "]" * 300),
        (b'{"max_attendees": 1' + b"0" * 30 + b"}", '{"max_attendees": 1' + "0" * 30 + "}"),
    ]:
        entry = entry_of(_raw(1, body=body))
        assert (entry.request_body, entry.request_body_text) == (None, text)


def test_a_body_past_the_entry_cap_is_cut_and_marked() -> None:
    journal = Journal()
    big = json.dumps({"notes": "x" * MAX_BODY}).encode()
    journal.record_raw(_raw(1, body=big))
    (entry,) = journal.entries()
    assert entry.request_body is None
    assert entry.request_body_truncated
    assert entry.request_body_size == len(big)
    assert entry.request_body_text == big[:MAX_BODY].decode()


def test_the_journal_keeps_within_its_byte_budget_dropping_the_oldest() -> None:
    journal = Journal(max_bytes=200_000)
    body = b'{"notes": "' + b"y" * 60_000 + b'"}'
    for seq in range(1, 21):
        journal.record_raw(_raw(seq, body=body))
        assert journal.size_bytes <= 200_000
    assert [e.seq for e in journal.entries()] == [18, 19, 20]


def test_raw_entries_read_in_order_with_filters_limits_and_the_ring() -> None:
    journal = Journal(max_entries=3)
    journal.record_raw(_raw(1))
    journal.record_raw(_raw(2, operation_id="getAppointment"))
    journal.record_raw(_raw(3, operation_id="getAppointment"))
    journal.record_raw(_raw(4))
    assert [e.seq for e in journal.entries()] == [2, 3, 4]  # the oldest went first
    assert all(isinstance(e, JournalEntry) for e in journal.entries())
    assert [e.seq for e in journal.entries("getAppointment")] == [2, 3]
    assert [e.seq for e in journal.entries(limit=1)] == [4]
    assert journal.entries()[1] == entry_of(_raw(3, operation_id="getAppointment"))
    # Reading parses afresh: changing what one read returned does not change the next read.
    journal.entries()[0].query["status"].append("x")
    journal.entries()[2].query["status"].append("x")
    assert journal.entries()[2].query["status"] == ["active", "canceled"]


def test_a_raw_entry_is_not_tracked_by_the_cyclic_collector() -> None:
    journal = Journal()
    journal.record_raw(_raw(1, body=b"{}"))
    gc.collect()
    gc.collect()
    (raw,) = journal._entries
    assert not gc.is_tracked(raw)
