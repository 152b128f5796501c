"""Benchmark 1: mock throughput and latency against Steady, a bare-Starlette floor and Prism (wrk).

    .venv/bin/python benchmarks/mock_throughput.py            # full run (about 11 minutes)
    .venv/bin/python benchmarks/mock_throughput.py --quick    # smoke run: the mock and the floor

Up to five servers run side by side (each ``--no-<name>`` leaves one out):

* ``mock``: the mock with request and response validation, on the CLI's server settings
  (``_serve.py``: uvicorn, one worker, no access log) and a world of bulk-loaded appointments;
* ``mock-no-resp``: the same with ``--no-response-validation``;
* ``steady``: Steady 0.22.2 (``@stdy/cli``), the OpenAPI mock that Stainless-generated SDKs test
  against, on the same spec (``--quiet``);
* ``bare``: the floor (``_bare.py``): plain Starlette under uvicorn on the mock's server settings,
  replaying the bytes and headers the running mock sent at start-up for each request below, with
  no validation and no state: what the server stack itself costs;
* ``prism``: Prism's static mock of the same spec (``-v error``).

Steady and Prism serve the spec's paths without the ``/v1`` of its ``servers`` and answer with its
examples, statelessly (a one-item page whatever ``page_size``). The requests: a 20-item page
(``list20``), one appointment (``get1``), a ``PATCH`` of another appointment's ``notes`` with a new
value each time and no ``If-Match`` (``patch``), and a cancel of a fresh appointment (``cancel``),
at 1 and 16 connections. For each round, connection count and endpoint, every server gets one
bounded wrk run, one after the other (interleaved). Medians over the rounds; a ratio (mock / steady,
mock / bare, mock / prism) is the median over the rounds of the mock's requests/s over the other
server's in the same round, lowest..highest beside it, so that load from other work, which moves
between rounds, falls on both sides.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._common import (
    STEADY_HEALTH,
    WrkResult,
    bare_cmd,
    free_port,
    have_wrk,
    median,
    mock_cmd,
    prism_cmd,
    server,
    steady_cmd,
    table,
    wrk,
)

ENDPOINTS = ("list20", "get1", "patch", "cancel")
MOCKS = ("mock", "mock-no-resp")
REFERENCES = ("steady", "bare", "prism")

Results = dict[tuple[str, int, str], list[WrkResult]]


@dataclass(frozen=True)
class Target:
    base: str  # the URL the spec's paths go under
    ids_file: Path  # the cancelable appointments of the mock's world, one id a line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 1 s, 1 round, 16 connections, a small world; the mock and the floor only",
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="per wrk run (whole seconds)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--endpoints", nargs="+", choices=ENDPOINTS, default=list(ENDPOINTS))
    parser.add_argument("--appointments", type=int, default=100_000)
    parser.add_argument("--no-mock-no-resp", action="store_true")
    parser.add_argument("--no-steady", action="store_true")
    parser.add_argument("--no-bare", action="store_true")
    parser.add_argument("--no-prism", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the medians and ratios here")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds, args.connections, args.appointments = 1, 1, [16], 3_000
        args.no_mock_no_resp = args.no_steady = args.no_prism = True
    if not have_wrk():
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        targets: dict[str, Target] = {}  # in the order of each round's runs

        def start(name: str, cmd: list[str], port: int, base: str, ready: str, ids: Path) -> None:
            stack.enter_context(server(cmd, f"http://127.0.0.1:{port}{ready}"))
            targets[name] = Target(f"http://127.0.0.1:{port}{base}", ids)

        for name in MOCKS:
            if name == "mock-no-resp" and args.no_mock_no_resp:
                continue
            port, ids = free_port(), Path(tmp) / f"{name}.ids"
            cmd = mock_cmd(port, appointments=args.appointments,
                           validate_responses=name == "mock", ids_file=ids)  # fmt: skip
            start(name, cmd, port, "/v1", "/v1/appointments", ids)
        mock_ids = targets["mock"].ids_file
        if not args.no_steady:
            port = free_port()
            start("steady", steady_cmd(port), port, "", STEADY_HEALTH, mock_ids)
        first_cancel = 0
        if not args.no_bare:
            # The floor's requests at start-up: the mock's runs GET the last id, PATCH the one
            # before it and cancel from the second on (the floor cancels the first).
            walk = mock_ids.read_text().split()
            port, first_cancel = free_port(), 1
            cmd = bare_cmd(port, targets["mock"].base, appointment=walk[-1], patch=walk[-2],
                           cancel=walk[0])  # fmt: skip
            start("bare", cmd, port, "/v1", "/v1/appointments", mock_ids)
        if not args.no_prism:
            port = free_port()
            start("prism", prism_cmd(port), port, "", "/appointments", mock_ids)
        results = _run(args, targets, first_cancel)
    _report(args, results)
    return 0


def _run(args: argparse.Namespace, targets: dict[str, Target], first_cancel: int) -> Results:
    results: Results = defaultdict(list)
    ids = {name: t.ids_file.read_text().split() for name, t in targets.items()}
    offsets = {name: first_cancel if name == "mock" else 0 for name in targets}
    for round_ in range(args.rounds):
        for connections in args.connections:
            for endpoint in args.endpoints:
                for name, target in targets.items():
                    base, prefix = target.base, urlsplit(target.base).path
                    one, neighbour = ids[name][-1], ids[name][-2]  # never canceled below
                    if endpoint == "list20":
                        r = wrk(f"{base}/appointments?page_size=20", connections, args.seconds)
                    elif endpoint == "get1":
                        r = wrk(f"{base}/appointments/{one}", connections, args.seconds)
                    elif endpoint == "patch":
                        r = wrk(base, connections, args.seconds,
                                patch_path=f"{prefix}/appointments/{neighbour}")  # fmt: skip
                    else:
                        r = wrk(base, connections, args.seconds, cancel_ids=target.ids_file,
                                offset=offsets[name], prefix=prefix)  # fmt: skip
                        offsets[name] += int(r.rps * args.seconds * 1.2) + 1_000
                    results[(endpoint, connections, name)].append(r)
                    print(
                        f"round {round_ + 1} c={connections:<2} {endpoint:<6} {name:<12} "
                        f"{r.rps:8.0f} req/s  p50 {r.p50_ms:6.2f} ms  p99 {r.p99_ms:6.2f} ms"
                        + (f"  errors {r.errors}" if r.errors else ""),
                        flush=True,
                    )
    return results


def _ratios(mine: list[WrkResult], theirs: list[WrkResult]) -> list[float]:
    """Per round: my requests/s over theirs (the two runs were back to back)."""
    return [m.rps / t.rps if t.rps else float("nan") for m, t in zip(mine, theirs, strict=True)]


def _legend(references: list[str]) -> str:
    """What the references in the table answer."""
    notes = []
    examples = [n for n in ("steady", "prism") if n in references]
    if examples:
        verb = "answers" if len(examples) == 1 else "answer"
        notes.append(f"{' and '.join(examples)} {verb} the spec's examples (a one-item page)")
    if "bare" in references:
        notes.append("bare replays the mock's own answers with plain Starlette")
    return f" In the table, {'; '.join(notes)}." if notes else ""


def _report(args: argparse.Namespace, results: Results) -> None:
    order = [*MOCKS, *REFERENCES]
    names = sorted({k[2] for k in results}, key=order.index)
    references = [n for n in REFERENCES if n in names]
    rows = []
    summary = []
    for connections in args.connections:
        for endpoint in args.endpoints:
            runs = {n: results[(endpoint, connections, n)] for n in names}
            med = {
                n: {
                    "rps": median([r.rps for r in runs[n]]),
                    "p50_ms": median([r.p50_ms for r in runs[n]]),
                    "p99_ms": median([r.p99_ms for r in runs[n]]),
                    "errors": sum(r.errors for r in runs[n]),
                }
                for n in names
            }
            row: list[object] = [endpoint, connections]
            for n in names:
                m = med[n]
                row.append(
                    f"{m['rps']:,.0f} ({m['p50_ms']:.2f} / {m['p99_ms']:.2f} ms)"
                    + (f" [{m['errors']:.0f} err]" if m["errors"] else "")
                )
            ratios: dict[str, dict[str, float]] = {}
            for mock in (n for n in MOCKS if n in names):
                for ref in references:
                    per_round = _ratios(runs[mock], runs[ref])
                    ratios[f"{mock} / {ref}"] = {
                        "median": median(per_round),
                        "lowest": min(per_round),
                        "highest": max(per_round),
                    }
            for ref in references:
                q = ratios[f"mock / {ref}"]
                row.append(f"{q['median']:.2f}x ({q['lowest']:.2f}..{q['highest']:.2f})")
            rows.append(row)
            summary.append(
                {"endpoint": endpoint, "connections": connections, **med, "ratios": ratios}
            )
    headers = ["endpoint", "conns", *[f"{n} req/s (p50 / p99)" for n in names]]
    headers += [f"mock / {ref}" for ref in references]
    print(f"\nMedians of {args.rounds} interleaved rounds of {args.seconds:g} s "
          f"({args.appointments:,} appointments in the mock); the ratios are the medians of the "
          "per-round ratios of requests/s (a round's runs are back to back), lowest..highest "
          f"beside them.{_legend(references)}\n")  # fmt: skip
    print(table(headers, rows))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    raise SystemExit(main())
