"""Who may use the control API (``/_mock``): it can reset sessions and read every journal.

Three checks, each off when it cannot apply:

* **a control token** (``serve --control-token``, required when the server binds an address
  other than loopback): every control request sends it as ``X-Mock-Control-Token``;
* **no cross-origin browser requests**: a request that a browser marks as coming from another
  site (``Sec-Fetch-Site`` other than ``same-origin``/``none``, or an ``Origin`` whose host is not
  the request's ``Host``) is refused, so a web page cannot reset the mock behind your back;
* **known Host names** (on loopback): a ``Host`` header other than a loopback name is refused,
  which defeats DNS rebinding (a page on ``evil.example`` resolving to 127.0.0.1).

In-process apps (``create_app()``, the pytest plugin) apply only the browser check.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # types only: `appointments-mock --help` must run without the [mock] extra
    from starlette.datastructures import Headers
    from starlette.responses import Response
    from starlette.types import Scope

TOKEN_HEADER = "X-Mock-Control-Token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_BROWSER_SITES_ALLOWED = frozenset({"same-origin", "none"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address to bind) stays on this machine."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _host_name(value: str) -> str:
    """The name of a ``Host`` header value, lower-cased, without the port."""
    return (urlsplit(f"//{value}").hostname or "").lower()


@dataclass(frozen=True, slots=True)
class ControlAccess:
    """The control API's checks (``token`` None: no token; ``loopback_hosts_only``: Host check)."""

    token: str | None = None
    loopback_hosts_only: bool = False

    def refusal(
        self, scope: Scope, headers: Headers, answer: Callable[..., Response]
    ) -> Response | None:
        """The problem to answer a control request with, or None if it may go on."""
        if self.loopback_hosts_only and not is_loopback(_host_name(headers.get("host", ""))):
            return answer(
                403,
                "control-host-refused",
                "Unknown Host for the control API",
                "The control API answers only requests addressed to a loopback name "
                "(localhost, 127.0.0.1, [::1]).",
            )
        site = headers.get("sec-fetch-site")
        origin = headers.get("origin")
        cross_site = site is not None and site.lower() not in _BROWSER_SITES_ALLOWED
        if origin is not None and not cross_site:
            cross_site = origin == "null" or (
                (urlsplit(origin).netloc or "").lower() != headers.get("host", "").lower()
            )
        if cross_site:
            return answer(
                403,
                "cross-origin-control",
                "Cross-origin control request",
                "The control API refuses requests a browser sends from another origin.",
            )
        if self.token is not None:
            sent = headers.get(TOKEN_HEADER.lower(), "")
            if not hmac.compare_digest(sent.encode(), self.token.encode()):
                return answer(
                    401,
                    "control-token-required",
                    "Control token required",
                    f"Send the server's control token as {TOKEN_HEADER} "
                    "(appointments-mock serve --control-token).",
                )
        return None
