# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The `cancellation_reasons` operations, sync and async."""

from __future__ import annotations

from functools import cached_property

from appointments._arguments import validate_arguments
from appointments._base_client import (
    AsyncAPIClient,
    RequestOptions,
    SyncAPIClient,
    model_parser,
)
from appointments._response import RawResponse
from appointments._types import NOT_GIVEN, Headers, NotGiven, Timeout
from appointments.models import CancellationReasonList

__all__ = [
    "AsyncCancellationReasonsResource",
    "AsyncCancellationReasonsResourceWithRawResponse",
    "CancellationReasonsResource",
    "CancellationReasonsResourceWithRawResponse",
]


class CancellationReasonsResource:
    """The catalogue of coded cancellation reasons."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> CancellationReasonsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return CancellationReasonsResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> CancellationReasonList:
        """List cancellation reasons

        The catalogue of coded reasons accepted by cancel (`reason_code`). Small and unpaginated.
        Inactive reasons still appear on old cancellations but are rejected on new ones.

        Args:
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/cancellation-reasons",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, CancellationReasonList)


class CancellationReasonsResourceWithRawResponse:
    """The catalogue of coded cancellation reasons.

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    def list(
        self,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[CancellationReasonList]:
        """List cancellation reasons

        The catalogue of coded reasons accepted by cancel (`reason_code`). Small and unpaginated.
        Inactive reasons still appear on old cancellations but are rejected on new ones.

        Args:
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/cancellation-reasons",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(CancellationReasonList))


class AsyncCancellationReasonsResource:
    """The catalogue of coded cancellation reasons."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncCancellationReasonsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AsyncCancellationReasonsResourceWithRawResponse(self._client)

    @validate_arguments
    async def list(
        self,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> CancellationReasonList:
        """List cancellation reasons

        The catalogue of coded reasons accepted by cancel (`reason_code`). Small and unpaginated.
        Inactive reasons still appear on old cancellations but are rejected on new ones.

        Args:
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/cancellation-reasons",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, CancellationReasonList)


class AsyncCancellationReasonsResourceWithRawResponse:
    """The catalogue of coded cancellation reasons.

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    async def list(
        self,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[CancellationReasonList]:
        """List cancellation reasons

        The catalogue of coded reasons accepted by cancel (`reason_code`). Small and unpaginated.
        Inactive reasons still appear on old cancellations but are rejected on new ones.

        Args:
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/cancellation-reasons",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(CancellationReasonList))
