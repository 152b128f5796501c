"""Availability: working hours in the practitioner's zone minus live, active appointments."""

from __future__ import annotations

from typing import Any

from mock_rules_support import ADA, Api, Fails

from appointments_mock.domain import appointments, availability

OP = "availability.list"


def _slots(api: Api, **query: Any) -> dict[str, Any]:
    return availability.list_availability(api.world, api.call(), **query)


def test_slots_follow_working_hours_in_the_practitioners_time_zone(api: Api, check) -> None:
    # Wednesday 2030-03-06: Ada works 09:00-17:00 Berlin = 08:00-16:00 UTC.
    page = _slots(
        api,
        from_="2030-03-06T00:00:00Z",
        to="2030-03-07T00:00:00Z",
        practitioner_id=ADA,
        duration_minutes=60,
        page_size=100,
    )
    check("AvailabilitySlotPage", page)
    starts = [s["starts_at"][11:16] for s in page["items"]]
    assert starts == [f"{h:02d}:00" for h in range(8, 16)]


def test_no_slots_on_the_weekend(api: Api) -> None:
    page = _slots(api, from_="2030-03-09T00:00:00Z", to="2030-03-11T00:00:00Z", practitioner_id=ADA)
    assert page["items"] == []


def test_booked_time_is_not_free_and_a_delete_frees_it(api: Api) -> None:
    query = {"from_": "2030-03-06T08:00:00Z", "to": "2030-03-06T10:00:00Z", "practitioner_id": ADA}
    assert len(_slots(api, **query)["items"]) == 4
    appt = api.book("2030-03-06T08:45:00Z", 30)
    starts = [s["starts_at"] for s in _slots(api, **query)["items"]]
    assert starts == ["2030-03-06T08:00:00Z", "2030-03-06T09:30:00Z"]
    appointments.delete_appointment(api.world, api.call(), appt["id"])
    assert len(_slots(api, **query)["items"]) == 4


def test_all_practitioners_are_listed_by_start_then_practitioner(api: Api) -> None:
    items = _slots(api, from_="2030-03-06T00:00:00Z", to="2030-03-07T00:00:00Z", page_size=100)[
        "items"
    ]
    assert len({s["practitioner_id"] for s in items}) == 3
    keys = [(s["starts_at"], s["practitioner_id"]) for s in items]
    assert keys == sorted(keys)


def test_slots_are_paginated(api: Api) -> None:
    query = {"from_": "2030-03-06T00:00:00Z", "to": "2030-03-08T00:00:00Z", "practitioner_id": ADA}
    first = _slots(api, page_size=5, **query)
    assert len(first["items"]) == 5
    second = _slots(api, page_size=5, page_token=first["next_page_token"], **query)
    assert second["items"][0]["starts_at"] > first["items"][-1]["starts_at"]
    assert first["total_size"] == 32


def test_a_window_over_31_days_or_backwards_is_400_window_too_large(api: Api, fails: Fails) -> None:
    fails(
        400,
        "window-too-large",
        OP,
        _slots,
        api,
        from_="2030-03-01T00:00:00Z",
        to="2030-04-02T00:00:00Z",
    )
    fails(
        400,
        "window-too-large",
        OP,
        _slots,
        api,
        from_="2030-03-02T00:00:00Z",
        to="2030-03-01T00:00:00Z",
    )
