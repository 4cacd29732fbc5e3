"""cnpii in PySpark: ``cnpii.spark.redact(df, columns=[...], config=..., key=...)``.

The DataFrame's Arrow batches go straight into :meth:`cnpii.Engine.redact_arrow` through
``DataFrame.mapInArrow``: no Python object per row, no UDF per value. Each Python worker builds
its Engine once, on its first batch, and reuses it for every later batch and task (workers are
reused by default). A config path is read on the driver and shipped as text. The key is
shipped inside the pickled function (wrapped so that it never shows in a ``repr``, a plan,
a log or the UI); with ``key_file`` only the path travels, and each worker reads the file.
"""

from __future__ import annotations

import hashlib
import os
import threading
from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

from . import Engine, _read_config

__all__ = ["redact", "scan"]


class _Secret:
    """Key bytes that print as nothing."""

    __slots__ = ("value",)

    def __init__(self, value: Optional[Union[bytes, str]]) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "<redacted>"

    __str__ = __repr__


_ENGINES: Dict[str, Engine] = {}
_LOCK = threading.Lock()


def _engine(params: Dict[str, Any], key: _Secret) -> Engine:
    """The worker's engine for ``params``, built on first use."""
    h = hashlib.sha256(repr(sorted(params.items())).encode())
    if key.value is not None:
        h.update(b"\0key\0" + (key.value.encode() if isinstance(key.value, str) else key.value))
    ident = h.hexdigest()
    with _LOCK:
        engine = _ENGINES.get(ident)
        if engine is None:
            engine = Engine(key=key.value, **params)
            _ENGINES[ident] = engine
        return engine


def _params(kinds, exclude_kinds, policy, config, key_file, column_hints, threads) -> Dict[str, Any]:
    text = None
    if config is not None:
        text, _ = _read_config(config)
    return {
        "kinds": kinds,
        "exclude_kinds": exclude_kinds,
        "policy": policy,
        "config": text,
        "key_file": None if key_file is None else os.fspath(key_file),
        "column_hints": column_hints,
        "threads": threads,
    }


def _string_columns(df: Any) -> List[str]:
    from pyspark.sql.types import BinaryType, StringType

    return [f.name for f in df.schema.fields if isinstance(f.dataType, (StringType, BinaryType))]


def redact(
    df: Any,
    columns: Optional[Iterable[str]] = None,
    policy: str = "mask",
    config: Optional[Union[str, "os.PathLike[str]"]] = None,
    key: Optional[Union[bytes, str]] = None,
    key_file: Optional[Union[str, "os.PathLike[str]"]] = None,
    kinds: Optional[Union[str, List[str]]] = None,
    exclude_kinds: Optional[Union[str, List[str]]] = None,
    column_hints: bool = True,
    table: Optional[str] = None,
    threads: int = 1,
) -> Any:
    """``df`` with ``columns`` (default: every string and binary column) redacted, each as
    the column of that name (column hints, ``[columns]`` rules of ``table``); same schema.

    The Engine is built here once on the driver too, so that a bad config or a missing key
    fails before the job starts, never half-way through it. Integer columns may be named when
    the policy keeps numbers (tokenize, fake)."""
    params = _params(kinds, exclude_kinds, policy, config, key_file, column_hints, threads)
    secret = _Secret(key)
    _engine(params, secret)  # fail fast, on the driver
    names = _string_columns(df) if columns is None else [columns] if isinstance(columns, str) else list(columns)
    missing = [n for n in names if n not in df.columns]
    if missing:
        raise ValueError(f"no column named {missing[0]!r}")
    schema = df.schema

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        engine = _engine(params, secret)
        for batch in batches:
            cols = list(batch.columns)
            for name in names:
                i = batch.schema.get_field_index(name)
                cols[i] = engine.redact_arrow(cols[i], column=name, table=table)
            yield pa.RecordBatch.from_arrays(cols, schema=batch.schema)

    return df.mapInArrow(run, schema)


def scan(
    df: Any,
    columns: Optional[Iterable[str]] = None,
    kinds: Optional[Union[str, List[str]]] = None,
    exclude_kinds: Optional[Union[str, List[str]]] = None,
    config: Optional[Union[str, "os.PathLike[str]"]] = None,
    column_hints: bool = True,
    table: Optional[str] = None,
    row_id: Optional[str] = None,
    threads: int = 1,
) -> Any:
    """One row per finding in ``columns`` of ``df``: ``row_id`` (the column named so, else
    ``monotonically_increasing_id()``), ``column``, ``kind``, ``start``, ``end`` (bytes),
    ``char_start``, ``char_end`` and ``confidence``. Values are never in the output."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import (
        FloatType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    params = _params(kinds, exclude_kinds, "mask", config, None, column_hints, threads)
    secret = _Secret(None)
    _engine(params, secret)
    names = _string_columns(df) if columns is None else [columns] if isinstance(columns, str) else list(columns)
    id_col = row_id or "__cnpii_row_id"
    if row_id is None:
        df = df.withColumn(id_col, F.monotonically_increasing_id())
    df = df.select(id_col, *names)
    out = StructType(
        [
            StructField("row_id", LongType(), False),
            StructField("column", StringType(), False),
            StructField("kind", StringType(), False),
            StructField("start", LongType(), False),
            StructField("end", LongType(), False),
            StructField("char_start", LongType(), False),
            StructField("char_end", LongType(), False),
            StructField("confidence", FloatType(), False),
        ]
    )

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa
        import pyarrow.compute as pc

        engine = _engine(params, secret)
        for batch in batches:
            ids = batch.column(id_col).cast(pa.int64())
            for name in names:
                found = engine.scan_arrow(batch.column(name), column=name, table=table)
                parents = pc.list_parent_indices(found)
                flat = pc.list_flatten(found)
                n = len(flat)
                yield pa.RecordBatch.from_arrays(
                    [
                        pc.take(ids, parents),
                        pa.array([name] * n, pa.string()),
                        flat.field("kind"),
                        flat.field("start"),
                        flat.field("end"),
                        flat.field("char_start"),
                        flat.field("char_end"),
                        flat.field("confidence"),
                    ],
                    schema=pa.schema([(f.name, t) for f, t in zip(out.fields, [pa.int64(), pa.string(), pa.string(), pa.int64(), pa.int64(), pa.int64(), pa.int64(), pa.float32()])]),
                )

    return df.mapInArrow(run, out)
