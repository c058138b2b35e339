"""Sentences of one document that report one exchange become one: a later sentence adds its
counterparts or its date to the exchange it speaks of, instead of making another."""

from __future__ import annotations

import re
from dataclasses import replace

from partynet.domain import PartialDate
from partynet.extract.claims import claims_in
from partynet.extract.model import GATHERINGS, Exchange, Kind, Participant, Role

# a sentence that speaks of a gathering already named: "attended the event", "此次会议"
_REFERS_BACK = re.compile(
    r"\bthe (?:event|meeting|conference|forum|dialogue|briefing|seminar|session|summit|gathering|"
    r"symposium|workshop)\b|此次|本次|该次|該次|会上|會上|会议期间|會議期間",
    re.IGNORECASE,
)
MERGE_OVERLAP = 0.5  # sentences about one exchange share at least this share of their counterparts


def open_gathering(exchanges: list[Exchange]) -> bool:
    return bool(exchanges) and not exchanges[-1].participants


def join_last(
    exchanges: list[Exchange],
    participants: list[Participant],
    kinds: frozenset[Kind],
    role: Role,
    *,
    parties_only: bool = False,
) -> None:
    """Counterparts a sentence names for the exchange just reported, when it is of one of `kinds`:
    the attendees a gathering's next sentences list, the party that invited a visitor met before."""
    last = exchanges[-1]
    if last.kind not in kinds:
        return
    known = {p.party_id for p in last.participants}
    extra = tuple(
        replace(p, role=role)
        for p in participants
        if p.party_id not in known and not (parties_only and p.non_party)
    )
    if extra:
        exchanges[-1] = replace(last, participants=last.participants + extra)


def add_merged(exchanges: list[Exchange], new: Exchange) -> None:
    """A later sentence about the same exchange (same kind family, shared counterparts, no other
    date) adds its counterparts to it instead of making another."""
    new_ids = {p.party_id for p in new.participants}
    if _joins_same_forum(exchanges, new, new_ids):
        return
    if not new_ids and joins_last_gathering(exchanges, new):
        return
    for i, old in enumerate(exchanges):
        old_ids = {p.party_id for p in old.participants}
        gathering = old.kind in GATHERINGS and new.kind in GATHERINGS
        if not old_ids and (gathering or _family(old.kind) == _family(new.kind)) and i == len(exchanges) - 1:
            exchanges[i] = replace(
                old,
                participants=new.participants,
                date=_better_date(old, new),
                date_from_text=old.date_from_text or new.date_from_text,
            )
            return
        if not new_ids or not old_ids:
            continue
        overlap = len(new_ids & old_ids) / len(new_ids | old_ids)
        same_family = _family(old.kind) == _family(new.kind)
        # a date only carried over from the document does not tell apart two mentions of one exchange
        same_forum = old.mechanism_id is not None and old.mechanism_id == new.mechanism_id
        other_forum = None not in (old.mechanism_id, new.mechanism_id) and not same_forum
        # (and one whose counterparts all come back, with more, in a dated sentence)
        carried = not old.date_from_text and (
            new_ids == old_ids or same_forum or (len(old_ids) > 1 and old_ids <= new_ids)
        )
        same_date = old.date is None or new.date is None or old.date == new.date or carried
        if (
            overlap >= MERGE_OVERLAP
            and same_family
            and same_date
            and not other_forum
            and _same_sender(old, new)
            and not _other_figures(old, new)
        ):
            extra = tuple(p for p in new.participants if p.party_id not in old_ids)
            exchanges[i] = replace(
                old,
                kind=_met(old, new),
                participants=old.participants + extra,
                date=_better_date(old, new),
                date_from_text=old.date_from_text or new.date_from_text,
            )
            return
    exchanges.append(new)


def _joins_same_forum(exchanges: list[Exchange], new: Exchange, new_ids: set[str | None]) -> bool:
    """A sentence about a named forum the report already told of, naming none of the parties it did
    not ("the Third Seminar opened today" under the seminar's headline), is about that gathering: it
    becomes the last one told of, so that the participants the next sentences list join it."""
    for i, old in enumerate(exchanges):
        if (
            new.mechanism_id is not None
            and old.mechanism_id == new.mechanism_id
            and {old.kind, new.kind} <= GATHERINGS
            and new_ids <= {p.party_id for p in old.participants}
            and not (old.date_from_text and new.date_from_text and old.date != new.date)
        ):
            del exchanges[i]
            exchanges.append(
                replace(
                    old, date=_better_date(old, new), date_from_text=old.date_from_text or new.date_from_text
                )
            )
            return True
    return False


def _better_date(old: Exchange, new: Exchange) -> PartialDate | None:
    """A date the text gives beats one carried over ("met on Tuesday" after a dated headline)."""
    return new.date if new.date_from_text and not old.date_from_text else old.date or new.date


def joins_last_gathering(exchanges: list[Exchange], new: Exchange) -> bool:
    """A sentence about the last gathering that names none of its participants: 'The forum, held on
    March 15, ...' dates a gathering named without its date; 'Over 230 party leaders attended the
    event' adds nothing to count twice."""
    last = exchanges[-1] if exchanges else None
    if last is None or not {last.kind, new.kind} <= GATHERINGS:
        return False
    if new.date_from_text and not last.date_from_text:
        exchanges[-1] = replace(last, date=new.date, date_from_text=True)
        return True
    refers_back = _REFERS_BACK.search(new.evidence.text) is not None
    return refers_back and (not new.date_from_text or new.date == last.date)


def _other_figures(old: Exchange, new: Exchange) -> bool:
    """'A joint letter with 240 parties' and 'messages to 110 parties' are two events: sentences that
    give different counts of participants do not speak of one exchange."""
    counts = [{(c.parties, c.countries) for c in claims_in(e.evidence)} for e in (old, new)]
    return all(counts) and not counts[0] & counts[1]


def _same_sender(old: Exchange, new: Exchange) -> bool:
    """A reply is a message of its own: letters merge only when they come from the same sender."""
    if old.kind is not Kind.MESSAGE:
        return True
    senders = [{p.party_id for p in e.participants if p.role is Role.SENDER} for e in (old, new)]
    return not all(senders) or senders[0] == senders[1]


def _met(old: Exchange, new: Exchange) -> Kind:
    """A visit is a trip with no meeting told: one whose meeting a later sentence tells is a meeting."""
    return Kind.MEETING if old.kind is Kind.VISIT and new.kind is Kind.MEETING else old.kind


def _family(kind: Kind) -> Kind:
    return Kind.MEETING if kind is Kind.VISIT else kind
