#!/usr/bin/env bash
# Regenerates data/countries-110m.geojson (Natural Earth 1:110m countries,
# from the npm package world-atlas) and data/us-states.geojson (five US
# states from the US Census 1:10m cartographic boundaries, from us-atlas),
# converting their TopoJSON with topojson-client. Needs node and npm.
#
#   bash tools/data/make-sample-data.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null &&
  npm install --silent --no-audit --no-fund world-atlas@2.0.2 us-atlas@3.0.1 topojson-client@3.1.0)
node "$here/atlas-to-geojson.js" "$work/node_modules" "$repo/data"
