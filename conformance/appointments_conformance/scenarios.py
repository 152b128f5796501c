"""The rules of the Appointments API as runnable scenarios: one row each, grouped by rule.

Every scenario has a stable id (``group.name``), the rule it checks in one line (from the spec's
own descriptions), the roles whose keys it needs, whether it needs the mock's control API (time
travel), and the function that makes the requests. ``SCENARIOS`` is the table; the runner
interprets it. A scenario raises ``RuleBroken`` when the server breaks its rule, ``Skip`` when it
cannot run against this target.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from appointments import GoneError
from appointments.models import AvailabilitySlot
from appointments_conformance.kit import Context, Skip


@dataclass(frozen=True)
class Scenario:
    """One rule, and how to check it."""

    id: str
    rule: str
    run: Callable[[Context], None]
    roles: tuple[str, ...] = ("admin",)
    needs_control: bool = False

    @property
    def group(self) -> str:
        return self.id.split(".", 1)[0]


SCENARIOS: list[Scenario] = []


def scenario(
    id: str, rule: str, *, roles: tuple[str, ...] = ("admin",), needs_control: bool = False
) -> Callable[[Callable[[Context], None]], Callable[[Context], None]]:
    """Add the decorated function to ``SCENARIOS``."""

    def add(run: Callable[[Context], None]) -> Callable[[Context], None]:
        SCENARIOS.append(Scenario(id, rule, run, roles, needs_control))
        return run

    return add


# -- cancel: a business event, final ------------------------------------------------------------


@scenario("cancel.keeps-the-record", "A cancel keeps the record, with its reason, note and actor.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = ctx.book()
    admin.appointments.cancel(booked.id, reason_code=50, note="conformance", if_match=booked)
    got = admin.appointments.get(booked.id)
    ctx.expect(got.status == "canceled", "the canceled appointment is still there, canceled")
    ctx.expect(got.cancellation is not None, "the cancellation is recorded")
    assert got.cancellation is not None
    ctx.expect(got.cancellation.reason_code == 50, "the reason code is kept")
    ctx.expect(got.cancellation.note == "conformance", "the note is kept")
    ctx.expect(got.cancellation.canceled_by is not None, "who canceled is kept")


@scenario("cancel.is-final", "Canceling twice is 409 already-canceled.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = ctx.book()
    admin.appointments.cancel(booked.id, reason_code=30)
    with ctx.refused(409, "already-canceled"):
        admin.appointments.cancel(booked.id, reason_code=30)


@scenario(
    "cancel.cannot-reactivate", "Setting a canceled appointment active is 409 cannot-reactivate."
)
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = ctx.book()
    admin.appointments.cancel(booked.id, reason_code=30)
    with ctx.refused(409, "cannot-reactivate"):
        admin.appointments.update(booked.id, status="active")


@scenario("cancel.lists-default-to-active", "Lists show active appointments unless asked for more.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = ctx.book()
    admin.appointments.cancel(booked.id, reason_code=30)
    after, before = booked.starts_at - timedelta(minutes=1), booked.ends_at
    default = [a.id for a in admin.appointments.list(starts_after=after, starts_before=before)]
    ctx.expect(booked.id not in default, "a canceled appointment is not in the default list")
    asked = [a.id for a in admin.appointments.list(status=["canceled"], starts_after=after,
                                                   starts_before=before)]  # fmt: skip
    ctx.expect(booked.id in asked, "status=canceled lists it")


@scenario("cancel.frees-the-slot", "A canceled appointment takes no time: its slot is free again.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    start, _ = ctx.target.slot(0)

    def slots() -> list[AvailabilitySlot]:
        return list(admin.availability.list(practitioner_id=ctx.world.practitioner_id,
                                            from_=start, to=start + timedelta(days=14),
                                            duration_minutes=30))  # fmt: skip

    free = slots()
    if not free:
        raise Skip("the practitioner has no working hours in the run's window")
    slot = free[len(free) // 2]
    booked = admin.appointments.create(
        type="individual", starts_at=slot.starts_at, ends_at=slot.ends_at,
        practitioner_id=ctx.world.practitioner_id, client_id=ctx.world.booker_id,
        notes=ctx.target.tag,
    )  # fmt: skip
    ctx.world.created.append(str(booked.id))
    taken = {s.starts_at for s in slots()}
    ctx.expect(slot.starts_at not in taken, "a booked slot is not offered")
    admin.appointments.cancel(booked.id, reason_code=30)
    freed = {s.starts_at for s in slots()}
    ctx.expect(slot.starts_at in freed, "the canceled appointment's slot is offered again")


# -- visibility by role -------------------------------------------------------------------------


@scenario("visibility.client-never-sees-canceled", "A client key never sees canceled appointments.",
          roles=("admin", "client"))  # fmt: skip
def _(ctx: Context) -> None:
    booked = ctx.book(client_id=ctx.world.client_id)
    client = ctx.target.client("client")
    ctx.expect(client.appointments.get(booked.id).id == booked.id, "the client sees its own")
    ctx.target.client("admin").appointments.cancel(booked.id, reason_code=30)
    with ctx.refused(404, "not-found"):
        client.appointments.get(booked.id)
    listed = [a.id for a in client.appointments.list(status=["active", "canceled"])]
    ctx.expect(booked.id not in listed, "nor lists them")


@scenario("visibility.hidden-is-404-not-403", "A resource the caller may not see is 404, not 403.",
          roles=("admin", "client"))  # fmt: skip
def _(ctx: Context) -> None:
    other = ctx.book(client_id=ctx.world.other_client_id)
    with ctx.refused(404, "not-found"):
        ctx.target.client("client").appointments.get(other.id)


@scenario("visibility.staff-see-their-practitioner", "A staff key sees only its practitioner's.",
          roles=("admin", "staff"))  # fmt: skip
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    others = [str(p.id) for p in admin.practitioners.list()
              if str(p.id) != ctx.world.practitioner_id and p.active]  # fmt: skip
    if not others:
        raise Skip("the target has one practitioner only")
    start, end = ctx.next_slot()
    elsewhere = admin.appointments.create(type="group", starts_at=start, ends_at=end,
                                          practitioner_id=others[0], max_attendees=2,
                                          notes=ctx.target.tag)  # fmt: skip
    ctx.world.created.append(str(elsewhere.id))
    with ctx.refused(404, "not-found"):
        ctx.target.client("staff").appointments.get(elsewhere.id)


@scenario("visibility.client-books-for-itself", "A client key books for itself only (403 otherwise).",
          roles=("admin", "client"))  # fmt: skip
def _(ctx: Context) -> None:
    start, end = ctx.next_slot()
    with ctx.refused(403):
        ctx.target.client("client").appointments.create(
            type="individual", starts_at=start, ends_at=end,
            practitioner_id=ctx.world.practitioner_id, client_id=ctx.world.other_client_id,
        )  # fmt: skip


# -- soft delete: data management ----------------------------------------------------------------


@scenario("delete.is-soft", "A deleted appointment answers 410 with deleted_at and purge_at.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = ctx.book()
    admin.appointments.delete(booked.id)
    with ctx.refused(410) as caught:
        admin.appointments.get(booked.id)
    gone = caught[0]
    ctx.expect(isinstance(gone, GoneError) and gone.purge_at is not None, "410 carries purge_at")
    shown = admin.appointments.get(booked.id, show_deleted=True)
    ctx.expect(shown.deleted_at is not None, "show_deleted=true returns it, with deleted_at")
    listed = [a.id for a in admin.appointments.list(deleted="only")]
    ctx.expect(booked.id in listed, "deleted=only lists it")


@scenario("delete.restore-brings-it-back", "Restore brings a deleted appointment back as it was.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = ctx.book()
    admin.appointments.cancel(booked.id, reason_code=30)
    admin.appointments.delete(booked.id)
    restored = admin.appointments.restore(booked.id)
    ctx.expect(restored.deleted_at is None, "it is live again")
    ctx.expect(restored.status == "canceled", "and still canceled: restore does not reactivate")
    with ctx.refused(409, "not-deleted"):
        admin.appointments.restore(booked.id)


@scenario("delete.purge-is-permanent", "Purge erases a deleted appointment; its audit trail stays.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = ctx.book()
    admin.appointments.delete(booked.id)
    admin.appointments.purge(booked.id)
    ctx.world.created.remove(str(booked.id))
    with ctx.refused(404, "not-found"):
        admin.appointments.get(booked.id, show_deleted=True)
    actions = [e.action for e in admin.appointments.audit_events(booked.id)]
    ctx.expect("appointment.purged" in actions, "the audit trail records the purge")
    ctx.expect("appointment.created" in actions, "and what came before it")


@scenario("delete.purge-needs-a-delete", "Only a soft-deleted appointment can be purged (409).")
def _(ctx: Context) -> None:
    booked = ctx.book()
    with ctx.refused(409, "not-deleted"):
        ctx.target.client("admin").appointments.purge(booked.id)


@scenario("delete.retention-purges", "The retention running out purges a deleted appointment.",
          needs_control=True)  # fmt: skip
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = ctx.book()
    deleted = admin.appointments.delete(booked.id)
    assert deleted.purge_at is not None
    now = ctx.target.control("GET", "/clock").json()["now"]
    ctx.target.control("POST", "/clock/freeze", json={"at": now})
    days = (deleted.purge_at - deleted.deleted_at).days + 1 if deleted.deleted_at else 31
    ctx.target.control("POST", "/clock/advance", json={"days": days})
    try:
        with ctx.refused(404, "not-found"):
            admin.appointments.get(booked.id, show_deleted=True)
    finally:
        ctx.target.control("POST", "/clock/resume")
    ctx.world.created.remove(str(booked.id))


# -- guards, in their documented order ----------------------------------------------------------


@scenario("guards.authentication-first", "Without a valid key, even an unknown id is 401.")
def _(ctx: Context) -> None:
    response = ctx.target.raw("GET", "/appointments/00000000-0000-4000-8000-000000000000",
                              role=None)  # fmt: skip
    ctx.expect(response.status_code == 401, f"expected 401, got {response.status_code}")
    ctx.expect("www-authenticate" in response.headers, "401 carries WWW-Authenticate")


@scenario("guards.permission-before-existence", "A role that may not act is 403 before 404.",
          roles=("client",))  # fmt: skip
def _(ctx: Context) -> None:
    with ctx.refused(403):
        ctx.target.client("client").appointments.purge("00000000-0000-4000-8000-000000000000")


@scenario("guards.stale-if-match-is-412", "A stale If-Match is 412 and changes nothing.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = ctx.book()
    admin.appointments.update(booked.id, notes=f"{ctx.target.tag} (moved on)", if_match=booked)
    with ctx.refused(412, "precondition-failed"):
        admin.appointments.cancel(booked.id, reason_code=30, if_match=booked)
    ctx.expect(admin.appointments.get(booked.id).status == "active", "nothing changed")


@scenario("guards.deleted-before-if-match", "On a deleted appointment, 410 comes before 412.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = ctx.book()
    admin.appointments.delete(booked.id)
    with ctx.refused(410):
        admin.appointments.cancel(booked.id, reason_code=30, if_match='"999999"')


@scenario("guards.state-before-body", "A state conflict (409) comes before body rules (400).")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = ctx.book()
    admin.appointments.cancel(booked.id, reason_code=30)
    with ctx.refused(409, "already-canceled"):
        admin.appointments.cancel(booked.id, reason_code=50)  # reason 50 would need a note


# -- idempotency ------------------------------------------------------------------------------------


@scenario("idempotency.replays", "The same Idempotency-Key and body replay the first response.")
def _(ctx: Context) -> None:
    start, end = ctx.next_slot()
    body = {"type": "individual", "starts_at": start.isoformat(), "ends_at": end.isoformat(),
            "practitioner_id": ctx.world.practitioner_id, "client_id": ctx.world.booker_id,
            "notes": ctx.target.tag}  # fmt: skip
    key = {"Idempotency-Key": f"{ctx.target.run_id}-replay"}
    first = ctx.target.raw("POST", "/appointments", json=body, headers=key)
    ctx.expect(first.status_code == 201, f"the first create is 201 (got {first.status_code})")
    ctx.world.created.append(first.json()["id"])
    again = ctx.target.raw("POST", "/appointments", json=body, headers=key)
    ctx.expect(again.status_code == 201, "the replay has the first status")
    ctx.expect(again.json().get("id") == first.json()["id"], "and the same appointment")
    ctx.expect(again.headers.get("idempotent-replayed") == "true", "marked Idempotent-Replayed")
    other = ctx.target.raw("POST", "/appointments", json={**body, "notes": "other"}, headers=key)
    ctx.expect(other.status_code == 422, f"another body with the key is 422 ({other.status_code})")


# -- attendees ----------------------------------------------------------------------------------


@scenario("attendees.capacity", "A full group appointment is 409 appointment-full.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    group = ctx.book(type="group", max_attendees=1)
    admin.attendees.create(group.id, client_id=ctx.world.booker_id)
    with ctx.refused(409, "appointment-full"):
        admin.attendees.create(group.id, client_id=ctx.world.other_client_id)


@scenario("attendees.use-appointment-cancel",
          "The attendee of an individual appointment is canceled with it (409 use-appointment-cancel).")  # fmt: skip
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = ctx.book()
    (attendee,) = list(admin.attendees.list(booked.id))
    with ctx.refused(409, "use-appointment-cancel"):
        admin.attendees.cancel(booked.id, attendee.id, reason_code=30)


@scenario("attendees.cancel-cascades", "Canceling a group cancels its active attendees.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    group = ctx.book(type="group", max_attendees=3)
    admin.attendees.create(group.id, client_id=ctx.world.booker_id)
    admin.appointments.cancel(group.id, reason_code=30)
    statuses = {a.status for a in admin.attendees.list(group.id, status=["active", "canceled"])}
    ctx.expect(statuses == {"canceled"}, f"every attendee is canceled (got {sorted(statuses)})")


# -- problems ---------------------------------------------------------------------------------------


@scenario("problems.shape", "Every error is application/problem+json with a stable code.")
def _(ctx: Context) -> None:
    response = ctx.target.raw("GET", "/appointments/00000000-0000-4000-8000-000000000000")
    ctx.expect(response.status_code == 404, f"an unknown id is 404 (got {response.status_code})")
    ctx.expect(response.headers.get("content-type", "").startswith("application/problem+json"),
               "as application/problem+json")  # fmt: skip
    problem = response.json()
    for member in ("type", "title", "status", "code"):
        ctx.expect(member in problem, f"the problem has {member}")
    ctx.expect(problem.get("status") == 404, "whose status is the response's")


@scenario("problems.every-error-listed", "A 400 lists every error, each with its location.")
def _(ctx: Context) -> None:
    body = {"type": "weekly", "starts_at": "tomorrow", "practitioner_id": "nope",
            "notes": 5, "surprise": True}  # fmt: skip
    response = ctx.target.raw("POST", "/appointments?colour=blue", json=body)
    ctx.expect(response.status_code == 400, f"expected 400, got {response.status_code}")
    errors = response.json().get("errors", [])
    located = {e.get("pointer") or e.get("parameter") or e.get("header") for e in errors}
    for where in ("/type", "/starts_at", "/practitioner_id", "/notes", "colour"):
        ctx.expect(where in located, f"the error at {where} is listed")


# -- pagination -----------------------------------------------------------------------------------


@scenario("pagination.consistent", "Paging with next_page_token sees every item once.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    booked = [ctx.book() for _ in range(3)]
    after = booked[0].starts_at - timedelta(minutes=1)
    before = booked[-1].ends_at + timedelta(minutes=1)
    seen = []
    pages = admin.appointments.list(page_size=1, starts_after=after, starts_before=before)
    for page in pages.iter_pages():
        ctx.expect(page.total_size == len(booked), f"total_size is {len(booked)} on every page")
        ctx.expect(len(page.items) <= 1, "a page holds at most page_size items")
        seen += [a.id for a in page.items]
    ctx.expect(sorted(seen) == sorted(b.id for b in booked), "each appears once, none is missing")


# -- strictness (what a client can rely on failing) -----------------------------------------------


@scenario("strict.unknown-members-are-400", "Unknown query parameters and body members are 400.")
def _(ctx: Context) -> None:
    booked = ctx.book()
    response = ctx.target.raw("PATCH", f"/appointments/{booked.id}", json={"colour": "blue"})
    ctx.expect(response.status_code == 400, f"an unknown member is 400 ({response.status_code})")
    listed = ctx.target.raw("GET", "/appointments?colour=blue")
    ctx.expect(listed.status_code == 400, f"an unknown parameter is 400 ({listed.status_code})")


@scenario("strict.not-found-after-purge", "A purged or unknown id is 404 on every operation.")
def _(ctx: Context) -> None:
    admin = ctx.target.client("admin")
    unknown = "00000000-0000-4000-8000-000000000000"
    calls: list[Callable[[], object]] = [
        lambda: admin.appointments.get(unknown),
        lambda: admin.appointments.cancel(unknown, reason_code=30),
        lambda: admin.appointments.delete(unknown),
    ]
    for call in calls:
        with ctx.refused(404, "not-found"):
            call()
