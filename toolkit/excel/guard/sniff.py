"""What a file really is, told from its bytes (magic bytes, not its name)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

from toolkit.excel.guard.caps import DEFAULT_LIMITS, Limits, Unreadable, size_text
from toolkit.excel.guard.describe import describe, describe_zip
from toolkit.excel.guard.ods import ODS_MIMETYPE, check_ods
from toolkit.excel.guard.ole import OLE_MAGIC, open_ole
from toolkit.excel.guard.xml import check_parts
from toolkit.excel.guard.zip import ZIP_MAGIC, check_zip, open_zip, read_member


@dataclass(frozen=True)
class Sniffed:
    """What a file really is. `data` holds the decrypted bytes when the file was encrypted
    and the password was right (then `decrypted` is True); otherwise the bytes given."""

    format: str  # "xlsx" | "xlsm" | "xls" | "ods"
    data: bytes
    decrypted: bool = False
    # The opened package of a zip-based file, already judged; the caller closes it.
    zip: zipfile.ZipFile | None = field(default=None, compare=False, repr=False)


def sniff(
    data: bytes, filename: str, *, password: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Sniffed:
    """Tell what a file is from its bytes and refuse what no reader should see.

    Checks, in order: size; magic bytes (zip, OLE2, or something else described in the
    detail); for a zip, its directory (`check_zip`) and, for a workbook, that every XML part
    decompresses honestly within the caps and declares no DTD (worksheet parts excepted:
    read them with `read_member` and measure them with `sheet_extent`); for OLE2, encryption
    (decrypted with `password` when given) or a BIFF workbook, whose cells must fit
    `max_sheet_cells`; for ODS, encryption and the cell area of `content.xml`.
    `filename` is used only to word the detail. Raises `Unreadable`.
    """
    return _sniff(data, filename, password, limits, allow_decrypt=True)


def _sniff(
    data: bytes, filename: str, password: str | None, limits: Limits, *, allow_decrypt: bool
) -> Sniffed:
    if len(data) > limits.max_file_bytes:
        raise Unreadable(
            "F1.too-large",
            f"ファイルサイズ {size_text(len(data))}、上限 {size_text(limits.max_file_bytes)}",
        )
    if data.startswith(ZIP_MAGIC):
        zf = open_zip(data, limits)
        try:
            return Sniffed(_zip_format(zf, limits), data, zip=zf)
        except BaseException:
            zf.close()
            raise
    if data.startswith(OLE_MAGIC):
        decrypted = open_ole(data, password, limits, allow_decrypt=allow_decrypt)
        if decrypted is None:
            return Sniffed("xls", data)
        # The plain package is looked at like any file, but may not be encrypted again.
        inner = _sniff(decrypted, filename, None, limits, allow_decrypt=False)
        return Sniffed(inner.format, inner.data, decrypted=True, zip=inner.zip)
    raise Unreadable("F1.not-workbook", f"{describe(data)}です")


def _zip_format(zf: zipfile.ZipFile, limits: Limits) -> str:
    check_zip(zf, limits)
    names = set(zf.namelist())
    if "xl/workbook.xml" in names:
        check_parts(zf)
        return "xlsm" if "xl/vbaProject.bin" in names else "xlsx"
    if "mimetype" in names:
        mimetype = read_member(zf, "mimetype", limits, max_bytes=256).strip()
        if mimetype.startswith(ODS_MIMETYPE):
            check_ods(zf, limits)
            return "ods"
        raise Unreadable("F1.not-workbook", "表計算以外のOpenDocumentファイルです")
    raise Unreadable("F1.not-workbook", describe_zip(names))
