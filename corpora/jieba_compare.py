#!/usr/bin/env python3
"""Compare cnpii's `name` and `address` findings with jieba's part-of-speech tagger on a labelled
corpus from the generator (issue #5). Not run in CI.

Usage (from the repository root):
    python3 corpora/jieba_compare.py                       # freetext, seeds 1-3, 400 KB each
    python3 corpora/jieba_compare.py --seeds 1 --bytes 1M
    python3 corpora/jieba_compare.py --venv DIR            # where jieba is installed (default
                                                           # target/jieba-venv)

It installs jieba==0.42.1 from PyPI into a virtualenv (created on first use), generates each
corpus with `cargo run --release -p cnpii-corpora --bin cnpii-corpus`, scans it with the release
`cnpii scan --json`, tags it with `jieba.posseg`, and prints exact-span and overlap precision,
recall and F1 per kind for both.

How jieba's tags are read:
  * name: every token tagged `nr` (person name) is a predicted name; `nrfg`/`nrt` too.
  * address: jieba has no address tag. A predicted address is a maximal run of tokens that starts
    at a place token (`ns`) and goes on over place, number, noun and measure tokens (ns, m, n, nz,
    q, nr, nrt, f, s, eng) — the most generous reading of its output; punctuation, verbs and
    particles end it.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JIEBA = "jieba==0.42.1"
ADDR_CONT = {"ns", "m", "n", "nz", "q", "nr", "nrt", "f", "s", "eng", "mq"}


def ensure_jieba(venv_dir: Path) -> Path:
    py = venv_dir / "bin" / "python"
    if not py.exists():
        print(f"creating virtualenv {venv_dir}", file=sys.stderr)
        venv.create(venv_dir, with_pip=True)
    ok = subprocess.run([str(py), "-c", "import jieba"], capture_output=True).returncode == 0
    if not ok:
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", JIEBA],
                       check=True)
    return py


TAGGER = r'''
import sys, json, jieba, jieba.posseg as pseg
jieba.setLogLevel(60)
ADDR_CONT = set(sys.argv[1].split(","))
out = []
base = 0
for raw in sys.stdin.buffer.read().split(b"\n"):
    line = raw.decode("utf-8", errors="replace")
    pos = base
    toks = []
    for w, flag in pseg.cut(line):
        n = len(w.encode("utf-8"))
        toks.append((pos, pos + n, flag))
        pos += n
    for s, e, f in toks:
        if f in ("nr", "nrfg", "nrt"):
            out.append(("name", s, e))
    i = 0
    while i < len(toks):
        if toks[i][2] == "ns":
            j = i
            while j + 1 < len(toks) and toks[j + 1][2] in ADDR_CONT:
                j += 1
            out.append(("address", toks[i][0], toks[j][1]))
            i = j + 1
        else:
            i += 1
    base += len(raw) + 1
json.dump(out, sys.stdout)
'''


def score(gold, pred):
    G, P = set(gold), set(pred)
    tp = len(G & P)

    def hits(a, b):
        b = sorted(b)
        n = 0
        for s, e in a:
            if any(x < e and s < y for x, y in b):
                n += 1
        return n

    p = tp / len(P) if P else 1.0
    r = tp / len(G) if G else 1.0
    op = hits(P, G) / len(P) if P else 1.0
    orr = hits(G, P) / len(G) if G else 1.0
    f = lambda a, b: 2 * a * b / (a + b) if a + b else 0.0
    return dict(gold=len(G), pred=len(P), P=p, R=r, F1=f(p, r), oP=op, oR=orr, oF1=f(op, orr))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--style", default="freetext")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--bytes", default="400K")
    ap.add_argument("--venv", default=str(ROOT / "target" / "jieba-venv"))
    ap.add_argument("--work", default=str(ROOT / "target" / "jieba-compare"))
    args = ap.parse_args()
    py = ensure_jieba(Path(args.venv))
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "cnpii-cli", "-p", "cnpii-corpora"], cwd=ROOT,
                   check=True)
    cnpii = ROOT / "target" / "release" / "cnpii"
    corpus = ROOT / "target" / "release" / "cnpii-corpus"
    totals = {}
    for seed in args.seeds.split(","):
        txt, lab = work / f"{args.style}-{seed}.txt", work / f"{args.style}-{seed}.jsonl"
        subprocess.run([str(corpus), "--style", args.style, "--seed", seed, "--bytes", args.bytes,
                        "--out", str(txt), "--labels", str(lab)], check=True, capture_output=True)
        gold = [json.loads(l) for l in open(lab, encoding="utf-8")]
        found = subprocess.run([str(cnpii), "scan", "--json", "--kinds", "name,address", str(txt)],
                               capture_output=True, check=False).stdout.decode().splitlines()
        ours = [json.loads(l) for l in found if '"finding"' in l]
        tagged = json.loads(subprocess.run([str(py), "-c", TAGGER, ",".join(sorted(ADDR_CONT))],
                                           input=txt.read_bytes(), capture_output=True, check=True).stdout)
        for kind in ("name", "address"):
            g = [(o["start"], o["end"]) for o in gold if o["kind"] == kind]
            for who, pred in (("cnpii", [(o["start"], o["end"]) for o in ours if o["kind"] == kind]),
                              ("jieba", [(s, e) for k, s, e in tagged if k == kind])):
                t = totals.setdefault((kind, who), ([], []))
                off = int(seed) << 40  # keep seeds apart
                t[0].extend((s + off, e + off) for s, e in g)
                t[1].extend((s + off, e + off) for s, e in pred)
    print(f"{args.style}, seeds {args.seeds}, {args.bytes} each")
    print(f"{'kind':<8} {'tool':<6} {'gold':>6} {'pred':>6} {'P':>7} {'R':>7} {'F1':>7} {'ovP':>7} {'ovR':>7} {'ovF1':>7}")
    for (kind, who), (g, p) in sorted(totals.items()):
        s = score(g, p)
        print(f"{kind:<8} {who:<6} {s['gold']:>6} {s['pred']:>6} {s['P']:>7.4f} {s['R']:>7.4f} {s['F1']:>7.4f}"
              f" {s['oP']:>7.4f} {s['oR']:>7.4f} {s['oF1']:>7.4f}")


if __name__ == "__main__":
    main()
