"""Write the golden rows again, after a change of an output that was meant.

    python tests/golden/make_golden.py

Run from the repository's root. Look at `git diff tests/golden/` before committing: every
changed line is a cell that HQ or a station will see differently.
"""

from __future__ import annotations

import sys
from pathlib import Path
from tempfile import TemporaryDirectory

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from golden.outputs import (  # noqa: E402
    FEEDBACK_ROWS,
    ROSTER_ROWS,
    SUMMARY_ROWS,
    feedback_copy,
    roster_workbook,
    summary_workbook,
)
from golden.rows import save_rows, workbook_rows  # noqa: E402


def main() -> None:
    with TemporaryDirectory() as tmp:
        save_rows(workbook_rows(summary_workbook(Path(tmp))), SUMMARY_ROWS)
        save_rows(workbook_rows(feedback_copy(Path(tmp))), FEEDBACK_ROWS)
        save_rows(workbook_rows(roster_workbook(Path(tmp))), ROSTER_ROWS)
    print(f"written: {SUMMARY_ROWS.name}, {FEEDBACK_ROWS.name}, {ROSTER_ROWS.name}")


if __name__ == "__main__":
    main()
