"""The ledger (台帳): a SQLite store of every file and report HQ has ingested.

One file per prefecture HQ, kept beside an archive folder of the files themselves
(`<ledger>.archive/<sha[:2]>/<sha>.<ext>`, content addressed), so that a summary can be
rebuilt and a finding traced to the exact bytes a station sent.

Guarantees:
- Every run is ONE transaction (`BEGIN IMMEDIATE`, WAL mode): a run that crashes leaves the
  ledger as it was; archive files written before the crash are harmless (content addressed,
  written to a temporary name and renamed). A second writer waits `wait` seconds and then
  gets a `LedgerError`; readers never block the writer.
- The ledger owns its SQL: others ask it through methods (`queries`).

Rooms: `schema` (tables and migrations), `store` (opening and transactions), `ingest`
(with receipt days), `counting` (which report of a meeting counts), `settling` (HQ's
decisions), `retention`, `queries`, `steps` (what the monthly job did, step by step),
`repair` (dates no run could have recorded).
"""

from toolkit.ledger.ingest import (
    IDENTICAL,
    READ,
    UNREADABLE,
    GivenReceipt,
    Ingesting,
    IngestStats,
    Receipts,
)
from toolkit.ledger.queries import REPORT_COLUMNS, Rows
from toolkit.ledger.repair import DateFix, Repairing
from toolkit.ledger.retention import PURGED_TEXT, Expired, ExpiredOutput, Retaining
from toolkit.ledger.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from toolkit.ledger.settling import (
    ACTION_JA,
    KEEP,
    WITHDRAW,
    MeetingNow,
    NotInLedger,
    Settled,
    Settlement,
    Settling,
    Twice,
    Unsettled,
)
from toolkit.ledger.steps import Step, Stepping
from toolkit.ledger.store import ARCHIVE_SUFFIX, LedgerError


class Ledger(Ingesting, Retaining, Settling, Stepping, Repairing):
    """A ledger file (or an in-memory one) and its archive folder."""


__all__ = [
    "ACTION_JA",
    "APPLICATION_ID",
    "ARCHIVE_SUFFIX",
    "IDENTICAL",
    "KEEP",
    "MIGRATIONS",
    "PURGED_TEXT",
    "READ",
    "REPORT_COLUMNS",
    "SCHEMA_VERSION",
    "UNREADABLE",
    "WITHDRAW",
    "DateFix",
    "Expired",
    "ExpiredOutput",
    "GivenReceipt",
    "IngestStats",
    "Ledger",
    "LedgerError",
    "MeetingNow",
    "NotInLedger",
    "Receipts",
    "Rows",
    "Settled",
    "Settlement",
    "Step",
    "Twice",
    "Unsettled",
]
