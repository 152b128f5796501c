"""List methods return a page; iterating it yields every item of every page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import respx

from appointments import (
    Appointment,
    AppointmentsClient,
    AsyncAppointmentsClient,
    AsyncPage,
    SyncPage,
)
from tests.unit.sdk._data import appointment, page


def _three_pages(router: respx.MockRouter) -> respx.Route:
    ids = [f"00000000-0000-4000-8000-00000000000{i}" for i in range(5)]

    def respond(request: httpx.Request) -> httpx.Response:
        token = request.url.params.get("page_token")
        if token is None:
            return httpx.Response(
                200, json=page([appointment(id=ids[0]), appointment(id=ids[1])], "t2", 5)
            )
        if token == "t2":
            # An empty page that still has a token must not end the iteration.
            return httpx.Response(200, json=page([], "t3", 5))
        return httpx.Response(200, json=page([appointment(id=i) for i in ids[2:]], None, 5))

    return router.get("/appointments").mock(side_effect=respond)


def test_a_list_returns_one_page(client: AppointmentsClient, router: respx.MockRouter) -> None:
    _three_pages(router)
    first = client.appointments.list(page_size=2)
    assert isinstance(first, SyncPage)
    assert len(first.items) == 2
    assert first.next_page_token == "t2"
    assert first.total_size == 5
    assert first.has_next_page()


def test_iterating_a_page_yields_all_items_across_pages(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = _three_pages(router)
    items = list(
        client.appointments.list(status=["active", "canceled"], deleted="include", page_size=2)
    )
    assert [str(a.id)[-1] for a in items] == ["0", "1", "2", "3", "4"]
    assert route.call_count == 3
    for call in route.calls:
        params = call.request.url.params
        assert params.get_list("status") == ["active", "canceled"]
        assert params["deleted"] == "include"
        assert params["page_size"] == "2"
    assert [call.request.url.params.get("page_token") for call in route.calls] == [None, "t2", "t3"]


def test_iter_pages_walks_the_pages(client: AppointmentsClient, router: respx.MockRouter) -> None:
    _three_pages(router)
    sizes = [len(p.items) for p in client.appointments.list().iter_pages()]
    assert sizes == [2, 0, 3]


@pytest.mark.anyio
async def test_async_for_over_a_list_call_yields_all_items(
    async_client: AsyncAppointmentsClient, router: respx.MockRouter
) -> None:
    route = _three_pages(router)
    ids = [str(a.id)[-1] async for a in async_client.appointments.list(page_size=2)]
    assert ids == ["0", "1", "2", "3", "4"]
    assert route.call_count == 3


@pytest.mark.anyio
async def test_awaiting_a_list_call_gives_the_first_page(
    async_client: AsyncAppointmentsClient, router: respx.MockRouter
) -> None:
    route = _three_pages(router)
    first = await async_client.appointments.list(page_size=2)
    assert isinstance(first, AsyncPage)
    assert len(first.items) == 2
    assert route.call_count == 1
    ids = [str(a.id)[-1] async for a in first]
    assert ids == ["0", "1", "2", "3", "4"]
    pages = [len(p.items) async for p in first.iter_pages()]
    assert pages == [2, 0, 3]


def test_the_last_page_has_no_next_page(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.get("/practitioners").respond(200, json=page([], None))
    last = client.practitioners.list()
    assert not last.has_next_page()
    assert list(last) == []
    assert last.next_page() is None
    assert route.call_count == 1  # no request for a page that does not exist


def test_next_page_walks_the_pages_until_none(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    _three_pages(router)
    sizes = []
    current: SyncPage[Appointment] | None = client.appointments.list(page_size=2)
    while current is not None:
        sizes.append(len(current.items))
        current = current.next_page()
    assert sizes == [2, 0, 3]


def test_next_page_on_the_last_page_is_safe_inside_a_generator(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    # A StopIteration escaping into a generator becomes a RuntimeError (PEP 479).
    router.get("/practitioners").respond(200, json=page([], None))
    last = client.practitioners.list()

    def following() -> Iterator[object]:
        yield last.next_page()

    assert list(following()) == [None]


@pytest.mark.anyio
async def test_the_async_last_page_has_no_next_page(
    async_client: AsyncAppointmentsClient, router: respx.MockRouter
) -> None:
    route = _three_pages(router)
    current: AsyncPage[Appointment] | None = await async_client.appointments.list(page_size=2)
    sizes = []
    while current is not None:
        sizes.append(len(current.items))
        current = await current.next_page()
    assert sizes == [2, 0, 3]
    assert route.call_count == 3

    async def following(last: AsyncPage[Appointment]) -> AsyncIterator[object]:
        yield await last.next_page()

    last = [p async for p in (await async_client.appointments.list()).iter_pages()][-1]
    assert [x async for x in following(last)] == [None]
