"""What an install without the ``[mock]`` extra says when the mock server is asked for.

The SDK-only install ships the ``appointments-mock`` console script and the pytest plugin too;
both turn the ``ModuleNotFoundError`` of a dependency the extra brings (Connexion, uvicorn, ...)
into one sentence saying what to install. Standard library only: this must import everywhere.
"""

from __future__ import annotations

INSTALL_HINT = "install appointments-sdk[mock]"
_OUR_PACKAGES = frozenset({"appointments", "appointments_mock", "appointments_conformance"})


def missing_extra(exc: ModuleNotFoundError, what: str) -> str | None:
    """The message for ``what`` when ``exc`` is about a dependency that is not installed, or
    None when it is about a module of this project (a bug, which must not be hidden)."""
    module = (exc.name or "").partition(".")[0]
    if not module or module in _OUR_PACKAGES:
        return None
    return (
        f"{what} needs the mock server, whose dependencies are not installed (no module named "
        f"{module!r}): {INSTALL_HINT} (the SDK with its [mock] extra)."
    )
