"""Benchmark 6: the cost of `import appointments`, against its HTTP client and pydantic alone.

    .venv/bin/python benchmarks/import_time.py            # full run (about 1 minute)
    .venv/bin/python benchmarks/import_time.py --quick    # smoke run

Each variant is imported in a fresh interpreter (`python -c`), timed from just before the import
statement to just after it (interpreter start-up excluded), as the process's CPU time and as wall
time, with bytecode caches as an installed package has them (a private `PYTHONPYCACHEPREFIX`,
filled by an untimed first run). The variants take turns within each round, so load from other
work on this shared machine falls on all of them alike.

The references are the SDK's dependencies imported the way the SDK needs them: `httpx2` (or
legacy `httpx`) and pydantic with `BaseModel` (a bare `import pydantic` loads almost nothing:
pydantic's top level is lazy; it is shown too). Reported: the medians over the rounds; the ratio
of `import appointments` to each reference (the median of the per-round CPU-time ratios); the
SDK's own part (`import appointments` with its dependencies already imported) added to each
transport's reference, which is what the import costs with that transport; the first use of a
resource (`client.appointments`). Then one `-X importtime` profile of `import appointments`:
the modules that cost most, with their own and cumulative time (ms).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence

from _common import PYTHON, median, table

TIMER = (
    "import time\n"
    "{setup}\n"
    "started, cpu = time.perf_counter(), time.process_time()\n"
    "{statement}\n"
    "print(time.perf_counter() - started, time.process_time() - cpu)\n"
)

SDK = ("import appointments", "", "import appointments")
OWN = "the SDK's own part: import appointments, its dependencies already imported"
DEPENDENCIES = "import httpx2, anyio\nfrom pydantic import BaseModel, validate_call"


def _variants() -> list[tuple[str, str, str]]:
    """(label, untimed setup, timed statement): the SDK first, then each installed reference."""
    variants = [SDK, (OWN, DEPENDENCIES, "import appointments")]
    for client in ("httpx2", "httpx"):
        if importlib.util.find_spec(client) is not None:
            variants.append(
                (f"{client} + pydantic", "", f"import {client}\nfrom pydantic import BaseModel")
            )
            variants.append((f"{client} + `import pydantic`", "", f"import {client}, pydantic"))
    variants.append(
        (
            "import appointments; client.appointments (first use)",
            "",
            "import appointments\nappointments.AppointmentsClient(api_key='k').appointments",
        )
    )
    return variants


def _environment(cache: str) -> dict[str, str]:
    """Bytecode cached in `cache`, for every module alike, as an installed package has it.

    Without it (`PYTHONDONTWRITEBYTECODE`, or an editable install never imported before) every
    import of the SDK's own modules would compile them from source, which is not what a user
    pays; a private prefix also keeps the repository free of `__pycache__`.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _time(setup: str, statement: str, env: Mapping[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of `statement` in a fresh interpreter, after `setup`."""
    done = subprocess.run(
        [PYTHON, "-c", TIMER.format(setup=setup, statement=statement)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=env,
    )
    wall, cpu = done.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def _quartiles(values: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return ordered[len(ordered) // 4], ordered[(3 * len(ordered)) // 4]


def _profile(top: int, env: Mapping[str, str]) -> list[list[str]]:
    done = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", "import appointments"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=env,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        own, cumulative, name = (part.strip() for part in line.split(":", 1)[1].split("|"))
        if own.isdigit():
            rows.append((int(cumulative), int(own), name))
    rows.sort(reverse=True)
    return [[name, f"{own / 1000:.1f}", f"{cum / 1000:.1f}"] for cum, own, name in rows[:top]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--top", type=int, default=15, help="modules in the profile")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.top = 2, 5
    with tempfile.TemporaryDirectory(prefix="import-time-") as cache:
        env = _environment(cache)
        variants = _variants()
        for _, setup, statement in variants:  # fills the bytecode cache; not timed
            _time(setup, statement, env)
        times: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in variants}
        for n in range(args.rounds):
            turn = variants[n % len(variants) :] + variants[: n % len(variants)]
            for label, setup, statement in turn:
                times[label].append(_time(setup, statement, env))
        profile = _profile(args.top, env)
    sdk = times[SDK[0]]
    rows = []
    for label, _, _ in variants:
        walls = [wall for wall, _ in times[label]]
        cpus = [cpu for _, cpu in times[label]]
        ratios = [s[1] / t[1] for s, t in zip(sdk, times[label], strict=True)]
        low, high = _quartiles(ratios)
        rows.append(
            [
                label,
                f"{median(cpus) * 1000:.0f} ms",
                f"{median(walls) * 1000:.0f} ms",
                "-" if label in (SDK[0], OWN) else f"{median(ratios):.2f}",
                "-" if label in (SDK[0], OWN) else f"{low:.2f}-{high:.2f}",
            ]
        )
    print(
        f"\nImport time in a fresh interpreter, medians of {args.rounds} rounds (variants take "
        "turns).\nCPU time of the process (less disturbed by other work than wall time, which is "
        "beside it);\nimport appointments / reference: the median of the per-round CPU-time "
        "ratios:\n"
    )
    headers = ["import", "CPU", "wall", "import appointments / this", "quartiles"]
    print(table(headers, rows))
    own = median([cpu for _, cpu in times[OWN]])
    for client in ("httpx2", "httpx"):
        label = f"{client} + pydantic"
        if label in times:
            base = median([cpu for _, cpu in times[label]])
            print(
                f"\nWith {client} as the transport: ({label} + the SDK's own part) / "
                f"({label}) = {(base + own) / base:.2f}"
            )
    print("\n`python -X importtime -c 'import appointments'`, the costliest modules (ms):\n")
    print(table(["module", "own", "cumulative"], profile))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
