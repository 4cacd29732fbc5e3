"""cnpii in Polars expressions: ``df.with_columns(cnpii.polars.redact(pl.col("remark"), engine))``.

Each expression runs :meth:`cnpii.Engine.redact_arrow` on whole Arrow batches through
``Expr.map_batches`` (no Python object per row; the GIL is released inside), so it works in
eager and lazy frames and in the streaming engine. The column's name is used as the CLI uses a
CSV header (column hints, ``[columns]`` rules) unless ``column`` says otherwise.
"""

from __future__ import annotations

from typing import Optional

import polars as pl

from . import Engine

__all__ = ["redact", "scan", "detokenize"]


def _name(expr: "pl.Expr", column: Optional[str]) -> Optional[str]:
    if column is not None:
        return column
    try:
        return expr.meta.output_name()
    except Exception:  # an expression without one name (pl.all(), a computed value)
        return None


def redact(
    expr: "pl.Expr | str",
    engine: Engine,
    column: Optional[str] = None,
    table: Optional[str] = None,
    use_column_name: bool = True,
) -> "pl.Expr":
    """An expression redacting ``expr`` (a string column) with ``engine``. Nulls stay null."""
    if isinstance(expr, str):
        expr = pl.col(expr)
    col = _name(expr, column) if use_column_name else column

    def run(s: "pl.Series") -> "pl.Series":
        return engine.redact_arrow(s, column=col, table=table)

    return expr.map_batches(run, return_dtype=None, is_elementwise=True)


def detokenize(expr: "pl.Expr | str", engine: Engine) -> "pl.Expr":
    """An expression restoring the originals of ``tokenize`` tokens in ``expr``."""
    if isinstance(expr, str):
        expr = pl.col(expr)

    def run(s: "pl.Series") -> "pl.Series":
        return engine.detokenize_arrow(s)

    return expr.map_batches(run, return_dtype=None, is_elementwise=True)


def scan(expr: "pl.Expr | str", engine: Engine, column: Optional[str] = None, table: Optional[str] = None) -> "pl.Expr":
    """An expression giving each row's findings: a list of structs (kind, start, end,
    char_start, char_end, confidence, detail)."""
    if isinstance(expr, str):
        expr = pl.col(expr)
    col = _name(expr, column)

    def run(s: "pl.Series") -> "pl.Series":
        return engine.scan_arrow(s, column=col, table=table)

    return expr.map_batches(run, return_dtype=None, is_elementwise=True)
