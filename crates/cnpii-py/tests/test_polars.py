"""cnpii.polars: expressions in eager and lazy frames and the streaming engine; a Series
through redact_arrow; pandas Series through Arrow."""

import pytest

import cnpii

pl = pytest.importorskip("polars")
import cnpii.polars as cpl  # noqa: E402

PHONE = "13812345678"


def frame():
    return pl.DataFrame(
        {
            "uid": [1, 2, 3],
            "name": ["张伟", None, "李娜"],
            "remark": [f"电话 {PHONE}", "", None],
        }
    )


def test_expression_eager_lazy_streaming():
    engine = cnpii.Engine()
    exprs = [cpl.redact(pl.col("name"), engine), cpl.redact("remark", engine)]
    eager = frame().with_columns(exprs)
    assert eager["name"].to_list() == ["张*", None, "李*"]
    assert eager["remark"].to_list() == ["电话 138****5678", "", None]
    assert eager.schema == frame().schema
    lazy = frame().lazy().with_columns(exprs).collect()
    assert lazy.equals(eager)
    streaming = frame().lazy().with_columns(exprs).collect(engine="streaming")
    assert streaming.equals(eager)


def test_series_and_table():
    engine = cnpii.Engine()
    s = pl.Series("remark", [f"电话 {PHONE}", None])
    out = engine.redact_arrow(s)
    assert isinstance(out, pl.Series) and out.name == "remark"
    assert out.to_list() == ["电话 138****5678", None]
    df = engine.redact_table(frame())
    assert isinstance(df, pl.DataFrame)
    assert df["name"].to_list() == ["张*", None, "李*"] and df["uid"].to_list() == [1, 2, 3]
    found = frame().with_columns(cpl.scan("remark", engine).alias("found"))
    assert [f["kind"] for f in found["found"][0]] == ["phone"]


def test_pandas_series():
    pd = pytest.importorskip("pandas")
    engine = cnpii.Engine()
    s = pd.Series([f"电话 {PHONE}", None], name="remark")
    out = engine.redact_arrow(s)
    assert isinstance(out, pd.Series) and out.tolist()[0] == "电话 138****5678"
