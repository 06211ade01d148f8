"""The gap report on a small real slice: ranking, coverage before the cut, study groups, Dask."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from humanict.errors import InvalidInputError
from humanict.foresight.coverage import best_matches
from humanict.foresight.gaps import gap_report
from humanict.foresight.topics import fit_topics

TOPICS = 8


@pytest.fixture(scope="module")
def report(corpus: Any) -> Any:
    standards, signals = corpus
    return gap_report(standards, signals, 2018, n_topics=TOPICS)


def test_gaps_are_ranked_and_follow_the_formula(report: Any) -> None:
    gaps = [t.gap for t in report.topics]
    assert gaps == sorted(gaps, reverse=True)
    assert [t.rank for t in report.topics] == list(range(1, TOPICS + 1))
    for t in report.topics:
        assert t.gap == pytest.approx(t.emergence * (1 - t.coverage))
        assert 0 <= t.coverage <= 1 and 0 <= t.emergence <= 1
        assert len(t.terms) >= 3 and t.label.startswith(t.terms[0])
        assert sum(t.counts) == t.records


def test_escore_order_is_the_emergence_order(report: Any) -> None:
    by_score = sorted(report.topics, key=lambda t: t.escore)
    assert [t.emergence for t in by_score] == sorted(t.emergence for t in by_score)


def test_coverage_uses_only_standards_published_by_the_cut(report: Any) -> None:
    for t in report.topics:
        assert t.standards, t.label
        for s in t.standards:
            assert int(str(s["date"])[:4]) <= 2018
        assert t.coverage == pytest.approx(t.standards[0]["similarity"], abs=1e-4)


def test_every_gap_has_an_itu_study_group_and_evidence(report: Any) -> None:
    for t in report.topics:
        assert t.study_group.split()[0] in {"ITU-T", "ITU-R"}
        assert t.signals and all(int(str(s["date"])[:4]) in range(2009, 2019) for s in t.signals)


def test_itu_scope_counts_only_itu_standards(corpus: Any) -> None:
    standards, signals = corpus
    itu = gap_report(standards, signals, 2018, n_topics=TOPICS, coverage_scope="itu")
    bodies = {s["body"] for t in itu.topics for s in t.standards}
    assert bodies <= {"ITU-T", "ITU-R"}


def test_bad_options_are_refused(corpus: Any) -> None:
    standards, signals = corpus
    with pytest.raises(InvalidInputError, match="coverage scope"):
        gap_report(standards, signals, 2018, coverage_scope="iso")
    with pytest.raises(InvalidInputError, match="no signals dated"):
        gap_report(standards, signals, 1950, n_topics=TOPICS)
    with pytest.raises(InvalidInputError, match="backend"):
        fit_topics(["a b c"] * 10, 2, backend="lda")


def test_chunking_does_not_change_the_matches(corpus: Any) -> None:
    standards, signals = corpus
    model = fit_topics(signals["text"].tolist()[:600], 5)
    texts = standards["title"].tolist()[:3000]
    whole = best_matches(model.unit_topics(), model.vectorizer, texts, k=5, chunk=10_000)
    parts = best_matches(model.unit_topics(), model.vectorizer, texts, k=5, chunk=700)
    np.testing.assert_array_equal(whole.index, parts.index)
    np.testing.assert_allclose(whole.score, parts.score)


def test_a_two_worker_dask_cluster_gives_the_local_result(corpus: Any) -> None:
    from distributed import LocalCluster

    standards, signals = corpus
    local = gap_report(standards, signals, 2016, n_topics=6)
    model = fit_topics(signals["text"].tolist()[:600], 5)
    texts = standards["title"].tolist()
    chunks_local = best_matches(model.unit_topics(), model.vectorizer, texts, k=5, chunk=900)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        remote = gap_report(standards, signals, 2016, n_topics=6, scheduler=address)
        chunks_remote = best_matches(
            model.unit_topics(), model.vectorizer, texts, k=5, chunk=900, scheduler=address
        )
    assert [t.as_dict() for t in remote.topics] == [t.as_dict() for t in local.topics]
    assert len(texts) > 5 * 900  # several chunks, spread over both workers
    np.testing.assert_array_equal(chunks_remote.index, chunks_local.index)
    np.testing.assert_array_equal(chunks_remote.score, chunks_local.score)


def test_backtest_measures_on_the_slice(report: Any, corpus: Any) -> None:
    from humanict.foresight.backtest import TARGETS, Target, precision_at_k, received, target_rank

    standards, _ = corpus
    got = received(report, standards, horizon=4)
    assert set(got) == set(range(TOPICS))
    top, base = precision_at_k(report, got, TOPICS)
    assert top == pytest.approx(base)  # the top k of k topics is every topic
    assert base == pytest.approx(sum(got.values()) / TOPICS)
    for target in TARGETS:
        rank, match, label = target_rank(report, target)
        assert (rank is None) == (label is None)
        assert rank is None or 1 <= rank <= TOPICS
    # A query made of a topic's own top terms finds that topic.
    first = report.topics[0]
    rank, match, label = target_rank(report, Target("own", " ".join(first.terms), "-", 2030))
    assert (rank, label) == (1, first.label) and match > 0.2
