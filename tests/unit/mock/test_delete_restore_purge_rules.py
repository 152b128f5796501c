"""Delete is data management: hidden and restorable until purge_at, then gone; history stays."""

from __future__ import annotations

from mock_rules_support import ADA, FRANCES, Api, Fails

from appointments_mock.domain import appointments, availability, history

DAY = 24


def _delete(api: Api, appointment_id: str, role: str = "admin", **kwargs: object) -> dict:
    return appointments.delete_appointment(api.world, api.call(role), appointment_id, **kwargs)  # type: ignore[arg-type]


def _restore(api: Api, appointment_id: str, role: str = "admin") -> dict:
    return appointments.restore_appointment(api.world, api.call(role), appointment_id)


def _purge(api: Api, appointment_id: str, role: str = "admin") -> None:
    appointments.purge_appointment(api.world, api.call(role), appointment_id)


def test_delete_sets_deleted_at_and_purge_at_after_the_retention(api: Api, check) -> None:
    appt = api.book()
    deleted = _delete(api, appt["id"])
    check("Appointment", deleted)
    assert deleted["deleted_at"] == "2030-03-04T06:00:00Z"
    assert deleted["purge_at"] == "2030-04-03T06:00:00Z"
    assert deleted["status"] == "active"
    assert deleted["version"] == appt["version"] + 1


def test_get_of_a_deleted_appointment_is_410_with_purge_at(api: Api, fails: Fails) -> None:
    appt = api.book()
    _delete(api, appt["id"])
    error = fails(410, "appointment-deleted", "appointments.get", api.get, appt["id"])
    assert error.extra == {"deleted_at": "2030-03-04T06:00:00Z", "purge_at": "2030-04-03T06:00:00Z"}


def test_show_deleted_returns_a_deleted_appointment(api: Api) -> None:
    appt = api.book()
    _delete(api, appt["id"])
    assert api.get(appt["id"], show_deleted=True)["deleted_at"] == "2030-03-04T06:00:00Z"


def test_deleted_appointments_are_excluded_from_lists_unless_asked_for(api: Api) -> None:
    appt = api.book()
    _delete(api, appt["id"])

    def listed(**filters: object) -> set[str]:
        page = appointments.list_appointments(api.world, api.call(), **filters)  # type: ignore[arg-type]
        return {a["id"] for a in page["items"]}

    assert appt["id"] not in listed()
    assert appt["id"] in listed(deleted="include")
    only = appointments.list_appointments(api.world, api.call(), deleted="only")["items"]
    assert appt["id"] in {a["id"] for a in only}
    assert all(a["deleted_at"] is not None for a in only)


def test_delete_twice_is_410_appointment_deleted(api: Api, fails: Fails) -> None:
    appt = api.book()
    _delete(api, appt["id"])
    fails(410, "appointment-deleted", "appointments.delete", _delete, api, appt["id"])


def test_mutations_of_a_deleted_appointment_are_410(api: Api, fails: Fails) -> None:
    appt = api.book()
    _delete(api, appt["id"])
    fails(410, "appointment-deleted", "appointments.cancel", api.cancel, appt["id"])
    fails(
        410,
        "appointment-deleted",
        "appointments.update",
        appointments.update_appointment,
        api.world,
        api.call(),
        appt["id"],
        {"notes": "x"},
    )


def test_delete_of_a_locked_appointment_is_409_appointment_locked(api: Api, fails: Fails) -> None:
    appt = api.book()
    api.world.set_locked(appt["id"], True, "legal_hold")
    fails(409, "appointment-locked", "appointments.delete", _delete, api, appt["id"])


def test_delete_while_in_progress_is_409_appointment_in_progress(api: Api, fails: Fails) -> None:
    appt = api.book()
    api.advance(days=2, hours=3, minutes=5)
    fails(409, "appointment-in-progress", "appointments.delete", _delete, api, appt["id"])


def test_a_canceled_appointment_can_be_deleted_and_restored_still_canceled(api: Api) -> None:
    appt = api.book()
    api.cancel(appt["id"])
    _delete(api, appt["id"])
    restored = _restore(api, appt["id"])
    assert (restored["status"], restored["deleted_at"], restored["purge_at"]) == (
        "canceled",
        None,
        None,
    )


def test_restore_brings_the_appointment_back_unchanged(api: Api) -> None:
    appt = api.book(notes="Keep me.")
    _delete(api, appt["id"])
    restored = _restore(api, appt["id"])
    unchanged = ("status", "starts_at", "ends_at", "client_id", "notes", "attendee_counts")
    assert {k: restored[k] for k in unchanged} == {k: appt[k] for k in unchanged}
    assert restored["deleted_at"] is None
    assert restored["version"] == appt["version"] + 2


def test_restore_of_a_live_appointment_is_409_not_deleted(api: Api, fails: Fails) -> None:
    appt = api.book()
    fails(409, "not-deleted", "appointments.restore", _restore, api, appt["id"])


def test_delete_frees_the_time_and_restore_rechecks_the_slot(api: Api, fails: Fails) -> None:
    appt = api.book()
    _delete(api, appt["id"])
    window = {"from_": "2030-03-06T09:00:00Z", "to": "2030-03-06T09:30:00Z", "practitioner_id": ADA}
    assert len(availability.list_availability(api.world, api.call(), **window)["items"]) == 1
    taken = api.book(client_id=FRANCES)
    error = fails(409, "slot-conflict", "appointments.restore", _restore, api, appt["id"])
    assert error.extra["conflicting_appointment_ids"] == [taken["id"]]


def test_restore_rechecks_the_booking_limit(api: Api, fails: Fails) -> None:
    grace = api.world.api_keys["demo-client-key"].client_id
    third = api.book(client_id=grace)
    _delete(api, third["id"])
    api.book("2030-03-06T11:00:00Z", client_id=grace)
    fails(409, "booking-limit-reached", "appointments.restore", _restore, api, third["id"])


def test_after_the_retention_the_appointment_is_gone_but_its_history_remains(
    api: Api, fails: Fails
) -> None:
    appt = api.book()
    _delete(api, appt["id"])
    api.advance(days=29)
    assert api.get(appt["id"], show_deleted=True)["id"] == appt["id"]
    api.advance(days=1)
    fails(404, "not-found", "appointments.get", api.get, appt["id"], show_deleted=True)
    fails(404, "not-found", "appointments.restore", _restore, api, appt["id"])
    events = history.appointment_audit_events(api.world, api.call(), appt["id"])["items"]
    assert [e["action"] for e in events][-1] == "appointment.purged"
    assert events[-1]["actor"] == {"type": "system", "id": None, "display_name": "System"}


def test_purge_is_refused_for_non_admins_even_for_unknown_ids(api: Api, fails: Fails) -> None:
    appt = api.book()
    _delete(api, appt["id"])
    for role in ("api_client", "staff", "client"):
        fails(403, "forbidden", "appointments.purge", _purge, api, appt["id"], role)
    fails(
        403,
        "forbidden",
        "appointments.purge",
        _purge,
        api,
        "00000000-0000-4000-8000-000000000000",
        "api_client",
    )


def test_purge_of_a_live_appointment_is_409_not_deleted(api: Api, fails: Fails) -> None:
    appt = api.book()
    fails(409, "not-deleted", "appointments.purge", _purge, api, appt["id"])


def test_purge_erases_the_appointment_and_keeps_its_audit_trail(api: Api, fails: Fails) -> None:
    appt = api.book()
    _delete(api, appt["id"])
    _purge(api, appt["id"])
    fails(404, "not-found", "appointments.get", api.get, appt["id"], show_deleted=True)
    fails(
        404,
        "not-found",
        "appointments.notifications",
        history.appointment_notifications,
        api.world,
        api.call(),
        appt["id"],
    )
    assert not [a for a in api.world.attendees.values() if a.appointment_id == appt["id"]]
    actions = [
        e["action"]
        for e in history.appointment_audit_events(api.world, api.call(), appt["id"])["items"]
    ]
    assert actions == [
        "appointment.created",
        "attendee.added",
        "appointment.deleted",
        "appointment.purged",
    ]


def test_audit_events_of_an_id_that_never_existed_are_404(api: Api, fails: Fails) -> None:
    fails(
        404,
        "not-found",
        "appointments.audit_events",
        history.appointment_audit_events,
        api.world,
        api.call(),
        "00000000-0000-4000-8000-000000000000",
    )


def test_delete_notifies_nobody_by_default(api: Api) -> None:
    appt = api.book()
    before = len(history.appointment_notifications(api.world, api.call(), appt["id"])["items"])
    _delete(api, appt["id"])
    after = history.appointment_notifications(api.world, api.call(), appt["id"])["items"]
    assert len(after) == before


def test_delete_with_notify_emails_the_client_and_the_practitioner(api: Api) -> None:
    appt = api.book()
    _delete(api, appt["id"], notify_people=True)
    items = history.appointment_notifications(api.world, api.call(), appt["id"])["items"]
    emails = {
        n["recipient"]["type"]
        for n in items
        if n["event"] == "appointment.deleted" and n["channel"] == "email"
    }
    assert emails == {"client", "practitioner"}


def test_restore_notifies_nobody(api: Api) -> None:
    appt = api.book()
    _delete(api, appt["id"])
    before = len(history.appointment_notifications(api.world, api.call(), appt["id"])["items"])
    _restore(api, appt["id"])
    after = history.appointment_notifications(api.world, api.call(), appt["id"])["items"]
    assert len(after) == before


def test_notifications_stay_readable_while_soft_deleted(api: Api) -> None:
    appt = api.book()
    _delete(api, appt["id"])
    page = history.appointment_notifications(api.world, api.call(), appt["id"])
    assert page["total_size"] == 3
