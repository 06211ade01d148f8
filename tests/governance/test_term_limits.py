"""Term-limit rule sets, slate checks and the counterfactual on the shipped record."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from humanict.cli import app
from humanict.errors import DataFileError, InvalidInputError
from humanict.governance.eligibility import check_slate, counterfactual, read_slate
from humanict.governance.records import Record
from humanict.governance.term_limits import (
    Candidate,
    Context,
    CurrentRule,
    History,
    NationalityRule,
    ReformRule,
    RuleSet,
    Stint,
    normalise_name,
    parse_rules,
    terms_served,
)

from .conftest import GOV_DIR

runner = CliRunner()
SLATE = GOV_DIR / "examples" / "illustrative_slate.csv"


@pytest.mark.parametrize(
    ("start", "end", "terms"),
    [
        (2015, 2022, 2),  # Zhao SG: PP-14 and PP-18
        (2019, 2022, 1),  # Bogdan-Martin BDT
        (2023, 2026, 1),  # a term under way
        (1993, 1999, 2),  # Irmer TSB: from 1 Mar 1993 (partial) and PP-94's term
        (1967, 1982, 2),  # Mili SG: ad interim from 1967, then PP-73's term
        (1989, 1999, 2),  # Tarjanne SG: PP-89 and PP-94
        (1983, 1989, 1),  # Butler SG: PP-82, left in 1989
    ],
)
def test_terms_served_follows_the_record(start: int, end: int, terms: int) -> None:
    assert terms_served(start, end) == terms


def test_history_merges_predecessor_posts(record: Record) -> None:
    history = History.from_record(record, current_year=2026)
    kirby = history.of("Richard C. Kirby", before=2000)
    assert [(s.post, s.start, s.end, s.terms) for s in kirby] == [("BR", 1974, 1994, 3)]
    assert normalise_name("Hamadoun I. Touré") == normalise_name("Hamadoun I. Toure")


def _verdicts(rules: str, election_year: int = 2026) -> dict[str, dict[str, object]]:
    from humanict.config import PROJECT_ROOT
    from humanict.governance.records import load_record

    record = load_record(PROJECT_ROOT / "data")
    slate = read_slate(SLATE.read_text())
    rows = check_slate(slate, record, parse_rules(rules), Context(election_year))
    return {f"{r['name']}|{r['post']}": r for r in rows}


def test_current_rule_is_per_post() -> None:
    v = _verdicts("current")
    assert v["Mario Maniewicz|BR"]["verdict"] == "ineligible"  # BR 2019-2026: two terms
    assert v["Houlin Zhao|DSG"]["verdict"] == "ineligible"  # DSG 2007-2014
    assert v["Chaesub Lee|BR"]["verdict"] == "eligible"  # two terms, but as TSB
    assert v["Malcolm Johnson|BDT"]["verdict"] == "eligible"
    assert v["Doreen Bogdan-Martin|SG"]["verdict"] == "eligible"


def test_reform_counts_all_posts_and_exempts_incumbents() -> None:
    v = _verdicts("reform")
    assert v["Chaesub Lee|BR"]["verdict"] == "ineligible"
    assert v["Malcolm Johnson|BDT"]["verdict"] == "ineligible"
    assert "4 terms in total" in str(v["Malcolm Johnson|BDT"]["explanation"])
    # BDT 2019-22 + SG 2023-26 = 2 terms, but she is in office when the reform takes effect
    assert v["Doreen Bogdan-Martin|SG"]["verdict"] == "eligible"
    assert "exempt" in str(v["Doreen Bogdan-Martin|SG"]["explanation"])
    assert v["Seizo Onoe|TSB"]["verdict"] == "eligible"


def test_reform_without_exemption_when_adopted_earlier(record: Record) -> None:
    history = History.from_record(record, current_year=2026)
    slate = [Candidate("Doreen Bogdan-Martin", "USA", "SG")]
    # adopted in 2018, before she took any elected post: no exemption
    (verdict,) = RuleSet((ReformRule(),)).evaluate(slate, history, Context(2026, 2018))
    assert verdict.status == "ineligible"


def test_nationality_rule_and_composition() -> None:
    v = _verdicts("reform,nationality")
    hashimoto = v["Akira Hashimoto|RRB"]
    assert hashimoto["verdict"] == "conditional"
    assert [f["rule"] for f in hashimoto["findings"]] == ["reform", "nationality"]
    assert "Seizo Onoe" in str(hashimoto["explanation"])
    slate = [Candidate("X", "FRA", "RRB"), Candidate("Y", "FRA", "RRB")]
    history = History({})
    statuses = [f.status for f in NationalityRule().check(slate, history, Context(2026))]
    assert statuses == ["ineligible", "ineligible"]  # one RRB candidate per Member State


def test_rule_composition_takes_the_worst_finding(record: Record) -> None:
    history = History.from_record(record, current_year=2026)
    slate = [Candidate("Mario Maniewicz", "URY", "BR")]
    both = RuleSet((CurrentRule(), ReformRule())).evaluate(slate, history, Context(2026))
    assert both[0].status == "ineligible"  # reform exempts him, today's rule does not


def test_slate_errors_name_line_and_field() -> None:
    with pytest.raises(DataFileError) as err:
        read_slate("name,iso3,post\nA,FRA,MAYOR\n", member_iso3=["FRA"])
    assert err.value.line == 2 and err.value.field == "post"
    with pytest.raises(DataFileError) as err:
        read_slate("name,iso3,post\nA,XXX,SG\n", member_iso3=["FRA"])
    assert err.value.field == "iso3"
    with pytest.raises(DataFileError):
        read_slate("name,post\nA,SG\n")
    with pytest.raises(InvalidInputError, match="unknown rule set 'strict'"):
        parse_rules("reform,strict")


def test_counterfactual_reform_from_1995(record: Record) -> None:
    report = counterfactual(record, parse_rules("reform"), since=1995)
    assert report["persons_not_allowed"] == ["Hamadoun I. Toure", "Houlin Zhao", "Malcolm Johnson"]
    assert report["terms_lost_by_country"] == {"CHN": 4, "GBR": 2, "MLI": 2}


def test_counterfactual_current_rule_since_1960(record: Record) -> None:
    report = counterfactual(record, parse_rules("current"), since=1960)
    blocked = {(b["name"], b["term_start"]) for b in report["blocked"]}
    assert ("Richard C. Kirby", 1989) in blocked  # CCIR from 1974: third term
    assert ("Theodor Irmer", 1995) in blocked
    burtz = next(b for b in report["blocked"] if b["name"] == "Leon Burtz")
    assert burtz["verification"] == "UNVERIFIED"


def test_cli_eligibility_and_counterfactual() -> None:
    result = runner.invoke(
        app, ["governance", "eligibility", "--rules", "reform", str(SLATE), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["rules"] == "reform" and len(data["verdicts"]) == 13
    result = runner.invoke(app, ["governance", "eligibility", "--rules", "reform", "nope.csv"])
    assert result.exit_code == 1 and "no file" in result.output
    result = runner.invoke(
        app, ["governance", "counterfactual", "--rules", "reform", "--format", "json"]
    )
    assert result.exit_code == 0
    data = json.loads(result.output)
    sg_2007 = next(b for b in data["blocked"] if b["term_start"] == 2007 and b["post"] == "SG")
    assert sg_2007["runner_up_iso3"] == "DEU"  # Kurth, PP-06 third round


# -- properties on synthetic histories (hypothesis; made-up people) --

POSTS = ["SG", "DSG", "BR", "TSB", "BDT"]
synthetic_stints = st.lists(
    st.tuples(
        st.sampled_from(POSTS),
        st.sampled_from([1995, 1999, 2003, 2007, 2011, 2015]),
        st.integers(1, 3),
    ),
    max_size=4,
)


@settings(max_examples=150, deadline=None)
@given(synthetic_stints, st.sampled_from(POSTS))
def test_synthetic_reform_is_never_laxer_than_current_for_non_incumbents(
    raw: list[tuple[str, int, int]], post: str
) -> None:
    stints = tuple(Stint(p, start, start + 4 * n - 1, n) for p, start, n in raw)
    history = History({"synthetic person": stints})
    slate = [Candidate("Synthetic Person", "FRA", post, incumbent=False)]
    context = Context(2026)
    current = CurrentRule().check(slate, history, context)[0].status
    reform = ReformRule().check(slate, history, context)[0].status
    if current == "ineligible":
        assert reform == "ineligible"
    total = sum(s.terms for s in stints)
    assert (reform == "ineligible") == (total >= 2)
    in_post = sum(s.terms for s in stints if s.post == post)
    assert (current == "ineligible") == (in_post >= 2)
