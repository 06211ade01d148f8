"""Multi-scalar multiplication on secp256k1 (sum of e_i P_i) by Pippenger's bucket method, with
libsecp256k1's point addition as the only primitive.

coincurve exposes no multi-scalar multiplication, but ``secp256k1_ec_pubkey_combine`` adds any
number of points in one call (about 0.26 us per point, plus about 3 us per call). The bucket
method (Pippenger 1976; the form of Bernstein, Doumen, Lange and Oosterwijk, "Faster batch
forgery identification", INDOCRYPT 2012, section 4) needs only additions: for each window of
``c`` bits, the points whose scalar has digit d in that window are summed into bucket d, and
sum_d d B_d is formed from the buckets. Writing d in binary, sum_d d B_d = sum_k 2^k T_k with
T_k the sum of the buckets whose digit has bit k set, so every window's result and the final
sum over windows reduce to one Horner pass over the bit positions: one call (a doubling and
an addition) per bit.
Cost: about n * 256 / c additions plus (2^c + c) * 256 / c calls, for n points: about 23 us
per point at a thousand points and 13 at six thousand, against 31 us for a separate
multiplication (below a few hundred points it is no faster).

Variable time: for public points and scalars, or a verifier's own random weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from coincurve._libsecp256k1 import ffi, lib
from coincurve.context import GLOBAL_CONTEXT

#: A parsed point: coincurve's ``secp256k1_pubkey *`` (``PublicKey(...).public_key``).
Point = Any

_CONTEXT = GLOBAL_CONTEXT.ctx
_COMBINE = lib.secp256k1_ec_pubkey_combine
SCALAR_BYTES = 32


def add(points: Sequence[Point]) -> Point | None:
    """The sum of the points (None for the point at infinity); one libsecp256k1 call."""
    if len(points) == 1:
        return points[0]
    if not points:
        return None
    out = ffi.new("secp256k1_pubkey *")
    return out if _COMBINE(_CONTEXT, out, list(points), len(points)) else None


def window_bits(n: int) -> int:
    """The window width that costs least for ``n`` points (additions against calls, measured
    on ballots' relations with ``benchmarks/bench_ballot_proofs.py``)."""
    return 4 if n < 1500 else 5 if n < 4000 else 6


def negated(point: Point) -> Point:
    """-P (a new point; libsecp256k1's ``secp256k1_ec_pubkey_negate`` on a copy)."""
    out = ffi.new("secp256k1_pubkey *", point[0])
    lib.secp256k1_ec_pubkey_negate(_CONTEXT, out)
    return out


def multi_exp(points: Sequence[Point], scalars: Sequence[int]) -> Point | None:
    """sum_i scalars[i] * points[i] (None for the point at infinity).

    Scalars must lie in (-2^256, 2^256); a negative one multiplies the negated point, so a
    caller that writes each scalar e mod n as e or e - n, whichever is smaller in size, keeps
    small negative scalars (such as -w for a 128-bit w) small, and cheap.
    """
    if len(points) != len(scalars):
        raise ValueError("multi_exp needs one scalar per point")
    pairs = [
        (p, s) if s > 0 else (negated(p), -s) for p, s in zip(points, scalars, strict=True) if s
    ]
    if not pairs:
        return None
    c = window_bits(len(pairs))
    table = [p for p, _ in pairs]
    raw = b"".join(s.to_bytes(SCALAR_BYTES, "little") for _, s in pairs)
    bits = np.unpackbits(
        np.frombuffer(raw, dtype=np.uint8).reshape(len(pairs), -1), axis=1, bitorder="little"
    )
    weights = (1 << np.arange(c)).astype(np.uint16)
    top = max(s for _, s in pairs).bit_length()
    by_bit: list[Point | None] = []  # T_k for k = 0, 1, ... (bit positions of the scalars)
    for start in range(0, top, c):
        width = min(c, top - start)
        digits = bits[:, start : start + width] @ weights[:width]
        order = np.argsort(digits, kind="stable")
        bounds = np.searchsorted(digits[order], np.arange(1, (1 << width) + 1)).tolist()
        ranked = order.tolist()
        buckets: dict[int, Point] = {}
        for d in range(1, 1 << width):
            lo, hi = bounds[d - 1], bounds[d]
            if lo < hi:
                total = add([table[i] for i in ranked[lo:hi]])
                if total is not None:
                    buckets[d] = total
        for k in range(width):
            by_bit.append(add([p for d, p in buckets.items() if d >> k & 1]))
    acc: Point | None = None
    for term in reversed(by_bit):
        parts = [] if acc is None else [acc, acc]
        if term is not None:
            parts.append(term)
        acc = add(parts)
    return acc
