"""The webhook sender's HTTP (``webhook_http.py``) against raw asyncio servers on 127.0.0.1:
what it sends, kept-alive connections, answers it must survive, and the ones it must refuse."""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from appointments_mock.webhook_http import Connections, DeliveryError

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter, int], Awaitable[None]]
NO_CONTENT = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n"


async def _serve(handler: Handler, tls: ssl.SSLContext | None = None) -> tuple[int, list[int]]:
    """A server on a free loopback port; the list grows by one per connection accepted."""
    accepted: list[int] = []

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(len(accepted))
        try:
            await handler(reader, writer, len(accepted))
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0, ssl=tls)
    port = server.sockets[0].getsockname()[1]
    return port, accepted


async def _read_request(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return head, await reader.readexactly(length)


def _answering(*answers: bytes, close_after: int | None = None) -> Handler:
    """Answer each request of a connection with the next answer (the last one repeats)."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, _: int) -> None:
        served = 0
        while close_after is None or served < close_after:
            await _read_request(reader)
            writer.write(answers[min(served, len(answers) - 1)])
            await writer.drain()
            served += 1

    return handler


def test_a_post_carries_the_body_the_host_and_the_target_and_connections_are_kept() -> None:
    seen: list[tuple[bytes, bytes]] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, _: int) -> None:
        while True:
            seen.append(await _read_request(reader))
            writer.write(NO_CONTENT)
            await writer.drain()

    async def scenario() -> tuple[list[int], list[int], int]:
        port, accepted = await _serve(handler)
        connections = Connections()
        url = f"http://127.0.0.1:{port}/hooks/a?tenant=7"
        statuses = [
            await connections.post(url, [("webhook-id", "evt")], b'{"n":%d}' % n, max_read=64)
            for n in range(3)
        ]
        connections.close()
        return statuses, accepted, port

    statuses, accepted, port = asyncio.run(scenario())
    assert statuses == [204, 204, 204]
    assert len(accepted) == 1, "one kept-alive connection for the three attempts"
    head = seen[0][0]
    assert head.startswith(b"POST /hooks/a?tenant=7 HTTP/1.1\r\n")
    assert f"\r\nhost: 127.0.0.1:{port}\r\n".encode() in head
    assert b"webhook-id: evt" in head
    assert b"content-length: 7" in head.lower()
    assert [b for _, b in seen] == [b'{"n":0}', b'{"n":1}', b'{"n":2}']


def test_the_host_header_names_a_non_default_port() -> None:
    seen: list[bytes] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, _: int) -> None:
        head, _ = await _read_request(reader)
        seen.append(head)
        writer.write(NO_CONTENT)
        await writer.drain()

    async def scenario() -> int:
        port, _ = await _serve(handler)
        await Connections().post(f"http://127.0.0.1:{port}", [], b"", max_read=64)
        return port

    port = asyncio.run(scenario())
    assert f"\r\nhost: 127.0.0.1:{port}\r\n".encode() in seen[0]
    assert seen[0].startswith(b"POST / HTTP/1.1")


@pytest.mark.parametrize(
    ("answer", "reused"),
    [
        (b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", True),
        (b"HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 2\r\n\r\nok", False),
        (b"HTTP/1.1 500 Oops\r\ncontent-length: 200\r\n\r\n" + b"x" * 200, False),  # > max_read
        (b"HTTP/1.1 100 Continue\r\n\r\n" + NO_CONTENT, True),
    ],
    ids=["chunked", "connection-close", "long-body", "informational-first"],
)
def test_answers_are_read_for_their_status(answer: bytes, reused: bool) -> None:
    async def scenario() -> tuple[list[int], int]:
        port, accepted = await _serve(_answering(answer, close_after=None if reused else 1))
        connections = Connections()
        url = f"http://127.0.0.1:{port}/h"
        statuses = [await connections.post(url, [], b"{}", max_read=100) for _ in range(2)]
        return statuses, len(accepted)

    statuses, opened = asyncio.run(scenario())
    status = int(answer.split(b" ")[1]) if not answer.startswith(b"HTTP/1.1 100") else 204
    assert statuses == [status, status]
    assert opened == (1 if reused else 2)


@pytest.mark.parametrize("noticed_while_idle", [True, False])
def test_a_kept_connection_the_receiver_dropped_is_replaced_once(noticed_while_idle: bool) -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await _read_request(reader)
        writer.write(NO_CONTENT)
        await writer.drain()
        if n == 1 and not noticed_while_idle:
            await _read_request(reader)  # the next request arrives, and the connection closes
            return
        if n == 1:
            return  # closed at once: the close arrives while the connection is idle
        while True:
            await _read_request(reader)
            writer.write(NO_CONTENT)
            await writer.drain()

    async def scenario() -> tuple[list[int], int]:
        port, accepted = await _serve(handler)
        connections = Connections()
        url = f"http://127.0.0.1:{port}/h"
        first = await connections.post(url, [], b"{}", max_read=64)
        if noticed_while_idle:
            await asyncio.sleep(0.05)
        second = await connections.post(url, [], b"{}", max_read=64)
        return [first, second], len(accepted)

    statuses, opened = asyncio.run(scenario())
    assert statuses == [204, 204]
    assert opened == 2


def test_a_fresh_connection_closed_without_an_answer_is_not_tried_again() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, _: int) -> None:
        await _read_request(reader)  # and close

    async def scenario() -> int:
        port, accepted = await _serve(handler)
        with pytest.raises(DeliveryError):
            await Connections().post(f"http://127.0.0.1:{port}/h", [], b"{}", max_read=64)
        return len(accepted)

    assert asyncio.run(scenario()) == 1


@pytest.mark.parametrize(
    "answer",
    [b"SSH-2.0-OpenSSH\r\n\r\n", b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc", b""],
    ids=["not-http", "cut-short", "closed-without-answer"],
)
def test_an_answer_that_is_not_http_is_a_delivery_error(answer: bytes) -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, _: int) -> None:
        await _read_request(reader)
        writer.write(answer)
        await writer.drain()

    async def scenario() -> None:
        port, _ = await _serve(handler)
        await Connections().post(f"http://127.0.0.1:{port}/h", [], b"{}", max_read=64)

    with pytest.raises(DeliveryError):
        asyncio.run(scenario())


def test_a_refused_connection_is_a_delivery_error() -> None:
    async def scenario() -> None:
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        await Connections().post(f"http://127.0.0.1:{port}/h", [], b"{}", max_read=64)

    with pytest.raises(DeliveryError, match="cannot connect"):
        asyncio.run(scenario())


def test_a_timed_out_attempt_leaves_no_connection_behind() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await _read_request(reader)
        if n == 1:
            await asyncio.sleep(5)  # the first connection never answers
        writer.write(NO_CONTENT)
        await writer.drain()

    async def scenario() -> tuple[int, int]:
        port, accepted = await _serve(silent)
        connections = Connections()
        url = f"http://127.0.0.1:{port}/h"
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.2):
                await connections.post(url, [], b"{}", max_read=64)
        return await connections.post(url, [], b"{}", max_read=64), len(accepted)

    status, opened = asyncio.run(scenario())
    assert status == 204
    assert opened == 2, "the timed-out connection is closed, not reused"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed: no certificate for the TLS tests")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def test_https_verifies_the_receivers_certificate(certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    serving = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    serving.load_cert_chain(cert, key)
    trusting = ssl.create_default_context(cafile=str(cert))

    async def scenario(tls: ssl.SSLContext | None) -> int:
        port, _ = await _serve(_answering(NO_CONTENT), tls=serving)
        return await Connections(tls).post(f"https://localhost:{port}/h", [], b"{}", max_read=64)

    assert asyncio.run(scenario(trusting)) == 204
    with pytest.raises(DeliveryError, match="certificate"):
        asyncio.run(
            scenario(None)
        )  # the system's trust store does not know a self-signed certificate
