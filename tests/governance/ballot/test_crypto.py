"""The cryptographic core by properties: group parameters, homomorphism, proofs (sound against
tampering and transplanting), threshold decryption with any quorum and refusal below it."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest

from humanict.errors import ConflictError, InvalidInputError
from humanict.governance.ballot import trustees
from humanict.governance.ballot.elgamal import Ciphertext, combine, discrete_log, encrypt
from humanict.governance.ballot.group import (
    RFC5114_2048_256,
    SECP256K1,
    TEST_GROUP_512,
    FixedBase,
    Group,
)
from humanict.governance.ballot.hashing import canonical_json, parse_canonical
from humanict.governance.ballot.proofs import (
    prove_equal_logs,
    prove_range,
    verify_equal_logs,
    verify_range,
)
from humanict.governance.ballot.tally import combine_counts

G = TEST_GROUP_512
#: The protocol is written for any prime-order group: its properties are checked in each kind.
BOTH = pytest.mark.parametrize("group", [TEST_GROUP_512, SECP256K1], ids=lambda g: g.name)
ALL = pytest.mark.parametrize(
    "group", [TEST_GROUP_512, RFC5114_2048_256, SECP256K1], ids=lambda g: g.name
)


def _probably_prime(n: int, rounds: int = 40) -> bool:
    """Miller-Rabin with seeded random bases (error below 4^-40)."""
    if n < 4:
        return n in (2, 3)
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    rng = random.Random(n)
    for _ in range(rounds):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


@pytest.mark.parametrize("group", [RFC5114_2048_256, TEST_GROUP_512], ids=lambda g: g.name)
def test_group_parameters_form_a_prime_order_subgroup(group: Group) -> None:
    assert _probably_prime(group.p) and _probably_prime(group.q)
    assert (group.p - 1) % group.q == 0
    assert group.g != 1 and pow(group.g, group.q, group.p) == 1
    assert not group.is_element(0) and not group.is_element(group.p - 1)
    assert not group.is_element(group.p + group.g)


def test_rfc5114_sizes() -> None:
    assert RFC5114_2048_256.p.bit_length() == 2048
    assert RFC5114_2048_256.q.bit_length() == 256


def test_fixed_base_table_equals_pow() -> None:
    rng = random.Random(7)
    table = FixedBase(G, G.g)
    for e in [0, 1, G.q - 1, G.q, *(rng.randrange(G.q) for _ in range(50))]:
        assert table.pow(e) == pow(G.g, e % G.q, G.p)


@ALL
def test_gpow_mul_and_fixed_exp_equal_the_generic_compositions(group: Group) -> None:
    """Property over seeded random scalars (negative and above q too) and the edge cases: the
    groups' own g^e x^f, base^e and products equal those of mul, gpow and exp."""
    G = group  # noqa: N806
    rng = random.Random(17)
    key = G.gpow(rng.randrange(1, G.q))
    scalars = [0, 1, -1, G.q - 1, G.q, *(rng.randrange(-G.q, 2 * G.q) for _ in range(20))]
    for e, f in zip(scalars, reversed(scalars), strict=True):
        x = G.gpow(rng.randrange(1, G.q))
        for base in (x, G.g, G.identity):
            assert G.gpow_mul(e, base, f) == G.mul(G.gpow(e), G.exp(base, f))
        assert G.gpow_mul(e, G.g, -e) == G.identity  # the product is the identity
        assert G.fixed_exp(key, e) == G.exp(key, e)
        assert G.fixed_exp(G.identity, e) == G.identity
    items = [G.gpow(rng.randrange(1, G.q)) for _ in range(5)]
    pairwise = G.identity
    for item in items:
        pairwise = G.mul(pairwise, item)
    assert G.product(items) == pairwise
    # partial sums at the identity, and a product that is the identity
    assert G.product([items[0], G.inv(items[0]), items[1], G.identity]) == items[1]
    assert G.product([items[0], items[1], G.inv(G.mul(items[0], items[1]))]) == G.identity
    assert G.product([]) == G.identity and G.product([items[2]]) == items[2]


@BOTH
def test_homomorphic_sum_decrypts_to_the_vote_count(group: Group) -> None:
    G = group  # noqa: N806
    rng = random.Random(11)
    secret = G.random_scalar()
    key = G.gpow(secret)
    for _ in range(20):
        votes = [rng.randrange(2) for _ in range(rng.randrange(0, 30))]
        total = combine(G, [encrypt(G, key, v, G.random_scalar()) for v in votes])
        g_m = G.div(total.b, G.exp(total.a, secret))
        assert discrete_log(G, g_m, len(votes)) == sum(votes)
    with pytest.raises(InvalidInputError, match="no count in 0..2"):
        discrete_log(G, G.gpow(3), 2)


@BOTH
def test_range_proofs_verify_and_resist_tampering(group: Group) -> None:
    G = group  # noqa: N806
    key = G.gpow(G.random_scalar())
    for lo, hi in [(0, 1), (1, 1), (0, 3)]:
        for m in range(lo, hi + 1):
            r = G.random_scalar()
            ct = encrypt(G, key, m, r)
            proof = prove_range(G, key, ct, m, r, lo, hi, "ctx")
            assert verify_range(G, key, ct, proof, lo, hi, "ctx")
            # every single-field change breaks it
            for i, k in itertools.product(range(len(proof)), range(2)):
                bad = [list(pair) for pair in proof]
                bad[i][k] = (bad[i][k] + 1) % G.q
                assert not verify_range(G, key, ct, [tuple(p) for p in bad], lo, hi, "ctx")
            # transplanted to another context, key or ciphertext
            assert not verify_range(G, key, ct, proof, lo, hi, "other ballot")
            assert not verify_range(G, G.gpow(5), ct, proof, lo, hi, "ctx")
            other = Ciphertext(ct.a, G.mul(ct.b, G.g))
            assert not verify_range(G, key, other, proof, lo, hi, "ctx")
    # a value outside the range has no proof, and a wider proof cannot pass as narrower
    r = G.random_scalar()
    two = encrypt(G, key, 2, r)
    with pytest.raises(InvalidInputError):
        prove_range(G, key, two, 2, r, 0, 1, "ctx")
    wide = prove_range(G, key, two, 2, r, 0, 2, "ctx")
    assert not verify_range(G, key, two, wide, 0, 1, "ctx")
    assert not verify_range(G, key, two, wide[:2], 0, 1, "ctx")


@BOTH
def test_equal_log_proof_binds_the_share(group: Group) -> None:
    G = group  # noqa: N806
    secret = G.random_scalar()
    base = G.gpow(G.random_scalar())
    public, value = G.gpow(secret), G.exp(base, secret)
    proof = prove_equal_logs(G, base, public, value, secret, "ctx")
    assert verify_equal_logs(G, base, public, value, proof, "ctx")
    assert not verify_equal_logs(G, base, public, G.mul(value, G.g), proof, "ctx")
    assert not verify_equal_logs(G, base, public, value, proof, "ctx2")


@BOTH
def test_any_quorum_decrypts_and_fewer_refuse(group: Group) -> None:
    G = group  # noqa: N806
    record, shares = trustees.run_ceremony(G, 5, 3)
    keyset = trustees.check_public_record(G, record)
    secret_of = dict(shares)
    cts = [encrypt(G, keyset.key, m, G.random_scalar()) for m in (4, 0, 7)]
    for quorum in itertools.combinations(range(1, 6), 3):
        partial = {j: [G.exp(ct.a, secret_of[j]) for ct in cts] for j in quorum}
        counts, used = combine_counts(G, keyset, cts, partial, 10)
        assert counts == [4, 0, 7] and used == list(quorum)
    withheld = {j: [G.exp(ct.a, secret_of[j]) for ct in cts] for j in (2, 4)}
    with pytest.raises(ConflictError, match="only 2 of the 3 trustee shares"):
        combine_counts(G, keyset, cts, withheld, 10)


@BOTH
def test_ceremony_detects_bad_shares_and_proofs(group: Group) -> None:
    G = group  # noqa: N806
    dealings = [trustees.deal(G, i, 3, 2) for i in (1, 2, 3)]
    cheat = dealings[1]
    dealings[1] = trustees.Dealing(
        cheat.index,
        cheat.commitments,
        cheat.proofs,
        {**cheat.shares, 3: (cheat.shares[3] + 1) % G.q},
    )
    assert trustees.receive(G, 1, dealings) >= 0
    with pytest.raises(ConflictError, match="trustee 2 sent trustee 3 a share"):
        trustees.receive(G, 3, dealings)
    record = trustees.public_record(G, 3, 2, dealings)
    record["trustees"][0]["proofs"][1][1] = "1"
    with pytest.raises(InvalidInputError, match="trustee 1: commitment 1 has no valid proof"):
        trustees.check_public_record(G, record)
    with pytest.raises(InvalidInputError, match="impossible"):
        trustees.run_ceremony(G, 2, 3)


def test_canonical_json_is_strict() -> None:
    value = {"b": ["1", 2], "a": {"x": "y"}}
    assert parse_canonical(canonical_json(value)) == value
    for text in ['{"a":1.5}', '{"a":1,"a":2}', '{"b":1, "a":2}', '{"b":1,"a":2}', "{"]:
        with pytest.raises(InvalidInputError):
            parse_canonical(text)


@BOTH
def test_counter_of_random_ballots_matches_tally(group: Group) -> None:
    G = group  # noqa: N806
    """Property: for random vote lists the threshold tally equals the plain count."""
    rng = random.Random(3)
    record, shares = trustees.run_ceremony(G, 3, 2)
    keyset = trustees.check_public_record(G, record)
    options = ["A", "B", "C"]
    for _ in range(5):
        votes = [rng.choice(options) for _ in range(rng.randrange(1, 12))]
        ballots = [
            [encrypt(G, keyset.key, int(o == v), G.random_scalar()) for o in options] for v in votes
        ]
        aggregates = [combine(G, [b[i] for b in ballots]) for i in range(3)]
        partial = {j: [G.exp(ct.a, s) for ct in aggregates] for j, s in shares[:2]}
        counts, _ = combine_counts(G, keyset, aggregates, partial, len(votes))
        assert dict(zip(options, counts, strict=True)) == {o: Counter(votes)[o] for o in options}


def test_powmod_equals_the_builtin() -> None:
    from humanict.governance.ballot.group import powmod

    rng = random.Random(5)
    for _ in range(50):
        b, e = rng.randrange(RFC5114_2048_256.p), rng.randrange(RFC5114_2048_256.q)
        assert powmod(b, e, RFC5114_2048_256.p) == pow(b, e, RFC5114_2048_256.p)
        assert type(powmod(b, e, RFC5114_2048_256.p)) is int


def test_secp256k1_parameters_and_encoding() -> None:
    """SEC 2 v2 section 2.4.1: y^2 = x^3 + 7 over the field of P; n G is the identity."""
    field = 2**256 - 2**32 - 977
    x = int.from_bytes(SECP256K1.g[1:], "big")
    y = pow(x**3 + 7, (field + 1) // 4, field)
    assert (y * y - x**3 - 7) % field == 0 and y % 2 == SECP256K1.g[0] - 2
    G = SECP256K1  # noqa: N806
    assert G.exp(G.g, G.q - 1) == G.inv(G.g)
    assert G.mul(G.exp(G.g, G.q - 1), G.g) == G.identity == G.gpow(G.q)
    assert G.mul(G.g, G.g) == G.gpow(2) and G.mul(G.identity, G.g) == G.g
    point = G.gpow(12345)
    assert G.decode(G.encode(point), "p") == point and G.decode("00", "p") == G.identity
    off_curve = "02" + format(5, "064x")  # x = 5: 5^3 + 7 = 132 is not a square mod P
    assert pow(132, (field - 1) // 2, field) == field - 1
    for bad in [off_curve, G.encode(point).upper(), G.encode(point)[:-2], "04" + "00" * 32, 7]:
        with pytest.raises(InvalidInputError):
            G.decode(bad, "p")
    assert discrete_log(G, G.identity, 3) == 0 and discrete_log(G, G.gpow(3), 3) == 3
