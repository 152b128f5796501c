"""``appointments-mock serve``: run the mock server with demo data on 127.0.0.1.

Prints the API, docs and control URLs and the demo API keys once the server listens, then serves
until Ctrl-C (or SIGTERM), and exits 0 without a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import signal
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from appointments_mock._extra import missing_extra
from appointments_mock.control_access import TOKEN_HEADER, ControlAccess, is_loopback
from appointments_mock.limits import DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_SESSIONS

if TYPE_CHECKING:
    from appointments_mock.world_file import WorldFile

MAX_RETENTION_DAYS = 36_500
MAX_PORT = 65_535


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="appointments-mock",
        description="Stateful mock server for the Appointments API (a local test tool).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="serve the mock API with demo data")
    serve.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    serve.add_argument(
        "--port",
        type=_whole(0, MAX_PORT),
        default=8080,
        help="port to listen on, 1-65535, or 0 for any free one (default 8080)",
    )
    serve.add_argument(
        "--seed",
        type=_whole(),
        default=0,
        help="seed of the ids a session draws, in the demo data or the --world (default 0)",
    )
    serve.add_argument(
        "--world",
        type=Path,
        default=None,
        metavar="FILE",
        help="start every session from this world file (JSON or YAML: practitioners, clients, "
        "appointments, API keys; format: world.schema.json in the package) instead of the demo "
        "data; a bad file is rejected at start with every problem",
    )
    serve.add_argument(
        "--retention-days",
        type=_whole(0, MAX_RETENTION_DAYS),
        default=30,
        help="days a soft-deleted record is kept before it is purged (default 30)",
    )
    serve.add_argument(
        "--no-response-validation",
        action="store_true",
        help="do not check responses against the spec (faster)",
    )
    serve.add_argument(
        "--spec",
        type=Path,
        default=None,
        help="serve this contract instead of the packaged openapi.yaml (operations without "
        "rules are served from their examples)",
    )
    serve.add_argument(
        "--max-body-bytes",
        type=_whole(1),
        default=DEFAULT_MAX_BODY_BYTES,
        help=f"largest request body; larger ones get 413 (default {DEFAULT_MAX_BODY_BYTES})",
    )
    serve.add_argument(
        "--max-sessions",
        type=_whole(1),
        default=DEFAULT_MAX_SESSIONS,
        help="live mock sessions; beyond them the least recently used is evicted and answers "
        f"410 session-evicted until reset (default {DEFAULT_MAX_SESSIONS})",
    )
    serve.add_argument(
        "--control-token",
        default=None,
        help=f"require this token in {TOKEN_HEADER} on /_mock requests "
        "(required when --host is not a loopback address)",
    )
    serve.add_argument(
        "--webhook-allow-host",
        action="append",
        default=[],
        metavar="HOST",
        help="a host besides loopback that webhook endpoint URLs may name (repeatable); the "
        "mock sends webhooks to loopback only by default, so it never forwards requests elsewhere",
    )
    serve.add_argument(
        "--webhook-timeout",
        type=_amount("seconds"),
        default=5.0,
        help="seconds a webhook attempt may take before it counts as a timeout (default 5)",
    )
    serve.add_argument(
        "--webhook-disable-after",
        type=_amount("hours"),
        default=24.0,
        metavar="HOURS",
        help="disable an endpoint whose attempts all failed for this many hours of the session "
        "clock (default 24)",
    )
    serve.add_argument(
        "--state-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="keep every session durably in DIR (SQLite, WAL): every acknowledged change is on "
        "disk before it is answered, and a restart brings every session back (default: in memory)",
    )
    serve.add_argument(
        "--state-sync",
        choices=["normal", "full"],
        default="normal",
        help="SQLite synchronous mode of --state-dir: normal survives the process being killed, "
        "full also a power loss (every commit waits for the disk; default normal)",
    )
    serve.add_argument(
        "--log-level",
        default="warning",
        choices=["critical", "error", "warning", "info", "debug"],
        help="server log level (default warning)",
    )
    return parser


def _whole(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    """An argparse ``type``: a whole number within [low, high], or an error saying so."""
    if low is not None and high is not None:
        wanted = f"a whole number from {low} to {high}"
    elif low is not None:
        wanted = f"a whole number, at least {low}"
    else:
        wanted = "a whole number"

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {wanted}") from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"{text} is not {wanted}")
        return value

    return parse


def _amount(unit: str, high: float = 1e6) -> Callable[[str], float]:
    """An argparse ``type``: a finite number of ``unit`` above 0 and at most ``high``."""
    wanted = f"a number of {unit} above 0 and at most {high:,.0f}"

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {wanted}") from None
        if not 0 < value <= high:  # also false for NaN; infinity is above `high`
            raise argparse.ArgumentTypeError(f"{text} is not {wanted}")
        return value

    return parse


def banner(
    base: str,
    *,
    seed: int,
    retention_days: int,
    validate_responses: bool,
    control_token: bool = False,
    example_operations: Sequence[str] = (),
    world: WorldFile | None = None,
    state: str | None = None,
) -> str:
    """What ``serve`` prints once it listens: URLs, the API keys and signing keys (the demo's,
    or those of the ``--world`` file)."""
    from appointments_mock.seed import DEMO_KEYS, DEMO_SIGNING_KEYS

    keys = world.keys() if world is not None else DEMO_KEYS
    signing = world.signing_keys() if world is not None else DEMO_SIGNING_KEYS
    which = "World" if world is not None else "Demo"
    checks = "on" if validate_responses else "off"
    guard = f"needs {TOKEN_HEADER}" if control_token else "no token: loopback requests only"
    lines = [
        f"Appointments mock server (seed {seed}, retention {retention_days} days, "
        f"response validation {checks})",
        f"  API:      {base}/v1",
        f"  Docs:     {base}/docs",
        f"  Control:  {base}/_mock  ({guard})",
        *(
            [f"  From examples (no rules yet): {', '.join(example_operations)}"]
            if example_operations
            else []
        ),
        *([f"  World:    {world.source}"] if world is not None else []),
        *([f"  State:    {state}"] if state is not None else []),
        f"  {which} API keys (Authorization: Bearer <key>):",
        *(f"    {role:<11} {key}" for key, role in keys.items()),
        *(
            [f"  {which} signing keys (signed requests, RFC 9421 hmac-sha256: key id, secret):"]
            if signing
            else []
        ),
        *(
            f"    {keys[api_key]:<11} {key_id}  {secret}"
            for key_id, (secret, api_key) in signing.items()
        ),
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines)


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve(args: argparse.Namespace) -> int:
    """Build the app and run it with uvicorn (one worker: the sessions live in this process)."""
    # jsonschema imports rfc3987_syntax (if installed) for the "iri" formats, which no contract here
    # uses; building its grammar takes over a second of start-up time.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    try:
        from appointments_mock._quiet_import import quiet_connexion_import

        with quiet_connexion_import():
            from appointments_mock.app import create_app, example_operations_of, webhooks_of
        from appointments_mock.gcpolicy import IdleCollector, raise_full_threshold
        from appointments_mock.outbox import WebhookPolicy
        from appointments_mock.serving import Server, uvicorn_config
    except ModuleNotFoundError as exc:  # an SDK-only install: say what to install
        message = missing_extra(exc, "appointments-mock serve")
        if message is None:
            raise
        print(f"appointments-mock: {message}", file=sys.stderr)
        return 2

    if args.spec is not None and not args.spec.is_file():
        print(f"appointments-mock: no spec at {args.spec}", file=sys.stderr)
        return 2
    world = None
    if args.world is not None:
        from appointments_mock.world_file import WorldFileError, load_world

        try:
            world = load_world(args.world)
        except WorldFileError as exc:
            print(f"appointments-mock: {exc}", file=sys.stderr)
            return 2
    loopback = is_loopback(args.host)
    if not loopback:
        if not args.control_token:
            print(
                f"appointments-mock: --host {args.host} is not a loopback address: the control "
                "API (/_mock: sessions, journals with request bodies, faults, reset) would be "
                "open to the network. Pass --control-token TOKEN to serve it there.",
                file=sys.stderr,
            )
            return 2
        print(
            f"WARNING: serving on {args.host}, reachable from other machines. The mock is a "
            f"test tool with public demo keys; /_mock needs {TOKEN_HEADER}.",
            file=sys.stderr,
            flush=True,
        )
    validate = not args.no_response_validation
    state_store = None
    if args.state_dir is not None:
        from appointments_mock.durable import StateStore

        try:
            state_store = StateStore(args.state_dir, synchronous=args.state_sync, freeze=True)
        except (OSError, sqlite3.Error) as exc:
            print(
                f"appointments-mock: cannot use --state-dir {args.state_dir}: {exc}",
                file=sys.stderr,
            )
            return 2
    try:
        app = create_app(
            seed=args.seed,
            retention_days=args.retention_days,
            validate_responses=validate,
            max_body_bytes=args.max_body_bytes,
            max_sessions=args.max_sessions,
            control_access=ControlAccess(token=args.control_token, loopback_hosts_only=loopback),
            spec_path=args.spec,
            webhook_policy=WebhookPolicy(
                allowed_hosts=frozenset(h.lower().rstrip(".") for h in args.webhook_allow_host),
                timeout=args.webhook_timeout,
                disable_after=timedelta(hours=args.webhook_disable_after),
            ),
            world=world,
            state_store=state_store,
        )
    except sqlite3.Error as exc:  # a state directory whose database cannot be read
        print(
            f"appointments-mock: cannot read --state-dir {args.state_dir}: {exc}", file=sys.stderr
        )
        return 2
    from_examples = example_operations_of(app)
    state = None
    if state_store is not None:
        from appointments_mock.app import sessions_of

        restored = len(sessions_of(app))
        state = f"{state_store.path} ({restored} session{'s' if restored != 1 else ''} restored)"

    # What exists now (the parsed spec, compiled validators, modules) lives as long as the server;
    # keeping it out of the cyclic collector's full passes removes most of their pause time.
    gc.collect()
    gc.freeze()
    # Full collections when idle rather than in the middle of a burst of requests (gcpolicy.py).
    raise_full_threshold()
    served = IdleCollector(app)
    host = f"[{args.host}]" if ":" in args.host else args.host

    def started(server: Server) -> None:
        # Webhooks go from this loop, which lasts as long as the server (webhooks.py).
        webhooks_of(app).host_in_running_loop()
        port = server.servers[0].sockets[0].getsockname()[1] if server.servers else args.port
        text = banner(
            f"http://{host}:{port}",
            seed=args.seed,
            retention_days=args.retention_days,
            validate_responses=validate,
            control_token=args.control_token is not None,
            example_operations=from_examples,
            world=world,
            state=state,
        )
        print(text, flush=True)

    config = uvicorn_config(served, host=args.host, port=args.port, log_level=args.log_level)
    # uvicorn re-raises the signal that stopped it; make SIGTERM end as quietly as Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    server = Server(config, started)
    with contextlib.suppress(KeyboardInterrupt):  # the second Ctrl-C, or the re-raised signal
        server.run()
    if state_store is not None:
        state_store.close()
    if not server.started:
        return 1
    print("Stopped.", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``appointments-mock`` console script."""
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return serve(args)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
