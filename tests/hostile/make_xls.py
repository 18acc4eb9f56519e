"""Make the legacy .xls fixtures in data/ with LibreOffice (needs `soffice` and python3-uno).

    /usr/bin/python3 tests/hostile/make_xls.py

Run with the system Python that has the `uno` module, not the project's venv. The files are
committed (each under 10 KB), so the tests do not need LibreOffice. LibreOffice is the only
tool at hand that writes BIFF8 and encrypts it (RC4 CryptoAPI), so the fixtures come from it.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_hostile import PASSWORD, normal_xlsx  # noqa: E402

PORT = 2083


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main() -> None:
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=socket,host=127.0.0.1,port={PORT};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(60):
            try:
                ctx = resolver.resolve(
                    f"uno:socket,host=127.0.0.1,port={PORT};urp;StarOffice.ComponentContext"
                )
                break
            except Exception:
                time.sleep(0.5)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        with tempfile.TemporaryDirectory() as tmp:
            plain = Path(tmp) / "normal.xlsx"
            plain.write_bytes(normal_xlsx())
            far = Path(tmp) / "far.xlsx"
            far.write_bytes(
                normal_xlsx(extra_rows='<row r="65536"><c r="IV65536" t="n"><v>1</v></c></row>')
            )
            for src, dst, extra in (
                (plain, "plain.xls", ()),
                (plain, "encrypted.xls", (prop("Password", PASSWORD),)),
                (far, "stray_cell.xls", ()),
            ):
                doc = desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(str(src)), "_blank", 0, (prop("Hidden", True),)
                )
                doc.storeToURL(
                    uno.systemPathToFileUrl(str(HERE / "data" / dst)),
                    (prop("FilterName", "MS Excel 97"), *extra),
                )
                doc.close(True)
                print("wrote", dst)
        with contextlib.suppress(Exception):
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()


if __name__ == "__main__":
    os.chdir(HERE)
    main()
