"""`python -m tests.spec.breaking_cases [--empirical]`: print the figures of the reference set."""

from __future__ import annotations

import argparse

from .figures import evaluate


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.spec.breaking_cases")
    parser.add_argument(
        "--empirical", action="store_true", help="also run the base SDKs against the heads"
    )
    args = parser.parse_args()
    print(evaluate(empirical=args.empirical).render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
