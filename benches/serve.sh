#!/usr/bin/env bash
# `cnpii serve` under load on loopback (issue #18): builds the release binary and runs the load
# client benches/serve.rs, which starts the server, drives it with seeded ~1 KB posts at 1, 16
# and 64 connections and with batches of 64, and prints posts/s, MB/s, p50/p99/p99.9 latency,
# the mean time inside the server and its CPU time per post, the library's own per-call time
# for the same posts, and the server's peak RSS. With --runs N it runs N times and prints the
# median of every column; the machine load (uptime) is printed before and after, since on a
# shared machine the latency tail follows the load.
#
#   benches/serve.sh [--runs N] [--requests N] [--route /v1/scan|/v1/redact] [--no-access-log] [--no-build]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
build=1
runs=1
args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) build=0; shift ;;
        --runs) runs="$2"; shift 2 ;;
        --requests|--route) args+=("$1" "$2"); shift 2 ;;
        --no-access-log) args+=("$1"); shift ;;
        *) echo "usage: benches/serve.sh [--runs N] [--requests N] [--route PATH] [--no-access-log] [--no-build]" >&2; exit 2 ;;
    esac
done
if [[ $build == 1 ]]; then
    cargo build --release --locked -p cnpii-cli
    cargo bench --locked -p cnpii-serve --bench serve --no-run
fi
echo "load before: $(uptime)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown), cores: $(nproc)"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for ((i = 1; i <= runs; i++)); do
    CNPII_BIN="$root/target/release/cnpii" cargo bench --quiet --locked -p cnpii-serve --bench serve -- "${args[@]}" | tee -a "$out"
done
echo "load after: $(uptime)"
if [[ $runs -gt 1 ]]; then
    python3 - "$out" <<'PY'
import re, statistics, sys
rows, lib, rss = {}, {}, []
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"(\d+ conn, batch \d+)\s+(.*)", line)
    if m:
        rows.setdefault(m.group(1), []).append([float(x) for x in m.group(2).split()])
    m = re.match(r"library, one call per post, chunk size (\d+): p50 (\d+) µs, p99 (\d+) µs", line)
    if m:
        lib.setdefault(m.group(1), []).append((int(m.group(2)), int(m.group(3))))
    m = re.match(r"server VmHWM:\s+(\d+) kB", line)
    if m:
        rss.append(int(m.group(1)))
print(f"\nmedians of {len(rss)} runs")
for chunk, v in lib.items():
    print(f"library, chunk size {chunk}: p50 {statistics.median(a for a, _ in v):.0f} µs, p99 {statistics.median(b for _, b in v):.0f} µs")
print(f"{'phase':<18} {'requests':>8} {'posts/s':>8} {'MB/s':>6} {'p50 µs':>8} {'p99 µs':>8} {'p99.9 µs':>9} {'server µs':>10} {'CPU µs/post':>11}")
for phase, v in rows.items():
    med = [statistics.median(col) for col in zip(*v)]
    print(f"{phase:<18} {med[0]:>8.0f} {med[1]:>8.0f} {med[2]:>6.1f} {med[3]:>8.0f} {med[4]:>8.0f} {med[5]:>9.0f} {med[6]:>10.0f} {med[7]:>11.1f}")
print(f"server peak RSS (VmHWM): median {statistics.median(rss) / 1024:.1f} MiB, max {max(rss) / 1024:.1f} MiB")
PY
fi
