"""Today, and which days a user may give as today (`--as-of`) or as a receipt day.

A date is an input like any other. Every command may look at the past (re-check an old
report, rebuild last year's summary) and a little ahead (a roster "as of" next April, when
terms end); nothing older than the 平成 era or more than `LOOKAHEAD_YEARS` ahead is a day
this program was meant to work on, so such a date is refused wherever it is given (exit 2
naming the option), before anything is read. What records a date in the ledger (a receipt
day) or deletes by one (retention) may not run ahead of the computer's clock by more than
`FUTURE_MARGIN`: a receipt day in the future would keep a report past its retention
period, or make every later period late, and nothing derived from it can be taken back.

`today()` is the one clock: tests that need time to pass replace it.
"""

from __future__ import annotations

from datetime import date, timedelta

from toolkit.era import wareki
from toolkit.errors import InputError

EARLIEST = date(1989, 1, 8)  # 平成元年1月8日
LOOKAHEAD_YEARS = 5
FUTURE_MARGIN = timedelta(days=7)  # a run prepared for next Monday, a clock a little off


def today() -> date:
    """The computer's date."""
    return date.today()


def latest_plausible() -> date:
    """The last day any command may be asked to work on."""
    now = today()
    return now.replace(year=now.year + LOOKAHEAD_YEARS, day=min(now.day, 28))


def plausible_problem(day: date) -> str | None:
    """Why `day` cannot be a day this program works on (Japanese), or None."""
    if day < EARLIEST:
        return f"{day.isoformat()}は古すぎます（{_both(EARLIEST)}以降の日付を指定してください）"
    last = latest_plausible()
    if day > last:
        return f"{day.isoformat()}は先すぎます（{_both(last)}までの日付を指定してください）"
    return None


def check_recorded(day: date, what: str) -> None:
    """Refuse (exit 2) a day that would be recorded in the ledger or that retention would
    delete by, when it is implausible or later than today by more than the margin. `what`
    names where the day came from (`--as-of` …), for the message."""
    problem = plausible_problem(day)
    if problem is None and day > today() + FUTURE_MARGIN:
        problem = (
            f"{_both(day)}は今日（{_both(today())}）より先です。台帳に記録する日付や、"
            "削除の基準にする日付には、今日より先の日付は使えません"
            f"（{FUTURE_MARGIN.days}日先まで）"
        )
    if problem is not None:
        raise InputError(f"{what} の日付が正しくありません: {problem}。")


def _both(day: date) -> str:
    try:
        return f"{day.isoformat()}（{wareki(day)}）"
    except ValueError:
        return day.isoformat()
