"""A Babel extractor for the names in the TOML specs (index, pillar, component and level
names), which the pages show and translate with ``_(name)``."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import IO, Any

NAME_KEYS = ("name",)


def _names(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in NAME_KEYS and isinstance(value, str):
                yield value
            else:
                yield from _names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _names(item)


def extract(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extractor protocol: (line, function name, message, comments) per name."""
    text = fileobj.read().decode("utf-8")
    lines = text.splitlines()
    for name in dict.fromkeys(_names(tomllib.loads(text))):
        line = next((i + 1 for i, row in enumerate(lines) if f'"{name}"' in row), 0)
        yield line, "_", name, []
