#!/usr/bin/env python3
"""Google-oracle vectors for s2cells::feature::terms (tests/data/terms.jsonl).

Google's S2RegionTermIndexer from the PyPI wheel s2geometry==0.14.0 (its SWIG
bindings expose the term indexer, the region coverer, caps and rectangles).
Each line: the indexer options, the input and Google's terms.

  python3 tools/oracle/gen_term_vectors.py tests/data/terms.jsonl

Deterministic: one random.Random(20261130); rerunning gives identical bytes.
Points are [x, y, z] printed with repr() (shortest round-trip text). For a
region the line carries Google's own covering (`covering`, what
GetIndexTerms/GetQueryTerms(region) use) and interior covering
(`interior`), as u64 cell ids, so the Rust test can feed the same cells;
`index_terms`/`query_terms` are GetIndexTerms/GetQueryTerms(region) and
`interior_index_terms`/`interior_query_terms` are the ...ForCanonicalCovering
terms of the interior covering (kept verbatim, not normalized). In points-only mode Google aborts
(S2_CHECK) on index terms for a region, so those lines carry none.
"""
import json
import math
import random
import sys

import s2geometry as s2

rng = random.Random(20261130)


def uniform_point():
    z = rng.uniform(-1.0, 1.0)
    lng = rng.uniform(-math.pi, math.pi)
    r = math.sqrt(max(0.0, 1.0 - z * z))
    return s2.S2LatLng.FromRadians(math.asin(z), lng).ToPoint()


def special_point(k):
    specials = [
        (90.0, 0.0), (-90.0, 0.0), (89.9999, 45.0), (-89.9999, -135.0),
        (0.0, 180.0), (0.0, -180.0), (12.5, 179.99999), (-33.0, -179.99999),
        (0.0, 0.0), (45.0, 45.0), (-45.0, -45.0), (35.26438968, 45.0),
        (-60.0, 100.0), (-70.0, -100.0),  # faces 4 and 5 (south) region
        (80.0, 10.0), (-80.0, 10.0),
    ]
    lat, lng = specials[k % len(specials)]
    return s2.S2LatLng.FromDegrees(lat, lng).ToPoint()


def random_options():
    mn = rng.choice([0, 0, 1, 2, 3, 4, 4, 5, 8, 10, 12])
    mx = min(30, mn + rng.choice([0, 1, 2, 3, 5, 7, 10, 12, 16, 20, 30]))
    o = {
        "min_level": mn,
        "max_level": mx,
        "level_mod": rng.choice([1, 1, 2, 3]),
        "max_cells": rng.choice([1, 2, 4, 8, 8, 16, 40]),
        "points_only": rng.random() < 0.25,
        "optimize_for_space": rng.random() < 0.5,
        "marker": rng.choice(["$", "$", "#", ":", "_", "!"]),
        "prefix": rng.choice(["", "", "s2:", "loc_", "p"]),
    }
    return o


def default_options():
    return {"min_level": 4, "max_level": 16, "level_mod": 1, "max_cells": 8,
            "points_only": False, "optimize_for_space": False, "marker": "$",
            "prefix": ""}


def indexer(o):
    t = s2.S2RegionTermIndexer()
    t.set_min_level(o["min_level"])
    t.set_max_level(o["max_level"])
    t.set_level_mod(o["level_mod"])
    t.set_max_cells(o["max_cells"])
    t.set_index_contains_points_only(o["points_only"])
    t.set_optimize_for_space(o["optimize_for_space"])
    t.set_marker_character(o["marker"])
    return t


def coverer(o):
    c = s2.S2RegionCoverer()
    c.set_min_level(o["min_level"])
    c.set_max_level(o["max_level"])
    c.set_level_mod(o["level_mod"])
    c.set_max_cells(o["max_cells"])
    return c


def xyz(p):
    return [p.x(), p.y(), p.z()]


def random_region(max_deg):
    """A region at most about max_deg degrees across, so that min_level cannot
    force a huge covering."""
    kind = rng.choice(["cap", "cap", "rect", "rect_antimeridian", "rect_pole"])
    if kind == "cap":
        center = uniform_point() if rng.random() < 0.8 else special_point(rng.randrange(64))
        radius_deg = min(max_deg, 10.0 ** rng.uniform(-4.0, 1.5))
        cap = s2.S2Cap(center, s2.S1Angle.Degrees(radius_deg))
        return cap, {"kind": "cap", "center": xyz(center), "radius_degrees": radius_deg}
    if kind == "rect":
        lat = rng.uniform(-89.0, 89.0)
        lng = rng.uniform(-179.0, 179.0)
        dlat = min(max_deg, 10.0 ** rng.uniform(-3.0, 1.2))
        dlng = min(max_deg, 10.0 ** rng.uniform(-3.0, 1.5))
        lo = (max(-90.0, lat - dlat), lng)
        hi = (min(90.0, lat + dlat), min(180.0, lng + dlng))
    elif kind == "rect_antimeridian":
        lat = rng.uniform(-80.0, 80.0)
        d = min(max_deg, 10.0 ** rng.uniform(-3.0, 0.8))
        lo = (lat - d, 180.0 - d)
        hi = (lat + d, -180.0 + d)
    else:
        north = rng.random() < 0.5
        d = min(max_deg, 10.0 ** rng.uniform(-3.0, 1.0))
        lo = (90.0 - d, -180.0) if north else (-90.0, -180.0)
        hi = (90.0, 180.0) if north else (-90.0 + d, 180.0)
    r = s2.S2LatLngRect(s2.S2LatLng.FromDegrees(*lo), s2.S2LatLng.FromDegrees(*hi))
    return r, {"kind": "rect", "lo_degrees": list(lo), "hi_degrees": list(hi)}


def main():
    out = open(sys.argv[1], "w") if len(sys.argv) > 1 else sys.stdout
    n = 0
    # Points: default options first, then random ones.
    for i in range(700):
        o = default_options() if i < 40 else random_options()
        p = special_point(i) if i % 5 == 0 else uniform_point()
        t = indexer(o)
        line = {
            "case": "point", "options": o, "point": xyz(p),
            "leaf": s2.S2CellId(p).id(), "true_max_level": t.true_max_level(),
            "index_terms": list(t.GetIndexTerms(p, o["prefix"])),
            "query_terms": list(t.GetQueryTerms(p, o["prefix"])),
        }
        out.write(json.dumps(line, separators=(",", ":")) + "\n")
        n += 1
    for i in range(700):
        o = default_options() if i < 40 else random_options()
        region, desc = random_region(300.0 / 2 ** o["min_level"])
        t = indexer(o)
        c = coverer(o)
        cov = c.GetCovering(region)
        # FromNormalized keeps the cells as given in a release build (the
        # S2CellUnion(vector) constructor would normalize them); the cells
        # recorded are those of the union Google was given, whatever it did.
        interior_union = s2.S2CellUnion.FromNormalized(c.GetInteriorCovering(region))
        interior = [interior_union.cell_id(k) for k in range(interior_union.num_cells())]
        line = {
            "case": "region", "options": o, "region": desc,
            "true_max_level": t.true_max_level(),
            "covering": [x.id() for x in cov],
            "interior": [x.id() for x in interior],
            "query_terms": list(t.GetQueryTerms(region, o["prefix"])),
            "interior_query_terms": list(
                t.GetQueryTermsForCanonicalCovering(interior_union, o["prefix"])),
        }
        if not o["points_only"]:
            line["index_terms"] = list(t.GetIndexTerms(region, o["prefix"]))
            line["interior_index_terms"] = list(
                t.GetIndexTermsForCanonicalCovering(interior_union, o["prefix"]))
        out.write(json.dumps(line, separators=(",", ":")) + "\n")
        n += 1
    print(f"gen_term_vectors.py: {n} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
