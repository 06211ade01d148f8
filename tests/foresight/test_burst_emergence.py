"""Kleinberg bursts and Porter's emergence score on hand-checkable series."""

from __future__ import annotations

import math

import numpy as np
import pytest

from humanict.foresight.burst import burst_states
from humanict.foresight.emergence import emergence, escore_parts, growth_rate


def test_a_jump_in_the_share_is_one_burst_over_the_jump_years() -> None:
    total = np.full(10, 200)
    relevant = np.array([2, 3, 2, 2, 3, 20, 25, 22, 3, 2])
    states, bursts = burst_states(relevant, total)
    assert states.tolist() == [0, 0, 0, 0, 0, 1, 1, 1, 0, 0]
    assert len(bursts) == 1
    assert (bursts[0].start, bursts[0].end) == (5, 7)
    assert bursts[0].weight > 0


def test_a_steady_share_has_no_burst() -> None:
    states, bursts = burst_states(np.full(8, 10), np.full(8, 100))
    assert states.sum() == 0
    assert bursts == []


def test_a_higher_transition_cost_never_adds_burst_years() -> None:
    rng = np.random.default_rng(7)  # synthetic counts
    total = rng.integers(50, 150, size=15)
    relevant = rng.binomial(total, np.where(np.arange(15) % 5 == 0, 0.3, 0.05))
    counts = [burst_states(relevant, total, gamma=g)[0].sum() for g in (0.1, 1.0, 5.0)]
    assert counts[0] >= counts[1] >= counts[2]


def test_burst_rejects_impossible_counts() -> None:
    with pytest.raises(ValueError):
        burst_states(np.array([5, 1]), np.array([4, 10]))
    with pytest.raises(ValueError):
        burst_states(np.array([1, 2, 3]), np.array([5, 5]))


def test_escore_matches_the_formula_by_hand() -> None:
    total = np.full(10, 100)  # sqrt(N) = 10 in every year
    topic = np.array([0, 0, 0, 0, 0, 0, 1, 2, 4, 8])
    score, active, recent, slope = escore_parts(topic, total)
    assert active == pytest.approx((2 + 4 + 8) / 30 - 0 / 30)
    assert recent == pytest.approx(10 * ((4 + 8) / 20 - (1 + 2) / 20))
    assert slope == pytest.approx(10 * (8 / 10 - 1 / 10) / 3)
    assert score == pytest.approx(2 * active + recent + slope)


def test_criteria_separate_a_new_topic_from_an_old_one() -> None:
    total = np.full(10, 100)
    new = emergence(np.array([0, 0, 1, 1, 2, 3, 5, 8, 12, 20]), total, n_sources=3)
    assert new.emerging and new.escore > 0
    old = emergence(np.full(10, 10), total, n_sources=3)
    assert not old.novelty and not old.emerging
    lone = emergence(np.array([0, 0, 1, 1, 2, 3, 5, 8, 12, 20]), total, n_sources=1)
    assert not lone.community and not lone.emerging


def test_growth_rate_is_the_log_share_ratio() -> None:
    total = np.full(6, 100)
    topic = np.array([1, 1, 1, 4, 4, 4])
    assert growth_rate(topic, total) == pytest.approx(math.log((12 + 1) / (3 + 1)))
