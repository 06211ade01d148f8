"""Exponential ElGamal: Enc(m; r) = (g^r, g^m K^r), additively homomorphic.

Cramer, Gennaro and Schoenmakers, "A Secure and Optimally Efficient Multi-Authority Election
Scheme", EUROCRYPT 1997, section 2.1. The product of ciphertexts encrypts the sum of the
plaintexts; decryption yields g^m and m is recovered by search over 0..bound (a count of
ballots, at most a few hundred). Written for any :class:`~.group.Group`.
"""

from __future__ import annotations

from dataclasses import dataclass

from humanict.errors import InvalidInputError
from humanict.governance.ballot.group import Element, Group, parse_decimal


@dataclass(frozen=True, slots=True)
class Ciphertext:
    a: Element  # g^r
    b: Element  # g^m K^r

    def encode(self, group: Group) -> dict[str, str]:
        return {"a": group.encode(self.a), "b": group.encode(self.b)}


def encrypt(group: Group, key: Element, m: int, r: int) -> Ciphertext:
    """Encrypt the small integer ``m`` under the public key ``key`` with the nonce ``r``."""
    return Ciphertext(group.gpow(r), group.mul(group.gpow(m), group.exp(key, r)))


def combine(group: Group, ciphertexts: list[Ciphertext]) -> Ciphertext:
    """The homomorphic sum: component-wise product (the identity when the list is empty)."""
    return Ciphertext(
        group.product([ct.a for ct in ciphertexts]), group.product([ct.b for ct in ciphertexts])
    )


def discrete_log(group: Group, element: Element, bound: int) -> int:
    """The m in 0..bound with g^m = element, or a clear error when there is none."""
    acc = group.identity
    for m in range(bound + 1):
        if acc == element:
            return m
        acc = group.mul(acc, group.g)
    raise InvalidInputError(
        f"decryption gives no count in 0..{bound}: the shares or the aggregate are wrong"
    )


def parse_ciphertext(group: Group, data: object) -> Ciphertext:
    """A ciphertext from its JSON form, refusing anything outside the group."""
    if not isinstance(data, dict) or set(data) != {"a", "b"}:
        raise InvalidInputError("a ciphertext must be an object with exactly 'a' and 'b'")
    a = group.decode(data["a"], "ciphertext a")
    return Ciphertext(a, group.decode(data["b"], "ciphertext b"))


def stored_ciphertext(group: Group, data: dict[str, str]) -> Ciphertext:
    """A ciphertext read back from a board entry already checked (no group check)."""
    return Ciphertext(group.load(data["a"]), group.load(data["b"]))


def parse_scalar(group: Group, value: object, what: str) -> int:
    number = parse_decimal(value, what)
    if number >= group.q:
        raise InvalidInputError(f"{what} is not below the group order q")
    return number
