"""A real Spark job (issue 17): a local PySpark session (local[2]) reads a Parquet file of
generated rows, redacts four columns with a [columns] config (tokenize the ID, mask the phone,
hash the e-mail, mask the remark), writes Parquet, and Spark SQL checks the result; Polars over
the same file, eager and lazy, gives the same output. Rows: CNPII_SPARK_ROWS (default 200000).
Skipped when pyspark or Java is missing (scripts/py-test.sh installs pyspark with
CNPII_PY_SPARK=1)."""

import os
import shutil
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import cnpii
from conftest import KEY
from gen import rows, valid_id

pyspark = pytest.importorskip("pyspark")
if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java for Spark", allow_module_level=True)

N = int(os.environ.get("CNPII_SPARK_ROWS", "200000"))
CONFIG = """
[columns]
"users.id_no" = "tokenize"
"users.mobile" = "mask"
"users.email" = "hash"
"users.remark" = "mask"
"orders.id_no" = "tokenize"
"""
COLUMNS = ["id_no", "mobile", "email", "remark"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("spark")
    users = pa.table(rows(N))
    pq.write_table(users, d / "users.parquet", row_group_size=50_000)
    # Orders refer to users by ID number: every 7th user has an order.
    ids = users.column("id_no").to_pylist()[::7]
    orders = pa.table({"order_id": list(range(len(ids))), "id_no": ids})
    pq.write_table(orders, d / "orders.parquet")
    return d, users


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The workers run this interpreter, where cnpii is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("cnpii-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "10000")
        .getOrCreate()
    )
    yield s
    s.stop()


@pytest.fixture(scope="module")
def redacted(spark, data):
    import cnpii.spark

    d, _ = data
    users = spark.read.parquet(str(d / "users.parquet"))
    out = cnpii.spark.redact(users, columns=COLUMNS, config=CONFIG, key=KEY, table="users")
    out.write.parquet(str(d / "users.out.parquet"))
    orders = spark.read.parquet(str(d / "orders.parquet"))
    cnpii.spark.redact(orders, columns=["id_no"], config=CONFIG, key=KEY, table="orders").write.parquet(
        str(d / "orders.out.parquet")
    )
    return d


def test_spark_job(spark, data, redacted):
    d, users = data
    spark.read.parquet(str(d / "users.parquet")).createOrReplaceTempView("u")
    spark.read.parquet(str(redacted / "users.out.parquet")).createOrReplaceTempView("r")
    spark.read.parquet(str(d / "orders.parquet")).createOrReplaceTempView("o")
    spark.read.parquet(str(redacted / "orders.out.parquet")).createOrReplaceTempView("ro")
    q = lambda s: spark.sql(s).collect()[0][0]
    assert q("select count(*) from r") == N
    assert spark.table("r").schema == spark.table("u").schema
    # Untouched columns identical; no planted value left.
    assert q("select count(*) from u join r using (uid) where u.name = r.name and u.card_no = r.card_no "
             "and u.address = r.address and u.amount = r.amount") == N
    assert q("select count(*) from u join r using (uid) where u.id_no = r.id_no or u.mobile = r.mobile "
             "or u.email = r.email or instr(r.remark, u.mobile) > 0") == 0
    assert q("select count(*) from r where mobile not like '1_____****____' and mobile not like '1__****____'") == 0
    # The same join on tokens as on originals.
    orig = spark.sql("select u.uid, o.order_id from u join o on u.id_no = o.id_no").collect()
    toks = spark.sql("select r.uid, ro.order_id from r join ro on r.id_no = ro.id_no").collect()
    assert sorted(map(tuple, orig)) == sorted(map(tuple, toks)) and len(orig) >= (N + 6) // 7
    # Tokenised IDs are valid IDs, and detokenize restores the originals.
    out = pq.read_table(redacted / "users.out.parquet").sort_by("uid")
    tokens = out.column("id_no")
    assert all(valid_id(t) for t in tokens.to_pylist())
    # (A [columns] rule "tokenize" is the tokenize policy with its defaults: the same key
    # restores its tokens.)
    engine = cnpii.Engine(policy="tokenize", key=KEY)
    assert engine.detokenize_arrow(tokens).to_pylist() == users.column("id_no").to_pylist()


def test_polars_equals_spark(data, redacted):
    pl = pytest.importorskip("polars")
    import cnpii.polars as cpl

    d, _ = data
    engine = cnpii.Engine(config=CONFIG, key=KEY)
    exprs = [cpl.redact(pl.col(c), engine, table="users") for c in COLUMNS]
    eager = pl.read_parquet(d / "users.parquet").with_columns(exprs).sort("uid")
    lazy = pl.scan_parquet(d / "users.parquet").with_columns(exprs).collect().sort("uid")
    spark_out = pl.read_parquet(str(redacted / "users.out.parquet" / "*.parquet")).sort("uid")
    assert eager.equals(lazy)
    for c in spark_out.columns:
        assert eager[c].to_list() == spark_out[c].to_list(), c


def test_spark_scan_and_errors(spark):
    import cnpii.spark

    df = spark.createDataFrame(
        [(1, "电话 13812345678，身份证 11010519491231002X"), (2, None), (3, "无")], "uid long, remark string"
    )
    found = cnpii.spark.scan(df, columns=["remark"], row_id="uid").orderBy("row_id", "start").collect()
    assert [(r.row_id, r.column, r.kind) for r in found] == [(1, "remark", "phone"), (1, "remark", "id_card")]
    assert "13812345678" not in repr(found)
    # Configuration errors on the driver, before any job runs; the key never in the plan.
    with pytest.raises(cnpii.ConfigError, match="needs a key"):
        cnpii.spark.redact(df, policy="hash")
    out = cnpii.spark.redact(df, policy="hash", key=KEY)
    assert KEY.decode() not in out._jdf.queryExecution().toString()
    assert out.schema == df.schema
    assert out.where("uid = 2").collect()[0].remark is None
