"""Workbooks as they print: converted to PDF by LibreOffice, and the type size on paper of
each page, measured from the words' boxes (pdftotext's box is about 1.30 × the type size)."""

from __future__ import annotations

import html
import os
import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest

BOX_PER_PT = 1.30
_PAGE = re.compile(r"<page\b[^>]*>(.*?)</page>", re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.S
)


def require_tools() -> str:
    """The soffice command, or skip (fail when CI requires LibreOffice)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        if os.environ.get("KYOGIKAI_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) and poppler (pdftotext) are required")
        pytest.skip("LibreOffice or poppler is not installed")
    return soffice


def to_pdf(workbook: Path, out_dir: Path, timeout: int = 180) -> Path:
    soffice = require_tools()
    profile = (out_dir / "profile").as_uri()
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out_dir), str(workbook)],
        capture_output=True,
        timeout=timeout,
        check=False,
    )  # fmt: skip
    pdf = out_dir / (workbook.stem + ".pdf")
    assert pdf.exists(), done.stderr.decode(errors="replace")
    return pdf


def page_type_sizes(pdf: Path) -> list[tuple[float, str]]:
    """(median type size in points, first words) of each page that holds text."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8", "replace")
    out = []
    for body in _PAGE.findall(xml):
        words = [
            (float(m.group(4)) - float(m.group(2)), html.unescape(m.group(5)).strip())
            for m in _WORD.finditer(body)
        ]
        words = [(h, w) for h, w in words if w]
        if words:
            median = statistics.median(h for h, _ in words) / BOX_PER_PT
            out.append((median, " ".join(w for _, w in words[:4])))
    return out
