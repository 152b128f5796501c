"""The floor of ``mock_throughput.py``: the mock's own answers, replayed by plain Starlette.

    _bare.py --port P --mock http://127.0.0.1:M/v1 --appointment ID --patch ID --cancel ID

At start-up it sends the running mock (``--mock``: its base URL, ``/v1`` included) each request of
the benchmark once: the 20-item page, the ``GET`` of ``--appointment``, the ``PATCH`` of the notes
of ``--patch`` and the cancel of ``--cancel`` (which the mock really cancels). It keeps each
answer's status, body and headers, then serves them under the same paths with plain Starlette on
the CLI's server settings (``serving.uvicorn_config``, which ``_serve.py`` runs the mock on),
whatever the id in the path, the query or the body: no validation, no authentication, no state.
Its requests/s is what the server stack alone costs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from appointments_mock.serving import Server, uvicorn_config

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._common import AUTH

# uvicorn adds these to every response itself: replayed, they would be sent twice.
_SET_BY_SERVER = frozenset({"date", "server"})


@dataclass(frozen=True)
class Answer:
    """One answer of the mock, as it came (less the headers uvicorn sets)."""

    status: int
    body: bytes
    headers: dict[str, str]

    @classmethod
    def of(cls, response: httpx2.Response) -> Answer:
        if response.status_code != 200:
            raise SystemExit(
                f"the mock answered {response.status_code} to {response.request.method} "
                f"{response.request.url}: {response.text[:500]}"
            )
        headers = {k: v for k, v in response.headers.items() if k not in _SET_BY_SERVER}
        return cls(response.status_code, response.content, headers)


def capture(mock: str, *, appointment: str, patch: str, cancel: str) -> dict[str, Answer]:
    """The mock's answer to each request of the benchmark (the bodies its wrk scripts send)."""
    with httpx2.Client(base_url=mock, headers=AUTH, timeout=30) as client:
        return {
            "list20": Answer.of(client.get("/appointments", params={"page_size": 20})),
            "get1": Answer.of(client.get(f"/appointments/{appointment}")),
            "patch": Answer.of(client.patch(f"/appointments/{patch}", json={"notes": "bench 0"})),
            "cancel": Answer.of(
                client.post(f"/appointments/{cancel}/cancel", json={"reason_code": 30})
            ),
        }


def replay(answer: Answer) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint that reads the request's body, as any server does, and sends ``answer``."""

    async def endpoint(request: Request) -> Response:
        await request.body()
        return Response(answer.body, answer.status, answer.headers)

    return endpoint


def app(prefix: str, answers: dict[str, Answer]) -> Starlette:
    one = f"{prefix}/appointments/{{appointment_id}}"
    return Starlette(
        routes=[
            Route(f"{prefix}/appointments", replay(answers["list20"]), methods=["GET"]),
            Route(one, replay(answers["get1"]), methods=["GET"]),
            Route(one, replay(answers["patch"]), methods=["PATCH"]),
            Route(f"{one}/cancel", replay(answers["cancel"]), methods=["POST"]),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mock", required=True, help="the running mock's base URL, with /v1")
    parser.add_argument("--appointment", required=True, help="the id the GET asks for")
    parser.add_argument("--patch", required=True, help="the id whose notes the PATCH sets")
    parser.add_argument("--cancel", required=True, help="a cancelable id, canceled once")
    args = parser.parse_args()
    answers = capture(args.mock, appointment=args.appointment, patch=args.patch, cancel=args.cancel)
    # The server settings of the CLI, as _serve.py runs the mock.
    served = app(urlsplit(args.mock).path.rstrip("/"), answers)
    Server(uvicorn_config(served, host="127.0.0.1", port=args.port, log_level="warning")).run()


if __name__ == "__main__":
    main()
