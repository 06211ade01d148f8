"""Shared fixtures of the governance tests: the shipped record and the Member States."""

from __future__ import annotations

import pytest

from humanict.config import PROJECT_ROOT
from humanict.governance.records import Record, load_record
from humanict.members import Economy, member_states

DATA_DIR = PROJECT_ROOT / "data"
GOV_DIR = DATA_DIR / "governance"


@pytest.fixture(scope="session")
def record() -> Record:
    return load_record(DATA_DIR)


@pytest.fixture(scope="session")
def members() -> list[Economy]:
    return member_states(DATA_DIR)
