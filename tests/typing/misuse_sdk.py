"""Wrong uses of the public API: `mypy --strict` must reject every line marked `error`."""

from __future__ import annotations

from appointments import AppointmentsClient

client = AppointmentsClient(api_key="key")
client.appointments.list(page_size="10")  # error: a string where an int belongs
client.appointments.cancel("id", reason_code="ten")  # error: a string reason code
client.appointments.cancel("id")  # error: reason_code is required
client.appointments.list(starts_after="2030-01-01")  # error: a string where a datetime belongs
client.appointments.list(status=["no_show"])  # error: not a status
client.appointments.get("id", show_deleted=True, unknown=1)  # error: no such argument
client.appointments.cancel(reason_code=10)  # error: the id is missing
version: str = client.appointments.get("id").version  # error: version is an int
