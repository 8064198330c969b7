// Converts Natural Earth (world-atlas) and US Census (us-atlas) TopoJSON into
// the GeoJSON samples under data/. Run by tools/data/make-sample-data.sh.
"use strict";
const fs = require("fs");
const path = require("path");
const [modules, out] = process.argv.slice(2);
const topojson = require(path.join(modules, "topojson-client"));

const load = (p) => JSON.parse(fs.readFileSync(path.join(modules, p), "utf8"));

// Five decimals (about a metre) keep the files small and diffs readable.
const round = (x) => Math.round(x * 1e5) / 1e5;
function roundCoords(c) {
  return typeof c[0] === "number" ? [round(c[0]), round(c[1])] : c.map(roundCoords);
}
function collection(features) {
  return {
    type: "FeatureCollection",
    features: features.map((f) => ({
      type: "Feature",
      id: f.id,
      properties: f.properties,
      geometry: { type: f.geometry.type, coordinates: roundCoords(f.geometry.coordinates) },
    })),
  };
}
function write(name, fc) {
  const text = JSON.stringify(fc) + "\n";
  fs.writeFileSync(path.join(out, name), text);
  console.log(`${name}: ${fc.features.length} features, ${text.length} bytes`);
}

const world = load("world-atlas/countries-110m.json");
const countries = topojson.feature(world, world.objects.countries).features;
write("countries-110m.geojson", collection(countries.filter((f) => f.geometry)));

const us = load("us-atlas/states-10m.json");
const states = topojson.feature(us, us.objects.states).features;
const wanted = new Set(["Colorado", "Utah", "Hawaii", "Michigan", "Alaska"]);
write("us-states.geojson", collection(states.filter((f) => wanted.has(f.properties.name))));
