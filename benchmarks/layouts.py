"""Benchmark: `kyogikai check` of reports in layouts HQ confirmed, against the
python-calamine floor on the same files, in the same run.

    python benchmarks/layouts.py --count 2000
    python benchmarks/layouts.py --count 2000 --json out.json

It confirms the layouts of the corpus workbooks once (`kyogikai layout`, then
`kyogikai layout --confirm` of each proof, as HQ would with no correction needed), writes
`--count` reports in those layouts (each copy with its own council name, venue and
discussion typed into the confirmed cells), and times, on the same files:

- floor:      python-calamine reading every cell of every sheet, one process
- confirmed:  `kyogikai check DIR --json --layouts 様式` end to end (read by the maps)
- labels:     the same without `--layouts` (read by judgement: the cost of not confirming)

"× floor" is the step's time over the floor's (the target for confirmed layouts is ≤ 2,
our template's).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import CLI, ROOT, Step, bytecode, loop_step, measure, table  # noqa: E402

# Station workbooks as they come (the blind corpus: several sheets, styles, pictures) and
# the smaller ones of the other corpora.
SOURCES = [
    *sorted((ROOT / "tests" / "corpus" / "blind").glob("*.xls[xm]")),
    *sorted((ROOT / "tests" / "corpus" / "layouts").glob("*.xlsx")),
    *sorted((ROOT / "tests" / "corpus" / "legacy").glob("*.xlsx")),
    ROOT / "tests" / "corpus" / "round2_shapes" / "struck_option.xlsx",
]


def confirm(work: Path) -> Path:
    """The corpus layouts confirmed into `work/様式`."""
    import subprocess

    proofs, layouts = work / "proofs", work / "様式"
    subprocess.run([*CLI, "layout", *map(str, SOURCES), "-o", str(proofs)], check=True,
                   capture_output=True)  # fmt: skip
    for proof in sorted(proofs.glob("*.xlsx")):
        subprocess.run(
            [*CLI, "layout", "--confirm", str(proof), "--layouts", str(layouts)],
            check=True,
            capture_output=True,
        )
    return layouts


def make_reports(count: int, layouts: Path, work: Path) -> list[Path]:
    """`count` workbooks in the confirmed layouts, each with its own council name, venue
    and discussion in the confirmed cells (each source saved once by openpyxl with
    markers in those cells; each copy is that package with the markers replaced)."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    import openpyxl

    from toolkit.reading.layouts import load_layouts
    from toolkit.reading.read import read_workbook

    maps = load_layouts(layouts)
    bases: list[tuple[str, bytes]] = []
    for src in SOURCES:
        read = read_workbook(src.read_bytes(), src.name, layouts=maps)
        first = read.reports[0] if read.reports else None
        if first is None or first.method != "confirmed":
            continue
        layout = next(m for m in maps if m.layout_id == first.layout_id)
        wb = openpyxl.load_workbook(src, rich_text=True, keep_vba=src.suffix == ".xlsm")
        for key in ("council_name", "venue", "discussion"):
            place = layout.place(key)
            if place is None or place.sheet is not None:
                continue
            cell = wb[first.sheet].cell(place.r0 + 1, place.c0 + 1)
            if isinstance(cell.value, str) and ("：" not in cell.value and ":" not in cell.value):
                cell.value = f"@@{key}@@"
        buffer = io.BytesIO()
        wb.save(buffer)
        bases.append((src.suffix, buffer.getvalue()))
    out = work / "reports"
    out.mkdir(exist_ok=True)
    files = []
    for i in range(count):
        suffix, data = bases[i % len(bases)]
        values = {"council_name": f"第{i}地区連絡協議会", "venue": f"第{i}集会所",
                  "discussion": f"第{i}回の協議内容を記録した。"}  # fmt: skip
        zin = zipfile.ZipFile(io.BytesIO(data))
        path = out / f"{i:05d}{suffix}"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                part = zin.read(info)
                if info.filename == "xl/sharedStrings.xml" or info.filename.startswith(
                    "xl/worksheets/sheet"
                ):
                    text = part.decode("utf-8")
                    for key, value in values.items():
                        text = text.replace(f"@@{key}@@", escape(value))
                    part = text.encode("utf-8")
                zout.writestr(info, part)
        files.append(path)
    if hasattr(os, "sync"):
        os.sync()
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="reports in confirmed layouts")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    parser.add_argument("--workdir", type=Path, help="keep inputs and outputs here")
    parser.add_argument("--source", action="store_true", help="compile Python on every run")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="kyogikai-layouts-"))
    work.mkdir(parents=True, exist_ok=True)
    bytecode(work, args.source)
    try:
        layouts = confirm(work)
        files = make_reports(args.count, layouts, work)
        print(f"  {len(files)} reports in {len(list(layouts.glob('*.json')))} layouts",
              file=sys.stderr)  # fmt: skip
        floor_s, floor_mb = loop_step("floor", files, work)
        folder = str(work / "reports")
        conf_s, conf_mb = measure([*CLI, "check", folder, "--json", "--layouts", str(layouts)])
        label_s, label_mb = measure([*CLI, "check", folder, "--json"])
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    n = len(files)
    steps = [
        Step("floor (python-calamine)", n, n, floor_s, floor_mb),
        Step("check, confirmed layouts", n, n, conf_s, conf_mb),
        Step("check, read by labels", n, n, label_s, label_mb),
    ]
    for s in steps:
        s.per_second = s.files / s.seconds
        s.vs_floor = s.seconds / floor_s
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {'source' if args.source else 'bytecode'}"
    )
    print(table(steps))
    print(f"confirmed ÷ floor: {conf_s / floor_s:.2f} (target ≤ 2)")
    if args.json:
        args.json.write_text(
            json.dumps([asdict(s) for s in steps], ensure_ascii=False, indent=1), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
