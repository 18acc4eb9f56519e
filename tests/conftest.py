"""Test-wide settings.

Hypothesis draws the same examples on every run ("derandomize"), so that a red build
always means a change broke something, never an unlucky draw; set HYPOTHESIS_PROFILE=explore
to search with fresh random examples while developing.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
