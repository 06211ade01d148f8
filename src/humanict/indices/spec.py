"""Declarative index specifications (TOML) and their validation.

A spec names the index, its inputs (warehouse indicator codes and where to read them), the
components (each one or more inputs combined by weight, transformed, normalised to goalposts),
the pillars they roll up to, the aggregation, the missing-data rule and the level bands.
The shipped specs live in ``humanict/indices/specs/``; a user can pass the path of their own.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from humanict.errors import InvalidInputError, NotFoundError
from humanict.indices.impute import METHODS

SPEC_DIR = Path(__file__).with_name("specs")
TRANSFORMS = ("none", "log1p")
NORMALISATIONS = ("goalposts", "none")
AGGREGATIONS = ("mean", "sum")
IMPUTATIONS = ("none", *METHODS)
GROUPINGS = ("region", "income")


@dataclass(frozen=True, slots=True)
class InputSpec:
    code: str
    weight: float


@dataclass(frozen=True, slots=True)
class ComponentSpec:
    """A scored node: inputs combined by weight, then transformed and normalised.

    With ``normalisation = "goalposts"``: score = 100 (f(x) - f(threshold)) /
    (f(goalpost) - f(threshold)) clipped to [0, 100], f the transform. A threshold above the
    goalpost means lower is better. With ``"none"`` the combined value is the score.
    """

    id: str
    name: str
    pillar: str
    inputs: tuple[InputSpec, ...]
    transform: str
    normalisation: str
    threshold: float
    goalpost: float
    weight: float


@dataclass(frozen=True, slots=True)
class PillarSpec:
    id: str
    name: str
    weight: float
    aggregation: str


@dataclass(frozen=True, slots=True)
class LevelSpec:
    """A level band: economies scoring at least ``min`` (and below the next band up)."""

    id: str
    name: str
    min: float


@dataclass(frozen=True, slots=True)
class IndexSpec:
    id: str
    name: str
    publisher: str
    source: str
    column: str
    aggregation: str
    scale_max: float
    edition_dataset: str
    edition_year: int
    recompute_datasets: tuple[str, ...]
    recompute_max_year_gap: int
    imputation: tuple[str, ...]
    other_year_datasets: tuple[str, ...]
    other_year_window: int
    imputation_groups: tuple[str, ...]
    imputation_draws: int
    imputation_seed: int
    min_observed_share: float
    pillars: tuple[PillarSpec, ...]
    components: tuple[ComponentSpec, ...]
    levels: tuple[LevelSpec, ...]
    level_round_digits: int | None
    path: Path

    @property
    def input_codes(self) -> list[str]:
        """Every warehouse indicator code the index reads, in component order."""
        codes: list[str] = []
        for component in self.components:
            codes.extend(i.code for i in component.inputs if i.code not in codes)
        return codes


def available_specs() -> list[str]:
    """Names of the shipped index specs."""
    return sorted(p.stem for p in SPEC_DIR.glob("*.toml"))


def _need(table: dict[str, object], key: str, where: str, path: Path) -> object:
    if key not in table:
        raise InvalidInputError(f"{path}: {where} lacks the key {key!r}")
    return table[key]


def _choice(value: object, choices: tuple[str, ...], where: str, path: Path) -> str:
    if value not in choices:
        raise InvalidInputError(f"{path}: {where} is {value!r}; choose one of {', '.join(choices)}")
    return str(value)


def _round_digits(rule: dict[str, object]) -> int | None:
    """Digits the score is rounded to before banding (default 1, as indices are published);
    a negative value compares the unrounded score."""
    digits = int(rule.get("round_digits", 1))  # type: ignore[call-overload]
    return None if digits < 0 else digits


def _methods(value: object, path: Path) -> tuple[str, ...]:
    """``[missing].method``: one name or a list (a chain); ``"none"`` means no imputation."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names:
        raise InvalidInputError(f"{path}: [missing].method must be a name or a list of names")
    chosen = tuple(
        _choice(name, IMPUTATIONS, f"[missing].method[{n}]", path)
        for n, name in enumerate(names, start=1)
    )
    if "none" in chosen and len(chosen) > 1:
        raise InvalidInputError(f"{path}: [missing].method cannot chain 'none' with other methods")
    return () if chosen == ("none",) else chosen


def load_spec(name_or_path: str | Path) -> IndexSpec:
    """Load a shipped spec by name (``idi2024``) or any spec file by path."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = SPEC_DIR / f"{name_or_path}.toml"
    if not path.exists():
        raise NotFoundError(
            f"unknown index {str(name_or_path)!r}; shipped indices: {', '.join(available_specs())}"
            " (or give the path of a .toml spec)"
        )
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise InvalidInputError(f"{path}: invalid TOML: {err}") from err

    index = _need(raw, "index", "the spec", path)
    inputs = raw.get("inputs", {})
    missing = raw.get("missing", {})
    assert isinstance(index, dict) and isinstance(inputs, dict) and isinstance(missing, dict)

    pillars = []
    for n, p in enumerate(raw.get("pillars", []), start=1):
        pillars.append(
            PillarSpec(
                id=str(_need(p, "id", f"pillars[{n}]", path)),
                name=str(p.get("name", p["id"])),
                weight=float(p.get("weight", 1.0)),
                aggregation=_choice(
                    p.get("aggregation", "mean"), AGGREGATIONS, f"pillars[{n}].aggregation", path
                ),
            )
        )
    pillar_ids = [p.id for p in pillars]
    if not pillars:
        raise InvalidInputError(f"{path}: the spec declares no [[pillars]]")

    components = []
    for n, c in enumerate(raw.get("components", []), start=1):
        where = f"components[{n}]"
        pillar = str(_need(c, "pillar", where, path))
        if pillar not in pillar_ids:
            raise InvalidInputError(
                f"{path}: {where}.pillar is {pillar!r}; declared pillars: {', '.join(pillar_ids)}"
            )
        raw_inputs = _need(c, "inputs", where, path)
        assert isinstance(raw_inputs, list)
        if not raw_inputs:
            raise InvalidInputError(f"{path}: {where}.inputs is empty")
        normalisation = _choice(
            c.get("normalisation", "goalposts"), NORMALISATIONS, f"{where}.normalisation", path
        )
        threshold = float(c.get("threshold", 0.0))
        goalpost = float(c.get("goalpost", 100.0))
        if normalisation == "goalposts" and threshold == goalpost:
            raise InvalidInputError(f"{path}: {where} has threshold equal to goalpost")
        components.append(
            ComponentSpec(
                id=str(_need(c, "id", where, path)),
                name=str(c.get("name", c["id"])),
                pillar=pillar,
                inputs=tuple(
                    InputSpec(str(i["code"]), float(i.get("weight", 1.0))) for i in raw_inputs
                ),
                transform=_choice(
                    c.get("transform", "none"), TRANSFORMS, f"{where}.transform", path
                ),
                normalisation=normalisation,
                threshold=threshold,
                goalpost=goalpost,
                weight=float(c.get("weight", 1.0)),
            )
        )
    if not components:
        raise InvalidInputError(f"{path}: the spec declares no [[components]]")
    empty = [p for p in pillar_ids if all(c.pillar != p for c in components)]
    if empty:
        raise InvalidInputError(f"{path}: pillars without components: {', '.join(empty)}")

    levels = sorted(
        (
            LevelSpec(str(lv["id"]), str(lv.get("name", lv["id"])), float(lv["min"]))
            for lv in raw.get("levels", [])
        ),
        key=lambda lv: -lv.min,
    )
    return IndexSpec(
        id=str(_need(index, "id", "[index]", path)),
        name=str(index.get("name", index["id"])),
        publisher=str(index.get("publisher", "")),
        source=str(index.get("source", "")),
        column=str(index.get("column", str(index["id"]).rstrip("0123456789"))),
        aggregation=_choice(
            index.get("aggregation", "mean"), AGGREGATIONS, "[index].aggregation", path
        ),
        scale_max=float(index.get("scale_max", 100.0)),
        edition_dataset=str(inputs.get("edition_dataset", "")),
        edition_year=int(inputs.get("edition_year", 0)),
        recompute_datasets=tuple(inputs.get("recompute_datasets", [])),
        recompute_max_year_gap=int(inputs.get("recompute_max_year_gap", 0)),
        imputation=_methods(missing.get("method", "none"), path),
        other_year_datasets=tuple(missing.get("other_year_datasets", [])),
        other_year_window=int(missing.get("other_year_window", 0)),
        imputation_groups=tuple(
            _choice(g, GROUPINGS, "[missing].groups", path)
            for g in missing.get("groups", list(GROUPINGS))
        ),
        imputation_draws=int(missing.get("draws", 0)),
        imputation_seed=int(missing.get("seed", 0)),
        min_observed_share=float(missing.get("min_observed_share", 0.0)),
        pillars=tuple(pillars),
        components=tuple(components),
        levels=tuple(levels),
        level_round_digits=_round_digits(raw.get("levels_rule", {})),
        path=path,
    )
