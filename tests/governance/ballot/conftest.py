"""Registries on SQLite and PostgreSQL (a fresh database per test), a small synthetic roll and
a key ceremony on the insecure test group (fast); one test elsewhere uses the real group."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from humanict.governance.ballot.group import TEST_GROUP_512
from humanict.governance.ballot.service import BallotService
from humanict.governance.ballot.trustees import run_ceremony

ROLL = ["ARG", "BRA", "FRA", "KEN", "IND", "NOR"]  # synthetic test roll (6 delegations)


@pytest.fixture(params=["sqlite", "postgresql"])
def registry_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    postgres_database: Callable[[str], AbstractContextManager[str]],
) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'registry.sqlite'}"
    else:
        with postgres_database("humanict_ballot") as url:
            yield url


@pytest.fixture(scope="session")
def ceremony() -> tuple[dict[str, Any], list[tuple[int, int]]]:
    record, secrets_ = run_ceremony(TEST_GROUP_512, 5, 3)
    return {"group": TEST_GROUP_512.as_dict(), "trustees": record}, secrets_


class Setup:
    """A service with issued credentials and its principals."""

    def __init__(self, url: str) -> None:
        self.service = BallotService.from_url(url)
        self.tokens = self.service.issue_credentials(ROLL, officers=1, observers=1)
        self.officer = self.service.authenticate(self.tokens["officer-1"])
        self.observer = self.service.authenticate(self.tokens["observer-1"])

    def voter(self, iso3: str) -> Any:
        return self.service.authenticate(self.tokens[iso3])

    def dispose(self) -> None:
        self.service.engine.dispose()


@pytest.fixture
def setup(registry_url: str) -> Iterator[Setup]:
    made = Setup(registry_url)
    yield made
    made.dispose()
