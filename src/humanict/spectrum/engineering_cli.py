"""Engineering commands (propagation, antennas, link budgets, EPFD) of `humanict spectrum`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
import typer

from humanict.cli_support import user_errors
from humanict.errors import InvalidInputError
from humanict.output import Format, render

FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]
DiameterOpt = Annotated[float, typer.Option("--diameter", help="Reference antenna diameter, m.")]
FreqOpt = Annotated[float, typer.Option("--freq-ghz", help="Frequency, GHz (Article 22 band).")]
BandwidthOpt = Annotated[float, typer.Option("--bandwidth-khz", help="Reference bandwidth, kHz.")]
HoursOpt = Annotated[float, typer.Option("--hours", help="Simulated duration, hours.")]
StepOpt = Annotated[float, typer.Option("--step-s", help="Time step, seconds.")]
TleOpt = Annotated[
    Path | None, typer.Option("--tle", help="TLE file (default: the shipped Globalstar set).")
]
ShellOpt = Annotated[
    str | None,
    typer.Option(
        "--shell-km", help="Keep satellites with mean altitude in 'min:max' km, e.g. 1380:1450."
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://127.0.0.1:8786."),
]
ChunkOpt = Annotated[int, typer.Option("--chunk-steps", help="Time steps per chunk.")]
PfdMaskOpt = Annotated[
    str,
    typer.Option(
        "--pfd-mask",
        help="ASSUMED pfd of each non-GSO satellite at the surface against elevation, "
        "'el:pfd,...' in dB(W/m²) per reference bandwidth, e.g. '0:-165,90:-155'. "
        "An input you state, not a filed value.",
    ),
]


def _floats(text: str, name: str) -> np.ndarray:
    """Parse '1,2,5' or 'start:stop:step' into an array."""
    try:
        if ":" in text:
            start, stop, step = (float(v) for v in text.split(":"))
            if step <= 0:
                raise ValueError("step must be positive")
            return np.arange(start, stop + step / 2, step)
        return np.array([float(v) for v in text.split(",") if v.strip()])
    except ValueError as err:
        raise InvalidInputError(
            f"{name} {text!r} must be numbers separated by commas or start:stop:step ({err})"
        ) from err


def fsl(
    distance_km: Annotated[str, typer.Option(help="Distance(s) in km: '1000' or '500,1000'.")],
    freq_ghz: Annotated[str, typer.Option(help="Frequency(ies) in GHz.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Free-space basic transmission loss (ITU-R P.525-4)."""
    from humanict.spectrum.propagation import free_space_loss_db

    d, f = np.meshgrid(_floats(distance_km, "distance"), _floats(freq_ghz, "frequency"))
    loss = free_space_loss_db(d, f)
    frame = pd.DataFrame(
        {"distance_km": d.ravel(), "freq_ghz": f.ravel(), "free_space_loss_db": loss.ravel()}
    )
    typer.echo(render(frame, fmt))


def gas(
    freq_ghz: Annotated[str, typer.Option(help="Frequency(ies) in GHz, e.g. '10:30:5'.")],
    elevation: Annotated[float, typer.Option(help="Path elevation angle, degrees (5-90).")] = 30.0,
    pressure: Annotated[
        float, typer.Option(help="Dry-air pressure at the surface, hPa.")
    ] = 1013.25,
    temperature: Annotated[float, typer.Option(help="Surface temperature, K.")] = 288.15,
    rho: Annotated[float, typer.Option(help="Surface water-vapour density, g/m³.")] = 7.5,
    layered: Annotated[
        bool,
        typer.Option(help="Also ray-trace the Annex 1 slant path (P.835 reference profile)."),
    ] = False,
    edition: Annotated[
        int, typer.Option(help="P.676 edition of the Annex 2 slant path: 12 or 13.")
    ] = 12,
    fmt: FormatOpt = Format.table,
) -> None:
    """Gaseous attenuation, ITU-R P.676: specific (Annex 1) and slant path (Annex 2)."""
    from humanict.spectrum import propagation as prop

    f = _floats(freq_ghz, "frequency")
    args = (f, pressure, temperature, rho)
    frame = pd.DataFrame(
        {
            "freq_ghz": f,
            "gamma_o_db_km": prop.specific_attenuation_oxygen(*args),
            "gamma_w_db_km": prop.specific_attenuation_water(*args),
            "gamma_db_km": prop.specific_attenuation(*args),
            "slant_path_db": prop.slant_path_attenuation(
                f, elevation, pressure, temperature, rho, edition=edition
            ),
        }
    )
    if layered:
        total_pressure = pressure + rho * temperature / 216.7
        frame["slant_path_annex1_db"] = [
            prop.slant_path_attenuation_annex1(x, elevation, 0.0, rho, temperature, total_pressure)
            for x in f
        ]
    typer.echo(render(frame, fmt, float_digits=4))


def pattern(
    pattern_name: Annotated[
        str,
        typer.Option(
            "--pattern",
            help="s465, s580, s1428 (earth stations), s1528 (rec. 1.2), s1528-leo (rec. 1.3) "
            "or s1528-taylor (rec. 1.4; --diameter is the radiating-area size L).",
        ),
    ] = "s465",
    angles: Annotated[
        str, typer.Option(help="Off-axis angles, degrees.")
    ] = "0,0.5,1,2,5,10,20,30,48,90,180",
    diameter: Annotated[float, typer.Option(help="Earth-station antenna diameter, m.")] = 1.2,
    freq_ghz: Annotated[float, typer.Option(help="Frequency, GHz.")] = 12.0,
    efficiency: Annotated[float, typer.Option(help="Aperture efficiency (S.465/S.580).")] = 0.7,
    peak_gain: Annotated[float, typer.Option(help="S.1528: peak gain G_m, dBi.")] = 35.0,
    half_beamwidth: Annotated[
        float, typer.Option(help="S.1528: half the 3 dB beamwidth, deg.")
    ] = 1.5,
    near_sidelobe: Annotated[
        float, typer.Option(help="S.1528: L_N, dB (-15/-20/-25/-30).")
    ] = -20.0,
    slr: Annotated[float, typer.Option(help="S.1528 Taylor: side-lobe ratio, dB.")] = 20.0,
    n_bar: Annotated[int, typer.Option(help="S.1528 Taylor: number of modified nulls + 1.")] = 4,
    fmt: FormatOpt = Format.table,
) -> None:
    """Antenna gain against off-axis angle: reference patterns S.465, S.580, S.1428, S.1528."""
    from humanict.spectrum import antennas

    phi = _floats(angles, "angles")
    if pattern_name == "s1528":
        gain = antennas.s1528_gain(phi, peak_gain, half_beamwidth, near_sidelobe)
    elif pattern_name == "s1528-leo":
        gain = antennas.s1528_leo_gain(phi, peak_gain, half_beamwidth)
    elif pattern_name == "s1528-taylor":
        gain = antennas.s1528_taylor_gain(
            phi, peak_gain, freq_ghz, diameter, slr_db=slr, n_bar=n_bar
        )
    else:
        gain = antennas.earth_station_gain(pattern_name, phi, diameter, freq_ghz, efficiency)
    typer.echo(render(pd.DataFrame({"off_axis_deg": phi, "gain_dbi": gain}), fmt))


def link_budget(
    freq_ghz: Annotated[float, typer.Option(help="Frequency, GHz.")],
    eirp: Annotated[float, typer.Option(help="Wanted transmitter EIRP, dBW.")],
    distance_km: Annotated[float, typer.Option(help="Wanted path length, km.")],
    rx_gain: Annotated[float, typer.Option(help="Receive gain towards the wanted source, dBi.")],
    interferer_eirp: Annotated[
        float, typer.Option(help="Interferer EIRP towards the victim, dBW.")
    ],
    interferer_distance_km: Annotated[float, typer.Option(help="Interference path length, km.")],
    interferer_rx_gain: Annotated[
        float, typer.Option(help="Receive gain towards the interferer, dBi.")
    ],
    noise_temperature: Annotated[float, typer.Option(help="System noise temperature, K.")],
    bandwidth_mhz: Annotated[float, typer.Option(help="Receiver bandwidth, MHz.")],
    extra_loss: Annotated[float, typer.Option(help="Extra loss on the wanted path, dB.")] = 0.0,
    interferer_extra_loss: Annotated[
        float, typer.Option(help="Extra loss on the interference path, dB.")
    ] = 0.0,
    fmt: FormatOpt = Format.table,
) -> None:
    """C/N, C/I, I/N and C/(N+I) of a wanted link with one interference path."""
    from humanict.spectrum import link_budget as lb

    result = lb.link_budget(
        freq_ghz=freq_ghz,
        wanted_eirp_dbw=eirp,
        wanted_distance_km=distance_km,
        rx_gain_wanted_dbi=rx_gain,
        interferer_eirp_dbw=interferer_eirp,
        interferer_distance_km=interferer_distance_km,
        rx_gain_interferer_dbi=interferer_rx_gain,
        noise_temperature_k=noise_temperature,
        bandwidth_hz=bandwidth_mhz * 1e6,
        wanted_extra_loss_db=extra_loss,
        interferer_extra_loss_db=interferer_extra_loss,
    )
    typer.echo(render(pd.DataFrame([result.as_dict()]), fmt))


def rain(
    lat: Annotated[float, typer.Option(help="Latitude, degrees.")],
    lon: Annotated[float, typer.Option(help="Longitude, degrees.")],
    freq_ghz: Annotated[float, typer.Option(help="Frequency, GHz.")],
    elevation: Annotated[float, typer.Option(help="Elevation angle, degrees.")],
    percent: Annotated[str, typer.Option(help="Percentages of an average year.")] = "0.01,0.1,1",
    tilt: Annotated[float, typer.Option(help="Polarization tilt, degrees (45 = circular).")] = 45.0,
    fmt: FormatOpt = Format.table,
) -> None:
    """Rain attenuation exceeded for p % of the year (ITU-R P.618-13, needs the 'rain' extra)."""
    from humanict.spectrum.propagation import rain_attenuation_db

    p = _floats(percent, "percent")
    values = rain_attenuation_db(lat, lon, freq_ghz, elevation, p, polarization_tilt_deg=tilt)
    typer.echo(render(pd.DataFrame({"percent_time": p, "rain_attenuation_db": values}), fmt))


def epfd(
    lat: Annotated[float, typer.Option(help="Earth-station latitude, degrees.")],
    lon: Annotated[float, typer.Option(help="Earth-station longitude, degrees.")],
    gso_lon: Annotated[float, typer.Option(help="Longitude of the GSO satellite it points at.")],
    pfd_mask: PfdMaskOpt,
    diameter: DiameterOpt = 0.6,
    freq_ghz: FreqOpt = 11.7,
    bandwidth_khz: BandwidthOpt = 40.0,
    hours: HoursOpt = 24.0,
    step_s: StepOpt = 10.0,
    tle: TleOpt = None,
    shell_km: ShellOpt = None,
    scheduler: SchedulerOpt = None,
    chunk_steps: ChunkOpt = 2000,
    cdf: Annotated[bool, typer.Option(help="Print the CDF points instead of the check.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Downlink epfd of a TLE constellation at a GSO earth station, checked against Article 22."""
    from humanict.spectrum import epfd as ep

    report = ep.epfd_report(
        lat_deg=lat,
        lon_deg=lon,
        gso_lon_deg=gso_lon,
        mask=ep.parse_pfd_mask(pfd_mask, bandwidth_khz),
        diameter_m=diameter,
        freq_ghz=freq_ghz,
        duration_s=hours * 3600.0,
        step_s=step_s,
        tle_path=tle or ep.TLE_PATH,
        chunk_steps=chunk_steps,
        scheduler=scheduler,
        shell_km=ep.parse_shell(shell_km),
    )
    if fmt is Format.json and not cdf:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    if cdf:
        typer.echo(render(pd.DataFrame(report["cdf"]), fmt, float_digits=4))
        return
    check = report["check"]
    typer.echo(render(pd.DataFrame(check["points"]), fmt, float_digits=3))
    if fmt is Format.table:
        verdict = "PASSES" if check["passes"] else "EXCEEDS"
        typer.echo(
            f"{report['limit']['table']}, {check['diameter_m']:g} m, "
            f"{check['bandwidth_khz']:g} kHz: {verdict} (worst margin "
            f"{check['worst_margin_db']:.2f} dB; {report['summary']['time_steps']} steps, "
            f"{report['inputs']['satellites']} satellites; pfd mask "
            f"{report['inputs']['pfd_mask']['assumption']})"
        )


def epfd_grid(
    lat: Annotated[str, typer.Option(help="Latitudes, e.g. '30:60:5' or '35,45'.")],
    lon: Annotated[str, typer.Option(help="Longitudes, e.g. '-10:10:5'.")],
    gso_lon: Annotated[
        str, typer.Option(help="GSO longitude(s) the stations point at, e.g. '-10' or '-40:20:10'.")
    ],
    pfd_mask: PfdMaskOpt,
    diameter: DiameterOpt = 0.6,
    freq_ghz: FreqOpt = 11.7,
    bandwidth_khz: BandwidthOpt = 40.0,
    hours: HoursOpt = 24.0,
    step_s: StepOpt = 10.0,
    tle: TleOpt = None,
    shell_km: ShellOpt = None,
    scheduler: SchedulerOpt = None,
    chunk_steps: ChunkOpt = 2000,
    fmt: FormatOpt = Format.table,
) -> None:
    """epfd↓ and the Article 22 check over a grid of GSO earth stations and GSO longitudes."""
    from humanict.spectrum import epfd as ep

    rows = ep.epfd_grid_report(
        lats_deg=_floats(lat, "latitudes").tolist(),
        lons_deg=_floats(lon, "longitudes").tolist(),
        gso_lons_deg=_floats(gso_lon, "GSO longitudes").tolist(),
        mask=ep.parse_pfd_mask(pfd_mask, bandwidth_khz),
        diameter_m=diameter,
        freq_ghz=freq_ghz,
        duration_s=hours * 3600.0,
        step_s=step_s,
        tle_path=tle or ep.TLE_PATH,
        chunk_steps=chunk_steps,
        scheduler=scheduler,
        shell_km=ep.parse_shell(shell_km),
    )
    typer.echo(render(pd.DataFrame(rows), fmt))


def visible(
    lat: Annotated[float, typer.Option(help="Earth-station latitude, degrees.")],
    lon: Annotated[float, typer.Option(help="Earth-station longitude, degrees.")],
    gso_lon: Annotated[float, typer.Option(help="Longitude of the GSO satellite it points at.")],
    minutes: Annotated[float, typer.Option(help="Minutes after the latest TLE epoch.")] = 0.0,
    diameter: DiameterOpt = 0.6,
    freq_ghz: FreqOpt = 11.7,
    tle: TleOpt = None,
    shell_km: ShellOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Satellites in view of a GSO earth station at one time: elevation, range, off-axis angle,
    relative gain and angle to the GSO arc."""
    from humanict.spectrum import epfd as ep

    station = ep.EarthStation(lat, lon, 0.0, gso_lon, diameter, freq_ghz)
    rows = ep.visible_satellites(station, minutes, tle or ep.TLE_PATH, ep.parse_shell(shell_km))
    typer.echo(render(pd.DataFrame(rows), fmt))


def validate(fmt: FormatOpt = Format.table) -> None:
    """Compare the models with the ITU-R P.676 validation tables and the SGP4 test vectors."""
    from humanict.spectrum.engineering_validation import p676_errors, sgp4_errors

    for rows in (p676_errors(), [sgp4_errors()]):
        frame = pd.DataFrame(rows)
        if fmt is Format.table:
            frame = frame.map(lambda v: f"{v:.3g}" if isinstance(v, float) else v)
        typer.echo(render(frame, fmt))


def register(app: typer.Typer) -> None:
    """Add the engineering commands to the spectrum command group."""
    for name, command in (
        ("fsl", fsl),
        ("gas", gas),
        ("pattern", pattern),
        ("link-budget", link_budget),
        ("rain", rain),
        ("epfd", epfd),
        ("epfd-grid", epfd_grid),
        ("visible", visible),
        ("validate-models", validate),
    ):
        app.command(name)(user_errors(command))
