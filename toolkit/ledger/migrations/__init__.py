"""The ledger's schema versions as Alembic revisions (`versions/`), shipped in the package.

`toolkit.ledger.store` runs them with a configuration made in code: no alembic.ini is
needed on the user's disk. Revision N takes a ledger from schema version N - 1 to N (the
version a ledger file also carries in `PRAGMA user_version`, as before Alembic).
"""
