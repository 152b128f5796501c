"""Every transport and status error names the method and the URL, never credentials."""

from __future__ import annotations

import httpx
import httpx2
import pytest
import respx

from appointments import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AppointmentsClient,
    AsyncAppointmentsClient,
    InternalServerError,
    NotFoundError,
)
from appointments._http import redact_url
from tests.unit.sdk._data import APPOINTMENT_ID, problem

REFUSED = "http://127.0.0.1:1/v1"  # nothing listens on port 1
FAMILIES = ["httpx2", "httpx"]


def _http_client(family: str, **kwargs: object) -> httpx2.Client | httpx.Client:
    module = httpx2 if family == "httpx2" else httpx
    return module.Client(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("family", FAMILIES)
def test_a_refused_connection_names_method_and_url(family: str) -> None:
    with _http_client(family) as http:
        client = AppointmentsClient(api_key="k", base_url=REFUSED, max_retries=0, http_client=http)
        with pytest.raises(APIConnectionError) as info:
            client.appointments.cancel(APPOINTMENT_ID, reason_code=30)
    error = info.value
    url = f"{REFUSED}/appointments/{APPOINTMENT_ID}/cancel"
    assert str(error).startswith("Connection error: ")
    assert str(error).endswith(f": POST {url}")
    assert (error.method, error.url) == ("POST", url)


def test_the_default_client_names_them_too() -> None:
    client = AppointmentsClient(api_key="k", base_url=REFUSED, max_retries=0)
    with pytest.raises(APIConnectionError, match=r": GET http://127\.0\.0\.1:1/v1/practitioners$"):
        client.practitioners.list()


@pytest.mark.anyio
async def test_an_async_refused_connection_names_method_and_url() -> None:
    client = AsyncAppointmentsClient(api_key="k", base_url=REFUSED, max_retries=0)
    with pytest.raises(APIConnectionError) as info:
        await client.practitioners.list(page_size=5)
    assert str(info.value).endswith(f": GET {REFUSED}/practitioners?page_size=5")
    await client.aclose()


@pytest.mark.parametrize("family", FAMILIES)
def test_credentials_in_the_url_are_redacted(family: str) -> None:
    # Userinfo in the base URL, a calendar token among the client's default parameters.
    with _http_client(family, params={"token": "cal-secret-123"}) as http:
        client = AppointmentsClient(
            api_key="api-key-456",
            base_url="http://ada:pass-789@127.0.0.1:1/v1",
            max_retries=0,
            http_client=http,
        )
        with pytest.raises(APIConnectionError) as info:
            client.practitioners.list(page_size=5)
    text = f"{info.value} {info.value.url}"
    for secret in ("cal-secret-123", "api-key-456", "pass-789", "ada"):
        assert secret not in text
    assert info.value.url.startswith("http://***@127.0.0.1:1/v1/practitioners?")
    assert "token=***" in info.value.url
    assert "page_size=5" in info.value.url


def test_a_timeout_names_method_and_url(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.get("/practitioners").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError, match=r"^Request timed out: GET http://\S+/practitioners$"):
        client.with_options(max_retries=0).practitioners.list()


def test_status_errors_name_method_and_url(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    answer = problem(404, "not-found", request_id="req-1")
    router.get(f"/appointments/{APPOINTMENT_ID}").respond(404, json=answer)
    with pytest.raises(NotFoundError) as info:
        client.appointments.get(APPOINTMENT_ID)
    error = info.value
    assert str(error).startswith("404 not-found: ")
    assert str(error).endswith(f"(GET {error.url}, request id req-1)")
    assert error.url.endswith(f"/v1/appointments/{APPOINTMENT_ID}")
    assert (error.status_code, error.problem is not None, error.method) == (404, True, "GET")


def test_a_status_error_without_a_problem_names_them_too(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.get("/practitioners").respond(502, text="bad gateway")
    with pytest.raises(
        InternalServerError, match=r"^502 Bad Gateway \(GET http://\S+/practitioners\)$"
    ):
        client.with_options(max_retries=0).practitioners.list()


def test_an_unparseable_response_names_them_too(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.get("/practitioners").respond(200, json={"items": "not a list"})
    with pytest.raises(APIResponseValidationError, match=r"\(GET http://\S+/practitioners\)$"):
        client.practitioners.list()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://h/v1/a?x=1", "http://h/v1/a?x=1"),
        ("https://u:p@h:8/v1", "https://***@h:8/v1"),
        ("http://h/c.ics?token=abc&x=1", "http://h/c.ics?token=***&x=1"),
        (
            "http://h/a?api_key=k&page_token=t&Signature=s",
            "http://h/a?api_key=***&page_token=***&Signature=***",
        ),
        ("http://h/a?monkey=1&tokens=2", "http://h/a?monkey=1&tokens=2"),
        ("http://h/a#frag?token=x", "http://h/a#frag?token=x"),
        ("no-scheme", "no-scheme"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
