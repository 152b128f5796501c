"""Hostile traffic against ``appointments-mock serve``: 5xx seen, memory, time to refuse.

    python benchmarks/hostile.py [--quick]

Starts ``appointments-mock serve`` (defaults: 1 MiB bodies, 1,000 sessions) on a free 127.0.0.1
port and measures, printing one table:

* a battery of malformed requests (every operation: each body member replaced by hostile JSON,
  lone surrogates, deep nesting, non-UTF-8, ``null``; bad and odd media types; repeated and
  comma-split parameters; unknown members; wrong methods; every role): requests sent, 5xx seen;
* a 100 MB body: the server's RSS growth and the time to its 413, with ``Content-Length`` and
  chunked;
* an unauthenticated 100 MB POST with an ``Idempotency-Key``: the time to its 401;
* 20,000 journaled 60 KB requests in one session, then reading that journal back: RSS;
* 20,000 sessions (each made by an authenticated request), and 20,000 unauthenticated requests
  naming new sessions: RSS and live sessions.

RSS is read from ``/proc/<pid>/status`` of the server process.
"""

from __future__ import annotations

import argparse
import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import yaml
from _common import PYTHON, ROOT, free_port, server, table

ADMIN = {"Authorization": "Bearer demo-admin-key"}
KEYS = ["demo-admin-key", "demo-api-key", "demo-staff-key", "demo-client-key"]
HOSTILE_VALUES: list[Any] = [
    None, True, -1, 2**70, 1e308, "", "x" * 3000, [], {}, [[[]]], "\ud800", "\x00\x1f", "\u202e",
]  # fmt: skip
MB = 1024 * 1024


def rss_mb(pid: int) -> float:
    """The resident set size of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


# -- the battery ------------------------------------------------------------------------------------


def _operations() -> list[tuple[str, str, Any]]:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    found = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                examples = (
                    op.get("requestBody", {})
                    .get("content", {})
                    .get("application/json", {})
                    .get("examples", {})
                )
                body = next(iter(examples.values()))["value"] if examples else None
                found.append((method.upper(), path, body))
    return found


def battery(ids: dict[str, str]) -> Iterator[tuple[str, str, dict[str, str], bytes]]:
    """(method, path, headers, body) of every hostile request."""
    json_type = {"Content-Type": "application/json"}
    for method, template, example in _operations():
        path = "/v1" + template
        if "/attendees" in template:
            path = path.replace("{appointment_id}", ids["group_id"])
        for name, value in ids.items():
            path = path.replace("{" + name + "}", value)
        bodies: list[bytes] = []
        if isinstance(example, dict):
            for member in example:
                for value in HOSTILE_VALUES:
                    bodies.append(json.dumps({**example, member: value}).encode())
                bodies.append(
                    json.dumps({k: v for k, v in example.items() if k != member}).encode()
                )
            bodies.append(json.dumps({**example, "unknown_member": 1}).encode())
        if method in ("POST", "PATCH"):
            bodies += [b"null", b"[]", b'"x"', b"[" * 300 + b"]" * 300, b"\xff\xfe",
                       b'{"a": "\\ud800"}', b'{"\\udfff": 1}', b"{", b"9" * 5000]  # fmt: skip
        for body in bodies:
            for key in (KEYS[0], KEYS[3]):
                yield method, path, {**json_type, "Authorization": f"Bearer {key}"}, body
        for media_type in ("APPLICATION/JSON", "text/plain", "nonsense", "application/json;;"):
            yield method, path, {**ADMIN, "Content-Type": media_type}, b'{"notes": "x"}'
        yield method, path, ADMIN, b'{"notes": "x"}'  # a body without Content-Type
        for query in ("status=canceled,active", "page_size=5&page_size=2", "zz=1",
                      "page_size=99999999999999999999", "page_token=%00%ff"):  # fmt: skip
            yield method, f"{path}?{query}", ADMIN, b""
        for header in ({"If-Match": "x" * 500}, {"Idempotency-Key": "k" * 300},
                       {"X-Mock-Session": "bad name"}, {"Authorization": "Bearer"}):  # fmt: skip
            yield method, path, {**ADMIN, **json_type, **header}, b"{}"
        yield "PUT", path, ADMIN, b""


def run_battery(base: str, ids: dict[str, str]) -> tuple[int, Counter[int], int]:
    """Send the battery (a fresh session every 200 requests); (sent, statuses, broken reads)."""
    statuses: Counter[int] = Counter()
    broken = 0
    sent = 0
    with httpx.Client(base_url=base, timeout=30) as client:
        for method, path, headers, body in battery(ids):
            session = f"battery-{sent // 200}"
            response = client.request(method, path, content=body or None,
                                      headers={"X-Mock-Session": session, **headers})  # fmt: skip
            statuses[response.status_code] += 1
            sent += 1
            if sent % 200 == 0:  # the session still answers, and its journal reads back
                for probe in ("/_mock/journal", "/v1/appointments"):
                    check = client.get(probe, headers={**ADMIN, "X-Mock-Session": session})
                    broken += check.status_code != 200
    return sent, statuses, broken


# -- large bodies ---------------------------------------------------------------------------------


def time_to_answer(port: int, head: bytes, body_bytes: int, chunked: bool) -> tuple[float, bytes]:
    """Send a request head and (in a thread) up to ``body_bytes`` of body; seconds to the status."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    stop = threading.Event()

    def pump() -> None:
        chunk = b"x" * 65_536
        sent = 0
        try:
            while sent < body_bytes and not stop.is_set():
                data = b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk
                sock.sendall(data)
                sent += len(chunk)
        except OSError:
            pass  # the server answered and closed

    started = time.perf_counter()
    sock.sendall(head)
    writer = threading.Thread(target=pump, daemon=True)
    writer.start()
    first = sock.recv(65_536)
    elapsed = time.perf_counter() - started
    stop.set()
    sock.close()
    writer.join(timeout=10)
    return elapsed, first.split(b"\r\n", 1)[0]


def big_body(port: int, pid: int) -> list[tuple[str, str]]:
    rows = []
    for label, chunked, authorization in [
        ("100 MB body, Content-Length", False, b"Authorization: Bearer demo-admin-key\r\n"),
        ("100 MB body, chunked", True, b"Authorization: Bearer demo-admin-key\r\n"),
        ("unauthenticated 100 MB body, Idempotency-Key", False, b"Idempotency-Key: k-1\r\n"),
    ]:
        length = b"Transfer-Encoding: chunked\r\n" if chunked else b"Content-Length: 104857600\r\n"
        head = (b"POST /v1/appointments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\n" + authorization + length + b"\r\n")  # fmt: skip
        before = rss_mb(pid)
        seconds, status = time_to_answer(port, head, 100 * MB, chunked)
        time.sleep(0.5)
        growth = rss_mb(pid) - before
        rows.append(
            (label, f"{status.decode()} after {seconds * 1000:.1f} ms, RSS +{growth:.1f} MB")
        )
    return rows


# -- what the server keeps ------------------------------------------------------------------------


def journal_flood(base: str, pid: int, count: int) -> list[tuple[str, str]]:
    body = json.dumps({"type": "group", "notes": "n" * 60_000}).encode()  # 60 KB, a 400
    before = rss_mb(pid)
    headers = {**ADMIN, "Content-Type": "application/json", "X-Mock-Session": "journal-flood"}
    with httpx.Client(base_url=base, timeout=30, headers=headers) as client:
        started = time.perf_counter()
        for _ in range(count):
            client.post("/v1/appointments", content=body)
        flood_s = time.perf_counter() - started
        after_flood = rss_mb(pid)
        started = time.perf_counter()
        read = client.get("/_mock/journal")
        read_s = time.perf_counter() - started
        after_read = rss_mb(pid)
    entries = len(read.json()["items"])
    return [
        (f"{count:,} journaled 60 KB requests, one session ({flood_s:.0f} s)",
         f"RSS {before:.0f} -> {after_flood:.0f} MB (+{after_flood - before:.1f})"),
        ("reading that journal back", f"{entries:,} entries, {len(read.content) / MB:.1f} MB in "
         f"{read_s * 1000:.0f} ms; RSS {after_read:.0f} MB (+{after_read - after_flood:.1f})"),
    ]  # fmt: skip


def session_flood(base: str, pid: int, count: int) -> list[tuple[str, str]]:
    rows = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for label, headers in [("unauthenticated", {}), ("authenticated", ADMIN)]:
            before = rss_mb(pid)
            started = time.perf_counter()
            for i in range(count):
                client.get("/v1/cancellation-reasons",
                           headers={**headers, "X-Mock-Session": f"{label}-{i}"})  # fmt: skip
            seconds = time.perf_counter() - started
            after = rss_mb(pid)
            live = len(client.get("/_mock/sessions").json()["items"])
            rows.append((f"{count:,} {label} requests naming new sessions ({seconds:.0f} s)",
                         f"RSS {before:.0f} -> {after:.0f} MB (+{after - before:.1f}); "
                         f"{live:,} live sessions"))  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 instead of 20,000 of each")
    args = parser.parse_args()
    count = 200 if args.quick else 20_000
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [PYTHON, "-m", "appointments_mock", "serve", "--port", str(port)]
    with server(cmd, f"{base}/_mock/health", timeout=60) as proc:
        pid = proc.pid
        started_rss = rss_mb(pid)
        with httpx.Client(base_url=base, headers=ADMIN) as client:
            client.get("/_mock/session")
            page = client.get("/v1/appointments", params={"page_size": 1}).json()
            appointment = page["items"][0]["id"]
            group = next(a["id"] for a in client.get("/v1/appointments").json()["items"]
                         if a["type"] == "group")  # fmt: skip
            attendee = client.get(f"/v1/appointments/{group}/attendees").json()["items"][0]["id"]
            clients = client.get("/v1/clients").json()["items"]
        ids = {"appointment_id": appointment, "attendee_id": attendee, "group_id": group,
               "client_id": clients[0]["id"]}  # fmt: skip
        started = time.perf_counter()
        sent, statuses, broken = run_battery(base, ids)
        battery_s = time.perf_counter() - started
        server_errors = sum(n for status, n in statuses.items() if status >= 500)
        rows: list[tuple[str, str]] = [
            ("server at start", f"RSS {started_rss:.0f} MB"),
            (f"malformed requests ({battery_s:.0f} s)",
             f"{sent:,} sent, {server_errors} answered 5xx, {broken} broken session reads; "
             + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items()))),
        ]  # fmt: skip
        rows += big_body(port, pid)
        rows += journal_flood(base, pid, count)
        rows += session_flood(base, pid, count)
    print(table(["measured against appointments-mock serve", "result"], rows))


if __name__ == "__main__":
    main()
