"""The due list as an iCalendar file (RFC 5545) for the DPO's own calendar.

Each duty becomes an event on its day (a breach's deadline at its hour) with a reminder.
The file leaves the app, perhaps into a synchronised calendar: it carries titles and places
to act, never the name of a person (``DueItem.person`` stays out).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

from dpo_desk.core.due import DueItem
from dpo_desk.reports.atomic import write_atomically
from dpo_desk.services.due.items import DueList

PRODUCT = "-//dpo_desk//Fällige Termine//DE"
UID_DOMAIN = "dpo-desk.local"


def _event(item: DueItem, stamp: datetime) -> Event:
    event = Event()
    event.add(
        "uid",
        f"{item.uid or f'{item.kind}-{item.due.isoformat()}'}-{item.school_id or 0}@{UID_DOMAIN}",
    )
    event.add("dtstamp", stamp)
    event.add("summary", item.title)
    where = "" if item.school_id is None else f"{item.school_name}: "
    event.add("description", f"{where}{item.kind_label}. {item.detail}".strip())
    if item.due_at is not None:
        event.add("dtstart", item.due_at)
        event.add("dtend", item.due_at + timedelta(minutes=30))
        before = timedelta(hours=24)
    else:
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        before = timedelta(days=7)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", item.title)
    alarm.add("trigger", -before)
    event.add_component(alarm)
    return event


def due_calendar(due: DueList) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Datenschutz: Fällige Termine")
    for item in due.items:
        calendar.add_component(_event(item, due.now))
    return calendar.to_ical()


def export_calendar(due: DueList, path: str | os.PathLike[str]) -> int:
    """Write the calendar file atomically (German ``DocumentError`` when it cannot be
    written); returns the number of events."""
    write_atomically(path, due_calendar(due))
    return len(due.items)
