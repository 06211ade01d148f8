"""No template shows text outside `_()` / `{% trans %}`: a new page string that is not marked
for translation fails here (names, codes and the brand excepted)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from humanict.config import PROJECT_ROOT

TEMPLATES = sorted((PROJECT_ROOT / "src" / "humanict").glob("**/templates/**/*.html"))
# Not translated: the project's name, codes and symbols that read the same in every language.
KEPT = {"humanict", "WSIS", "SDG", "ST"}
REMOVED = [
    r"\{%-?\s*trans\b.*?endtrans\s*-?%\}",  # marked blocks
    r"\{#.*?#\}",  # comments
    r"<(script|style|code)\b.*?</\1>",  # code, not prose
    r"\{%.*?%\}",
    r"\{\{.*?\}\}",
    r"<[^>]*>",
    r"&[a-z]+;|&#\d+;",
    r"/[\w/.{}?=-]*",  # paths and URLs shown as link text
]


def unmarked_words(text: str) -> list[str]:
    for pattern in REMOVED:
        text = re.sub(pattern, " ", text, flags=re.S)
    words = re.findall(r"[^\W\d_]{2,}", text)
    return [w for w in words if w not in KEPT]


def unmarked_literals(text: str) -> list[str]:
    """Prose in double-quoted literals of Jinja expressions (macro arguments, labels) that is
    not an argument of ``_()`` or ``ngettext()``."""
    found = []
    for block in re.findall(r"\{\{.*?\}\}|\{%(?!-?\s*trans\b).*?%\}", text, flags=re.S):
        for match in re.finditer(r'"([^"]*)"', block):
            before = block[: match.start()].rstrip()
            marked = before.endswith(("_(", "ngettext(")) or re.search(
                r'ngettext\("[^"]*",\s*$', before
            )
            compared = before.endswith(("==", "!="))  # a value tested, not shown
            if (
                not marked
                and not compared
                and re.search(r"[^\W\d_]{2,} [^\W\d_]{2,}", match.group(1))
            ):
                found.append(match.group(1))
    return found


def test_the_scanner_finds_unmarked_text() -> None:
    assert unmarked_words('<p>{{ _("Sources") }} &mdash; <a href="/x">all data</a></p>') == [
        "all",
        "data",
    ]
    assert unmarked_words("{% trans n=n %}{{ n }} rows{% endtrans %} <code>make</code>") == []
    assert unmarked_literals('{{ m.map("id", "World map", {"a": "no data"}) }}') == [
        "World map",
        "no data",
    ]
    assert unmarked_literals('{{ m.map("id", _("World map")) }}') == []


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_every_visible_string_is_marked_for_translation(path: Path) -> None:
    assert len(TEMPLATES) > 30
    text = path.read_text(encoding="utf-8")
    assert unmarked_words(text) == []
    assert unmarked_literals(text) == []
