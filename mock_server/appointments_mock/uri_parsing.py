"""Query and path parameters read as the spec serializes them, and nothing more lenient.

Connexion's ``OpenAPIURIParser`` accepts what a strict server refuses: it splits every array on
commas even when the parameter is ``style: form, explode: true`` (``?status=canceled,active``
is then two statuses, where the spec says it is one invalid value), and a scalar given twice
(``?page_size=50&page_size=2``) silently becomes its last value. A client that passes against
such a mock breaks against a strict server (Prism answers 400 for both), so this parser reads:

* an exploded array (``style: form, explode: true``, the default for query arrays) from the
  repeated parameter, each value whole;
* an array that is not exploded from a single value, split on its style's delimiter;
* a scalar from a single value.

A parameter given more times than its serialization allows is reported as a validation error
(with every other error of the request). The class overrides only the public
``resolve_params`` of Connexion's parser.
"""

from __future__ import annotations

import contextlib
from typing import Any

from connexion.exceptions import TypeValidationError
from connexion.uri_parsing import OpenAPIURIParser
from connexion.utils import coerce_type

from appointments_mock._request import current_request_state

_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|", "simple": ","}
_DEFAULT_STYLE = {"query": "form", "path": "simple", "header": "simple", "cookie": "form"}


def _park(error: dict[str, str]) -> None:
    """Report ``error`` with the request's other parameter errors (``validation.py``)."""
    state = current_request_state()
    if state is not None and error not in state.pending_errors:
        state.pending_errors.append(error)


class StrictURIParser(OpenAPIURIParser):  # type: ignore[misc]
    """OpenAPI parameter serialization, read strictly (see the module docstring)."""

    def resolve_params(self, params: dict[str, Any], _in: str) -> dict[str, Any]:
        resolved: dict[str, Any] = {}
        for name, given in params.items():
            definition = self.param_defns.get(name)
            schema = self.param_schemas.get(name)
            if not (definition or schema):
                resolved[name] = given  # an unknown parameter: the validator reports it
                continue
            values = [given] if _in == "path" else list(given)
            style = definition.get("style", _DEFAULT_STYLE.get(_in, "form"))
            if schema and schema.get("type") == "array":
                explode = definition.get("explode", style == "form")
                if explode:
                    value: Any = values
                else:
                    if len(values) > 1:
                        _park(_repeated(name, len(values), "send its values in one, "
                                        f"separated by {_DELIMITERS.get(style, ',')!r}"))  # fmt: skip
                    value = values[-1].split(_DELIMITERS.get(style, ","))
            else:
                if len(values) > 1:
                    _park(_repeated(name, len(values), "it takes one value"))
                value = values[-1]
            with contextlib.suppress(TypeValidationError):  # the validator reports it
                value = coerce_type(definition, value, "parameter", name)
            resolved[name] = value
        return resolved


def _repeated(name: str, times: int, advice: str) -> dict[str, str]:
    return {"detail": f"{name!r} was given {times} times; {advice}.", "parameter": name}
