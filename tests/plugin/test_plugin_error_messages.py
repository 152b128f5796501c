"""Errors from the mock name the request: a wrong base path is visible in the message."""

from __future__ import annotations

import pytest

from appointments import AppointmentsClient, NotFoundError
from appointments_mock.pytest_plugin import AppointmentsMock


@pytest.mark.parametrize(
    "mode",
    ["inprocess", pytest.param("socket", marks=pytest.mark.appointments_mock(mode="socket"))],
)
def test_a_wrong_base_path_shows_in_the_404(appointments_mock: AppointmentsMock, mode: str) -> None:
    wrong = appointments_mock.server.url + "/wrong-base"
    client = AppointmentsClient(
        api_key=appointments_mock.demo.keys["admin"],
        base_url=wrong,
        http_client=appointments_mock.http(),
    )
    with pytest.raises(NotFoundError) as info:
        client.appointments.list()
    message = str(info.value)
    assert message.startswith("404 not-found: ")
    assert f"(GET {wrong}/appointments" in message
    assert (info.value.status_code, info.value.code) == (404, "not-found")
    assert (info.value.method, info.value.url) == ("GET", f"{wrong}/appointments")
    assert appointments_mock.demo.keys["admin"] not in message
