"""What the parsers return: blank, a value, or a problem code with the cleaned text.

The codes and what each means are listed in the package's docstring.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

UNREADABLE = "unreadable"
NONEXISTENT = "nonexistent"
NOT_WHOLE = "not-whole"
NEGATIVE = "negative"
AMBIGUOUS = "ambiguous"
PROBLEMS = (UNREADABLE, NONEXISTENT, NOT_WHOLE, NEGATIVE, AMBIGUOUS)


@dataclass(frozen=True, slots=True)
class Parsed(Generic[T]):
    """A value read from a cell: `value`, or a `problem` code, or blank (both None)."""

    value: T | None
    problem: str | None = None
    raw: str | None = None
