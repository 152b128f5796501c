"""A webhook receiver with the standard library only: verify, then handle `appointment.canceled`.

    APPOINTMENTS_WEBHOOK_SECRET=whsec_... python examples/webhook_receiver.py 127.0.0.1 9000

Register its URL once (`client.webhook_endpoints.create(url="http://127.0.0.1:9000/webhooks",
events=["appointment.canceled"])`, keep the `secret` it returns), then cancel an appointment.
Answer 2xx quickly and do the work afterwards; a 4xx/5xx makes the sender retry with the same
`webhook-id`, so a repeat is recognised by it and acknowledged without acting twice.
"""

from __future__ import annotations

import contextlib
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from appointments import AppointmentCanceledEvent, Webhooks, WebhookVerificationError

MAX_BODY = 1024 * 1024


class CanceledAppointments:
    """What the receiver does with events: here, remember each canceled appointment once."""

    def __init__(self) -> None:
        self.seen_ids: set[str] = set()
        self.canceled: list[AppointmentCanceledEvent] = []

    def handle(self, event: Any) -> None:
        """Act on a verified event (a repeat of an event already handled is ignored)."""
        if str(event.id) in self.seen_ids:
            return
        self.seen_ids.add(str(event.id))
        if isinstance(event, AppointmentCanceledEvent):
            self.canceled.append(event)  # e.g. tell the CRM panel the booking is off


def make_server(
    host: str, port: int, webhooks: Webhooks, handler: CanceledAppointments
) -> ThreadingHTTPServer:
    """An `http.server` that verifies each POST with `webhooks` and hands it to `handler`."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            if length > MAX_BODY:
                self._answer(413)
                return
            body = self.rfile.read(length)  # the raw bytes: verify before parsing
            try:
                event = webhooks.unwrap(body, self.headers.items())
            except WebhookVerificationError as refused:
                self._answer(400, refused.reason)
                return
            handler.handle(event)
            self._answer(204)

        def _answer(self, status: int, text: str = "") -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet

    return ThreadingHTTPServer((host, port), Handler)


def main(argv: list[str]) -> None:
    """Serve on `argv[1]:argv[2]` (default 127.0.0.1:9000) until Ctrl-C."""
    host = argv[1] if len(argv) > 1 else "127.0.0.1"
    port = int(argv[2]) if len(argv) > 2 else 9000
    handler = CanceledAppointments()
    with make_server(host, port, Webhooks(), handler) as server:
        print(f"receiving webhooks on http://{host}:{server.server_port}/webhooks")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


if __name__ == "__main__":
    main(sys.argv)
