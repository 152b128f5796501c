"""Wrong uses of the pytest plugin's types: `mypy --strict` must reject every line marked `error`."""

from __future__ import annotations

from appointments_mock.pytest_plugin import AppointmentsMock, MockServer, WebhookReceiver


def test_misuse(
    appointments_mock: AppointmentsMock,
    appointments_mock_server: MockServer,
    webhook_receiver: WebhookReceiver,
) -> None:
    appointments_mock.client("superuser")  # error: not a role
    appointments_mock.clock.advance(days="1")  # error: a string where a number belongs
    appointments_mock.fail("appointments.cancel", status="503")  # error: a string status
    appointments_mock.journal.assert_called("appointments.cancel", times="2")  # error: a string
    session: int = appointments_mock.session  # error: the session name is a str
    port: int = appointments_mock_server.base_url  # error: a URL is a str
    secret: bytes = webhook_receiver.secret  # error: the secret is a str
    ids: list[int] = list(appointments_mock.demo.client_ids)  # error: ids are str
    appointments_mock.client("admin").appointments.cancel("id")  # error: reason_code is required
    print(session, port, secret, ids)
