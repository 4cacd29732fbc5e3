"""Columns as the CLI sees a CSV file's columns: redact_table over generated rows gives the
bytes `cnpii redact users.csv` gives (column hints from the header; values without commas or
quotes, so that CSV quoting does not enter)."""

import pyarrow as pa
import pytest

import cnpii
from conftest import KEY
from gen import rows

COLS = ["uid", "name", "id_no", "mobile", "card_no", "email", "address", "remark"]


@pytest.mark.parametrize("policy", ["mask", "tokenize", "hash"])
def test_table_matches_cli_csv(cli, tmp_path, policy):
    n = 500
    data = rows(n, seed=5)
    data["uid"] = [str(u) for u in data["uid"]]
    path = tmp_path / "users.csv"
    path.write_text("\n".join([",".join(COLS)] + [",".join(data[c][i] for c in COLS) for i in range(n)]) + "\n")
    expected = cli("redact", "--policy", policy, str(path), key=KEY).decode().splitlines()
    engine = cnpii.Engine(policy=policy, key=KEY)
    out = engine.redact_table(pa.table({c: data[c] for c in COLS}), table_name="users")
    got = [",".join(COLS)] + [",".join(out.column(c)[i].as_py() for c in COLS) for i in range(n)]
    mismatched = [i for i, (a, b) in enumerate(zip(got, expected)) if a != b]
    assert len(got) == len(expected) and not mismatched, (mismatched[:3], [got[i] for i in mismatched[:3]], [expected[i] for i in mismatched[:3]])
