"""Frequencies with units (``11.7GHz``, ``137 MHz``, ``10.7-12.75GHz``) to hertz and back."""

from __future__ import annotations

import re
from dataclasses import dataclass

from humanict.errors import InvalidInputError

UNITS_HZ = {"hz": 1.0, "khz": 1e3, "mhz": 1e6, "ghz": 1e9, "thz": 1e12}
_NUMBER = r"(\d+(?:[.,]\d+)?(?:e[+-]?\d+)?)"
_UNIT = r"(hz|khz|mhz|ghz|thz)?"
_SINGLE = re.compile(rf"^{_NUMBER}\s*{_UNIT}$", re.IGNORECASE)
_RANGE = re.compile(
    rf"^{_NUMBER}\s*{_UNIT}\s*(?:-|–|to|\.\.)\s*{_NUMBER}\s*{_UNIT}$", re.IGNORECASE
)
# The Radio Regulations' Table of Frequency Allocations stops at 3 000 GHz (RR Article 5).
MAX_HZ = 3000e9
HINT = "write a number with a unit, e.g. 11.7GHz, 137 MHz, 9 kHz or a range such as 10.7-12.75GHz"


@dataclass(frozen=True, slots=True)
class FrequencyRange:
    """A closed interval of frequencies in hertz; ``lower == upper`` for a single frequency."""

    lower_hz: float
    upper_hz: float

    @property
    def is_single(self) -> bool:
        return self.lower_hz == self.upper_hz

    def label(self) -> str:
        if self.is_single:
            return format_hz(self.lower_hz)
        return format_band(self.lower_hz, self.upper_hz)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _hz(value: float, unit: str | None, original: str) -> float:
    if unit is None:
        raise InvalidInputError(f"frequency {original!r} has no unit; {HINT}")
    return value * UNITS_HZ[unit.lower()]


def parse_frequency(text: str) -> FrequencyRange:
    """Parse a frequency or a range into hertz.

    A range may give the unit once (``10.7-12.75GHz``: both ends in GHz) or on each end
    (``960 MHz-1.164 GHz``). Frequencies must lie in 0 Hz to 3 000 GHz, the span of the
    Table of Frequency Allocations, and a range must not be reversed.
    """
    raw = text.strip()
    if not raw:
        raise InvalidInputError(f"empty frequency; {HINT}")
    single = _SINGLE.match(raw)
    if single:
        hz = _hz(_number(single.group(1)), single.group(2), text)
        result = FrequencyRange(hz, hz)
    else:
        ranged = _RANGE.match(raw)
        if not ranged:
            raise InvalidInputError(f"cannot read the frequency {text!r}; {HINT}")
        low_value, low_unit, high_value, high_unit = ranged.groups()
        high_unit = high_unit or low_unit
        low_unit = low_unit or high_unit
        lower = _hz(_number(low_value), low_unit, text)
        upper = _hz(_number(high_value), high_unit, text)
        if lower > upper:
            raise InvalidInputError(
                f"the range {text!r} runs downwards; give the lower frequency first"
            )
        result = FrequencyRange(lower, upper)
    if result.upper_hz > MAX_HZ:
        raise InvalidInputError(
            f"frequency {text!r} is above 3 000 GHz, where the Table of Frequency "
            "Allocations ends (RR Article 5)"
        )
    return result


def _unit_for(hz: float) -> tuple[float, str]:
    for unit, scale in (("GHz", 1e9), ("MHz", 1e6), ("kHz", 1e3)):
        if hz >= scale:
            return scale, unit
    return 1.0, "Hz"


def _trim(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def format_hz(hz: float) -> str:
    """``11700000000.0`` → ``'11.7 GHz'`` (the largest unit that keeps the value ≥ 1)."""
    scale, unit = _unit_for(hz)
    return f"{_trim(hz / scale)} {unit}"


def format_band(lower_hz: float, upper_hz: float) -> str:
    """A band in the unit of its upper edge, as the Table prints it: ``'10.7-11.7 GHz'``."""
    scale, unit = _unit_for(upper_hz)
    return f"{_trim(lower_hz / scale)}-{_trim(upper_hz / scale)} {unit}"
