"""Time and peak memory of the safety layer and the reader on every hostile file.

    python benchmarks/hostile.py            # gate, then python-calamine for the survivors
    python benchmarks/hostile.py --raw      # every file straight to python-calamine
    python benchmarks/hostile.py --reader   # toolkit.reading.read.read_workbook, in the pool
    python benchmarks/hostile.py --cli      # `python -m toolkit check FILE --json`, whole

Each file is measured in a fresh Python process, so that peak RSS (getrusage) belongs to
that file alone: "gate" is `sniff` plus `read_member` + `sheet_extent` on every worksheet
part, in that process; the read runs in a worker of `imap_isolated` (jobs=1, default
timeout and memory cap), whose peak is reported separately. Target: < 5 s, < 500 MB each.

`--cli` runs the real command on each file, as a user would, from a fresh wrapper process:
wall time from start to exit; "tree MB", the peak of the summed RSS of the command and its
workers, sampled every 5 ms with psutil; "max proc MB", the largest peak RSS of any single
process of the tree (getrusage of the wrapper's children, which the kernel keeps exactly).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

PASSWORD = "kyogikai"


def gate(data: bytes, name: str, password: str | None) -> tuple[str, bytes]:
    from toolkit.excel.guard import Limits, Unreadable, read_member, sheet_extent, sniff

    limits = Limits()
    try:
        sniffed = sniff(data, name, password=password, limits=limits)
        if sniffed.format in ("xlsx", "xlsm"):
            with zipfile.ZipFile(io.BytesIO(sniffed.data)) as zf:
                for part in zf.namelist():
                    if part.startswith("xl/worksheets/"):
                        rows, cols = sheet_extent(read_member(zf, part, limits))
                        if rows * cols > limits.max_sheet_cells:
                            return "F1.too-large", b""
    except Unreadable as exc:
        return exc.code, b""
    return "ok", sniffed.data


def read_with_calamine(data: bytes) -> str:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    cells = 0
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells += sum(len(r) for r in rows)
    return f"read {cells:,} cells"


def read_with_reader(job: tuple[bytes, str, str | None]) -> str:
    from toolkit.excel.guard import Unreadable
    from toolkit.reading.read import read_workbook

    data, name, password = job
    try:
        book = read_workbook(data, name, password=password)
    except Unreadable as exc:
        return exc.code
    return f"{len(book.reports)} report(s)"


def one(path: Path, mode: str, password: str | None) -> dict[str, Any]:
    """Measure one file in this (fresh) process."""
    import python_calamine  # noqa: F401 - imported before timing, as a real run has it

    import toolkit.excel.guard  # noqa: F401
    from toolkit.isolation import Failure, imap_isolated

    data = path.read_bytes()
    start = time.perf_counter()
    # The reader sniffs by itself (and reads a bounded window of far-reaching sheets).
    outcome, plain = ("ok", data) if mode != "gate" else gate(data, path.name, password)
    gate_s = time.perf_counter() - start
    read_s = 0.0
    if outcome == "ok":
        start = time.perf_counter()
        if mode == "reader":
            (result,) = imap_isolated(read_with_reader, [(data, path.name, password)], jobs=1)
        else:
            (result,) = imap_isolated(read_with_calamine, [plain], jobs=1)
        read_s = time.perf_counter() - start
        if isinstance(result, Failure):
            outcome = f"{result.kind}: {result.detail}"
        else:
            outcome = f"ok, {result}" if mode != "reader" else str(result)
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "outcome": outcome,
        "gate_s": gate_s,
        "read_s": read_s,
        "parent_mb": self_kb / 1024,
        "worker_mb": child_kb / 1024,
    }


def cli_one(path: Path, password: str | None) -> dict[str, Any]:
    """Run `check PATH --json` as a child of this (fresh) process; time and memory of it."""
    import psutil

    cmd = [sys.executable, "-m", "toolkit", "check", str(path), "--json"]
    if password:
        cmd += ["--password", password]
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        total = 0
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            tree = []
        for p in tree:
            with contextlib.suppress(psutil.NoSuchProcess):
                total += p.memory_info().rss
        peak = max(peak, total)
        time.sleep(0.005)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    max_proc_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    outcomes = []
    for record in lines:
        if record["status"] == "unreadable":
            outcomes.append(record["issues"][0]["code"])
        else:
            outcomes.append(f"read ({record['status']})")
    return {
        "outcome": ", ".join(dict.fromkeys(outcomes)) or f"no output: {stderr.strip()[-200:]}",
        "exit": proc.returncode,
        "seconds": wall,
        "tree_mb": peak / 2**20,
        "max_proc_mb": max_proc_kb / 1024,
    }


def cli_table(folder: Path, runs: list[tuple[str, str | None]], expected: dict[str, str]) -> None:
    print("mode: cli (python -m toolkit check FILE --json; target < 5 s, < 500 MB)")
    print(
        f"{'file':26} {'expected (gate)':16} {'outcome':22} {'exit':>4} {'seconds':>7} "
        f"{'tree MB':>8} {'max proc MB':>11}"
    )
    slow = []
    for name, password in runs:
        cmd = [sys.executable, __file__, "--one", str(folder / name), "--mode", "cli"]
        if password:
            cmd += ["--password", password]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
        label = name + (" +pw" if password else "")
        if proc.returncode != 0:
            print(f"{label:26} measuring process failed: {proc.stderr.strip()[-200:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        gate = "ok" if password else expected[name]
        print(
            f"{label:26} {gate:16} {r['outcome']:22} {r['exit']:>4} {r['seconds']:7.2f} "
            f"{r['tree_mb']:8.0f} {r['max_proc_mb']:11.0f}"
        )
        if r["seconds"] >= 5 or max(r["tree_mb"], r["max_proc_mb"]) >= 500:
            slow.append(label)
    print("over target: " + (", ".join(slow) if slow else "none"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--raw", action="store_true", help="no gate: straight to calamine")
    parser.add_argument("--reader", action="store_true", help="the full reader, in the pool")
    parser.add_argument("--cli", action="store_true", help="the whole `check --json` command")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="gate", help=argparse.SUPPRESS)
    parser.add_argument("--password", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one and args.mode == "cli":
        print(json.dumps(cli_one(args.one, args.password)))
        return
    if args.one:
        print(json.dumps(one(args.one, args.mode, args.password)))
        return
    mode = "raw" if args.raw else "reader" if args.reader else "cli" if args.cli else "gate"
    from make_hostile import EXPECTED, build_hostile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build_hostile(out)
        runs: list[tuple[str, str | None]] = [(name, None) for name in EXPECTED]
        runs += [(name, PASSWORD) for name in EXPECTED if name.startswith("encrypted")]
        if mode == "cli":
            cli_table(out, runs, EXPECTED)
            return
        print(f"mode: {mode}")
        print(
            f"{'file':26} {'expected':16} {'gate ms':>8} {'read ms':>8} {'wall s':>7} "
            f"{'parent MB':>9} {'worker MB':>9}  outcome"
        )
        for name, password in runs:
            cmd = [sys.executable, __file__, "--one", str(out / name), "--mode", mode]
            if password:
                cmd += ["--password", password]
            start = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
            wall = time.perf_counter() - start
            label = name + (" +pw" if password else "")
            expected = "ok" if password else EXPECTED[name]
            if proc.returncode != 0:
                print(f"{label:26} measuring process failed: {proc.stderr.strip()[-200:]}")
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            print(
                f"{label:26} {expected:16} {r['gate_s'] * 1e3:8.1f} {r['read_s'] * 1e3:8.1f} "
                f"{wall:7.2f} {r['parent_mb']:9.0f} {r['worker_mb']:9.0f}  {r['outcome']}"
            )


if __name__ == "__main__":
    main()
