"""The robustness analysis on a two-worker Dask cluster on loopback equals the local run."""

from __future__ import annotations

import json
from collections.abc import Iterator

import numpy as np
import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.config import Settings
from humanict.data import Warehouse
from humanict.errors import InvalidInputError
from humanict.indices import load_spec
from humanict.indices.robustness import RobustnessConfig, run_dask, run_local
from humanict.indices.robustness_service import load_problem

runner = CliRunner()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_run_equals_local_run(warehouse: Warehouse, scheduler: str) -> None:
    spec = load_spec("idi2024")
    config = RobustnessConfig(draws=250, chunk_size=60, seed=11)
    problem = load_problem(spec, warehouse)
    local = run_local(problem, config)
    remote = run_dask(problem, config, scheduler)
    assert remote.draws == local.draws == 250
    assert np.array_equal(remote.rank_counts, local.rank_counts)
    for name in ("sum_a", "sum_a2", "sum_b", "sum_b2", "first", "total", "batch_first"):
        assert np.array_equal(getattr(remote, name), getattr(local, name)), name
    for factor, counts in local.option_draws.items():
        assert np.array_equal(remote.option_draws[factor], counts)
        assert np.array_equal(remote.option_shift[factor], local.option_shift[factor])


def test_cli_runs_on_the_cluster(
    settings: Settings, scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUMANICT_WAREHOUSE_PATH", str(settings.warehouse_path))
    args = ["index", "robustness", "idi2024", "--draws", "120", "--chunk-size", "40"]
    local = runner.invoke(app, [*args, "--format", "json"])
    remote = runner.invoke(app, [*args, "--scheduler", scheduler, "--format", "json"])
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    a, b = json.loads(local.output), json.loads(remote.output)
    assert a["meta"]["runner"] == "local" and b["meta"]["runner"] == "dask"
    assert a["economies"] == b["economies"]
    assert a["sensitivity"] == b["sensitivity"]
    assert len(a["economies"]) == 170
    first = a["economies"][0]
    assert first["rank_p05"] <= first["nominal_rank"] <= first["rank_p95"]


def test_unreachable_scheduler_is_a_clear_error(warehouse: Warehouse) -> None:
    config = RobustnessConfig(draws=5)
    problem = load_problem(load_spec("idi2024"), warehouse)
    with pytest.raises(InvalidInputError, match="cannot reach the Dask scheduler"):
        run_dask(problem, config, "tcp://127.0.0.1:9", timeout="1s")


def test_progress_is_reported_per_chunk(warehouse: Warehouse, scheduler: str) -> None:
    config = RobustnessConfig(draws=50, chunk_size=20, sensitivity=False)
    problem = load_problem(load_spec("idi2024"), warehouse)
    local: list[int] = []
    remote: list[int] = []
    run_local(problem, config, local.append)
    run_dask(problem, config, scheduler, progress=remote.append)
    assert local == [20, 20, 10]
    assert sorted(remote) == [10, 20, 20]
