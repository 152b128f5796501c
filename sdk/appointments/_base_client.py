"""The transport core shared by every generated method: options, headers, retries, parsing.

A generated method validates its arguments, describes its request as `RequestOptions`, and hands
it to one of the `_request*` methods below; they send it (with retries), map errors to typed
exceptions and parse the body. `SyncAPIClient` and `AsyncAPIClient` differ only in how they send
and sleep: both take their decisions from `_retry.Attempts`.
"""

from __future__ import annotations

import logging
import os
import platform
import random
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar, cast
from urllib.parse import quote, quote_plus
from uuid import UUID

import anyio
import httpx2
from pydantic import BaseModel, ValidationError

from ._base_model import lenient, response_validator
from ._constants import (
    API_KEY_ENV,
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    LOGGER_NAME,
)
from ._exceptions import APIResponseValidationError, AppointmentsError, make_status_error
from ._http import HTTPX2, Family, family_of
from ._pagination import AsyncPage, AsyncPaginator, PageModel, SyncPage
from ._response import RawResponse
from ._retry import Attempts
from ._signing import SigningKey, sign
from ._types import (
    NOT_GIVEN,
    Headers,
    HTTPResponse,
    IfMatch,
    NotGiven,
    Timeout,
    is_legacy_timeout,
)
from ._version import __version__

if TYPE_CHECKING:
    import httpx

__all__ = [
    "AsyncAPIClient",
    "RequestOptions",
    "SyncAPIClient",
    "model_parser",
    "parse_empty",
    "parse_text",
    "path_param",
]

log = logging.getLogger(LOGGER_NAME)

R = TypeVar("R")
T = TypeVar("T")


@dataclass(frozen=True)
class RequestOptions:
    """One API request, as a generated method describes it."""

    method: str
    path: str
    query: Mapping[str, str | list[str]] = field(default_factory=dict)
    body: Mapping[str, Any] | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    timeout: httpx2.Timeout | None = None
    """None: the client's timeout."""

    @classmethod
    def build(
        cls,
        method: str,
        path: str,
        *,
        query: Mapping[str, object] | None = None,
        body: Mapping[str, Any] | None = None,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        accept: str | None = None,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RequestOptions:
        """Drop the arguments not given and encode the rest for the wire."""
        headers: dict[str, str] = {}
        if accept is not None:  # a text/* media type instead of JSON
            headers["Accept"] = accept
        if not isinstance(if_match, NotGiven):
            headers["If-Match"] = _etag(if_match)
        if method == "POST":
            # One key per logical call, reused by every retry of it: that is what makes
            # retrying a write safe.
            key = idempotency_key if isinstance(idempotency_key, str) else str(uuid.uuid4())
            headers["Idempotency-Key"] = key
        headers.update(extra_headers or {})
        encoded = {
            name: _query_value(value)
            for name, value in (query or {}).items()
            if value is not NOT_GIVEN
        }
        return cls(
            method=method,
            path=path,
            query=encoded,
            body=body,
            headers=headers,
            timeout=None if isinstance(timeout, NotGiven) else _as_timeout(timeout),
        )

    def with_page_token(self, token: str) -> RequestOptions:
        """The same request for the page after this one."""
        return replace(self, query={**self.query, "page_token": token})


def path_param(value: str | UUID) -> str:
    """A path parameter, percent-encoded."""
    text = str(value)
    return text if _unreserved(text) else quote(text, safe="")


_unreserved = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch
"""Whether a string is only unreserved characters (RFC 3986), which every quoting leaves as is."""


def _etag(if_match: IfMatch) -> str:
    if isinstance(if_match, str):
        return if_match
    version = if_match if isinstance(if_match, int) else if_match.version
    return f'"{version}"'


def _query_value(value: object) -> str | list[str]:
    kind = type(value)
    if kind is str:  # exactly str: not a StrEnum member, which is sent as its value
        return cast(str, value)
    if kind is int:  # exactly int: not a bool
        return str(value)
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_scalar(item) for item in value]
    return _scalar(value)


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat()  # RFC 3339 with its offset (naive ones are rejected earlier)
    return str(value)


def _encode_query(query: Mapping[str, str | list[str]]) -> str:
    """`a=1&b=x&b=y`: the same encoding as `str(httpx2.QueryParams(query))`."""
    return "&".join(
        f"{_form(name)}={_form(item)}"
        for name, value in query.items()
        for item in (value if isinstance(value, list) else (value,))
    )


def _form(text: str) -> str:
    """`urllib.parse.quote_plus`, which is what `urlencode` applies to each name and value."""
    return text if _unreserved(text) else quote_plus(text)


def _join_url(base: httpx2.URL, path: str, query: str | None, family: Family) -> httpx2.URL | str:
    """`base` + `path` (+ `?query`), as httpx2 would parse `f"{base}{path}?{query}"`.

    `path` is a generated template with percent-encoded parameters and `query` comes from
    `_encode_query`: both are already in the form httpx2's parser would leave them in, so the
    URL is made from the base URL's parsed parts instead of parsing the whole string again
    (about 12 µs a request). Falls back to the string when that is not possible, and for a
    legacy httpx client (whose requests take its own URL class or a string).
    """
    parts = getattr(base, "_uri_reference", None) if _URL_PARTS_OK and family is HTTPX2 else None
    if parts is None or parts.query is not None or parts.fragment is not None:
        return f"{base}{path}" if query is None else f"{base}{path}?{query}"
    url = _new_url(httpx2.URL)
    url._uri_reference = parts._replace(path=parts.path + path, query=query)
    return url


_new_url = object.__new__


def _url_parts_work() -> bool:
    """Whether this httpx2 keeps a URL as a `_uri_reference` named tuple that `_join_url` can use.

    Checked once, against httpx2's own parsing; any other release gets the string instead.
    """
    try:
        base = httpx2.URL("https://h.example:8443/v1")
        parts = base._uri_reference
        url = _new_url(httpx2.URL)
        url._uri_reference = parts._replace(path=parts.path + "/a/b%2Fc", query="x=1&y=a+b%3F")
        expected = httpx2.URL("https://h.example:8443/v1/a/b%2Fc?x=1&y=a+b%3F")
        return (
            url == expected
            and str(url) == str(expected)
            and url.raw_path == expected.raw_path
            and url.host == expected.host
            and url.port == expected.port
        )
    except Exception:  # any surprise: parse strings as before
        return False


_URL_PARTS_OK = _url_parts_work()


def _as_timeout(timeout: Timeout | None) -> httpx2.Timeout:
    """An `httpx2.Timeout`; a legacy `httpx.Timeout` is taken over phase by phase."""
    if timeout is None:
        raise ValueError(
            "timeout=None would let a call wait forever; pass seconds or an httpx2.Timeout "
            "(httpx2.Timeout(None) if you really mean no limit)"
        )
    if isinstance(timeout, httpx2.Timeout):
        return timeout
    if is_legacy_timeout(timeout):
        return httpx2.Timeout(**cast("httpx.Timeout", timeout).as_dict())
    return httpx2.Timeout(cast(float, timeout))


class _Parseable(Protocol):
    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, /) -> Self: ...


P = TypeVar("P", bound=_Parseable)


def model_parser(cast_to: type[P]) -> Callable[[HTTPResponse], P]:
    """Parse a response body as `cast_to`, tolerating what a newer server may add."""
    parser = _PARSERS.get(cast_to)
    if parser is None:
        parser = _PARSERS[cast_to] = _make_parser(cast_to)
    return cast(Callable[[HTTPResponse], P], parser)


_PARSERS: dict[type[Any], Callable[[HTTPResponse], Any]] = {}
"""One parser per response class, made on first use."""


def _make_parser(cast_to: type[P]) -> Callable[[HTTPResponse], P]:
    validator = response_validator(cast(type[BaseModel], cast_to))

    def parse(response: HTTPResponse) -> P:
        try:
            with lenient():
                parsed: P = validator.validate_json(response.content)
                return parsed
        except ValidationError as exc:
            raise APIResponseValidationError(
                response, f"Could not parse the response as {cast_to.__name__}: {exc}"
            ) from exc

    return parse


def parse_empty(response: HTTPResponse) -> None:
    """The result of a 204 response."""
    return


def parse_text(response: HTTPResponse) -> str:
    """The body of a `text/*` response (a CSV report, a calendar feed) as a string."""
    return response.text


_USER_AGENT = (
    f"appointments-sdk/{__version__} python/{platform.python_version()} httpx2/{httpx2.__version__}"
)
_HTTP_DEFAULTS = {"Accept": "application/json", "User-Agent": _USER_AGENT}
"""Headers of every request, before `default_headers`, `Authorization` and the call's own."""


class _ClientCore:
    """Configuration and request building, shared by both clients."""

    _pool_api_key: str | None
    """The API key the HTTP client sends itself, with `_HTTP_DEFAULTS`, when the SDK made it
    (`""` for a signing client's pool, which sends no key)."""

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | httpx2.URL | httpx.URL | None,
        timeout: Timeout,
        max_retries: int,
        default_headers: Headers | None,
        webhook_secret: str | None = None,
        signing_key: SigningKey | None = None,
    ) -> None:
        if signing_key is not None:
            if api_key:
                raise ValueError("pass api_key or signing_key, not both")
            api_key = ""  # signed requests carry no Authorization header
        else:
            api_key = api_key or os.environ.get(API_KEY_ENV)
            if not api_key:
                raise AppointmentsError(
                    f"No API key: pass api_key=... (or signing_key=...) or set the {API_KEY_ENV} "
                    "environment variable."
                )
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        self.api_key = api_key
        self.signing_key = signing_key
        """Signs every attempt of every request (RFC 9421) when set, instead of a bearer key."""
        self.base_url = httpx2.URL(
            str(base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")
        )
        self.timeout = _as_timeout(timeout)
        self.max_retries = max_retries
        self._custom_headers = dict(default_headers or {})
        self._random: Callable[[], float] = random.random
        """Draws the jitter of retry delays; tests replace it (an instance attribute, not a
        constructor argument, so that it stays out of the public signature)."""
        self.webhook_secret = webhook_secret
        """The secret `client.webhooks` verifies with (None: `APPOINTMENTS_WEBHOOK_SECRET`)."""

    @property
    def default_headers(self) -> dict[str, str]:
        """Headers sent with every request (without `Authorization`)."""
        return {**_HTTP_DEFAULTS, **self._custom_headers}

    def _auth_headers(self) -> dict[str, str]:
        """`Authorization` for a bearer key; nothing for a signing client (`_send` signs)."""
        return {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}

    def _pool_headers(self) -> dict[str, str]:
        """The headers of a connection pool made by the SDK: those of every request."""
        return {**_HTTP_DEFAULTS, **self._auth_headers()}

    _family: Family
    """The HTTP client family of the connection pool (httpx2 unless a legacy one was given)."""

    def _build_request(
        self, http: httpx2.Client | httpx2.AsyncClient, options: RequestOptions
    ) -> httpx2.Request:
        pool_key = self._pool_api_key
        if pool_key is None:
            headers: dict[str, str] | None = {
                **_HTTP_DEFAULTS,
                **self._custom_headers,
                **self._auth_headers(),
                **options.headers,
            }
        elif pool_key == self.api_key and not self._custom_headers and not options.headers:
            # The pool was made by this SDK and sends `_HTTP_DEFAULTS` and this key itself:
            # nothing to merge into its headers, the same ones on the wire.
            headers = None
        else:
            headers = {
                **self._custom_headers,
                **self._auth_headers(),
                **options.headers,
            }
        params: Mapping[str, str | list[str]] | None = None
        query: str | None = None
        if options.query:
            if http.params:
                # The client's own default parameters: let it merge them (ours win).
                params = options.query
            else:
                # Encoded here as httpx2 would (`str(httpx2.QueryParams(...))`), so that the
                # client does not parse the URL again to merge the parameters.
                query = _encode_query(options.query)
        return http.build_request(
            options.method,
            _join_url(self.base_url, options.path, query, self._family),
            params=params,
            json=options.body,
            headers=headers,
            # What `timeout=` becomes, without copying the `httpx2.Timeout` first. Transports
            # read it from here (`request.extensions["timeout"]`), in either family.
            extensions={"timeout": (options.timeout or self.timeout).as_dict()},
        )

    def _copy_kwargs(
        self,
        base_url: str | httpx2.URL | httpx.URL | None,
        timeout: Timeout | NotGiven,
        max_retries: int | None,
        default_headers: Headers | None,
    ) -> dict[str, Any]:
        return {
            "api_key": self.api_key or None,
            "signing_key": self.signing_key,
            "base_url": base_url or self.base_url,
            "timeout": self.timeout if isinstance(timeout, NotGiven) else timeout,
            "max_retries": self.max_retries if max_retries is None else max_retries,
            "default_headers": {**self._custom_headers, **(default_headers or {})},
            "webhook_secret": self.webhook_secret,
        }

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={str(self.base_url)!r}>"


class SyncAPIClient(_ClientCore):
    """The synchronous transport core; `AppointmentsClient` adds the resources."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx2.URL | httpx.URL | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Headers | None = None,
        http_client: httpx2.Client | httpx.Client | None = None,
        webhook_secret: str | None = None,
        signing_key: SigningKey | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            webhook_secret=webhook_secret,
            signing_key=signing_key,
        )
        self._owns_http = http_client is None
        self._family = HTTPX2 if http_client is None else family_of(http_client, is_async=False)
        # Typed as httpx2's: a legacy client has the same API (its family's exceptions are
        # caught through `_family`).
        self._http = cast(
            httpx2.Client,
            http_client if http_client is not None else httpx2.Client(headers=self._pool_headers()),
        )
        self._pool_api_key = None if http_client is not None else self.api_key
        self._sleep: Callable[[float], None] = time.sleep
        """How retries wait; tests replace it (see `_random`)."""

    def with_options(
        self,
        *,
        base_url: str | httpx2.URL | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Headers | None = None,
    ) -> Self:
        """A copy with other options that shares this client's connection pool.

        Copies never close the pool; close the client they were made from.
        """
        kwargs = self._copy_kwargs(base_url, timeout, max_retries, default_headers)
        copy = type(self)(http_client=self._http, **kwargs)
        copy._sleep, copy._random = self._sleep, self._random
        copy._pool_api_key = self._pool_api_key
        return copy

    def close(self) -> None:
        """Close the connection pool, unless it was passed in as `http_client` or shared."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _send(self, options: RequestOptions) -> HTTPResponse:
        request = self._build_request(self._http, options)
        attempts = Attempts(self.max_retries, self._random, self._family)
        while True:
            if log.isEnabledFor(logging.DEBUG):
                log.debug("Sending %s %s", request.method, request.url.path)
            if self.signing_key is not None:  # every attempt: a new created and nonce
                sign(request, self.signing_key)
            try:
                response = self._http.send(request)
            except self._family.transport_error as exc:
                self._sleep(attempts.delay_after_error(exc, request))
                continue
            if log.isEnabledFor(logging.DEBUG):
                log.debug(
                    "Received %d for %s %s", response.status_code, request.method, request.url.path
                )
            delay = attempts.delay_after_response(response)
            if delay is None:
                if response.is_error:
                    raise make_status_error(response)
                return response
            response.close()
            self._sleep(delay)

    def _request(self, options: RequestOptions, cast_to: type[P]) -> P:
        return model_parser(cast_to)(self._send(options))

    def _request_empty(self, options: RequestOptions) -> None:
        self._send(options)

    def _request_text(self, options: RequestOptions) -> str:
        return parse_text(self._send(options))

    def _request_page(self, options: RequestOptions, page_model: type[PageModel[T]]) -> SyncPage[T]:
        return self._page_parser(options, page_model)(self._send(options))

    def _request_raw(
        self, options: RequestOptions, parse: Callable[[HTTPResponse], R]
    ) -> RawResponse[R]:
        return RawResponse(self._send(options), parse)

    def _page_parser(
        self, options: RequestOptions, page_model: type[PageModel[T]]
    ) -> Callable[[HTTPResponse], SyncPage[T]]:
        def parse(response: HTTPResponse) -> SyncPage[T]:
            model = model_parser(page_model)(response)
            return SyncPage(
                model, lambda token: self._request_page(options.with_page_token(token), page_model)
            )

        return parse


class AsyncAPIClient(_ClientCore):
    """The asynchronous transport core; `AsyncAppointmentsClient` adds the resources."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx2.URL | httpx.URL | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Headers | None = None,
        http_client: httpx2.AsyncClient | httpx.AsyncClient | None = None,
        webhook_secret: str | None = None,
        signing_key: SigningKey | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            webhook_secret=webhook_secret,
            signing_key=signing_key,
        )
        self._owns_http = http_client is None
        self._family = HTTPX2 if http_client is None else family_of(http_client, is_async=True)
        # Typed as httpx2's: a legacy client has the same API (its family's exceptions are
        # caught through `_family`).
        self._http = cast(
            httpx2.AsyncClient,
            http_client
            if http_client is not None
            else httpx2.AsyncClient(headers=self._pool_headers()),
        )
        self._pool_api_key = None if http_client is not None else self.api_key
        self._sleep: Callable[[float], Awaitable[None]] = anyio.sleep
        """How retries wait; tests replace it (see `_random`)."""

    def with_options(
        self,
        *,
        base_url: str | httpx2.URL | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Headers | None = None,
    ) -> Self:
        """A copy with other options that shares this client's connection pool.

        Copies never close the pool; close the client they were made from.
        """
        kwargs = self._copy_kwargs(base_url, timeout, max_retries, default_headers)
        copy = type(self)(http_client=self._http, **kwargs)
        copy._sleep, copy._random = self._sleep, self._random
        copy._pool_api_key = self._pool_api_key
        return copy

    async def aclose(self) -> None:
        """Close the connection pool, unless it was passed in as `http_client` or shared."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def _send(self, options: RequestOptions) -> HTTPResponse:
        request = self._build_request(self._http, options)
        attempts = Attempts(self.max_retries, self._random, self._family)
        while True:
            if log.isEnabledFor(logging.DEBUG):
                log.debug("Sending %s %s", request.method, request.url.path)
            if self.signing_key is not None:  # every attempt: a new created and nonce
                sign(request, self.signing_key)
            try:
                response = await self._http.send(request)
            except self._family.transport_error as exc:
                await self._sleep(attempts.delay_after_error(exc, request))
                continue
            if log.isEnabledFor(logging.DEBUG):
                log.debug(
                    "Received %d for %s %s", response.status_code, request.method, request.url.path
                )
            delay = attempts.delay_after_response(response)
            if delay is None:
                if response.is_error:
                    raise make_status_error(response)
                return response
            await response.aclose()
            await self._sleep(delay)

    async def _request(self, options: RequestOptions, cast_to: type[P]) -> P:
        return model_parser(cast_to)(await self._send(options))

    async def _request_empty(self, options: RequestOptions) -> None:
        await self._send(options)

    async def _request_text(self, options: RequestOptions) -> str:
        return parse_text(await self._send(options))

    def _request_page(
        self, options: RequestOptions, page_model: type[PageModel[T]]
    ) -> AsyncPaginator[T]:
        return AsyncPaginator(lambda: self._fetch_page(options, page_model))

    async def _request_raw(
        self, options: RequestOptions, parse: Callable[[HTTPResponse], R]
    ) -> RawResponse[R]:
        return RawResponse(await self._send(options), parse)

    async def _fetch_page(
        self, options: RequestOptions, page_model: type[PageModel[T]]
    ) -> AsyncPage[T]:
        return self._page_parser(options, page_model)(await self._send(options))

    def _page_parser(
        self, options: RequestOptions, page_model: type[PageModel[T]]
    ) -> Callable[[HTTPResponse], AsyncPage[T]]:
        def parse(response: HTTPResponse) -> AsyncPage[T]:
            model = model_parser(page_model)(response)
            return AsyncPage(
                model, lambda token: self._fetch_page(options.with_page_token(token), page_model)
            )

        return parse
