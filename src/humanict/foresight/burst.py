"""Kleinberg's two-state burst automaton over batched (yearly) counts.

J. Kleinberg, "Bursty and hierarchical structure in streams", KDD 2002 and Data Mining and
Knowledge Discovery 7 (2003) 373-397, section 4 ("enumerating bursts" for batched arrivals).

In batch ``t`` there are ``d_t`` documents of which ``r_t`` are relevant (here: signals of one
topic among all signals of the year). State ``i`` emits relevant documents with probability

    p_0 = R / D   (R = sum r_t, D = sum d_t),      p_i = p_0 * s**i    (s > 1)

and the cost of batch ``t`` in state ``i`` is the negative log binomial likelihood

    sigma(i, r_t, d_t) = -ln[ C(d_t, r_t) * p_i**r_t * (1 - p_i)**(d_t - r_t) ].

Moving up from state ``i`` to ``j > i`` costs ``tau(i, j) = (j - i) * gamma * ln(n)`` (n = number of
batches); moving down is free. The optimal state sequence minimises the sum of both costs
(Viterbi). A burst is a maximal run in state 1; its weight is the cost it saves,
``sum_t sigma(0, r_t, d_t) - sigma(1, r_t, d_t)`` over the run (Kleinberg 2003, sect. 4.1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln


@dataclass(frozen=True)
class Burst:
    start: int  # index of the first batch in state 1
    end: int  # index of the last batch in state 1 (inclusive)
    weight: float  # cost saved by the burst state (nats)


def _cost(p: float, r: np.ndarray, d: np.ndarray) -> np.ndarray:
    """sigma(i, r_t, d_t) of the module docstring for emission probability ``p`` (nats)."""
    log_binom = gammaln(d + 1) - gammaln(r + 1) - gammaln(d - r + 1)
    return -(log_binom + r * np.log(p) + (d - r) * np.log1p(-p))


def burst_states(
    relevant: np.ndarray, total: np.ndarray, s: float = 2.0, gamma: float = 1.0
) -> tuple[np.ndarray, list[Burst]]:
    """Optimal two-state sequence (0 = baseline, 1 = burst) and the bursts it contains.

    ``relevant`` and ``total`` are per-batch counts (``relevant <= total``); batches with no
    documents at all cost nothing in either state.
    """
    r = np.asarray(relevant, dtype=float)
    d = np.asarray(total, dtype=float)
    if r.shape != d.shape or r.ndim != 1:
        raise ValueError("relevant and total must be 1-D arrays of the same length")
    if np.any(r > d) or np.any(r < 0):
        raise ValueError("need 0 <= relevant <= total in every batch")
    n = len(r)
    if n == 0 or r.sum() == 0:
        return np.zeros(n, dtype=int), []
    p0 = r.sum() / d.sum()
    p1 = min(p0 * s, 1 - 1e-9)
    cost = np.vstack([_cost(p0, r, d), _cost(p1, r, d)])
    up = gamma * np.log(n)
    # Viterbi over two states, starting in state 0.
    best = np.array([cost[0, 0], up + cost[1, 0]])
    back = np.zeros((n, 2), dtype=int)
    for t in range(1, n):
        stay0, from1 = best[0], best[1]
        to0 = np.array([stay0, from1])  # moving down is free
        to1 = np.array([stay0 + up, from1])
        back[t] = [int(np.argmin(to0)), int(np.argmin(to1))]
        best = np.array([to0.min() + cost[0, t], to1.min() + cost[1, t]])
    states = np.zeros(n, dtype=int)
    states[-1] = int(np.argmin(best))
    for t in range(n - 1, 0, -1):
        states[t - 1] = back[t, states[t]]
    bursts = []
    saved = cost[0] - cost[1]
    t = 0
    while t < n:
        if states[t] == 1:
            start = t
            while t + 1 < n and states[t + 1] == 1:
                t += 1
            bursts.append(Burst(start, t, float(saved[start : t + 1].sum())))
        t += 1
    return states, bursts
