"""Governance of ITU: officials, term limits, representation, elections and staffing balance."""

from humanict.governance.election_rules import (
    board_election,
    council_election,
    official_round,
    regional_plurality,
    required_majority,
    run_official_election,
)
from humanict.governance.records import Record, load_record
from humanict.governance.representation import Scope, programme_check, representation
from humanict.governance.scenarios import Assumptions, Scenario, calibrate, simulate
from humanict.governance.selection import Constraints, select
from humanict.governance.staffing import RangeWeights, desirable_ranges, gender_by_grade
from humanict.governance.term_limits import (
    Candidate,
    Context,
    CurrentRule,
    History,
    NationalityRule,
    ReformRule,
    RuleSet,
    parse_rules,
)

__all__ = [
    "Assumptions",
    "Candidate",
    "Constraints",
    "Context",
    "CurrentRule",
    "History",
    "NationalityRule",
    "RangeWeights",
    "Record",
    "ReformRule",
    "RuleSet",
    "Scenario",
    "Scope",
    "board_election",
    "calibrate",
    "council_election",
    "desirable_ranges",
    "gender_by_grade",
    "load_record",
    "official_round",
    "parse_rules",
    "programme_check",
    "regional_plurality",
    "representation",
    "required_majority",
    "run_official_election",
    "select",
    "simulate",
]
