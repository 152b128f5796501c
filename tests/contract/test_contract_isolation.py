"""Sessions isolate tests that share one server, even when they do the same things at the same time.

Every session starts from the same seed, so the demo appointments have the same ids in all of
them: the strongest test of isolation is several sessions canceling the very same ids at once.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx

from appointments import Appointment, AuditAction
from tests.contract._support import ADA, GRACE, Api, ContractGuard, Route, at

SESSIONS = 4


def test_sessions_doing_the_same_at_once_never_see_each_other(
    api: Api, route: Route, guarded_http: tuple[httpx.Client, ContractGuard]
) -> None:
    others = [Api(route, *guarded_http) for _ in range(SESSIONS - 1)]
    everyone = [api, *others]
    try:
        upcoming = next(
            iter(api.admin.appointments.list(client_id=GRACE, starts_after=datetime.now(UTC)))
        )
        start = threading.Barrier(SESSIONS)

        def same_steps(session: Api) -> tuple[Appointment, bool, bool]:
            admin = session.admin
            start.wait(timeout=10)
            canceled = admin.appointments.cancel(upcoming.id, reason_code=30)
            raw = admin.with_raw_response.appointments.create(
                type="individual",
                starts_at=at(0, 9),
                ends_at=at(0, 9) + timedelta(minutes=30),
                practitioner_id=ADA,
                client_id=GRACE,
                idempotency_key="the-same-key-everywhere",
            )
            return canceled, raw.status_code == 201, raw.idempotent_replayed

        with ThreadPoolExecutor(SESSIONS) as pool:
            results = list(pool.map(same_steps, everyone))

        # Each session canceled "its" appointment and booked "its" slot with "its" key: no
        # already-canceled, slot-conflict or idempotent replay leaked from another session.
        assert [(c.id, c.status) for c, _, _ in results] == [(upcoming.id, "canceled")] * SESSIONS
        assert [(created, replayed) for _, created, replayed in results] == [
            (True, False)
        ] * SESSIONS
        for session in everyone:
            assert len(session.control.journal("appointments.cancel")) == 1
            assert len(session.control.journal("appointments.create")) == 1
            history = session.admin.appointments.audit_events(upcoming.id)
            assert [e.action for e in history].count(AuditAction.appointment_canceled) == 1
            assert len(session.admin.appointments.list(starts_after=at(0, 0)).items) == 1
    finally:
        for other in others:
            other.control.forget()
            other.control.close()


def test_a_fresh_session_starts_from_the_seed_whatever_others_did(api: Api) -> None:
    admin = api.admin
    upcoming = next(iter(admin.appointments.list(client_id=GRACE, starts_after=datetime.now(UTC))))
    admin.appointments.cancel(upcoming.id, reason_code=30)
    admin.appointments.delete(upcoming.id)
    api.control.freeze(at(0, 0))
    api.control.fault("status", "appointments.get", status=503, times=5)

    api.control.forget()

    fresh = admin.appointments.get(upcoming.id)  # same name, new session: seed data, no faults
    assert (fresh.status, fresh.deleted_at) == ("active", None)
    assert api.control.faults() == []
    assert [e["status"] for e in api.control.journal()] == [200]
