"""A k-of-n threshold key: Feldman verifiable secret sharing run by every trustee (a joint,
dealer-free key generation in the style of Pedersen, EUROCRYPT 1991), and decryption shares.

Each trustee i draws a polynomial f_i of degree k-1 over Z_q, publishes g^(coefficients) with a
Schnorr proof of knowledge for each, and hands trustee j the share f_i(j). Trustee j checks every
share it receives against the commitments (Feldman, FOCS 1987), then holds s_j = sum_i f_i(j).
The election key is K = prod_i g^(f_i(0)); anyone derives each trustee's verification key
K_j = g^(s_j) from the commitments alone. Any k trustees decrypt a ciphertext (a, b) by
publishing a^(s_j) with a Chaum-Pedersen proof; Lagrange interpolation at 0 combines them
(Shamir, CACM 1979). Fewer than k shares reveal nothing and decrypt nothing.

:func:`run_ceremony` plays all trustees in one process (each trustee's key is then written to its
own file); :func:`deal` and :func:`receive` are the per-trustee steps for a distributed ceremony.
"""

from __future__ import annotations

from dataclasses import dataclass

from humanict.errors import ConflictError, InvalidInputError
from humanict.governance.ballot.group import Element, Group
from humanict.governance.ballot.proofs import parse_pair, prove_knowledge, verify_knowledge


@dataclass(frozen=True, slots=True)
class Dealing:
    """What trustee ``index`` publishes (commitments, proofs) and sends privately (shares)."""

    index: int
    commitments: list[Element]
    proofs: list[tuple[int, int]]
    shares: dict[int, int]  # recipient index -> f_i(recipient), sent privately


@dataclass(frozen=True, slots=True)
class TrusteeKey:
    """One trustee's private share of the election key."""

    index: int
    secret: int
    group_name: str
    key_id: str  # the hash of the public trustee record it belongs to

    def as_dict(self) -> dict[str, str | int]:
        return {
            "index": self.index,
            "secret": str(self.secret),
            "group": self.group_name,
            "key_id": self.key_id,
        }


def _context(index: int, k: int) -> str:
    return f"trustee-commitment|{index}|{k}"


def deal(group: Group, index: int, n: int, k: int) -> Dealing:
    """Trustee ``index`` (1-based) draws its polynomial and produces its dealing."""
    coefficients = [group.random_scalar() for _ in range(k)]
    commitments = [group.gpow(a) for a in coefficients]
    proofs = [
        prove_knowledge(group, c, a, f"{_context(index, k)}|{pos}")
        for pos, (a, c) in enumerate(zip(coefficients, commitments, strict=True))
    ]
    shares = {j: _evaluate(coefficients, j, group.q) for j in range(1, n + 1)}
    return Dealing(index, commitments, proofs, shares)


def _evaluate(coefficients: list[int], x: int, q: int) -> int:
    value = 0
    for a in reversed(coefficients):
        value = (value * x + a) % q
    return value


def commitment_at(group: Group, commitments: list[Element], j: int) -> Element:
    """prod_k C_k^(j^k) = g^(f(j)): the public image of the share f(j)."""
    return group.product(
        [group.exp(c, pow(j, power, group.q)) for power, c in enumerate(commitments)]
    )


def receive(group: Group, index: int, dealings: list[Dealing]) -> int:
    """Trustee ``index`` checks the share each dealing sends it and returns its secret s_j."""
    total = 0
    for dealing in dealings:
        share = dealing.shares[index]
        if group.gpow(share) != commitment_at(group, dealing.commitments, index):
            raise ConflictError(
                f"trustee {dealing.index} sent trustee {index} a share that does not match its "
                "commitments; restart the ceremony without that trustee"
            )
        total = (total + share) % group.q
    return total


def public_record(group: Group, n: int, k: int, dealings: list[Dealing]) -> dict[str, object]:
    """The public trustee record placed in the election manifest."""
    return {
        "n": n,
        "k": k,
        "trustees": [
            {
                "index": d.index,
                "commitments": [group.encode(c) for c in d.commitments],
                "proofs": [[str(c), str(v)] for c, v in d.proofs],
            }
            for d in sorted(dealings, key=lambda d: d.index)
        ],
    }


@dataclass(frozen=True, slots=True)
class TrusteeSet:
    """The checked public side of a ceremony: n, k, election key, verification keys."""

    n: int
    k: int
    key: Element
    verification_keys: dict[int, Element]


def check_public_record(group: Group, record: object) -> TrusteeSet:
    """Verify every proof of knowledge and derive K and each K_j, or raise a clear error."""
    if not isinstance(record, dict) or set(record) != {"n", "k", "trustees"}:
        raise InvalidInputError("trustee record must have exactly 'n', 'k' and 'trustees'")
    n, k, trustees = record["n"], record["k"], record["trustees"]
    if not (isinstance(n, int) and isinstance(k, int) and 1 <= k <= n <= 20):
        raise InvalidInputError("trustee record needs integers 1 <= k <= n <= 20")
    if not isinstance(trustees, list) or [t.get("index") for t in trustees] != list(
        range(1, n + 1)
    ):
        raise InvalidInputError(f"trustee record must list trustees 1..{n} in order")
    all_commitments: list[list[Element]] = []
    for t in trustees:
        commitments = [group.decode(c, "commitment") for c in t.get("commitments", [])]
        proofs = [parse_pair(group, pr, "commitment proof") for pr in t.get("proofs", [])]
        if len(commitments) != k or len(proofs) != k:
            raise InvalidInputError(f"trustee {t['index']} must publish {k} commitments and proofs")
        for pos, (c, pr) in enumerate(zip(commitments, proofs, strict=True)):
            if not verify_knowledge(group, c, pr, f"{_context(t['index'], k)}|{pos}"):
                raise InvalidInputError(
                    f"trustee {t['index']}: commitment {pos} has no valid proof of knowledge"
                )
        all_commitments.append(commitments)
    key = group.product([commitments[0] for commitments in all_commitments])
    verification = {
        j: group.product([commitment_at(group, commitments, j) for commitments in all_commitments])
        for j in range(1, n + 1)
    }
    return TrusteeSet(n, k, key, verification)


def run_ceremony(
    group: Group, n: int = 5, k: int = 3
) -> tuple[dict[str, object], list[tuple[int, int]]]:
    """All trustees' steps in one process: the public record and each trustee's (index, secret)."""
    if not 1 <= k <= n:
        raise InvalidInputError(f"a {k}-of-{n} threshold is impossible; need 1 <= k <= n")
    dealings = [deal(group, i, n, k) for i in range(1, n + 1)]
    secrets_ = [(j, receive(group, j, dealings)) for j in range(1, n + 1)]
    return public_record(group, n, k, dealings), secrets_


def lagrange_at_zero(indices: list[int], j: int, q: int) -> int:
    """The Lagrange coefficient of share j for interpolation at 0 over ``indices``."""
    num, den = 1, 1
    for m in indices:
        if m != j:
            num = num * m % q
            den = den * (m - j) % q
    return num * pow(den, -1, q) % q
