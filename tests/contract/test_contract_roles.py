"""What each role sees and may do, on the seeded demo data (one demo key per role)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

import pytest

from appointments import NotFoundError, PermissionDeniedError
from tests.contract._support import ADA, ALAN, GRACE, MARGARET, Api, at

BOTH: list[Literal["active", "canceled"]] = ["active", "canceled"]


def test_admin_and_api_client_see_everything_but_only_admin_purges(api: Api) -> None:
    admin, api_client = api.admin, api.client("api_client")
    everything = {a.id for a in admin.appointments.list(status=BOTH, deleted="include")}
    assert {
        a.id for a in api_client.appointments.list(status=BOTH, deleted="include")
    } == everything
    assert {a.practitioner_id for a in admin.appointments.list(status=BOTH)} >= {ADA, ALAN}
    deleted = next(iter(admin.appointments.list(status=BOTH, deleted="only")))

    with pytest.raises(PermissionDeniedError) as error:
        api_client.appointments.purge(deleted.id)

    assert error.value.code == "forbidden"
    assert len(api_client.audit_events.list(appointment_id=deleted.id).items) > 0
    admin.appointments.purge(deleted.id)
    with pytest.raises(NotFoundError):
        api_client.appointments.get(deleted.id, show_deleted=True)


def test_staff_see_their_own_practitioner_only(api: Api) -> None:
    staff = api.client("staff")
    mine = list(staff.appointments.list(status=BOTH, deleted="include"))
    assert mine
    assert {a.practitioner_id for a in mine} == {ADA}
    alans = next(iter(api.admin.appointments.list(practitioner_id=ALAN)))

    with pytest.raises(NotFoundError):  # 404, not 403: ids cannot be probed
        staff.appointments.get(alans.id)
    with pytest.raises(PermissionDeniedError):
        staff.audit_events.list()

    own = next(iter(staff.appointments.list(starts_after=datetime.now(UTC))))
    canceled = staff.appointments.cancel(own.id, reason_code=40)
    assert canceled.cancellation is not None
    assert (canceled.cancellation.canceled_by.type, canceled.cancellation.canceled_by.id) == (
        "staff",
        str(ADA),
    )


def test_a_client_never_sees_canceled_appointments_nor_other_clients_ones(api: Api) -> None:
    client = api.client("client")
    admin = api.admin
    graces_canceled = list(admin.appointments.list(status=["canceled"], client_id=GRACE))
    assert graces_canceled  # the seed has one
    margarets = next(iter(admin.appointments.list(client_id=MARGARET)))

    visible = list(client.appointments.list(status=BOTH, deleted="include"))

    assert visible
    assert {a.status for a in visible} == {"active"}
    assert all(a.deleted_at is None for a in visible)
    assert not {a.id for a in visible} & {a.id for a in graces_canceled}
    assert margarets.id not in {a.id for a in visible}
    with pytest.raises(NotFoundError):
        client.appointments.get(graces_canceled[0].id)
    with pytest.raises(NotFoundError):
        client.appointments.get(margarets.id)
    with pytest.raises(PermissionDeniedError):
        client.audit_events.list()
    assert [c.id for c in client.clients.list()] == [GRACE]


def test_a_client_books_and_cancels_its_own_appointment_which_then_disappears(api: Api) -> None:
    client = api.client("client")
    booked = client.appointments.create(
        type="individual",
        starts_at=at(0, 9),
        ends_at=at(0, 9) + timedelta(minutes=30),
        practitioner_id=ADA,
    )
    assert booked.client_id == GRACE
    with pytest.raises(PermissionDeniedError):
        client.appointments.create(
            type="individual",
            starts_at=at(0, 11),
            ends_at=at(0, 11.5),
            practitioner_id=ADA,
            client_id=MARGARET,
        )
    with pytest.raises(PermissionDeniedError):
        client.appointments.delete(booked.id)

    canceled = client.appointments.cancel(booked.id, reason_code=30, message="Caught a cold.")

    assert canceled.status == "canceled"
    assert canceled.cancellation is not None
    assert canceled.cancellation.canceled_by.type == "client"
    with pytest.raises(NotFoundError):
        client.appointments.get(booked.id)
    # Canceled, not gone: staff and admins still see it, with who canceled it.
    seen = api.admin.appointments.get(booked.id)
    assert seen.status == "canceled"
    assert seen.cancellation is not None
    assert seen.cancellation.canceled_by.id == str(GRACE)
