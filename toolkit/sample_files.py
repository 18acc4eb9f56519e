"""Write the fictional prefecture's registry and filled sample reports to a folder.

`DIR/registry.xlsx` (unless a registry was given), `DIR/reports/<警察署>/<日付>_<協議会名>.xlsx`
written into our own template, and `DIR/planted.json`: for every report file, the findings
its content was made to produce, so that a check of the samples can be compared with it.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

from toolkit.excel.fill import FastFiller
from toolkit.excel.registry_io import write_registry
from toolkit.excel.template import build_template, safe_filename
from toolkit.fictional import fictional_registry
from toolkit.registry import Registry
from toolkit.samples import generate_reports

MANIFEST = "planted.json"


def blank_template_bytes() -> bytes:
    """The blank form as bytes, built once per run."""
    buf = io.BytesIO()
    build_template().save(buf)
    return buf.getvalue()


def write_samples(
    out_dir: Path,
    *,
    count: int,
    seed: int,
    mistakes: float = 0.0,
    registry: Registry | None = None,
) -> int:
    """Write `count` sample reports (and the registry when none was given); returns count."""
    out_dir.mkdir(parents=True, exist_ok=True)
    reg = registry or fictional_registry(0)
    if registry is None:
        write_registry(reg, out_dir / "registry.xlsx")
    filler = FastFiller(blank_template_bytes())
    manifest: dict[str, list[dict[str, str | None]]] = {}
    used: set[str] = set()
    for sample in generate_reports(reg, count=count, seed=seed, mistakes=mistakes):
        rel = _unique(
            f"reports/{safe_filename(sample.council.station)}/{safe_filename(sample.file_stem)}",
            used,
        )
        data = filler.fill(sample.values, council_id=sample.council.council_id)
        write_bytes_atomic(out_dir / rel, data)
        manifest[rel] = [{"code": p.code, "field": p.field} for p in sample.planted]
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_bytes_atomic(out_dir / MANIFEST, text.encode())
    return len(manifest)


def _unique(stem: str, used: set[str]) -> str:
    candidate = f"{stem}.xlsx"
    n = 2
    while candidate in used:
        candidate = f"{stem}_{n}.xlsx"
        n += 1
    used.add(candidate)
    return candidate


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
