"""The base classes of the generated models, and how they stay forward compatible.

A server newer than this SDK may add fields to a response or new values to an enum (say an
appointment `status` of `"no_show"`). Parsing such a response must not fail, and nothing the server
sent may be lost. A request, on the other hand, should fail on the caller's machine, before it is
sent, when it carries a field or an enum value this SDK does not know. Both rules hold for the same
classes (`RepeatRule` is part of a request and of a response), so the difference is made by *where*
validation happens, not by the class:

* Responses are parsed inside `lenient()`, a context variable set only by the SDK's own response
  parsing. There, unknown fields are kept (`model.model_extra`, or as attributes) and an unknown
  enum value becomes a pseudo-member of its enum: `isinstance(status, Status)` holds,
  `status.value == "no_show"`, `status == "no_show"`, and it is not one of the declared members,
  so a `match` on the members falls through to its default case.
* Everywhere else (request bodies built by the SDK, models built by the caller, and
  `Appointment.model_validate(...)`) an unknown field or enum value is a validation error.

`parse(Appointment, data)` is the same lenient parsing for data that did not come through a call
(a stored webhook payload, a cached response): it is what the client itself does with a response
body, so a model parsed later from the same JSON is the same model.

The generated modules import `StrEnum` from here (datamodel-code-generator's `--import-overrides`)
and derive every model from `APIModel` (`--base-class`), so the generated code stays untouched.

`response_validator(cls)` is how responses are parsed: the class's own compiled core schema without
its check for unknown fields, which is a Python call per model (45 for a page of 20 appointments)
that could only pass there, since responses are parsed in `lenient()`. It builds instances of the
same classes, so a parsed response is indistinguishable from one parsed by `model_validate_json`.
"""

from __future__ import annotations

import enum
from contextvars import ContextVar
from functools import cache
from typing import Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import SchemaValidator

__all__ = ["APIModel", "StrEnum", "lenient", "parse", "response_validator"]

_LENIENT: ContextVar[bool] = ContextVar("appointments_lenient", default=False)


class _Lenient:
    """The context manager of `lenient()` (a class: cheaper than a generator, once per response)."""

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        self._token = _LENIENT.set(True)

    def __exit__(self, *exc_info: object) -> None:
        _LENIENT.reset(self._token)


def lenient() -> _Lenient:
    """Parse server data: keep unknown fields and unknown enum values instead of failing."""
    return _Lenient()


class StrEnum(enum.StrEnum):
    """A string enum that accepts values it does not declare, but only in server responses."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not (_LENIENT.get() and isinstance(value, str)):
            return None
        # A pseudo-member, as enum.Flag makes for combined values: an instance of the enum that is
        # not registered among its members.
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member


class APIModel(BaseModel):
    """Base of every generated model: extra fields are allowed in responses, rejected elsewhere.

    Each model's validator is built on its first use, not when `appointments` is imported
    (`defer_build`): importing the SDK does not pay for building all its models.
    """

    model_config = ConfigDict(extra="allow", defer_build=True)

    @model_validator(mode="after")
    def _reject_unknown_fields_outside_responses(self) -> Self:
        if self.model_extra and not _LENIENT.get():
            names = ", ".join(sorted(self.model_extra))
            raise ValueError(f"unknown field(s) for {type(self).__name__}: {names}")
        return self


_CHECK_NAME = APIModel._reject_unknown_fields_outside_responses.__name__


@cache
def response_validator(cls: type[BaseModel]) -> SchemaValidator:
    """A compiled validator of `cls` for responses (to be used inside `lenient()`)."""
    # Models are built on first use (`defer_build`, which keeps `import appointments` cheap):
    # build this one now, as its first validation would.
    cls.model_rebuild()
    # Each model node of the core schema carries its own config, as in the class's validator.
    return SchemaValidator(_without_check(cls.__pydantic_core_schema__))


def _without_check(node: Any) -> Any:
    """A copy of a core schema without `APIModel`'s check for unknown fields (dicts, lists copied)."""
    if isinstance(node, dict):
        function = node.get("function")
        if (
            node.get("type") == "function-after"
            and isinstance(function, dict)
            and getattr(function.get("function"), "__name__", None) == _CHECK_NAME
        ):
            inner = _without_check(node["schema"])
            return {**inner, "ref": node["ref"]} if "ref" in node else inner
        return {key: _without_check(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_without_check(value) for value in node]
    return node


M = TypeVar("M", bound=BaseModel)


def parse(model: type[M], data: str | bytes | bytearray | object) -> M:
    """Parse server data outside a call as the client parses responses: leniently.

    `data` is JSON text (`str`, `bytes`) or what `json.loads` made of it. Fields and enum values
    of a newer server are kept, as in a response (`model_extra`; a `Status` whose `.value` is the
    new string), in nested models too. Data that does not fit the model otherwise (a missing
    field, a naive datetime) raises `pydantic.ValidationError`. Use it for stored webhook
    payloads (`parse_event` for an event of any type), cached responses, or fixtures;
    `Model.model_validate` stays strict, as for data you build yourself.
    """
    validator = response_validator(model)
    with lenient():
        if isinstance(data, str | bytes | bytearray):
            parsed: M = validator.validate_json(data)
        else:
            parsed = validator.validate_python(data)
    return parsed
