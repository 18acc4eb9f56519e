"""Look at a workbook file before any reader sees it.

Native readers (python-calamine above all) abort the whole process on some hostile files: a
zip bomb, a single cell at XFD1048576. No `try` catches an abort, so everything that can be
decided cheaply is decided here, in pure Python, from the bytes: what the file really is
(by its magic bytes, not its name), whether it is encrypted, whether its zip directory is
sane, and how far the cells of a sheet reach.

Only the standard library, defusedxml, olefile and msoffcrypto are used; nothing is ever
written to disk from a zip. Every refusal is an `Unreadable` carrying a `findings` code.

One module per format: `zip` (directory and capped inflation), `xml` (parsers refusing
DTDs, the extent of a worksheet), `ods`, `ole` (.xls and encrypted packages), `describe`
(what a file that is no workbook is), and `sniff`, which puts them together.
"""

from toolkit.excel.guard.caps import DEFAULT_LIMITS, Limits, Unreadable
from toolkit.excel.guard.describe import describe
from toolkit.excel.guard.ods import ods_extent
from toolkit.excel.guard.ole import biff_scan
from toolkit.excel.guard.sniff import Sniffed, sniff
from toolkit.excel.guard.xml import expat_parser, parse_xml, safe_xml, sheet_extent
from toolkit.excel.guard.zip import check_zip, read_member

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "Sniffed",
    "Unreadable",
    "biff_scan",
    "check_zip",
    "describe",
    "expat_parser",
    "ods_extent",
    "parse_xml",
    "read_member",
    "safe_xml",
    "sheet_extent",
    "sniff",
]
