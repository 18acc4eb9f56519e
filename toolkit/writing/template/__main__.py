"""Regenerate the committed blank: `python -m toolkit.writing.template [PATH]`."""

import sys
from pathlib import Path

from toolkit.excel.contract import BLANK_NAME
from toolkit.writing.template.build import write_template

if __name__ == "__main__":  # pragma: no cover - regenerates the committed blank
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("workbook_templates") / BLANK_NAME
    write_template(target)
    print(target)
