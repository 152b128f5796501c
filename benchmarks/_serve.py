"""Serve the mock like ``appointments-mock serve`` does, on a world of ``--appointments`` extra.

The default session is built before the server listens, and the ids of its cancelable
appointments are written to ``--ids-file`` (one per line) for the cancel benchmark.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # as cli.serve does

from _world import big_world, cancelable_ids  # noqa: E402

from appointments_mock.app import create_app, session_of  # noqa: E402
from appointments_mock.gcpolicy import IdleCollector, raise_full_threshold  # noqa: E402
from appointments_mock.serving import Server, uvicorn_config  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--appointments", type=int, default=0)
    parser.add_argument("--ids-file", type=Path)
    parser.add_argument("--no-response-validation", action="store_true")
    args = parser.parse_args()
    app = create_app(
        validate_responses=not args.no_response_validation,
        world_factory=lambda **kw: big_world(args.appointments, **kw),
    )
    world = session_of(app).world
    # As the CLI does after create_app(): long-lived objects, here including the session's big
    # world, leave the cyclic collector's full passes (they paused a 100k world for 300+ ms).
    gc.collect()
    gc.freeze()
    if args.ids_file:
        args.ids_file.write_text("\n".join(cancelable_ids(world)) + "\n")
    # The same collector policy and server settings as the CLI (cli.serve).
    raise_full_threshold()
    config = uvicorn_config(
        IdleCollector(app), host="127.0.0.1", port=args.port, log_level="warning"
    )
    Server(config).run()


if __name__ == "__main__":
    main()
