"""cnpii: find Chinese personal information in text and Arrow columns, and rewrite it.

The engine is the Rust library behind the ``cnpii`` command: the same detectors, tables and
policies, so that a value, an Arrow column, a Polars frame or a Spark job gives the CLI's
answer byte for byte, and the same key gives the same tokens everywhere.

    >>> import cnpii
    >>> engine = cnpii.Engine()
    >>> engine.redact("手机 13812345678")
    '手机 138****5678'
"""

from __future__ import annotations

import os
from typing import Any, Iterable, List, Optional, Union

from . import _cnpii
from ._errors import ConfigError, Error, KeyError_, PolicyError

__all__ = [
    "Engine",
    "Finding",
    "check",
    "kinds",
    "Error",
    "ConfigError",
    "KeyError_",
    "PolicyError",
]

__version__ = _cnpii.__version__
Finding = _cnpii.Finding


def check(value: Union[str, bytes]) -> dict:
    """What the CLI's ``cnpii check VALUE`` prints, as a dict: ``kind`` (a kind name, or None
    when the value is not one as a whole) and ``facts`` (one reason per item)."""
    return _cnpii.check(value)


def kinds() -> List[str]:
    """Every kind cnpii knows, as CONTRACT.md names them."""
    return _cnpii.kinds()


def _read_config(config: Union[str, "os.PathLike[str]"]) -> "tuple[str, str]":
    """The TOML text of ``config`` (a path, or the text itself) and the name errors give it."""
    if isinstance(config, os.PathLike) or (
        isinstance(config, str) and "\n" not in config and "=" not in config and "[" not in config
    ):
        path = os.fspath(config)
        try:
            with open(path, encoding="utf-8") as f:
                return f.read(), path
        except OSError as e:
            raise ConfigError(f"cannot read the policy config {path}: {e.strerror}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"cannot read the policy config {path}: not UTF-8") from None
    if isinstance(config, str):
        return config, "policy config"
    raise TypeError(f"config must be a path or TOML text, not {type(config).__name__}")


class Engine:
    """A compiled engine and its policies: build it once and reuse it (it is thread-safe).

    :param kinds: detect only these kinds (a list, or a comma-separated string).
    :param exclude_kinds: do not detect these kinds.
    :param policy: a built-in policy applied to every kind (``mask``, ``placeholder``,
        ``hash``, ``tokenize``, ``fake``, ``keep``) or a shipped preset (``hutool``, ``bank``,
        ``strict``, ``pseudonymize``), as ``cnpii redact --policy``.
    :param config: a policy config, as ``cnpii redact --config``: a path, or its TOML text.
    :param key: the key of keyed policies (bytes or str); else ``key_file``; else the
        ``CNPII_KEY`` environment variable, as the CLI.
    :param column_hints: let column names alone make findings (the CLI's default).
    :param threads: threads for a large Arrow batch (default: every core).

    Every configuration error is raised here (:class:`ConfigError`, also a ``ValueError``),
    never half-way through a batch. The key never appears in ``repr``, in exceptions, or in a
    pickle: an Engine cannot be pickled at all.
    """

    __slots__ = ("_e",)

    def __init__(
        self,
        kinds: Optional[Union[str, Iterable[str]]] = None,
        exclude_kinds: Optional[Union[str, Iterable[str]]] = None,
        policy: str = "mask",
        config: Optional[Union[str, "os.PathLike[str]"]] = None,
        key: Optional[Union[bytes, str]] = None,
        key_file: Optional[Union[str, "os.PathLike[str]"]] = None,
        column_hints: bool = True,
        threads: Optional[int] = None,
    ) -> None:
        if not isinstance(policy, str):
            raise TypeError(f"policy must be a str, not {type(policy).__name__}")
        text = origin = None
        if config is not None:
            if policy != "mask":
                raise ConfigError("give either policy or config, not both")
            text, origin = _read_config(config)
        if key is not None and not isinstance(key, (bytes, str)):
            raise TypeError(f"key must be bytes or str, not {type(key).__name__}")
        self._e = _cnpii._Engine(
            kinds=kinds,
            exclude_kinds=exclude_kinds,
            policy=policy,
            config=text,
            config_origin=origin,
            key=key,
            key_file=None if key_file is None else os.fspath(key_file),
            column_hints=bool(column_hints),
            threads=threads,
        )

    def __repr__(self) -> str:
        return repr(self._e)

    def __reduce__(self):
        raise TypeError(
            "cnpii.Engine cannot be pickled (it holds key material); build one where it is "
            "used, as cnpii.spark does on each worker"
        )

    @property
    def kinds(self) -> List[str]:
        """The kinds this engine detects."""
        return self._e.kinds

    @property
    def threads(self) -> int:
        """Threads used for a large Arrow batch."""
        return self._e.threads

    # One value -----------------------------------------------------------------------------

    def scan(
        self,
        text: Union[str, bytes],
        values: bool = False,
        column: Optional[str] = None,
        table: Optional[str] = None,
    ) -> List[Finding]:
        """The findings in one value: kind, byte and character offsets, line, confidence,
        detail; the value itself only with ``values=True``. With ``column``, the value is
        scanned as a field of that column (column hints, ``[columns]`` rules of ``table``)."""
        return self._e.scan(text, values=values, column=column, table=table)

    def redact(
        self, text: Union[str, bytes], column: Optional[str] = None, table: Optional[str] = None
    ) -> Union[str, bytes]:
        """One value redacted: str in, str out; bytes in, bytes out (invalid UTF-8 passes
        through, as the CLI passes it)."""
        return self._e.redact(text, column=column, table=table)

    def detokenize(self, text: Union[str, bytes]) -> Union[str, bytes]:
        """Restores the originals of ``tokenize`` tokens in ``text`` (needs the key and the
        config the tokens were made with). Every value found is taken for a token, as
        ``cnpii detokenize --all``: use it on text known to be tokenised."""
        return self._e.detokenize(text)

    # Arrow ---------------------------------------------------------------------------------

    def redact_arrow(
        self,
        array: Any,
        column: Optional[str] = None,
        table: Optional[str] = None,
        cast_numeric: bool = False,
    ) -> Any:
        """Redacts an Arrow string or binary array: a pyarrow ``Array`` or ``ChunkedArray``, a
        Polars ``Series``, a pandas ``Series``, or anything with the Arrow PyCapsule interface.
        Returns the same kind of object with the same type; nulls stay null.

        ``column`` names the column as a CSV header would (column hints, ``[columns]`` rules,
        with ``table`` as the table name). Integer arrays are scanned as their decimal text; a
        policy that writes a number (tokenize, fake) keeps the type, one that writes text
        (mask, hash, placeholder) raises ``TypeError`` unless ``cast_numeric=True``, which
        returns a string array instead."""
        return _arrow_call(self._e._redact_arrow, array, column, table, cast_numeric)

    def scan_arrow(self, array: Any, column: Optional[str] = None, table: Optional[str] = None) -> Any:
        """The findings of each row of an Arrow string, binary or integer array, as a
        ``list<struct<kind, start, end, char_start, char_end, confidence, detail>>`` array
        (null for a null row)."""
        return _arrow_call(self._e._scan_arrow, array, column, table, False)

    def detokenize_arrow(self, array: Any, column: Optional[str] = None) -> Any:
        """:meth:`detokenize` over an Arrow string or binary array."""
        return _arrow_call(
            lambda a, column, table: self._e._redact_arrow(a, column, table, detokenize=True),
            array,
            column,
            None,
            False,
        )

    def redact_table(
        self,
        table: Any,
        columns: Optional[Iterable[str]] = None,
        table_name: Optional[str] = None,
        cast_numeric: bool = False,
    ) -> Any:
        """Redacts a pyarrow ``Table`` / ``RecordBatch``, a Polars or pandas ``DataFrame``: every
        string column, or the ``columns`` named (integer columns too), each with the policies
        the config gives its ``table_name.column``. Returns the same kind of object."""
        names = None if columns is None else [columns] if isinstance(columns, str) else list(columns)
        kind, pa_table = _to_pyarrow_table(table)
        if names is not None:
            missing = [n for n in names if n not in pa_table.column_names]
            if missing:
                raise ValueError(f"no column named {missing[0]!r}")
        else:
            import pyarrow as pa

            names = [
                f.name
                for f in pa_table.schema
                if pa.types.is_string(f.type)
                or pa.types.is_large_string(f.type)
                or pa.types.is_binary(f.type)
                or pa.types.is_large_binary(f.type)
                or _is_view(f.type)
            ]
        cols = list(pa_table.columns)
        for name in names:
            i = pa_table.column_names.index(name)
            cols[i] = self.redact_arrow(cols[i], column=name, table=table_name, cast_numeric=cast_numeric)
        import pyarrow as pa

        out = pa.Table.from_arrays(cols, names=pa_table.column_names)
        if not cast_numeric or out.schema == pa_table.schema:
            out = out.replace_schema_metadata(pa_table.schema.metadata)
        return _from_pyarrow_table(kind, out)


def _is_view(t: Any) -> bool:
    return str(t) in ("string_view", "binary_view")


def _arrow_call(fn: Any, array: Any, column: Optional[str], table: Optional[str], cast_numeric: bool) -> Any:
    """Calls ``fn`` on ``array`` through the PyCapsule interface and gives the answer back as
    the caller's kind of object."""
    if column is not None and not isinstance(column, str):
        raise TypeError(f"column must be a str, not {type(column).__name__}")
    kind = type(array).__module__.split(".")[0]
    src = array
    if kind == "pandas":
        import pyarrow as pa

        src = pa.Array.from_pandas(array)
    elif not (hasattr(array, "__arrow_c_array__") or hasattr(array, "__arrow_c_stream__")):
        raise TypeError(
            f"expected an Arrow array (pyarrow, Polars, pandas, or the Arrow PyCapsule "
            f"interface), not {type(array).__name__}"
        )
    t = getattr(src, "type", None)
    if t is not None and type(t).__name__ == "DictionaryType":
        # Dictionary-encoded strings (Parquet, Categorical): each value redacted as text.
        src = src.cast(t.value_type)
        t = src.type
    if t is not None and type(t).__name__ in _NESTED:
        import pyarrow as pa

        walk = lambda a: _walk(fn, a, column, table, cast_numeric)
        if isinstance(src, pa.ChunkedArray):
            return _like(kind, array, pa.chunked_array([walk(c) for c in src.chunks], t))
        return _like(kind, array, walk(src))
    try:
        out = fn(src, column, table)
    except TypeError as e:
        if not cast_numeric or "wrote text into" not in str(e):
            raise
        import pyarrow as pa

        as_text = pa.array(src) if hasattr(src, "__arrow_c_array__") else pa.chunked_array(src)
        out = fn(as_text.cast(pa.string()), column, table)
    return _like(kind, array, out)


_NESTED = ("StructType", "ListType", "LargeListType")


def _walk(fn: Any, a: Any, path: Optional[str], table: Optional[str], cast_numeric: bool) -> Any:
    """A nested pyarrow array with its leaves rewritten by ``fn``, the way JSON Lines keys are
    walked: a struct field is the column ``path.field`` (its leaf name gives the hints), a
    list's items are its own column. String, binary and integer leaves are redacted; other
    leaves (floats, dates, booleans), and the nesting, are kept as they are."""
    import pyarrow as pa

    t = a.type
    if isinstance(t, pa.StructType):
        children = [
            _walk(fn, a.field(i), t.field(i).name if path is None else f"{path}.{t.field(i).name}", table, cast_numeric)
            for i in range(t.num_fields)
        ]
        return pa.StructArray.from_arrays(children, fields=list(t), mask=a.is_null() if a.null_count else None)
    if isinstance(t, (pa.ListType, pa.LargeListType)):
        cls = pa.ListArray if isinstance(t, pa.ListType) else pa.LargeListArray
        values = _walk(fn, a.values, path, table, cast_numeric)
        return cls.from_arrays(a.offsets, values, type=t, mask=a.is_null() if a.null_count else None)
    if (
        pa.types.is_string(t)
        or pa.types.is_large_string(t)
        or pa.types.is_binary(t)
        or pa.types.is_large_binary(t)
        or pa.types.is_integer(t)
    ):
        # (An integer leaf that a policy turns into text raises; cast_numeric does not
        # reach into nested columns.)
        return pa.array(fn(a, path, table))
    return a


def _like(kind: str, original: Any, out: Any) -> Any:
    """``out`` (an object with the Arrow PyCapsule interface) as the same kind as ``original``."""
    if kind == "polars":
        import polars as pl

        return pl.Series(original.name, _pyarrow(out))
    if kind == "pandas":
        import pandas as pd

        arr = _pyarrow(out)
        if str(getattr(original, "dtype", "")).endswith("[pyarrow]"):
            return pd.Series(arr, index=original.index, name=original.name, dtype=pd.ArrowDtype(arr.type))
        return pd.Series(arr.to_pandas(), index=original.index, name=original.name)
    try:
        return _pyarrow(out)
    except ImportError:  # no pyarrow: the arro3 object, which speaks the PyCapsule interface
        return out


def _pyarrow(out: Any) -> Any:
    import pyarrow as pa

    if hasattr(out, "__arrow_c_array__"):
        return pa.array(out)
    return pa.chunked_array(out)


def _to_pyarrow_table(table: Any) -> "tuple[str, Any]":
    import pyarrow as pa

    kind = type(table).__module__.split(".")[0]
    if isinstance(table, pa.Table):
        return "pyarrow", table
    if isinstance(table, pa.RecordBatch):
        return "batch", pa.Table.from_batches([table])
    if kind == "polars":
        return "polars", table.to_arrow()
    if kind == "pandas":
        return "pandas", pa.Table.from_pandas(table, preserve_index=False)
    if hasattr(table, "__arrow_c_stream__"):
        return "pyarrow", pa.table(table)
    raise TypeError(f"expected a table (pyarrow, Polars, pandas), not {type(table).__name__}")


def _from_pyarrow_table(kind: str, table: Any) -> Any:
    if kind == "polars":
        import polars as pl

        return pl.from_arrow(table)
    if kind == "pandas":
        return table.to_pandas()
    if kind == "batch":
        import pyarrow as pa

        return pa.RecordBatch.from_arrays([c.combine_chunks() for c in table.columns], schema=table.schema)
    return table
