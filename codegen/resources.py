"""Render the SDK's resource layer and clients from the operations of the spec.

One template per construct, instantiated for four flavours: sync and async, each plain and
`with_raw_response`. Nothing here is written twice by hand; the flavours differ only in the
`async`/`await` keywords, the class names and the return types.
"""

from __future__ import annotations

from dataclasses import dataclass

from .operations import Operation, Param, Tag, text_method

__all__ = ["render_client_module", "render_resource_module", "resource_module_name"]


@dataclass(frozen=True)
class Flavour:
    is_async: bool
    raw: bool

    @property
    def prefix(self) -> str:
        return "Async" if self.is_async else ""

    @property
    def suffix(self) -> str:
        return "WithRawResponse" if self.raw else ""

    @property
    def core(self) -> str:
        return "AsyncAPIClient" if self.is_async else "SyncAPIClient"


FLAVOURS = (
    Flavour(is_async=False, raw=False),
    Flavour(is_async=False, raw=True),
    Flavour(is_async=True, raw=False),
    Flavour(is_async=True, raw=True),
)

IMPORTS = """\
from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, Field

from appointments._arguments import as_list, make_body, validate_arguments
from appointments._base_client import (
    AsyncAPIClient,
    RequestOptions,
    SyncAPIClient,
    model_parser,
    parse_empty,
    parse_text,
    path_param,
)
from appointments._pagination import AsyncPage, AsyncPaginator, SyncPage
from appointments._response import RawResponse
from appointments._types import NOT_GIVEN, Headers, IfMatch, NotGiven, Timeout
"""

STANDARD_ARGS = {
    "if_match": "The `ETag` you read (or its version, or the model itself); if the resource "
    "changed since, `PreconditionFailedError` is raised and nothing changes.",
    "idempotency_key": "Makes retries of this call safe; default: a new UUID per call, reused by "
    "the SDK's own retries.",
    "extra_headers": "Headers to add to this request.",
    "timeout": "Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.",
}


def class_stem(tag: str) -> str:
    """`cancellation_reasons` -> `CancellationReasons`."""
    return "".join(part.capitalize() for part in tag.split("_"))


def resource_class(tag: str, flavour: Flavour) -> str:
    return f"{flavour.prefix}{class_stem(tag)}Resource{flavour.suffix}"


def resource_module_name(tag: str) -> str:
    return tag


def _docstring(text: str, indent: str) -> str:
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').strip()
    lines = text.splitlines() or [""]
    if len(lines) == 1:
        return f'{indent}"""{lines[0]}"""\n'
    body = "\n".join(f"{indent}{line}".rstrip() for line in lines[1:])
    return f'{indent}"""{lines[0]}\n{body}\n{indent}"""\n'


def _method_doc(op: Operation) -> str:
    parts = [op.summary or op.operation_id]
    if op.description:
        parts.append(op.description)
    args = [
        (p.python_name, p.description) for p in (*op.path_params, *op.query_params, *op.body_params)
    ]
    if op.if_match:
        args.append(("if_match", STANDARD_ARGS["if_match"]))
    if op.idempotency_key:
        args.append(("idempotency_key", STANDARD_ARGS["idempotency_key"]))
    args += [(name, STANDARD_ARGS[name]) for name in ("extra_headers", "timeout")]
    lines = ["Args:"]
    for name, description in args:
        first, *rest = (description or "-").splitlines() or ["-"]
        lines.append(f"    {name}: {first}")
        lines += [f"        {line}" for line in rest]
    parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _signature(op: Operation) -> list[str]:
    args = ["self"]
    args += [f"{p.python_name}: {p.annotation}" for p in op.path_params]
    args.append("*")
    keyword_params: list[Param] = [*op.query_params, *op.body_params]
    for p in keyword_params:
        if p.required:
            args.append(f"{p.python_name}: {p.annotation}")
        else:
            args.append(f"{p.python_name}: {p.annotation} | NotGiven = NOT_GIVEN")
    if op.if_match:
        args.append("if_match: IfMatch | NotGiven = NOT_GIVEN")
    if op.idempotency_key:
        args.append("idempotency_key: str | NotGiven = NOT_GIVEN")
    args += ["extra_headers: Headers | None = None", "timeout: Timeout | NotGiven = NOT_GIVEN"]
    return args


def _options(op: Operation, accept: str | None = None) -> str:
    path = op.path
    for p in op.path_params:
        path = path.replace("{" + p.name + "}", "{path_param(" + p.python_name + ")}")
    lines = [f'"{op.method}"', f'f"{path}"' if op.path_params else f'"{path}"']
    if op.query_params:
        items = ", ".join(f'"{p.name}": {p.python_name}' for p in op.query_params)
        lines.append(f"query={{{items}}}")
    if op.body_model:
        items = ", ".join(
            f'"{p.name}": as_list({p.python_name})'
            if p.is_array
            else f'"{p.name}": {p.python_name}'
            for p in op.body_params
        )
        lines.append(f"body=make_body({op.body_model}, {{{items}}})")
    if op.if_match:
        lines.append("if_match=if_match")
    if op.idempotency_key:
        lines.append("idempotency_key=idempotency_key")
    accept = accept or op.accept
    if accept:
        lines.append(f'accept="{accept}"')
    lines += ["extra_headers=extra_headers", "timeout=timeout"]
    return "options = RequestOptions.build(" + ", ".join(lines) + ",)"


def _call(op: Operation, flavour: Flavour, returns: str) -> tuple[str, str, bool]:
    """The return annotation, the call expression, and whether it is awaited."""
    page = "AsyncPage" if flavour.is_async else "SyncPage"
    if flavour.raw:
        parser, result = {
            "model": (f"model_parser({op.response_model})", op.response_model),
            "page": (
                f"self._client._page_parser(options, {op.response_model})",
                f"{page}[{op.item_model}]",
            ),
            "empty": ("parse_empty", "None"),
            "text": ("parse_text", "str"),
        }[returns]
        return (
            f"RawResponse[{result}]",
            f"self._client._request_raw(options, {parser})",
            flavour.is_async,
        )
    if returns == "text":
        return "str", "self._client._request_text(options)", flavour.is_async
    if returns == "model":
        call = f"self._client._request(options, {op.response_model})"
        return str(op.response_model), call, flavour.is_async
    if returns == "page":
        paginated = "AsyncPaginator" if flavour.is_async else "SyncPage"
        call = f"self._client._request_page(options, {op.response_model})"
        # Not awaited even in the async client: the paginator is awaitable (first page) and
        # async-iterable (all items).
        return f"{paginated}[{op.item_model}]", call, False
    return "None", "self._client._request_empty(options)", flavour.is_async


def render_method(op: Operation, flavour: Flavour, text: str | None = None) -> str:
    """The method of ``op``; with ``text`` (a media type), its twin that returns that text."""
    kind = "text" if text else op.returns
    returns, call, awaited = _call(op, flavour, kind)
    keyword = "async def" if awaited else "def"
    statement = f"await {call}" if awaited else call
    if kind != "empty" or flavour.raw:
        statement = f"return {statement}"
    name = text_method(op.verb, text) if text else op.verb
    doc = _method_doc(op)
    if text:
        doc = (
            f"{op.summary or op.operation_id}, as `{text}` text.\n\n"
            f"The same request as `{op.verb}`, asking for `Accept: {text}`; returns the body as "
            "a string.\n\n" + doc.split("\n\n", 1)[-1]
        )
    return (
        "    @validate_arguments\n"
        f"    {keyword} {name}({', '.join(_signature(op))},) -> {returns}:\n"
        + _docstring(doc, "        ")
        + f"        {_options(op, text)}\n"
        f"        {statement}\n"
    )


def render_resource_class(tag: Tag, ops: list[Operation], flavour: Flavour) -> str:
    name = resource_class(tag.name, flavour)
    doc = tag.description or f"Operations tagged `{tag.name}`."
    if flavour.raw:
        doc += "\n\nEach method returns a `RawResponse` (status, headers) whose `.parse()` gives the result."
    out = f"class {name}:\n" + _docstring(doc, "    ")
    out += f"\n    def __init__(self, client: {flavour.core}) -> None:\n        self._client = client\n"
    if not flavour.raw:
        raw = resource_class(tag.name, Flavour(flavour.is_async, raw=True))
        out += (
            "\n    @cached_property\n"
            f"    def with_raw_response(self) -> {raw}:\n"
            '        """The same methods, returning the raw response (status, headers) to `.parse()`."""\n'
            f"        return {raw}(self._client)\n"
        )
    for op in ops:
        out += "\n" + render_method(op, flavour)
        for media_type in op.text_variants:
            out += "\n" + render_method(op, flavour, media_type)
    return out


def render_resource_module(header: str, tag: Tag, ops: list[Operation]) -> str:
    used = {m for op in ops for m in (op.body_model, op.response_model, op.item_model) if m}
    for op in ops:
        for p in (*op.path_params, *op.query_params, *op.body_params):
            used |= _names(p.annotation)
    names = sorted(used)
    out = header + f'"""The `{tag.name}` operations, sync and async."""\n\n' + IMPORTS
    if names:
        out += f"from appointments.models import {', '.join(names)}\n"
    out += "\n__all__ = [" + ", ".join(f'"{resource_class(tag.name, f)}"' for f in FLAVOURS) + "]\n"
    for flavour in FLAVOURS:
        out += "\n\n" + render_resource_class(tag, ops, flavour)
    return out


def _names(annotation: str) -> set[str]:
    """Capitalized identifiers in an annotation that are models (not typing helpers)."""
    builtin = {"Annotated", "Any", "AwareDatetime", "Field", "Literal", "None", "Sequence", "UUID"}
    words = set()
    for token in (
        annotation.replace("[", " ").replace("]", " ").replace("|", " ").replace(",", " ").split()
    ):
        if token[:1].isupper() and token.isidentifier() and token not in builtin:
            words.add(token)
    return words


CLIENT_DOC = {
    False: """The synchronous client of the Appointments API.

Args:
    api_key: Bearer API key; default: the `APPOINTMENTS_API_KEY` environment variable.
    signing_key: Sign every request instead (RFC 9421, hmac-sha256): a `SigningKey(key_id,
        secret)`; each attempt is signed anew. Not together with `api_key`.
    base_url: default: `APPOINTMENTS_BASE_URL`, else the local mock `http://127.0.0.1:8080/v1`.
    timeout: Seconds or an `httpx2.Timeout` (a legacy `httpx.Timeout` too); default 30 s (5 s
        to connect). Never None.
    max_retries: Retries of failed attempts (connection errors, timeouts, 408, 429, 5xx,
        a 409 idempotency-key-in-use); default 2.
    default_headers: Headers sent with every request.
    http_client: An `httpx2.Client` to send with (proxies, transports, event hooks), or a
        legacy `httpx.Client` (e.g. for respx); it is not closed by `close()`.
    webhook_secret: The `whsec_` secret `client.webhooks` verifies with; default:
        `APPOINTMENTS_WEBHOOK_SECRET`.

Use it as a context manager, or call `close()`, to release its connections.""",
    True: """The asynchronous client of the Appointments API.

Args:
    api_key: Bearer API key; default: the `APPOINTMENTS_API_KEY` environment variable.
    signing_key: Sign every request instead (RFC 9421, hmac-sha256): a `SigningKey(key_id,
        secret)`; each attempt is signed anew. Not together with `api_key`.
    base_url: default: `APPOINTMENTS_BASE_URL`, else the local mock `http://127.0.0.1:8080/v1`.
    timeout: Seconds or an `httpx2.Timeout` (a legacy `httpx.Timeout` too); default 30 s (5 s
        to connect). Never None.
    max_retries: Retries of failed attempts (connection errors, timeouts, 408, 429, 5xx,
        a 409 idempotency-key-in-use); default 2.
    default_headers: Headers sent with every request.
    http_client: An `httpx2.AsyncClient` to send with, or a legacy `httpx.AsyncClient`; it is
        not closed by `aclose()`.
    webhook_secret: The `whsec_` secret `client.webhooks` verifies with; default:
        `APPOINTMENTS_WEBHOOK_SECRET`.

Use it with `async with`, or call `aclose()`, to release its connections.""",
}


def render_client_module(header: str, tags: list[Tag]) -> str:
    """The clients. Each resource module is imported when its attribute is first used, so that
    `import appointments` does not pay for every resource (type checkers see the imports)."""
    out = (
        header + '"""The clients: one attribute per API tag, in a sync and an async flavour.\n\n'
        "Each resource module is imported on first use of its attribute (`client.appointments`).\n"
        '"""\n\n'
    )
    out += "from __future__ import annotations\n\nfrom functools import cached_property\n"
    out += "from typing import TYPE_CHECKING\n\n"
    out += "from appointments._base_client import AsyncAPIClient, SyncAPIClient\n"
    out += "\nif TYPE_CHECKING:\n"
    out += "    from appointments._webhooks import Webhooks\n"
    for tag in tags:
        classes = sorted(resource_class(tag.name, f) for f in FLAVOURS)
        out += f"    from appointments.resources.{resource_module_name(tag.name)} import {', '.join(classes)}\n"
    out += '\n__all__ = ["AppointmentsClient", "AsyncAppointmentsClient"]\n'

    def lazy(cls: str, module: str, arg: str, doc: str | None) -> str:
        body = _docstring(doc, "        ") if doc is not None else ""
        return (
            body
            + f"        from appointments.{module} import {cls}\n\n"
            + f"        return {cls}({arg})\n"
        )

    for is_async in (False, True):
        prefix = "Async" if is_async else ""
        core = "AsyncAPIClient" if is_async else "SyncAPIClient"
        raw_name = f"{prefix}AppointmentsClientWithRawResponse"
        out += f"\n\nclass {prefix}AppointmentsClient({core}):\n" + _docstring(
            CLIENT_DOC[is_async], "    "
        )
        for tag in tags:
            cls = resource_class(tag.name, Flavour(is_async, raw=False))
            module = f"resources.{resource_module_name(tag.name)}"
            out += f"\n    @cached_property\n    def {tag.name}(self) -> {cls}:\n" + lazy(
                cls, module, "self", tag.description or tag.name
            )
        out += "\n    @cached_property\n    def webhooks(self) -> Webhooks:\n" + lazy(
            "Webhooks",
            "_webhooks",
            "self.webhook_secret",
            "Verify and parse the webhooks the API sends (`unwrap`, `verify_signature`),\n"
            "with this client's `webhook_secret` (default `APPOINTMENTS_WEBHOOK_SECRET`).",
        )
        out += (
            f"\n    @cached_property\n    def with_raw_response(self) -> {raw_name}:\n"
            '        """Every method, returning the raw response (status, headers) to `.parse()`."""\n'
            f"        return {raw_name}(self)\n"
        )
        out += (
            f"\n\nclass {raw_name}:\n"
            f'    """The resources of `{prefix}AppointmentsClient`, returning raw responses."""\n\n'
            f"    def __init__(self, client: {core}) -> None:\n        self._client = client\n"
        )
        for tag in tags:
            cls = resource_class(tag.name, Flavour(is_async, raw=True))
            module = f"resources.{resource_module_name(tag.name)}"
            out += f"\n    @cached_property\n    def {tag.name}(self) -> {cls}:\n" + lazy(
                cls, module, "self._client", None
            )
    return out
