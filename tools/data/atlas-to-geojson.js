// Converts Natural Earth (world-atlas) and US Census (us-atlas) TopoJSON into
// GeoJSON: the small samples under data/ (tools/data/make-sample-data.sh),
// or with --as-published whole files at full precision for the tests on
// real data (tools/data/fetch-real-data.sh).
"use strict";
const fs = require("fs");
const path = require("path");
const args = process.argv.slice(2);
const asPublished = args[0] === "--as-published";
const [modules, out] = asPublished ? args.slice(1) : args;
const topojson = require(path.join(modules, "topojson-client"));

const load = (p) => JSON.parse(fs.readFileSync(path.join(modules, p), "utf8"));

if (asPublished) {
  // topojson.feature's output as is: every feature, null geometries and
  // all, coordinates as the quantized arcs decode (collapsed rings, spikes
  // and rings that touch themselves included).
  for (const [file, object, name] of [
    ["us-atlas/states-10m.json", "states", "us-states-10m"],
    ["us-atlas/counties-10m.json", "counties", "us-counties-10m"],
    ["world-atlas/countries-110m.json", "countries", "world-countries-110m"],
    ["world-atlas/countries-50m.json", "countries", "world-countries-50m"],
  ]) {
    const topo = load(file);
    const fc = topojson.feature(topo, topo.objects[object]);
    const text = JSON.stringify(fc) + "\n";
    fs.writeFileSync(path.join(out, name + ".geojson"), text);
    console.log(`${name}.geojson: ${fc.features.length} features, ${text.length} bytes`);
  }
  process.exit(0);
}

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
