"""appointments.list: default filters, every filter, order, and opaque page tokens."""

from __future__ import annotations

from typing import Any

from mock_rules_support import ADA, EDSGER, FRANCES, Api, Fails

from appointments_mock.domain import appointments

OP = "appointments.list"


def _list(api: Api, role: str = "admin", **filters: Any) -> dict[str, Any]:
    return appointments.list_appointments(api.world, api.call(role), **filters)


def _all(api: Api, role: str = "admin", **filters: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    token = None
    while True:
        page = _list(api, role, page_token=token, **filters)
        items.extend(page["items"])
        token = page["next_page_token"]
        if token is None:
            return items


def test_the_default_list_is_active_and_live_ordered_by_start(api: Api, check) -> None:
    page = _list(api)
    check("AppointmentPage", page)
    assert page["items"]
    assert all(a["status"] == "active" and a["deleted_at"] is None for a in page["items"])
    starts = [a["starts_at"] for a in page["items"]]
    assert starts == sorted(starts)
    assert page["total_size"] == len(page["items"])


def test_both_statuses_list_active_and_canceled(api: Api) -> None:
    both = _all(api, status=["active", "canceled"])
    assert {a["status"] for a in both} == {"active", "canceled"}
    assert len(both) == len(_all(api)) + len(_all(api, status=["canceled"]))


def test_pages_walk_every_item_once_with_a_stable_total(api: Api) -> None:
    for i in range(7):
        api.book(f"2030-03-07T{8 + i:02d}:00:00Z", client_id=FRANCES)
    everything = _all(api, status=["active", "canceled"], deleted="include")
    paged = _all(api, status=["active", "canceled"], deleted="include", page_size=3)
    assert [a["id"] for a in paged] == [a["id"] for a in everything]
    assert len({a["id"] for a in paged}) == len(paged)
    first = _list(api, status=["active", "canceled"], deleted="include", page_size=3)
    assert first["total_size"] == len(everything)


def test_a_page_token_with_other_filters_is_400_invalid_page_token(api: Api, fails: Fails) -> None:
    token = _list(api, page_size=1)["next_page_token"]
    assert token is not None
    fails(400, "invalid-page-token", OP, _list, api, page_size=1, page_token=token, type_="group")


def test_a_garbage_page_token_is_400_invalid_page_token(api: Api, fails: Fails) -> None:
    fails(400, "invalid-page-token", OP, _list, api, page_token="not-a-token")
    fails(400, "invalid-page-token", OP, _list, api, page_token="eyJvIjotMX0")


def test_page_size_can_change_between_pages(api: Api) -> None:
    token = _list(api, page_size=2)["next_page_token"]
    assert _list(api, page_size=5, page_token=token)["items"]


def test_filters_by_type_practitioner_client_and_series(api: Api) -> None:
    group = api.group(repeat_rule={"frequency": "daily", "count": 2})
    api.seat(group["id"], FRANCES)
    assert {a["type"] for a in _all(api, type_="group")} == {"group"}
    assert {a["practitioner_id"] for a in _all(api, practitioner_id=ADA)} == {ADA}
    attended = {a["id"] for a in _all(api, client_id=FRANCES)}
    assert group["id"] in attended
    assert len(_all(api, series_id=group["series_id"])) == 2


def test_time_filters_are_inclusive_after_and_exclusive_before(api: Api) -> None:
    appt = api.book()
    at = appt["starts_at"]
    assert appt["id"] in {a["id"] for a in _all(api, starts_after=at)}
    assert appt["id"] not in {a["id"] for a in _all(api, starts_before=at)}
    assert appt["id"] in {a["id"] for a in _all(api, updated_since="2030-03-04T06:00:00Z")}
    assert _all(api, updated_since="2030-03-04T06:00:01Z") == []


def test_updated_since_with_both_statuses_and_deleted_is_a_sync_feed(api: Api) -> None:
    api.advance(minutes=1)
    canceled = api.book()
    deleted = api.book("2030-03-06T12:00:00Z", client_id=FRANCES)
    api.cancel(canceled["id"])
    api.advance(minutes=1)
    appointments.delete_appointment(api.world, api.call(), deleted["id"])
    feed = _all(
        api,
        status=["active", "canceled"],
        deleted="include",
        updated_since="2030-03-04T06:01:00Z",
        order_by="updated_at",
    )
    assert [a["id"] for a in feed] == [canceled["id"], deleted["id"]]


def test_order_by_descending_start(api: Api) -> None:
    starts = [a["starts_at"] for a in _all(api, order_by="starts_at_desc")]
    assert starts == sorted(starts, reverse=True)
    created = [
        a["created_at"] for a in _all(api, order_by="created_at", status=["active", "canceled"])
    ]
    assert created == sorted(created)


def test_a_staff_list_with_another_practitioner_is_empty(api: Api) -> None:
    other = next(p for p in api.world.practitioners if p != ADA)
    assert _list(api, "staff", practitioner_id=other)["items"] == []


def test_invalid_filters_are_400_listing_every_parameter(api: Api, fails: Fails) -> None:
    error = fails(400, "validation-error", OP, _list, api, status=["often"], deleted="sometimes")
    assert [e["parameter"] for e in error.extra["errors"]] == ["status", "deleted"]
    fails(400, "validation-error", OP, _list, api, starts_after="tomorrow")
    fails(400, "validation-error", OP, _list, api, page_size=0)


def test_client_filter_includes_group_attendance(api: Api) -> None:
    group = api.group()
    api.seat(group["id"], EDSGER)
    assert group["id"] in {a["id"] for a in _all(api, client_id=EDSGER, type_="group")}


def test_every_order_pages_through_exactly_the_sorted_records(api: Api) -> None:
    # Small pages, so that pages after the first read from the middle of the sorted indexes,
    # ascending and descending (single-bucket lists and merged multi-bucket ones).
    for hour in (9, 11, 13):
        api.group(f"2030-03-07T{hour:02d}:00:00Z")
    api.world.clock.advance(60)
    api.book("2030-03-08T09:00:00Z")  # a later created_at and updated_at
    world = api.world
    for order_by in ("starts_at", "starts_at_desc", "updated_at", "updated_at_desc",
                     "created_at", "created_at_desc"):  # fmt: skip
        field, desc = order_by.removesuffix("_desc"), order_by.endswith("_desc")
        for statuses in (["active"], ["active", "canceled"]):
            expected = sorted(
                (a for a in world.appointments.values() if a.status in statuses and not a.deleted),
                key=lambda a: (getattr(a, field), a.id),
                reverse=desc,
            )
            for page_size in (1, 2, 5):
                listed = _all(api, status=statuses, order_by=order_by, page_size=page_size)
                assert [a["id"] for a in listed] == [a.id for a in expected], (order_by, statuses)
