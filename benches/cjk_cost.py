#!/usr/bin/env python3
"""What names and addresses cost on Chinese text: issue #5 asks for at most 2x the
numeric-only time.

Generates (once, seeded) a corpus with `cnpii-corpus` (the free-text style by default: posts
and messages full of names, addresses and numbers), then runs, interleaved --runs times,

    cnpii scan --json -j1 FILE                                (all kinds)
    cnpii scan --json -j1 --exclude-kinds name,address FILE   (numeric kinds only)

with output to /dev/null, and prints for each the median CPU seconds (user + system, from the
child's rusage: what `perf stat -e task-clock` reports, without needing perf), the median wall
seconds, MB/s (10^6 bytes per median second) and the findings; then the ratio of the medians,
CPU and wall. Interleaving keeps a drift in the machine's speed out of the ratio; on a shared
machine, run it twice and report both.

    python3 benches/cjk_cost.py                      # 50 MiB, 15 runs of each
    python3 benches/cjk_cost.py --size 10M --runs 5  # a quick look
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = 2.0


def size_arg(s: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    try:
        if s and s[-1].upper() in units:
            return int(s[:-1]) * units[s[-1].upper()]
        return int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {s!r} (bytes, or a number and K/M/G)")


def run(cmd: list[str]) -> tuple[float, float]:
    """Runs `cmd` with output to /dev/null; returns (CPU seconds, wall seconds)."""
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"cjk_cost.py: {' '.join(cmd)} failed ({proc.returncode}): {err.strip()}")
    return usage.ru_utime + usage.ru_stime, wall


def findings(cmd: list[str]) -> int:
    """The number of findings of a `scan --json` run (its finding lines)."""
    out = subprocess.run(cmd, check=True, capture_output=True).stdout
    return sum(1 for line in out.splitlines() if line.startswith(b'{"type":"finding"'))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=pathlib.Path, default=ROOT / "bench-data",
                    help="where the generated corpus lives (default: bench-data/, git-ignored)")
    ap.add_argument("--size", type=size_arg, default=50 << 20, help="corpus size (default 50M)")
    ap.add_argument("--runs", type=int, default=15, help="timed runs of each command (default 15)")
    ap.add_argument("--seed", type=int, default=20261122, help="corpus seed (default 20261122)")
    ap.add_argument("--style", default="freetext", help="cnpii-corpus style (default freetext)")
    ap.add_argument("--no-build", action="store_true", help="use target/release as it is")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs needs a positive number")

    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "cnpii-cli",
                        "-p", "cnpii-corpora"], cwd=ROOT, check=True)
    cnpii = ROOT / "target/release/cnpii"
    corpus_bin = ROOT / "target/release/cnpii-corpus"
    for b in (cnpii, corpus_bin):
        if not b.exists():
            sys.exit(f"cjk_cost.py: {b} is missing (run without --no-build)")

    args.data.mkdir(parents=True, exist_ok=True)
    corpus = args.data / f"{args.style}-s{args.seed}-{args.size}.log"
    if not corpus.exists():
        tmp = corpus.with_suffix(".tmp")
        subprocess.run([str(corpus_bin), "--style", args.style, "--seed", str(args.seed),
                        "--bytes", str(args.size), "--out", str(tmp)], check=True)
        tmp.rename(corpus)
    size = corpus.stat().st_size

    base = [str(cnpii), "scan", "--json", "-j1"]
    cmds = {
        "all kinds": base + [str(corpus)],
        "numeric only": base + ["--exclude-kinds", "name,address", str(corpus)],
    }
    counts = {name: findings(cmd) for name, cmd in cmds.items()}  # also warms the page cache
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(args.runs):
        for name, cmd in cmds.items():
            times[name].append(run(cmd))

    load = os.getloadavg()[0]
    print(f"{corpus.name}: {size / 1e6:.1f} MB, {args.runs} interleaved runs each, "
          f"load {load:.2f}, {os.cpu_count()} cores")
    print(f"{'':14} {'CPU s':>8} {'MB/CPU s':>9} {'wall s':>8} {'MB/s':>7} {'findings':>9}")
    med = {}
    for name, ts in times.items():
        cpu = statistics.median(t[0] for t in ts)
        wall = statistics.median(t[1] for t in ts)
        med[name] = (cpu, wall)
        print(f"{name:14} {cpu:8.3f} {size / 1e6 / cpu:9.1f} {wall:8.3f} {size / 1e6 / wall:7.1f} "
              f"{counts[name]:9}")
    cpu_ratio = med["all kinds"][0] / med["numeric only"][0]
    wall_ratio = med["all kinds"][1] / med["numeric only"][1]
    verdict = "met" if cpu_ratio <= TARGET else "missed"
    print(f"ratio of medians: CPU {cpu_ratio:.2f}x, wall {wall_ratio:.2f}x "
          f"(target <= {TARGET:.0f}x on CPU: {verdict})")
    print(json.dumps({"corpus": corpus.name, "bytes": size, "runs": args.runs, "load": load,
                      "cpu_s": {k: v[0] for k, v in med.items()},
                      "wall_s": {k: v[1] for k, v in med.items()},
                      "ratio_cpu": cpu_ratio, "ratio_wall": wall_ratio}))


if __name__ == "__main__":
    main()
