"""What goes on the wire: query encoding, bodies, If-Match, and arguments rejected before sending."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import httpx
import httpx2
import pytest
import respx
from pydantic import ValidationError

from appointments import (
    AppointmentsClient,
    AsyncAppointmentsClient,
    Attendee,
    InvalidArgumentError,
    Status,
    models,
)
from appointments._base_client import RequestOptions
from tests.unit.sdk._data import API_KEY, APPOINTMENT_ID, BASE_URL, appointment, example, page

PATH = f"/appointments/{APPOINTMENT_ID}"
START = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)


def test_query_arrays_repeat_and_datetimes_keep_their_offset(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.get("/appointments").respond(200, json=page([], None))
    cet = timezone(timedelta(hours=1))
    client.appointments.list(
        status=[Status.active, "canceled"],
        starts_after=datetime(2030, 3, 4, 10, 0, tzinfo=cet),
        type="group",
        page_size=10,
    )
    url = route.calls.last.request.url
    assert url.params.get_list("status") == ["active", "canceled"]
    assert url.params["starts_after"] == "2030-03-04T10:00:00+01:00"
    assert url.params["type"] == "group"
    assert "deleted" not in url.params  # not given: left to the server's default


def test_keyword_names_are_escaped_but_sent_as_the_api_names_them(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.get("/availability").respond(200, json=page([], None))
    client.availability.list(from_=START, to=START + timedelta(days=1), duration_minutes=45)
    params = route.calls.last.request.url.params
    assert params["from"] == "2030-03-04T09:00:00+00:00"
    assert params["duration_minutes"] == "45"


def test_bodies_hold_only_the_given_fields(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.post(f"{PATH}/cancel").respond(200, json=appointment(status="canceled"))
    client.appointments.cancel(APPOINTMENT_ID, reason_code=50, note="called in", notify=False)
    request = route.calls.last.request
    assert json.loads(request.content) == {"reason_code": 50, "note": "called in", "notify": False}
    assert request.headers["Content-Type"] == "application/json"


def test_a_given_none_clears_a_nullable_field(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.patch(PATH).respond(200, json=appointment())
    client.appointments.update(APPOINTMENT_ID, notes=None, time_zone="Europe/Paris")
    assert json.loads(route.calls.last.request.content) == {
        "notes": None,
        "time_zone": "Europe/Paris",
    }


def test_body_datetimes_are_rfc3339_with_offset(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.post("/appointments").respond(201, json=appointment())
    client.appointments.create(
        type="group",
        starts_at=START,
        ends_at=START + timedelta(hours=1),
        practitioner_id=APPOINTMENT_ID,
        max_attendees=8,
        repeat_rule=models.RepeatRule(frequency=models.RepeatFrequency.weekly, count=4),
    )
    body = json.loads(route.calls.last.request.content)
    assert body["starts_at"] in ("2030-03-04T09:00:00Z", "2030-03-04T09:00:00+00:00")
    assert body["repeat_rule"] == {"frequency": "weekly", "count": 4}


@pytest.mark.parametrize(
    ("if_match", "header"),
    [('"7"', '"7"'), ('W/"x"', 'W/"x"'), (7, '"7"')],
)
def test_if_match_accepts_an_etag_or_a_version(
    client: AppointmentsClient, router: respx.MockRouter, if_match: str | int, header: str
) -> None:
    route = router.delete(PATH).respond(200, json=appointment())
    client.appointments.delete(APPOINTMENT_ID, if_match=if_match)
    assert route.calls.last.request.headers["If-Match"] == header


def test_if_match_accepts_the_model_itself(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.get(PATH).respond(200, json=appointment(version=3))
    route = router.post(f"{PATH}/cancel").respond(200, json=appointment())
    current = client.appointments.get(APPOINTMENT_ID)
    client.appointments.cancel(APPOINTMENT_ID, reason_code=10, if_match=current)
    assert route.calls.last.request.headers["If-Match"] == '"3"'

    attendee = Attendee.model_validate({**example("ActiveAttendee"), "version": 5})
    attendee_route = router.delete(f"{PATH}/attendees/{attendee.id}").respond(
        200, json=example("ActiveAttendee")
    )
    client.attendees.delete(APPOINTMENT_ID, attendee.id, if_match=attendee)
    assert attendee_route.calls.last.request.headers["If-Match"] == '"5"'


def test_no_if_match_header_unless_given(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.delete(PATH).respond(200, json=appointment())
    client.appointments.delete(APPOINTMENT_ID, notify=True)
    assert "If-Match" not in route.calls.last.request.headers
    assert route.calls.last.request.url.params["notify"] == "true"


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.appointments.list(starts_after=datetime(2030, 1, 1)),  # naive
        lambda c: c.appointments.list(page_size=1000),
        lambda c: c.appointments.list(status=["no_show"]),
        lambda c: c.appointments.create(
            type="group",
            starts_at=datetime(2030, 1, 1),
            ends_at=START,
            practitioner_id=APPOINTMENT_ID,
        ),
        lambda c: c.appointments.create(
            type="group",
            starts_at=START,
            ends_at=START,
            practitioner_id=APPOINTMENT_ID,
            max_attendees=0,
        ),
        lambda c: c.appointments.cancel(APPOINTMENT_ID, reason_code=0),
        lambda c: c.availability.list(from_=START, to=START, duration_minutes=1),
        lambda c: c.appointments.get(APPOINTMENT_ID, timeout=None),
    ],
    ids=[
        "naive-query-datetime",
        "page-size-too-large",
        "unknown-enum-value",
        "naive-body-datetime",
        "max-attendees-zero",
        "reason-code-zero",
        "duration-too-short",
        "timeout-none",
    ],
)
def test_invalid_arguments_fail_before_any_request(
    client: AppointmentsClient, router: respx.MockRouter, call: object
) -> None:
    assert callable(call)
    with pytest.raises(InvalidArgumentError):
        call(client)
    assert router.calls.call_count == 0


def test_unknown_fields_in_request_models_are_rejected() -> None:
    with pytest.raises(ValidationError, match="unknown field"):
        models.RepeatRule.model_validate({"frequency": "weekly", "count": 2, "until": "2031"})


@pytest.mark.anyio
async def test_async_invalid_arguments_fail_before_any_request(
    async_client: AsyncAppointmentsClient, router: respx.MockRouter
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"^starts_at: "):
        await async_client.appointments.update(APPOINTMENT_ID, starts_at=datetime(2030, 1, 1))
    with pytest.raises(InvalidArgumentError, match=r"^page_size: "):
        async_client.appointments.list(page_size=0)
    assert router.calls.call_count == 0


def test_path_parameters_are_percent_encoded(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.get(url__regex=r".*/clients/.*").respond(404)
    with pytest.raises(Exception, match="404"):
        client.clients.get("a/b c")
    assert route.calls.last.request.url.raw_path == b"/v1/clients/a%2Fb%20c"


def test_purge_returns_none_on_204(client: AppointmentsClient, router: respx.MockRouter) -> None:
    router.post(f"{PATH}/purge").respond(204)
    result: None = client.appointments.purge(APPOINTMENT_ID)
    assert result is None


def test_the_request_carries_auth_and_identifies_the_sdk(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.get("/cancellation-reasons").respond(200, json=example("CancellationReasonList"))
    reasons = client.cancellation_reasons.list()
    assert reasons.items[0].code == 10
    headers = route.calls.last.request.headers
    assert headers["Authorization"].startswith("Bearer ")
    assert headers["User-Agent"].startswith("appointments-sdk/")
    assert f"httpx2/{httpx2.__version__}" in headers["User-Agent"]
    assert headers["Accept"] == "application/json"


@pytest.mark.parametrize(
    "query",
    [
        {"page_size": "20"},
        {"status": ["active", "canceled"], "starts_after": "2030-03-04T10:00:00+01:00"},
        {"q": "x y+z/\u00e9&=?#%", "empty": "", "several": ["a b", "c&d", ""]},
        {"plain": "A-z_0.9~", "a b": "*", "\u00e9": "'!()", "several": []},
    ],
)
def test_the_query_is_encoded_as_httpx_encodes_params(query: dict[str, str | list[str]]) -> None:
    # The SDK appends the encoded query to the URL itself (one URL parse instead of two); the
    # result must be the URL httpx2 builds from `params=`.
    sdk = AppointmentsClient(api_key="k", base_url="http://127.0.0.1:9/v1")
    try:
        request = sdk._build_request(sdk._http, RequestOptions("GET", "/x", query=query))
        expected = httpx2.Request("GET", "http://127.0.0.1:9/v1/x", params=query)
        assert request.url == expected.url
        assert request.url.raw_path == expected.url.raw_path
    finally:
        sdk.close()


@pytest.mark.parametrize(
    "base_url",
    [
        "http://127.0.0.1:9/v1",
        "https://api.example.com/v1/",
        "http://host",
        "http://[::1]:8080/api/v%C3%A9",
        "http://user:pw@h.example:81/v1",
    ],
)
@pytest.mark.parametrize("parts", [True, False])
def test_the_url_is_the_one_httpx_parses_from_the_string(
    base_url: str, parts: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The SDK makes the URL from the base URL's parsed parts (no parse of the whole string); it
    # must equal what httpx2 parses, and the string route (any other httpx2) must too.
    from appointments import _base_client

    assert _base_client._URL_PARTS_OK  # this httpx2 takes the fast route
    monkeypatch.setattr(_base_client, "_URL_PARTS_OK", parts)
    sdk = AppointmentsClient(api_key="k", base_url=base_url)
    query = {"page_size": "20", "q": "x y+z/\u00e9&=?#%", "s": ["a", "b c"]}
    path = "/appointments/" + _base_client.path_param("a/b c\u00e9") + "/attendees"
    try:
        for options in (RequestOptions("GET", path, query=query), RequestOptions("GET", path)):
            request = sdk._build_request(sdk._http, options)
            text = f"{base_url.rstrip('/')}{path}"
            expected = httpx2.Request("GET", text, params=options.query or None)
            assert request.url == expected.url
            assert str(request.url) == str(expected.url)
            assert request.url.raw_path == expected.url.raw_path
            assert (request.url.host, request.url.port) == (expected.url.host, expected.url.port)
            assert request.headers["Host"] == expected.headers["Host"]
            assert request.extensions["timeout"] == sdk.timeout.as_dict()
    finally:
        sdk.close()


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:9/v1", "http://user:pw@h.example:81/v1"])
def test_a_legacy_client_gets_the_url_legacy_httpx_parses(base_url: str) -> None:
    # A legacy httpx client is given the URL as a string (its own URL class, not httpx2's).
    query = {"page_size": "20", "q": "x y+z/\u00e9&=?#%", "s": ["a", "b c"]}
    with httpx.Client() as legacy:
        sdk = AppointmentsClient(api_key="k", base_url=base_url, http_client=legacy)
        request = sdk._build_request(sdk._http, RequestOptions("GET", "/x", query=query))
        expected = legacy.build_request("GET", f"{base_url}/x", params=query)
    assert isinstance(request, httpx.Request)
    assert str(request.url) == str(expected.url)
    assert request.url.raw_path == expected.url.raw_path


def test_default_params_of_a_given_http_client_are_still_sent(router: respx.MockRouter) -> None:
    route = router.get("/appointments").respond(200, json=page([], None))
    with httpx.Client(params={"tenant": "t1", "page_size": "5"}) as http:
        sdk = AppointmentsClient(api_key=API_KEY, base_url=BASE_URL, http_client=http)
        sdk.appointments.list(page_size=20, type="group")
    params = route.calls.last.request.url.params
    assert params["tenant"] == "t1"
    assert params.get_list("page_size") == ["20"]  # the call's own value wins, as before
    assert params["type"] == "group"


def test_a_client_with_its_own_pool_sends_the_same_headers(router: respx.MockRouter) -> None:
    route = router.get(PATH).respond(200, json=appointment())
    with AppointmentsClient(
        api_key=API_KEY, base_url=BASE_URL, default_headers={"X-Team": "a", "Accept": "x/y"}
    ) as sdk:
        sdk.appointments.get(APPOINTMENT_ID, extra_headers={"X-Call": "1"})
        sdk.with_options(default_headers={"X-Team": "b"}).appointments.get(APPOINTMENT_ID)
    first, second = (call.request.headers for call in route.calls)
    assert first["Authorization"] == f"Bearer {API_KEY}"
    assert first["User-Agent"].startswith("appointments-sdk/")
    assert first.get_list("Accept") == ["x/y"]  # default_headers still override, once
    assert (first["X-Team"], first["X-Call"]) == ("a", "1")
    assert second.get_list("Accept") == ["x/y"]
    assert second["X-Team"] == "b"
    assert second["User-Agent"].startswith("appointments-sdk/")


@pytest.mark.anyio
async def test_an_async_client_with_its_own_pool_sends_the_same_headers(
    router: respx.MockRouter,
) -> None:
    route = router.get(PATH).respond(200, json=appointment())
    async with AsyncAppointmentsClient(api_key=API_KEY, base_url=BASE_URL) as sdk:
        await sdk.appointments.get(APPOINTMENT_ID)
    headers = route.calls.last.request.headers
    assert headers.get_list("Accept") == ["application/json"]
    assert headers.get_list("User-Agent")[0].startswith("appointments-sdk/")
    assert len(headers.get_list("User-Agent")) == 1
    assert headers["Authorization"] == f"Bearer {API_KEY}"


@pytest.mark.parametrize("value", ["A-z_0.9~", "a/b c", "\u00e9+%", "", "x?y#z", "'!*()"])
def test_path_parameters_are_quoted_as_urllib_quotes_them(value: str) -> None:
    from urllib.parse import quote

    from appointments._base_client import path_param

    assert path_param(value) == quote(value, safe="")


def test_a_client_with_its_own_pool_sends_its_current_key_once(router: respx.MockRouter) -> None:
    route = router.get(PATH).respond(200, json=appointment())
    with AppointmentsClient(api_key=API_KEY, base_url=BASE_URL) as sdk:
        sdk.appointments.get(APPOINTMENT_ID)
        sdk.with_options(timeout=3).appointments.get(APPOINTMENT_ID)
        sdk.api_key = "sk-rotated"
        sdk.appointments.get(APPOINTMENT_ID)
        sdk.appointments.get(APPOINTMENT_ID, extra_headers={"X-Call": "1"})
    keys = [call.request.headers.get_list("Authorization") for call in route.calls]
    assert keys == [[f"Bearer {API_KEY}"]] * 2 + [["Bearer sk-rotated"]] * 2
    for call in route.calls:
        assert call.request.headers.get_list("Accept") == ["application/json"]
        assert len(call.request.headers.get_list("User-Agent")) == 1
