"""The same as the CLI, byte for byte: for the shipped samples, `engine.redact` per line,
`redact_arrow` over a column of those lines and `cnpii redact` over the file give identical
text, for mask, hash, tokenize and fake with one key; `scan` findings equal
`cnpii scan --json` findings."""

import json

import pyarrow as pa
import pytest

import cnpii
from conftest import KEY, SAMPLES

POLICIES = ["mask", "placeholder", "hash", "tokenize", "fake", "hutool", "pseudonymize"]
KEYED = {"hash", "tokenize", "fake", "pseudonymize"}


def lines_of(path):
    return path.read_bytes().splitlines(keepends=True)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("policy", POLICIES)
def test_redact_matches_cli(cli, sample, policy):
    key = KEY if policy in KEYED else None
    expected = cli("redact", "--policy", policy, str(sample), key=key)
    engine = cnpii.Engine(policy=policy, key=key)
    lines = lines_of(sample)
    # One value at a time, bytes and str.
    assert b"".join(engine.redact(line) for line in lines) == expected
    text_lines = [line.decode() for line in lines]
    assert "".join(engine.redact(line) for line in text_lines).encode() == expected
    # A column of those lines, as one array and as a chunked array, string and binary.
    arr = pa.array(text_lines, pa.string())
    assert "".join(engine.redact_arrow(arr).to_pylist()).encode() == expected
    chunked = pa.chunked_array([arr[:100], arr[100:]])
    out = engine.redact_arrow(chunked)
    assert isinstance(out, pa.ChunkedArray)
    assert "".join(out.to_pylist()).encode() == expected
    big = engine.redact_arrow(pa.array(text_lines, pa.large_string()))
    assert big.type == pa.large_string()
    assert "".join(big.to_pylist()).encode() == expected
    binary = engine.redact_arrow(pa.array(lines, pa.binary()))
    assert binary.type == pa.binary()
    assert b"".join(binary.to_pylist()) == expected


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_many_threads_same_answer(cli, sample):
    """A batch large enough to be split over threads gives the one-thread answer."""
    expected = cli("redact", str(sample))
    lines = [line.decode() for line in lines_of(sample)] * 4
    one = cnpii.Engine(threads=1).redact_arrow(pa.array(lines))
    many = cnpii.Engine(threads=3).redact_arrow(pa.array(lines))
    assert one.equals(many)
    assert "".join(one.to_pylist()).encode() == expected * 4


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_scan_matches_cli(cli, sample):
    report = [json.loads(l) for l in cli("scan", "--json", str(sample)).splitlines()]
    expected = [(f["kind"], f["start"], f["end"], f["line"]) for f in report if f["type"] == "finding"]
    engine = cnpii.Engine()
    got = []
    base = 0
    for n, line in enumerate(lines_of(sample), 1):
        for f in engine.scan(line):
            got.append((f.kind, base + f.start, base + f.end, n))
        base += len(line)
    assert got == expected
    # scan_arrow: the same findings per row.
    found = engine.scan_arrow(pa.array([l.decode() for l in lines_of(sample)]))
    flat = []
    base = 0
    for n, (line, row) in enumerate(zip(lines_of(sample), found.to_pylist()), 1):
        flat.extend((f["kind"], base + f["start"], base + f["end"], n) for f in row)
        base += len(line)
    assert flat == expected


def test_detokenize_restores_the_cli_tokens(cli):
    sample = SAMPLES[0]
    tokens = cli("redact", "--policy", "tokenize", str(sample), key=KEY)
    engine = cnpii.Engine(policy="tokenize", key=KEY)
    restored_cli = cli("detokenize", "--all", stdin=tokens, key=KEY)
    restored = b"".join(engine.detokenize(l) for l in tokens.splitlines(keepends=True))
    assert restored == restored_cli
    arr = pa.array([l.decode() for l in tokens.splitlines(keepends=True)])
    assert "".join(engine.detokenize_arrow(arr).to_pylist()).encode() == restored_cli


def test_check_matches_cli(cli):
    for value in ["11010519491231002X", "13812345678", "6222020200001234567", "hello"]:
        expected = cli("check", value).decode().splitlines()
        assert cnpii.check(value)["facts"] == expected
