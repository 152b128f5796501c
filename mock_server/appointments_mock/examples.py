"""Answers from the spec's own examples: for operations without rules yet, and on request.

An operation in ``openapi.yaml`` that has no handler in ``handlers/`` is still served: requests
are authenticated and validated as usual, and the answer is the operation's documented success
response (the first 2xx in status order, its first example). So a new operation is served the
moment it is in the spec, before anyone writes its rules, as Prism would; an operation with no
such example answers 501 ``not-implemented``.

Any request may also ask for a documented answer with RFC 7240 ``Prefer`` (Prism's syntax):
``Prefer: code=404``, ``Prefer: example=deleted``, or both (``code=410, example=deleted``). A
preference wins over the rules: once the request is authenticated and valid, the named answer is
sent and the rules do not run, so nothing changes. A preference for an answer the spec does not
document is a 400. Every such answer carries ``X-Mock-Source: example`` (and
``Preference-Applied`` when asked for); it is checked against the spec like any other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.responses import Response

from appointments_mock._request import request_state
from appointments_mock.errors import ProblemError
from appointments_mock.validation import validation_problem

SOURCE_HEADER = "X-Mock-Source"
_PREFERENCE = re.compile(r'^\s*([A-Za-z-]+)\s*=\s*("?)([^",;]*)\2\s*$')


@dataclass(frozen=True, slots=True)
class Example:
    """One documented answer: a status, a media type and a body (None: no content)."""

    status: int
    name: str
    media_type: str | None
    body: Any
    headers: dict[str, Any]  # the response's header definitions


def _examples_of(status: int, response: dict[str, Any]) -> list[Example]:
    headers = response.get("headers") or {}
    content = response.get("content") or {}
    if not content:
        return [Example(status, "", None, None, headers)]
    found = []
    for media_type, entry in content.items():
        if not isinstance(entry, dict):
            continue
        for name, example in (entry.get("examples") or {}).items():
            if isinstance(example, dict) and "value" in example:
                found.append(Example(status, name, media_type, example["value"], headers))
        if "example" in entry:
            found.append(Example(status, "example", media_type, entry["example"], headers))
    return found


class ExampleAnswers:
    """The documented answers of every operation of a spec (its ``$ref``s resolved)."""

    def __init__(self, resolved_spec: dict[str, Any]) -> None:
        self._answers: dict[str, list[Example]] = {}
        for item in (resolved_spec.get("paths") or {}).values():
            for operation in item.values():
                if not isinstance(operation, dict) or "operationId" not in operation:
                    continue
                answers: list[Example] = []
                for status, response in sorted((operation.get("responses") or {}).items()):
                    if str(status).isdigit() and isinstance(response, dict):
                        answers += _examples_of(int(status), response)
                self._answers[str(operation["operationId"])] = answers

    def success(self, operation_id: str) -> Example | None:
        """The answer served when there are no rules: the first 2xx example."""
        return next((a for a in self._answers.get(operation_id, []) if 200 <= a.status < 300), None)

    def listed(self, operation_id: str) -> str:
        """The documented answers, for a problem's detail (``200 (appointment), 404 (...)``)."""
        return ", ".join(
            f"{a.status} ({a.name})" if a.name else str(a.status)
            for a in self._answers.get(operation_id, [])
        )

    def preferred(self, operation_id: str, prefer: str | None) -> Example | None:
        """The answer a ``Prefer`` header asks for, None if it asks for none (400 if undocumented)."""
        wanted = parse_prefer(prefer)
        if not wanted:
            return None
        code, name = wanted.get("code"), wanted.get("example")
        for answer in self._answers.get(operation_id, []):
            if (code is None or str(answer.status) == code) and (
                name is None or answer.name == name
            ):
                return answer
        asked = ", ".join(f"{k}={v}" for k, v in wanted.items())
        raise validation_problem(
            [
                {
                    "detail": f"No documented response matches {asked}; documented: "
                    f"{self.listed(operation_id) or 'none'}.",
                    "header": "Prefer",
                }
            ]
        )

    def handler(self, operation_id: str) -> Callable[..., Coroutine[Any, Any, Response]]:
        """The handler of an operation without rules: its success example."""

        async def from_examples(**_: Any) -> Response:
            answer = self.success(operation_id)
            if answer is None:
                raise ProblemError(
                    501,
                    "not-implemented",
                    "Not implemented by the mock",
                    f"{operation_id} has no rules in the mock and no 2xx example in the spec.",
                )
            return response_for(answer)

        from_examples.__name__ = operation_id.rsplit(".", 1)[-1]
        return from_examples


def parse_prefer(value: str | None) -> dict[str, str]:
    """The ``code`` and ``example`` preferences of a ``Prefer`` header (others are ignored)."""
    if not value:
        return {}
    found: dict[str, str] = {}
    for part in value.split(","):
        for token in part.split(";"):
            match = _PREFERENCE.match(token)
            if match and match.group(1).lower() in ("code", "example"):
                found.setdefault(match.group(1).lower(), match.group(3).strip())
    return found


def _header_value(name: str, definition: dict[str, Any], body: Any) -> str | None:
    """A value for a required response header: its example, else one that fits the answer."""
    schema = definition.get("schema") or {}
    for source in (definition, schema):
        if "example" in source:
            return str(source["example"])
        if source.get("examples"):
            return str(source["examples"][0])
    lower = name.lower()
    if lower == "etag" and isinstance(body, dict) and "version" in body:
        return f'"{body["version"]}"'
    if lower == "location" and isinstance(body, dict) and "id" in body:
        return f"{request_state().instance}/{body['id']}"
    if schema.get("enum"):
        return str(schema["enum"][0])
    if schema.get("type") == "integer":
        return str(schema.get("minimum", 0))
    return None


def response_for(answer: Example, preference: str | None = None) -> Response:
    """The response of a documented answer, marked as coming from the spec's examples."""
    body = answer.body
    state = request_state()
    if answer.media_type == "application/problem+json" and isinstance(body, dict):
        body = {**body, "instance": state.instance, "request_id": state.request_id}
    headers = {SOURCE_HEADER: "example"}
    if preference:
        headers["Preference-Applied"] = preference
    for name, definition in answer.headers.items():
        if isinstance(definition, dict) and definition.get("required"):
            value = _header_value(name, definition, body)
            if value is not None:
                headers[name] = value
    if answer.media_type is None:
        return Response(status_code=answer.status, headers=headers)
    return Response(orjson.dumps(body), answer.status, headers, media_type=answer.media_type)


def preference_applied(prefer: str | None) -> str:
    """The ``Preference-Applied`` value for the preferences honoured."""
    return ", ".join(f"{k}={v}" for k, v in parse_prefer(prefer).items())


async def no_handler(**_: Any) -> Response:
    """What the resolver gives an operation that has no handler (replaced by its examples)."""
    raise RuntimeError("an operation without a handler is served from its examples")


def honouring_preferences(
    answers: ExampleAnswers,
    operation_id: str,
    function: Callable[..., Coroutine[Any, Any, Response]],
) -> Callable[..., Coroutine[Any, Any, Response]]:
    """``function``, unless the request prefers a documented answer (then that, rules unrun)."""

    @functools.wraps(function)  # Connexion reads the arguments off the wrapped function
    async def run(**kwargs: Any) -> Response:
        prefer = request_state().headers.get("prefer")
        answer = answers.preferred(operation_id, prefer) if prefer else None
        if answer is not None:
            return response_for(answer, preference_applied(prefer))
        return await function(**kwargs)

    return run
