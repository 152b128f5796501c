"""`python -m codegen [--check]` and `python -m codegen check [args...]`."""

from __future__ import annotations

import argparse
import importlib
import sys

from .generate import check, generate, write


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["check"]:
        return _delegate_to_check(args[1:])
    parser = argparse.ArgumentParser(
        prog="python -m codegen", description="Generate the SDK's code from openapi.yaml."
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and name every generated file that is not current",
    )
    options = parser.parse_args(args)
    files = generate()
    if options.check:
        problems = check(files)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("Generated code is not current: run `python -m codegen`.", file=sys.stderr)
            return 1
        print(f"Generated code is current ({len(files)} files).")
        return 0
    changed = write(files)
    for path in changed:
        print(f"wrote {path}")
    print(f"{len(files)} generated files, {len(changed)} changed.")
    return 0


def _delegate_to_check(args: list[str]) -> int:
    try:
        module = importlib.import_module("codegen.check")
    except ModuleNotFoundError as exc:
        if exc.name != "codegen.check":
            raise
        print(
            "codegen.check is not available yet: the spec checks are not installed.",
            file=sys.stderr,
        )
        return 2
    return int(module.main(args))


if __name__ == "__main__":
    sys.exit(main())
