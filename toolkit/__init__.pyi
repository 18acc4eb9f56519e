# The public API as type checkers see it; toolkit/__init__.py imports each name on first
# use. tests/test_api.py keeps the two lists the same.
from toolkit.check import Options as Options
from toolkit.check import check_paths as check_paths
from toolkit.errors import InputError as InputError
from toolkit.errors import KyogikaiError as KyogikaiError
from toolkit.errors import OperationalError as OperationalError
from toolkit.findings import Finding as Finding
from toolkit.fiscal import Period as Period
from toolkit.fiscal import parse_period as parse_period
from toolkit.jobs import CheckRun as CheckRun
from toolkit.jobs import ingest as ingest
from toolkit.jobs import load_registry as load_registry
from toolkit.jobs import reading_options as reading_options
from toolkit.jobs import retention as retention
from toolkit.jobs import samples as make_samples
from toolkit.jobs import summary as summary
from toolkit.jobs import templates as templates
from toolkit.ledger import Ledger as Ledger
from toolkit.model import Report as Report
from toolkit.registry import Registry as Registry
from toolkit.results import FileResult as FileResult
from toolkit.results import Tally as Tally
from toolkit.settings import Settings as Settings
from toolkit.settings import load_settings as load_settings

__version__: str

__all__ = [
    "CheckRun",
    "FileResult",
    "Finding",
    "InputError",
    "KyogikaiError",
    "Ledger",
    "OperationalError",
    "Options",
    "Period",
    "Registry",
    "Report",
    "Settings",
    "Tally",
    "__version__",
    "check_paths",
    "ingest",
    "load_registry",
    "load_settings",
    "make_samples",
    "parse_period",
    "reading_options",
    "retention",
    "summary",
    "templates",
]
