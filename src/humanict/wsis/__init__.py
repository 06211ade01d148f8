"""WSIS action lines C1-C11 linked to the SDGs, and to the ICT indicators that measure them."""

from humanict.wsis.indicators import (
    MATCHES,
    codes_of_indicators,
    indicators_of_links,
    load_indicator_codes,
    load_sdg_indicators,
    summarise_links,
)
from humanict.wsis.matrix import (
    CONFIRMED,
    DISPUTED,
    action_lines,
    line_id,
    links_of,
    links_to_sdg,
    load_goals,
    load_matrix,
    parse_sdg,
    resolve_line,
    status_of_flag,
    target_key,
)
from humanict.wsis.service import (
    INDICATOR_API,
    breakdown_coverage,
    code_coverage,
    indicator_path,
    line_indicators,
)

__all__ = [
    "CONFIRMED",
    "DISPUTED",
    "INDICATOR_API",
    "MATCHES",
    "action_lines",
    "breakdown_coverage",
    "code_coverage",
    "codes_of_indicators",
    "indicator_path",
    "indicators_of_links",
    "line_id",
    "line_indicators",
    "links_of",
    "links_to_sdg",
    "load_goals",
    "load_indicator_codes",
    "load_matrix",
    "load_sdg_indicators",
    "parse_sdg",
    "resolve_line",
    "status_of_flag",
    "summarise_links",
    "target_key",
]
