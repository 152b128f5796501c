"""Validate every example in an OpenAPI 3.1 document against its schema (JSON Schema 2020-12).

Examples live in media types (request bodies, responses), parameters and headers (`example` or a map
of `examples`, each inline or a `$ref` to `components/examples`), and inside schemas (`example`, and
the JSON Schema `examples` array). Each is validated with format checks, resolving `$ref`s within the
document. Problem examples of error responses must also carry that response's status and one of its
`x-problem-codes`, so the documented codes and the examples cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from codegen._pointers import join, resolve_pointer

_BASE_URI = "urn:openapi-document"
_SCHEMA_KEYWORDS_ONE = ("items", "additionalProperties", "not", "if", "then", "else", "contains")
_SCHEMA_KEYWORDS_MANY = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_KEYWORDS_MAP = ("properties", "$defs", "patternProperties", "dependentSchemas")


@dataclass(frozen=True)
class ExampleSite:
    """One example and the schema it must satisfy."""

    pointer: str  # where the example is used
    source: str  # where its value is written (differs for `$ref`s to components/examples)
    schema_pointer: str
    value: Any
    status: str | None = None  # for examples of responses: the HTTP status
    problem_codes: tuple[str, ...] | None = None  # the response's x-problem-codes, if any
    check_schema: bool = True  # False where a shared example is revisited for consistency only


@dataclass(frozen=True)
class ExampleResult:
    """How many examples were checked and what is wrong with them."""

    checked: int
    problems: tuple[str, ...]


def validate_examples(document: dict[str, Any]) -> ExampleResult:
    """Validate every example of the document; a problem is `<pointer>: <message>`."""
    registry: Registry[Any] = Registry().with_resource(
        _BASE_URI, DRAFT202012.create_resource(document)
    )
    problems: list[str] = []
    sites = list(_sites(document, problems))
    # A shared example that is wrong is wrong at every use: report it once, with the number of uses.
    found: dict[tuple[str, str], list[str]] = {}
    checked = 0
    validators: dict[str, Draft202012Validator] = {}
    for site in sites:
        for message in _problem_consistency(site):
            found.setdefault((site.source, message), []).append(site.pointer)
        if not site.check_schema:
            continue
        checked += 1
        validator = validators.get(site.schema_pointer)
        if validator is None:
            ref = f"{_BASE_URI}#{quote(site.schema_pointer, safe='/~')}"
            validator = Draft202012Validator(
                {"$ref": ref}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
            )
            validators[site.schema_pointer] = validator
        for error in sorted(validator.iter_errors(site.value), key=lambda e: list(e.absolute_path)):
            at = "/" + "/".join(str(p) for p in error.absolute_path) if error.absolute_path else ""
            message = error.message + (f" at {at}" if at else "")
            found.setdefault((site.source, message), []).append(site.pointer)
    for (source, message), uses in found.items():
        where = source if source.startswith(uses[0]) else f"{uses[0]} (example {source})"
        more = f" (and {len(uses) - 1} more uses)" if len(uses) > 1 else ""
        problems.append(f"{where}: {message}{more}")
    return ExampleResult(checked=checked, problems=tuple(problems))


def _problem_consistency(site: ExampleSite) -> list[str]:
    if site.problem_codes is None or not isinstance(site.value, dict):
        return []
    out = []
    code = site.value.get("code")
    if code not in site.problem_codes:
        out.append(f"code {code!r} is not in x-problem-codes {list(site.problem_codes)}")
    status = site.value.get("status")
    if site.status and site.status.isdigit() and status != int(site.status):
        out.append(f"status {status!r} differs from the response status {site.status}")
    return out


def _sites(document: dict[str, Any], problems: list[str]) -> Iterator[ExampleSite]:
    components = document.get("components") or {}
    for name, schema in (components.get("schemas") or {}).items():
        yield from _schema_sites(schema, join("", "components", "schemas", name))
    for kind in ("parameters", "headers"):
        for name, node in (components.get(kind) or {}).items():
            yield from _holder_sites(document, node, join("", "components", kind, name), problems)
    for name, node in (components.get("requestBodies") or {}).items():
        yield from _content_sites(
            document, node, join("", "components", "requestBodies", name), problems
        )
    for name, node in (components.get("responses") or {}).items():
        yield from _response_sites(
            document, node, join("", "components", "responses", name), None, problems
        )
    for path, item in (document.get("paths") or {}).items():
        item_pointer = join("", "paths", path)
        if not isinstance(item, dict):
            continue
        for i, param in enumerate(item.get("parameters") or []):
            yield from _holder_sites(document, param, join(item_pointer, "parameters", i), problems)
        for method, op in item.items():
            if method.startswith("x-") or not isinstance(op, dict) or method == "parameters":
                continue
            op_pointer = join(item_pointer, method)
            for i, param in enumerate(op.get("parameters") or []):
                yield from _holder_sites(
                    document, param, join(op_pointer, "parameters", i), problems
                )
            if isinstance(op.get("requestBody"), dict):
                yield from _content_sites(
                    document, op["requestBody"], join(op_pointer, "requestBody"), problems
                )
            for status, response in (op.get("responses") or {}).items():
                yield from _response_sites(
                    document, response, join(op_pointer, "responses", status), str(status), problems
                )


def _response_sites(
    document: dict[str, Any], node: Any, pointer: str, status: str | None, problems: list[str]
) -> Iterator[ExampleSite]:
    # A `$ref` to components/responses is validated where it is defined; the status and the
    # x-problem-codes only make sense where it is used, so follow it for those checks only.
    if not isinstance(node, dict):
        return
    if "$ref" in node:
        target_pointer = str(node["$ref"])[1:]
        target = resolve_pointer(document, target_pointer)
        for site in _response_sites(document, target, target_pointer, status, []):
            if site.problem_codes is not None:
                yield ExampleSite(
                    pointer,
                    site.source,
                    site.schema_pointer,
                    site.value,
                    status,
                    site.problem_codes,
                    check_schema=False,
                )
        return
    for name, header in (node.get("headers") or {}).items():
        yield from _holder_sites(document, header, join(pointer, "headers", name), problems)
    codes = node.get("x-problem-codes")
    for site in _content_sites(document, node, pointer, problems):
        problem_media = site.schema_pointer.endswith("/content/application~1problem+json/schema")
        if status is not None and status[:1] in "45" and problem_media and isinstance(codes, list):
            yield ExampleSite(
                site.pointer,
                site.source,
                site.schema_pointer,
                site.value,
                status,
                tuple(str(c) for c in codes),
                site.check_schema,
            )
        else:
            yield site


def _content_sites(
    document: dict[str, Any], node: Any, pointer: str, problems: list[str]
) -> Iterator[ExampleSite]:
    if not isinstance(node, dict) or "$ref" in node:
        return
    for media_type, media in (node.get("content") or {}).items():
        yield from _holder_sites(document, media, join(pointer, "content", media_type), problems)


def _holder_sites(
    document: dict[str, Any], node: Any, pointer: str, problems: list[str]
) -> Iterator[ExampleSite]:
    """Examples of a media type, parameter or header object, checked against its `schema`."""
    if not isinstance(node, dict) or "$ref" in node:
        return  # a $ref is checked where it is defined
    if "content" in node and "schema" not in node:  # a parameter or header with `content`
        yield from _content_sites(document, node, pointer, problems)
        return
    if "schema" not in node:
        return
    schema_pointer = join(pointer, "schema")
    yield from _schema_sites(node["schema"], schema_pointer)
    if "example" in node:
        yield ExampleSite(
            join(pointer, "example"), join(pointer, "example"), schema_pointer, node["example"]
        )
    for name, example in (node.get("examples") or {}).items():
        at = join(pointer, "examples", name)
        source = at
        if isinstance(example, dict) and "$ref" in example:
            source = str(example["$ref"])[1:]
            example = resolve_pointer(document, source)
        if not isinstance(example, dict):
            problems.append(f"{at}: the example {source} does not exist")
        elif "value" in example:
            yield ExampleSite(at, join(source, "value"), schema_pointer, example["value"])
        elif "externalValue" in example:
            problems.append(f"{at}: externalValue examples are not supported; inline the value")


def _schema_sites(schema: Any, pointer: str) -> Iterator[ExampleSite]:
    """`example` and `examples` written inside a schema, checked against that schema."""
    if not isinstance(schema, dict):
        return
    if "example" in schema:
        yield ExampleSite(
            join(pointer, "example"), join(pointer, "example"), pointer, schema["example"]
        )
    if isinstance(schema.get("examples"), list):
        for i, value in enumerate(schema["examples"]):
            yield ExampleSite(
                join(pointer, "examples", i), join(pointer, "examples", i), pointer, value
            )
    for key in _SCHEMA_KEYWORDS_ONE:
        yield from _schema_sites(schema.get(key), join(pointer, key))
    for key in _SCHEMA_KEYWORDS_MANY:
        for i, sub in enumerate(schema.get(key) or []):
            yield from _schema_sites(sub, join(pointer, key, i))
    for key in _SCHEMA_KEYWORDS_MAP:
        if isinstance(schema.get(key), dict):
            for name, sub in schema[key].items():
                yield from _schema_sites(sub, join(pointer, key, name))
