"""The API: every function, nulls, empty strings, bytes, invalid UTF-8, long values, wrong
types, errors and their messages, and no key material anywhere."""

import pickle

import pyarrow as pa
import pytest

import cnpii
from conftest import KEY

PHONE = "13812345678"
ID = "11010519491231002X"
TEXT = f"收件人手机 {PHONE}，身份证 {ID}\n"
MASKED = "收件人手机 138****5678，身份证 110105********002X\n"


@pytest.fixture(scope="module")
def engine():
    return cnpii.Engine()


def test_redact_str_and_bytes(engine):
    assert engine.redact(TEXT) == MASKED
    assert engine.redact(TEXT.encode()) == MASKED.encode()
    assert engine.redact(bytearray(TEXT.encode())) == MASKED.encode()
    assert engine.redact("") == ""
    assert engine.redact(b"") == b""
    assert engine.redact("nothing here") == "nothing here"


def test_invalid_utf8_passes_through(engine):
    raw = b"\xff\xfe phone " + PHONE.encode() + b" \xc3\x28 end"
    out = engine.redact(raw)
    assert out == b"\xff\xfe phone 138****5678 \xc3\x28 end"


def test_long_value(engine):
    value = ("x" * 1000 + f" {PHONE} ") * 2000  # about 2 MB, findings throughout
    out = engine.redact(value)
    assert out.count("138****5678") == 2000 and PHONE not in out
    assert len(engine.scan(value)) == 2000


def test_scan_findings(engine):
    found = engine.scan(TEXT)
    assert [f.kind for f in found] == ["phone", "id_card"]
    phone = found[0]
    assert TEXT.encode()[phone.start : phone.end] == PHONE.encode()
    assert TEXT[phone.char_start : phone.char_end] == PHONE
    assert phone.value is None and phone.line == 1 and 0 < phone.confidence <= 1
    assert PHONE not in repr(phone)
    with_values = engine.scan(TEXT, values=True)
    assert [f.value for f in with_values] == [PHONE, ID]
    assert engine.scan(TEXT.encode(), values=True)[0].value == PHONE.encode()
    assert with_values[0].to_dict()["value"] == PHONE
    assert "value" not in found[0].to_dict()


def test_column_hints(engine):
    # An ID with a wrong check digit is a finding only as a field of an ID column, as in a
    # CSV file.
    bad = "110105194912310021"
    assert engine.scan(bad) == []
    assert [(f.kind, f.detail) for f in engine.scan(bad, column="id_no")] == [("id_card", "column hint")]
    assert cnpii.Engine(column_hints=False).scan(bad, column="id_no") == []
    arr = pa.array([bad, None])
    assert engine.redact_arrow(arr, column="id_no").to_pylist() == ["110105********0021", None]
    assert engine.redact_arrow(arr).to_pylist() == [bad, None]


def test_columns_rules():
    config = '[columns]\n"users.mobile" = "placeholder"\n"*.note" = "skip"\n'
    engine = cnpii.Engine(config=config)
    arr = pa.array([PHONE])
    assert engine.redact_arrow(arr, column="mobile", table="users").to_pylist() == ["<PHONE>"]
    assert engine.redact_arrow(arr, column="mobile", table="orders").to_pylist() == ["138****5678"]
    assert engine.redact_arrow(arr, column="note").to_pylist() == [PHONE]


def test_arrow_nulls_and_types(engine):
    arr = pa.array([TEXT, None, "", "clean"])
    out = engine.redact_arrow(arr)
    assert out.type == pa.string()
    assert out.to_pylist() == [MASKED, None, "", "clean"]
    assert out.null_count == 1
    sliced = engine.redact_arrow(arr.slice(1, 3))
    assert sliced.to_pylist() == [None, "", "clean"]
    view = engine.redact_arrow(pa.array([TEXT, None], pa.string_view()))
    assert view.type == pa.string_view() and view.to_pylist() == [MASKED, None]
    assert engine.redact_arrow(pa.array([], pa.string())).to_pylist() == []
    assert engine.redact_arrow(pa.array([None, None], pa.null())).null_count == 2
    found = engine.scan_arrow(arr).to_pylist()
    assert [f["kind"] for f in found[0]] == ["phone", "id_card"]
    assert found[1] is None and found[2] == [] and found[3] == []


def test_wrong_types(engine):
    with pytest.raises(TypeError, match="str or bytes"):
        engine.redact(123)
    with pytest.raises(TypeError, match="str or bytes"):
        engine.scan(None)
    with pytest.raises(TypeError):
        engine.redact_arrow(["a", "b"])
    with pytest.raises(TypeError, match="not Float64"):
        engine.redact_arrow(pa.array([1.5]))
    with pytest.raises(TypeError, match="not Boolean"):
        engine.redact_arrow(pa.array([True]))
    with pytest.raises(TypeError, match="wrote text into an integer column"):
        engine.redact_arrow(pa.array([{"mobile": 13812345678}]))
    with pytest.raises(TypeError, match="str or bytes"):
        cnpii.check(5)


def test_numeric_columns():
    ids = pa.array([13812345678, None, 42], pa.int64())
    masked = cnpii.Engine()
    with pytest.raises(TypeError, match="wrote text into an integer column"):
        masked.redact_arrow(ids)
    out = masked.redact_arrow(ids, cast_numeric=True)
    assert out.to_pylist() == ["138****5678", None, "42"]
    # A policy that writes a number keeps the type.
    tok = cnpii.Engine(policy="tokenize", key=KEY)
    t = tok.redact_arrow(ids)
    assert t.type == pa.int64() and t[1].as_py() is None and t[2].as_py() == 42
    assert t[0].as_py() != 13812345678
    assert tok.detokenize_arrow(t.cast(pa.string())).to_pylist() == ["13812345678", None, "42"]
    found = masked.scan_arrow(ids).to_pylist()
    assert [f["kind"] for f in found[0]] == ["phone"] and found[1] is None


def test_redact_table():
    table = pa.table(
        {
            "name": ["张伟", "李娜"],
            "mobile": [PHONE, None],
            "n": [1, 2],
            "remark": [f"身份证 {ID}", "ok"],
        }
    )
    engine = cnpii.Engine()
    out = engine.redact_table(table)
    assert out.schema == table.schema
    assert out.column("name").to_pylist() == ["张*", "李*"]
    assert out.column("mobile").to_pylist() == ["138****5678", None]
    assert out.column("n").to_pylist() == [1, 2]
    assert out.column("remark").to_pylist() == ["身份证 110105********002X", "ok"]
    only = engine.redact_table(table, columns=["remark"])
    assert only.column("name").to_pylist() == ["张伟", "李娜"]
    with pytest.raises(ValueError, match="no column named 'nope'"):
        engine.redact_table(table, columns=["nope"])


def test_errors_at_build_time():
    with pytest.raises(cnpii.ConfigError, match="unknown kind"):
        cnpii.Engine(kinds=["phone", "nope"])
    with pytest.raises(ValueError):
        cnpii.Engine(kinds="nope")
    with pytest.raises(cnpii.ConfigError, match="no kinds left"):
        cnpii.Engine(kinds=["phone"], exclude_kinds="phone")
    with pytest.raises(cnpii.ConfigError, match="needs a key"):
        cnpii.Engine(policy="hash")
    with pytest.raises(cnpii.ConfigError, match="unknown policy"):
        cnpii.Engine(policy="scramble")
    with pytest.raises(cnpii.ConfigError, match="line 2"):
        cnpii.Engine(config="[kinds.phone]\npolicy = 'nope'\n")
    with pytest.raises(cnpii.ConfigError, match="cannot read the policy config"):
        cnpii.Engine(config="/nonexistent/cnpii.toml")
    with pytest.raises(cnpii.ConfigError, match="either policy or config"):
        cnpii.Engine(policy="hash", config="[default]\npolicy = 'mask'\n")
    with pytest.raises(cnpii.KeyError_):
        cnpii.Engine(policy="hash", key=b"short")
    with pytest.raises(cnpii.ConfigError, match="tokenises no kind"):
        cnpii.Engine().detokenize("x")
    assert issubclass(cnpii.ConfigError, cnpii.Error) and issubclass(cnpii.ConfigError, ValueError)


def test_key_sources(tmp_path, monkeypatch):
    by_arg = cnpii.Engine(policy="hash", key=KEY).redact(PHONE)
    assert by_arg != PHONE
    assert cnpii.Engine(policy="hash", key=KEY.decode()).redact(PHONE) == by_arg
    f = tmp_path / "key"
    f.write_bytes(KEY + b"\n")
    assert cnpii.Engine(policy="hash", key_file=f).redact(PHONE) == by_arg
    monkeypatch.setenv("CNPII_KEY", KEY.decode())
    assert cnpii.Engine(policy="hash").redact(PHONE) == by_arg
    with pytest.raises(cnpii.KeyError_) as e:
        cnpii.Engine(policy="hash", key_file=tmp_path / "missing")
    assert "missing" in str(e.value)


def test_key_never_shown(tmp_path):
    secret = b"Sup3r-secret-KEY-material-0000000"
    engine = cnpii.Engine(policy="tokenize", key=secret)
    assert secret.decode() not in repr(engine)
    with pytest.raises(TypeError) as e:
        pickle.dumps(engine)
    assert secret.decode() not in str(e.value)
    bad = b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    with pytest.raises(cnpii.KeyError_) as e:
        cnpii.Engine(policy="hash", key=bad)
    assert "aaaa" not in str(e.value)
    f = tmp_path / "k"
    f.write_bytes(b"tiny")
    with pytest.raises(cnpii.KeyError_) as e:
        cnpii.Engine(policy="hash", key_file=f)
    assert "tiny" not in str(e.value)


def test_repr_and_properties(engine):
    r = repr(engine)
    assert r.startswith("cnpii.Engine(") and "mask" in r
    assert set(engine.kinds) <= set(cnpii.kinds())
    assert cnpii.Engine(kinds="phone,email").kinds == ["phone", "email"]
    assert engine.threads >= 1


def test_check():
    r = cnpii.check(ID)
    assert r["kind"] == "id_card" and r["facts"]
    assert cnpii.check("hello")["kind"] is None


def test_same_token_everywhere():
    a = cnpii.Engine(policy="tokenize", key=KEY)
    b = cnpii.Engine(policy="tokenize", key=KEY)
    assert a.redact(ID) == b.redact(ID) != ID
    assert a.detokenize(a.redact(ID)) == ID


def test_batch_size_and_threads_never_change_a_result():
    """A property test over random batches: the same rows, cut into random chunks, on one
    thread or several, give the same output (seeded; the rows are the shipped samples')."""
    import random

    from conftest import SAMPLES

    lines = [l.decode() for p in SAMPLES for l in p.read_bytes().splitlines(keepends=True)]
    rnd = random.Random(17)
    engines = [cnpii.Engine(threads=1), cnpii.Engine(threads=2), cnpii.Engine(threads=5)]
    for _ in range(6):
        rows = [rnd.choice(lines) if rnd.random() > 0.1 else None for _ in range(rnd.randint(0, 3000))]
        expected = [None if r is None else engines[0].redact(r) for r in rows]
        cuts = sorted(rnd.sample(range(len(rows) + 1), min(4, len(rows) + 1)))
        pieces = [rows[a:b] for a, b in zip([0] + cuts, cuts + [len(rows)])]
        chunked = pa.chunked_array([pa.array(p, pa.string()) for p in pieces], pa.string())
        for engine in engines:
            assert engine.redact_arrow(chunked).to_pylist() == expected
            assert engine.redact_arrow(pa.array(rows, pa.large_string())).to_pylist() == expected


def test_record_batch_in_record_batch_out():
    batch = pa.RecordBatch.from_pydict({"mobile": [PHONE, None], "n": [1, 2]})
    out = cnpii.Engine().redact_table(batch)
    assert isinstance(out, pa.RecordBatch) and out.schema == batch.schema
    assert out.column(0).to_pylist() == ["138****5678", None]


def test_dictionary_encoded_strings():
    arr = pa.array([PHONE, None, PHONE]).dictionary_encode()
    assert cnpii.Engine().redact_arrow(arr).to_pylist() == ["138****5678", None, "138****5678"]


def test_nested_columns_walked_like_json_keys():
    arr = pa.array(
        [
            {"contact": {"mobile": PHONE, "id_no": "110105194912310021"}, "tags": [f"tel {PHONE}", None]},
            None,
            {"contact": None, "tags": []},
        ]
    )
    out = cnpii.Engine().redact_arrow(arr, column="user").to_pylist()
    assert out[0]["contact"] == {"mobile": "138****5678", "id_no": "110105********0021"}
    assert out[0]["tags"] == ["tel 138****5678", None]
    assert out[1] is None and out[2] == {"contact": None, "tags": []}
    table = pa.table({"user": arr})
    assert cnpii.Engine().redact_table(table, columns=["user"]).column("user").to_pylist() == out
