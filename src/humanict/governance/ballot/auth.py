"""Credentials of delegations, election officers and observers: random secrets stored only as
argon2id hashes (RFC 9106; parameters t=2, m=19 MiB, p=1 as recommended by OWASP's password
storage guidance). A credential is written ``ID:SECRET``; the ID is the Member State's ISO3 code
for a delegation, ``officer-N`` or ``observer-N`` otherwise.

Because argon2id is slow on purpose (tens of milliseconds and 19 MiB per check), a client logs
in once: the server checks ``ID:SECRET`` and returns a session token
``session.ID.EXPIRY.MAC`` with MAC = HMAC-SHA256(server key, "ID.EXPIRY") (RFC 2104), which
every later request presents instead and which costs microseconds to check. The server key is
drawn once per registry and kept in it, so every server process on the registry accepts the
token."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError

from humanict.errors import HumanictError

HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


class Role(StrEnum):
    VOTER = "voter"
    OFFICER = "officer"
    OBSERVER = "observer"


class AuthenticationError(HumanictError):
    status = 401


class ForbiddenError(HumanictError):
    status = 403


@dataclass(frozen=True, slots=True)
class Principal:
    id: str
    role: Role
    member_iso3: str | None
    voting_rights: bool


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def hash_secret(secret: str) -> str:
    return HASHER.hash(secret)


def secret_matches(stored: str, secret: str) -> bool:
    try:
        return HASHER.verify(stored, secret)
    except VerificationError:
        return False


def split_credential(token: str | None) -> tuple[str, str]:
    """``ID:SECRET`` into its parts, or an authentication error saying what is expected."""
    if not token or ":" not in token:
        raise AuthenticationError(
            "authentication required: send 'Authorization: Bearer ID:SECRET' with the "
            "credential issued to your delegation or office"
        )
    ident, _, secret = token.partition(":")
    return ident, secret


SESSION_PREFIX = "session."
SESSION_LIFETIME_S = 12 * 3600  # one conference day


def is_session_token(token: str | None) -> bool:
    return bool(token) and str(token).startswith(SESSION_PREFIX)


def session_token(key: bytes, ident: str, now: float) -> tuple[str, int]:
    """A session token for credential ``ident``, valid SESSION_LIFETIME_S from ``now`` (s)."""
    expires = int(now) + SESSION_LIFETIME_S
    body = f"{ident}.{expires}"
    return f"{SESSION_PREFIX}{body}.{_mac(key, body)}", expires


def session_identity(key: bytes, token: str, now: float) -> str:
    """The credential ID a valid, unexpired session token stands for; else an error."""
    parts = token.removeprefix(SESSION_PREFIX).rsplit(".", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        raise AuthenticationError("malformed session token; log in again")
    ident, expires, mac = parts
    if not hmac.compare_digest(mac, _mac(key, f"{ident}.{expires}")):
        raise AuthenticationError("session token not issued by this registry; log in again")
    if int(expires) < now:
        raise AuthenticationError("session expired; log in again with ID:SECRET")
    return ident


def _mac(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


def cache_key(token: str) -> str:
    """What the in-memory cache of verified credentials keys on (never the secret itself)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def require(principal: Principal, role: Role) -> None:
    if principal.role != role:
        raise ForbiddenError(
            f"credential {principal.id!r} has the role {principal.role}; this needs {role}"
        )
