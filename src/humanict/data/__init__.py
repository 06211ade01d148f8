"""The dataset catalogue, the readers and the DuckDB warehouse."""

from humanict.data.catalogue import Catalogue, DatasetInfo, load_catalogue
from humanict.data.readers import FLAGS, Observation, iter_csv_rows
from humanict.data.warehouse import (
    BuildReport,
    Warehouse,
    build_warehouse,
    import_datahub_export,
    is_stale,
)

__all__ = [
    "FLAGS",
    "BuildReport",
    "Catalogue",
    "DatasetInfo",
    "Observation",
    "Warehouse",
    "build_warehouse",
    "import_datahub_export",
    "is_stale",
    "iter_csv_rows",
    "load_catalogue",
]
