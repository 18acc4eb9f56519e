"""Who came to a meeting, against who sits on the council (2(6)エ, Art. 3 and 6(4)), and
what the meeting used (2(7)).

A report gives only how many civilians attended (出席者数 民間), not who; the registry's
委員 sheet gives who the members are and for how long. From the two:
- under half: fewer civilians than half the members serving on the day — at most that
  many members can have come;
- non-members: more civilians than members serving — at least the difference were not
  members (2(6)エ asks for it: 委員以外の地域住民等の参加);
- terms over: the council has members registered, and every one's term had ended before
  the meeting (Art. 3(5)) — it met with no member appointed;
- materials: the report mentions 広報紙・統計資料 (2(7) 効果的な活用; the words are the
  setting `material_words`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from toolkit.registry import Member


@dataclass(frozen=True, slots=True)
class Attendance:
    """One meeting's civilians against the council's members serving on its day."""

    serving: int  # members whose term covers the day
    registered: int  # members of the council in the registry, any term
    civilians: int | None
    terms_over: bool = False

    @property
    def under_half(self) -> bool:
        """Fewer civilians than half the members serving."""
        return self.civilians is not None and self.serving > 0 and 2 * self.civilians < self.serving

    @property
    def non_members(self) -> bool:
        """More civilians than members serving: some were not members."""
        return self.civilians is not None and self.serving > 0 and self.civilians > self.serving


def serving_on(member: Member, day: date) -> bool:
    """Is the member appointed on `day` (a blank date does not limit)?"""
    started = member.appointed is None or member.appointed <= day
    return started and (member.term_end is None or day <= member.term_end)


def attendance(members: Sequence[Member], day: date, civilians: int | None) -> Attendance:
    """The attendance of a meeting on `day` of a council with these registered members."""
    serving = sum(1 for m in members if serving_on(m, day))
    ended = bool(members) and all(m.term_end is not None and m.term_end < day for m in members)
    return Attendance(serving, len(members), civilians, ended)
