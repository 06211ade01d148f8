"""The homomorphic tally: per-option aggregates, trustees' decryption shares with proofs, and
their combination by any k trustees (Lagrange interpolation in the exponent)."""

from __future__ import annotations

from typing import Any

from humanict.errors import ConflictError, InvalidInputError
from humanict.governance.ballot.ballots import RoundSpec
from humanict.governance.ballot.elgamal import Ciphertext, combine, discrete_log
from humanict.governance.ballot.group import Element, Group
from humanict.governance.ballot.proofs import parse_pair, prove_equal_logs, verify_equal_logs
from humanict.governance.ballot.trustees import TrusteeSet, lagrange_at_zero


def aggregate(group: Group, n_options: int, ballots: list[list[Ciphertext]]) -> list[Ciphertext]:
    """For each option, the product of that option's ciphertexts over all ballots."""
    return [combine(group, [ballot[i] for ballot in ballots]) for i in range(n_options)]


def share_context(spec: RoundSpec, trustee: int, option: int) -> str:
    return f"{spec.election_hash}|{spec.round}|share|{trustee}|{option}"


def make_share(
    group: Group, spec: RoundSpec, index: int, secret: int, aggregates: list[Ciphertext]
) -> dict[str, Any]:
    """Trustee ``index``'s decryption shares a^(s_j) of every aggregate, each with its proof."""
    public = group.gpow(secret)
    shares = []
    for i, ct in enumerate(aggregates):
        d = group.exp(ct.a, secret)
        proof = prove_equal_logs(group, ct.a, public, d, secret, share_context(spec, index, i))
        shares.append({"d": group.encode(d), "proof": [str(proof[0]), str(proof[1])]})
    return {"round": spec.round, "trustee": index, "shares": shares}


def check_share(
    group: Group,
    trustees: TrusteeSet,
    spec: RoundSpec,
    aggregates: list[Ciphertext],
    payload: object,
) -> tuple[int, list[Element]]:
    """Verify a share payload against the recomputed aggregates; return (trustee, shares)."""
    if not isinstance(payload, dict) or set(payload) != {"round", "trustee", "shares"}:
        raise InvalidInputError("a share must have exactly 'round', 'trustee' and 'shares'")
    index = payload["trustee"]
    if index not in trustees.verification_keys:
        raise InvalidInputError(f"no trustee {index!r}; trustees are 1..{trustees.n}")
    if payload["round"] != spec.round:
        raise InvalidInputError(f"share is for round {payload['round']!r}, not {spec.round}")
    items = payload["shares"]
    if not isinstance(items, list) or len(items) != len(aggregates):
        raise InvalidInputError(f"a share must carry {len(aggregates)} decryption shares")
    values = []
    for i, (item, ct) in enumerate(zip(items, aggregates, strict=True)):
        if not isinstance(item, dict) or set(item) != {"d", "proof"}:
            raise InvalidInputError("each decryption share must have exactly 'd' and 'proof'")
        d = group.decode(item["d"], f"trustee {index}: share {i}")
        proof = parse_pair(group, item["proof"], "share proof")
        if not verify_equal_logs(
            group,
            ct.a,
            trustees.verification_keys[index],
            d,
            proof,
            share_context(spec, index, i),
        ):
            raise InvalidInputError(
                f"trustee {index}: decryption share {i} has an invalid proof (wrong key, "
                "or a share of another aggregate than the one recomputed from the board)"
            )
        values.append(d)
    return index, values


def combine_counts(
    group: Group,
    trustees: TrusteeSet,
    aggregates: list[Ciphertext],
    shares: dict[int, list[Element]],
    bound: int,
) -> tuple[list[int], list[int]]:
    """Counts per option from any k trustees' checked shares; (counts, trustees used)."""
    if len(shares) < trustees.k:
        raise ConflictError(
            f"only {len(shares)} of the {trustees.k} trustee shares needed are in "
            f"(trustees {sorted(shares) or 'none'} of 1..{trustees.n}); the tally cannot "
            "be decrypted until more trustees submit their shares"
        )
    used = sorted(shares)[: trustees.k]
    counts = []
    for i, ct in enumerate(aggregates):
        combined = group.product(
            [group.exp(shares[j][i], lagrange_at_zero(used, j, group.q)) for j in used]
        )
        g_m = group.div(ct.b, combined)
        counts.append(discrete_log(group, g_m, bound))
    return counts, used
