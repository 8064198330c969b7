//! A FeatureCollection is read one feature at a time: 200,000 features
//! (about 30 MB of GeoJSON, generated on the fly by a `Read` that never
//! holds more than one feature's text) go through `GeoJsonReader` with a
//! peak heap that stays below 64 KiB, measured by a counting global
//! allocator in this test binary. Members before and after the
//! `features` array (`bbox`, `crs`, `name`, a `type` at the end) are read
//! and checked on the way.
#![cfg(feature = "geojson")]

use std::io::{BufReader, Read};

mod counting_alloc;

use counting_alloc::peak_bytes;
use s2cells::io::{GeoJsonReader, Geometry};

/// A FeatureCollection of `n` point features, written into a fixed
/// buffer one piece at a time as the reader asks for bytes.
struct Generated {
    n: usize,
    next: usize,
    piece: [u8; 512],
    len: usize,
    pos: usize,
    done: bool,
}

impl Generated {
    fn new(n: usize) -> Self {
        Self {
            n,
            next: 0,
            piece: [0; 512],
            len: 0,
            pos: 0,
            done: false,
        }
    }

    /// Writes the next piece of the document into `piece`.
    fn refill(&mut self) {
        use std::io::Write;
        let mut w = &mut self.piece[..];
        let before = w.len();
        let i = self.next;
        let _ = if i == 0 {
            write!(
                w,
                "{{\"bbox\": [-180, -90, 180, 90], \"crs\": {{\"type\": \"name\", \"properties\": \
                 {{\"name\": \"urn:ogc:def:crs:OGC:1.3:CRS84\"}}}},\n\"features\": [\n"
            )
        } else if i <= self.n {
            let k = i - 1;
            let (lng, lat) = ((k % 360) as f64 - 179.5, (k % 170) as f64 - 84.5);
            writeln!(
                w,
                "{}{{\"type\": \"Feature\", \"id\": {k}, \"properties\": {{\"name\": \"p\\\"{k}\", \
                 \"tags\": [\"a]\", \"b}}\"]}}, \"geometry\": {{\"type\": \"Point\", \
                 \"coordinates\": [{lng}, {lat}]}}}}",
                if k == 0 { "" } else { "," }
            )
        } else {
            self.done = true;
            writeln!(
                w,
                "], \"name\": \"generated\", \"type\": \"FeatureCollection\"}}"
            )
        };
        self.len = before - w.len();
        self.pos = 0;
        self.next += 1;
    }
}

impl Read for Generated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.len {
            if self.done {
                return Ok(0);
            }
            self.refill();
        }
        let n = out.len().min(self.len - self.pos);
        out[..n].copy_from_slice(&self.piece[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

// One test function: the counters are global, and tests of one binary run
// in parallel.
#[test]
fn a_feature_collection_streams_in_bounded_memory() {
    const N: usize = 200_000;
    let mut bytes = 0usize;
    let mut g = Generated::new(N);
    let mut sink = [0u8; 4096];
    while let Ok(n @ 1..) = g.read(&mut sink) {
        bytes += n;
    }
    assert!(bytes > 25_000_000, "{bytes} bytes of GeoJSON");

    let ((count, checked), peak) = peak_bytes(|| {
        let (mut count, mut checked) = (0usize, true);
        for f in GeoJsonReader::new(BufReader::new(Generated::new(N))) {
            let f = f.expect("a valid feature");
            let k = count;
            let want_lng = (k % 360) as f64 - 179.5;
            let point_ok = matches!(f.geometry, Some(Geometry::Point(p))
                if (p.lng_degrees() - want_lng).abs() < 1e-9);
            let props_ok = f
                .properties
                .as_ref()
                .is_some_and(|p| p["name"] == format!("p\"{k}") && p["tags"][1] == "b}");
            checked &= f.index == k && f.id == Some(serde_json::json!(k)) && point_ok && props_ok;
            count += 1;
        }
        (count, checked)
    });
    assert_eq!(count, N);
    assert!(checked, "indexes, ids, properties and points as generated");
    eprintln!("{N} features, {bytes} bytes of GeoJSON: peak heap {peak} B");
    assert!(
        peak < 64 * 1024,
        "peak heap {peak} B reading {bytes} bytes: the collection was not streamed"
    );
    // Reading the document whole, as the reader once did, is what the
    // counter must see: 2,000 features already take far more.
    let (whole, whole_peak) = peak_bytes(|| {
        serde_json::from_reader::<_, serde_json::Value>(BufReader::new(Generated::new(2_000)))
            .map(|v| v["features"].as_array().map_or(0, Vec::len))
    });
    assert_eq!(whole.ok(), Some(2_000));
    eprintln!("2000 features read whole: peak heap {whole_peak} B");
    assert!(whole_peak > 16 * peak.max(1024), "{whole_peak} B");
}
