"""``RequestHeaders`` answers every lookup as Starlette's ``Headers`` does for the same scope."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from starlette.datastructures import Headers

from appointments_mock._request import RequestHeaders

_NAMES = st.sampled_from(
    ["content-type", "authorization", "x-mock-session", "x-request-id", "if-match", "host", "a"]
)
_VALUES = st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=8)
_RAW = st.lists(
    st.tuples(_NAMES, _VALUES).map(lambda kv: (kv[0].encode(), kv[1].encode("latin-1"))),
    max_size=8,
)
_LOOKUPS = st.lists(_NAMES.map(lambda n: n.upper() if len(n) % 2 else n) | st.just("absent"))


def _scope(raw: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {"type": "http", "headers": list(raw)}


@given(_RAW, _LOOKUPS)
def test_lookups_agree_with_starlettes_headers(
    raw: list[tuple[bytes, bytes]], lookups: list[str]
) -> None:
    ours, theirs = RequestHeaders(_scope(raw)), Headers(scope=_scope(raw))
    assert ours == theirs
    assert (ours.raw, ours.items(), len(ours), list(ours)) == (
        theirs.raw, theirs.items(), len(theirs), list(theirs),
    )  # fmt: skip
    for name in lookups:
        assert (name in ours) == (name in theirs)
        assert ours.get(name) == theirs.get(name)
        assert ours.get(name, "default") == theirs.get(name, "default")
        assert ours.getlist(name) == theirs.getlist(name)
        if name in theirs:
            assert ours[name] == theirs[name]
