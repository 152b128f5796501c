"""``appointments-conformance``: run the API's rules against a server and score it.

    appointments-conformance --base-url https://staging.example/v1 --key admin=... [--key client=...]

Exits 0 when the overall score reaches ``--min-score`` (default 100 %), 1 below it, 2 on a usage
error. The mock itself is not needed to run it (the SDK is).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from appointments_conformance import reports
from appointments_conformance.kit import ROLES, Target
from appointments_conformance.runner import Outcome, find_control, run, scores
from appointments_conformance.scenarios import SCENARIOS


def _key(text: str) -> tuple[str, str]:
    role, sep, key = text.partition("=")
    if not sep or role not in ROLES or not key:
        raise argparse.ArgumentTypeError(f"use ROLE=KEY with ROLE one of {', '.join(ROLES)}")
    return role, key


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="appointments-conformance",
        description="Run the Appointments API's rules as scenarios against a server; score it.",
    )
    parser.add_argument("--base-url", required=True, help="the API's base URL, e.g. http://host/v1")
    parser.add_argument("--key", type=_key, action="append", default=[], metavar="ROLE=KEY",
                        help="an API key per role: admin (required), api_client, staff, client")  # fmt: skip
    parser.add_argument("--min-score", type=float, default=100.0,
                        help="fail below this overall score, in percent (default 100)")  # fmt: skip
    parser.add_argument("--only", action="append", default=[], metavar="ID",
                        help="run scenarios whose id starts with this (repeatable)")  # fmt: skip
    parser.add_argument("--budget", type=int, default=2_000, help="most requests to send")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument("--no-control", action="store_true",
                        help="do not use the mock's control API even if the target has one")  # fmt: skip
    parser.add_argument("--dry-run", action="store_true", help="list the scenarios; send nothing")
    parser.add_argument("--junit", type=Path, help="write JUnit XML here")
    parser.add_argument("--json", type=Path, help="write the results as JSON here")
    parser.add_argument("--markdown", type=Path, help="write a Markdown report here")
    return parser


def _progress(index: int, total: int, outcome: Outcome) -> None:
    mark = {"passed": "ok", "failed": "FAIL", "skipped": "skip"}[outcome.verdict]
    line = f"[{index}/{total}] {mark:<4} {outcome.scenario.id}"
    if sys.stderr.isatty():
        sys.stderr.write(f"\r\033[K{line}" + ("\n" if index == total else ""))
    else:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``appointments-conformance`` console script."""
    args = _parser().parse_args(argv)
    chosen = [s for s in SCENARIOS if not args.only or any(s.id.startswith(p) for p in args.only)]
    if args.dry_run:
        for s in chosen:
            needs = ", ".join([*s.roles, *(["control API"] if s.needs_control else [])])
            print(f"{s.id:<44} {s.rule}  [{needs}]")
        print(f"{len(chosen)} scenarios in {len({s.group for s in chosen})} rule groups; "
              "each books its own appointments (from 2090 on, tagged in notes) and the run "
              "deletes and purges them at the end, nothing else.")  # fmt: skip
        return 0
    keys = dict(args.key)
    if "admin" not in keys:
        print("appointments-conformance: --key admin=... is required (it books the run's data)",
              file=sys.stderr)  # fmt: skip
        return 2
    base_url = args.base_url.rstrip("/")
    control = None if args.no_control else find_control(base_url, args.timeout)
    target = Target(base_url, keys, budget=args.budget, timeout=args.timeout, control_url=control)
    try:
        outcomes = run(target, chosen, _progress)
    finally:
        target.close()
    print(reports.summary(outcomes, base_url))
    print(f"{target.sent} requests sent" + (f"; control API at {control}" if control else ""))
    if args.junit:
        args.junit.write_text(reports.junit(outcomes), encoding="utf-8")
    if args.json:
        args.json.write_text(reports.as_json(outcomes, base_url), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(reports.markdown(outcomes, base_url), encoding="utf-8")
    _, overall = scores(outcomes)
    return 0 if overall.percent >= args.min_score else 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
