#!/usr/bin/env python3
"""Throughput of the Python package against the CLI, on the same text (issue 17, "Speed").

    python benches/python.py [--lines N] [--threads N] [--cli target/release/cnpii]

Needs the `cnpii` package installed (pip install ./crates/cnpii-py) and pyarrow (polars is
optional). The text is the shipped sample corpora/sample/app.log repeated to N lines, so the
numbers are on the same bytes the parity tests check. Prints, per method, rows/s, MB/s and the
ratio to the CLI's MB/s; the median of a few runs each. Also the median time of one
`engine.redact` call on a 1 KB post (the per-call overhead a platform sees).
"""

import argparse
import os
import pathlib
import statistics
import subprocess
import tempfile
import time

import pyarrow as pa

import cnpii

ROOT = pathlib.Path(__file__).resolve().parents[1]


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=200_000)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cli", default=str(ROOT / "target" / "release" / "cnpii"))
    args = ap.parse_args()

    sample = (ROOT / "corpora" / "sample" / "app.log").read_text().splitlines(keepends=True)
    lines = (sample * (args.lines // len(sample) + 1))[: args.lines]
    text = "".join(lines)
    size = len(text.encode())
    engine = cnpii.Engine(threads=args.threads)
    one = cnpii.Engine(threads=1)
    arr = pa.array(lines, pa.string())
    rows = len(lines)
    results = []

    expected = None
    with tempfile.TemporaryDirectory() as d:
        path = pathlib.Path(d) / "bench.log"
        path.write_text(text)
        expected = subprocess.run(
            [args.cli, "redact", "-j", str(args.threads), str(path)], capture_output=True, check=True
        ).stdout
        # Faster-but-wrong must fail: every method gives the CLI's bytes.
        assert "".join(engine.redact_arrow(arr).to_pylist()).encode() == expected
        t = median_time(
            lambda: subprocess.run(
                [args.cli, "redact", "-j", str(args.threads), str(path)],
                stdout=subprocess.DEVNULL,
                check=True,
            ),
            args.runs,
        )
        results.append((f"cnpii redact (CLI, -j {args.threads})", t))
        t1 = median_time(
            lambda: subprocess.run(
                [args.cli, "redact", "-j", "1", str(path)], stdout=subprocess.DEVNULL, check=True
            ),
            args.runs,
        )
        results.append(("cnpii redact (CLI, -j 1)", t1))

    results.append((f"redact_arrow ({args.threads} threads)", median_time(lambda: engine.redact_arrow(arr), args.runs)))
    results.append(("redact_arrow (1 thread)", median_time(lambda: one.redact_arrow(arr), args.runs)))
    results.append(("engine.redact per row", median_time(lambda: [one.redact(l) for l in lines], args.runs)))
    try:
        import polars as pl

        import cnpii.polars as cpl

        df = pl.DataFrame({"line": lines})
        got = df.with_columns(cpl.redact(pl.col("line"), engine, use_column_name=False))["line"]
        assert "".join(got.to_list()).encode() == expected
        results.append(
            (
                "Polars expression",
                median_time(lambda: df.with_columns(cpl.redact(pl.col("line"), engine, use_column_name=False)), args.runs),
            )
        )
    except ImportError:
        pass

    cli_mbs = size / results[0][1] / 1e6
    print(f"{rows} rows, {size / 1e6:.1f} MB (corpora/sample/app.log repeated), median of {args.runs}")
    print(f"{'method':<36} {'rows/s':>12} {'MB/s':>8} {'vs CLI':>7}")
    for name, t in results:
        mbs = size / t / 1e6
        print(f"{name:<36} {rows / t:>12,.0f} {mbs:>8.1f} {mbs / cli_mbs:>7.2f}")

    post = ("用户留言：请联系我 13812345678，身份证 11010519491231002X，谢谢。" * 20).encode()[:1024]
    post = post.decode(errors="ignore")  # 1 KB, cut at a character boundary
    per = []
    for _ in range(2000):
        t0 = time.perf_counter()
        one.redact(post)
        per.append(time.perf_counter() - t0)
    print(f"engine.redact on a 1 KB post: median {statistics.median(per) * 1e6:.1f} µs per call")


if __name__ == "__main__":
    main()
