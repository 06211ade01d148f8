"""Non-interactive zero-knowledge proofs (Fiat-Shamir, strong form) over a prime-order group.

- Range proof that an ElGamal ciphertext encrypts some m in lo..hi: the disjunction of
  Chaum-Pedersen proofs of Cramer, Damgaard and Schoenmakers (CRYPTO 1994) as used by
  Cramer, Gennaro and Schoenmakers (EUROCRYPT 1997, section 2.3); for 0/1 selections and for the
  number of marks on a ballot.
- Chaum-Pedersen proof of equal discrete logarithms (CRYPTO 1992) for trustees' decryption shares.
- Schnorr proof of knowledge of a discrete logarithm for the trustees' coefficient commitments.

Proofs are stored compactly as challenges and responses; verifiers recompute the commitments
and check that the challenges sum to the hash of statement, context and commitments.
"""

from __future__ import annotations

from humanict.errors import InvalidInputError
from humanict.governance.ballot.elgamal import Ciphertext, parse_scalar
from humanict.governance.ballot.group import Group, fixed_base, powmod
from humanict.governance.ballot.hashing import challenge

RangeProof = list[tuple[int, int]]  # (c_j, v_j) for j = lo..hi


def prove_range(
    group: Group, key: int, ct: Ciphertext, m: int, r: int, lo: int, hi: int, context: str
) -> RangeProof:
    """Prove that ``ct`` = Enc(m; r) with lo <= m <= hi, without revealing m."""
    if not lo <= m <= hi:
        raise InvalidInputError(f"cannot prove {m} lies in {lo}..{hi}")
    q = group.q
    kb = fixed_base(group, key)
    commitments: list[int] = []
    sims: dict[int, tuple[int, int]] = {}
    w = group.random_scalar()
    for j in range(lo, hi + 1):
        if j == m:
            commitments += [group.gpow(w), kb.pow(w)]
        else:
            c_j, v_j = group.random_scalar(), group.random_scalar()
            sims[j] = (c_j, v_j)
            commitments += _range_commitments(group, kb.pow(v_j), ct, j, c_j, v_j)
    c = challenge(q, "range", context, lo, hi, key, ct.a, ct.b, *commitments)
    c_m = (c - sum(cj for cj, _ in sims.values())) % q
    proof = []
    for j in range(lo, hi + 1):
        proof.append((c_m, (w + c_m * r) % q) if j == m else sims[j])
    return proof


def _range_commitments(
    group: Group, k_v: int, ct: Ciphertext, j: int, c_j: int, v_j: int
) -> list[int]:
    """A_j = g^v a^-c and B_j = K^v (b / g^j)^-c for one branch of the disjunction."""
    p, q = group.p, group.q
    neg = (q - c_j) % q
    a_j = group.gpow(v_j) * powmod(ct.a, neg, p) % p
    b_over = ct.b * group.gpow((q - j) % q) % p
    b_j = k_v * powmod(b_over, neg, p) % p
    return [a_j, b_j]


def verify_range(
    group: Group, key: int, ct: Ciphertext, proof: RangeProof, lo: int, hi: int, context: str
) -> bool:
    """True when ``proof`` shows that ``ct`` encrypts a value in lo..hi under ``key``."""
    if len(proof) != hi - lo + 1:
        return False
    kb = fixed_base(group, key)
    commitments: list[int] = []
    total = 0
    for j, (c_j, v_j) in zip(range(lo, hi + 1), proof, strict=True):
        if not (0 <= c_j < group.q and 0 <= v_j < group.q):
            return False
        commitments += _range_commitments(group, kb.pow(v_j), ct, j, c_j, v_j)
        total += c_j
    c = challenge(group.q, "range", context, lo, hi, key, ct.a, ct.b, *commitments)
    return total % group.q == c


def prove_equal_logs(
    group: Group, base: int, public: int, value: int, secret: int, context: str
) -> tuple[int, int]:
    """Prove log_g(public) = log_base(value) = secret (Chaum-Pedersen), as (c, v)."""
    w = group.random_scalar()
    c = challenge(
        group.q, "eqlog", context, base, public, value, group.gpow(w), powmod(base, w, group.p)
    )
    return c, (w + c * secret) % group.q


def verify_equal_logs(
    group: Group, base: int, public: int, value: int, proof: tuple[int, int], context: str
) -> bool:
    """Check a proof of :func:`prove_equal_logs`: g^v public^-c and base^v value^-c."""
    c, v = proof
    p, q = group.p, group.q
    if not (0 <= c < q and 0 <= v < q):
        return False
    neg = (q - c) % q
    commit_g = group.gpow(v) * powmod(public, neg, p) % p
    commit_b = powmod(base, v, p) * powmod(value, neg, p) % p
    return c == challenge(q, "eqlog", context, base, public, value, commit_g, commit_b)


def prove_knowledge(group: Group, public: int, secret: int, context: str) -> tuple[int, int]:
    """Schnorr proof of knowledge of ``secret`` with g^secret = public, as (c, v)."""
    w = group.random_scalar()
    c = challenge(group.q, "schnorr", context, public, group.gpow(w))
    return c, (w + c * secret) % group.q


def verify_knowledge(group: Group, public: int, proof: tuple[int, int], context: str) -> bool:
    c, v = proof
    p, q = group.p, group.q
    if not (0 <= c < q and 0 <= v < q):
        return False
    commit = group.gpow(v) * powmod(public, (q - c) % q, p) % p
    return c == challenge(q, "schnorr", context, public, commit)


def parse_pair(group: Group, data: object, what: str) -> tuple[int, int]:
    """A (c, v) pair from its JSON form [c, v] of decimal strings below q."""
    if not isinstance(data, list) or len(data) != 2:
        raise InvalidInputError(f"{what} must be a list [c, v]")
    return parse_scalar(group, data[0], f"{what} c"), parse_scalar(group, data[1], f"{what} v")
