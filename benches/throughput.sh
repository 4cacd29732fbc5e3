#!/usr/bin/env bash
# Throughput of cnpii next to the tools people use today, on seeded generated inputs.
#
# Generates (once, seeded) an application log and a MySQL dump of --size bytes each into the
# data directory, then measures in one run, with hyperfine (--runs N, one warm-up run), every
# tool below on both files; prints medians, MB/s (10^6 bytes/s), ratios to `cnpii redact` on one
# thread, peak RSS of the cnpii runs (/usr/bin/time -v) and the issue-3 targets; and appends one
# row per measurement to benches/record/<date>-<host>.csv. See benches/README.md.
#
#   cat FILE                              read the file (output to /dev/null)
#   wc -l FILE                            a memchr line count
#   rg -c RE FILE, rg --count-matches     ripgrep with the union digit regex RE below
#   rg --passthru -r '<PII>' RE FILE      ripgrep redacting
#   LC_ALL=C sed -E 's/RE/<PII>/g' FILE   sed redacting
#   cnpii scan --json FILE                (-j 1 and the default, all threads, when cnpii has -j)
#   cnpii redact FILE                     (the same)
#
# It installs nothing: it says what is missing and how to install it.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: benches/throughput.sh [--data DIR] [--size BYTES] [--runs N] [--seed N]
                             [--log-style applog|mixed] [--regex RE] [--no-build]

  --data DIR        where the generated inputs live (default: <repo>/bench-data, git-ignored);
                    they are generated once per (style, seed, size) and reused
  --size BYTES      size of each input; suffixes K, M, G = KiB, MiB, GiB (default 1G)
  --runs N          timed runs per command, after one warm-up run (default 5)
  --seed N          corpus seed (default 20261122)
  --log-style S     cnpii-corpus style of the log: applog (default; ~1 value / 350 B, ~29%
                    digits) or mixed (~1 value / 510 B, ~27% digits)
  --regex RE        the union digit regex for rg and sed (default: below, every numeric kind)
  --no-build        use target/release as it is instead of `cargo build --release` first
EOF
}

root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/bench-data"
size="1G"
runs=5
seed=20261122
log_style=applog
build=1
RE=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --data) data="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
        --size) size="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --log-style) log_style="$2"; shift 2 ;;
        --regex) RE="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "throughput.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "throughput.sh: --runs needs a positive integer" >&2; exit 2; }
[[ "$log_style" == applog || "$log_style" == mixed ]] || { echo "throughput.sh: --log-style applog|mixed" >&2; exit 2; }
bytes="$(python3 - "$size" <<'EOF'
import sys
s = sys.argv[1].strip()
mul = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(s[-1:].upper(), 1)
num = s[:-1] if mul > 1 else s
print(int(num) * mul if num.isdigit() and int(num) > 0 else "")
EOF
)" || bytes=""
[[ -n "$bytes" ]] || { echo "throughput.sh: --size '$size' is not a size (e.g. 100M, 1G)" >&2; exit 2; }

# ── prerequisites ────────────────────────────────────────────────────────────────────────
missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$1 (apt-get install $2)"); }
need python3 python3
need rg ripgrep
need hyperfine hyperfine
need sed sed
need wc coreutils
need cargo "a Rust toolchain: rustup.rs"
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "throughput.sh: missing: ${missing[*]}" >&2
    echo "  e.g. apt-get install ripgrep hyperfine" >&2
    exit 2
fi
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
    have_time=1
else
    have_time=0
    echo "throughput.sh: /usr/bin/time (GNU) not found, peak RSS is not measured: apt-get install time" >&2
fi

cd "$root"
if [[ $build -eq 1 ]]; then
    echo "== cargo build --release -p cnpii-cli -p cnpii-corpora" >&2
    cargo build --release --quiet -p cnpii-cli -p cnpii-corpora
fi
cnpii="$root/target/release/cnpii"
corpus="$root/target/release/cnpii-corpus"
for b in "$cnpii" "$corpus"; do
    [[ -x "$b" ]] || { echo "throughput.sh: $b not built (drop --no-build)" >&2; exit 2; }
done

# ── inputs: generated once per (style, seed, size) ───────────────────────────────────────
mkdir -p "$data"
gen() { # style ext → path
    local style="$1" ext="$2"
    local f="$data/$style-s$seed-$bytes.$ext"
    if [[ ! -s "$f" || ! -s "$f.gen.txt" ]]; then
        echo "== generating $f" >&2
        "$corpus" --style "$style" --seed "$seed" --bytes "$bytes" --out "$f.tmp" 2>"$f.gen.txt.tmp"
        mv "$f.gen.txt.tmp" "$f.gen.txt"
        mv "$f.tmp" "$f"
    fi
    echo "$f"
}
log_file="$(gen "$log_style" log)"
sql_file="$(gen mysql sql)"

# The union digit regex: every numeric kind's shape, in syntax that both rg and POSIX ERE
# (sed -E) accept. id_card | card or legacy id | mobile | landline | IPv4 | passport | USCC.
# No \b: rg's Unicode word boundary would measure rg's slow path on Chinese text instead.
[[ -n "$RE" ]] || RE='[0-9]{17}[0-9Xx]|[0-9]{13,19}|1[3-9][0-9]{9}|0[0-9]{2,3}-[0-9]{7,8}|[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}|[EGDSPHM][0-9]{8}|[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}'

# -j/--threads exists only once the streaming core has landed.
if "$cnpii" redact --help 2>/dev/null | grep -qE -- '(^|[[:space:],])(-j|--threads)([[:space:],=<]|$)'; then
    has_j=1
else
    has_j=0
    echo "note: this cnpii has no -j/--threads; measuring its default only (one thread today)" >&2
fi

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
work="$data/runs/$stamp"
mkdir -p "$work"
results="$work/results.tsv"
: >"$results"
load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
if python3 -c 'import os,sys; sys.exit(0 if float(sys.argv[1]) > 0.5 * os.cpu_count() else 1)' "$load" 2>/dev/null; then
    echo "warning: load average $load on $(nproc) cores: other work is running, the figures will be noisy" >&2
fi

# measure FILE LABEL KIND CMD... — KIND: other | rg-count | rg-matches | cnpii-scan | cnpii-redact
n=0
measure() {
    local file="$1" label="$2" kind="$3"
    shift 3
    n=$((n + 1))
    local json="$work/$n.json" rss="" count=""
    # One extra run, outside the timing, for the count (rebar's count model: the figure must
    # come with what was found) and, for cnpii, the peak RSS.
    case "$kind" in
        rg-count|rg-matches) count="$("$@" || true)" ;;
        cnpii-scan|cnpii-redact)
            local tv="$work/$n.time"
            if [[ $kind == cnpii-scan ]]; then
                if [[ $have_time -eq 1 ]]; then
                    /usr/bin/time -v -o "$tv" "$@" | tail -n 1 >"$work/$n.summary"
                else
                    "$@" | tail -n 1 >"$work/$n.summary"
                fi
                count="$(python3 -c 'import json,sys; print(sum(json.load(open(sys.argv[1]))["findings"].values()))' "$work/$n.summary" 2>/dev/null || true)"
            elif [[ $have_time -eq 1 ]]; then
                /usr/bin/time -v -o "$tv" "$@" >/dev/null
            fi
            if [[ -s "$tv" ]]; then
                rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")"
            fi
            ;;
    esac
    local cmd="" a
    for a in "$@"; do cmd+="'${a//\'/\'\\\'\'}' "; done # POSIX single quotes for hyperfine -N
    hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$json" \
        --command-name "$label" -- "$cmd" >/dev/null
    python3 -c '
import json, statistics, sys
t = json.load(open(sys.argv[1]))["results"][0]["times"]
m = statistics.median(t)
print(f"  {sys.argv[2]:<34} {sys.argv[3]:<10} median {m:8.3f} s  {int(sys.argv[4]) / m / 1e6:9.1f} MB/s")
' "$json" "$label" "$(basename "$file" | cut -d- -f1)" "$(stat -c %s "$file")" >&2
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$label" "$kind" "$json" "$rss" "$count" >>"$results"
}

echo "== measuring: $runs runs each after 1 warm-up; load average at start $load" >&2
for f in "$log_file" "$sql_file"; do
    measure "$f" "cat" other cat "$f"
    measure "$f" "wc -l" other wc -l "$f"
    measure "$f" "rg -c RE" rg-count rg --no-config -a -c "$RE" "$f"
    measure "$f" "rg --count-matches RE" rg-matches rg --no-config -a --count-matches "$RE" "$f"
    measure "$f" "rg --passthru -r RE" other rg --no-config -a --passthru -r '<PII>' "$RE" "$f"
    measure "$f" "LC_ALL=C sed -E s/RE//g" other env LC_ALL=C sed -E "s/$RE/<PII>/g" "$f"
    if [[ $has_j -eq 1 ]]; then
        measure "$f" "cnpii scan --json -j 1" cnpii-scan "$cnpii" scan --json -j 1 "$f"
        measure "$f" "cnpii scan --json (all threads)" cnpii-scan "$cnpii" scan --json "$f"
        measure "$f" "cnpii redact -j 1" cnpii-redact "$cnpii" redact -j 1 "$f"
        measure "$f" "cnpii redact (all threads)" cnpii-redact "$cnpii" redact "$f"
    else
        measure "$f" "cnpii scan --json (default)" cnpii-scan "$cnpii" scan --json "$f"
        measure "$f" "cnpii redact (default)" cnpii-redact "$cnpii" redact "$f"
    fi
done

# ── table, targets, record ───────────────────────────────────────────────────────────────
commit="$(git -C "$root" describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)"
host="$(hostname -s 2>/dev/null || uname -n)"
mkdir -p "$root/benches/record"
record="$root/benches/record/$(date +%Y-%m-%d)-$host.csv"
python3 - "$results" "$record" "$commit" "$host" "$runs" "$has_j" "$load" "$bytes" "$seed" "$RE" <<'EOF'
import csv, datetime, json, os, platform, re, statistics, sys

results, record, commit, host, runs, has_j, load, size, seed, regex = sys.argv[1:]
has_j = has_j == "1"
rows = []
for line in open(results):
    file, label, kind, js, rss, count = line.rstrip("\n").split("\t")
    res = json.load(open(js))["results"][0]
    times = res["times"]
    med = statistics.median(times)
    cpu_s = res.get("user", 0.0) + res.get("system", 0.0)
    size_b = os.path.getsize(file)
    rows.append(dict(file=file, base=os.path.basename(file), label=label, kind=kind, med=med,
                     lo=min(times), hi=max(times), mbps=size_b / med / 1e6,
                     rss=int(rss) if rss else None, count=count.strip(), size=size_b,
                     cpu=cpu_s))

def gen_labels(file):
    try:
        txt = open(file + ".gen.txt").read()
        m = re.search(r"(\d+) labels", txt)
        return m.group(1) if m else ""
    except OSError:
        return ""

one = "cnpii redact -j 1" if has_j else "cnpii redact (default)"
cpu = ""
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except (OSError, StopIteration):
    pass
machine = f"{platform.machine()} {os.cpu_count()} cpu"
date = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")
print(f"\n{date} · {host} · {machine} ({cpu}) · commit {commit} · {runs} runs · load {load}")
print(f"seed {seed}; RE = {regex}")
print("MB/s = 10^6 bytes of input per second of median wall time; cpu s = mean user+sys")
print("seconds; MB/cpu-s = input per cpu second (steadier than MB/s when the load is high, and")
print("for one thread the MB/s an idle core would give); ratio = this MB/s ÷ " + one + " MB/s")
for base in dict.fromkeys(r["base"] for r in rows):
    rs = [r for r in rows if r["base"] == base]
    ref = next((r for r in rs if r["label"] == one), None)
    print(f"\n{base} ({rs[0]['size'] / 1e6:.0f} MB, {gen_labels(rs[0]['file'])} labelled values)")
    print(f"  {'tool':<34} {'median s':>9} {'cpu s':>7} {'MB/s':>9} {'MB/cpu-s':>9} {'ratio':>8} {'peak RSS':>10}  count")
    for r in rs:
        ratio = f"{r['mbps'] / ref['mbps']:.2f}×" if ref else "-"
        rss = f"{r['rss'] / 1024:.1f} MiB" if r["rss"] else "-"
        what = {"rg-count": " lines", "rg-matches": " matches", "cnpii-scan": " findings"}.get(r["kind"], "")
        cnt = (r["count"] + what) if r["count"] else ""
        cpu_mbps = f"{r['size'] / r['cpu'] / 1e6:.1f}" if r["cpu"] > 0 else "-"
        print(f"  {r['label']:<34} {r['med']:>9.3f} {r['cpu']:>7.3f} {r['mbps']:>9.1f} {cpu_mbps:>9} {ratio:>8} {rss:>10}  {cnt}")

# The targets of issue 3, each as measured here.
def mbps(base_prefix, label):
    r = next((r for r in rows if r["base"].startswith(base_prefix) and r["label"] == label), None)
    return r["mbps"] if r else None

logp = rows[0]["base"].split("-")[0]
checks = []
red1, sed = mbps(logp, one), mbps(logp, "LC_ALL=C sed -E s/RE//g")
rgm = mbps(logp, "rg --count-matches RE")
scan1 = mbps(logp, "cnpii scan --json -j 1" if has_j else "cnpii scan --json (default)")
if red1:
    checks.append((f"{logp}: {one} ≥ 1500 MB/s", red1, 1500, f"{red1:.0f} MB/s"))
    if sed:
        checks.append((f"{logp}: {one} ≥ 8× sed -E", red1 / sed, 8, f"{red1 / sed:.2f}×"))
    if rgm:
        checks.append((f"{logp}: {one} ≥ 10× rg --count-matches", red1 / rgm, 10, f"{red1 / rgm:.2f}×"))
    if has_j:
        redn = mbps(logp, "cnpii redact (all threads)")
        if redn:
            checks.append((f"{logp}: redact all threads ≥ 1.8× one thread", redn / red1, 1.8, f"{redn / red1:.2f}×"))
    if scan1:
        checks.append((f"{logp}: scan ≥ redact", scan1 / red1, 1.0, f"{scan1 / red1:.2f}×"))
sql1 = mbps("mysql", one)
if sql1:
    checks.append((f"mysql: {one} ≥ 750 MB/s", sql1, 750, f"{sql1:.0f} MB/s"))
rss = [r["rss"] for r in rows if r["rss"]]
if rss:
    checks.append(("peak RSS of every cnpii run ≤ 64 MiB", -max(rss) / 1024, -64, f"{max(rss) / 1024:.1f} MiB"))
print("\nissue 3 targets (same run):")
for name, val, target, shown in checks:
    print(f"  {'met ' if val >= target else 'MISS'}  {name:<48} {shown}")
if int(size) < (1 << 30):
    print(f"  (inputs are {int(size) / 2**20:.0f} MiB; the targets are stated for 1 GiB)")

new = not os.path.exists(record)
with open(record, "a", newline="") as f:
    w = csv.writer(f)
    if new:
        w.writerow(["date", "host", "machine", "cpu", "commit", "load1", "runs", "tool", "file",
                    "bytes", "median_s", "cpu_s_mean", "mbps_median", "ratio_vs_redact_1t", "peak_rss_kib", "count"])
    for r in rows:
        ref = next((x for x in rows if x["base"] == r["base"] and x["label"] == one), None)
        w.writerow([date, host, machine, cpu, commit, load, runs, r["label"], r["base"], r["size"],
                    f"{r['med']:.4f}", f"{r['cpu']:.4f}", f"{r['mbps']:.1f}",
                    f"{r['mbps'] / ref['mbps']:.3f}" if ref else "", r["rss"] or "", r["count"]])
print(f"\nappended {len(rows)} rows to {os.path.relpath(record)}")
EOF
