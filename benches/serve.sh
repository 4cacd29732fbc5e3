#!/usr/bin/env bash
# `cnpii serve` under load on loopback (issue #18): builds the release binary and runs the load
# client benches/serve.rs, which starts the server, drives it with seeded ~1 KB posts at 1, 16
# and 64 connections and with batches of 64, and prints posts/s, MB/s, p50/p99/p99.9 latency,
# the library's own per-call time for the same posts, and the server's peak RSS. The machine
# load (uptime) is printed before and after: on a shared machine, run it a few times and quote
# medians.
#
#   benches/serve.sh [--requests N] [--route /v1/scan|/v1/redact] [--no-access-log] [--no-build]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
build=1
args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) build=0; shift ;;
        --requests|--route) args+=("$1" "$2"); shift 2 ;;
        --no-access-log) args+=("$1"); shift ;;
        *) echo "usage: benches/serve.sh [--requests N] [--route PATH] [--no-build]" >&2; exit 2 ;;
    esac
done
if [[ $build == 1 ]]; then
    cargo build --release --locked -p cnpii-cli
fi
echo "load before: $(uptime)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown), cores: $(nproc)"
CNPII_BIN="$root/target/release/cnpii" cargo bench --locked -p cnpii-serve --bench serve -- "${args[@]}"
echo "load after: $(uptime)"
