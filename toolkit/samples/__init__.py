"""Samples: a fictional prefecture's registry and filled reports that read like real
minutes, some with honest mistakes, each with the findings it must produce.

Rooms: `phrases` (what is said at meetings), `cast` (each council's people and places),
`mistakes` (the mistakes and their findings), `planner` (which council meets when),
`minutes` (the values of one meeting), `reports` (putting them together), `fictional` (the
prefecture's registry) and `files` (writing it all to a folder).
"""

from toolkit.samples.fictional import fictional_registry
from toolkit.samples.files import MANIFEST, write_samples
from toolkit.samples.mistakes import MISTAKES, Mistake
from toolkit.samples.reports import Planted, SampleReport, generate_reports

__all__ = [
    "MANIFEST",
    "MISTAKES",
    "Mistake",
    "Planted",
    "SampleReport",
    "fictional_registry",
    "generate_reports",
    "write_samples",
]
