"""When the ledger cannot be used: `LedgerError` (exit 3) with a Japanese message that says
what to do, for a ledger file (SQLite) and a ledger on a server (PostgreSQL) alike.

Messages never show a password (`toolkit.ledgerurl.masked`).
"""

from __future__ import annotations

from toolkit.errors import OperationalError, database_error_text
from toolkit.ledgerurl import server_error_text


class LedgerError(OperationalError):
    """The ledger cannot be used: another run holds it, it is not a ledger, it is newer than
    this program, it is damaged, or its server cannot be reached (exit 3)."""


def ledger_error(exc: BaseException, source: str, *, server: bool = False) -> LedgerError:
    """The Japanese `LedgerError` for a database error `exc` of the ledger `source`."""
    orig = getattr(exc, "orig", None) or exc
    if not server:
        return LedgerError(database_error_text(orig, source))
    return LedgerError(server_error_text(orig, source))
