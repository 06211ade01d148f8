"""GSO/GSO coordination: the arcs of RR Appendix 5 Table 5-1 and the Appendix 8 ΔT/T.

The arcs and Appendix 8 parameters are data (data/spectrum/coordination_arcs.csv,
data/spectrum/appendix8_parameters.csv), each row with its RR reference, edition and how far it
was verified (docs/spectrum.md). Rows marked ``verified = no`` are left out unless asked for.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from sqlalchemy import Connection

from humanict.errors import DataFileError, InvalidInputError
from humanict.spectrum.allocations import parse_region
from humanict.spectrum.frequency import FrequencyRange
from humanict.spectrum.registry import networks_near

ARCS_FILE = "coordination_arcs.csv"
AP8_FILE = "appendix8_parameters.csv"
VERIFIED_LEVELS = ("primary", "secondary", "partial", "yes", "no")


@dataclass(frozen=True, slots=True)
class CoordinationArc:
    """One band of one item of AP5 Table 5-1 (No. 9.7) and its coordination arc (±deg)."""

    band: str
    ap5_item: str
    lower_ghz: float
    upper_ghz: float
    regions: tuple[int, ...]
    services: str
    arc_deg: float
    rr_reference: str
    edition: str
    verified: str
    source: str
    note: str

    @property
    def is_verified(self) -> bool:
        return self.verified != "no"

    def as_dict(self) -> dict[str, object]:
        return {
            "band": self.band,
            "ap5_item": self.ap5_item,
            "frequencies": f"{self.lower_ghz:g}-{self.upper_ghz:g} GHz",
            "regions": ",".join(map(str, self.regions)),
            "services": self.services,
            "arc_deg": self.arc_deg,
            "rr_reference": self.rr_reference,
            "edition": self.edition,
            "verified": self.verified,
            "source": self.source,
            "note": self.note,
        }


@lru_cache(maxsize=4)
def load_arcs(data_dir: Path) -> tuple[CoordinationArc, ...]:
    path = data_dir / "spectrum" / ARCS_FILE
    if not path.is_file():
        raise DataFileError(path, None, None, "coordination arc table missing")
    arcs = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                lower, upper = float(row["lower_ghz"]), float(row["upper_ghz"])
                arc = float(row["arc_deg"])
            except ValueError as err:
                raise DataFileError(path, line, "lower_ghz", f"not a number: {err}") from err
            if not 0 < lower < upper or not 0 < arc <= 180:
                raise DataFileError(path, line, "arc_deg", "band or arc out of range")
            if row["verified"] not in VERIFIED_LEVELS:
                raise DataFileError(path, line, "verified", f"use one of {VERIFIED_LEVELS}")
            arcs.append(
                CoordinationArc(
                    band=row["band"],
                    ap5_item=row["ap5_item"],
                    lower_ghz=lower,
                    upper_ghz=upper,
                    regions=tuple(parse_region(r) for r in row["regions"].split(",")),
                    services=row["services"],
                    arc_deg=arc,
                    rr_reference=row["rr_reference"],
                    edition=row["edition"],
                    verified=row["verified"],
                    source=row["source"],
                    note=row["note"],
                )
            )
    return tuple(arcs)


def select_arcs(
    arcs: tuple[CoordinationArc, ...],
    band: str | None = None,
    frequency: FrequencyRange | None = None,
    region: int | None = None,
    include_unverified: bool = False,
) -> list[CoordinationArc]:
    """The arc rows for a band name (``C``, ``Ku``, ``Ka`` ...) or a frequency, in a Region."""
    if band is None and frequency is None:
        raise InvalidInputError("give a band name (--band Ku) or a frequency (--freq 11.7GHz)")
    chosen = []
    for arc in arcs:
        if band is not None and arc.band.lower() != band.strip().lower():
            continue
        if frequency is not None:
            lo, hi = frequency.lower_hz / 1e9, frequency.upper_hz / 1e9
            inside = (
                arc.lower_ghz <= lo <= arc.upper_ghz
                if frequency.is_single
                else (arc.lower_ghz < hi and arc.upper_ghz > lo)
            )
            if not inside:
                continue
        if region is not None and region not in arc.regions:
            continue
        if not arc.is_verified and not include_unverified:
            continue
        chosen.append(arc)
    if not chosen:
        names = sorted({a.band for a in arcs if a.is_verified or include_unverified})
        raise InvalidInputError(
            f"no coordination arc of RR Appendix 5 Table 5-1 for band={band!r}, "
            f"frequency={frequency.label() if frequency else None}, region={region}; bands with "
            f"an arc: {', '.join(names)}. Other bands follow item 9): ΔT/T > 6 % "
            "(`humanict spectrum dtt`)"
        )
    return chosen


def networks_in_arcs(
    conn: Connection, position: float, arcs: list[CoordinationArc]
) -> list[dict[str, object]]:
    """Registry networks within the arc of ``position``: one row per (band, network).

    Arc rows of one band name with the same arc are merged (their frequencies joined). The
    snapshot holds no frequency assignments, so the bandwidth-overlap condition of Table 5-1
    cannot be checked here: every network in the arc is listed as a candidate.
    """
    groups: dict[tuple[str, float], list[CoordinationArc]] = {}
    for arc in arcs:
        groups.setdefault((arc.band, arc.arc_deg), []).append(arc)
    rows: list[dict[str, object]] = []
    for (band, arc_deg), members in groups.items():
        bands = ", ".join(f"{a.lower_ghz:g}-{a.upper_ghz:g}" for a in members) + " GHz"
        verified = "no" if any(not a.is_verified for a in members) else members[0].verified
        for network in networks_near(conn, position, arc_deg):
            rows.append(
                {
                    "band": band,
                    "frequencies": bands,
                    "arc_deg": arc_deg,
                    "rr_reference": members[0].rr_reference,
                    "arc_verified": verified,
                    "network": network["name"],
                    "administration": network["administration"],
                    "longitude": network["longitude"],
                    "separation_deg": network["separation_deg"],
                    "stage": network["stage"],
                    "planned": bool(network["planned"]),
                }
            )
    return rows


# ---------------------------------------------------------------- Appendix 8


@lru_cache(maxsize=4)
def ap8_parameters(data_dir: Path) -> dict[str, dict[str, str]]:
    path = data_dir / "spectrum" / AP8_FILE
    if not path.is_file():
        raise DataFileError(path, None, None, "Appendix 8 parameter table missing")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["name"]: row for row in csv.DictReader(handle)}


def db_to_ratio(value_db: np.ndarray | float) -> np.ndarray:
    return np.power(10.0, np.asarray(value_db, dtype=float) / 10.0)


@dataclass(frozen=True, slots=True)
class DeltaT:
    """The Appendix 8 Case I result, temperatures in kelvin."""

    delta_ts_k: float
    delta_te_k: float
    delta_t_k: float
    t_k: float
    dt_over_t_percent: float
    threshold_percent: float

    @property
    def coordination_required(self) -> bool:
        # "exceeds 6 %": compared at 1e-9 % so that float noise cannot trigger it
        return round(self.dt_over_t_percent, 9) > self.threshold_percent


def delta_t_over_t(
    *,
    pe_dbw_hz: np.ndarray | float,
    g3_dbi: np.ndarray | float,
    g4_dbi: np.ndarray | float,
    lu_db: np.ndarray | float,
    ps_dbw_hz: np.ndarray | float,
    g1_dbi: np.ndarray | float,
    g2_dbi: np.ndarray | float,
    ld_db: np.ndarray | float,
    ts_k: np.ndarray | float,
    te_k: np.ndarray | float,
    gamma_db: np.ndarray | float,
    boltzmann: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Appendix 8 Case I (simple frequency-changing transponder), vectorized.

    Wanted network: satellite receive gain ``g4`` towards the interfering earth station, earth
    station receive gain ``g2`` towards the interfering satellite, noise temperatures ``ts``
    and ``te``, transmission gain ``γ`` (satellite receive-antenna output to earth-station
    receive-antenna output). Interfering network: earth-station power density ``p'e`` (dB(W/Hz))
    with gain ``g'3`` towards the wanted satellite, satellite power density ``p's`` with gain
    ``g'1`` towards the wanted earth station. ``lu``/``ld``: up/down-link free-space loss (dB).

        ΔTs = p'e·g'3·g4 / (k·lu)      ΔTe = p's·g'1·g2 / (k·ld)
        ΔT = γ·ΔTs + ΔTe               T = Te + γ·Ts

    Returns ΔTs, ΔTe, ΔT and T in kelvin. The formula structure is UNVERIFIED against the
    Appendix 8 text (data/spectrum/appendix8_parameters.csv, docs/spectrum.md).
    """
    gamma = db_to_ratio(gamma_db)
    delta_ts = db_to_ratio(np.add(np.add(pe_dbw_hz, g3_dbi), np.subtract(g4_dbi, lu_db))) / (
        boltzmann
    )
    delta_te = db_to_ratio(np.add(np.add(ps_dbw_hz, g1_dbi), np.subtract(g2_dbi, ld_db))) / (
        boltzmann
    )
    ts = np.asarray(ts_k, dtype=float)
    te = np.asarray(te_k, dtype=float)
    if np.any(ts < 0) or np.any(te < 0) or np.any(te + gamma * ts <= 0):
        raise InvalidInputError("noise temperatures must be positive kelvin values")
    return delta_ts, delta_te, gamma * delta_ts + delta_te, te + gamma * ts


def ap8_case1(data_dir: Path, **inputs: float) -> DeltaT:
    """:func:`delta_t_over_t` for one pair of networks, with the threshold and k from data."""
    params = ap8_parameters(data_dir)
    k = float(params["boltzmann_constant"]["value"])
    threshold = float(params["threshold_dt_over_t"]["value"])
    dts, dte, dt, t = delta_t_over_t(boltzmann=k, **inputs)
    return DeltaT(float(dts), float(dte), float(dt), float(t), float(100.0 * dt / t), threshold)
