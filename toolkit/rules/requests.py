"""What became of a request (要望事項): the status R5 checks and C3 follows (2(7)).

Each request has one status:
- 回答済 (answered): a 措置・回答 is written and says nothing of being still handled;
- 対応中 (pending): the answer says it is still being handled (検討中, 調整中, 上申 …; the
  words are the setting `pending_words`);
- 未回答 (open): nothing is written;
- 問題解決活動 (problem_solving): the answer says it became a 問題解決活動 theme, or it has
  stayed pending or open longer than `problem_solving_days` since the meeting at which it
  was raised — a candidate HQ should see.
Only 回答済 is done.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from toolkit.settings import PROBLEM_SOLVING_WORDS, Settings

ANSWERED, PENDING, OPEN, PROBLEM_SOLVING = "回答済", "対応中", "未回答", "問題解決活動"
STATUSES = (ANSWERED, PENDING, OPEN, PROBLEM_SOLVING)
# How each status is stored in the ledger.
STORED = {ANSWERED: "answered", PENDING: "pending", OPEN: "open", PROBLEM_SOLVING: "problem"}
FROM_STORED = {v: k for k, v in STORED.items()}


def written_status(response: str | None, settings: Settings) -> str:
    """The status a 措置・回答 states by its words alone (no time involved)."""
    if response is None or not response.strip():
        return OPEN
    text = "".join(unicodedata.normalize("NFKC", response).split())
    if any(word in text for word in PROBLEM_SOLVING_WORDS):
        return PROBLEM_SOLVING
    if any(word in text for word in settings.pending_words):
        return PENDING
    return ANSWERED


@dataclass(frozen=True, slots=True)
class RequestState:
    """A request's status on `settings.today`, and for how long it has not been done."""

    status: str
    written: str  # what the answer itself says (the status before time is counted)
    days_open: int | None  # from the meeting; None when answered or the meeting is unknown

    @property
    def done(self) -> bool:
        return self.status == ANSWERED

    @property
    def overdue(self) -> bool:
        """Still open or pending past the setting (a 問題解決活動 candidate by time)."""
        return self.status == PROBLEM_SOLVING and self.written in (OPEN, PENDING)


def request_state(written: str, raised: date | None, settings: Settings) -> RequestState:
    """The status of a request whose answer states `written`, raised at a meeting on
    `raised`, as of `settings.today`."""
    if written == ANSWERED:
        return RequestState(ANSWERED, written, None)
    days = (settings.today - raised).days if raised is not None else None
    if written in (OPEN, PENDING) and days is not None and days > settings.problem_solving_days:
        return RequestState(PROBLEM_SOLVING, written, days)
    return RequestState(written, written, days)
