"""Zip packages (.xlsx, .xlsm, .ods): the directory judged before anything is inflated,
and members inflated with a hard cap.

Nothing is ever written to disk from a zip.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from toolkit.excel.guard.caps import DEFAULT_LIMITS, Limits, Unreadable, short, size_text

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"

_IN_CHUNK = 256 * 2**10
_OUT_CHUNK = 2**20


def open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The package of a file that starts like a zip, once its directory looks sane."""
    _precheck_directory(data, limits)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise Unreadable("F1.corrupt", "ZIPの構造が壊れています（途中で切れている可能性）") from exc
    except NotImplementedError as exc:  # a zip version or feature `zipfile` does not know
        raise Unreadable("F1.corrupt", "ZIPの形式が壊れているか、対応していない形式です") from exc
    for info in zf.infolist():
        # A workbook's parts are stored or deflated (OOXML and ODF allow nothing else); any
        # other method is a damaged directory, refused before a reader opens the part.
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            zf.close()
            raise Unreadable(
                "F1.corrupt",
                f"部品「{short(info.filename)}」の圧縮方式（{info.compress_type}）が"
                "ブックでは使われないものです（ファイルが壊れている可能性）",
            )
    return zf


def _precheck_directory(data: bytes, limits: Limits) -> None:
    """Read the end-of-central-directory record before `zipfile` parses the directory, so
    that a directory of millions of entries is refused before it costs any memory."""
    pos = data.rfind(EMPTY_ZIP_MAGIC, max(0, len(data) - 22 - 65535))
    if pos < 0 or len(data) < pos + 22:
        raise Unreadable("F1.corrupt", "ZIPの目録がありません（途中で切れている可能性）")
    entries, dir_size = struct.unpack_from("<HL", data, pos + 10)
    if (entries == 0xFFFF or dir_size == 0xFFFFFFFF) and data[pos - 20 : pos - 16] == (
        b"PK\x06\x07"
    ):
        (z64,) = struct.unpack_from("<Q", data, pos - 12)
        if data[z64 : z64 + 4] == b"PK\x06\x06" and len(data) >= z64 + 56:
            entries, dir_size = struct.unpack_from("<QQ", data, z64 + 32)
    if entries > limits.max_members:
        raise Unreadable(
            "F1.too-large", f"ZIPの中の部品が {entries:,} 個、上限 {limits.max_members:,} 個"
        )
    if dir_size > limits.max_directory_bytes:
        raise Unreadable("F1.too-large", f"ZIPの目録が {size_text(dir_size)}")


def check_zip(zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> None:
    """Judge a zip from its central directory only: member count, declared sizes and
    compression ratios, duplicate names. Decompresses nothing; raises `Unreadable`
    (F1.zip-bomb for an absurd ratio, F1.too-large for sizes, F1.corrupt for duplicates)."""
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise Unreadable(
            "F1.too-large", f"ZIPの中の部品が {len(infos):,} 個、上限 {limits.max_members:,} 個"
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        if info.filename in seen:
            raise Unreadable(
                "F1.corrupt", f"同じ名前の部品「{short(info.filename)}」が重複しています"
            )
        seen.add(info.filename)
        _check_declared(info, limits.max_member_uncompressed, limits)
        total += info.file_size
    if total > limits.max_total_uncompressed:
        raise Unreadable(
            "F1.too-large",
            f"展開後の合計 {size_text(total)}、上限 {size_text(limits.max_total_uncompressed)}",
        )


def _check_declared(info: zipfile.ZipInfo, cap: int, limits: Limits) -> None:
    size, packed = info.file_size, info.compress_size
    if packed > size + size // 16 + 1024:
        # Deflate never grows data by more than a few bytes per block: the directory lies
        # about what this part inflates to.
        raise Unreadable(
            "F1.zip-bomb",
            f"部品「{short(info.filename)}」の圧縮データ（{size_text(packed)}）が"
            f"目録の記載（{size_text(size)}）より大きく、記載と合いません",
        )
    if size > limits.ratio_applies_above and size > limits.max_ratio * max(packed, 1):
        ratio = size / max(packed, 1)
        raise Unreadable(
            "F1.zip-bomb",
            f"部品「{short(info.filename)}」が {ratio:,.0f} 倍の {size_text(size)} に展開されます",
        )
    if size > cap:
        raise Unreadable(
            "F1.too-large",
            f"部品「{short(info.filename)}」が展開後 {size_text(size)}、上限 {size_text(cap)}",
        )


def read_member(
    zf: zipfile.ZipFile, name: str, limits: Limits = DEFAULT_LIMITS, *, max_bytes: int | None = None
) -> bytes:
    """The decompressed bytes of one zip member, with a hard cap.

    The declared size is judged first (as `check_zip` does); then the data is inflated in
    chunks and reading stops with F1.zip-bomb the moment it grows past the size the
    directory declared, whatever the directory says. Broken data (zlib errors, truncation,
    CRC mismatch) gives F1.corrupt. A missing member raises `KeyError`, like
    `ZipFile.getinfo`. Not safe to call from several threads on one `ZipFile`.
    """
    info = zf.getinfo(name)
    cap = limits.max_member_uncompressed
    if max_bytes is not None:
        cap = min(cap, max_bytes)
    if (
        info.compress_type == zipfile.ZIP_DEFLATED
        and info.compress_size <= _IN_CHUNK
        and info.file_size <= _OUT_CHUNK
    ):
        return _small_member(zf, info, cap, limits)
    return b"".join(_member_chunks(zf, info, cap, limits))


def _bomb_at(declared: int, limits: Limits) -> int:
    """Past the declared size nothing is kept; counting goes on a little so that a broken
    stream (F1.corrupt) is told apart from one that keeps growing (F1.zip-bomb)."""
    return min(limits.max_member_uncompressed, max(limits.ratio_applies_above, 2 * declared))


def _small_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, limits: Limits) -> bytes:
    """`_member_chunks` joined, for a deflated part that fits one chunk each way (most
    parts of a workbook): inflated in one call, never past the size it must stop at,
    with the same checks and the same refusals."""
    _check_declared(info, cap, limits)
    refuse_zip_password(info)
    declared = info.file_size
    if info.compress_size == 0 and declared == 0:
        data = b""  # some writers store an empty part as "deflated" with no data at all
    else:
        bomb_at = _bomb_at(declared, limits)
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            raw = seek_data(zf, info).read(info.compress_size)
            data = inflater.decompress(raw, bomb_at + 1)
            if len(data) > bomb_at:
                raise Unreadable(
                    "F1.zip-bomb",
                    f"部品「{short(info.filename)}」が目録の記載（{size_text(declared)}）を超えて"
                    "展開され続けます",
                )
            if not inflater.eof:
                raise EOFError("truncated deflate stream")
        except (
            zlib.error,
            zipfile.BadZipFile,
            EOFError,
            OSError,
            NotImplementedError,
            ValueError,
        ) as exc:
            raise Unreadable(
                "F1.corrupt", f"部品「{short(info.filename)}」の圧縮データが壊れています"
            ) from exc
    if len(data) != declared or zlib.crc32(data) != info.CRC:
        raise Unreadable("F1.corrupt", f"部品「{short(info.filename)}」のデータが壊れています")
    return data


def _member_chunks(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, limits: Limits
) -> Iterator[bytes]:
    _check_declared(info, cap, limits)
    refuse_zip_password(info)
    declared = info.file_size
    bomb_at = _bomb_at(declared, limits)
    source = _inflate(zf, info) if info.compress_type == zipfile.ZIP_DEFLATED else _plain(zf, info)
    total = 0
    crc = 0
    try:
        for chunk in source:
            total += len(chunk)
            if total > bomb_at:
                raise Unreadable(
                    "F1.zip-bomb",
                    f"部品「{short(info.filename)}」が目録の記載（{size_text(declared)}）を超えて"
                    "展開され続けます",
                )
            if total <= declared:
                crc = zlib.crc32(chunk, crc)
                yield chunk
    except (
        zlib.error,
        zipfile.BadZipFile,
        EOFError,
        OSError,
        NotImplementedError,
        ValueError,  # a header offset before the start of the file (zipfile: negative seek)
    ) as exc:
        raise Unreadable(
            "F1.corrupt", f"部品「{short(info.filename)}」の圧縮データが壊れています"
        ) from exc
    if total != declared or crc != info.CRC:
        raise Unreadable("F1.corrupt", f"部品「{short(info.filename)}」のデータが壊れています")


def refuse_zip_password(info: zipfile.ZipInfo) -> None:
    """A member encrypted with a zip password is F1.encrypted."""
    if info.flag_bits & 0x1:
        raise Unreadable("F1.encrypted", f"部品「{short(info.filename)}」にZIPのパスワード")


def seek_data(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> IO[bytes]:
    """The package's file, positioned at the start of a member's compressed data."""
    fp = zf.fp
    if fp is None:
        raise ValueError("the zip file is closed")
    fp.seek(info.header_offset)
    head = fp.read(30)
    if len(head) < 30 or not head.startswith(ZIP_MAGIC):
        raise zipfile.BadZipFile("bad local header")
    name_len, extra_len = struct.unpack_from("<HH", head, 26)
    fp.seek(info.header_offset + 30 + name_len + extra_len)
    return fp


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Raw deflate data of a member, inflated in bounded chunks. `zipfile` itself would
    stop at the declared size and report a CRC error; here the overrun is seen as such."""
    fp = seek_data(zf, info)
    left = info.compress_size
    if left == 0 and info.file_size == 0:
        return  # some writers store an empty part as "deflated" with no data at all
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    while left > 0 and not inflater.eof:
        raw = fp.read(min(_IN_CHUNK, left))
        if not raw:
            raise EOFError("truncated member")
        left -= len(raw)
        out = inflater.decompress(raw, _OUT_CHUNK)
        while True:
            if out:
                yield out
            if not inflater.unconsumed_tail:
                break
            out = inflater.decompress(inflater.unconsumed_tail, _OUT_CHUNK)
    if not inflater.eof:
        raise EOFError("truncated deflate stream")


def _plain(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    with zf.open(info) as member:
        while chunk := member.read(_OUT_CHUNK):
            yield chunk
