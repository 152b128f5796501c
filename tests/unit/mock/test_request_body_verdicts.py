"""The fast path's request body check remembers valid bodies by their bytes, never a failure."""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest
from mock_rules_support import spec

from appointments_mock import validation


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = copy.deepcopy(spec()["components"]["schemas"]["CancelRequest"])
    return schema


def _verdict(schema: dict[str, Any], body: Any, *, remember: bool = True) -> bool:
    raw = orjson.dumps(body)
    parsed, errors = validation.parse_json_body(raw)
    assert not errors
    return validation.request_body_is_valid(schema, parsed, raw if remember else None)


@pytest.mark.parametrize(
    "body",
    [
        {"reason_code": 30},
        {"reason_code": 30, "note": "n", "notify": False, "apply_to_repeats": True},
        {"reason_code": 0},
        {"reason_code": "30"},
        {"note": "no reason"},
        {"reason_code": 30, "unknown": 1},
        {"reason_code": 30, "note": "x" * 2001},
        [],
    ],
)
def test_the_verdict_is_the_plain_check_first_and_from_memory(body: Any) -> None:
    schema = _schema()
    expected = _verdict(schema, body, remember=False)
    for _ in range(3):
        assert _verdict(schema, body) is expected
    assert (orjson.dumps(body) in validation._valid_bodies[id(schema)][1]) is expected


def test_an_invalid_body_fails_every_time_next_to_remembered_valid_ones() -> None:
    schema = _schema()
    assert _verdict(schema, {"reason_code": 30})
    for _ in range(2):
        assert not _verdict(schema, {"reason_code": 30, "notify": "yes"})
        assert not _verdict(schema, {"reason_code": 10_000})
    assert _verdict(schema, {"reason_code": 30})


def test_verdicts_belong_to_their_schema() -> None:
    loose, strict = _schema(), _schema()
    strict["properties"]["reason_code"]["maximum"] = 10
    assert _verdict(loose, {"reason_code": 30})
    assert not _verdict(strict, {"reason_code": 30})


def test_long_bodies_are_checked_but_not_remembered() -> None:
    schema = _schema()
    body = {"reason_code": 30, "note": "x" * 1_990, "message": "y" * 100}
    assert _verdict(schema, body)
    assert _verdict(schema, body)
    remembered = validation._valid_bodies.get(id(schema))
    assert remembered is None or orjson.dumps(body) not in remembered[1]
