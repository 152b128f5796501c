"""Pages of list results, and iteration over all items across pages.

A list method returns one page: `.items`, `.next_page_token` and `.total_size` describe that page
only. Iterating the page itself (`for x in page`, `async for x in page`) yields every item of this
page *and of every later page*, fetching the next page with `page_token` and the same other
parameters, until the server sends no `next_page_token` (an empty page with a token does not stop
the iteration). `page.items` is this page's items only; `iter_pages()` yields this page and every
later one; `next_page()` fetches the one after this, or returns `None` on the last page (no
request is sent, and nothing is raised: a `StopIteration` would turn into a `RuntimeError` inside
a generator, PEP 479).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Sequence
from typing import Any, Generic, Protocol, Self, TypeVar

__all__ = ["AsyncPage", "AsyncPaginator", "PageModel", "SyncPage"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class PageModel(Protocol[T_co]):
    """What every generated `...Page` model looks like."""

    @property
    def items(self) -> Sequence[T_co]: ...

    @property
    def next_page_token(self) -> str | None: ...

    @property
    def total_size(self) -> int: ...

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, /) -> Self: ...


class _BasePage(Generic[T]):
    def __init__(self, model: PageModel[T]) -> None:
        self.model = model
        """The parsed page as the API sent it (e.g. an `AppointmentPage`)."""
        self.items: list[T] = list(model.items)
        """The items of this page only."""
        self.next_page_token: str | None = model.next_page_token
        self.total_size: int = model.total_size
        """The number of matching items over all pages."""

    def has_next_page(self) -> bool:
        """Whether the server announced another page."""
        return bool(self.next_page_token)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(items=<{len(self.items)} items>, "
            f"next_page_token={self.next_page_token!r}, total_size={self.total_size})"
        )


class SyncPage(_BasePage[T]):
    """One page of a list; iterating it yields the items of this page and of every later one."""

    def __init__(self, model: PageModel[T], fetch: Callable[[str], SyncPage[T]]) -> None:
        super().__init__(model)
        self._fetch = fetch

    def next_page(self) -> SyncPage[T] | None:
        """Fetch the following page; `None` on the last page (without a request)."""
        if not self.next_page_token:
            return None
        return self._fetch(self.next_page_token)

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        """This page and every later one, each fetched when the previous one is done."""
        page: SyncPage[T] | None = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(_BasePage[T]):
    """One page of a list; `async for` over it yields the items of this page and every later one."""

    def __init__(
        self, model: PageModel[T], fetch: Callable[[str], Awaitable[AsyncPage[T]]]
    ) -> None:
        super().__init__(model)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[T] | None:
        """Fetch the following page; `None` on the last page (without a request)."""
        if not self.next_page_token:
            return None
        return await self._fetch(self.next_page_token)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page and every later one, each fetched when the previous one is done."""
        page: AsyncPage[T] | None = self
        while page is not None:
            yield page
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncPaginator(Generic[T]):
    """What an async list method returns: `await` it for the first page, or `async for` over it
    for every item of every page, without awaiting first."""

    def __init__(self, first_page: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._first_page = first_page

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self._first_page()
        async for item in page:
            yield item
