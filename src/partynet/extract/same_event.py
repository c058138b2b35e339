"""Reports of one exchange become one exchange: the same kind of exchange, dated within a couple of days
of each other, between counterparts that mostly coincide (at least two in common, or the same named
forum). Pure decision; the store applies it when it writes a report's exchanges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partynet.domain import DatePrecision, PartialDate

MAX_DAYS_APART = 2
MIN_OVERLAP = 0.5  # shared counterparts over all counterparts of the two
MIN_SHARED = 2
_FAMILY = {"visit": "meeting"}
# exchanges of several days: reports may date one by another of its days (a visit by its first day)
_SPANS = frozenset(("visit", "conference", "briefing"))


@dataclass(frozen=True, slots=True)
class EventKey:
    kind: str
    date: PartialDate | None
    parties: frozenset[str]
    mechanism_id: str | None = None
    stated: bool = False  # whether the report's own text states the date (not only its dateline)


def same_event(a: EventKey, b: EventKey) -> bool:
    if _FAMILY.get(a.kind, a.kind) != _FAMILY.get(b.kind, b.kind) or not _close_dates(a.date, b.date):
        return False
    if a.stated and b.stated and a.date != b.date and not {a.kind, b.kind} & _SPANS:
        return False  # two reports that each say which day they met tell of two meetings
    shared = a.parties & b.parties
    if a.mechanism_id and a.mechanism_id == b.mechanism_id:
        return bool(shared)
    return len(shared) >= MIN_SHARED and len(shared) / len(a.parties | b.parties) >= MIN_OVERLAP


def date_window(value: PartialDate) -> tuple[str, str]:
    """The range of stored date strings an event of this date may share (ISO strings sort as dates)."""
    if value.precision is not DatePrecision.DAY:
        return value.value, value.value + "~"
    day = date.fromisoformat(value.value)
    return (day.fromordinal(day.toordinal() - MAX_DAYS_APART).isoformat(),
            day.fromordinal(day.toordinal() + MAX_DAYS_APART).isoformat())  # fmt: skip


def _close_dates(a: PartialDate | None, b: PartialDate | None) -> bool:
    """Undated reports are never merged: without a date two reports may be of two visits."""
    if a is None or b is None or a.precision != b.precision:
        return False
    if a.precision is not DatePrecision.DAY:
        return a.value == b.value
    return (
        abs(date.fromisoformat(a.value).toordinal() - date.fromisoformat(b.value).toordinal())
        <= MAX_DAYS_APART
    )
