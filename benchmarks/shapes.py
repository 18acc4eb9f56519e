"""Benchmark: reading forms filled in shapes, against the same forms filled in cells.

    python benchmarks/shapes.py --count 300 --template 2000

Writes, with the corpus generator's form (tests/corpus/make_round2_shapes.py), `--count`
foreign-layout workbooks with every value typed in its cells ("plain") and as many with
every value in a text box, 定期 circled by an ellipse ("shapes"); each copy has its own
council name. `--template` reports in our template come from `kyogikai samples`. Then,
on the same files:

- floor:   python-calamine reading every cell, one process (as benchmarks/run.py)
- naive:   `openpyxl.load_workbook` reading every cell (blind to shapes)
- check:   `kyogikai check DIR --json` end to end, as a process
- read:    `read_workbook` + `build_report` in this process, per file (median of 3 passes)

The targets: a workbook with shapes costs at most twice a plain foreign one (shapes ÷
plain, for `check` and for `read`), and our template's `check` stays within twice the
calamine floor.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import run as R  # noqa: E402  (benchmarks/run.py: process measuring and the floor)


def _generator():  # the corpus generator: the form, text boxes and ellipses
    path = ROOT / "tests" / "corpus" / "make_round2_shapes.py"
    spec = importlib.util.spec_from_file_location("make_round2_shapes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def make_forms(count: int, work: Path) -> tuple[list[Path], list[Path]]:
    """`count` plain and `count` shape-filled workbooks of the same form."""
    m = _generator()
    plain_dir, shapes_dir = work / "plain", work / "shapes"
    plain_dir.mkdir()
    shapes_dir.mkdir()
    plain, shapes = [], []
    for i in range(count):
        council = f"第{i}地区交番連絡協議会"
        wb, ws = m._sheet("報告書")
        m.blank_form(ws, meeting=None)
        m.fill_cells(ws)
        ws["G8"] = council
        path = plain_dir / f"{i:05d}.xlsx"
        m._save(wb, path)
        plain.append(path)

        wb, ws = m._sheet("報告書")
        m.blank_form(ws, meeting="定期　・　臨時")
        keys = tuple(k for k in m.WRITTEN if k not in ("council_name", "meeting_type"))
        boxes = m.boxes_for(keys) + m.table_boxes()
        boxes.append(m.text_box("G8:T8", council))
        boxes.append(m.ellipse("X11:Z11", (60000, 5000, 150000, m.ROW_EMU - 5000)))
        path = shapes_dir / f"{i:05d}.xlsx"
        m._save(wb, path, {1: boxes})
        shapes.append(path)
    if hasattr(os, "sync"):
        os.sync()
    return plain, shapes


def read_seconds(files: list[Path]) -> float:
    """Median over 3 passes of reading every file in this process (bytes already in
    memory), in seconds for the whole set."""
    from toolkit.parse import build_report
    from toolkit.reading.read import read_workbook

    data = [(f.name, f.read_bytes()) for f in files]
    passes = []
    for _ in range(3):
        start = time.perf_counter()
        for name, payload in data:
            for raw in read_workbook(payload, name).reports:
                build_report(raw)
        passes.append(time.perf_counter() - start)
    return statistics.median(passes)


def check_seconds(folder: Path, jobs: int) -> float:
    """Wall seconds of `kyogikai check --json` on a folder, as a process. Its stderr (a
    note per shape-filled file) goes to a file: a pipe left unread would fill and stall
    the process being timed."""
    cmd = [*R.CLI, "check", str(folder), "--json", "--jobs", str(jobs)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=err, check=False)
        seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode})")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300, help="foreign workbooks of each kind")
    parser.add_argument("--template", type=int, default=2000, help="reports in our template")
    parser.add_argument("--jobs", type=int, default=0, help="kyogikai --jobs (0: all cores)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kyogikai-bench-shapes-"))
    rows: list[tuple[str, int, float, str]] = []
    try:
        plain, shapes = make_forms(args.count, work)
        naive_s, _ = R.loop_step("naive", shapes, work)
        naive_rate = len(shapes) / naive_s
        results = {}
        for kind, files in (("plain", plain), ("shapes", shapes)):
            floor_s, _ = R.loop_step("floor", files, work)
            check_s = check_seconds(work / kind, args.jobs)
            read_s = read_seconds(files)
            results[kind] = (check_s, read_s)
            n = len(files)
            rows.append((f"{kind}: floor (python-calamine)", n, floor_s, ""))
            rows.append(
                (
                    f"{kind}: check --json",
                    n,
                    check_s,
                    f"× floor {check_s / floor_s:.2f}, × naive {n / check_s / naive_rate:.1f}",
                )
            )
            rows.append((f"{kind}: read in process", n, read_s, f"{read_s / n * 1000:.2f} ms/file"))
        rows.append(("shapes: naive (openpyxl loop)", len(shapes), naive_s, ""))
        if args.template:
            folder, files = R.make_reports(args.template, work)
            floor_s, _ = R.loop_step("floor", files, work)
            check_s = check_seconds(folder / "reports", args.jobs)
            read_s = read_seconds(files)
            n = len(files)
            rows.append(("template: floor (python-calamine)", n, floor_s, ""))
            rows.append(("template: check --json", n, check_s, f"× floor {check_s / floor_s:.2f}"))
            rows.append(
                ("template: read in process", n, read_s, f"{read_s / n * 1000:.2f} ms/file")
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(f"{'step':36} {'files':>6} {'seconds':>8}  ratio")
    for name, n, seconds, ratio in rows:
        print(f"{name:36} {n:>6} {seconds:>8.2f}  {ratio}")
    (p_check, p_read), (s_check, s_read) = results["plain"], results["shapes"]
    print(f"shapes ÷ plain, check --json: {s_check / p_check:.2f} (target ≤ 2)")
    print(f"shapes ÷ plain, read in process: {s_read / p_read:.2f} (target ≤ 2)")


if __name__ == "__main__":
    main()
