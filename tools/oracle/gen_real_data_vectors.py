#!/usr/bin/env python3
"""Google's coverings of published boundaries as users get them
(tests/data/real_data.jsonl), for cli/tests/real_data.rs: us-atlas
states-10m and counties-10m, world-atlas countries-110m and -50m, converted
from TopoJSON as published by tools/data/fetch-real-data.sh (quantization
artefacts kept), through the Python bindings of the PyPI wheel
s2geometry==0.14.0.

    bash tools/data/fetch-real-data.sh
    python3 tools/oracle/gen_real_data_vectors.py [DATA_DIR [OUT.jsonl]]

DATA_DIR defaults to $S2CELLS_REAL_DATA, else target/real-data.

Each ring is read as `s2cells cover --lenient` reads it: points of
S2LatLng::FromDegrees(lat, lng).ToPoint() with consecutive repeats and the
closing point dropped, then cut at its repeated vertices into simple cycles
(a walk with a stack: coming back to a vertex on the stack closes the cycle
above it); cycles of fewer than three vertices (spikes, collapsed rings)
vanish, and a polygon whose shell vanished goes with its holes. Each cycle
becomes an S2Loop, Normalize()d; all loops of a feature go into one
S2Polygon by InitNested. A feature is kept only if every loop and the
polygon are valid (others are covered as given by s2cells, which Google
has no equal for).

The first line names the files: {"files": {name: {"features": n,
"fnv": FNV-1a 64 of the file's bytes}}}. Then one line per sampled feature:
  {"src": name, "feature": index, "name": ..., "repaired": bool,
   "covers": [{"opts": [min_level, max_level, level_mod, max_cells],
               "interior": bool, "cells": ...}]}
with cells a list of ids, or for more than 32 {"n", "hash" (FNV-1a 64 over
the ids), "head" (the first 16)}. Sampled: every repaired feature, and
every feature of the small files and every 20th of counties-10m.
"""
import json
import os
import sys

import s2geometry as s2

from gen_boundary_vectors import cells, fnv

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FILES = ["us-states-10m", "us-counties-10m", "world-countries-110m",
         "world-countries-50m"]
# (min_level, max_level, level_mod, max_cells, interior)
OPTION_SETS = [(0, 30, 1, 8, False), (4, 16, 2, 200, False),
               (0, 30, 1, 8, True)]
EVERY = {"us-counties-10m": 20}


def key(p):
    # -0.0 and 0.0 are one point, as == has them.
    return (p.x() + 0.0, p.y() + 0.0, p.z() + 0.0)


def ring_points(ring):
    out = []
    for lng, lat in ((c[0], c[1]) for c in ring):
        p = s2.S2LatLng.FromDegrees(lat, lng).ToPoint()
        if not out or key(out[-1]) != key(p):
            out.append(p)
    while len(out) > 1 and key(out[0]) == key(out[-1]):
        out.pop()
    return out


def split_at_repeats(pts):
    """The simple cycles of at least three vertices, and whether anything
    was cut away (src/io/repair.rs's split_at_repeats)."""
    n = len(pts)
    stack, on_stack, pieces, cut = [], {}, [], False
    for i in range(n + 1):
        v = i % n
        k = key(pts[v])
        if k not in on_stack:
            on_stack[k] = len(stack)
            stack.append(v)
            continue
        s = on_stack[k]
        for j in stack[s + 1:]:
            del on_stack[key(pts[j])]
        cycle = stack[s:]
        if i < n:
            cut = True
        if len(cycle) >= 3:
            pieces.append([pts[j] for j in cycle])
        del stack[s + 1:]
    return pieces, cut or len(pieces) != 1


def polygons_of(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return None


def feature_polygon(geometry):
    """(S2Polygon, repaired) or None when s2cells would cover it as given."""
    loops, repaired = [], False
    for rings in polygons_of(geometry):
        for j, ring in enumerate(rings):
            pts = ring_points(ring)
            if len(pts) <= 1:
                pieces, cut = [], True
            else:
                pieces, cut = split_at_repeats(pts)
            repaired = repaired or cut
            if not pieces and j == 0:
                break  # the shell is gone, its holes with it
            for piece in pieces:
                loop = s2.S2Loop(piece)
                if not loop.IsValid():
                    return None
                loop.Normalize()
                loops.append(loop)
    polygon = s2.S2Polygon()
    polygon.InitNested(loops)
    if not polygon.IsValid():
        return None
    return polygon, repaired


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "S2CELLS_REAL_DATA", os.path.join(REPO, "target/real-data"))
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        REPO, "tests/data/real_data.jsonl")
    files, lines = {}, []
    for name in FILES:
        path = os.path.join(data, name + ".geojson")
        with open(path, "rb") as f:
            raw = f.read()
        features = json.loads(raw)["features"]
        files[name] = {"features": len(features), "fnv": fnv(raw)}
        every = EVERY.get(name, 1)
        for i, feature in enumerate(features):
            g = feature["geometry"]
            if not g or polygons_of(g) is None:
                continue
            built = feature_polygon(g)
            if built is None:
                continue
            polygon, repaired = built
            if not repaired and i % every:
                continue
            covers = []
            for lo, hi, mod, n, interior in OPTION_SETS:
                c = s2.S2RegionCoverer()
                c.set_min_level(lo)
                c.set_max_level(hi)
                c.set_level_mod(mod)
                c.set_max_cells(n)
                ids = (c.GetInteriorCovering(polygon) if interior
                       else c.GetCovering(polygon))
                covers.append({"opts": [lo, hi, mod, n], "interior": interior,
                               "cells": cells(ids)})
            lines.append({"src": name, "feature": i,
                          "name": (feature.get("properties") or {}).get("name", ""),
                          "repaired": repaired, "covers": covers})
    with open(out, "w") as f:
        f.write(json.dumps({"files": files}, separators=(",", ":")) + "\n")
        for rec in lines:
            f.write(json.dumps(rec, separators=(",", ":"), ensure_ascii=False) + "\n")
    print("%s: %d features" % (out, len(lines)))


if __name__ == "__main__":
    main()
