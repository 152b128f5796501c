"""The webhook rules of the mock, without HTTP: endpoints, events queued on commit only, in order,
one per subscribed endpoint; attempts, backoff on the session clock, failing endpoints disabled."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from mock_rules_support import NOW, Api, validate

from appointments_mock import outbox as outbox_module
from appointments_mock.domain import webhooks
from appointments_mock.errors import ProblemError
from appointments_mock.limits import WEBHOOK_MAX_ENDPOINTS
from appointments_mock.outbox import WebhookPolicy, delivery_id
from appointments_mock.spec import load_spec, spec_path
from appointments_mock.store import World


def _endpoint(api: Api, **body: object) -> dict[str, object]:
    return webhooks.create_endpoint(api.world, api.call(), {"url": "http://127.0.0.1:9/h", **body})


def _pending(world: World, endpoint_id: object) -> list[dict[str, object]]:
    queue = world.outbox.queues[str(endpoint_id)]
    return [json.loads(world.outbox.deliveries[d].body) for d in queue]


def test_the_event_types_are_the_spec_webhooks() -> None:
    """The domain names its events after its audit actions; the spec's ``webhooks`` section is
    the contract for them, in the same order (the SDK's union is generated from it)."""
    assert tuple(load_spec(spec_path())["webhooks"]) == webhooks.EVENT_TYPES


def test_create_returns_the_secret_once_and_get_never(api: Api) -> None:
    created = _endpoint(api, events=["appointment.canceled"])
    validate("WebhookEndpointWithSecret", created)
    assert str(created["secret"]).startswith("whsec_")
    read = webhooks.get_endpoint(api.world, api.call(), str(created["id"]))
    validate("WebhookEndpoint", read)
    assert "secret" not in read


@pytest.mark.parametrize("role", ["staff", "client"])
def test_only_admin_and_api_client_keys_manage_endpoints(api: Api, role: str) -> None:
    with pytest.raises(ProblemError) as refused:
        webhooks.list_endpoints(api.world, api.call(role))
    assert refused.value.status == 403
    webhooks.list_endpoints(api.world, api.call("api_client"))


@pytest.mark.parametrize(
    "url",
    ["http://example.com/h", "http://10.0.0.1/h", "ftp://127.0.0.1/h", "http://u:p@127.0.0.1/h"],
)
def test_urls_off_loopback_are_refused_unless_allowed(api: Api, url: str) -> None:
    with pytest.raises(ProblemError) as refused:
        _endpoint(api, url=url)
    assert refused.value.status == 400
    assert refused.value.extra["errors"][0]["pointer"] == "/url"
    assert not api.world.outbox.endpoints


def test_an_allowed_host_may_receive(api: Api) -> None:
    api.world.outbox.policy = WebhookPolicy(allowed_hosts=frozenset({"hooks.example.test"}))
    for url in ("http://hooks.example.test/h", "https://localhost:8443/h", "http://[::1]:9/h"):
        _endpoint(api, url=url)


def test_a_session_keeps_a_bounded_number_of_endpoints(api: Api) -> None:
    for _ in range(WEBHOOK_MAX_ENDPOINTS):
        _endpoint(api)
    with pytest.raises(ProblemError) as refused:
        _endpoint(api)
    assert refused.value.code == "too-many-endpoints"


def test_a_cancel_queues_one_event_per_subscribed_endpoint_in_order(api: Api) -> None:
    every = _endpoint(api)
    cancels = _endpoint(api, events=["appointment.canceled"])
    _endpoint(api, events=["appointment.purged"])
    booked = api.book()
    canceled = api.cancel(booked["id"], reason_code=10)

    assert [e["type"] for e in _pending(api.world, every["id"])] == [
        "appointment.created",
        "attendee.created",  # the audit action attendee.added
        "appointment.canceled",
        "attendee.canceled",
    ]
    (event,) = _pending(api.world, cancels["id"])
    validate("AppointmentCanceledEvent", event)
    assert event["data"] == canceled  # as a read returns it once the change committed
    audit = api.world.audit_by_appointment[booked["id"]]
    assert event["id"] == next(a.id for a in audit if a.action == "appointment.canceled")
    assert event["request_id"] == api.call().request_id


def test_the_created_event_shows_the_appointment_as_committed(api: Api) -> None:
    every = _endpoint(api)
    booked = api.book()
    created = _pending(api.world, every["id"])[0]
    assert (
        created["data"]["attendee_counts"]
        == booked["attendee_counts"]
        == {
            "total": 1,
            "active": 1,
            "canceled": 0,
        }
    )


def test_a_failed_transaction_queues_nothing(api: Api) -> None:
    every = _endpoint(api)
    booked = api.book()
    queued = len(api.world.outbox.queues[str(every["id"])])

    def cancel_then_fail() -> None:
        with api.world.atomic():
            api.cancel(booked["id"], reason_code=10)
            raise RuntimeError("the response check failed")

    with pytest.raises(RuntimeError):
        cancel_then_fail()
    assert len(api.world.outbox.queues[str(every["id"])]) == queued
    assert len(api.world.outbox.deliveries) == queued


def test_a_refused_request_queues_nothing(api: Api) -> None:
    every = _endpoint(api)
    booked = api.book()
    before = len(api.world.outbox.deliveries)
    with pytest.raises(ProblemError):
        api.cancel(booked["id"], reason_code=999)
    assert len(api.world.outbox.deliveries) == before == len(_pending(api.world, every["id"]))


def test_a_disabled_endpoint_gets_no_new_events(api: Api) -> None:
    endpoint = _endpoint(api, enabled=False)
    api.book()
    assert _pending(api.world, endpoint["id"]) == []
    assert endpoint["disabled_reason"] == "manual"


def _attempt(world: World, endpoint_id: object, status: int | None) -> None:
    (due,) = world.outbox.due(world.clock.now())
    assert due.endpoint_id == endpoint_id
    webhooks.record_attempt(world, due.delivery_id, status=status, error=None, duration_ms=1)


def test_failed_attempts_back_off_on_the_session_clock_then_fail(api: Api) -> None:
    endpoint = _endpoint(api, events=["appointment.canceled"])
    api.cancel(api.book()["id"], reason_code=10)
    world = api.world
    policy = world.outbox.policy
    for delay in policy.retry_delays:
        _attempt(world, endpoint["id"], 500)
        assert world.outbox.due(world.clock.now()) == []
        world.clock.advance(delay - 1)
        assert world.outbox.due(world.clock.now()) == []
        world.clock.advance(1)
    _attempt(world, endpoint["id"], 503)
    (delivery,) = webhooks.list_deliveries(world, api.call(), str(endpoint["id"]))["items"]
    validate("WebhookDelivery", delivery)
    assert delivery["status"] == "failed"
    assert delivery["attempt_count"] == policy.max_attempts()
    assert delivery["next_attempt_at"] is None


def test_an_endpoint_failing_for_too_long_is_disabled_and_enabling_resumes(api: Api) -> None:
    world = api.world
    world.outbox.policy = WebhookPolicy(disable_after=timedelta(minutes=1))
    endpoint = _endpoint(api, events=["appointment.canceled"])
    api.cancel(api.book()["id"], reason_code=10)
    _attempt(world, endpoint["id"], 500)
    world.clock.advance(60)
    _attempt(world, endpoint["id"], 500)
    state = webhooks.get_endpoint(world, api.call(), str(endpoint["id"]))
    assert state["enabled"] is False
    assert state["disabled_reason"] == "failing"
    assert state["failing_since"] == "2030-03-04T06:00:00Z"
    world.clock.advance(3600)
    assert world.outbox.due(world.clock.now()) == []  # it waits while disabled
    webhooks.update_endpoint(world, api.call(), str(endpoint["id"]), {"enabled": True})
    _attempt(world, endpoint["id"], 204)
    state = webhooks.get_endpoint(world, api.call(), str(endpoint["id"]))
    assert state["enabled"] is True
    assert state["failing_since"] is None


def test_one_endpoint_gets_its_events_one_at_a_time_in_order(api: Api) -> None:
    endpoint = _endpoint(api)
    api.book()
    world = api.world
    first = world.outbox.due(world.clock.now())
    assert len(first) == 1
    assert world.outbox.due(world.clock.now()) == []
    webhooks.record_attempt(world, first[0].delivery_id, status=200, error=None, duration_ms=1)
    (second,) = world.outbox.due(world.clock.now())
    assert json.loads(second.body)["type"] == "attendee.created"
    assert second.endpoint_id == endpoint["id"]


def test_redeliver_queues_a_finished_delivery_again(api: Api) -> None:
    endpoint = _endpoint(api, events=["appointment.canceled"])
    api.cancel(api.book()["id"], reason_code=10)
    world = api.world
    (delivery,) = webhooks.list_deliveries(world, api.call(), str(endpoint["id"]))["items"]
    with pytest.raises(ProblemError) as pending:
        webhooks.redeliver(world, api.call(), str(endpoint["id"]), str(delivery["id"]))
    assert pending.value.code == "delivery-pending"
    _attempt(world, endpoint["id"], 204)
    again = webhooks.redeliver(world, api.call(), str(endpoint["id"]), str(delivery["id"]))
    assert again["status"] == "pending"
    assert again["attempt_count"] == 1
    (due,) = world.outbox.due(world.clock.now())
    assert due.event_id == delivery["event_id"]
    assert due.number == 2


def test_rotation_signs_with_both_secrets_until_the_grace_period_ends(api: Api) -> None:
    endpoint = _endpoint(api)
    rotated = webhooks.rotate_secret(
        api.world, api.call(), str(endpoint["id"]), {"grace_period_seconds": 60}
    )
    record = api.world.outbox.endpoints[str(endpoint["id"])]
    assert record.secrets(NOW) == (rotated["secret"], endpoint["secret"])
    assert record.secrets(NOW + timedelta(seconds=60)) == (rotated["secret"],)


def test_deleting_an_endpoint_forgets_its_deliveries(api: Api) -> None:
    endpoint = _endpoint(api)
    api.book()
    webhooks.delete_endpoint(api.world, api.call(), str(endpoint["id"]))
    assert api.world.outbox.deliveries == {}
    assert api.world.outbox.due(NOW) == []


def test_the_sender_is_woken_only_when_no_event_was_waiting(api: Api) -> None:
    """A request only adds its event; the sender, woken by the first one waiting, makes the
    deliveries. A burst of writes wakes it once, not once per write."""
    wakes: list[int] = []
    outbox = api.world.outbox
    outbox.notify = lambda: wakes.append(1)
    endpoint = _endpoint(api)
    first = api.book()
    assert len(wakes) == 1
    for hour in (10, 11, 12):
        api.book(f"2030-03-06T{hour}:00:00Z")
    assert len(wakes) == 1, "events added behind a waiting one must not wake the sender"
    assert outbox.events_waiting() == 8  # a booking: appointment.created and attendee.created
    queue = outbox.queues[str(endpoint["id"])]  # reading the queues makes their deliveries
    assert len(queue) == 8
    assert outbox.events_waiting() == 0
    while queue:  # the sender works through the queue
        webhooks.record_attempt(api.world, queue[0], status=204, error=None, duration_ms=1.0)
    assert len(wakes) == 1
    api.cancel(first["id"], reason_code=10)
    assert len(wakes) == 2, "an event added when none was waiting wakes the sender"


def test_a_sender_that_cannot_be_woken_does_not_fail_a_committed_change(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    """Waking the sender happens after the change has committed: should it fail, the change
    stands (reporting an error for it would be a lie) and its deliveries stay queued."""

    def broken() -> None:
        raise RuntimeError("the sender's loop is gone")

    api.world.outbox.notify = broken
    endpoint = _endpoint(api)
    booked = api.book()
    assert api.world.appointments[str(booked["id"])].status == "active"
    assert len(api.world.outbox.queues[str(endpoint["id"])]) == 2
    assert "could not wake the webhook sender" in caplog.text


def test_deliveries_made_later_are_those_the_event_had_when_it_occurred(api: Api) -> None:
    """Which endpoints get an event, its body and its time are fixed when it occurs; making its
    deliveries later (as the sender does while the API is idle) changes none of them."""
    outbox = api.world.outbox
    early = _endpoint(api)
    booked = api.book()
    late = _endpoint(api)  # created after the event: it must not get it
    api.world.clock.freeze(NOW + timedelta(hours=5))
    assert outbox.events_waiting() == 2  # appointment.created and attendee.created
    delivery, _ = (outbox.deliveries[d] for d in outbox.queues[str(early["id"])])
    assert not outbox.queues[str(late["id"])]
    assert delivery.created_at == delivery.next_attempt_at < NOW + timedelta(hours=5)
    assert delivery.id == delivery_id(delivery.event_id, str(early["id"]))
    body = json.loads(delivery.body)
    assert body["type"] == "appointment.created"
    assert body["data"]["id"] == booked["id"]


def test_an_endpoint_deleted_before_its_deliveries_are_made_gets_none(api: Api) -> None:
    outbox = api.world.outbox
    gone, kept = _endpoint(api), _endpoint(api)
    api.book()
    assert outbox.events_waiting() == 2
    webhooks.delete_endpoint(api.world, api.call(), str(gone["id"]))
    assert [outbox.deliveries[d].endpoint_id for d in outbox.queues[str(kept["id"])]] == [
        str(kept["id"])
    ] * 2
    assert str(gone["id"]) not in outbox.queues


def test_an_undone_change_leaves_no_event_waiting(api: Api) -> None:
    outbox = api.world.outbox
    _endpoint(api)

    def book_then_fail() -> None:
        with api.world.atomic():
            api.book()
            raise RuntimeError("the response check failed")

    with pytest.raises(RuntimeError):
        book_then_fail()
    assert outbox.events_waiting() == 0
    assert outbox.deliveries == {}


def test_events_beyond_the_waiting_limit_are_dropped_and_logged(
    api: Api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(outbox_module, "WEBHOOK_EVENTS_WAITING", 3)
    outbox = api.world.outbox
    endpoint = _endpoint(api)
    for hour in (13, 14, 15):  # two events each
        api.book(f"2030-03-06T{hour}:00:00Z")
    assert outbox.events_waiting() == 3
    assert "webhook events waiting are at their limit" in caplog.text
    assert len(outbox.queues[str(endpoint["id"])]) == 3
    api.book("2030-03-06T12:00:00Z")  # room again once they are made
    assert len(outbox.queues[str(endpoint["id"])]) == 5
