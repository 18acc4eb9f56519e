"""Samples: a fictional prefecture's registry and filled reports that read like real
minutes, some with honest mistakes, each with the findings it must produce.

Rooms: `phrases` (what is said at meetings), `cast` (each council's people and places),
`mistakes` (the mistakes and their findings), `planner` (which council meets when),
`minutes` (the values of one meeting), `reports` (putting them together), `fictional` (the
prefecture's registry), `roster_notes` (which councils show which member finding) and
`files` (writing it all to a folder).
"""

from toolkit.samples.fictional import fictional_registry
from toolkit.samples.files import MANIFEST, RECEIPT_LOG, write_samples
from toolkit.samples.mistakes import MISTAKES, Mistake
from toolkit.samples.reports import Planted, SampleReport, generate_reports
from toolkit.samples.roster_notes import MEMBERS_DOC, roster_notes

__all__ = [
    "MANIFEST",
    "MEMBERS_DOC",
    "MISTAKES",
    "RECEIPT_LOG",
    "Mistake",
    "Planted",
    "SampleReport",
    "fictional_registry",
    "generate_reports",
    "roster_notes",
    "write_samples",
]
