"""Validation of the engineering models against published reference values.

- ITU-R P.676 validation examples of ITU-R Study Group 3 (CG-3M3J-13-ValEx), as shipped under
  data/spectrum/validation/itur/676;
- SGP4 verification vectors of Vallado et al. (AIAA 2006-6753), data/spectrum/validation/sgp4.

Each function returns one record per table: rows compared and the largest absolute and
relative error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sgp4.api import WGS72, Satrec, SatrecArray

from humanict.config import PROJECT_ROOT
from humanict.errors import DataFileError
from humanict.spectrum import propagation as prop

VALIDATION_DIR = PROJECT_ROOT / "data" / "spectrum" / "validation"


def _read_itu_csv(path: Path) -> pd.DataFrame:
    """An ITU-R validation table: header, a units row (skipped), then values."""
    if not path.is_file():
        raise DataFileError(path, None, None, "validation table missing")
    return pd.read_csv(path, skiprows=[1], encoding="latin-1", skipinitialspace=True)


def _errors(name: str, quantity: str, got: Any, want: Any) -> dict[str, Any]:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    abs_err = np.abs(got - want)
    rel = abs_err / np.maximum(np.abs(want), 1e-300)
    return {
        "table": name,
        "quantity": quantity,
        "rows": int(want.size),
        "max_abs_error": float(abs_err.max()),
        "max_rel_error": float(rel.max()),
    }


def p676_errors(directory: Path = VALIDATION_DIR / "itur" / "676") -> list[dict[str, Any]]:
    """Largest errors against the P.676 gamma, zenith water-vapour and slant-path tables.

    In these tables ``P`` is the dry-air pressure p of Annex 1 (hPa) and ``T`` in K.
    """
    out = []
    for version in (12, 13):
        g = _read_itu_csv(directory / f"ITURP676-{version}_gamma.csv")
        args = (g["f"], g["P"], g["T"], g["rho"])
        name = f"ITURP676-{version}_gamma.csv"
        out.append(
            _errors(name, "gamma_o dB/km", prop.specific_attenuation_oxygen(*args), g["gamma0"])
        )
        out.append(
            _errors(name, "gamma_w dB/km", prop.specific_attenuation_water(*args), g["gammaw"])
        )
        out.append(_errors(name, "gamma dB/km", prop.specific_attenuation(*args), g["gamma"]))
    z = _read_itu_csv(directory / "ITURP676-12_zenith_attenuation.csv")
    out.append(
        _errors(
            "ITURP676-12_zenith_attenuation.csv",
            "A_w dB",
            prop.zenith_water_vapour_attenuation(z["f"], z["V_t"], z["h"]),
            z["Aw"],
        )
    )
    a = _read_itu_csv(directory / "ITURP676-12_A_gas.csv")
    got = prop.slant_path_attenuation(a["f"], a["el"], a["P"], a["T"], a["rho"], a["V_t"], a["h"])
    out.append(_errors("ITURP676-12_A_gas.csv", "A_gas dB (Annex 2)", got, a["A_gas"]))
    a = _read_itu_csv(directory / "ITURP676-13_A_gas.csv")
    got = prop.slant_path_attenuation(a["f"], a["el"], a["P"], a["T"], a["rho"], edition=13)
    out.append(_errors("ITURP676-13_A_gas.csv", "A_gas dB (P.676-13 Annex 2)", got, a["A_gas"]))
    got = prop.slant_path_attenuation(a["f"], a["el"], a["P"], a["T"], a["rho"])
    out.append(_errors("ITURP676-13_A_gas.csv", "A_gas dB (P.676-12 Annex 2)", got, a["A_gas"]))
    layered = [
        prop.slant_path_attenuation_annex1(
            row.f, row.el, 0.0, row.rho, row.T, row.P + row.rho * row.T / 216.7
        )
        for row in a.itertuples()
    ]
    out.append(
        _errors(
            "ITURP676-13_A_gas.csv", "A_gas dB (Annex 1 layers, P.835 shape)", layered, a["A_gas"]
        )
    )
    return out


def _read_sgp4_reference(path: Path) -> dict[int, np.ndarray]:
    """tcppver.out: a 'NNNNN xx' line per satellite, then rows of tsince (min), r (km), v (km/s)."""
    if not path.is_file():
        raise DataFileError(path, None, None, "SGP4 reference output missing")
    ref: dict[int, list[list[float]]] = {}
    current: int | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) == 2 and parts[1] == "xx":
            current = int(parts[0])
            ref[current] = []
            continue
        if current is None:
            raise DataFileError(path, number, None, "state row before a satellite header")
        ref[current].append([float(v) for v in parts[:7]])
    return {k: np.asarray(v) for k, v in ref.items()}


def sgp4_errors(directory: Path = VALIDATION_DIR / "sgp4") -> dict[str, Any]:
    """Largest position (km) and velocity (km/s) error against the SGP4 verification vectors.

    Each satellite of SGP4-VER.TLE is propagated through ``SatrecArray`` (the vectorised path
    the epfd code uses) at the times of tcppver.out. States where SGP4 reports an error (the
    decay cases the verification set includes on purpose) are counted, not compared.
    """
    tle = (directory / "SGP4-VER.TLE").read_text(encoding="utf-8").splitlines()
    lines = {}
    for i, line in enumerate(tle):
        if line.startswith("1 "):
            lines[int(line[2:7])] = (line[:69], tle[i + 1][:69])
    reference = _read_sgp4_reference(directory / "tcppver.out")
    max_r = max_v = 0.0
    compared = flagged = 0
    for number, rows in reference.items():
        sat = Satrec.twoline2rv(*lines[number], WGS72)
        err, r, v = SatrecArray([sat]).sgp4(
            np.full(len(rows), sat.jdsatepoch), sat.jdsatepochF + rows[:, 0] / 1440.0
        )
        ok = err[0] == 0
        flagged += int((~ok).sum())
        if ok.any():
            compared += int(ok.sum())
            max_r = max(max_r, float(np.linalg.norm(r[0][ok] - rows[ok, 1:4], axis=1).max()))
            max_v = max(max_v, float(np.linalg.norm(v[0][ok] - rows[ok, 4:7], axis=1).max()))
    return {
        "table": "SGP4-VER.TLE / tcppver.out",
        "satellites": len(reference),
        "states_compared": compared,
        "states_with_sgp4_error_code": flagged,
        "max_position_error_km": max_r,
        "max_velocity_error_km_s": max_v,
    }
