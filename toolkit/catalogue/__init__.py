"""The wording of the finding kinds that have a room of their own (see `toolkit.findings`)."""
