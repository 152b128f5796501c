"""Large mock worlds for the benchmarks: the demo data plus ``n`` appointments, loaded in bulk.

The appointments are individual, in the future, one client each (with its attendee record), spread
round-robin over the demo practitioners in 30-minute slots so that none overlap; one in ten is
canceled. They are loaded with ``World.add_appointments`` (one sort per index), not through the
booking rules, which would also write audit events and notifications for each.
"""

from __future__ import annotations

from datetime import timedelta

from appointments_mock.domain.context import SYSTEM
from appointments_mock.seed import CLIENTS, PRACTITIONERS, new_world
from appointments_mock.store import Appointment, Attendee, Cancellation, World


def big_world(n: int, *, seed: int = 0, retention_days: int = 30) -> World:
    """The demo world plus ``n`` future individual appointments."""
    world = new_world(seed=seed, retention_days=retention_days)
    now = world.clock.now().replace(minute=0, second=0, microsecond=0)
    first = now + timedelta(days=2)
    practitioners = [p.id for p in PRACTITIONERS]
    clients = [c.id for c in CLIENTS]
    appointments: list[Appointment] = []
    attendees: list[Attendee] = []
    for i in range(n):
        slot, practitioner = divmod(i, len(practitioners))
        start = first + timedelta(minutes=30 * slot)
        client = clients[i % len(clients)]
        appt = Appointment(
            id=world.new_id(),
            type="individual",
            status="active",
            starts_at=start,
            ends_at=start + timedelta(minutes=30),
            time_zone=None,
            practitioner_id=practitioners[practitioner],
            client_id=client,
            max_attendees=None,
            notes=None,
            series_id=None,
            repeat_rule=None,
            created_at=now,
            updated_at=now,
        )
        if i % 10 == 9:
            appt.status = "canceled"
            appt.cancellation = Cancellation(
                world.new_id(), 50, "Other", None, None, now, SYSTEM, False, False, False
            )
        appointments.append(appt)
        attendees.append(Attendee(world.new_id(), appt.id, client, now, now, status=appt.status))
    world.add_appointments(appointments)
    for attendee in attendees:
        world.add_attendee(attendee)
    return world


def cancelable_ids(world: World) -> list[str]:
    """The appointments that can still be canceled (active, not started), in start order."""
    now = world.clock.now()
    return [
        a.id
        for a in sorted(world.appointments.values(), key=lambda a: (a.starts_at, a.id))
        if a.status == "active"
        and a.type == "individual"
        and not a.locked
        and not a.deleted
        and a.starts_at > now
    ]
