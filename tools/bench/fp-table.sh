#!/usr/bin/env bash
# The README's max-cells table: the false-positive share of point queries
# (the share of a covering's area outside its region) against --max-cells,
# at default levels (0-30), for real regions of three sizes: the 177
# Natural Earth 110m countries, the five US states of data/us-states.geojson,
# and city-sized regions (the Porto Alegre districts polygon, and discs of
# 10 km radius, as 64-gons, around the 15 cities of data/cities.csv).
# Each cell reads "share of all covered area / median feature".
#
#   tools/bench/fp-table.sh                    # max-cells 4,8,16,32,64,128,256
#   SWEEP=8,64 tools/bench/fp-table.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
sweep="${SWEEP:-4,8,16,32,64,128,256}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cargo build --release -p s2cells-cli >&2
s2="${CARGO_TARGET_DIR:-target}/release/s2cells"

# Discs of 10 km around the sample cities (great-circle offsets, 64 vertices).
python3 - data/cities.csv "$dir/city-discs.geojson" <<'PY'
import csv, json, math, sys
R, r = 6371008.8, 10000.0
features = []
for row in csv.DictReader(open(sys.argv[1])):
    lat, lng = math.radians(float(row["latitude"])), math.radians(float(row["longitude"]))
    d = r / R
    ring = []
    for k in range(64):
        b = 2 * math.pi * k / 64
        la = math.asin(math.sin(lat) * math.cos(d) + math.cos(lat) * math.sin(d) * math.cos(b))
        lo = lng + math.atan2(math.sin(b) * math.sin(d) * math.cos(lat), math.cos(d) - math.sin(lat) * math.sin(la))
        ring.append([round((math.degrees(lo) + 540) % 360 - 180, 7), round(math.degrees(la), 7)])
    ring.append(ring[0])
    features.append({"type": "Feature", "id": row["name"], "properties": {},
                     "geometry": {"type": "Polygon", "coordinates": [ring]}})
json.dump({"type": "FeatureCollection", "features": features}, open(sys.argv[2], "w"))
PY

run() { "$s2" keys "$@" --fp-sweep "$sweep" 2>/dev/null; }
run data/countries-110m.geojson --lenient > "$dir/countries.csv"
run data/us-states.geojson > "$dir/states.csv"
run "$dir/city-discs.geojson" > "$dir/discs.csv"
run data/porto-alegre-city.geojson > "$dir/city.csv"

python3 - "$dir" <<'PY'
import csv, sys
d = sys.argv[1]
sets = [("countries", "177 countries (Natural Earth 110m)"), ("states", "5 US states (Census)"),
        ("discs", "15 city discs, 10 km radius"), ("city", "Porto Alegre districts (1 polygon)")]
tables = {k: list(csv.DictReader(open(f"{d}/{k}.csv"))) for k, _ in sets}
print("| --max-cells | " + " | ".join(t for _, t in sets) + " |")
print("|---:|" + "---:|" * len(sets))
for i, row in enumerate(tables["countries"]):
    cells = []
    for k, _ in sets:
        r = tables[k][i]
        cells.append(f"{100 * float(r['fp_overall']):.0f}% / {100 * float(r['fp_median']):.0f}%")
    print(f"| {row['max_cells']} | " + " | ".join(cells) + " |")
PY
