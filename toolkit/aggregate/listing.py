"""A listing sheet's rows kept on disk, in the order they are printed.

The summary's listings (開催一覧, 協議事項, 要望事項, 点検結果, 受付簿) run to hundreds of
thousands of rows in a fiscal year of a large prefecture. Each is built a part at a time
and its parts go to a temporary file as they are made; the workbook is written from them
one part at a time again, so the summary's memory does not grow with the number of
reports. The whole table can still be had (`frame`), for the few readers that want one.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import IO, ClassVar

import pandas as pd


class Listing:
    """A table written part by part to a temporary file (gone when the listing is)."""

    part_rows: ClassVar[int] = 5_000  # rows of a part when a table is made in parts

    def __init__(self, columns: list[str], dtypes: pd.Series | None = None):
        self.columns = list(columns)
        self._empty = pd.DataFrame({c: pd.Series(dtype=object) for c in self.columns})
        if dtypes is not None:
            self._empty = self._empty.astype(dtypes.to_dict())
        # closed when the listing is gone (no `with`: it lives as long as the summary)
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="kyogikai-")  # noqa: SIM115
        self._parts: list[int] = []  # where each part starts in the file
        self._rows = 0
        self._owner = True  # a selection of another listing's columns does not close it
        self._keep: list[str] | None = None
        self._source: Listing | None = None  # a selection's listing, kept open by it

    @classmethod
    def of(cls, df: pd.DataFrame) -> Listing:
        """A whole table, kept in parts."""
        out = cls(list(df.columns), df.dtypes)
        step = cls.part_rows
        for start in range(0, len(df), step):
            out.add(df.iloc[start : start + step])
        return out

    def add(self, part: pd.DataFrame) -> None:
        """Append the next rows (in the printed order)."""
        if part.empty:
            return
        if list(part.columns) != self.columns:
            raise ValueError(f"columns {list(part.columns)} instead of {self.columns}")
        self._file.seek(0, 2)
        self._parts.append(self._file.tell())
        pickle.dump(part.reset_index(drop=True), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._rows += len(part)

    def select(self, columns: list[str]) -> Listing:
        """The same rows with these columns only, in this order (read from the same file)."""
        missing = [c for c in columns if c not in self.columns]
        if missing:
            raise KeyError(missing)
        out = object.__new__(Listing)
        out.__dict__.update(self.__dict__)
        out.columns, out._keep, out._owner = list(columns), list(columns), False
        out._empty = self._empty[columns]
        out._source = self  # the file stays open while a selection is read
        return out

    def parts(self) -> Iterator[pd.DataFrame]:
        """The rows, part by part, in order (none for an empty listing)."""
        for offset in self._parts:
            self._file.seek(offset)
            part: pd.DataFrame = pickle.load(self._file)
            yield part if self._keep is None else part[self._keep]

    def frame(self) -> pd.DataFrame:
        """The whole table (in memory)."""
        parts = list(self.parts())
        if not parts:
            return self._empty.copy()
        if len(parts) == 1:
            return parts[0]
        return pd.concat(parts, ignore_index=True)

    @property
    def empty(self) -> bool:
        return self._rows == 0

    def __len__(self) -> int:
        return self._rows

    def __del__(self) -> None:
        file = getattr(self, "_file", None)
        if file is not None and getattr(self, "_owner", False):
            file.close()
