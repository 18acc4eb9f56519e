"""What became of a request (要望事項): the status R5 checks and C3 follows (2(7)).

Each request has one status, from what its 措置・回答 says — the four words every sheet,
page and letter uses with this one meaning:
- 回答済 (answered): an answer is written and its last clause says what was done or
  decided;
- 対応中 (pending): the last clause says it is still being handled — it ends with one of
  the setting `pending_words` (…予定, …する方向, …を依頼した, 検討中です …), whatever
  polite ending follows. A word earlier in the answer does not count: 「予定どおり実施した」
  is answered, 「防犯訓練を１１月に行う予定」 is pending;
- 未回答 (open): nothing is written;
- 問題解決活動 (problem_solving): the answer says the matter became a 問題解決活動 theme.
Only 回答済 is done. Time does not change the status: a request still open or pending
longer than `problem_solving_days` after the meeting at which it was raised keeps it and
carries the mark 長期 — it is listed as a 問題解決活動の候補, HQ's prompt to the station,
never a claim that the activity exists.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from toolkit.settings import PROBLEM_SOLVING_WORDS, Settings

ANSWERED, PENDING, OPEN, PROBLEM_SOLVING = "回答済", "対応中", "未回答", "問題解決活動"
STATUSES = (ANSWERED, PENDING, OPEN, PROBLEM_SOLVING)
LONG = "長期"  # a mark, not a status
CANDIDATE = "問題解決活動の候補"  # what a 長期 request is listed as
# How each status is stored in the ledger.
STORED = {ANSWERED: "answered", PENDING: "pending", OPEN: "open", PROBLEM_SOLVING: "problem"}
FROM_STORED = {v: k for k, v in STORED.items()}

# Sentences end at these; the last sentence with words in it is the answer's last clause.
_SENTENCE_END = re.compile(r"[。．.!！?？\n]+")
# What may follow a pending word at the very end of the answer without saying it was done:
# verb endings of the word itself (検討中です, 依頼済み, 調整している, 上申した),
# copulas and 「ところ」, and closing brackets.
_TAIL = re.compile(
    r"(?:中|済み?|する|します|している|しています|しており|した|しました|"
    r"とする|とします|とした|としている|としています|となっている|となった|となる|"
    r"こと|ことに|になった|になる|"
    r"ところ|です|でした|である|であり|だ|のこと|の由|[」』）)\]、,])*"
)


def last_clause(text: str) -> str:
    """The last sentence of an answer (NFKC, without spaces)."""
    flat = "".join(unicodedata.normalize("NFKC", text).split())
    parts = [p for p in _SENTENCE_END.split(flat) if p.strip("「」『』()（）、,")]
    return parts[-1] if parts else ""


def says_pending(text: str, words: tuple[str, ...]) -> bool:
    """Does the answer's last clause end with a word that it is still being handled?"""
    clause = last_clause(text)
    for word in words:
        word = "".join(unicodedata.normalize("NFKC", word).split())
        at = clause.rfind(word)
        if word and at >= 0 and _TAIL.fullmatch(clause[at + len(word) :]):
            return True
    return False


def written_status(response: str | None, settings: Settings) -> str:
    """The status a 措置・回答 states by its words alone (no time involved)."""
    if response is None or not response.strip():
        return OPEN
    text = "".join(unicodedata.normalize("NFKC", response).split())
    if any(word in text for word in PROBLEM_SOLVING_WORDS):
        return PROBLEM_SOLVING
    if says_pending(response, settings.pending_words):
        return PENDING
    return ANSWERED


@dataclass(frozen=True, slots=True)
class RequestState:
    """A request's status on `settings.today`, how long it has not been done, and the
    mark 長期 (open or pending past the setting: a 問題解決活動の候補)."""

    status: str
    days_open: int | None  # from the meeting; None when answered or the meeting is unknown
    long: bool = False

    @property
    def done(self) -> bool:
        return self.status == ANSWERED

    @property
    def mark(self) -> str:
        """長期, or empty."""
        return LONG if self.long else ""


def request_state(written: str, raised: date | None, settings: Settings) -> RequestState:
    """The state of a request whose answer states `written`, raised at a meeting on
    `raised`, as of `settings.today`."""
    if written == ANSWERED:
        return RequestState(ANSWERED, None)
    days = (settings.today - raised).days if raised is not None else None
    long = written in (OPEN, PENDING) and days is not None and days > settings.problem_solving_days
    return RequestState(written, days, long)


# --- C3: what a request asks of other agencies (2(8) 他機関との連絡調整) ------------------

# What is asked, and the words that show it, in the order they are looked for.
AGENCY_THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("信号機・横断歩道", ("信号", "横断歩道", "歩道橋")),
    ("街路灯・防犯灯", ("街路灯", "街灯", "防犯灯")),
    ("カーブミラー・標識", ("カーブミラー", "ミラー", "標識", "道路標示", "停止線")),
    ("放置自転車・放置車両", ("放置自転車", "放置車両", "自転車の放置", "放置")),
    ("防犯カメラ", ("防犯カメラ",)),
    ("道路・歩道の整備", ("ガードレール", "歩道", "道路", "側溝", "路面")),
    ("空き家", ("空き家",)),
)


def agency_theme(request: str | None) -> str | None:
    """What a request asks of another agency (the road administrator, the city, the
    公安委員会), by its words; None when it asks the police themselves."""
    if not request:
        return None
    text = "".join(unicodedata.normalize("NFKC", request).split())
    return next((theme for theme, words in AGENCY_THEMES if any(w in text for w in words)), None)
