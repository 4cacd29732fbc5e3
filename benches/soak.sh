#!/usr/bin/env bash
# Soak (issue #7): N GiB of generated logs through `cnpii redact` on all cores, as one stream
# (a seeded 1 GiB app log, concatenated N times on stdin). Prints throughput and the resident
# memory sampled every 5 s: it must stay flat however long the stream.
#
#   benches/soak.sh [--gib N] [--data DIR] [--no-build]      (default 20 GiB)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/bench-data"
gib=20
build=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --gib) gib="$2"; shift 2 ;;
        --data) data="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        *) echo "usage: benches/soak.sh [--gib N] [--data DIR] [--no-build]" >&2; exit 2 ;;
    esac
done
mkdir -p "$data"
[[ $build == 1 ]] && (cd "$root" && cargo build --release --quiet -p cnpii-cli -p cnpii-corpora)
bin="$root/target/release"
log="$data/soak-applog-1G.log"
[[ -s $log ]] || "$bin/cnpii-corpus" --style applog --seed 20261122 --bytes 1G --out "$log"
bytes=$(( $(stat -L -c %s "$log") * gib ))
start=$(date +%s.%N)
( for _ in $(seq "$gib"); do cat "$log"; done ) | "$bin/cnpii" redact > /dev/null &
pid=$!
# The redact process is the last of the pipeline: sample its RSS until it ends.
sleep 1
cnpii_pid=$(pgrep -n -f "$bin/cnpii redact" || true)
samples=()
hwm=0
while kill -0 "$pid" 2>/dev/null; do
    if [[ -n $cnpii_pid && -r /proc/$cnpii_pid/status ]]; then
        rss=$(awk '/VmRSS/ {print $2}' "/proc/$cnpii_pid/status" 2>/dev/null || true)
        peak=$(awk '/VmHWM/ {print $2}' "/proc/$cnpii_pid/status" 2>/dev/null || true)
        [[ -n $rss ]] && samples+=("$((rss / 1024))")
        [[ -n $peak ]] && hwm=$((peak / 1024))
    fi
    sleep 5
done
wait "$pid"
end=$(date +%s.%N)
secs=$(python3 -c "print($end - $start)")
echo "soak: $gib GiB ($bytes bytes) in $(printf %.1f "$secs") s = $(python3 -c "print(round($bytes / $secs / 1e6))") MB/s"
echo "RSS samples (MiB, every 5 s): ${samples[*]}"
echo "peak RSS (VmHWM at the last sample): $hwm MiB"
python3 -c "
s = [int(x) for x in '${samples[*]}'.split()]
if s: print(f'RSS min {min(s)} MiB, max {max(s)} MiB, first {s[0]}, last {s[-1]}')
"
