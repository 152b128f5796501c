"""Roles: what each demo key may see and do. Invisible is 404, not 403."""

from __future__ import annotations

from typing import Any

from mock_rules_support import ADA, EDSGER, GRACE, Api, Fails

from appointments_mock.domain import appointments, attendees, history, reference

UNKNOWN = "00000000-0000-4000-8000-000000000000"


def _ids(page: dict[str, Any]) -> set[str]:
    return {a["id"] for a in page["items"]}


def test_a_client_never_sees_canceled_appointments(api: Api, fails: Fails) -> None:
    canceled = api.world.labels["canceled"]
    assert api.get(canceled)["status"] == "canceled"  # Grace's, canceled in the demo data
    fails(404, "not-found", "appointments.get", api.get, canceled, "client")
    listed = appointments.list_appointments(
        api.world, api.call("client"), status=["active", "canceled"]
    )
    assert canceled not in _ids(listed)
    assert (
        appointments.list_appointments(api.world, api.call("client"), status=["canceled"])["items"]
        == []
    )


def test_a_client_sees_only_the_appointments_it_attends(api: Api, fails: Fails) -> None:
    mine = _ids(appointments.list_appointments(api.world, api.call("client")))
    assert mine == {
        api.world.labels["upcoming"],
        api.world.labels["group"],
        api.world.labels["past"],
    }
    other = api.world.labels["other_client"]
    fails(404, "not-found", "appointments.get", api.get, other, "client")


def test_a_client_may_book_and_cancel_for_itself(api: Api) -> None:
    appt = api.book(client_id=GRACE, role="client")
    assert appt["client_id"] == GRACE
    canceled = api.cancel(appt["id"], role="client")
    assert canceled["cancellation"]["canceled_by"]["type"] == "client"


def test_a_client_booking_for_someone_else_is_403(api: Api, fails: Fails) -> None:
    fails(403, "forbidden", "appointments.create", api.book, client_id=EDSGER, role="client")


def test_a_client_may_not_update_delete_or_restore(api: Api, fails: Fails) -> None:
    upcoming = api.world.labels["upcoming"]
    world, call = api.world, api.call("client")
    fails(
        403,
        "forbidden",
        "appointments.update",
        appointments.update_appointment,
        world,
        call,
        upcoming,
        {"notes": "x"},
    )
    fails(
        403,
        "forbidden",
        "appointments.delete",
        appointments.delete_appointment,
        world,
        call,
        upcoming,
    )
    fails(
        403,
        "forbidden",
        "appointments.restore",
        appointments.restore_appointment,
        world,
        call,
        upcoming,
    )


def test_a_client_cannot_read_audit_events_or_notifications(api: Api, fails: Fails) -> None:
    upcoming = api.world.labels["upcoming"]
    world, call = api.world, api.call("client")
    fails(403, "forbidden", "audit_events.list", history.list_audit_events, world, call)
    fails(
        403,
        "forbidden",
        "appointments.audit_events",
        history.appointment_audit_events,
        world,
        call,
        upcoming,
    )
    fails(
        403,
        "forbidden",
        "appointments.notifications",
        history.appointment_notifications,
        world,
        call,
        upcoming,
    )


def test_a_client_sees_only_itself_among_clients(api: Api, fails: Fails) -> None:
    page = reference.list_clients(api.world, api.call("client"))
    assert [c["id"] for c in page["items"]] == [GRACE]
    assert reference.get_client(api.world, api.call("client"), GRACE)["id"] == GRACE
    fails(
        404, "not-found", "clients.get", reference.get_client, api.world, api.call("client"), EDSGER
    )


def test_a_client_may_join_a_group_but_only_itself(api: Api, fails: Fails) -> None:
    group = api.group()
    seat = api.seat(group["id"], GRACE, role="client")
    assert seat["client_id"] == GRACE
    fails(403, "forbidden", "attendees.create", api.seat, group["id"], EDSGER, "client")


def test_a_client_sees_only_its_own_seat_in_a_group(api: Api) -> None:
    group = api.world.labels["group"]
    seats = attendees.list_attendees(api.world, api.call("client"), group)["items"]
    assert [s["client_id"] for s in seats] == [GRACE]


def test_staff_see_only_their_practitioners_appointments(api: Api, fails: Fails) -> None:
    listed = appointments.list_appointments(
        api.world, api.call("staff"), status=["active", "canceled"], deleted="include"
    )["items"]
    assert listed
    assert {a["practitioner_id"] for a in listed} == {ADA}
    other = api.world.labels["other_client"]
    fails(404, "not-found", "appointments.get", api.get, other, "staff")
    fails(404, "not-found", "appointments.cancel", api.cancel, other, "staff")
    fails(
        404,
        "not-found",
        "appointments.audit_events",
        history.appointment_audit_events,
        api.world,
        api.call("staff"),
        other,
    )


def test_staff_may_book_only_their_own_practitioner(api: Api, fails: Fails) -> None:
    other = next(p for p in api.world.practitioners if p != ADA)
    fails(403, "forbidden", "appointments.create", api.book, practitioner_id=other, role="staff")
    assert api.book(role="staff")["practitioner_id"] == ADA


def test_staff_and_api_clients_cannot_read_the_audit_log(api: Api, fails: Fails) -> None:
    fails(
        403,
        "forbidden",
        "audit_events.list",
        history.list_audit_events,
        api.world,
        api.call("staff"),
    )
    assert history.list_audit_events(api.world, api.call("api_client"))["total_size"] > 0


def test_an_api_client_may_do_everything_but_purge(api: Api, fails: Fails) -> None:
    appt = api.book(role="api_client")
    appointments.delete_appointment(api.world, api.call("api_client"), appt["id"])
    fails(
        403,
        "forbidden",
        "appointments.purge",
        appointments.purge_appointment,
        api.world,
        api.call("api_client"),
        appt["id"],
    )
    appointments.purge_appointment(api.world, api.call("admin"), appt["id"])


def test_unknown_ids_are_404(api: Api, fails: Fails) -> None:
    fails(404, "not-found", "appointments.get", api.get, UNKNOWN)
    fails(404, "not-found", "appointments.cancel", api.cancel, UNKNOWN)
    fails(
        404,
        "not-found",
        "attendees.get",
        attendees.get_attendee,
        api.world,
        api.call(),
        api.world.labels["group"],
        UNKNOWN,
    )
