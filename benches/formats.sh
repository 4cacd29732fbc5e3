#!/usr/bin/env bash
# Structured input (issue #6): `cnpii redact` with the format's parser versus plain-text mode on
# the same bytes, one run, on seeded generated inputs made by cnpii-dbdump (a mysqldump and a
# CSV export of the same kind of rows): medians (hyperfine), MB/s (10^6 bytes/s), the ratio
# format/text, and peak RSS (/usr/bin/time -v).
#
#   benches/formats.sh [--data DIR] [--bytes N] [--runs N] [--no-build]
#
# --bytes is the approximate size of each input (default 1000000000); the user count of each is
# calibrated from a small run of the generator.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/bench-data"
bytes_want=1000000000
runs=3
build=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --data) data="$2"; shift 2 ;;
        --bytes) bytes_want="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        *) echo "usage: benches/formats.sh [--data DIR] [--bytes N] [--runs N] [--no-build]" >&2; exit 2 ;;
    esac
done
for tool in hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "formats.sh: needs $tool (apt-get install -y hyperfine time)" >&2; exit 2; }
done
mkdir -p "$data"
if [[ $build == 1 ]]; then
    (cd "$root" && cargo build --release --quiet -p cnpii-cli -p cnpii-corpora)
fi
bin="$root/target/release"
declare -A files=()
for d in mysql csv; do
    ext=$([[ $d == csv ]] && echo csv || echo sql)
    probe="$(mktemp)"
    "$bin/cnpii-dbdump" --dialect "$d" --seed 6 --users 10000 --out "$probe" 2>/dev/null
    users=$(( bytes_want * 10000 / $(stat -c %s "$probe") ))
    rm -f "$probe"
    f="$data/db-$d-$users.$ext"
    [[ -s $f ]] || "$bin/cnpii-dbdump" --dialect "$d" --seed 6 --users "$users" --out "$f"
    files[$d]="$f"
done
threads=$(nproc)
printf '%-6s %-7s %-4s %9s %7s %9s\n' input format -j median_s MB/s peak_RSS
for d in mysql csv; do
    f="${files[$d]}"
    bytes=$(stat -c %s "$f")
    for j in 1 "$threads"; do
        for fmt in "$d" text; do
            json="$(mktemp)"
            hyperfine --style none --warmup 1 --runs "$runs" --export-json "$json" \
                "$bin/cnpii redact -j$j --format $fmt $f > /dev/null" >/dev/null
            median=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$json")
            rm -f "$json"
            rss=$( { /usr/bin/time -v "$bin/cnpii" redact -j"$j" --format "$fmt" "$f" >/dev/null; } 2>&1 |
                awk '/Maximum resident/ {print $6}')
            printf '%-6s %-7s %-4s %9.2f %7.0f %6d MB\n' "$d" "$fmt" "$j" "$median" \
                "$(python3 -c "print($bytes / $median / 1e6)")" "$((rss / 1024))"
        done
    done
done
echo "inputs: $(for d in mysql csv; do stat -c '%n %s bytes' "${files[$d]}"; done | tr '\n' ' ')"
