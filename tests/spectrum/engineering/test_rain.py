"""Rain attenuation through the optional itur package (P.618-13), if it is installed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from humanict.spectrum.engineering_validation import VALIDATION_DIR

pytest.importorskip("itur")


def test_rain_attenuation_reproduces_p618_13_examples() -> None:
    from humanict.spectrum.propagation import rain_attenuation_db

    table = pd.read_csv(
        VALIDATION_DIR / "itur" / "618" / "ITURP618-13_A_rain.csv", skiprows=[1], encoding="latin-1"
    ).head(16)
    got = rain_attenuation_db(
        table["lat"].to_numpy(),
        table["lon"].to_numpy(),
        table["f"].to_numpy(),
        table["el"].to_numpy(),
        table["p"].to_numpy(),
        table["hs"].to_numpy(),
        table["tau"].to_numpy(),
        table["R001"].to_numpy(),
    )
    assert got.shape == (16,)
    assert np.max(np.abs(got - table["A_rain"].to_numpy())) < 1e-4
