#!/usr/bin/env python3
"""Adversarial inputs (issue #7): each file is generated (seeded, under --data, never committed),
run through `cnpii redact --policy placeholder` and `cnpii scan --json`, and checked:

  * the run ends (a timeout is a failure) with exit 0/1, or 2 where an error is the right answer;
  * peak RSS (os.wait4) stays under --max-rss MiB: memory is bounded by chunk size x threads,
    not by the input;
  * the output obeys the redaction contract: it is the input with each reported finding
    replaced by <KIND> and every other byte unchanged, in order (checked with mmap, streaming).

usage: benches/adversarial.py [--data DIR] [--scale F] [--max-rss MIB] [--only NAME] [--no-build]

--scale 1 is the issue's sizes (a 1 GiB line, 10^7 digits, 10^6 findings on one line, ...);
--scale 0.1 makes everything ten times smaller.
"""

import argparse
import json
import mmap
import os
import random
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def id18(rng):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    body = "110105%04d%02d%02d%03d" % (
        rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 999))
    s = sum(int(c) * k for c, k in zip(body, w))
    return body + "10X98765432"[s % 11]


def mobile(rng):
    return "1%s%08d" % (rng.choice(["38", "39", "50", "86", "77"]), rng.randint(0, 10**8 - 1))


def pii(rng):
    return rng.choice([id18(rng), mobile(rng), "u%d@example.com" % rng.randint(0, 999999),
                       "10.%d.%d.7" % (rng.randint(0, 255), rng.randint(0, 255))])


def write_blocks(path, total, block):
    """Writes `total` bytes to `path` from a generator of byte blocks."""
    with open(path, "wb") as f:
        n = 0
        for b in block():
            if n + len(b) > total:
                b = b[: total - n]
            f.write(b)
            n += len(b)
            if n >= total:
                break


def gen_long_line(path, size, rng):
    # One line, no newline: words, spaces and PII every ~500 bytes.
    def blocks():
        while True:
            parts = []
            for _ in range(2000):
                parts.append("word " * rng.randint(20, 160) + " 手机 " + pii(rng) + " ")
            yield "".join(parts).encode()
    write_blocks(path, size, blocks)


def gen_digits(path, size, rng):
    def blocks():
        while True:
            yield "".join(rng.choice("0123456789") for _ in range(1 << 16)).encode()
    write_blocks(path, size, blocks)


def gen_findings_one_line(path, n, rng):
    with open(path, "wb") as f:
        for i in range(n):
            f.write((mobile(rng) + ",").encode())
        f.write(b"\n")


def gen_separators(path, size, rng):
    def blocks():
        while True:
            yield bytes(rng.choice(b",;|\t -.:/\\()[]{}<>=\"'") for _ in range(1 << 16))
    write_blocks(path, size, blocks)


def gen_nested_json(path, depth, rng):
    with open(path, "wb") as f:
        f.write(b'{"a":' * depth + b'"13812345678"' + b"}" * depth + b"\n")
        f.write(b"[" * depth + b"\n")  # never closed
        f.write(b'{"mobile":"13912345678","name":"\\u5f20\\u4e09"}\n')


def gen_unclosed_quote(path, size, rng):
    def blocks():
        yield b'id,name,mobile,note\n1,Zhang,13812345678,"this quote never closes\n'
        while True:
            yield "".join("%d,x,%s,y\n" % (i, mobile(rng)) for i in range(5000)).encode()
    write_blocks(path, size, blocks)


def gen_truncated_dump(path, size, rng):
    def blocks():
        yield b"-- MySQL dump 10.13\nCREATE TABLE `users` (\n  `id` int,\n  `mobile` varchar(20),\n  `note` text\n);\nINSERT INTO `users` VALUES "
        i = 0
        while True:
            parts = []
            for _ in range(5000):
                i += 1
                parts.append("(%d,'%s','it\\'s, (ok); %s')," % (i, mobile(rng), pii(rng)))
            yield "".join(parts).encode()
    write_blocks(path, size, blocks)  # cut wherever the size ends: mid-tuple


def gen_mixed_eol(path, size, rng):
    def blocks():
        while True:
            yield "".join("line %s %s%s" % (i, pii(rng), rng.choice(["\n", "\r\n", "\r", "\n\r"]))
                          for i in range(5000)).encode()
    write_blocks(path, size, blocks)


def gen_bad_utf8_names(path, size, rng):
    def blocks():
        while True:
            out = bytearray()
            for _ in range(5000):
                name = "张伟".encode()
                cut = rng.randint(1, len(name) - 1)
                out += "收件人 ".encode() + name[:cut] + b"\xff" + name[cut:] + (" " + mobile(rng) + "\n").encode()
            yield bytes(out)
    write_blocks(path, size, blocks)


def gen_gbk_as_utf8(path, size, rng):
    def blocks():
        while True:
            yield "".join("收件人张伟，手机%s，地址浙江省杭州市西湖区文三路%d号\n" % (mobile(rng), i)
                          for i in range(5000)).encode("gbk")
    write_blocks(path, size, blocks)


CASES = [
    # name, generator, size argument (at scale 1), extra cnpii arguments
    ("one-1GiB-line", gen_long_line, 1 << 30, []),
    ("ten-million-digits", gen_digits, 10_000_000, []),
    ("million-findings-one-line", gen_findings_one_line, 1_000_000, []),
    ("only-separators", gen_separators, 256 << 20, []),
    ("deeply-nested-json", gen_nested_json, 1_000_000, ["--format", "jsonl"]),
    ("csv-quote-never-closed", gen_unclosed_quote, 256 << 20, ["--format", "csv"]),
    ("sql-dump-truncated-mid-tuple", gen_truncated_dump, 256 << 20, ["--format", "mysql"]),
    ("mixed-crlf-lf", gen_mixed_eol, 256 << 20, []),
    ("invalid-utf8-in-names", gen_bad_utf8_names, 256 << 20, []),
    ("gbk-labelled-utf8", gen_gbk_as_utf8, 256 << 20, ["--encoding", "utf-8"]),
]


def run(cmd, stdout_path, timeout):
    """Runs `cmd` under /usr/bin/time with stdout to a file; returns (exit code, peak RSS in
    KiB, seconds). (os.wait4 would count the forked Python's own pages before exec.)"""
    t0 = time.monotonic()
    with open(stdout_path, "wb") as out:
        p = subprocess.run(["/usr/bin/time", "-f", "RSS %M"] + cmd, stdout=out,
                           stderr=subprocess.PIPE, timeout=timeout)
    lines = p.stderr.decode(errors="replace").strip().splitlines()
    rss = int(lines[-1].split()[1]) if lines and lines[-1].startswith("RSS ") else -1
    return p.returncode, rss, time.monotonic() - t0


def check_contract(inp, out, findings):
    """The output is the input with each finding replaced by <KIND>; nothing else changed."""
    with open(inp, "rb") as fi, open(out, "rb") as fo:
        if os.path.getsize(inp) == 0:
            return os.path.getsize(out) == 0
        mi = mmap.mmap(fi.fileno(), 0, access=mmap.ACCESS_READ)
        mo = mmap.mmap(fo.fileno(), 0, access=mmap.ACCESS_READ) if os.path.getsize(out) else b""
        at = o = 0
        for f in findings:
            s, e = f["start"], f["end"]
            if s < at or e <= s:
                return False
            n = s - at
            if mo[o:o + n] != mi[at:s]:
                return False
            o += n
            ph = ("<%s>" % f["kind"].upper()).encode()
            if mo[o:o + len(ph)] != ph:
                return False
            o += len(ph)
            at = e
        rest = len(mi) - at
        return mo[o:o + rest] == mi[at:] and o + rest == len(mo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(ROOT, "bench-data", "adversarial"))
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--max-rss", type=int, default=64, help="MiB")
    ap.add_argument("--only")
    ap.add_argument("--threads", default=str(os.cpu_count() or 1))
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "cnpii-cli"], cwd=ROOT, check=True)
    cnpii = os.path.join(ROOT, "target", "release", "cnpii")
    os.makedirs(a.data, exist_ok=True)
    failed = 0
    print("%-30s %10s %6s %8s %9s %9s  %s" % ("case", "bytes", "exit", "seconds", "RSS MiB", "findings", "contract"))
    for name, gen, size, extra in CASES:
        if a.only and a.only not in name:
            continue
        n = max(1, int(size * a.scale))
        path = os.path.join(a.data, "%s-%d.txt" % (name, n))
        if not os.path.exists(path):
            gen(path, n, random.Random(name))
        out = path + ".out"
        code, rss, secs = run([cnpii, "redact", "--policy", "placeholder", "-j", a.threads] + extra + [path],
                              out, timeout=600)
        jpath = path + ".json"
        jcode, jrss, _ = run([cnpii, "scan", "--json", "-j", a.threads] + extra + [path], jpath, timeout=600)
        findings = []
        with open(jpath) as f:
            for line in f:
                v = json.loads(line)
                if v["type"] == "finding":
                    findings.append(v)
        contract = check_contract(path, out, findings)
        peak = max(rss, jrss) / 1024
        ok = code == 0 and jcode in (0, 1) and contract and 0 < peak <= a.max_rss
        failed += not ok
        print("%-30s %10d %6d %8.1f %9.1f %9d  %s" % (
            name, os.path.getsize(path), code, secs, peak, len(findings),
            "ok" if ok else "FAILED (contract %s)" % ("ok" if contract else "broken")))
        os.remove(out)
        os.remove(jpath)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
