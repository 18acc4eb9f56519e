"""Alembic revisions of the ledger, one per schema version (append, never edit)."""
