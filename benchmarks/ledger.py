"""Benchmark: the ledger on PostgreSQL against the ledger file (SQLite), in one run.

    python benchmarks/ledger.py --count 50000 --count 5000     # the issue's targets; memory at two sizes
    python benchmarks/ledger.py --count 2000 --json out.json
    python benchmarks/ledger.py --count 50000 --baseline OLD   # also a tree of an older release
    python benchmarks/ledger.py --count 50000 --work DIR       # keep the generated reports

For each size N it writes N report workbooks with `kyogikai samples` (as benchmarks/run.py
does), reads and checks them ONCE (the same results for every engine: reading 50,000
workbooks takes minutes and is the same work whatever the ledger), and then measures, each
step in its own process (peak RSS of the process):

- ingest:  `Ledger.ingest` of the N checked files into a new ledger, with the archive (the
           folder beside a ledger file; the table `archived` on a server), as `kyogikai
           ingest` does after reading: staging, the commit under the write lock
- summary: the fiscal-year summary from that ledger, as `kyogikai summary --db` does:
           `build_summary` in one snapshot (the ledger's part, timed apart as "queries")
           and the workbook written; measured once the ledger has settled after the
           ingest (`settle`: the file system flushed; on the server the VACUUM (ANALYZE)
           autovacuum would run by itself, and a checkpoint; its seconds are printed
           and belong to no step)

The peak memory of each step is in the table, and with two sizes or more a line per
engine and step compares the smallest and the largest (memory flat in N: ×1.0).

on SQLite (a ledger file as kyogikai opens it: WAL, synchronous=NORMAL) and on a throwaway
PostgreSQL server started for the run with its durable defaults (fsync on; tests/pgserver.py;
`--server URL` uses a database you give instead). The targets: PostgreSQL ≤ 1.5 × SQLite
for the ingest, ≤ 1.3 × for the summary. With `--baseline TREE` the SQLite steps run once
more with the toolkit of TREE on the path (say, `git archive 58ac34a toolkit | tar -x -C
TREE`): the hand-written stdlib sqlite3 ledger before SQLAlchemy.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(ROOT / "tests"))

AS_OF = "2027-03-31"


@dataclass
class Step:
    name: str
    engine: str
    size: int
    seconds: float
    peak_mb: float
    inner: float | None = None  # the ledger's part within `seconds`: the ingest call, or the
    # summary's reading of the ledger (build_summary in its snapshot)


def internal_read(listing: str, out: str, registry: str) -> None:
    """Read and check every file once; the results pickled one after another."""
    from datetime import date

    from toolkit import jobs as J
    from toolkit.check import check_paths

    options = J.reading_options(registry=Path(registry) if registry else None,
                                as_of=date.fromisoformat(AS_OF))  # fmt: skip
    with open(out, "wb") as fh:
        for result in check_paths([Path(listing)], options):
            pickle.dump(result, fh, protocol=5)


def _results(path: str):  # type: ignore[no-untyped-def]
    with open(path, "rb") as fh:
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return


def internal_ingest(where: str, results: str, registry: str) -> None:
    from toolkit import jobs as J
    from toolkit.ledger import Ledger

    # The files were checked as of AS_OF; the ingest records today as their receipt day
    # (a receipt day after today is refused).
    options = J.reading_options(registry=Path(registry) if registry else None)
    start = time.perf_counter()
    with Ledger.open(where if "://" in where else Path(where)) as ledger:
        stats = ledger.ingest(_results(results), context=options.context)
    inner = time.perf_counter() - start
    print(json.dumps({"reports": stats.reports, "files": stats.files, "inner": inner}))


def internal_summary(where: str, out: str, registry: str) -> None:
    import contextlib
    from datetime import date

    from toolkit import jobs as J
    from toolkit.aggregate import build_summary
    from toolkit.fiscal import parse_period
    from toolkit.ledger import Ledger
    from toolkit.writing.summary import write_summary

    options = J.reading_options(registry=Path(registry) if registry else None,
                                as_of=date.fromisoformat(AS_OF))  # fmt: skip
    context = options.context
    with Ledger.open(where if "://" in where else Path(where)) as ledger:
        snapshot = getattr(ledger, "snapshot", contextlib.nullcontext)
        start = time.perf_counter()
        with snapshot():
            table = build_summary(ledger, parse_period("FY2026"), registry=context.registry,
                                  station=None, settings=context.settings)  # fmt: skip
        queries = time.perf_counter() - start
    write_summary(table, Path(out))
    print(json.dumps({"queries": queries, "meetings": len(table.lists.meetings)}))


def _child(args: list[str], pythonpath: str | None = None) -> tuple[float, float, dict[str, float]]:
    import subprocess

    import psutil

    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            family = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in family))
        except psutil.NoSuchProcess:
            pass
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{args[:2]} failed:\n{err.decode(errors='replace')[-3000:]}")
    lines = [line for line in out.decode().splitlines() if line.startswith("{")]
    return seconds, peak / 2**20, json.loads(lines[-1]) if lines else {}


def run_size(count: int, args: argparse.Namespace, work: Path, server: object) -> list[Step]:
    from run import make_reports, registry_for

    results = work / f"results_{count}.pickle"
    folder = work / f"samples_{count}"
    factor = -(-count // 3000)
    registry = work / f"registry_x{factor}.xlsx" if factor > 1 else folder / "registry.xlsx"
    if args.work is not None and results.is_file() and registry.is_file():
        print(f"  the reports read in an earlier run ({results})", file=sys.stderr)
    else:
        folder, files = make_reports(count, work)
        registry = registry_for(count, work) or folder / "registry.xlsx"
        seconds, _, _ = _child(
            ["--internal-read", str(folder / "reports"), str(results), str(registry)]
        )
        print(f"  read and checked {len(files)} files once in {seconds:.1f} s", file=sys.stderr)
    for old in work.glob(f"[lb]{count}.db*"):  # the ledgers of an earlier run: made anew
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()
    engines: list[tuple[str, str, str | None]] = [("sqlite", str(work / f"l{count}.db"), None)]
    if args.server:
        engines.append(("postgresql", args.server, None))
    elif server is not None:
        name = server.create_database(f"bench{count}")  # type: ignore[attr-defined]
        engines.append(("postgresql", server.url(name), None))  # type: ignore[attr-defined]
    if args.baseline:
        engines.append(("sqlite3 (baseline)", str(work / f"b{count}.db"), str(args.baseline)))
    steps = []
    for engine, where, tree in engines:
        s, mb, got = _child(["--internal-ingest", where, str(results), str(registry)], tree)
        steps.append(
            Step("ingest", engine, int(got.get("reports", count)), s, mb, got.get("inner"))
        )
        waited = settle(where)
        print(f"  {engine}: the ledger settled in {waited:.1f} s before the summary",
              file=sys.stderr)  # fmt: skip
        out = work / f"summary_{engine.split()[0]}_{count}.xlsx"
        s, mb, got = _child(["--internal-summary", where, str(out), str(registry)], tree)
        steps.append(Step("summary", engine, count, s, mb, got.get("queries")))
        print(f"  {engine}: ledger part {steps[-2].inner or 0:.1f} s ingest, "
              f"{steps[-1].inner or 0:.1f} s summary queries; peak {steps[-2].peak_mb:.0f} MB"
              f" ingest, {steps[-1].peak_mb:.0f} MB summary", file=sys.stderr)  # fmt: skip
        print(f"  {engine}: {steps[-2].seconds:.1f} s ingest, {steps[-1].seconds:.1f} s summary",
              file=sys.stderr)  # fmt: skip
    return steps


def settle(where: str) -> float:
    """Let the ledger come to rest after the ingest, so that the summary is measured on
    its own: the file system flushed (both engines); on a server, the vacuum and the
    statistics autovacuum would make within a minute of a large ingest made now
    (`VACUUM (ANALYZE)`) and the written pages checkpointed. On this shared machine the
    server's background work after a 50,000-report ingest otherwise runs on the same two
    cores as the summary. Returns the seconds it took (not part of any step)."""
    start = time.perf_counter()
    if "://" in where:
        import contextlib

        import psycopg

        with psycopg.connect(where, autocommit=True) as conn:
            conn.execute("VACUUM (ANALYZE)")
            with contextlib.suppress(psycopg.Error):  # a database of one's own: no right
                conn.execute("CHECKPOINT")
    if hasattr(os, "sync"):
        os.sync()
    return time.perf_counter() - start


def flatness(steps: list[Step]) -> list[str]:
    """Peak memory of each step at the smallest and the largest size, per engine."""
    lines = []
    sizes = sorted({s.size for s in steps})
    if len(sizes) < 2:
        return lines
    for engine in dict.fromkeys(s.engine for s in steps):
        for name in ("ingest", "summary"):
            ends = [next((s for s in steps if (s.engine, s.name, s.size) == (engine, name, n)),
                         None) for n in (sizes[0], sizes[-1])]  # fmt: skip
            if ends[0] is not None and ends[1] is not None:
                lines.append(f"memory {name} {engine}: {ends[0].peak_mb:.0f} MB at "
                             f"{sizes[0]:,} → {ends[1].peak_mb:.0f} MB at {sizes[-1]:,} "
                             f"(×{ends[1].peak_mb / ends[0].peak_mb:.2f} for "
                             f"×{sizes[-1] / sizes[0]:.0f} reports)")  # fmt: skip
    return lines


def table(steps: list[Step]) -> str:
    base = {(s.name, s.size): s for s in steps if s.engine == "sqlite"}
    lines = ["| step | engine | N | process s | × SQLite | ledger part s | × SQLite | peak MB |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for s in steps:
        ref = base.get((s.name, s.size))
        ratio = f"{s.seconds / ref.seconds:.2f}" if ref else ""
        inner = f"{s.inner:.2f}" if s.inner is not None else ""
        part = f"{s.inner / ref.inner:.2f}" if ref and ref.inner and s.inner else ""
        lines.append(f"| {s.name} | {s.engine} | {s.size:,} | {s.seconds:.2f} | {ratio} | "
                     f"{inner} | {part} | {s.peak_mb:.0f} |")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1].startswith("--internal-"):
        kind, *rest = sys.argv[1:]
        {"--internal-read": internal_read, "--internal-ingest": internal_ingest,
         "--internal-summary": internal_summary}[kind](*rest)  # fmt: skip
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, action="append", help="reports (repeatable)")
    parser.add_argument("--server", help="a PostgreSQL URL of an empty database to use")
    parser.add_argument("--baseline", type=Path, help="a toolkit tree of an older release")
    parser.add_argument("--json", type=Path, help="write the steps as JSON here")
    parser.add_argument(
        "--work",
        type=Path,
        help="a folder kept after the run: the reports generated and read there are used"
        " again by the next run with --work (the ledgers are made anew)",
    )
    args = parser.parse_args()
    import pgserver

    steps: list[Step] = []
    with tempfile.TemporaryDirectory(prefix="kyogikai-ledger-bench-") as tmp:
        work = Path(tmp) if args.work is None else args.work
        work.mkdir(parents=True, exist_ok=True)
        bindir = None if args.server else pgserver.find_binaries()
        # PostgreSQL as a real server runs: every commit on the disk (not the tests' fsync off)
        server = pgserver.start(bindir, durable=True) if bindir is not None else None
        try:
            for count in args.count or [2000]:
                print(f"N = {count}", file=sys.stderr)
                steps += run_size(count, args, work, server)
        finally:
            if server is not None:
                server.stop()
    print(table(steps))
    for line in flatness(steps):
        print(line)
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in steps], indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
