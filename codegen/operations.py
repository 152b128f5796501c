"""The operations of the spec, reduced to what the resource layer needs to know.

Pure data, no code generation: `resources.py` turns these into Python source.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass
from typing import Any, Literal

from .spec import ref_name, resolve

__all__ = ["Operation", "Param", "Tag", "read_operations", "read_tags", "text_method"]

HTTP_METHODS = ("get", "put", "post", "patch", "delete")

# Header parameters the SDK sets itself: `if_match=` and `idempotency_key=` keywords.
IF_MATCH = "If-Match"
IDEMPOTENCY_KEY = "Idempotency-Key"
RESERVED = frozenset({"self", "if_match", "idempotency_key", "extra_headers", "timeout"})


@dataclass(frozen=True)
class Param:
    """One argument of a generated method."""

    name: str
    """The name in the API (query parameter, path parameter or body field)."""
    python_name: str
    """The Python argument name (`from` becomes `from_`)."""
    annotation: str
    required: bool
    description: str
    is_array: bool = False
    """A list of values (a single value is accepted too, as a list of one)."""


@dataclass(frozen=True)
class Operation:
    operation_id: str
    tag: str
    verb: str
    method: str
    path: str
    summary: str
    description: str
    path_params: tuple[Param, ...]
    query_params: tuple[Param, ...]
    body_model: str | None
    body_params: tuple[Param, ...]
    if_match: bool
    idempotency_key: bool
    returns: Literal["model", "page", "empty", "text"]
    response_model: str | None
    """The response schema (the page schema for pages)."""
    item_model: str | None
    """For pages: the schema of the items."""
    accept: str | None = None
    """For `text`: the media type asked for (`text/calendar`)."""
    text_variants: tuple[str, ...] = ()
    """Other `text/*` media types of a JSON success response (`text/csv`): one more method each,
    `<verb>_<subtype>`, that asks for it and returns the text."""


@dataclass(frozen=True)
class Tag:
    name: str
    description: str


def python_name(name: str) -> str:
    """A safe Python identifier for an API name: Python keywords (`from`) get a trailing underscore."""
    ident = name.replace("-", "_")
    if keyword.iskeyword(ident):  # builtins such as `type` may be shadowed: only keywords clash
        ident += "_"
    if not ident.isidentifier():
        raise ValueError(f"cannot make a Python name from {name!r}")
    return ident


def read_tags(spec: dict[str, Any]) -> list[Tag]:
    """Every tag used by an operation, in the order of the spec's `tags` list."""
    declared = {t["name"]: t.get("description", "") for t in spec.get("tags", [])}
    used = {op.tag for op in read_operations(spec)}
    names = [name for name in declared if name in used]
    names += sorted(used - set(declared))
    return [Tag(name, declared.get(name, "")) for name in names]


def read_operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation of the spec, in document order."""
    operations = []
    for path, item in spec.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            if method in item:
                operations.append(_read_operation(spec, path, method, shared, item[method]))
    names = [(op.tag, op.verb) for op in operations]
    for op in operations:
        for media_type in op.text_variants:
            if (op.tag, text_method(op.verb, media_type)) in names:
                raise ValueError(
                    f"{op.operation_id}: its {media_type} method clashes with an operation"
                )
    return operations


def _read_operation(
    spec: dict[str, Any], path: str, method: str, shared: list[Any], op: dict[str, Any]
) -> Operation:
    operation_id = op["operationId"]
    tag, _, verb = operation_id.partition(".")
    if not verb or "." in verb or op.get("tags", [tag])[0] != tag:
        raise ValueError(f"{operation_id}: operationId must be '<tag>.<verb>' with its first tag")
    params = [resolve(spec, p) for p in [*shared, *op.get("parameters", [])]]
    by_location: dict[str, list[dict[str, Any]]] = {"path": [], "query": [], "header": []}
    for param in params:
        by_location.setdefault(param["in"], []).append(param)
    headers = {p["name"] for p in by_location["header"]}
    unknown_headers = headers - {IF_MATCH, IDEMPOTENCY_KEY}
    if unknown_headers or by_location.get("cookie"):
        raise ValueError(f"{operation_id}: unsupported parameters {sorted(unknown_headers)}")

    path_params = tuple(_param(spec, p, required=True) for p in by_location["path"])
    path_order = [segment[1:-1] for segment in path.split("/") if segment.startswith("{")]
    path_params = tuple(sorted(path_params, key=lambda p: path_order.index(p.name)))
    query_params = tuple(
        _param(spec, p, required=bool(p.get("required")), constraints=True)
        for p in by_location["query"]
    )
    body_model, body_params = _read_body(spec, operation_id, op.get("requestBody"))
    returns, response_model, item_model, media = _read_response(spec, operation_id, op["responses"])

    names = [p.python_name for p in (*path_params, *query_params, *body_params)]
    clashes = {n for n in names if names.count(n) > 1} | (set(names) & RESERVED)
    if clashes:
        raise ValueError(f"{operation_id}: argument names clash: {sorted(clashes)}")
    return Operation(
        operation_id=operation_id,
        tag=tag,
        verb=verb,
        method=method.upper(),
        path=path,
        summary=op.get("summary", "").strip(),
        description=op.get("description", "").strip(),
        path_params=path_params,
        query_params=query_params,
        body_model=body_model,
        body_params=body_params,
        if_match=IF_MATCH in headers,
        idempotency_key=method == "post",
        returns=returns,
        response_model=response_model,
        item_model=item_model,
        accept=media[0] if returns == "text" else None,
        text_variants=() if returns == "text" else media,
    )


def _read_body(
    spec: dict[str, Any], operation_id: str, body: dict[str, Any] | None
) -> tuple[str | None, tuple[Param, ...]]:
    if body is None:
        return None, ()
    body = resolve(spec, body)
    content = body.get("content", {})
    # The SDK sends application/json; other JSON media types (application/merge-patch+json)
    # are accepted beside it only if they take the very same schema.
    if "application/json" not in content or any(
        not media_type.endswith("+json")
        or entry.get("schema") != content["application/json"].get("schema")
        for media_type, entry in content.items()
        if media_type != "application/json"
    ):
        raise ValueError(
            f"{operation_id}: request bodies must be application/json "
            "(other +json media types only with the same schema)"
        )
    schema = content["application/json"]["schema"]
    model = ref_name(schema)
    if model is None:
        raise ValueError(f"{operation_id}: the request body must be a $ref to a component schema")
    target = resolve(spec, schema)
    required = set(target.get("required", []))
    params = tuple(
        Param(
            name=name,
            python_name=python_name(name),
            annotation=annotation(spec, prop),
            required=name in required,
            description=_description(spec, prop),
            is_array=_is_array(spec, prop),
        )
        for name, prop in target.get("properties", {}).items()
    )
    return model, params


def _read_response(
    spec: dict[str, Any], operation_id: str, responses: dict[str, Any]
) -> tuple[Literal["model", "page", "empty", "text"], str | None, str | None, tuple[str, ...]]:
    """What the first 2xx response gives, and its `text/*` media types (in document order).

    JSON (`application/json`) is parsed into models; a `text/*` media type is returned as `str`:
    as the result when it is the only one, else by a `<verb>_<subtype>` twin of the method.
    """
    by_code = {str(code): response for code, response in responses.items()}
    success = sorted(code for code in by_code if code.startswith("2"))
    if not success:
        raise ValueError(f"{operation_id}: no 2xx response")
    response = resolve(spec, by_code[success[0]])
    content = response.get("content")
    if not content:
        return "empty", None, None, ()
    texts = tuple(media for media in content if media.startswith("text/"))
    others = set(content) - {"application/json", *texts}
    if others:
        raise ValueError(f"{operation_id}: unsupported response media types {sorted(others)}")
    if "application/json" not in content:
        if len(texts) != 1:
            raise ValueError(f"{operation_id}: a response without JSON has one text/* media type")
        return "text", None, None, texts
    schema = content["application/json"].get("schema", {})
    model = ref_name(schema)
    if model is None:
        raise ValueError(f"{operation_id}: the response must be a $ref to a component schema")
    properties = resolve(spec, schema).get("properties", {})
    items = properties.get("items", {})
    if "next_page_token" in properties and items.get("type") == "array":
        item_model = ref_name(items.get("items", {}))
        if item_model is None:
            raise ValueError(f"{operation_id}: page items must be a $ref to a component schema")
        if texts:
            raise ValueError(f"{operation_id}: pages are JSON only")
        return "page", model, item_model, ()
    return "model", model, None, texts


def text_method(verb: str, media_type: str) -> str:
    """The name of the method that returns ``media_type`` as text: `appointments` -> `appointments_csv`."""
    return f"{verb}_{python_name(media_type.split('/', 1)[1].split(';')[0])}"


def _param(
    spec: dict[str, Any], param: dict[str, Any], *, required: bool, constraints: bool = False
) -> Param:
    schema = param.get("schema", {})
    return Param(
        name=param["name"],
        python_name=python_name(param["name"]),
        annotation=annotation(spec, schema, constraints=constraints),
        required=required,
        description=(param.get("description") or _description(spec, schema)).strip(),
        is_array=_is_array(spec, schema),
    )


def _is_array(spec: dict[str, Any], schema: dict[str, Any]) -> bool:
    types = resolve(spec, schema).get("type")
    return "array" in (types if isinstance(types, list) else [types])


def _description(spec: dict[str, Any], schema: dict[str, Any]) -> str:
    text = schema.get("description") or resolve(spec, schema).get("description") or ""
    return str(text).strip()


def annotation(spec: dict[str, Any], schema: dict[str, Any], *, constraints: bool = False) -> str:
    """The Python type of a parameter or body field with this schema.

    Enums accept their members or their values as string literals; ids accept `str` or `UUID`;
    date-times are `AwareDatetime` (a `datetime` for type checkers; naive ones are rejected);
    a list accepts a single value too (`Status | Sequence[Status]`).
    With `constraints`, bounds become `Field(...)` metadata checked at call time (body
    fields get theirs checked by their request model instead).
    """
    variants = schema.get("anyOf") or schema.get("oneOf")
    if variants:
        parts = [annotation(spec, v, constraints=constraints) for v in variants]
        return " | ".join(dict.fromkeys(parts))
    name = ref_name(schema)
    if name is not None:
        target = resolve(spec, schema)
        if "enum" in target:
            literals = ", ".join(repr(v) for v in target["enum"])
            return f"{name} | Literal[{literals}]"
        return name
    types = schema.get("type", "object")
    types = types if isinstance(types, list) else [types]
    parts = [_scalar(spec, schema, t, constraints) for t in types if t != "null"]
    if "null" in types:
        parts.append("None")
    return " | ".join(parts)


def _scalar(spec: dict[str, Any], schema: dict[str, Any], type_: str, constraints: bool) -> str:
    fmt = schema.get("format")
    if type_ == "string" and fmt == "date-time":
        return "AwareDatetime"
    if type_ == "string" and fmt == "uuid":
        return "str | UUID"
    if type_ == "array":
        item = annotation(spec, schema.get("items", {}), constraints=constraints)
        return f"{item} | {_constrained(f'Sequence[{item}]', schema, constraints)}"
    if type_ == "object":
        return "dict[str, Any]"
    base = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}[type_]
    return _constrained(base, schema, constraints)


def _constrained(base: str, schema: dict[str, Any], constraints: bool) -> str:
    if not constraints:
        return base
    keywords = {
        "minimum": "ge",
        "maximum": "le",
        "exclusiveMinimum": "gt",
        "exclusiveMaximum": "lt",
        "minLength": "min_length",
        "maxLength": "max_length",
        "minItems": "min_length",
        "maxItems": "max_length",
        "pattern": "pattern",
    }
    metadata = [f"{keyword}={schema[key]!r}" for key, keyword in keywords.items() if key in schema]
    return f"Annotated[{base}, Field({', '.join(metadata)})]" if metadata else base
