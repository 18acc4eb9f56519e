"""Benchmark: kyogikai against a naive openpyxl loop and the python-calamine floor.

    python benchmarks/run.py --count 2000                 # the issue's check target
    python benchmarks/run.py --count 5000 --count 50000   # scale: memory at two sizes
    python benchmarks/run.py --count 2000 --json out.json

For each size N it writes N report workbooks with `kyogikai samples` (into our template),
and `--foreign F` workbooks in other stations' layouts, then times, on the same files:

- floor:   python-calamine reading every cell of every sheet, one process, no processing
- naive:   `openpyxl.load_workbook(path)` reading every cell (on `--naive-sample` files;
           its rate stands for the whole set: at ~50 ms a file the full loop takes minutes)
- check:   `kyogikai check DIR --json` end to end, as a process
- spawn:   the same with KYOGIKAI_START_METHOD=spawn: workers started as on Windows and
           macOS (a fresh interpreter each), instead of forked as on Linux; and
           `kyogikai check` of one file both ways (median of 5), the pool's fixed cost
- ingest:  `kyogikai ingest DIR --db LEDGER`, as a process
- summary: `kyogikai summary --db LEDGER --period FY2026`, as a process; and the same
           with every table written cell by cell through xlsxwriter (the rows streamed as
           XML switched off): the baseline for the summary's writing
- foreign: `kyogikai check` on the foreign-layout files (label-anchored reading), and the
           naive loop on the same files
- help:    `kyogikai --help`

Python code runs from bytecode, as in an installed copy (pip compiles it when it
installs): when PYTHONDONTWRITEBYTECODE is set, every command would compile the whole
package from source first (0.3–0.8 s a run here), so the bytecode is kept in the work
folder instead (`--source`: compile on every run, as before).

Every step runs in its own process; peak RSS is the largest sum over the whole process
tree (sampled every 5 ms), so worker processes count. Ratios: "× floor" is the step's time
over the floor's time on the same files (the target is ≤ 2 for check); "× naive" is the
step's files/s over the naive loop's (the target is ≥ 20 for check, ≥ 10 for foreign).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CLI = [sys.executable, "-m", "toolkit"]
# The command line with the summary's tables written cell by cell (no streamed rows).
CELL_BY_CELL = [
    sys.executable,
    "-c",
    "import sys; from toolkit.writing.summary import book; "
    "book.write_rows = lambda *a, **k: None; "
    "from toolkit.cli import main; sys.argv[0] = 'kyogikai'; main()",
]


@dataclass
class Step:
    name: str
    size: int
    files: int
    seconds: float
    peak_mb: float
    per_second: float = 0.0
    vs_naive: float | None = None
    vs_floor: float | None = None


# --- measuring a process ----------------------------------------------------------------


def measure(
    cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the whole process tree of `cmd`."""
    import psutil

    # What the command says on stderr goes to a file: a pipe nobody reads until the end
    # would stop a command that says more than the pipe holds (a long --json run).
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        root = psutil.Process(proc.pid)
        peak = 0
        while proc.poll() is None:
            total = 0
            try:
                family = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for p in family:
                try:
                    total += p.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
            peak = max(peak, total)
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return seconds, peak / 2**20


def internal(mode: str, listing: str) -> None:
    """The floor and the naive loop, run in their own process by `measure`."""
    files = Path(listing).read_text(encoding="utf-8").splitlines()
    if mode == "floor":
        from python_calamine import CalamineWorkbook

        for f in files:
            book = CalamineWorkbook.from_path(f)
            for name in book.sheet_names:
                book.get_sheet_by_name(name).to_python()
    elif mode == "naive":
        import openpyxl

        for f in files:
            wb = openpyxl.load_workbook(f)
            for ws in wb.worksheets:
                for _row in ws.iter_rows(values_only=True):
                    pass


def loop_step(mode: str, files: list[Path], work: Path) -> tuple[float, float]:
    listing = work / f"{mode}.txt"
    listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
    return measure([sys.executable, __file__, "--internal", mode, str(listing)])


# --- inputs -----------------------------------------------------------------------------


def registry_for(count: int, work: Path) -> Path | None:
    """The fictional prefecture, grown by copying its stations when `count` reports would
    not fit into its councils' fiscal year (about 60 a council at most)."""
    factor = -(-count // 3000)
    if factor <= 1:
        return None
    from dataclasses import replace

    from toolkit.registry import Registry
    from toolkit.samples import fictional_registry
    from toolkit.writing.registry_io import write_registry

    base = fictional_registry(0)
    councils = []
    for k in range(factor):
        for c in base.councils:
            station = c.station if k == 0 else c.station.replace("警察署", f"第{k + 1}警察署")
            councils.append(replace(c, council_id=f"C{k:03d}{c.council_id[1:]}", station=station))
    path = work / f"registry_x{factor}.xlsx"
    write_registry(Registry(tuple(councils), (), base.periods, "benchmark"), path)
    return path


def make_reports(count: int, work: Path) -> tuple[Path, list[Path]]:
    out = work / f"samples_{count}"
    cmd = [*CLI, "samples", "-o", str(out), "--count", str(count), "--seed", "11"]
    registry = registry_for(count, work)
    if registry is not None:
        cmd += ["--registry", str(registry)]
    seconds, _ = measure(cmd)
    files = sorted((out / "reports").rglob("*.xlsx"))
    print(f"  generated {len(files)} reports in {seconds:.1f} s", file=sys.stderr)
    if hasattr(os, "sync"):
        os.sync()  # the inputs are on disk, as a station's files would be: no step pays for them
    return out, files


def make_foreign(count: int, work: Path) -> list[Path]:
    """Workbooks in other layouts: the legacy and corpus layouts, each copy with its own
    council name and venue written into the cells the label reader finds there."""
    import openpyxl

    from toolkit.parse import build_report
    from toolkit.reading.read import read_workbook

    sources = sorted((ROOT / "tests" / "corpus" / "legacy").glob("*.xlsx"))
    sources += sorted((ROOT / "tests" / "corpus" / "layouts").glob("*.xlsx"))
    out = work / "foreign"
    out.mkdir(exist_ok=True)
    templates = []
    for src in sources:
        report = build_report(read_workbook(src.read_bytes(), src.name).reports[0])
        cells = [report.council_name.cell, report.venue.cell]
        if all(c is not None for c in cells):
            templates.append((src, cells))
    files = []
    for i in range(count):
        src, cells = templates[i % len(templates)]
        wb = openpyxl.load_workbook(src)
        for ref, value in zip(cells, (f"第{i}地区連絡協議会", f"第{i}集会所"), strict=True):
            sheet, cell = ref.sheet, ref.a1
            current = wb[sheet][cell].value
            if isinstance(current, str) and ("：" in current or ":" in current):
                continue  # label and value share this cell: leave the label in place
            wb[sheet][cell].value = value
        path = out / f"{i:05d}_{src.stem}.xlsx"
        wb.save(path)
        files.append(path)
    return files


# --- the run ----------------------------------------------------------------------------


def run_size(count: int, args: argparse.Namespace, work: Path) -> list[Step]:
    print(f"== {count} reports", file=sys.stderr)
    folder, files = make_reports(count, work)
    reports = folder / "reports"
    steps: list[Step] = []

    floor_s, floor_mb = loop_step("floor", files, work)
    steps.append(Step("floor (python-calamine)", count, len(files), floor_s, floor_mb))
    sample = files[:: max(1, len(files) // args.naive_sample)][: args.naive_sample]
    naive_s, naive_mb = loop_step("naive", sample, work)
    steps.append(Step("naive (openpyxl loop)", count, len(sample), naive_s, naive_mb))
    naive_rate = len(sample) / naive_s

    jobs = ["--jobs", str(args.jobs)]
    check_s, check_mb = measure([*CLI, "check", str(reports), "--json", *jobs])
    steps.append(Step("check --json", count, len(files), check_s, check_mb))
    spawn_s, spawn_mb = measure([*CLI, "check", str(reports), "--json", *jobs], env=spawn_env())
    steps.append(Step("check --json, spawn", count, len(files), spawn_s, spawn_mb))
    ledger = work / f"ledger_{count}.db"
    ingest_s, ingest_mb = measure([*CLI, "ingest", str(reports), "--db", str(ledger), *jobs])
    steps.append(Step("ingest", count, len(files), ingest_s, ingest_mb))
    out = work / f"summary_{count}.xlsx"
    summary_cmd = [*CLI, "summary", "--db", str(ledger), "--period", "FY2026", "-o", str(out)]
    summary_s, summary_mb = measure(summary_cmd)
    steps.append(Step("summary FY2026 (ledger)", count, len(files), summary_s, summary_mb))
    cells_cmd = [*CELL_BY_CELL, *summary_cmd[len(CLI) :]]
    cells_cmd[cells_cmd.index(str(out))] = str(work / f"summary_{count}_cells.xlsx")
    cells_s, cells_mb = measure(cells_cmd)
    steps.append(Step("summary, cell by cell", count, len(files), cells_s, cells_mb))

    for s in steps:
        s.per_second = s.files / s.seconds if s.seconds else 0.0
        s.vs_naive = s.per_second / naive_rate
        if s.files == len(files):
            s.vs_floor = s.seconds / floor_s
    return steps + one_file_steps(files[0])


def run_foreign(args: argparse.Namespace, work: Path) -> list[Step]:
    print(f"== {args.foreign} foreign-layout reports", file=sys.stderr)
    files = make_foreign(args.foreign, work)
    floor_s, floor_mb = loop_step("floor", files, work)
    naive_s, naive_mb = loop_step("naive", files, work)
    check_s, check_mb = measure([*CLI, "check", str(work / "foreign"), "--json"])
    steps = [
        Step("foreign: floor", len(files), len(files), floor_s, floor_mb),
        Step("foreign: naive", len(files), len(files), naive_s, naive_mb),
        Step("foreign: check --json", len(files), len(files), check_s, check_mb),
    ]
    for s in steps:
        s.per_second = s.files / s.seconds
        s.vs_naive = s.per_second / (len(files) / naive_s)
        s.vs_floor = s.seconds / floor_s
    return steps


SPAWN = {"KYOGIKAI_START_METHOD": "spawn"}


def spawn_env() -> dict[str, str]:
    return {**os.environ, **SPAWN}


def bytecode(work: Path, source: bool) -> None:
    """Run every step from bytecode kept in `work` (unless `source`): the package compiled
    once, and one check run before any is measured (its imports compiled too)."""
    if source:
        return
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "toolkit")], check=True)
    one = sorted((ROOT / "samples" / "reports").rglob("*.xlsx"))[:1]
    subprocess.run([*CLI, "check", *map(str, one), "--json"], capture_output=True, check=False)


def one_file_steps(path: Path) -> list[Step]:
    """`kyogikai check` of one file with forked and with spawned workers: what starting
    the pool costs (median of 5 each)."""
    steps = []
    for name, env in (("fork", None), ("spawn", spawn_env())):
        times = [measure([*CLI, "check", str(path), "--json"], env=env)[0] for _ in range(5)]
        steps.append(Step(f"1 file, {name} (median of 5)", 1, 1, statistics.median(times), 0.0))
    return steps


def help_step() -> Step:
    times = [measure([*CLI, "--help"])[0] for _ in range(5)]
    kyogikai = shutil.which("kyogikai")
    if kyogikai:
        times = [measure([kyogikai, "--help"])[0] for _ in range(5)]
    return Step("kyogikai --help (median of 5)", 0, 0, statistics.median(times), 0.0)


def table(steps: list[Step]) -> str:
    head = f"{'step':32} {'size':>6} {'files':>6} {'seconds':>8} {'files/s':>9} "
    head += f"{'× naive':>8} {'× floor':>8} {'peak MB':>8}"
    lines = [head, "-" * len(head)]
    for s in steps:
        naive = f"{s.vs_naive:.1f}" if s.vs_naive is not None else ""
        floor = f"{s.vs_floor:.2f}" if s.vs_floor is not None else ""
        lines.append(
            f"{s.name:32} {s.size:>6} {s.files:>6} {s.seconds:>8.2f} {s.per_second:>9.1f} "
            f"{naive:>8} {floor:>8} {s.peak_mb:>8.0f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, action="append", help="reports (repeatable)")
    parser.add_argument("--foreign", type=int, default=300, help="foreign-layout workbooks")
    parser.add_argument("--naive-sample", type=int, default=300, help="files for the naive loop")
    parser.add_argument("--jobs", type=int, default=0, help="kyogikai --jobs (0: all cores)")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    parser.add_argument("--workdir", type=Path, help="keep inputs and outputs here")
    parser.add_argument("--source", action="store_true", help="compile Python on every run")
    parser.add_argument("--internal", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.internal:
        internal(*args.internal)
        return
    counts = args.count or [2000]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="kyogikai-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    bytecode(work, args.source)
    steps: list[Step] = []
    try:
        for count in counts:
            steps += run_size(count, args, work)
        if args.foreign:
            steps += run_foreign(args, work)
        steps.append(help_step())
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {'source' if args.source else 'bytecode'}"
    )
    print(table(steps))
    for count in counts:
        check = next(s for s in steps if s.name == "check --json" and s.size == count)
        ingest = next(s for s in steps if s.name == "ingest" and s.size == count)
        print(f"ingest ÷ check at {count}: {ingest.seconds / check.seconds:.2f}")
        summary = next(s for s in steps if s.name.startswith("summary FY") and s.size == count)
        cells = next(s for s in steps if s.name == "summary, cell by cell" and s.size == count)
        print(f"summary cell by cell ÷ streamed at {count}: {cells.seconds / summary.seconds:.2f}")
    if len(counts) > 1:
        small, large = min(counts), max(counts)
        for name in ("check --json", "ingest", "summary FY2026 (ledger)"):
            a = next(s for s in steps if s.name == name and s.size == small)
            b = next(s for s in steps if s.name == name and s.size == large)
            print(f"peak RSS {name}: {large} vs {small} = {b.peak_mb / a.peak_mb:.2f}×")
    if args.json:
        args.json.write_text(
            json.dumps([asdict(s) for s in steps], ensure_ascii=False, indent=1), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
