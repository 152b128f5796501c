"""A webhook receiver in a process of its own, for ``webhooks.py``: answers every POST 204.

    python benchmarks/_receiver.py --port PORT

Plain asyncio streams (HTTP/1.1, ``Content-Length`` bodies, kept-alive connections), so that
receiving costs as little as it can and none of it runs in the benchmark's or the mock's
process. It notes the ``time.monotonic()`` arrival of each event by the ``request_id`` in its
body; ``GET /arrivals`` answers them as JSON, ``GET /count`` the number of deliveries.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time

arrivals: dict[str, float] = {}
count = 0


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    global count
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path = lines[0].split(" ")[:2]
            length = 0
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            body = await reader.readexactly(length) if length else b""
            if method == "POST":
                now = time.monotonic()
                count += 1
                start = body.find(b'"request_id":"')
                if start >= 0:
                    start += len(b'"request_id":"')
                    request_id = body[start : body.index(b'"', start)].decode()
                    arrivals.setdefault(request_id, now)
                writer.write(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
            else:
                payload = json.dumps(arrivals if path == "/arrivals" else {"count": count}).encode()
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                             b"content-length: %d\r\n\r\n%s" % (len(payload), payload))  # fmt: skip
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()


async def main(port: int) -> None:
    server = await asyncio.start_server(handle, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    asyncio.run(main(parser.parse_args().port))
