"""Diffusion curves of technology adoption, as pure vectorised functions.

Every curve maps calendar years ``t`` (any shape) and a parameter vector to adoption in the
units of the series (percent of individuals, of households, or per 100 inhabitants). NaN in
``t`` propagates. Formulas:

- logistic (Verhulst): ``y = K / (1 + exp(-r (t - t0)))``, inflection at ``t0``, ``y(t0) = K/2``;
- Gompertz: ``y = K exp(-exp(-c (t - tm)))``, inflection at ``tm``, ``y(tm) = K/e``;
- Bass (1969, Management Science 15(5) p. 215, eq. for the cumulative adopters ``F``):
  ``y = K (1 - exp(-(p+q)s)) / (1 + (q/p) exp(-(p+q)s))`` with ``s = max(t - t_launch, 0)``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def logistic(t: Array, k: float, r: float, t0: float) -> Array:
    """Logistic curve: saturation ``k``, growth rate ``r`` per year, inflection year ``t0``.

    >>> float(logistic(np.array([2010.0]), 80.0, 0.3, 2010.0)[0])
    40.0
    """
    z = np.clip(-r * (np.asarray(t, dtype=float) - t0), -500.0, 500.0)
    return k / (1.0 + np.exp(z))


def gompertz(t: Array, k: float, c: float, tm: float) -> Array:
    """Gompertz curve: saturation ``k``, rate ``c`` per year, inflection year ``tm``.

    >>> round(float(gompertz(np.array([2010.0]), 100.0, 0.2, 2010.0)[0]), 3)
    36.788
    """
    z = np.clip(-c * (np.asarray(t, dtype=float) - tm), -500.0, 50.0)
    return k * np.exp(-np.exp(z))


def bass(t: Array, k: float, p: float, q: float, t_launch: float) -> Array:
    """Bass cumulative adoption: market ``k``, innovation ``p`` and imitation ``q`` per year.

    Zero before ``t_launch``.

    >>> float(bass(np.array([1990.0]), 100.0, 0.01, 0.4, 1995.0)[0])
    0.0
    """
    s = np.maximum(np.asarray(t, dtype=float) - t_launch, 0.0)
    decay = np.exp(-(p + q) * s)
    return k * (1.0 - decay) / (1.0 + (q / p) * decay)


Curve = Callable[..., Array]

CURVES: dict[str, Curve] = {"logistic": logistic, "gompertz": gompertz, "bass": bass}


def parameter_jacobian(curve: Curve, t: Array, params: Array, rel_step: float = 1e-6) -> Array:
    """Derivatives of ``curve(t, *params)`` with respect to each parameter, shape (len(t), P).

    Central differences with a step relative to each parameter's size.
    """
    t = np.asarray(t, dtype=float)
    params = np.asarray(params, dtype=float)
    out = np.empty((t.size, params.size))
    for j in range(params.size):
        step = rel_step * max(abs(params[j]), 1.0)
        up, down = params.copy(), params.copy()
        up[j] += step
        down[j] -= step
        out[:, j] = (curve(t, *up) - curve(t, *down)) / (2.0 * step)
    return out
