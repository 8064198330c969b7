#!/usr/bin/env python3
"""Print the `cell` (or `coverer`) bench results as a Markdown table of ns per element.

Reads criterion's target/criterion/<group>/<function>/<baseline>/{estimates,benchmark}.json.
Each time is criterion's median per element and, in parentheses, the lower
bound of its confidence interval for that median (a min-ish figure that is
less sensitive to the slow phases of a noisy machine).

Google's C++ is timed in two builds of the same loops, `google_cpp` (-O3,
baseline x86-64) and `google_cpp_native` (-O3 -march=native); each row
compares with the faster of the two (by its median over rounds), names it,
and lists the other under "other".

With --baselines r1,r2,... (criterion's --save-baseline names, as
run-cell-bench.sh --rounds N writes them: each round runs every function
once, so the rounds interleave the implementations) a time is the median of
the rounds' figures and a ratio is the median of the rounds' ratios, each
round's s2cells figure over the same round's C++ figure. On this shared
machine whole phases run 1.3-1.5x slower; a ratio within one round sees
both sides in the same phase. Ratios below 1 mean s2cells is faster. The
first line names the CPU.

Usage: tools/bench/ratios.py [--baselines NAMES] [CRITERION_DIR]   (default: target/criterion)
"""

import argparse
import json
import os
import statistics
import sys

# Groups of bench/compare/benches/cell.rs in the order they are printed; others follow.
GROUP_ORDER = [
    ("latlng_to_leaf", "lat/lng -> leaf id"),
    ("latlng_to_l15", "lat/lng -> level-15 id"),
    ("batch_latlng_to_leaf", "batch lat/lng -> leaf id"),
    ("batch_latlng_to_l15", "batch lat/lng -> level-15 id"),
    ("token_encode_leaf", "token encode, leaf"),
    ("token_encode_l15", "token encode, level 15"),
    ("token_decode_leaf", "token decode, leaf"),
    ("token_decode_l15", "token decode, level 15"),
    ("center_latlng_leaf", "leaf center -> lat/lng"),
    ("center_point_leaf", "leaf center -> unit vector"),
    ("parent_leaf_to_l15", "parent(15) of a leaf"),
    ("parent_leaf_varying_level", "parent(level) of a leaf, level varying"),
    ("contains", "contains"),
]
MAIN = ["s2cells", "google_cpp", "s2"]
CPP_BUILDS = {"google_cpp": "-O3", "google_cpp_native": "-O3 -march=native"}


def load(bench_dir, baselines):
    """Per baseline, (median ns/elem, lower-bound ns/elem) or None."""
    return [load_one(os.path.join(bench_dir, b)) for b in baselines]


def load_one(new):
    try:
        with open(os.path.join(new, "estimates.json")) as f:
            est = json.load(f)
        with open(os.path.join(new, "benchmark.json")) as f:
            meta = json.load(f)
    except (OSError, ValueError):
        return None
    thr = meta.get("throughput") or {}
    n = thr.get("Elements") or thr.get("elements") or 1
    med = est["median"]
    return med["point_estimate"] / n, med["confidence_interval"]["lower_bound"] / n


def cpu_model():
    """The CPU's model name and its widest vector extension, from /proc/cpuinfo."""
    try:
        with open("/proc/cpuinfo") as f:
            info = f.read()
    except OSError:
        return "unknown"
    lines = info.splitlines()
    name = next((l.split(":", 1)[1].strip() for l in lines if l.startswith("model name")), "unknown")
    flags = next((l.split(":", 1)[1].split() for l in lines if l.startswith("flags")), [])
    widest = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "SSE2"
    return f"{name} ({widest})"


def summary(rounds):
    """Median over the rounds that have a figure, or None."""
    got = [r for r in rounds if r is not None]
    if not got:
        return None
    return statistics.median(r[0] for r in got), statistics.median(r[1] for r in got)


def ratio(a, b):
    """Median over rounds of a/b (median and lower bound), or None."""
    pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
    if not pairs:
        return None
    return (statistics.median(x[0] / y[0] for x, y in pairs),
            statistics.median(x[1] / y[1] for x, y in pairs))


def fmt_ns(v):
    if v is None:
        return "—"
    med, lo = v
    digits = 2 if med < 10 else 1 if med < 100 else 0
    return f"{med:.{digits}f} ({lo:.{digits}f})"


def fmt_ratio(r):
    return "—" if r is None else f"{r[0]:.2f} ({r[1]:.2f})"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("criterion_dir", nargs="?", default=os.path.join("target", "criterion"))
    ap.add_argument("--baselines", default="new", help="comma-separated criterion baselines (default: new)")
    args = ap.parse_args()
    root = args.criterion_dir
    baselines = [b for b in args.baselines.split(",") if b]
    if not os.path.isdir(root):
        sys.exit(f"no criterion results in {root}; run cargo bench -p s2cells-bench --bench cell first")
    groups = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)) and d != "report")
    known = [g for g, _ in GROUP_ORDER]
    titles = dict(GROUP_ORDER)
    ordered = [g for g in known if g in groups] + [g for g in groups if g not in known]

    rows = []
    others_seen = False
    for g in ordered:
        gdir = os.path.join(root, g)
        funcs = {f: load(os.path.join(gdir, f), baselines) for f in sorted(os.listdir(gdir))}
        # bench/compare/benches/coverer.rs names the s2 crate's function s2_crate.
        funcs = {("s2" if f == "s2_crate" else f): v for f, v in funcs.items() if summary(v) is not None}
        if not funcs:
            continue
        # The faster C++ build (by its median over rounds) is the reference;
        # the other one is listed with the other forms.
        builds = sorted((summary(v)[0], f) for f, v in funcs.items() if f in CPP_BUILDS)
        build = CPP_BUILDS[builds[0][1]] if builds else "—"
        if builds:
            chosen = {f: funcs.pop(f) for _, f in builds}
            funcs["google_cpp"] = chosen[builds[0][1]]
            for _, f in builds[1:]:
                funcs[f"{f} ({CPP_BUILDS[f]})"] = chosen[f]
        cpp = funcs.get("google_cpp")
        # Other s2cells forms (write_token, token_bytes, batch) get their
        # ratio to Google's too.
        others = [
            f"{f} {fmt_ns(summary(v))}"
            + (f", {fmt_ratio(ratio(v, cpp))} of C++" if f.startswith("s2cells_") and cpp else "")
            for f, v in funcs.items()
            if f not in MAIN
        ]
        others_seen = others_seen or bool(others)
        s2c = funcs.get("s2cells")
        rows.append(
            [titles.get(g, g)]
            + [fmt_ns(summary(funcs[f]) if f in funcs else None) for f in MAIN]
            + [build]
            + ["; ".join(others) or "—"]
            + [fmt_ratio(ratio(s2c, cpp) if s2c and cpp else None),
               fmt_ratio(ratio(s2c, funcs["s2"]) if s2c and "s2" in funcs else None)]
        )
    header = ["operation", "s2cells ns", "Google C++ ns", "s2 crate ns", "C++ build", "other ns",
              "s2cells / C++", "s2cells / s2"]
    if not others_seen:
        header.pop(5)
        rows = [r[:5] + r[6:] for r in rows]
    over = f", median of {len(baselines)} rounds" if len(baselines) > 1 else ""
    print(f"CPU: {cpu_model()}")
    print(f"ns per element: median (lower bound of criterion's 95% CI){over}; "
          "ratios: median of per-round ratios; ratio < 1: s2cells is faster")
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
