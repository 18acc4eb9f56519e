"""The ledger (台帳): the store of every file and report HQ has ingested.

Either one SQLite file on HQ's PC, kept beside an archive folder of the files themselves
(`<ledger>.archive/<sha[:2]>/<sha>.<ext>`, content addressed), or a database on a
PostgreSQL server that several desks and stations share, holding the files' bytes itself
(table `archived`) — so that a summary can be rebuilt and a finding traced to the exact
bytes a station sent. One schema and one set of queries serve both (SQLAlchemy Core);
the schema versions are Alembic revisions (`migrations/`).

Guarantees:
- Every run is ONE transaction: a run that crashes or is killed leaves the ledger as it
  was; archive files written into a ledger file's folder before the crash are harmless
  (content addressed, written to a temporary name and renamed).
- Writers take turns (the ledger's one write lock, held only while a run commits what it
  has read); one that waits longer than `wait` seconds gets a `LedgerError`. Readers never
  wait, and a `snapshot` sees one committed state throughout.
- The ledger owns its SQL: others ask it through methods (`queries`).

Rooms: `schema` (tables), `migrations` (their versions), `store` (opening and
transactions), `errors`, `ingest` (with receipt days), `counting` (which report of a
meeting counts), `settling` (HQ's decisions), `retention`, `queries`, `steps` (what the
monthly job did, step by step), `repair` (dates no run could have recorded), `copy`.
"""

from toolkit.ledger.copy import Copied, copy_ledger
from toolkit.ledger.errors import LedgerError
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
from toolkit.ledger.schema import APPLICATION_ID
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
from toolkit.ledger.store import ARCHIVE_SUFFIX, schema_version


class Ledger(Ingesting, Retaining, Settling, Stepping, Repairing):
    """A ledger (a file, a server database or one in memory) and its archive."""


__all__ = [
    "ACTION_JA",
    "APPLICATION_ID",
    "ARCHIVE_SUFFIX",
    "IDENTICAL",
    "KEEP",
    "PURGED_TEXT",
    "READ",
    "REPORT_COLUMNS",
    "UNREADABLE",
    "WITHDRAW",
    "Copied",
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
    "copy_ledger",
    "schema_version",
]
