"""What a cell shows: a number or date rendered through its Excel number format.

python-calamine gives values, not formats. Most of the time the value is what matters,
but some formats change what a person reads: a phone extension stored as 215 with the
format `0000` is shown (and meant) as 0215, a day typed as 15 in a cell formatted `d"日"`
is read by calamine as the date 1900-01-15, a minute stored as 0 is shown as 00, a date
with a time fraction is shown without it. The label reader asks for the shown text of the
few cells whose value it takes; nothing here runs on our own template's fast path.

Everything here is pure: a value and a format code give the text, or None when the format
is General or uses something not rendered here. `toolkit.reading.shown` finds the format of
a cell in a workbook (and the shown text of an .ods cell, which the file holds).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from toolkit.era import WEEKDAYS_JA, era_of

# Built-in formats (ids Excel stores without their code), as a Japanese Excel shows them.
BUILTIN: dict[int, str] = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    14: "yyyy/m/d",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "yyyy/m/d h:mm",
    27: "[$-411]ge.m.d",
    28: '[$-411]ggge"年"m"月"d"日"',
    29: '[$-411]ggge"年"m"月"d"日"',
    30: "m/d/yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"時"mm"分"',
    33: 'h"時"mm"分"ss"秒"',
    34: 'yyyy"年"m"月"',
    35: 'm"月"d"日"',
    36: "[$-411]ge.m.d",
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
    45: "mm:ss",
    47: "mm:ss.0",
    49: "@",
    50: "[$-411]ge.m.d",
    51: '[$-411]ggge"年"m"月"d"日"',
    52: 'yyyy"年"m"月"',
    53: 'm"月"d"日"',
    54: '[$-411]ggge"年"m"月"d"日"',
    55: 'yyyy"年"m"月"',
    56: 'm"月"d"日"',
    57: "[$-411]ge.m.d",
    58: '[$-411]ggge"年"m"月"d"日"',
}

_EXCEL_EPOCH = datetime(1899, 12, 30)
_ERA_LETTER = {"令和": "R", "平成": "H", "昭和": "S"}
_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# --- the format code --------------------------------------------------------------------

# One token of a format section: a quoted literal, an escaped or fill/space character, a
# bracket ([Red], [$-411], [h]), AM/PM, a run of one date letter, or one other character.
_TOKEN = re.compile(
    r'"(?P<quoted>[^"]*)"?'
    r"|\\(?P<escaped>.)"
    r"|_(?P<space>.)"
    r"|\*(?P<fill>.)"
    r"|\[(?P<bracket>[^\]]*)\]"
    r"|(?P<ampm>AM/PM|am/pm|A/P|a/p)"
    r"|(?P<date>y+|Y+|m+|M+|d+|D+|h+|H+|s+|S+|e+|E(?![+-])|g+|G+|a{3,4}|b+)"
    r"|(?P<other>.)",
    re.S,
)
_DATE_LETTERS = frozenset("ymdhsegab")


def _sections(code: str) -> list[str]:
    """The `;`-separated sections of a format code (not splitting inside quotes or [])."""
    out, current, quoted, bracket, escaped = [], [], False, False, False
    for ch in code:
        if escaped:
            current.append(ch)
            escaped = False
            continue
        if ch == "\\" and not quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == "[" and not quoted:
            bracket = True
        elif ch == "]" and not quoted:
            bracket = False
        elif ch == ";" and not quoted and not bracket:
            out.append("".join(current))
            current = []
            continue
        current.append(ch)
    out.append("".join(current))
    return out


def _tokens(section: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "other", m.group(m.lastgroup or 0)) for m in _TOKEN.finditer(section)]


def is_general(code: str | None) -> bool:
    """General (and text, `@`): the value shows as itself."""
    return code is None or code.strip().lower() in ("", "general", "g/標準", "標準", "@")


def shows_time(code: str) -> bool:
    """Whether a date format shows a time of day (hours, minutes or seconds)."""
    tokens = _tokens(_sections(code)[0])
    for i, (kind, text) in enumerate(tokens):
        if kind == "ampm":
            return True
        if kind == "date" and text[0].lower() in "hs":
            return True
        if kind == "bracket" and text.lower().strip("hms") == "" and text:
            return True
        if kind == "date" and text[0].lower() == "m" and _is_minute(tokens, i):
            return True
    return False


def shows_date(code: str) -> bool:
    """Whether a date format shows a year, month or day (not only a time)."""
    tokens = _tokens(_sections(code)[0])
    for i, (kind, text) in enumerate(tokens):
        if kind != "date":
            continue
        letter = text[0].lower()
        if letter in "ydegb" or (letter == "a" and len(text) >= 3):
            return True
        if letter == "m" and not _is_minute(tokens, i):
            return True
    return False


# --- rendering --------------------------------------------------------------------------


def render(value: object, code: str | None) -> str | None:
    """The text Excel shows for `value` (a number, date, datetime or time) under `code`.

    None when the format is General (the value shows as itself), is text (`@`), or uses
    something not rendered here (conditions, fractions, exponents, elapsed times); the
    caller then keeps the value.
    """
    if code is None or is_general(code) or isinstance(value, bool):
        return None
    sections = _sections(code)
    if isinstance(value, datetime | date | time):
        return _render_date(value, sections[0])
    if not isinstance(value, int | float) or value != value:
        return None
    number = float(value)
    section, signed = _pick_section(sections, number)
    if section is None:
        return None
    tokens = _tokens(section)
    if any(kind == "bracket" and text[:1] in "<>=" for kind, text in tokens):
        return None  # conditional sections: not worth guessing
    if _has_date(tokens):
        return _render_date(number, section)
    text = _render_number(abs(number) if not signed else number, tokens)
    if text is None:
        return None
    return ("-" + text) if signed and number < 0 and not text.startswith("-") else text


def _pick_section(sections: list[str], number: float) -> tuple[str | None, bool]:
    """The section for `number`, and whether the sign must be written by us."""
    if len(sections) == 1:
        return sections[0], True
    if number > 0 or (number == 0 and len(sections) < 3):
        return sections[0], False
    if number < 0:
        return sections[1], False
    return sections[2], False


def _has_date(tokens: list[tuple[str, str]]) -> bool:
    return any(k == "ampm" or (k == "date" and v[0].lower() in _DATE_LETTERS) for k, v in tokens)


def _render_number(number: float, tokens: list[tuple[str, str]]) -> str | None:
    if any(k == "other" and v in "Ee/" for k, v in tokens):
        return None  # exponents and fractions
    if any(k == "bracket" and not _ignorable_bracket(v) for k, v in tokens):
        return None
    placeholders = [i for i, (k, v) in enumerate(tokens) if k == "other" and v in "0#?"]
    percent = sum(1 for k, v in tokens if k == "other" and v == "%")
    if not placeholders:
        # No digit at all: only the literals show (`;;;` hides the value entirely).
        return "".join(_literal(k, v) for k, v in tokens)
    dot = next((i for i, (k, v) in enumerate(tokens) if k == "other" and v == "."), None)
    ints = [i for i in placeholders if dot is None or i < dot]
    fracs = [i for i in placeholders if dot is not None and i > dot]
    grouped = any(
        k == "other" and v == "," and ints and ints[0] < i < ints[-1]
        for i, (k, v) in enumerate(tokens)
    )
    scaled = Decimal(repr(number)) * (Decimal(100) ** percent)
    try:
        rounded = scaled.quantize(Decimal(1).scaleb(-len(fracs)), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None
    whole, _, fraction = f"{rounded:f}".partition(".")
    whole = whole.lstrip("0")
    out = [_literal(k, v) for k, v in tokens]
    for i in placeholders:
        out[i] = ""
    if grouped:
        zeros = sum(1 for i in ints if tokens[i][1] == "0")
        digits = f"{int(whole or 0):,}" if (whole or zeros) else ""
        padded = digits.rjust(zeros, "0") if len(whole) < zeros else digits
        if ints:
            out[ints[0]] = padded
            for i in range(ints[0] + 1, ints[-1] + 1):
                out[i] = ""
    else:
        _fill_whole(out, tokens, ints, whole)
    _fill_fraction(out, tokens, fracs, fraction)
    if dot is not None and not fracs:
        out[dot] = "."
    return "".join(out)


def _fill_whole(out: list[str], tokens: list[tuple[str, str]], ints: list[int], whole: str) -> None:
    digits = list(whole)
    for i in reversed(ints):
        if digits:
            out[i] = digits.pop()
        else:
            out[i] = {"0": "0", "?": " ", "#": ""}[tokens[i][1]]
    if digits and ints:
        out[ints[0]] = "".join(digits) + out[ints[0]]


def _fill_fraction(
    out: list[str], tokens: list[tuple[str, str]], fracs: list[int], fraction: str
) -> None:
    digits = list(fraction.ljust(len(fracs), "0"))
    # Trailing zeros under # vanish, under ? become spaces; 0 always shows.
    for n, i in enumerate(fracs):
        out[i] = digits[n]
    for i in reversed(fracs):
        if out[i] != "0" or tokens[i][1] == "0":
            break
        out[i] = " " if tokens[i][1] == "?" else ""


def _literal(kind: str, text: str) -> str:
    if kind in ("quoted", "escaped"):
        return text
    if kind == "space":
        return " "
    if kind in ("fill", "date", "ampm"):
        return ""
    if kind == "bracket":
        return _currency(text)
    if text in ",":
        return ""
    return text


def _currency(bracket: str) -> str:
    """`[$¥-411]` shows ¥; `[$-411]`, colours and `[DBNum1]` show nothing."""
    if bracket.startswith("$"):
        return bracket[1:].split("-", 1)[0]
    return ""


def _ignorable_bracket(text: str) -> bool:
    lowered = text.lower()
    colours = ("black", "blue", "cyan", "green", "magenta", "red", "white", "yellow")
    return (
        text.startswith("$")
        or lowered.startswith(("dbnum", "color", "natnum"))
        or lowered in colours
    )


# --- dates and times --------------------------------------------------------------------


def _as_datetime(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time):
        return datetime.combine(date(1899, 12, 31), value)
    if isinstance(value, int | float) and 0 <= value < 2958466:
        serial = float(value)
        if serial < 61:  # Excel's 1900-02-29 that never was: earlier serials are a day off
            serial += 1
        moment = _EXCEL_EPOCH + timedelta(seconds=round(serial * 86400))
        return moment
    return None


def _render_date(value: object, section: str) -> str | None:
    moment = _as_datetime(value)
    if moment is None:
        return None
    tokens = _tokens(section)
    japanese = any(k == "bracket" and ("411" in v or "ja-JP" in v) for k, v in tokens)
    gannen = any(k == "bracket" and "gannen" in v for k, v in tokens)
    twelve = any(k == "ampm" for k, _ in tokens)
    out: list[str] = []
    for i, (kind, text) in enumerate(tokens):
        if kind == "bracket":
            if text.lower().strip("hms") == "" and text:
                return None  # elapsed time [h]:mm
            out.append(_currency(text))
        elif kind == "ampm":
            am = moment.hour < 12
            if japanese:
                out.append("午前" if am else "午後")
            elif text.upper() == "A/P":
                out.append("A" if am else "P")
            else:
                out.append("AM" if am else "PM")
        elif kind == "date":
            piece = _date_piece(moment, text, _is_minute(tokens, i), twelve, gannen)
            if piece is None:
                return None
            out.append(piece)
        else:
            out.append(_literal(kind, text))
    return "".join(out)


def _is_minute(tokens: list[tuple[str, str]], i: int) -> bool:
    """An m-run is minutes right after hours or right before seconds (literals between)."""
    for j in range(i - 1, -1, -1):
        kind, text = tokens[j]
        if kind == "date":
            if text[0].lower() == "h":
                return True
            break
    for j in range(i + 1, len(tokens)):
        kind, text = tokens[j]
        if kind == "date":
            return text[0].lower() == "s"
    return False


def _date_piece(
    moment: datetime, text: str, minute: bool, twelve: bool, gannen: bool
) -> str | None:
    letter, n = text[0].lower(), len(text)
    if letter == "y":
        return str(moment.year) if n > 2 else f"{moment.year % 100:02d}"
    if letter == "m" and minute:
        return f"{moment.minute:02d}" if n >= 2 else str(moment.minute)
    if letter == "m":
        if n <= 2:
            return f"{moment.month:02d}" if n == 2 else str(moment.month)
        name = _EN_MONTHS[moment.month - 1]
        return name[:1] if n == 5 else (name if n == 4 else name[:3])
    if letter == "d":
        if n <= 2:
            return f"{moment.day:02d}" if n == 2 else str(moment.day)
        name = _EN_DAYS[moment.weekday()]
        return name if n >= 4 else name[:3]
    if letter == "a":
        day = WEEKDAYS_JA[moment.weekday()]
        return day + "曜日" if n >= 4 else day
    if letter == "h":
        hour = moment.hour
        if twelve:
            hour = hour % 12 or 12
        return f"{hour:02d}" if n >= 2 else str(hour)
    if letter == "s":
        return f"{moment.second:02d}" if n >= 2 else str(moment.second)
    if letter in "eg":
        return _era_piece(moment.date(), letter, n, gannen)
    return None


def _era_piece(day: date, letter: str, n: int, gannen: bool) -> str | None:
    era = era_of(day)
    if era is None:
        return None
    if letter == "g":
        return _ERA_LETTER[era.name] if n == 1 else (era.name[0] if n == 2 else era.name)
    year = day.year - era.offset
    if year == 1 and gannen:
        return "元"
    return f"{year:02d}" if n >= 2 else str(year)


def shown_text(value: object, code: str | None) -> str | None:
    """The text to read instead of `value`, when its format `code` changes what it means.

    - numbers in a non-General format: the rendered text (0215, 00, 15日, 令和8年);
    - dates of Excel's first days (a small number in a day or month format, which calamine
      reads as 1900-01-15): the rendered text;
    - a datetime whose format shows no time: its date in ISO form (the time is hidden).
    None when the value is to be read as it is.
    """
    if code is None or is_general(code):
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return render(value, code)
    if isinstance(value, datetime):
        if value.year <= 1900:
            return render(value, code)
        if value.time() != time(0) and shows_date(code) and not shows_time(code):
            return value.date().isoformat()
        return None
    if isinstance(value, date) and value.year <= 1900:
        return render(value, code)
    return None
