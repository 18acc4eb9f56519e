"""Test-wide settings.

Hypothesis draws the same examples on every run ("derandomize"), so that a red build
always means a change broke something, never an unlucky draw; set HYPOTHESIS_PROFILE=explore
to search with fresh random examples while developing.

KYOGIKAI_SIMULATE_PORTABLE=1 runs the tests as on a platform without fork and without the
Linux-only modules (tests/portable/sitecustomize.py); CI runs the isolation and hostile-file
tests a second time that way.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# Messages are fitted to COLUMNS when it is set; pytest-xdist's workers set it to 80, so the
# tests' expected lines would wrap there and not in a plain run. A test that wants a width
# sets COLUMNS itself.
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)


# --- a platform without fork (KYOGIKAI_SIMULATE_PORTABLE=1) -------------------------------

_PORTABLE = Path(__file__).parent / "portable"

if os.environ.get("KYOGIKAI_SIMULATE_PORTABLE") == "1":
    # Every Python process the tests start (workers, the command line) is simulated too.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(_PORTABLE), os.environ.get("PYTHONPATH")])
    )
    _spec = importlib.util.spec_from_file_location(
        "portable_simulation", _PORTABLE / "sitecustomize.py"
    )
    assert _spec is not None and _spec.loader is not None
    _simulation = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_simulation)
    _simulation.simulate()

    from toolkit.confine import start_method

    assert start_method() == "spawn", "the simulation must leave only spawn"


# --- the clock ---------------------------------------------------------------------------


@pytest.fixture
def clock_at(monkeypatch: pytest.MonkeyPatch) -> Callable[[date], None]:
    """Set the computer's date as the toolkit sees it (`toolkit.clock.today`): time passes
    for retention, and the refusal of days after today is tested against a fixed today."""
    from toolkit import clock

    def set_today(day: date) -> None:
        monkeypatch.setattr(clock, "today", lambda: day)

    return set_today


# --- the ledger on both engines -------------------------------------------------------------

import pgserver  # noqa: E402

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_server() -> Any:
    """A throwaway PostgreSQL server for the whole test run (see tests/pgserver.py); the
    test is skipped when the server programs are not installed, and fails instead when
    KYOGIKAI_REQUIRE_POSTGRES=1 (CI)."""
    with pgserver.running() as server:
        if server is None:
            if os.environ.get(pgserver.REQUIRE) == "1":
                pytest.fail(pgserver.WHY_NOT)
            pytest.skip(pgserver.WHY_NOT)
        yield server


@pytest.fixture
def pg_database(pg_server: Any) -> Any:
    """The URL of a new, empty database on the test run's server (dropped afterwards)."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture(scope="session")
def pg_template(pg_server: Any) -> str:
    """A database holding a new ledger, made once: each test's server ledger is a copy of
    it (copying a database is much faster than creating the schema again)."""
    from toolkit.ledger import Ledger

    name = pg_server.create_database("ledger_template")
    Ledger.open(pg_server.url(name)).close()
    return str(name)


@pytest.fixture
def pg_ledger(pg_server: Any, pg_template: str) -> Any:
    """The URL of a new, empty ledger on the test run's server (dropped afterwards)."""
    name = pg_server.create_database(template=pg_template)
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine a ledger can live on: a ledger test runs on both."""
    return str(request.param)


@pytest.fixture
def ledger_at(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    """Where a new ledger of the test's engine is: a file path, or a server URL."""
    if engine == "sqlite":
        return tmp_path / "台帳.sqlite"
    return request.getfixturevalue("pg_ledger")
