"""HQ's monthly job, `kyogikai month`, as a transaction that can be repeated.

The month is done in steps: the ingest of the incoming folder, one feedback copy per file
with findings, the month's summary and, when the registry holds a yearly plan, the
stations' reminder lists, and the proofs (読取確認) of the layouts HQ has not confirmed
that the month's reports were read from. The ledger records each step (`toolkit.ledger.steps`): the
ingest and the copies made while it streams commit together, the summary and the reminders
each when they are written. A step that fails (a full disk, a locked file, a blocked
folder: any `OperationalError` or OS error) is recorded as failed and the job goes on
with the next; the run ends with exit 3 and 「次にすること」 says what is left. The next run
redoes it: a copy that could not be made is made from the file in the incoming folder (or
from the ledger's archive when the file has gone), though the file is in the ledger
already. Copies an interrupted run made are listed by the next run until a run has told
the user about them. Ctrl-C ends with what was done and what was left.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from toolkit import clock
from toolkit import jobs as J
from toolkit.check import check_paths
from toolkit.config import Workspace
from toolkit.errors import InputError, KyogikaiError, OperationalError, os_error_text
from toolkit.fileio import Protected, safe_file_name
from toolkit.fiscal import Period, parse_period
from toolkit.housekeeping import adopt_moved
from toolkit.ledger import ARCHIVE_SUFFIX, Ledger, Step, Unsettled
from toolkit.ledger.retention import resolved
from toolkit.ledger.steps import DONE, FAILED, FEEDBACK, INGEST, PENDING, PROOF, REMIND, SUMMARY
from toolkit.ledgerurl import Location
from toolkit.registry import station_key
from toolkit.render import Display, StationView
from toolkit.results import OK, Checked, FileResult
from toolkit.workspace import EXAMPLE_ID

NO_STATION = "所属不明"


@dataclass
class MonthOutcome:
    """What `month` did, for the terminal and its 「次にすること」."""

    period: Period
    view: StationView  # the files received in this run (new to the ledger)
    ledger: Location  # a file, or a server ledger's URL
    ingest: J.IngestOutcome | None = None  # None: interrupted before it committed
    returned: dict[str, list[Path]] = field(default_factory=dict)  # station → copies
    not_returned: list[tuple[str, str]] = field(default_factory=list)  # path, problem
    summary: Path | None = None
    meetings: int = 0
    reminders: list[Path] = field(default_factory=list)
    reminders_dir: Path | None = None
    planned: bool = False  # the registry holds a yearly plan
    example_left: bool = False  # the registry still holds the example council
    unsettled: list[Unsettled] = field(default_factory=list)  # R7 pairs HQ must decide
    problems: dict[str, str] = field(default_factory=dict)  # step kind → why it failed
    left: list[Step] = field(default_factory=list)  # steps still to do, any month
    told: list[Step] = field(default_factory=list)  # copies this run's lines name
    stage: str = INGEST  # the step running when the run was interrupted
    proofs: list[Path] = field(default_factory=list)  # 読取確認 of layouts not confirmed
    proofs_dir: Path | None = None
    unconfirmed: int = 0  # the month's reports read from layouts HQ has not confirmed

    @property
    def complete(self) -> bool:
        """Nothing left to do: no step failed or pending, and no report that could not be
        opened this time (held by Excel; read by the next run)."""
        waiting = self.ingest.tally.try_again if self.ingest is not None else 0
        return not self.left and not waiting

    @property
    def key(self) -> str:
        return f"{self.period.start.year}-{self.period.start.month:02d}"


class MonthInterrupted(KeyboardInterrupt):
    """Ctrl-C during `month`: what was done and what was left are in `outcome`."""

    def __init__(self, outcome: MonthOutcome) -> None:
        super().__init__()
        self.outcome = outcome


def month(
    ws: Workspace,
    month_text: str,
    *,
    as_of: date | None = None,
    password: str | None = None,
    jobs: int = 0,
    display: Display | None = None,
    watch: J.Watch | None = None,
    force: bool = False,
) -> MonthOutcome:
    """The month's whole job in the working folder `ws` (see the module's docstring)."""
    from toolkit.writing.summary import check_target

    today = as_of or clock.today()
    period = _month_of(month_text, today)
    if not ws.incoming.is_dir():
        raise InputError(
            f"受信フォルダ「{ws.incoming}」がありません。フォルダを作って報告書を入れるか、"
            f"{ws.config} の incoming を直してください。"
        )
    clock.check_recorded(today, "--as-of")  # it becomes the receipt day
    done = MonthOutcome(period, StationView(display or Display()), ws.ledger)
    summary = ws.outputs / f"集計_{done.key}.xlsx"
    local = (ws.ledger,) if isinstance(ws.ledger, Path) else ()  # else on a server
    archive = tuple(p.with_name(p.name + ARCHIVE_SUFFIX) for p in local)
    inputs = (ws.incoming, *local, ws.registry, ws.config)
    check_target(summary, Protected(inputs, archive, force))  # before anything is read
    options = J.reading_options(
        registry=ws.registry, config=ws.config, as_of=as_of, password=password, jobs=jobs,
        layouts=ws.layouts,
    )  # fmt: skip
    try:
        for folder in (*(p.parent for p in local), ws.returned, ws.outputs):
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OperationalError(os_error_text(exc)) from exc
    registry = options.context.registry
    assert registry is not None
    done.example_left = any(c.council_id == EXAMPLE_ID for c in registry.councils)
    done.planned = bool(registry.plans)
    job = _Job(ws, done, options, force)
    try:
        job.ingest(watch or (lambda results: results))
        job.copies_left_over()
        job.summary(summary)
        if done.planned:
            job.reminders()
        job.proofs()
        with Ledger.open(ws.ledger) as ledger:
            done.unsettled = ledger.unsettled(options.context.settings.today)
    except KeyboardInterrupt:
        job.close()
        raise MonthInterrupted(done) from None
    job.close()
    return done


def acknowledge(ws: Workspace, done: MonthOutcome) -> None:
    """Remember that the user has been told about the copies `done` names (called once its
    lines are printed): the next run does not list them again. Bookkeeping only: a ledger
    that cannot be written now is left as it is (the copies are listed again)."""
    if not done.told:
        return
    try:
        with Ledger.open(ws.ledger) as ledger:
            ledger.mark_shown(done.told)
    except KyogikaiError:
        pass


def _month_of(text: str, today: date) -> Period:
    """The month to do: one that has begun by `today` (a month typed a year ahead would
    write an empty summary and reminders of nothing), and not before the 平成 era."""
    period = parse_period(text)
    if period.kind != "month":
        raise InputError(
            f"「{text}」は月ではありません。kyogikai month には 2026-10 のように月を指定して"
            "ください（年度の集計表は kyogikai summary --period FY2026 で作ります）。"
        )
    if period.start > today:
        raise InputError(
            f"{period.label}はまだ始まっていません（基準日 {today.isoformat()}）。"
            "月を確かめてください（2026-10 のように指定します）。"
        )
    if period.end < clock.EARLIEST:
        raise InputError(f"{period.label}は古すぎます。月を確かめてください。")
    return period


class _Job:
    """One run of the month: its steps, each recorded in the ledger as it ends."""

    def __init__(self, ws: Workspace, done: MonthOutcome, options: J.Options, force: bool):
        self.ws = ws
        self.home = str(resolved(ws.root))
        self.done = done
        self.options = options
        self.force = force
        self.copies = _Copies(self, self._open_copies())

    def _open_copies(self) -> dict[str, Step]:
        """The copies earlier runs planned and did not make, by file."""
        if not _exists(self.ws.ledger):
            return {}
        with Ledger.open(self.ws.ledger) as ledger:
            adopt_moved(ledger, self.ws.root, self.ws.ledger)
            steps = ledger.steps(self.home, states=[PENDING, FAILED], kinds=[FEEDBACK])
        return {s.subject: s for s in steps}

    def record(self, *steps: Step) -> None:
        with Ledger.open(self.ws.ledger) as ledger:
            ledger.record_steps(steps)

    def step(
        self, kind: str, state: str, *, output: str | None = None, problem: str | None = None
    ) -> Step:
        """A step of this month done once (the ingest, the summary, the reminders)."""
        return Step(self.home, self.done.key, kind, "", state, output, problem)

    # --- the steps ---------------------------------------------------------------------

    def ingest(self, outer: J.Watch) -> None:
        known = _known(self.ws.ledger)
        self.copies.known = known

        def planned(ledger: Ledger, run_id: int) -> None:
            # Commits with the ingest: the files taken in, the copies made of them, and
            # the steps still to do this month.
            later = [self.step(SUMMARY, PENDING)]
            if self.done.planned:
                later.append(self.step(REMIND, PENDING))
            if self.copies.unconfirmed_files:
                later.append(self.step(PROOF, PENDING))
            ledger.record_steps(
                [replace(s, run_id=run_id) for s in self.copies.steps]
                + [replace(self.step(INGEST, DONE), run_id=run_id), *later]
            )
            ledger.record_outputs(
                "feedback", self.copies.written, clock.today(), workspace=self.ws.root
            )
            self.copies.steps.clear()
            self.copies.written.clear()

        self.done.stage = INGEST
        self.done.ingest = J.ingest(
            (self.ws.incoming,),
            self.ws.ledger,
            self.options,
            watch=lambda results: self.copies(outer(results)),
            before_commit=planned,
            command="month",
            receipts=self.ws.receipts if self.ws.receipts.is_file() else None,
        )

    def copies_left_over(self) -> None:
        """Copies earlier runs could not make, of files no longer in the incoming folder:
        made from the ledger's archive copy."""
        self.done.stage = FEEDBACK
        if not self.copies.open:
            return
        # A server ledger keeps its archive in itself: the copy is read from a file
        # written out for the moment.
        with tempfile.TemporaryDirectory(prefix="kyogikai-") as scratch:
            for step in list(self.copies.open.values()):
                result = self._from_archive(step, Path(scratch))
                if result is not None:
                    self.copies.make(result, step.period)
                self.record(*self.copies.steps)
                with Ledger.open(self.ws.ledger) as ledger:
                    ledger.record_outputs(
                        "feedback", self.copies.written, clock.today(), workspace=self.ws.root
                    )
                self.copies.steps.clear()
                self.copies.written.clear()

    def _from_archive(self, step: Step, scratch: Path) -> FileResult | None:
        with Ledger.open(self.ws.ledger) as ledger:
            original = ledger.first_path(step.subject)
            kept = ledger.archive_path(step.subject)
            if ledger.server and original is not None:
                data = ledger.archived_bytes(step.subject)
                if data is not None:
                    kept = scratch / f"{step.subject}{Path(original).suffix.lower()}"
                    kept.write_bytes(data)
        if kept is None or not kept.is_file() or original is None:
            problem = (
                f"元のファイル（{original or step.subject}）が受信フォルダになく、台帳の保管用の"
                "写しもないため、確認用の写しを作れません。元のファイルを受信フォルダに戻して、"
                "もう一度実行してください。"
            )
            self.record(replace(step, state=FAILED, problem=problem))
            self.done.not_returned.append((original or step.subject, problem))
            return None
        plain = replace(self.options, archive=None)
        (result,) = list(check_paths((kept,), plain))
        result.real_path, result.path = str(kept), original
        for checked in result.reports:
            checked.path = original
        return result

    def summary(self, path: Path) -> None:
        self.done.stage = SUMMARY

        def make() -> None:
            made = J.summary(
                paths=(), db=self.ws.ledger, period=self.done.period, out=path,
                options=self.options, inputs=(self.ws.registry, self.ws.config),
                force=self.force, workspace=self.ws.root,
            )  # fmt: skip
            self.done.summary, self.done.meetings = path, made.meetings

        self._run(SUMMARY, make, path)

    def reminders(self) -> None:
        self.done.stage = REMIND
        folder = self.ws.outputs / f"督促_{self.done.key}"
        registry = self.options.context.registry
        assert registry is not None

        def make() -> None:
            self.done.reminders = J.remind(
                self.ws.ledger, registry, self.options.context.settings, folder,
                force=self.force, workspace=self.ws.root,
            )  # fmt: skip
            self.done.reminders_dir = folder

        self._run(REMIND, make, folder)

    def proofs(self) -> None:
        """The proofs of the layouts the month's reports were read from by judgement, in
        `出力/読取確認_<month>/` (one per layout). A month with none closes a proof step an
        earlier run left (the layouts have been confirmed since)."""
        files = self.copies.unconfirmed_files
        self.done.unconfirmed = self.copies.unconfirmed
        if not files:
            with Ledger.open(self.ws.ledger) as ledger:
                left = ledger.steps(
                    self.home, states=[PENDING, FAILED], kinds=[PROOF], period=self.done.key
                )
            if left:
                self.record(self.step(PROOF, DONE))
            return
        self.done.stage = PROOF
        folder = self.ws.outputs / f"読取確認_{self.done.key}"

        def make() -> None:
            made = J.layout_proofs(
                files, folder, self.options, force=self.force,
                ledger=self.ws.ledger, workspace=self.ws.root,
            )  # fmt: skip
            self.done.proofs, self.done.proofs_dir = made.written + made.kept, folder

        self._run(PROOF, make, folder)

    def _run(self, kind: str, make: Callable[[], None], output: Path) -> None:
        """One step after the ingest: done, or failed with the reason, and recorded."""
        try:
            make()
        except (KyogikaiError, OSError) as exc:
            problem = os_error_text(exc) if isinstance(exc, OSError) else str(exc)
            self.done.problems[kind] = problem
            self.record(self.step(kind, FAILED, problem=problem))
            return
        self.record(self.step(kind, DONE, output=str(resolved(output))))

    def close(self) -> None:
        """What is left after this run, and which copies its lines name."""
        if not _exists(self.ws.ledger):
            return
        with Ledger.open(self.ws.ledger) as ledger:
            self.done.left = ledger.steps(self.home, states=[PENDING, FAILED])
            unshown = [
                s
                for s in ledger.steps(self.home, states=[DONE], kinds=[FEEDBACK])
                if not s.shown and s.output
            ]
        made = {resolved(p) for copies in self.done.returned.values() for p in copies}
        root = resolved(self.ws.root)
        for s in unshown:
            copy = Path(s.output or "")
            if copy in made or not copy.exists():
                continue
            with contextlib.suppress(ValueError):  # shown as this run's own paths are
                copy = self.ws.root / copy.relative_to(root)
            self.done.returned.setdefault(copy.parent.name, []).append(copy)
        self.done.told = unshown


def _exists(ledger: Location) -> bool:
    """Whether the ledger is there (a server ledger is: its database is made by its DBA)."""
    return not isinstance(ledger, Path) or ledger.exists()


def _known(ledger: Location) -> set[str]:
    """The files the ledger has already seen (none when it does not exist yet)."""
    if not _exists(ledger):
        return set()
    with Ledger.open(ledger) as opened:
        return opened.known_files()


class _Copies:
    """Watches the ingest's results: each file new to the ledger goes into the view and,
    when it has findings, gets its feedback copy in `returned/<month>/<police station>/`;
    a file an earlier run could not copy gets its copy now."""

    def __init__(self, job: _Job, open_steps: dict[str, Step]) -> None:
        self.job = job
        self.incoming = job.ws.incoming.absolute()
        self.known: set[str] = set()
        self.open = open_steps  # sha → a copy earlier runs did not make
        self.steps: list[Step] = []  # recorded with the ingest (or after it)
        self.written: list[Path] = []
        self.unconfirmed = 0  # the month's reports read from layouts not confirmed
        self.unconfirmed_files: list[Path] = []  # their files (new to the ledger or not)

    def __call__(self, results: Iterator[FileResult]) -> Iterator[FileResult]:
        done = self.job.done
        for result in results:
            sha = result.sha256
            if sha is None or sha not in self.known:
                done.view.add(result)
                if any(c.status != OK for c in result.reports):
                    self.make(result, done.key)
            elif sha in self.open and result.same_as is None:
                self.make(result, self.open[sha].period)
            self._unconfirmed(result)
            yield result

    def _unconfirmed(self, result: FileResult) -> None:
        """A file with a report of the month read from a layout HQ has not confirmed
        (new or not): its layout gets a proof."""
        found = [c for c in result.reports if c.unconfirmed and self._of_month(c)]
        if found and result.same_as is None:
            self.unconfirmed += len(found)
            self.unconfirmed_files.append(Path(result.source))

    def _of_month(self, checked: Checked) -> bool:
        day = checked.report.date.value if checked.report is not None else None
        return day is None or day in self.job.done.period

    def make(self, result: FileResult, period: str) -> None:
        done = self.job.done
        station = self._station(result)
        folder = self.job.ws.returned / period
        self.open.pop(result.sha256 or "", None)
        try:
            copy = J.feedback_copy(
                result,
                folder,
                self.job.options.password,
                safe_file_name(station),
                settings=self.job.options.context.settings,
            )
        except OperationalError as exc:  # a copy that could not be written (locked…)
            copy = (result.path, None, str(exc))
        step = Step(self.job.home, period, FEEDBACK, result.sha256 or "")
        if copy is None:  # nothing to send back after all
            if result.sha256 is not None:
                self.steps.append(replace(step, state=DONE))
            return
        path, written, problem = copy
        if written is not None:
            done.returned.setdefault(station, []).append(written)
            self.written.append(written)
            step = replace(step, state=DONE, output=str(resolved(written)))
        else:
            done.not_returned.append((path, problem or ""))
            step = replace(step, state=FAILED, problem=problem)
        if result.sha256 is not None:
            self.steps.append(step)

    def _station(self, result: FileResult) -> str:
        """The police station a file came from: its reports' 所属, else the folder it was
        put in under the incoming folder (its name as one spelling: NFKC)."""
        for checked in result.reports:
            if checked.report is not None:
                station = station_key(checked.report.affiliation.value)
                if station:
                    return station
        folder = Path(result.path).absolute().parent
        if folder == self.incoming:
            return NO_STATION
        return station_key(folder.name) or NO_STATION
