"""Error responses become typed exceptions carrying the parsed problem details."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import httpx2
import pytest
import respx

from appointments import (
    APIResponseValidationError,
    APIStatusError,
    AppointmentsClient,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    GoneError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    PreconditionFailedError,
    RateLimitError,
    UnprocessableEntityError,
)
from tests.unit.sdk._data import APPOINTMENT_ID, example, problem

PATH = f"/appointments/{APPOINTMENT_ID}"


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (410, GoneError),
        (412, PreconditionFailedError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
        (418, APIStatusError),
    ],
)
def test_each_status_raises_its_exception(
    client: AppointmentsClient, router: respx.MockRouter, status: int, error: type[APIStatusError]
) -> None:
    router.get(PATH).respond(
        status,
        json=problem(status, "some-code", request_id="req-1"),
        headers={"Content-Type": "application/problem+json"},
    )
    with pytest.raises(error) as info:
        client.with_options(max_retries=0).appointments.get(APPOINTMENT_ID)
    assert type(info.value) is error
    assert info.value.status_code == status
    assert info.value.code == "some-code"
    assert info.value.request_id == "req-1"
    assert info.value.response.status_code == status


def test_validation_errors_list_every_field(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    body = example("ValidationProblem")
    router.get("/appointments").respond(400, json=body)
    with pytest.raises(BadRequestError) as info:
        client.appointments.list()
    assert info.value.code == body["code"]
    assert len(info.value.errors) == len(body["errors"]) >= 1
    assert info.value.errors[0].detail == body["errors"][0]["detail"]
    assert body["code"] in str(info.value)


def test_gone_error_tells_when_the_record_is_purged(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.get(PATH).respond(410, json=example("AppointmentDeletedProblem"))
    with pytest.raises(GoneError) as info:
        client.appointments.get(APPOINTMENT_ID)
    assert isinstance(info.value.deleted_at, datetime)
    assert isinstance(info.value.purge_at, datetime)
    assert info.value.purge_at > info.value.deleted_at
    assert info.value.deleted_at.tzinfo is not None


def test_precondition_failed_carries_the_current_etag(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.patch(PATH).respond(412, json=problem(412, "precondition-failed", current_etag='"4"'))
    with pytest.raises(PreconditionFailedError) as info:
        client.appointments.update(APPOINTMENT_ID, notes="late", if_match='"3"')
    assert info.value.current_etag == '"4"'


def test_request_id_falls_back_to_the_header(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.get(PATH).respond(404, json=problem(404, "not-found"), headers={"X-Request-Id": "hdr-7"})
    with pytest.raises(NotFoundError) as info:
        client.appointments.get(APPOINTMENT_ID)
    assert info.value.request_id == "hdr-7"


def test_a_body_that_is_not_a_problem_still_raises_the_typed_error(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.get(PATH).respond(502, text="<html>Bad gateway</html>", headers={"X-Request-Id": "gw"})
    with pytest.raises(InternalServerError) as info:
        client.with_options(max_retries=0).appointments.get(APPOINTMENT_ID)
    assert info.value.problem is None
    assert info.value.code is None
    assert info.value.errors == []
    assert info.value.request_id == "gw"


def test_an_unparseable_success_body_raises_a_response_validation_error(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.get(PATH).respond(200, json={"id": "not even close"})
    with pytest.raises(APIResponseValidationError) as info:
        client.appointments.get(APPOINTMENT_ID)
    assert info.value.status_code == 200


def test_problem_extensions_stay_reachable(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.post("/appointments").respond(
        409,
        json=problem(
            409, "slot-conflict", conflicting_appointment_ids=[APPOINTMENT_ID], hint="try 10:00"
        ),
    )
    with pytest.raises(ConflictError) as info:
        client.appointments.create(
            type="individual",
            starts_at=datetime(2030, 3, 4, 9, tzinfo=UTC),
            ends_at=datetime(2030, 3, 4, 10, tzinfo=UTC),
            practitioner_id=APPOINTMENT_ID,
            client_id=APPOINTMENT_ID,
        )
    assert info.value.problem is not None
    assert [str(i) for i in info.value.problem.conflicting_appointment_ids or []] == [
        APPOINTMENT_ID
    ]
    assert info.value.problem.model_extra == {"hint": "try 10:00"}


def test_status_errors_keep_the_response_for_inspection(
    client: AppointmentsClient, router: respx.MockRouter, family: str
) -> None:
    router.get(PATH).respond(404, json=problem(404, "not-found"), headers={"X-Extra": "1"})
    with pytest.raises(NotFoundError) as info:
        client.appointments.get(APPOINTMENT_ID)
    # Of the family of the client that sent it.
    assert isinstance(
        info.value.response, httpx2.Response if family == "httpx2" else httpx.Response
    )
    assert info.value.response.headers["X-Extra"] == "1"
