"""Audit events: every change, with actor, fields and request id; the log is filterable."""

from __future__ import annotations

from typing import Any

from mock_rules_support import Api, Fails

from appointments_mock.domain import appointments, history, reference


def _log(api: Api, **filters: Any) -> dict[str, Any]:
    return history.list_audit_events(api.world, api.call(), **filters)


def test_every_change_of_an_appointment_is_audited_in_order(api: Api, check) -> None:
    appt = api.book()
    appointments.update_appointment(api.world, api.call(), appt["id"], {"notes": "x"})
    api.cancel(appt["id"])
    appointments.delete_appointment(api.world, api.call(), appt["id"])
    appointments.restore_appointment(api.world, api.call(), appt["id"])
    page = history.appointment_audit_events(api.world, api.call(), appt["id"])
    check("AuditEventPage", page)
    assert [e["action"] for e in page["items"]] == [
        "appointment.created",
        "attendee.added",
        "appointment.updated",
        "appointment.canceled",
        "attendee.canceled",
        "appointment.deleted",
        "appointment.restored",
    ]
    canceled = page["items"][3]
    assert canceled["changes"] == [
        {"field": "status", "old_value": "active", "new_value": "canceled"}
    ]
    assert canceled["actor"]["type"] == "admin"


def test_the_audit_log_filters_by_action_actor_resource_and_time(api: Api, check) -> None:
    appt = api.book(role="api_client")
    api.advance(hours=1)
    api.cancel(appt["id"], role="staff")
    canceled = _log(api, action="appointment.canceled", actor_type="staff")
    check("AuditEventPage", canceled)
    assert [e["appointment_id"] for e in canceled["items"]] == [appt["id"]]
    mine = _log(api, appointment_id=appt["id"], resource_type="attendee")
    assert {e["action"] for e in mine["items"]} == {"attendee.added", "attendee.canceled"}
    later = _log(api, occurred_after="2030-03-04T07:00:00Z")
    assert {e["actor"]["type"] for e in later["items"]} == {"staff"}
    earlier = _log(api, appointment_id=appt["id"], occurred_before="2030-03-04T07:00:00Z")
    assert {e["actor"]["id"] for e in earlier["items"]} == {"demo-api"}
    by_id = _log(api, resource_id=appt["id"], actor_id="demo-api")
    assert [e["action"] for e in by_id["items"]] == ["appointment.created"]


def test_the_audit_log_is_paginated(api: Api) -> None:
    first = _log(api, page_size=10)
    assert len(first["items"]) == 10
    second = _log(api, page_size=10, page_token=first["next_page_token"])
    assert {e["id"] for e in first["items"]}.isdisjoint({e["id"] for e in second["items"]})


def test_an_invalid_audit_filter_is_400(api: Api, fails: Fails) -> None:
    fails(400, "validation-error", "audit_events.list", _log, api, action="appointment.exploded")


def test_the_cancellation_reasons_catalogue(api: Api, check) -> None:
    catalogue = reference.list_cancellation_reasons(api.world, api.call())
    check("CancellationReasonList", catalogue)
    assert [r["code"] for r in catalogue["items"]] == [10, 20, 30, 31, 40, 50, 60]
    assert [r["code"] for r in catalogue["items"] if r["requires_note"]] == [50]
