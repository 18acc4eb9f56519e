"""Values as officers type them: dates (和暦), times, counts, ticked options, names.

Every parser takes whatever a cell holds (str, int, float, date, datetime, time, None or
anything else) and returns a result object; none of them raises. A result is either blank
(nothing written), a value, or a problem code with the cleaned text in `raw`:

- `UNREADABLE`: the text is not a value of the expected kind ("多数", "約10人");
- `NONEXISTENT`: it reads as a value that does not exist (2月30日, 25:00, 令和元年4月30日);
- `NOT_WHOLE`: a count with a fraction;
- `NEGATIVE`: a count below zero;
- `AMBIGUOUS`: more than one reading (both meeting types ticked, 午後 and AM at once).

Whenever a result has a problem its value is None. Text is compared after NFKC, so
full-width digits, letters and katakana, and half-width katakana, are read like their
ordinary forms.

- `problems`: the problem codes and `Parsed`;
- `text`: `clean_text`, `label_key` and kanji numerals, which every parser starts from;
- `dates`: `parse_date` and Excel serial dates (eras come from `toolkit.era`);
- `times`: `parse_time`, `parse_time_range`;
- `when`: `parse_when`, the combined 開催日時 cell;
- `counts`: `parse_count`, `split_attendance`;
- `marks`: ticked and printed choices, `parse_meeting_type` and `canonical_category`;
- `names`: `split_names`;
- `lists`: items of a list written in one cell, a 区分 before a topic, 要望/回答 exchanges;
- `composite`: two values in one cell (a reporter with the phone, attendees by name).
"""

from toolkit.normalize.composite import (
    bare_phone,
    names_of,
    people_count,
    split_reporter,
    station_of,
)
from toolkit.normalize.counts import parse_count, split_attendance
from toolkit.normalize.dates import DateParsed, excel_day, parse_date
from toolkit.normalize.lists import (
    Entry,
    Split,
    category_prefix,
    heading_category,
    is_bare_marker,
    is_nothing,
    is_plain,
    split_exchanges,
    split_items,
    strip_marker,
)
from toolkit.normalize.marks import canonical_category, parse_meeting_type
from toolkit.normalize.names import split_names
from toolkit.normalize.problems import (
    AMBIGUOUS,
    NEGATIVE,
    NONEXISTENT,
    NOT_WHOLE,
    PROBLEMS,
    UNREADABLE,
    Parsed,
)
from toolkit.normalize.text import clean_text, label_key
from toolkit.normalize.times import TimeRange, parse_time, parse_time_range
from toolkit.normalize.when import When, parse_when

__all__ = [
    "AMBIGUOUS",
    "NEGATIVE",
    "NONEXISTENT",
    "NOT_WHOLE",
    "PROBLEMS",
    "UNREADABLE",
    "DateParsed",
    "Entry",
    "Parsed",
    "Split",
    "TimeRange",
    "When",
    "bare_phone",
    "canonical_category",
    "category_prefix",
    "clean_text",
    "excel_day",
    "heading_category",
    "is_bare_marker",
    "is_nothing",
    "is_plain",
    "label_key",
    "names_of",
    "parse_count",
    "parse_date",
    "parse_meeting_type",
    "parse_time",
    "parse_time_range",
    "parse_when",
    "people_count",
    "split_attendance",
    "split_exchanges",
    "split_items",
    "split_names",
    "split_reporter",
    "station_of",
    "strip_marker",
]
