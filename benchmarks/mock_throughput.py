"""Benchmark 1: mock throughput and latency against Prism's static mock, with wrk.

    .venv/bin/python benchmarks/mock_throughput.py            # full run (about 6 minutes)
    .venv/bin/python benchmarks/mock_throughput.py --quick    # smoke run, no Prism

Three servers run side by side: the mock with request and response validation, the mock with
response validation off, and Prism's static mock of the same spec (``-v error``). For each round,
endpoint (a 20-item page, one appointment, a cancel of a fresh appointment) and connection count
(1 and 16), every server gets one bounded wrk run, one after the other (interleaved). Medians over
the rounds; a ratio is the median over the rounds of the mock's requests/s over Prism's in the
same round, so that load from other work, which moves between rounds, falls on both sides.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from _common import (
    WrkResult,
    free_port,
    have_wrk,
    median,
    mock_cmd,
    prism_cmd,
    server,
    table,
    wrk,
)

ENDPOINTS = ("list20", "get1", "cancel")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny run: 1 s, 1 round, no Prism")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--endpoints", nargs="+", choices=ENDPOINTS, default=list(ENDPOINTS))
    parser.add_argument("--appointments", type=int, default=100_000)
    parser.add_argument("--no-prism", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the medians here")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds, args.appointments, args.no_prism = 1, 1, 3_000, True
    if not have_wrk():
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        ids = {name: Path(tmp) / f"{name}.ids" for name in ("full", "noresp")}
        ports = {name: free_port() for name in ("full", "noresp", "prism")}
        targets: dict[str, tuple[str, Path | None]] = {}
        with (
            server(
                mock_cmd(ports["full"], appointments=args.appointments, validate_responses=True,
                         ids_file=ids["full"]),
                f"http://127.0.0.1:{ports['full']}/v1/appointments",
            ),
            server(
                mock_cmd(ports["noresp"], appointments=args.appointments, validate_responses=False,
                         ids_file=ids["noresp"]),
                f"http://127.0.0.1:{ports['noresp']}/v1/appointments",
            ),
        ):  # fmt: skip
            targets["mock"] = (f"http://127.0.0.1:{ports['full']}/v1", ids["full"])
            targets["mock-no-resp"] = (f"http://127.0.0.1:{ports['noresp']}/v1", ids["noresp"])
            if args.no_prism:
                results = _run(args, targets)
            else:
                with server(
                    prism_cmd(ports["prism"]), f"http://127.0.0.1:{ports['prism']}/appointments"
                ):
                    targets["prism"] = (f"http://127.0.0.1:{ports['prism']}", ids["full"])
                    results = _run(args, targets)
    _report(args, results)
    return 0


def _run(
    args: argparse.Namespace, targets: dict[str, tuple[str, Path | None]]
) -> dict[tuple[str, int, str], list[WrkResult]]:
    results: dict[tuple[str, int, str], list[WrkResult]] = defaultdict(list)
    first_ids = {name: Path(f).read_text().split() for name, (_, f) in targets.items() if f}
    offsets = dict.fromkeys(targets, 0)
    for round_ in range(args.rounds):
        for connections in args.connections:
            for endpoint in args.endpoints:
                for name, (base, ids_file) in targets.items():
                    assert ids_file is not None
                    if endpoint == "list20":
                        r = wrk(f"{base}/appointments?page_size=20", connections, args.seconds)
                    elif endpoint == "get1":
                        one = first_ids[name][-1]  # never canceled by the runs below
                        r = wrk(f"{base}/appointments/{one}", connections, args.seconds)
                    else:
                        prefix = base.split("127.0.0.1", 1)[1].split("/", 1)
                        path_prefix = "/" + prefix[1] if len(prefix) > 1 else ""
                        r = wrk(base, connections, args.seconds, cancel_ids=ids_file,
                                offset=offsets[name], prefix=path_prefix)  # fmt: skip
                        offsets[name] += int(r.rps * args.seconds * 1.2) + 1_000
                    results[(endpoint, connections, name)].append(r)
                    print(
                        f"round {round_ + 1} c={connections:<2} {endpoint:<6} {name:<12} "
                        f"{r.rps:8.0f} req/s  p50 {r.p50_ms:6.2f} ms  p99 {r.p99_ms:6.2f} ms"
                        + (f"  errors {r.errors}" if r.errors else ""),
                        flush=True,
                    )
    return results


def _report(args: argparse.Namespace, results: dict[tuple[str, int, str], list[WrkResult]]) -> None:
    names = sorted({k[2] for k in results}, key=["mock", "mock-no-resp", "prism"].index)
    rows = []
    summary = []
    for connections in args.connections:
        for endpoint in args.endpoints:
            med = {
                n: (
                    median([r.rps for r in results[(endpoint, connections, n)]]),
                    median([r.p50_ms for r in results[(endpoint, connections, n)]]),
                    median([r.p99_ms for r in results[(endpoint, connections, n)]]),
                    sum(r.errors for r in results[(endpoint, connections, n)]),
                )
                for n in names
            }
            row: list[object] = [endpoint, connections]
            for n in names:
                rps, p50, p99, errors = med[n]
                row.append(
                    f"{rps:,.0f} ({p50:.2f} / {p99:.2f} ms)"
                    + (f" [{errors} err]" if errors else "")
                )
            if "prism" in med:
                prism = results[(endpoint, connections, "prism")]
                for n in ("mock", "mock-no-resp"):
                    ratios = [r.rps / p.rps if p.rps else float("nan")
                              for r, p in zip(results[(endpoint, connections, n)], prism,
                                              strict=True)]  # fmt: skip
                    row.append(f"{median(ratios):.2f}x ({min(ratios):.2f}..{max(ratios):.2f})")
            rows.append(row)
            summary.append({"endpoint": endpoint, "connections": connections,
                            **{n: dict(zip(("rps", "p50_ms", "p99_ms", "errors"), med[n], strict=True))
                               for n in names}})  # fmt: skip
    headers = ["endpoint", "conns", *[f"{n} req/s (p50 / p99)" for n in names]]
    if "prism" in names:
        headers += ["mock / prism", "mock-no-resp / prism"]
    print(f"\nMedians of {args.rounds} interleaved rounds of {args.seconds:g} s "
          f"({args.appointments:,} appointments in the mock); the ratios are the medians of the "
          "per-round ratios (a round's runs are back to back), lowest..highest beside them:\n")  # fmt: skip
    print(table(headers, rows))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    raise SystemExit(main())
