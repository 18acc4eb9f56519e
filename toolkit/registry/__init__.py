"""HQ's registry (協議会名簿): councils, members, periods to avoid, the yearly plan; and who
a council is.

- `model`: the typed contents and their lookups;
- `validate`: rows of the registry workbook → a `Registry`, or every problem at once;
- `names`: how names of councils, facilities and stations are compared;
- `identity`: who the council of a report is (R7, the ledger and the summary ask here).

No Excel library is imported here; `toolkit.writing.registry_io` reads and writes the file.
"""

from toolkit.registry.identity import Identity, identify, identify_report
from toolkit.registry.model import (
    COUNCIL_HEADERS,
    COUNCIL_KINDS,
    COUNCIL_SHEET,
    FACILITY_TYPES,
    MEMBER_GROUPS,
    MEMBER_HEADERS,
    MEMBER_SHEET,
    PERIOD_HEADERS,
    PERIOD_SHEET,
    PLAN_HEADERS,
    PLAN_SHEET,
    SHEETS,
    Council,
    Member,
    PlannedMeeting,
    Registry,
    RestrictedPeriod,
)
from toolkit.registry.names import id_key, name_key, same_name, station_key
from toolkit.registry.sheets import to_date
from toolkit.registry.validate import RegistryError, registry_from_rows

__all__ = [
    "COUNCIL_HEADERS",
    "COUNCIL_KINDS",
    "COUNCIL_SHEET",
    "FACILITY_TYPES",
    "MEMBER_GROUPS",
    "MEMBER_HEADERS",
    "MEMBER_SHEET",
    "PERIOD_HEADERS",
    "PERIOD_SHEET",
    "PLAN_HEADERS",
    "PLAN_SHEET",
    "SHEETS",
    "Council",
    "Identity",
    "Member",
    "PlannedMeeting",
    "Registry",
    "RegistryError",
    "RestrictedPeriod",
    "id_key",
    "identify",
    "identify_report",
    "name_key",
    "registry_from_rows",
    "same_name",
    "station_key",
    "to_date",
]
