"""A calendar feed (``domain/calendars.py``) as ``text/calendar`` (RFC 5545), via ``icalendar``.

``icalendar`` does the escaping, the line folding at 75 octets, CRLF line ends and the
``VTIMEZONE`` of every time zone used (its transitions over the span of the feed's events).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from appointments_mock.domain.calendars import Event, Feed, Person

if TYPE_CHECKING:
    import icalendar

MEDIA_TYPE = "text/calendar"
PRODID = "-//Appointments API//Calendar feed//EN"


def _address(person: Person) -> icalendar.vCalAddress:
    import icalendar  # imported on the first feed: it would add about 0.2 s to every start-up

    uri = f"mailto:{person.email}" if person.email else f"urn:uuid:{person.id}"
    address = icalendar.vCalAddress(uri)
    address.params["CN"] = person.name
    return address


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _event(event: Event) -> icalendar.Event:
    import icalendar

    zone = _zone(event.time_zone)
    item = icalendar.Event()
    item.add("uid", event.uid)
    item.add("sequence", event.sequence)
    item.add("status", event.status)
    item.add("dtstamp", event.updated_at)
    item.add("created", event.created_at)
    item.add("last-modified", event.updated_at)
    item.add("dtstart", event.starts_at.astimezone(zone))
    item.add("dtend", event.ends_at.astimezone(zone))
    item.add("summary", event.summary)
    if event.description:
        item.add("description", event.description)
    item.add("organizer", _address(event.organizer))
    for person in event.attendees:
        attendee = _address(person)
        attendee.params["PARTSTAT"] = person.status
        item.add("attendee", attendee, encode=False)
    return item


def render(feed: Feed) -> bytes:
    """The feed as an iCalendar object (UTF-8, CRLF)."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", feed.name)
    zones = sorted({_zone(event.time_zone).key for event in feed.events})
    if feed.events:
        first = min(event.starts_at for event in feed.events).date() - timedelta(days=1)
        last = max(event.ends_at for event in feed.events).date() + timedelta(days=1)
        for name in zones:
            if name != "UTC":
                calendar.add_component(
                    icalendar.Timezone.from_tzid(name, first_date=first, last_date=last)
                )
    for event in feed.events:
        calendar.add_component(_event(event))
    data: bytes = calendar.to_ical()
    return data
