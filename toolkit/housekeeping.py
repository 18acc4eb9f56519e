"""Keeping the ledger and the working folder tidy: retention and repairing the ledger.

Retention deletes exactly what it lists. Reports past their period lose their text and
their archive copy; a report with requests still open or pending is kept (and listed)
unless the user says `--force`. The outputs kyogikai recorded (summaries, feedback copies,
reminders, rosters) are judged one by one, by the absolute path they were recorded at:
one written for another working folder is left to that folder; one that is gone, or that
a file kyogikai did not write has replaced, is not deleted; HQ's own summaries are kept
unless `--force`; a path written again since (a month run again) is judged by its newest
record. What the list says is what `--apply` does; each deletion that fails is named and
stays listed for the next run (exit 3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit import clock
from toolkit.clock import check_recorded
from toolkit.errors import InputError, KyogikaiError, os_error_text
from toolkit.fileio import FileLockedError, output_kind, remove
from toolkit.ledger import DateFix, Expired, ExpiredOutput, Ledger
from toolkit.ledger.retention import resolved
from toolkit.ledgerurl import Location
from toolkit.settings import Settings

# What retention does with a recorded output past its period.
DELETE = "delete"
KEEP_SUMMARY = "summary"  # HQ's own record: only with --force
ELSEWHERE = "elsewhere"  # recorded for another working folder
MISSING = "missing"  # gone already
REPLACED = "replaced"  # a file kyogikai did not write is there now
REWRITTEN = "rewritten"  # written again since: the newer record decides
# What became of it (recorded in the ledger).
DELETED = "deleted"
SETTLED = {DELETE: DELETED, MISSING: MISSING, REPLACED: REPLACED, REWRITTEN: REWRITTEN}


@dataclass
class OutputPlan:
    """A recorded output past its period, what retention does with it, and (after
    `--apply`) what it did: the outcome, or why it could not."""

    output: ExpiredOutput
    path: Path  # where it is, resolved
    action: str
    outcome: str | None = None
    failure: str | None = None

    @property
    def kind(self) -> str:
        return self.output.kind


@dataclass
class RetentionOutcome:
    expired: list[Expired]  # every report and unreadable file past its period
    outputs: list[OutputPlan]  # every recorded output past its period, with its action
    applied: bool
    held: list[Expired] = field(default_factory=list)  # kept: requests still open
    removed: int = 0
    workspace: Path | None = None
    archive_failures: list[str] = field(default_factory=list)  # archive copies left

    @property
    def purged(self) -> list[Expired]:
        """What `--apply` purges (or purged): the expired reports not held."""
        held = {id(e) for e in self.held}
        return [e for e in self.expired if id(e) not in held]

    @property
    def failures(self) -> list[OutputPlan]:
        return [p for p in self.outputs if p.failure is not None]

    @property
    def complete(self) -> bool:
        """Everything listed was done (or nothing was asked)."""
        return not self.failures and not self.archive_failures


def retention(
    db: Location,
    settings: Settings,
    *,
    apply: bool,
    force: bool = False,
    workspace: Path | None = None,
) -> RetentionOutcome:
    """Reports and recorded outputs past their retention period on `settings.today`; with
    `apply`, purged and deleted as listed. `workspace` is the working folder the command
    runs for (the folder of its kyogikai.toml): only its outputs are deleted."""
    if apply:
        check_recorded(settings.today, "--as-of")
    _exists(db)
    years = settings.retention_years
    with Ledger.open(db) as ledger:
        if workspace is not None:
            adopt_moved(ledger, workspace, db)
        expired = ledger.expired(settings.today, years)
        recorded = ledger.recorded_outputs(years)
        home = resolved(workspace) if workspace is not None else None
        plans = _plans(recorded, settings, home, force)
        held = [] if force else [e for e in expired if e.not_answered]
        done = RetentionOutcome(expired, plans, apply, held, workspace=workspace)
        if not apply or not (done.purged or plans):
            return done
        # The ledger is taken for writing before anything is deleted: a ledger another run
        # holds, or one that cannot be written, stops the command with nothing deleted.
        with ledger.transaction():
            run_id = ledger.retention_run()
            for plan in plans:
                _carry_out(plan)
            settled = [(p.output, p.outcome) for p in plans if p.outcome is not None]
            done.removed = ledger.purge(done.purged, settings.today, settled, run_id=run_id)
        done.archive_failures = ledger.sweep_archive()
    return done


def _plans(
    recorded: list[ExpiredOutput], settings: Settings, home: Path | None, force: bool
) -> list[OutputPlan]:
    base = home or Path.cwd()
    where = [
        (o, resolved(Path(o.path) if Path(o.path).is_absolute() else base / o.path))
        for o in recorded
    ]
    newest: dict[Path, int] = {}
    for o, path in where:
        newest[path] = max(newest.get(path, 0), o.output_id)
    plans = []
    for o, path in where:
        if settings.today <= o.keep_until:
            continue
        if newest[path] != o.output_id:
            action = REWRITTEN
        elif o.workspace is not None and (home is None or Path(o.workspace) != home):
            action = ELSEWHERE
        elif not (path.exists() or path.is_symlink()):
            action = MISSING
        elif output_kind(path) is None:
            action = REPLACED
        elif o.kind == "summary" and not force:
            action = KEEP_SUMMARY
        else:
            action = DELETE
        plans.append(OutputPlan(o, path, action))
    return plans


def _carry_out(plan: OutputPlan) -> None:
    """Delete one output as planned (judged again at the moment of deleting), recording
    the outcome; a deletion that fails keeps the output listed for the next run."""
    if plan.action in (KEEP_SUMMARY, ELSEWHERE):
        return
    if plan.action == DELETE:
        if not (plan.path.exists() or plan.path.is_symlink()):
            plan.action = MISSING
        elif output_kind(plan.path) is None:
            plan.action = REPLACED
        else:
            try:
                remove(plan.path, missing_ok=False)  # waits a moment for Excel
            except FileNotFoundError:
                plan.action = MISSING
            except FileLockedError as exc:
                plan.failure = str(exc)
                return
            except OSError as exc:
                plan.failure = os_error_text(exc)
                return
    plan.outcome = SETTLED[plan.action]


def adopt_moved(ledger: Ledger, root: Path, db: Location) -> None:
    """When the working folder at `root` was moved (another drive letter, a new PC) with
    its ledger inside it, the steps and outputs recorded under its old place become its
    own again. Only a ledger inside the folder can tell: a folder recorded in a ledger
    kept elsewhere (a server's) may be another desk's, which is never taken over."""
    if not isinstance(db, Path):
        return
    home = resolved(root)
    if home not in resolved(db).parents:
        return
    for old in ledger.workspaces():
        if old != str(home) and not Path(old).exists():
            ledger.adopt(old, str(home))


def record_written(
    kind: str, paths: list[Path], ledger: Location, workspace: Path | None, what: str
) -> str | None:
    """Record workbooks just written (`what` they are, in Japanese) as outputs of the
    working folder's ledger, when it is there, so that retention lists them; what to tell
    the user when they could not be recorded (they are written: that was the job)."""
    if isinstance(ledger, Path) and not ledger.parent.is_dir():
        return None
    try:
        with Ledger.open(ledger) as opened:
            opened.record_outputs(kind, paths, clock.today(), workspace=workspace)
    except KyogikaiError as exc:
        return (
            f"{what}を台帳に記録できませんでした（{exc}）。保存期間の一覧には出ないため、"
            "不要になったら手で削除してください。"
        )
    return None


def _exists(db: Location) -> None:
    """A ledger file must be there (a server ledger is found when connecting)."""
    if isinstance(db, Path) and not db.is_file():
        raise InputError(f"台帳「{db}」がありません。台帳のファイル名を確認してください。")


# --- repairing the ledger ------------------------------------------------------------------


def repair_dates(db: Location) -> list[DateFix]:
    """Replace every impossible receipt day and output day of the ledger at `db` with the
    day its run happened; returns what was replaced."""
    _exists(db)
    with Ledger.open(db) as ledger:
        fixes = ledger.date_problems()
        if fixes:
            ledger.repair_dates(fixes)
    return fixes
