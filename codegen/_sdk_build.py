"""The SDK of a base spec, built with this repository's own codegen into a directory of its own.

The generated modules (`models.py`, `resources/`, `_client.py`, ...) come from `codegen.generate`
run on the base spec; the hand-written core (`_base_client.py`, `_base_model.py`, ...) is copied
from `sdk/appointments/` of the working tree, since the runtime is not part of the contract. The
result is a package named `appointments` under `<dir>/`, imported only by a probe process that
puts `<dir>` first on its path (`codegen/_probe.py`): the real `sdk/` is never written to and never
imported next to it.

Builds are cached by content (base spec, generator and core sources), so the test suite and the
reference set generate each base SDK once.
"""

from __future__ import annotations

import copy
import fcntl
import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from codegen.spec import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "sdk" / "appointments"
_GENERATOR_SOURCES = ("generate.py", "resources.py", "operations.py", "spec.py")


class SdkBuildError(RuntimeError):
    """The base spec is outside what codegen can turn into an SDK."""


def with_core_models(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec, with the house `Problem` and `FieldError` where it lacks what the SDK core reads."""
    schemas = (spec.get("components") or {}).get("schemas") or {}
    problem = schemas.get("Problem")
    properties = problem.get("properties") if isinstance(problem, dict) else None
    if "FieldError" in schemas and "code" in (properties or {}):
        return spec
    house = parse_yaml((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    out = copy.deepcopy(spec)
    target = out.setdefault("components", {}).setdefault("schemas", {})
    for name in ("Problem", "FieldError"):
        target[name] = house["components"]["schemas"][name]
    return out


def _fingerprint(spec: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode())
    for name in _GENERATOR_SOURCES:
        digest.update((ROOT / "codegen" / name).read_bytes())
    for path in sorted(CORE.glob("_*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:20]


def cache_root() -> Path:
    """Where built SDKs are kept (per machine, outside the repository)."""
    return Path(tempfile.gettempdir()) / "appointments-sdk-probe"


def build_sdk(spec: dict[str, Any]) -> Path:
    """A directory holding the `appointments` package generated from `spec` (built once)."""
    from codegen.generate import generate  # imports datamodel-code-generator's runner lazily

    spec = with_core_models(spec)
    target = cache_root() / _fingerprint(spec)
    if (target / "appointments" / "__init__.py").exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent / f"{target.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel test workers may build the same SDK
        if (target / "appointments" / "__init__.py").exists():
            return target
        scratch = Path(tempfile.mkdtemp(prefix="build-", dir=target.parent))
        try:
            spec_file = scratch / "openapi.yaml"
            spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
            try:
                files = generate(spec_file)
            except (ValueError, KeyError, TypeError, RuntimeError) as exc:
                raise SdkBuildError(
                    f"codegen cannot build an SDK from the base spec: {exc}"
                ) from exc
            package = scratch / "appointments"
            for path in sorted(CORE.iterdir()):
                if path.is_file() and (path.name.startswith("_") or path.name == "py.typed"):
                    (package / path.name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, package / path.name)
            for rel, text in files.items():
                out = package / rel.relative_to(Path("sdk") / "appointments")
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(text, encoding="utf-8")
            spec_file.unlink()
            scratch.rename(target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return target
