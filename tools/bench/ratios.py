#!/usr/bin/env python3
"""Print the `cell` bench results as a Markdown table of ns per element.

Reads criterion's target/criterion/<group>/<function>/new/{estimates,benchmark}.json.
Each cell shows the median time per element and, in parentheses, the lower
bound of criterion's confidence interval for that median (a min-ish figure that
is less sensitive to the slow phases of a noisy machine). Ratios are
s2cells / google_cpp and s2cells / s2 on medians (lower bounds in parentheses):
below 1 means s2cells is faster.

With --baselines r1,r2,... (criterion's --save-baseline names, as
run-cell-bench.sh --rounds N writes them) each function shows its best round:
the one with the lowest median. On this noisy machine whole phases run
1.3-1.5x slower, and the best of a few rounds gives each implementation a
fast phase.

Usage: tools/bench/ratios.py [--baselines NAMES] [CRITERION_DIR]   (default: target/criterion)
"""

import argparse
import json
import os
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
    ("contains", "contains"),
]
MAIN = ["s2cells", "google_cpp", "s2"]


def load(bench_dir, baselines):
    """(median ns/elem, lower-bound ns/elem) of the best baseline, or None."""
    found = [v for v in (load_one(os.path.join(bench_dir, b)) for b in baselines) if v is not None]
    return min(found) if found else None


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


def fmt_ns(v):
    if v is None:
        return "—"
    med, lo = v
    digits = 2 if med < 10 else 1 if med < 100 else 0
    return f"{med:.{digits}f} ({lo:.{digits}f})"


def fmt_ratio(a, b):
    if a is None or b is None:
        return "—"
    return f"{a[0] / b[0]:.2f} ({a[1] / b[1]:.2f})"


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
        funcs = {("s2" if f == "s2_crate" else f): v for f, v in funcs.items() if v is not None}
        if not funcs:
            continue
        # Other s2cells forms (write_token, token_bytes) get their ratio to
        # Google's too.
        others = [
            f"{f} {fmt_ns(v)}"
            + (f", {fmt_ratio(v, funcs['google_cpp'])} of C++" if f.startswith("s2cells_") and "google_cpp" in funcs else "")
            for f, v in funcs.items()
            if f not in MAIN
        ]
        others_seen = others_seen or bool(others)
        rows.append(
            [titles.get(g, g)]
            + [fmt_ns(funcs.get(f)) for f in MAIN]
            + ["; ".join(others) or "—"]
            + [fmt_ratio(funcs.get("s2cells"), funcs.get("google_cpp")), fmt_ratio(funcs.get("s2cells"), funcs.get("s2"))]
        )
    header = ["operation", "s2cells ns", "Google C++ ns", "s2 crate ns", "other ns",
              "s2cells / C++", "s2cells / s2"]
    if not others_seen:
        header.pop(4)
        rows = [r[:4] + r[5:] for r in rows]
    best = f", best of {len(baselines)} rounds" if len(baselines) > 1 else ""
    print(f"ns per element: median (lower bound of criterion's 95% CI){best}; ratio < 1: s2cells is faster")
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
