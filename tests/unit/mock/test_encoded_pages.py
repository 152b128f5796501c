"""Pages with cached item encodings: the same JSON as a freshly built page, never a stale one.

``appointments.list`` over HTTP splices each appointment's cached encoding into the page
(``serialize.appointment_encoded``), and the response check remembers the verdicts of item bytes
(``validation.check_response_body`` with the encoded value). Every test here changes what an
item depends on -- its own fields, the clock, its attendees -- and compares with the plain page.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from connexion.exceptions import NonConformingResponseBody
from mock_rules_support import BARBARA, EDSGER, Api, spec

from appointments_mock import validation
from appointments_mock.domain import appointments, attendees
from appointments_mock.domain.serialize import EncodedJSON, encode

FILTERS: dict[str, Any] = {"status": ["active", "canceled"], "deleted": "include"}


def _plain(api: Api) -> dict[str, Any]:
    return appointments.list_appointments(api.world, api.call(), **FILTERS)


def _encoded(api: Api) -> dict[str, Any]:
    page = appointments.list_appointments(api.world, api.call(), encoded=True, **FILTERS)
    assert page["items"]
    assert all(type(item) is EncodedJSON for item in page["items"])
    return page


def _same_json(api: Api) -> dict[str, Any]:
    """The encoded page, after checking it says exactly what the plain page says."""
    page = _encoded(api)
    assert json.loads(encode(page)) == json.loads(encode(_plain(api)))
    return page


def _item(page: dict[str, Any], appointment_id: str) -> dict[str, Any]:
    found = [json.loads(i.raw) for i in page["items"] if json.loads(i.raw)["id"] == appointment_id]
    assert len(found) == 1
    return found[0]


def test_an_encoded_page_is_the_same_json_and_reuses_unchanged_items(api: Api) -> None:
    first = _same_json(api)
    again = _same_json(api)
    assert [i.raw for i in again["items"]] == [i.raw for i in first["items"]]
    assert all(a is b for a, b in zip(first["items"], again["items"], strict=True))


def test_a_change_to_an_appointment_is_never_served_stale(api: Api) -> None:
    booked = api.book("2030-03-06T09:00:00Z")
    assert _item(_same_json(api), booked["id"])["status"] == "active"
    api.cancel(booked["id"])
    assert _item(_same_json(api), booked["id"])["status"] == "canceled"
    appointments.delete_appointment(api.world, api.call(), booked["id"])
    assert _item(_same_json(api), booked["id"])["deleted_at"] is not None


def test_moving_the_clock_changes_in_progress(api: Api) -> None:
    booked = api.book("2030-03-04T07:00:00Z", minutes=60)  # the clock is at 06:00
    assert _item(_same_json(api), booked["id"])["in_progress"] is False
    api.advance(hours=1, minutes=30)
    assert _item(_same_json(api), booked["id"])["in_progress"] is True
    api.advance(hours=1)
    assert _item(_same_json(api), booked["id"])["in_progress"] is False


def test_attendee_changes_change_the_counts(api: Api) -> None:
    group = api.group(seats=3)
    api.seat(group["id"], EDSGER)
    seat = api.seat(group["id"], BARBARA)
    assert _item(_same_json(api), group["id"])["attendee_counts"] == {
        "total": 2,
        "active": 2,
        "canceled": 0,
    }
    attendees.cancel_attendee(api.world, api.call(), group["id"], seat["id"], {"reason_code": 30})
    assert _item(_same_json(api), group["id"])["attendee_counts"]["canceled"] == 1


def test_the_counts_are_part_of_the_key_even_without_a_version_bump(api: Api) -> None:
    group = api.group(seats=3)
    seat = api.seat(group["id"], EDSGER)
    before = _item(_same_json(api), group["id"])
    api.world.attendees[seat["id"]].status = "canceled"  # behind the rules' back
    after = _item(_same_json(api), group["id"])
    assert after["version"] == before["version"]
    assert after["attendee_counts"] == {"total": 1, "active": 0, "canceled": 1}


# --- the response check of encoded pages ---------------------------------------------------


def _resolved(node: Any) -> Any:
    """``node`` with every ``$ref`` replaced by its target, as Connexion hands schemas out."""
    if isinstance(node, dict):
        if "$ref" in node:
            return _resolved(spec()["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]])
        return {key: _resolved(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolved(value) for value in node]
    return node


def _page_schema() -> dict[str, Any]:
    schema: dict[str, Any] = _resolved(spec()["components"]["schemas"]["AppointmentPage"])
    assert validation._page_check(schema) is not None  # the split check applies to this shape
    return schema


def _check(schema: dict[str, Any], page: dict[str, Any]) -> None:
    validation.check_response_body(schema, encode(page), nullable=False, value=page)


def test_a_valid_encoded_page_passes_and_again_from_memory(api: Api) -> None:
    schema = _page_schema()
    page = _encoded(api)
    _check(schema, page)
    _check(schema, page)


def test_an_invalid_item_fails_every_time_even_next_to_remembered_ones(api: Api) -> None:
    schema = _page_schema()
    page = _encoded(api)
    _check(schema, page)  # the valid items are remembered now
    bad = json.loads(page["items"][0].raw)
    bad["status"] = "unknown"
    broken = {**page, "items": [*page["items"], EncodedJSON(orjson.dumps(bad))]}
    for _ in range(2):
        with pytest.raises(NonConformingResponseBody, match="/items/"):
            _check(schema, broken)


def test_an_invalid_envelope_fails_with_valid_items(api: Api) -> None:
    schema = _page_schema()
    page = _encoded(api)
    _check(schema, page)
    with pytest.raises(NonConformingResponseBody, match="total_size"):
        _check(schema, {**page, "total_size": -1})
    with pytest.raises(NonConformingResponseBody):
        _check(schema, {key: value for key, value in page.items() if key != "next_page_token"})
