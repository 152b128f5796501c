"""`appointments.list`: every filter, every order, and auto-pagination across pages.

Each test books its own appointments in March 2031 (on a session clock frozen on 1 January 2031)
and lists only that window, so the seeded demo data around the real "now" never gets in the way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from uuid import UUID

from appointments import Appointment, AppointmentsClient, RepeatRule
from tests.contract._support import ADA, ALAN, EDSGER, GRACE, KATHERINE, MARGARET, Api, at

CLOCK = datetime(2031, 1, 1, tzinfo=UTC)
BOTH: list[Literal["active", "canceled"]] = ["active", "canceled"]
FROM, UNTIL = at(0, 0), at(30, 0)


@dataclass
class Booked:
    """The appointments of one test, by role in the scenario."""

    canceled: Appointment  # Ada + Grace, Monday 09:00, canceled
    ada_margaret: Appointment  # Monday 10:00
    alan_edsger: Appointment  # Monday 09:00
    group: Appointment  # Katherine, Tuesday 15:00, Grace attends
    series: list[Appointment]  # Ada, group, weekly from Wednesday 09:00, 3 occurrences
    deleted: Appointment  # Alan + Margaret, Thursday 09:00, soft-deleted

    def ids(self, *appointments: Appointment) -> list[UUID]:
        return [a.id for a in appointments]


def _book(api: Api) -> Booked:
    """Book the scenario, one minute of session time apart, then cancel and delete."""
    admin = api.admin
    api.control.freeze(CLOCK)
    made: list[Appointment] = []

    def individual(practitioner: UUID, client: UUID, day: int, hour: float) -> Appointment:
        start = at(day, hour)
        made.append(
            admin.appointments.create(
                type="individual",
                starts_at=start,
                ends_at=start + timedelta(minutes=30),
                practitioner_id=practitioner,
                client_id=client,
            )
        )
        api.control.advance(minutes=1)
        return made[-1]

    canceled = individual(ADA, GRACE, 0, 9)
    ada_margaret = individual(ADA, MARGARET, 0, 10)
    alan_edsger = individual(ALAN, EDSGER, 0, 9)
    group = admin.appointments.create(
        type="group",
        starts_at=at(1, 15),
        ends_at=at(1, 16),
        practitioner_id=KATHERINE,
        max_attendees=4,
    )
    admin.attendees.create(group.id, client_id=GRACE)
    api.control.advance(minutes=1)
    first = admin.appointments.create(
        type="group",
        starts_at=at(2, 9),
        ends_at=at(2, 10),
        practitioner_id=ADA,
        max_attendees=6,
        repeat_rule=RepeatRule(frequency="weekly", interval=1, count=3),
    )
    api.control.advance(minutes=1)
    deleted = individual(ALAN, MARGARET, 3, 9)

    api.control.advance(hours=1)
    admin.appointments.cancel(canceled.id, reason_code=40)
    admin.appointments.delete(deleted.id)
    assert first.series_id is not None
    series = list(admin.appointments.list(series_id=first.series_id, order_by="starts_at"))
    return Booked(canceled, ada_margaret, alan_edsger, group, series, deleted)


def _ids(client: AppointmentsClient, **filters: Any) -> list[UUID]:
    """The ids listed in the test window (every page), in the server's order."""
    return [
        a.id for a in client.appointments.list(starts_after=FROM, starts_before=UNTIL, **filters)
    ]


def test_default_list_shows_active_appointments_that_are_not_deleted(api: Api) -> None:
    b = _book(api)
    listed = _ids(api.admin)
    assert sorted(listed) == sorted(b.ids(b.ada_margaret, b.alan_edsger, b.group, *b.series))
    assert b.canceled.id not in listed
    assert b.deleted.id not in listed


def test_status_filter_is_repeatable(api: Api) -> None:
    b = _book(api)
    assert _ids(api.admin, status=["canceled"]) == [b.canceled.id]
    assert sorted(_ids(api.admin, status=BOTH)) == sorted(
        b.ids(b.canceled, b.ada_margaret, b.alan_edsger, b.group, *b.series)
    )
    request = api.control.journal("appointments.list")[-1]
    assert request["query"]["status"] == BOTH


def test_deleted_filter_excludes_includes_or_lists_only_deleted(api: Api) -> None:
    b = _book(api)
    everything = b.ids(b.canceled, b.ada_margaret, b.alan_edsger, b.group, *b.series, b.deleted)
    assert b.deleted.id not in _ids(api.admin, status=BOTH, deleted="exclude")
    assert sorted(_ids(api.admin, status=BOTH, deleted="include")) == sorted(everything)
    assert _ids(api.admin, status=BOTH, deleted="only") == [b.deleted.id]


def test_type_practitioner_client_and_series_filters(api: Api) -> None:
    b = _book(api)
    admin = api.admin
    assert sorted(_ids(admin, type="group")) == sorted(b.ids(b.group, *b.series))
    assert sorted(_ids(admin, type="individual")) == sorted(b.ids(b.ada_margaret, b.alan_edsger))
    assert _ids(admin, practitioner_id=ALAN) == [b.alan_edsger.id]
    assert _ids(admin, practitioner_id=ALAN, deleted="include") == [
        b.alan_edsger.id,
        b.deleted.id,
    ]
    # A client "has" an appointment as its client or as an attendee of a group.
    assert _ids(admin, client_id=GRACE) == [b.group.id]
    assert _ids(admin, client_id=GRACE, status=BOTH) == [b.canceled.id, b.group.id]
    assert _ids(admin, series_id=b.series[0].series_id) == b.ids(*b.series)
    assert {a.series_id for a in b.series} == {b.series[0].series_id}


def test_starts_after_is_inclusive_and_starts_before_exclusive(api: Api) -> None:
    b = _book(api)
    listed = [
        a.id for a in api.admin.appointments.list(starts_after=at(0, 10), starts_before=at(1, 15))
    ]
    assert listed == [b.ada_margaret.id]
    listed = [
        a.id for a in api.admin.appointments.list(starts_after=at(0, 10), starts_before=at(1, 15.5))
    ]
    assert listed == [b.ada_margaret.id, b.group.id]


def test_updated_since_finds_the_cancellations_and_deletions_to_sync(api: Api) -> None:
    b = _book(api)
    since = CLOCK + timedelta(minutes=30)  # after every booking, before the cancel and the delete
    assert _ids(api.admin, updated_since=since) == []
    assert _ids(api.admin, updated_since=since, status=BOTH, deleted="include") == [
        b.canceled.id,
        b.deleted.id,
    ]


def test_order_by_every_key_and_direction(api: Api) -> None:
    b = _book(api)
    admin = api.admin
    by_start = _ids(admin, status=BOTH, deleted="include", order_by="starts_at")
    starts = [
        a.starts_at
        for a in admin.appointments.list(
            status=BOTH, deleted="include", starts_after=FROM, starts_before=UNTIL
        )
    ]
    assert starts == sorted(starts)
    assert _ids(admin, status=BOTH, deleted="include", order_by="starts_at_desc") == by_start[::-1]
    booked_in_order = b.ids(b.canceled, b.ada_margaret, b.alan_edsger, b.group)
    assert _ids(admin, type="individual", status=BOTH, order_by="created_at") == [
        b.canceled.id,
        b.ada_margaret.id,
        b.alan_edsger.id,
    ]
    assert _ids(admin, status=BOTH, order_by="created_at")[:4] == booked_in_order
    newest_first = _ids(admin, status=BOTH, deleted="include", order_by="created_at_desc")
    assert newest_first[0] == b.deleted.id
    assert _ids(admin, status=BOTH, deleted="include", order_by="updated_at_desc")[:2] == [
        b.deleted.id,
        b.canceled.id,
    ]
    assert _ids(admin, status=BOTH, deleted="include", order_by="updated_at")[-2:] == [
        b.canceled.id,
        b.deleted.id,
    ]


def test_iterating_a_page_fetches_every_following_page(api: Api) -> None:
    b = _book(api)
    expected = _ids(api.admin, status=BOTH)
    assert len(expected) == 7
    first_request = len(api.control.journal("appointments.list"))

    page = api.admin.appointments.list(
        status=BOTH, page_size=3, starts_after=FROM, starts_before=UNTIL
    )
    assert len(page.items) == 3
    assert page.total_size == 7
    assert page.next_page_token
    assert [a.id for a in page] == expected
    pages = list(page.iter_pages())
    assert [len(p.items) for p in pages] == [3, 3, 1]
    assert pages[-1].next_page_token is None

    requests = api.control.journal("appointments.list")[first_request:]
    tokens = [r["query"].get("page_token") for r in requests]
    assert tokens[0] is None
    assert all(tokens[1:3])
    # Every page request repeats the other parameters unchanged.
    assert {tuple(r["query"]["status"]) for r in requests} == {tuple(BOTH)}
    assert {r["query"]["page_size"][0] for r in requests} == {"3"}
    assert b.canceled.id in expected
