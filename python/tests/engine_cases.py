"""Inputs the engine adapter tests (test_duckdb, test_polars, test_spark)
share: points (random over the sphere plus every edge case of the Rust
conformance vectors: poles, face edges, cube vertices, the antimeridian),
cells of every level on all six faces, and the Natural Earth countries of
data/countries-110m.geojson. The adapters' answers are compared with the
package's own functions, which test_conformance checks against Google's
bindings."""

import json
import os

import numpy as np

import s2cells

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def edge_points():
    lats, lngs = [], []
    with open(os.path.join(REPO, "tests", "data", "cell_points.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            if "lat" in r:
                lats.append(r["lat"])
                lngs.append(r["lng"])
            else:  # cell vertices and centers, in radians
                lats.append(np.degrees(r["leaf_ll"][0]))
                lngs.append(np.degrees(r["leaf_ll"][1]))
    return np.array(lats), np.array(lngs)


def points(n=30_000, seed=20261207):
    """``(lat, lng)``: ``n`` random points on the sphere, then the edge
    cases."""
    rng = np.random.default_rng(seed)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    lng = rng.uniform(-180, 180, n)
    el, eg = edge_points()
    return np.concatenate([lat, el]), np.concatenate([lng, eg])


def cells(lat, lng):
    """One cell per point, at level ``row % 31``: every level, every face
    (faces 4 and 5 are negative in the signed form)."""
    leaf = s2cells.cell_ids(lat, lng)
    out = leaf.copy()
    levels = np.arange(len(leaf)) % 31
    for lv in range(31):
        m = levels == lv
        out[m] = s2cells.parents(leaf[m], lv)
    return out


def countries():
    """``[(name, GeoJSON geometry dict)]`` of data/countries-110m.geojson."""
    with open(os.path.join(REPO, "data", "countries-110m.geojson")) as f:
        fc = json.load(f)
    return [(ft["properties"].get("name"), ft["geometry"]) for ft in fc["features"]
            if ft.get("geometry")]


def run_readme_example(heading):
    """Runs the python block under ``### heading`` in python/README.md and
    checks that each print whose line ends in ``# <output>`` printed that."""
    import contextlib
    import io
    import re

    with open(os.path.join(REPO, "python", "README.md")) as f:
        text = f.read()
    section = text.split(f"\n### {heading}\n", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"README.md ({heading})", "exec"), {})
    lines = out.getvalue().splitlines()
    shown = []  # the comment ending each print statement (which may span lines)
    in_print = False
    for line in code.splitlines():
        in_print = in_print or line.startswith("print(")
        m = re.search(r"\)\s+# (.+)$", line)
        if in_print and m:
            shown.append(m.group(1))
            in_print = False
    assert shown, "the example shows no output"
    assert lines == shown, (lines, shown)
