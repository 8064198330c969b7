#!/usr/bin/env bash
# Fetches published boundaries with npm and converts them to GeoJSON as
# published (TopoJSON -> GeoJSON with topojson-client, full precision, no
# rounding or repair: the quantization artefacts stay, since they are what
# users of these packages get), for the tests on real data
# (cli/tests/real_data.rs). Needs node and npm.
#
#   bash tools/data/fetch-real-data.sh            # into target/real-data/
#   bash tools/data/fetch-real-data.sh DIR        # or DIR (then set S2CELLS_REAL_DATA=DIR)
#
# Writes (sizes as of the pinned versions):
#   us-states-10m.geojson         56 features, 0.6 MB  (us-atlas 3.0.1, US Census 1:10m)
#   us-counties-10m.geojson     3231 features, 3.1 MB  (us-atlas 3.0.1)
#   world-countries-110m.geojson 177 features, 0.4 MB  (world-atlas 2.0.2, Natural Earth)
#   world-countries-50m.geojson  241 features, 3.9 MB  (world-atlas 2.0.2)
# The files are written only once all have converted, so a failed run
# leaves no partial set. Nothing here is committed (target/ is ignored).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-${S2CELLS_REAL_DATA:-$repo/target/real-data}}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null &&
  npm install --silent --no-audit --no-fund world-atlas@2.0.2 us-atlas@3.0.1 topojson-client@3.1.0)
mkdir -p "$work/out"
node "$here/atlas-to-geojson.js" --as-published "$work/node_modules" "$work/out"
mkdir -p "$out"
mv "$work"/out/*.geojson "$out/"
echo "real data in $out"
