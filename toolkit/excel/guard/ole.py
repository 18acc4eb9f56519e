"""OLE2 files: an encrypted OOXML package, or a legacy .xls (BIFF) workbook.

An encrypted file is decrypted in memory (the caller looks at the plain package again);
a BIFF workbook is scanned record by record for encryption and for how far its cells
reach, without trusting its DIMENSIONS records.
"""

from __future__ import annotations

import io
import re
import struct

import olefile

from toolkit.excel.guard.caps import Limits, Unreadable, check_area
from toolkit.excel.guard.describe import describe_ole
from toolkit.excel.guard.xml import safe_xml

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Excel encrypts a legacy .xls that only has a "password to modify" with this fixed password
# and opens it without asking; so do we.
XLS_DEFAULT_PASSWORD = "VelvetSweatshop"


def open_ole(
    data: bytes, password: str | None, limits: Limits, *, allow_decrypt: bool
) -> bytes | None:
    """The decrypted bytes of an encrypted OLE2 file, or None for a plain .xls workbook
    whose cells fit the caps. Anything else raises `Unreadable`; with `allow_decrypt`
    false (a file that was itself decrypted) any encryption is F1.encrypted."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        streams = {"/".join(p).lower() for p in ole.listdir(streams=True, storages=False)}
    except Exception as exc:  # olefile raises many kinds of errors on broken input
        raise Unreadable("F1.corrupt", "OLE形式の構造が壊れています") from exc
    if {"encryptioninfo", "encryptedpackage"} <= streams:
        if not allow_decrypt or password is None:
            raise Unreadable("F1.encrypted")
        return _decrypt_ooxml(data, ole, password, limits)
    book = "workbook" if "workbook" in streams else "book" if "book" in streams else None
    if book is None:
        raise Unreadable("F1.not-workbook", describe_ole(streams))
    try:
        stream = ole.openstream(book).read()
    except Exception as exc:
        raise Unreadable("F1.corrupt", "ブックのデータが読めません") from exc
    encrypted, rows, cols = biff_scan(stream)
    if encrypted:
        if not allow_decrypt or book == "book":
            raise Unreadable("F1.encrypted")
        return _decrypt_xls(data, password)
    check_area("", rows, cols, limits)
    return None


_BIFF_BOF, _BIFF_EOF, _BIFF_FILEPASS = 0x0809, 0x000A, 0x002F
_BIFF_CELLS = frozenset({0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0205, 0x0204, 0x00D6})
_BIFF_MULTI = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first col, …, last col


def biff_scan(stream: bytes) -> tuple[bool, int, int]:
    """(encrypted, rows, cols) of a BIFF5/8 workbook stream: whether the globals carry a
    FILEPASS record, and the largest bounding box (from A1) of the cell records of any
    sheet. DIMENSIONS records are not trusted."""
    pos, end = 0, len(stream)
    unpack = struct.unpack_from
    best_rows = best_cols = 0
    max_row = max_col = -1
    globals_done = False
    while pos + 4 <= end:
        rid, size = unpack("<HH", stream, pos)
        body = pos + 4
        pos = body + size
        if rid in _BIFF_CELLS and size >= 4:
            row, col = unpack("<HH", stream, body)
        elif rid in _BIFF_MULTI and size >= 6 and pos <= end:
            row, col = unpack("<HH", stream, body)
            col = max(col, unpack("<H", stream, pos - 2)[0])
        else:
            if rid == _BIFF_FILEPASS and not globals_done:
                return True, 0, 0
            if rid == _BIFF_EOF:
                globals_done = True
                if max_row >= 0 and (max_row + 1) * (max_col + 1) > best_rows * best_cols:
                    best_rows, best_cols = max_row + 1, max_col + 1
                max_row = max_col = -1
            continue
        if row > max_row:
            max_row = row
        if col > max_col:
            max_col = col
    if max_row >= 0 and (max_row + 1) * (max_col + 1) > best_rows * best_cols:
        best_rows, best_cols = max_row + 1, max_col + 1
    return False, best_rows, best_cols


def _decrypt_xls(data: bytes, password: str | None) -> bytes:
    """Decrypt a legacy .xls: first with Excel's fixed "password to modify" key, then with
    the password given."""
    from msoffcrypto.exceptions import InvalidKeyError  # only encrypted files need it
    from msoffcrypto.format.xls97 import Xls97File

    for attempt in (XLS_DEFAULT_PASSWORD, password):
        if attempt is None:
            break
        try:
            office = Xls97File(io.BytesIO(data))
            office.load_key(password=attempt)
            out = io.BytesIO()
            office.decrypt(out)
            return out.getvalue()
        except InvalidKeyError:
            continue
        except Exception as exc:  # unsupported scheme or broken records
            raise Unreadable("F1.encrypted", "対応していない暗号化方式です") from exc
    if password is None:
        raise Unreadable("F1.encrypted")
    raise Unreadable("F1.wrong-password")


_SPIN = re.compile(rb'spinCount="([0-9]+)"')


def _decrypt_ooxml(data: bytes, ole: olefile.OleFileIO, password: str, limits: Limits) -> bytes:
    """Decrypt an encrypted OOXML package. The EncryptionInfo XML is looked at first: its
    spin count sets how long key derivation takes, and msoffcrypto parses it with minidom."""
    from msoffcrypto.exceptions import InvalidKeyError  # only encrypted files need it
    from msoffcrypto.format.ooxml import OOXMLFile

    try:
        info = ole.openstream("EncryptionInfo").read(2**20)
    except Exception as exc:
        raise Unreadable("F1.corrupt", "暗号化情報が読めません") from exc
    if info[:4] == b"\x04\x00\x04\x00":  # agile encryption: an XML descriptor follows
        descriptor = info[8:]
        safe_xml(descriptor)
        spins = [int(s) for s in _SPIN.findall(descriptor)]
        if any(s > limits.max_spin_count for s in spins):
            raise Unreadable("F1.encrypted", "暗号化の設定が異常です")
    try:
        office = OOXMLFile(io.BytesIO(data))
        office.load_key(password=password, verify_password=True)
        out = io.BytesIO()
        office.decrypt(out)
    except InvalidKeyError as exc:
        raise Unreadable("F1.wrong-password") from exc
    except Exception as exc:  # unsupported scheme or broken streams
        raise Unreadable("F1.encrypted", "対応していない暗号化方式です") from exc
    return out.getvalue()
