"""Produce every generated file in memory, then write them or compare them with the disk."""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .operations import read_operations, read_tags
from .resources import FLAVOURS, render_client_module, render_resource_module, resource_class
from .spec import REPO_ROOT, SPEC_PATH, load_spec, ref_name, resolve

__all__ = ["HEADER", "check", "generate", "write"]

HEADER = (
    "# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or\n"
    "# codegen/) and run `python -m codegen` again.\n"
)

SDK_DIR = Path("sdk") / "appointments"
RESOURCES_DIR = SDK_DIR / "resources"
OWNED_DIRS = (RESOURCES_DIR,)
"""Directories whose every `.py` file is generated: anything else found there is reported."""

# datamodel-code-generator flags (pinned version 0.89.0, see toolchain notes):
# * --openapi-scopes schemas: one class per component schema, named exactly as the schema;
#   parameters are handled by the resource layer, not by models.
# * --base-class + --import-overrides StrEnum: every model derives from `APIModel` and every enum
#   from the SDK's open `StrEnum`, which is how responses stay forward compatible
#   (see sdk/appointments/_base_model.py).
# * --extra-fields allow: no class-level `extra="forbid"` from `additionalProperties: false`;
#   `APIModel` rejects unknown fields itself, except while parsing responses.
# * --strict-nullable: only fields the spec makes nullable accept None.
# * --collapse-root-models, --use-annotated, --field-constraints: plain annotated fields with the
#   spec's bounds as `Field(...)` constraints.
# * --disable-timestamp, --formatters builtin: byte-identical output on every run.
DATAMODEL_ARGS = [
    "--input-file-type", "openapi",
    "--output-model-type", "pydantic_v2.BaseModel",
    "--target-python-version", "3.11",
    "--use-annotated",
    "--field-constraints",
    "--use-standard-collections",
    "--use-union-operator",
    "--strict-nullable",
    "--collapse-root-models",
    "--use-schema-description",
    "--openapi-scopes", "schemas",
    "--use-double-quotes",
    "--disable-timestamp",
    "--formatters", "builtin",
    "--base-class", "appointments._base_model.APIModel",
    "--import-overrides", '{"StrEnum": "appointments._base_model"}',
    "--extra-fields", "allow",
]  # fmt: skip


def _module_all(path: Path) -> list[str]:
    """A hand-written module's `__all__`, read from its source (codegen never imports the SDK)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            names = ast.literal_eval(node.value)
            return sorted(str(name) for name in names)
    raise RuntimeError(f"{path} has no __all__")


# Names the package exports besides the models, by module. A schema may not take one of them.
CORE_EXPORTS = {
    "._client": ["AppointmentsClient", "AsyncAppointmentsClient"],
    "._exceptions": _module_all(REPO_ROOT / SDK_DIR / "_exceptions.py"),  # every exception
    "._pagination": ["AsyncPage", "AsyncPaginator", "SyncPage"],
    "._response": ["RawResponse"],
    "._signing": ["SigningKey"],
    "._types": ["NOT_GIVEN", "HTTPRequest", "HTTPResponse", "NotGiven", "Timeout"],
    "._version": ["__version__"],
    "._webhook_events": ["WebhookEvent"],
    "._webhooks": ["GenericWebhookEvent", "Webhooks", "parse_event", "verify_signature"],
    "._base_model": ["parse"],
}


def generate(spec_path: Path = SPEC_PATH) -> dict[Path, str]:
    """Every generated file: path relative to the repository root -> content."""
    spec = load_spec(spec_path)
    schemas = list(spec.get("components", {}).get("schemas", {}))
    operations = read_operations(spec)
    tags = read_tags(spec)
    files: dict[Path, str] = {
        SDK_DIR / "_version.py": _render_version(spec),
        SDK_DIR / "models.py": _render_models(spec_path, schemas),
        SDK_DIR / "_client.py": render_client_module(HEADER, tags),
        SDK_DIR / "_webhook_events.py": _render_webhook_events(spec),
        SDK_DIR / "__init__.py": _render_package(schemas),
        RESOURCES_DIR / "__init__.py": _render_resources_package(tags),
    }
    for tag in tags:
        ops = [op for op in operations if op.tag == tag.name]
        files[RESOURCES_DIR / f"{tag.name}.py"] = render_resource_module(HEADER, tag, ops)
    return _format(files)


def write(files: dict[Path, str], root: Path = REPO_ROOT) -> list[Path]:
    """Write the files that differ, remove stray files in generated directories; return changes."""
    changed = []
    for path, text in files.items():
        target = root / path
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(path)
    for path in _extra_files(files, root):
        (root / path).unlink()
        changed.append(path)
    return changed


def check(files: dict[Path, str], root: Path = REPO_ROOT) -> list[str]:
    """One line per file that is out of date, missing, or should not exist."""
    problems = []
    for path, text in files.items():
        target = root / path
        if not target.exists():
            problems.append(f"missing: {path}")
        elif target.read_text(encoding="utf-8") != text:
            problems.append(f"out of date: {path}")
    problems += [f"not generated (remove it): {path}" for path in _extra_files(files, root)]
    return problems


def _extra_files(files: dict[Path, str], root: Path) -> list[Path]:
    extra = []
    for directory in OWNED_DIRS:
        for found in sorted((root / directory).glob("*.py")):
            path = found.relative_to(root)
            if path not in files:
                extra.append(path)
    return extra


def _render_version(spec: dict[str, Any]) -> str:
    version = str(spec["info"]["version"])
    return (
        HEADER
        + '"""The version of the API and of this package: `info.version` of openapi.yaml."""\n\n'
        + f'__version__ = "{version}"\n'
    )


def _render_models(spec_path: Path, schemas: list[str]) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(spec_path),
            "--custom-file-header",
            HEADER.rstrip("\n"),
            *DATAMODEL_ARGS,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"datamodel-codegen failed:\n{result.stderr}")
    source = result.stdout
    for name in schemas:
        # The rule others rely on: one class per component schema, named exactly like it.
        if f"\nclass {name}(" not in source:
            raise RuntimeError(f"datamodel-codegen did not produce a class named {name!r}")
    source = source.replace(
        "\nfrom __future__ import annotations\n",
        '\n"""The models of the API: one class per component schema of openapi.yaml, same name."""'
        "\n\nfrom __future__ import annotations\n",
        1,
    )
    return source + "\n\n__all__ = [" + ", ".join(f'"{name}"' for name in sorted(schemas)) + "]\n"


def webhook_events(spec: dict[str, Any]) -> list[tuple[str, str]]:
    """(event type, model) of every webhook of the spec, in document order.

    A webhook is POSTed with a JSON body whose schema is a component schema (the model) with a
    `type` property that is `const` the webhook's name: the discriminator of the union.
    """
    found = []
    for name, item in (spec.get("webhooks") or {}).items():
        post = item.get("post") if isinstance(item, dict) else None
        body = (post or {}).get("requestBody") or {}
        schema = (body.get("content") or {}).get("application/json", {}).get("schema", {})
        model = ref_name(schema)
        if model is None:
            raise RuntimeError(f"webhook {name!r}: the body must be a $ref to a component schema")
        kind = resolve(spec, schema).get("properties", {}).get("type", {})
        if kind.get("const") != name:
            raise RuntimeError(f"webhook {name!r}: {model}.type must be `const: {name}`")
        found.append((name, model))
    return found


def _render_webhook_events(spec: dict[str, Any]) -> str:
    events = webhook_events(spec)
    models = sorted({model for _, model in events})
    out = HEADER + (
        '"""The webhook events of the spec\'s `webhooks` section, as one discriminated union."""\n\n'
        "from __future__ import annotations\n\n"
        "from typing import Annotated, TypeAlias\n\n"
        "from pydantic import Field\n\n"
        "from appointments._base_model import APIModel\n"
    )
    if models:
        out += f"from appointments.models import {', '.join(models)}\n"
    out += '\n__all__ = ["WEBHOOK_EVENT_MODELS", "WebhookEvent"]\n\n'
    if events:
        union = " | ".join(model for _, model in events)
        out += (
            f'WebhookEvent: TypeAlias = Annotated[{union}, Field(discriminator="type")]\n'
            '"""Any event the API sends; `event.type` (a literal) narrows it to its model."""\n\n'
        )
    else:
        out += 'WebhookEvent: TypeAlias = APIModel\n"""The spec has no webhooks."""\n\n'
    out += "WEBHOOK_EVENT_MODELS: dict[str, type[APIModel]] = {\n"
    out += "".join(f'    "{name}": {model},\n' for name, model in events)
    out += "}\n" + '"""Event type -> model, for every webhook of the spec."""\n'
    return out


# Modules the package imports on first use of one of their names: the models (building 70-odd
# classes is most of what the SDK itself costs at import) and what needs them at import.
LAZY_MODULES = ("._webhook_events", "._webhooks", ".models")


def _render_package(schemas: list[str]) -> str:
    taken = {name for names in CORE_EXPORTS.values() for name in names}
    clashes = taken & set(schemas)
    if clashes:
        raise RuntimeError(f"schema names clash with SDK names: {sorted(clashes)}")
    out = HEADER + (
        '"""Typed sync and async client for the Appointments API.\n\n'
        "    from appointments import AppointmentsClient\n\n"
        "    with AppointmentsClient(api_key=...) as client:\n"
        '        for appointment in client.appointments.list(status=["active", "canceled"]):\n'
        "            print(appointment.id, appointment.status)\n\n"
        "The models and the webhook helpers are imported on first use of their names (type\n"
        "checkers see them as usual); the resources on first use of a client's attribute.\n"
        '"""\n\n'
        "from __future__ import annotations\n\n"
        "import importlib\n"
        "from typing import TYPE_CHECKING\n\n"
    )
    modules = {**CORE_EXPORTS, ".models": sorted(schemas)}
    for module, names in modules.items():
        if module not in LAZY_MODULES:
            out += f"from {module} import {', '.join(names)}\n"
    out += "\nif TYPE_CHECKING:\n"
    for module in LAZY_MODULES:
        out += f"    from {module} import {', '.join(modules[module])}\n"
    exported = sorted([*taken, *schemas])
    out += "\n__all__ = [" + ", ".join(f'"{name}"' for name in exported) + "]\n"
    lazy = {name: module for module in LAZY_MODULES for name in modules[module]}
    out += "\n_LAZY = {" + ", ".join(f'"{n}": "{m}"' for n, m in sorted(lazy.items())) + "}\n"
    out += '"""The module of each name imported on first use."""\n\n\n' + _lazy_getattr(
        "_LAZY",
        "importlib.import_module(module, __name__)",
        '    if name == "models":  # `appointments.models` before anything imported it\n'
        '        return importlib.import_module(".models", __name__)\n',
    )
    return out


def _lazy_getattr(table: str, imported: str, first: str = "") -> str:
    """A module's ``__getattr__`` and ``__dir__`` importing each name of ``table`` on first use."""
    return (
        "def __getattr__(name: str) -> object:\n"
        f"{first}"
        f"    module = {table}.get(name)\n"
        "    if module is None:\n"
        '        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")\n'
        f"    value = getattr({imported}, name)\n"
        "    globals()[name] = value\n"
        "    return value\n\n\n"
        "def __dir__() -> list[str]:\n"
        "    return sorted([*globals(), *__all__])\n"
    )


def _render_resources_package(tags: list[Any]) -> str:
    out = HEADER + (
        '"""One module per API tag, each with its sync and async resource classes.\n\n'
        "A module is imported when one of its classes is first asked for, so that importing the\n"
        'package costs nothing until then (type checkers see the imports).\n"""\n\n'
        "from __future__ import annotations\n\n"
        "import importlib\n"
        "from typing import TYPE_CHECKING\n\n"
        "if TYPE_CHECKING:\n"
    )
    modules: dict[str, str] = {}
    for tag in tags:
        classes = sorted(resource_class(tag.name, flavour) for flavour in FLAVOURS)
        modules |= dict.fromkeys(classes, tag.name)
        out += f"    from .{tag.name} import {', '.join(classes)}\n"
    out += "\n__all__ = [" + ", ".join(f'"{name}"' for name in sorted(modules)) + "]\n"
    out += "\n_MODULES = {" + ", ".join(f'"{n}": "{m}"' for n, m in sorted(modules.items())) + "}\n"
    out += '"""The module of each class."""\n\n\n' + _lazy_getattr(
        "_MODULES", 'importlib.import_module(f"{__name__}.{module}")'
    )
    return out


def _format(files: dict[Path, str]) -> dict[Path, str]:
    """Fix and format like the repository's ruff settings would: two ruff runs for all files."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for path, text in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
        for command in (["check", "--fix-only", "--exit-zero", "--quiet"], ["format", "--quiet"]):
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "ruff",
                    *command,
                    "--config",
                    str(REPO_ROOT / "pyproject.toml"),
                    ".",
                ],
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise RuntimeError(f"ruff {command[0]} failed:\n{result.stdout}{result.stderr}")
        return {path: (root / path).read_text(encoding="utf-8") for path in sorted(files)}
