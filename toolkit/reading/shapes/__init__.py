"""What is drawn on a sheet rather than typed in its cells: text boxes, ellipses round an
option, lines and runs striking words out, and shapes whose content cannot be read.

One module per format reads the shapes (`drawingml` for .xlsx, `ods`, `biff` for .xls) and
struck text (`richtext` for .xlsx cells); `overlay` lays them over the cells a person sees
them in; `notes` makes the record say what was read from them.
"""

from toolkit.reading.shapes.biff import xls_shapes
from toolkit.reading.shapes.controls import Checkbox, tick, xlsx_checkboxes
from toolkit.reading.shapes.drawingml import sheet_has_drawing, xlsx_shapes
from toolkit.reading.shapes.geometry import MARK, TEXT, UNREAD, Drawn, Metrics, Shape
from toolkit.reading.shapes.notes import note_shapes, suppressed
from toolkit.reading.shapes.ods import needs_parse, ods_shapes
from toolkit.reading.shapes.overlay import overlay
from toolkit.reading.shapes.richtext import BookText, alignment, book_text, struck_cells

__all__ = [
    "MARK",
    "TEXT",
    "UNREAD",
    "BookText",
    "Checkbox",
    "Drawn",
    "Metrics",
    "Shape",
    "alignment",
    "book_text",
    "needs_parse",
    "note_shapes",
    "ods_shapes",
    "overlay",
    "sheet_has_drawing",
    "struck_cells",
    "suppressed",
    "tick",
    "xls_shapes",
    "xlsx_checkboxes",
    "xlsx_shapes",
]
