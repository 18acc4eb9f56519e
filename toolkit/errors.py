"""Whose fault it is when a command cannot go on.

Findings about reports are data (`toolkit.findings`); these exceptions are for the run
itself. The command line turns each into a Japanese message and an exit status:

- `InputError`: what the user gave cannot be used (a period that is not one, a settings
  file that cannot mean what it says, a station that is not in the registry) — exit 2;
- `OperationalError`: the machine or a file stands in the way (the ledger is locked,
  damaged or read-only, the disk is full, the output cannot be written) — exit 3.

Anything else that escapes a command is a bug in this program.
"""

from __future__ import annotations


class KyogikaiError(Exception):
    """A run cannot go on; the message is Japanese and says what to do."""

    exit_code = 1


class InputError(KyogikaiError):
    """What the user gave cannot be used as it is: fix the argument or the file (exit 2)."""

    exit_code = 2


class OperationalError(KyogikaiError):
    """The machine or a file stands in the way: locked, damaged, full, not writable (exit 3)."""

    exit_code = 3
