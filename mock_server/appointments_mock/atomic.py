"""Every request either fully succeeds or changes nothing.

A public operation's handler runs as one transaction of its session's world (``World.atomic``):
the rule it calls, the response it builds (encoding included) and that response's check against
the spec. If anything in there raises -- a broken rule (4xx), a value that cannot be encoded, a
response the spec does not allow, a bug -- every change the rule made is undone before the error
is answered. Both request paths (``fastpath.py`` and Connexion's) call the handler made here, so
there is one such boundary, not two.

The transaction holds the world's lock, which excludes other threads but not other tasks of the
same event loop; so a handler must not suspend while it runs. Handlers are coroutine functions
that never await, and :func:`handler` enforces it: a handler that suspends is a bug, answered as
one (500) with its changes undone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from starlette.responses import Response

from appointments_mock._request import request_state

Check = Callable[[Response], None]


class HandlerSuspended(RuntimeError):
    """A handler awaited something inside its transaction."""


def _run_to_completion(coroutine: Coroutine[Any, Any, Response]) -> Response:
    try:
        coroutine.send(None)
    except StopIteration as done:
        result: Response = done.value
        return result
    coroutine.close()
    raise HandlerSuspended("a handler suspended inside its transaction (handlers must not await)")


def handler(
    function: Callable[..., Coroutine[Any, Any, Response]], check: Check | None
) -> Callable[..., Coroutine[Any, Any, Response]]:
    """``function`` as one transaction, its response checked by ``check`` inside it."""

    @functools.wraps(function)  # Connexion reads the arguments off the wrapped function
    async def run(**kwargs: Any) -> Response:
        state = request_state()
        with state.session.world.atomic():
            response = _run_to_completion(function(**kwargs))
            if check is not None:
                check(response)
            state.response = response  # with --state-dir, saved with the transaction's records
        return response

    return run
