"""Non-interactive zero-knowledge proofs (Fiat-Shamir, strong form) over a prime-order group.

All arithmetic goes through the :class:`~.group.Group` interface, so the proofs hold in any
prime-order group; group elements enter the hashes in their canonical text (``Group.encode``).

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

from functools import lru_cache

from humanict.errors import InvalidInputError
from humanict.governance.ballot.elgamal import Ciphertext, parse_scalar
from humanict.governance.ballot.group import Element, Group
from humanict.governance.ballot.hashing import challenge

RangeProof = list[tuple[int, int]]  # (c_j, v_j) for j = lo..hi


def prove_range(
    group: Group, key: Element, ct: Ciphertext, m: int, r: int, lo: int, hi: int, context: str
) -> RangeProof:
    """Prove that ``ct`` = Enc(m; r) with lo <= m <= hi, without revealing m."""
    return prove_range_committed(group, key, ct, m, r, lo, hi, context)[0]


def prove_range_committed(
    group: Group, key: Element, ct: Ciphertext, m: int, r: int, lo: int, hi: int, context: str
) -> tuple[RangeProof, list[Element]]:
    """:func:`prove_range`, with the commitments the challenge hashes (A_j, B_j for j = lo..hi),
    which a client may send along so that a verifier can check many ballots at once
    (:func:`range_relations`)."""
    if not lo <= m <= hi:
        raise InvalidInputError(f"cannot prove {m} lies in {lo}..{hi}")
    q = group.q
    commitments: list[Element] = []
    sims: dict[int, tuple[int, int]] = {}
    w = group.random_scalar()
    for j in range(lo, hi + 1):
        if j == m:
            commitments += [group.gpow(w), group.exp(key, w)]
        else:
            c_j, v_j = group.random_scalar(), group.random_scalar()
            sims[j] = (c_j, v_j)
            commitments += _simulated_commitments(group, key, ct, j, c_j, v_j)
    c = _range_challenge(group, key, ct, lo, hi, context, commitments)
    c_m = (c - sum(cj for cj, _ in sims.values())) % q
    proof = []
    for j in range(lo, hi + 1):
        proof.append((c_m, (w + c_m * r) % q) if j == m else sims[j])
    return proof, commitments


def _range_commitments(
    group: Group, key: Element, ct: Ciphertext, j: int, c_j: int, v_j: int
) -> list[Element]:
    """A_j = g^v a^-c and B_j = K^v (b / g^j)^-c for one branch of the disjunction, by the
    group's fastest operations for public scalars (variable time)."""
    a_j = group.gpow_mul(v_j, ct.a, -c_j)
    b_j = group.mul(group.fixed_exp(key, v_j), group.exp(_shifted(group, ct.b, j), -c_j))
    return [a_j, b_j]


def _simulated_commitments(
    group: Group, key: Element, ct: Ciphertext, j: int, c_j: int, v_j: int
) -> list[Element]:
    """The points of :func:`_range_commitments` for the prover's simulated branches, by the
    group's general operations (constant time in secp256k1): the time taken then does not
    depend on the simulated scalars, which would tell the real branch from the others."""
    a_j = group.mul(group.gpow(v_j), group.exp(ct.a, -c_j))
    b_j = group.mul(group.exp(key, v_j), group.exp(_shifted(group, ct.b, j), -c_j))
    return [a_j, b_j]


def _shifted(group: Group, b: Element, j: int) -> Element:
    """b / g^j."""
    return group.mul(b, _g_to(group, -j)) if j else b


@lru_cache(maxsize=256)
def _g_to(group: Group, e: int) -> Element:
    """g^e for the few small exponents of range proofs (0 to a region's seats), which recur in
    every ballot."""
    return group.gpow(e)


def _range_challenge(
    group: Group,
    key: Element,
    ct: Ciphertext,
    lo: int,
    hi: int,
    context: str,
    commitments: list[Element],
) -> int:
    elements = [key, ct.a, ct.b, *commitments]
    return challenge(group.q, "range", context, lo, hi, *map(group.encode, elements))


def verify_range(
    group: Group,
    key: Element,
    ct: Ciphertext,
    proof: RangeProof,
    lo: int,
    hi: int,
    context: str,
    commitments: list[Element] | None = None,
) -> bool:
    """True when ``proof`` shows that ``ct`` encrypts a value in lo..hi under ``key`` (and, when
    ``commitments`` are given, they are the ones the proof's challenge hashes)."""
    if len(proof) != hi - lo + 1:
        return False
    computed: list[Element] = []
    total = 0
    for j, (c_j, v_j) in zip(range(lo, hi + 1), proof, strict=True):
        if not (0 <= c_j < group.q and 0 <= v_j < group.q):
            return False
        computed += _range_commitments(group, key, ct, j, c_j, v_j)
        total += c_j
    if commitments is not None and commitments != computed:
        return False
    return total % group.q == _range_challenge(group, key, ct, lo, hi, context, computed)


#: A linear relation between group elements: the product of x^e over its (x, e) is the identity.
Relation = list[tuple[Element, int]]


def range_relations(
    group: Group,
    key: Element,
    ct: Ciphertext,
    proof: RangeProof,
    commitments: list[Element],
    lo: int,
    hi: int,
    context: str,
) -> list[Relation] | None:
    """The check of :func:`verify_range` split in two, for batch verification: the challenge
    is tested here against the commitments the prover sent (None when it fails), and what is
    left is returned as relations to test later, many at once: for each j, g^v a^-c A^-1 = 1
    and K^v b^-c g^(j c) B^-1 = 1 (that is, A and B are the commitments :func:`verify_range`
    would compute). All relations hold exactly when ``verify_range`` accepts."""
    q = group.q
    if len(proof) != hi - lo + 1 or len(commitments) != 2 * len(proof):
        return None
    if any(not (0 <= c < q and 0 <= v < q) for c, v in proof):
        return None
    if sum(c for c, _ in proof) % q != _range_challenge(
        group, key, ct, lo, hi, context, commitments
    ):
        return None
    relations: list[Relation] = []
    for k, (j, (c, v)) in enumerate(zip(range(lo, hi + 1), proof, strict=True)):
        big_a, big_b = commitments[2 * k], commitments[2 * k + 1]
        relations.append([(group.g, v), (ct.a, -c), (big_a, -1)])
        relations.append([(key, v), (ct.b, -c), (group.g, j * c), (big_b, -1)])
    return relations


def prove_equal_logs(
    group: Group, base: Element, public: Element, value: Element, secret: int, context: str
) -> tuple[int, int]:
    """Prove log_g(public) = log_base(value) = secret (Chaum-Pedersen), as (c, v)."""
    w = group.random_scalar()
    elements = [base, public, value, group.gpow(w), group.exp(base, w)]
    c = challenge(group.q, "eqlog", context, *map(group.encode, elements))
    return c, (w + c * secret) % group.q


def verify_equal_logs(
    group: Group,
    base: Element,
    public: Element,
    value: Element,
    proof: tuple[int, int],
    context: str,
) -> bool:
    """Check a proof of :func:`prove_equal_logs`: g^v public^-c and base^v value^-c."""
    c, v = proof
    if not (0 <= c < group.q and 0 <= v < group.q):
        return False
    commit_g = group.gpow_mul(v, public, -c)
    commit_b = group.mul(group.exp(base, v), group.exp(value, -c))
    elements = [base, public, value, commit_g, commit_b]
    return c == challenge(group.q, "eqlog", context, *map(group.encode, elements))


def prove_knowledge(group: Group, public: Element, secret: int, context: str) -> tuple[int, int]:
    """Schnorr proof of knowledge of ``secret`` with g^secret = public, as (c, v)."""
    w = group.random_scalar()
    c = challenge(group.q, "schnorr", context, group.encode(public), group.encode(group.gpow(w)))
    return c, (w + c * secret) % group.q


def verify_knowledge(group: Group, public: Element, proof: tuple[int, int], context: str) -> bool:
    c, v = proof
    if not (0 <= c < group.q and 0 <= v < group.q):
        return False
    commit = group.gpow_mul(v, public, -c)
    return c == challenge(group.q, "schnorr", context, group.encode(public), group.encode(commit))


def parse_pair(group: Group, data: object, what: str) -> tuple[int, int]:
    """A (c, v) pair from its JSON form [c, v] of decimal strings below q."""
    if not isinstance(data, list) or len(data) != 2:
        raise InvalidInputError(f"{what} must list [c, v]")
    return parse_scalar(group, data[0], f"{what} c"), parse_scalar(group, data[1], f"{what} v")
