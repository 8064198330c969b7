#!/usr/bin/env python3
"""Coverings of real boundaries (tests/data/boundaries.jsonl) from Google's
S2Polygon and S2RegionCoverer, through the Python bindings of the PyPI
wheel s2geometry==0.14.0.

    python3 tools/oracle/gen_boundary_vectors.py OUT.jsonl

Inputs: data/countries-110m.geojson (Natural Earth 1:110m, 177 features)
and data/us-states.geojson (5 US states). Each ring becomes an S2Loop of
its lat/lng vertices (S2LatLng::FromDegrees(lat, lng).ToPoint(), x =
longitude, y = latitude as in GeoJSON), with the closing vertex and
consecutive repeated points dropped (as src/io/regions.rs does), then
Normalize()d (every ring stands for the smaller region it bounds); all
loops of a Polygon or MultiPolygon go into one S2Polygon by InitNested.

One line per feature:
  {"src": "countries-110m"|"us-states", "feature": index, "name": ...,
   "valid": bool, "reason": why not (invalid loop k / invalid polygon),
   "covers": [{"opts": [min_level, max_level, level_mod, max_cells],
               "covering": ..., "interior": ...}, ...]}   (valid only)
A covering is a list of cell ids, or for more than 32 cells
{"n": count, "hash": FNV-1a 64 over the ids, "head": first 16 ids}.
"""
import json
import os
import sys

import s2geometry as s2

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SOURCES = [("countries-110m", "data/countries-110m.geojson"),
           ("us-states", "data/us-states.geojson")]
# (min_level, max_level, level_mod, max_cells)
OPTION_SETS = [(0, 30, 1, 8), (0, 30, 1, 1), (2, 10, 1, 100),
               (4, 16, 2, 200), (8, 15, 1, 500)]
INLINE_MAX = 32


def fnv(ids):
    h = 0xcbf29ce484222325
    for i in ids:
        h ^= i
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def cells(ids):
    ids = [c.id() for c in ids]
    if len(ids) <= INLINE_MAX:
        return ids
    return {"n": len(ids), "hash": fnv(ids), "head": ids[:16]}


def ring_points(ring):
    out = []
    for lng, lat in ((c[0], c[1]) for c in ring):
        p = s2.S2LatLng.FromDegrees(lat, lng).ToPoint()
        key = (p.x(), p.y(), p.z())
        if not out or out[-1][0] != key:
            out.append((key, p))
    while len(out) > 1 and out[0][0] == out[-1][0]:
        out.pop()
    return [p for _, p in out]


def rings_of(geometry):
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [r for poly in geometry["coordinates"] for r in poly]
    raise ValueError(geometry["type"])


def record(src, index, feature):
    rec = {"src": src, "feature": index,
           "name": feature["properties"].get("name", "")}
    loops = []
    for k, ring in enumerate(rings_of(feature["geometry"])):
        pts = ring_points(ring)
        # A ring of one distinct point is a valid one-vertex loop, empty
        # after Normalize() (North Korea has one); InitNested drops it.
        loop = s2.S2Loop(pts) if pts else None
        if loop is None or not loop.IsValid():
            rec.update(valid=False, reason="invalid loop %d" % k)
            return rec
        loop.Normalize()
        loops.append(loop)
    polygon = s2.S2Polygon()
    polygon.InitNested(loops)
    if not polygon.IsValid():
        rec.update(valid=False, reason="invalid polygon")
        return rec
    rec["valid"] = True
    covers = []
    for lo, hi, mod, n in OPTION_SETS:
        c = s2.S2RegionCoverer()
        c.set_min_level(lo)
        c.set_max_level(hi)
        c.set_level_mod(mod)
        c.set_max_cells(n)
        covers.append({"opts": [lo, hi, mod, n],
                       "covering": cells(c.GetCovering(polygon)),
                       "interior": cells(c.GetInteriorCovering(polygon))})
    rec["covers"] = covers
    return rec


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        REPO, "tests/data/boundaries.jsonl")
    with open(out, "w") as f:
        for src, path in SOURCES:
            with open(os.path.join(REPO, path)) as g:
                features = json.load(g)["features"]
            for i, feature in enumerate(features):
                f.write(json.dumps(record(src, i, feature),
                                   separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
