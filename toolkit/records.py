"""HQ's records about the files it received: the receipt days it knows (a batch day given
when importing a backlog, a 受付簿) and its decisions about reports (`kyogikai settle`).
One call per need, as in `toolkit.jobs`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from toolkit.errors import InputError
from toolkit.ledger import GivenReceipt, Ledger, Receipts, Settled
from toolkit.ledgerurl import Location
from toolkit.receipts import ReceiptLog
from toolkit.results import FileResult
from toolkit.settings import Settings


def receipt_days(
    today: date, received: date | None = None, log: Path | None = None
) -> tuple[Receipts | None, ReceiptLog | None]:
    """What HQ says about the receipt days of a run: a day for every new file
    (`received`), and a 受付簿 naming files (it wins for the files it names). Raises
    `InputError` for a day after `today` or a 受付簿 that cannot be read."""
    from toolkit.receipts import batch, read_log

    if received is not None and received > today:
        raise InputError(
            f"受付日 {received.isoformat()} は今日（{today.isoformat()}）より後です。"
            "届いた日を指定してください。"
        )
    book = read_log(log, today) if log is not None else None
    if received is None and book is None:
        return None, None
    day = batch(received) if received is not None else None

    def given(result: FileResult, is_new: bool) -> GivenReceipt | None:
        found = book.given(result, is_new) if book is not None else None
        return found or (day if is_new else None)

    return given, book


# --- settle --------------------------------------------------------------------------------


def settle(
    db: Location, given: str, action: str, reason: str, settings: Settings, by: str | None = None
) -> Settled:
    """Record HQ's decision about the file `given` (a path, a file name the ledger saw, or
    a SHA-256 or its first 8+ digits): withdraw its reports, or keep them as the ones that
    count for their meetings. Who decides is `by`, else the settings' contact, else the
    login name. Raises `InputError` for a file the ledger does not hold or a decision that
    changes nothing."""
    import hashlib

    if isinstance(db, Path) and not db.exists():  # a server ledger is found when connecting
        raise InputError(f"台帳「{db}」がありません。台帳のファイル名を確認してください。")
    digest = None
    path = Path(given)
    if path.is_file():
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise InputError(f"「{given}」を読めません（{exc.strerror or exc}）。") from exc
    who = (by or settings.contact or _login_name()).strip()
    if not who:
        raise InputError("誰が決めたかを --by で指定してください（例: --by 山田）。")
    with Ledger.open(db) as ledger:
        sha, _ = ledger.find_file(given, digest)
        return ledger.settle(sha, action, reason, who)


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a service account without a user entry)
        return ""
