"""The blank 開催結果報告書 (別記様式（２の(9)関係）) as an openpyxl workbook.

The sheet is laid out on a grid of 5 mm columns (36 of them fill the 180 mm wide printable
area of A4 portrait), so that every box of the paper form lands on a column boundary and
each box is one merged range. Every input area is a workbook-scoped defined name equal to
its canonical key (SPEC.md, "Template contract"); a name points at the top-left cell of its
area. Input cells are unlocked and shaded; the sheet is protected without a password so
that HQ can unprotect it.

The layout is pinned by `workbook_templates/開催結果報告書.xlsx` and its test: changing
anything in this package that shows in the workbook needs a new `TEMPLATE_VERSION` and a
regenerated canonical blank.

- `contract`: names, cells, formats and the version that readers, the filler and the
  committed blank rely on;
- `form`: the millimetre grid, fonts and lines, and `Form`, which draws boxes and fields;
- `sections`: the form's sections from top to bottom;
- `finish`: input rules, print setup, protection, the `_meta` sheet, the Normal font;
- `build`: `build_template` and the workbook's bytes with pinned dates;
- `files`: where a council's template goes, and `fill_by_names`.

`python -m toolkit.writing.template [PATH]` regenerates the committed blank.
"""

from toolkit.excel.contract import (
    AGENDA_ROWS,
    BLANK_NAME,
    COUNT_FORMAT,
    DATE_FORMAT,
    MEETING_TYPE_CHOICES,
    META_COUNCIL_CELL,
    META_SHEET,
    META_VERSION_CELL,
    PINNED_DATETIME,
    PROP_COUNCIL_ID,
    PROP_TEMPLATE_VERSION,
    REQUEST_ROWS,
    STAMP_LABELS,
    TEMPLATE_SHEET,
    TEMPLATE_VERSION,
    TEXT_FORMAT,
    TIME_FORMAT,
    TITLE,
)
from toolkit.writing.template.build import (
    Prefill,
    build_template,
    template_bytes,
    workbook_bytes,
    write_template,
)
from toolkit.writing.template.files import fill_by_names, safe_file_name, template_path_for
from toolkit.writing.template.form import COLUMN_MM, COLUMNS, INPUT_FILL

__all__ = [
    "AGENDA_ROWS",
    "BLANK_NAME",
    "COLUMNS",
    "COLUMN_MM",
    "COUNT_FORMAT",
    "DATE_FORMAT",
    "INPUT_FILL",
    "MEETING_TYPE_CHOICES",
    "META_COUNCIL_CELL",
    "META_SHEET",
    "META_VERSION_CELL",
    "PINNED_DATETIME",
    "PROP_COUNCIL_ID",
    "PROP_TEMPLATE_VERSION",
    "REQUEST_ROWS",
    "STAMP_LABELS",
    "TEMPLATE_SHEET",
    "TEMPLATE_VERSION",
    "TEXT_FORMAT",
    "TIME_FORMAT",
    "TITLE",
    "Prefill",
    "build_template",
    "fill_by_names",
    "safe_file_name",
    "template_bytes",
    "template_path_for",
    "workbook_bytes",
    "write_template",
]
