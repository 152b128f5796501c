"""The arguments of generated methods: checked before anything is sent, with short messages.

Every generated method is wrapped in `validate_arguments`: its arguments are checked against the
method's annotations (pydantic's `validate_call`), and its body fields, by `make_body`, against
the request model (bounds, lengths, rules across fields). Either failure is raised as
`InvalidArgumentError` (a `ValueError`), one line per argument, naming it:

    status: 'cancelled' is not one of 'active', 'canceled'
    page_size: should be less than or equal to 100, not 0
    starts_at: datetime(2030, 1, 1, 9, 0) has no time zone (pass tzinfo=..., e.g. timezone.utc)

pydantic reports a union argument (`Status | Sequence[Status] | NotGiven`) with one error per
member of the union; `_describe` keeps the one that says most about what was passed.

The validator of a method is compiled on its first call, not when its module is imported.
"""

from __future__ import annotations

import functools
import inspect
import keyword
import reprlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, ParamSpec, TypeVar, cast

from pydantic import BaseModel, ConfigDict, ValidationError, validate_call
from pydantic_core import ErrorDetails

from ._base_model import APIModel
from ._exceptions import InvalidArgumentError
from ._types import NotGiven

__all__ = ["as_list", "make_body", "validate_arguments"]

P = ParamSpec("P")
R = TypeVar("R")

_CONFIG = ConfigDict(arbitrary_types_allowed=True)


def validate_arguments(func: Callable[P, R]) -> Callable[P, R]:
    """Check every argument of a generated method against its annotation before anything is sent.

    A bad argument raises `InvalidArgumentError`; the method's signature is unchanged (`help()`).
    """
    checked: Callable[P, R] | None = None

    def validating() -> Callable[P, R]:
        nonlocal checked
        if checked is None:  # compiled on first use: importing a resource stays cheap
            checked = validate_call(config=_CONFIG)(func)
        return checked

    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def check_async(*args: P.args, **kwargs: P.kwargs) -> Any:
            try:
                coroutine = cast(Callable[..., Awaitable[Any]], validating())
                return await coroutine(*args, **kwargs)
            except ValidationError as exc:
                if exc.title != func.__qualname__:  # raised by the call itself, not the arguments
                    raise
                raise invalid_arguments(exc, *_given(func, args, kwargs)) from None

        return check_async  # type: ignore[return-value]  # the same coroutine function

    @functools.wraps(func)
    def check(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return validating()(*args, **kwargs)
        except ValidationError as exc:
            if exc.title != func.__qualname__:  # raised by the call itself, not the arguments
                raise
            raise invalid_arguments(exc, *_given(func, args, kwargs)) from None

    return check


def make_body(model: type[APIModel], fields: Mapping[str, object]) -> dict[str, Any]:
    """Validate the given body fields with their request model and dump them for the wire.

    Fields not given are left out entirely (never sent as null); a `None` that was given is sent
    as null, which is how a nullable field is cleared.
    """
    given = {name: value for name, value in fields.items() if not isinstance(value, NotGiven)}
    try:
        validated = model.model_validate(given)
    except ValidationError as exc:
        by_name = {_python_name(name): value for name, value in given.items()}
        raise invalid_arguments(exc, by_name) from None
    return validated.model_dump(mode="json", exclude_unset=True)


def as_list(value: object) -> object:
    """A single value where a list is accepted, as a list of one (else `value` unchanged)."""
    if value is None or isinstance(value, NotGiven):
        return value
    if isinstance(value, Sequence) and not isinstance(value, str):
        return value
    return [value]


def invalid_arguments(
    exc: ValidationError, given: Mapping[str, object], positional: Sequence[str] = ()
) -> InvalidArgumentError:
    """One `InvalidArgumentError` for every argument that `exc` finds fault with.

    `given`: the arguments by name; `positional`: the parameter names, for errors that pydantic
    locates by position.
    """
    by_argument: dict[str, list[ErrorDetails]] = {}
    for error in exc.errors(include_url=False):
        first = error["loc"][0] if error["loc"] else "arguments"
        if isinstance(first, int):
            name = positional[first] if first < len(positional) else f"argument {first}"
        else:
            name = _python_name(first)
        by_argument.setdefault(name, []).append(error)
    problems = {
        name: _describe(name, errors, given.get(name)) for name, errors in by_argument.items()
    }
    return InvalidArgumentError(problems)


def _given(
    func: Callable[..., Any], args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> tuple[dict[str, object], list[str]]:
    signature = inspect.signature(func)
    try:
        given = dict(signature.bind_partial(*args, **kwargs).arguments)
    except TypeError:  # too many positional arguments or unknown keywords: look up what we can
        given = dict(kwargs)
    return given, list(signature.parameters)


def _python_name(name: str) -> str:
    """The argument name of an API name (`from` -> `from_`)."""
    return f"{name}_" if keyword.iskeyword(name) else name


# What an error type says about the input, most telling first: a value outside an enum or a
# range says more than "not a list", which a union member the caller did not mean also reports.
_RANKS = {
    **dict.fromkeys(("enum", "literal_error"), 0),
    **dict.fromkeys(
        (
            "timezone_aware",
            "timezone_naive",
            "missing",
            "extra_forbidden",
            "missing_argument",
            "missing_keyword_only_argument",
            "unexpected_keyword_argument",
        ),
        1,
    ),
    **dict.fromkeys(("value_error", "assertion_error", "too_short", "too_long"), 2),
    **dict.fromkeys(
        (
            "greater_than",
            "greater_than_equal",
            "less_than",
            "less_than_equal",
            "multiple_of",
            "string_too_short",
            "string_too_long",
            "string_pattern_mismatch",
            "uuid_parsing",
            "uuid_version",
            "datetime_parsing",
            "datetime_from_date_parsing",
            "int_from_float",
            "int_parsing",
            "url_parsing",
        ),
        3,
    ),
}
_OTHER = 4


def _describe(name: str, errors: list[ErrorDetails], value: object) -> str:
    """One short line about argument `name`: the most telling of pydantic's errors about it."""
    # The `NotGiven` member of every optional argument's union says nothing useful.
    errors = [e for e in errors if (e.get("ctx") or {}).get("class") != "NotGiven"] or errors
    many = isinstance(value, Sequence) and not isinstance(value, str | bytes)

    def rank(error: ErrorDetails) -> tuple[int, int]:
        # For a list, the errors about its items; for a single value, those about it.
        about_items = any(isinstance(part, int) for part in error["loc"]) or error["type"] in {
            "too_short",
            "too_long",
        }
        return (0 if about_items == many else 1, _RANKS.get(error["type"], _OTHER))

    best = min(errors, key=rank)
    return f"{_where(name, best, value)}: {_message(best)}"


def _where(name: str, error: ErrorDetails, value: object) -> str:
    """`name`, with the items and fields of the value that the error is about (`rule.count`).

    pydantic's location also names the members of unions it tried (`is-instance[NotGiven]`);
    only the parts found in the value itself are kept, and the field a `missing` error names.
    """
    where, current = name, value
    parts = error["loc"][1:]
    for n, part in enumerate(parts):
        if isinstance(part, int):
            if isinstance(current, Sequence) and not isinstance(current, str):
                where += f"[{part}]"
                current = current[part] if 0 <= part < len(current) else None
            continue
        if isinstance(current, Mapping) and part in current:
            where, current = f"{where}.{part}", current[part]
        elif isinstance(current, BaseModel) and part in type(current).model_fields:
            where, current = f"{where}.{part}", getattr(current, part)
        elif n == len(parts) - 1 and error["type"] == "missing":
            where += f".{part}"
    return where


_SHOWN = reprlib.Repr()
"""Shows what was passed, shortened (a 2001-character note is not repeated in full)."""
_SHOWN.maxstring, _SHOWN.maxother, _SHOWN.maxlist, _SHOWN.maxdict = 40, 60, 4, 3


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error["input"]
    shown = _SHOWN.repr(given)
    if kind in {"enum", "literal_error"}:
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return f"{shown} is not one of {expected}"
    if kind == "timezone_aware":
        return f"{shown} has no time zone (pass tzinfo=..., e.g. timezone.utc)"
    if kind in {"string_too_short", "string_too_long"} and isinstance(given, str):
        return f"{error['msg'].removeprefix('String ')}, not {len(given)}"
    if kind in {"missing", "missing_argument", "missing_keyword_only_argument"}:
        return "is required"
    if kind == "extra_forbidden":
        return "is not a field of this model"
    if kind == "unexpected_keyword_argument":
        return "is not an argument of this method"
    message = error["msg"]
    if kind in {"too_short", "too_long"}:  # "Value should have at least 1 item ..., not 0"
        return message.removeprefix("Value ").replace(" after validation", "")
    if kind in {"value_error", "assertion_error"}:
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return f"{message.removeprefix('Input ')}, not {shown}"
