"""Exponential ElGamal: Enc(m; r) = (g^r, g^m K^r) mod p, additively homomorphic.

Cramer, Gennaro and Schoenmakers, "A Secure and Optimally Efficient Multi-Authority Election
Scheme", EUROCRYPT 1997, section 2.1. The product of ciphertexts encrypts the sum of the
plaintexts; decryption yields g^m and m is recovered by search over 0..bound (a count of
ballots, at most a few hundred).
"""

from __future__ import annotations

from dataclasses import dataclass

from humanict.errors import InvalidInputError
from humanict.governance.ballot.group import Group, fixed_base


@dataclass(frozen=True, slots=True)
class Ciphertext:
    a: int  # g^r
    b: int  # g^m K^r

    def as_dict(self) -> dict[str, str]:
        return {"a": str(self.a), "b": str(self.b)}


def encrypt(group: Group, key: int, m: int, r: int) -> Ciphertext:
    """Encrypt the small integer ``m`` under the public key ``key`` with the nonce ``r``."""
    return Ciphertext(group.gpow(r), group.gpow(m) * fixed_base(group, key).pow(r) % group.p)


def combine(group: Group, ciphertexts: list[Ciphertext]) -> Ciphertext:
    """The homomorphic sum: component-wise product mod p (the identity when the list is empty)."""
    a, b = 1, 1
    for ct in ciphertexts:
        a = a * ct.a % group.p
        b = b * ct.b % group.p
    return Ciphertext(a, b)


def discrete_log(group: Group, element: int, bound: int) -> int:
    """The m in 0..bound with g^m = element, or a clear error when there is none."""
    acc = 1
    for m in range(bound + 1):
        if acc == element:
            return m
        acc = acc * group.g % group.p
    raise InvalidInputError(
        f"decryption gives no count in 0..{bound}: the shares or the aggregate are wrong"
    )


def parse_ciphertext(group: Group, data: object) -> Ciphertext:
    """A ciphertext from its JSON form, refusing anything outside the order-q subgroup."""
    if not isinstance(data, dict) or set(data) != {"a", "b"}:
        raise InvalidInputError("a ciphertext must be an object with exactly 'a' and 'b'")
    a, b = parse_int(data["a"], "ciphertext a"), parse_int(data["b"], "ciphertext b")
    if not (group.is_element(a) and group.is_element(b)):
        raise InvalidInputError("ciphertext component outside the order-q subgroup")
    return Ciphertext(a, b)


def parse_int(value: object, what: str) -> int:
    """A non-negative integer written as a canonical decimal string."""
    if not isinstance(value, str) or not value.isdigit() or not value.isascii():
        raise InvalidInputError(f"{what} must be a decimal string, got {value!r}")
    if len(value) > 1 and value[0] == "0":
        raise InvalidInputError(f"{what} has leading zeros")
    return int(value)


def parse_scalar(group: Group, value: object, what: str) -> int:
    number = parse_int(value, what)
    if number >= group.q:
        raise InvalidInputError(f"{what} is not below the group order q")
    return number
