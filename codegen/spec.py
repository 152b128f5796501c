"""Loading `openapi.yaml` and resolving its local references."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, cast

import yaml

__all__ = ["REPO_ROOT", "SPEC_PATH", "load_spec", "parse_yaml", "resolve"]

REPO_ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = REPO_ROOT / "openapi.yaml"


# libyaml's parser where PyYAML was built with it: the same documents as `yaml.safe_load` (the
# constructor is the safe one), read several times faster, which matters for a 190 KB spec.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str | bytes | IO[str] | IO[bytes]) -> Any:
    """One YAML document, read as `yaml.safe_load` reads it (raises `yaml.YAMLError`)."""
    return yaml.load(text, Loader=_SAFE_LOADER)


def load_spec(path: Path | str | None = None) -> dict[str, Any]:
    """The parsed OpenAPI document (default: the repository's `openapi.yaml`)."""
    text = Path(path or SPEC_PATH).read_text(encoding="utf-8")
    data = parse_yaml(text)
    if not isinstance(data, dict):
        raise ValueError(f"{path or SPEC_PATH} is not an OpenAPI document")
    return cast(dict[str, Any], data)


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local `$ref` (`#/components/...`) until a node without one is reached."""
    while "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/"):
            raise ValueError(f"only local references are supported, got {ref!r}")
        target: Any = spec
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def ref_name(node: dict[str, Any]) -> str | None:
    """The component name of a `{"$ref": "#/components/schemas/Name"}` node, else None."""
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        return ref.rsplit("/", 1)[1]
    return None
