"""The language of each request: ``?lang=``, the chooser's cookie, ``Accept-Language``, English.

A pure ASGI middleware sets the language for the request (pages, error pages and API labels read
it) and, when ``?lang=`` names one, keeps it in a cookie so the following pages stay in it.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from humanict.i18n import LANGUAGES, Language, find, negotiate, using
from humanict.i18n.languages import COOKIE

COOKIE_MAX_AGE = 365 * 24 * 3600  # seconds


def _query_lang(scope: Scope) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang")
    return values[-1] if values else None


class LanguageMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        cookies = SimpleCookie(headers.get("cookie", ""))
        cookie = cookies[COOKIE].value if COOKIE in cookies else None
        asked = find(_query_lang(scope))
        language = negotiate(asked.code if asked else None, cookie, headers.get("accept-language"))

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out.append("Vary", "Accept-Language, Cookie")
                if asked is not None and asked.code != cookie:
                    out.append(
                        "Set-Cookie",
                        f"{COOKIE}={asked.code}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax",
                    )
            await send(message)

        with using(language):
            await self.app(scope, receive, send_with_cookie)


def language_links(request: Request) -> list[tuple[Language, str]]:
    """Each language with the link that shows the current page in it: the same path and query,
    ``lang`` replaced."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return [
        (language, f"{request.url.path}?{urlencode([*kept, ('lang', language.code)])}")
        for language in LANGUAGES
    ]
