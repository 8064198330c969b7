#!/usr/bin/env bash
# Regenerates the Google-oracle conformance vectors tests/data/cell_*.jsonl
# and tests/data/earth.jsonl from Google's s2geometry C++ library, which ships
# (headers + static libraries) inside the PyPI wheel s2geometry==0.14.0.
#
#   bash tools/oracle/generate.sh            # writes into tests/data/
#   bash tools/oracle/generate.sh OUT_DIR    # writes elsewhere (e.g. to diff)
#
# The output is deterministic: rerunning it gives byte-identical files.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$repo/tests/data}"
python="${PYTHON:-python3}"
version=0.14.0

# (1) The wheel, if it is not importable yet.
if ! "$python" -c "import s2geometry" 2>/dev/null; then
  "$python" -m pip install "s2geometry==$version"
fi
# (2) Its directory (holds include/ and lib64/ with libs2.a and abseil).
W="$("$python" -c 'import os, s2geometry; print(os.path.dirname(s2geometry.__file__))')"
have="$("$python" -c 'import importlib.metadata as m; print(m.version("s2geometry"))')"
if [[ "$have" != "$version" ]]; then
  echo "generate.sh: s2geometry $have is installed, the vectors are pinned to $version" >&2
  echo "             (pip install s2geometry==$version)" >&2
  exit 1
fi
lib="$W/lib64"
[[ -f "$lib/libs2.a" ]] || lib="$W/lib"
[[ -f "$lib/libs2.a" && -f "$W/include/s2/s2cell_id.h" ]] || {
  echo "generate.sh: no libs2.a / s2cell_id.h under $W" >&2
  exit 1
}

# (3) Build. libs2.a and the abseil archives reference each other, so they
# go in one --start-group/--end-group and the linker rescans until closed.
# NDEBUG matches the wheel's Release build (inline header DCHECKs off).
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
absl=()
for a in "$lib"/libabsl_*.a; do absl+=("$a"); done
g++ -O2 -std=c++17 -DNDEBUG -I"$W/include" \
  "$here/gen_cell_vectors.cc" -o "$build/gen_cell_vectors" \
  -L"$lib" -Wl,--start-group -ls2 "${absl[@]}" -Wl,--end-group -lpthread -lm

# (4) Run.
mkdir -p "$out"
"$build/gen_cell_vectors" "$out"
du -ch "$out"/cell_*.jsonl "$out"/earth.jsonl | tail -n 1

# (5) The cell-union vectors (tests/data/cell_union.jsonl), from their own
# generator and PRNG stream.
g++ -O2 -std=c++17 -DNDEBUG -I"$W/include" \
  "$here/gen_cell_union_vectors.cc" -o "$build/gen_cell_union_vectors" \
  -L"$lib" -Wl,--start-group -ls2 "${absl[@]}" -Wl,--end-group -lpthread -lm
"$build/gen_cell_union_vectors" "$out"
du -h "$out"/cell_union.jsonl

# (6) The region coverer vectors (tests/data/coverer.jsonl): coverings of
# lat/lng rectangles and caps, their bounds and cell tests, canonical
# coverings; their own generator and PRNG stream.
g++ -O2 -std=c++17 -DNDEBUG -I"$W/include" \
  "$here/gen_coverer_vectors.cc" -o "$build/gen_coverer_vectors" \
  -L"$lib" -Wl,--start-group -ls2 "${absl[@]}" -Wl,--end-group -lpthread -lm
"$build/gen_coverer_vectors" "$out"
du -h "$out"/coverer.jsonl
# (7) The shape-index vectors (tests/data/shape_index.jsonl and
# edge_clipping.jsonl): the cells of
# MutableS2ShapeIndex for polygons and polylines, and S2Polygon's region
# queries, from their own generator and PRNG stream.
g++ -O2 -std=c++17 -DNDEBUG -I"$W/include" \
  "$here/gen_shape_index_vectors.cc" -o "$build/gen_shape_index_vectors" \
  -L"$lib" -Wl,--start-group -ls2 "${absl[@]}" -Wl,--end-group -lpthread -lm
"$build/gen_shape_index_vectors" "$out"
du -ch "$out"/shape_index.jsonl "$out"/edge_clipping.jsonl | tail -n 1
# (8) The term-indexer vectors (tests/data/terms.jsonl): Google's
# S2RegionTermIndexer through the wheel's Python bindings, which expose it
# with the region coverer, caps and rectangles.
"$python" "$here/gen_term_vectors.py" "$out/terms.jsonl"
du -h "$out"/terms.jsonl
# (9) The predicate, edge-crossing, loop, polygon and polyline vectors
# (tests/data/predicates.jsonl, tests/data/polygon.jsonl), from their own
# generator and PRNG stream.
g++ -O2 -std=c++17 -DNDEBUG -I"$W/include" \
  "$here/gen_polygon_vectors.cc" -o "$build/gen_polygon_vectors" \
  -L"$lib" -Wl,--start-group -ls2 "${absl[@]}" -Wl,--end-group -lpthread -lm
"$build/gen_polygon_vectors" "$out"
du -ch "$out"/predicates.jsonl "$out"/polygon.jsonl | tail -n 1
# (10) Real boundaries (tests/data/boundaries.jsonl): Google's coverings
# and interior coverings of the countries in data/countries-110m.geojson
# and the states in data/us-states.geojson as S2Polygons (InitNested),
# through the wheel's Python bindings.
"$python" "$here/gen_boundary_vectors.py" "$out/boundaries.jsonl"
du -h "$out"/boundaries.jsonl
# (11) The lat/lng rectangle and cap API vectors (tests/data/rect_cap.jsonl):
# S2LatLngRect set operations, interior tests, distances, Hausdorff
# distances, ExpandedByDistance, Intersects(S2Cell), BoundaryIntersects,
# AddPoint, centroids; S2Cap Union, InteriorContains, centroid,
# ApproxEquals; their own generator and PRNG stream.
g++ -O2 -std=c++17 -DNDEBUG -I"$W/include" \
  "$here/gen_rect_cap_vectors.cc" -o "$build/gen_rect_cap_vectors" \
  -L"$lib" -Wl,--start-group -ls2 "${absl[@]}" -Wl,--end-group -lpthread -lm
"$build/gen_rect_cap_vectors" "$out"
du -h "$out"/rect_cap.jsonl
# (12) The coverer queue's tie order (src/coverer/heap.rs's unit tests):
# libstdc++'s std::priority_queue, no s2geometry needed; the script fails
# when the constants in heap.rs differ from what it prints.
bash "$here/check-heap-order.sh"
