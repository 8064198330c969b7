//! The lenient repairs keep the region a ring draws: random star-shaped
//! rings with spikes (out and back along one edge) and lobes (a loop that
//! leaves a vertex and comes back to it, outward or inward) spliced in,
//! read with `RegionOptions::lenient`, contain exactly the points that the
//! ring's even-odd rule puts inside (counted on the ring as given, spikes
//! and lobes included). The rings are 0.01° across, where great-circle and
//! straight edges part by under 1e-12 degrees; points within 1e-7° of an
//! edge are not asked about. And the default options name every such ring
//! as an error rather than reading it another way.
#![cfg(feature = "geojson")]

use proptest::prelude::*;
use s2cells::io::{GeoRegion, Geometry, RegionOptions};
use s2cells::{LatLng, Region};

const C: (f64, f64) = (12.0, 34.0); // lat, lng of the rings' centre
const R: f64 = 0.005;

/// (lng, lat) vertices of a star around C, counterclockwise.
fn star(angles: &[f64], radii: &[f64]) -> Vec<(f64, f64)> {
    let mut th = angles.to_vec();
    th.sort_by(f64::total_cmp);
    th.dedup_by(|a, b| (*a - *b).abs() < 1e-3);
    th.iter()
        .zip(radii)
        .map(|(&t, &r)| (C.1 + R * r * t.cos(), C.0 + R * r * t.sin()))
        .collect()
}

/// Whether (x, y) is inside the closed walk by the even-odd rule, and
/// whether it is too close to an edge to ask.
fn even_odd(ring: &[(f64, f64)], x: f64, y: f64) -> Option<bool> {
    let n = ring.len();
    let mut inside = false;
    for k in 0..n {
        let (a, b) = (ring[k], ring[(k + 1) % n]);
        // Distance to the segment.
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            (((x - a.0) * dx + (y - a.1) * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (px, py) = (a.0 + t * dx - x, a.1 + t * dy - y);
        if (px * px + py * py).sqrt() < 1e-7 {
            return None;
        }
        if (a.1 > y) != (b.1 > y) && x < a.0 + (y - a.1) / (b.1 - a.1) * dx {
            inside = !inside;
        }
    }
    Some(inside)
}

#[derive(Clone, Debug)]
enum Splice {
    /// Out to a point and back, after vertex i.
    Spike(usize, (f64, f64)),
    /// From vertex i round a triangle and back to vertex i.
    Lobe(usize, (f64, f64), (f64, f64)),
}

fn splice() -> impl Strategy<Value = Splice> {
    let p = || (-1.2f64..1.2, -1.2f64..1.2);
    prop_oneof![
        (0usize..64, p()).prop_map(|(i, (x, y))| Splice::Spike(i, (C.1 + R * x, C.0 + R * y))),
        (0usize..64, p(), p()).prop_map(|(i, (x, y), (u, v))| Splice::Lobe(
            i,
            (C.1 + R * x, C.0 + R * y),
            (C.1 + R * u, C.0 + R * v)
        )),
    ]
}

fn with_splices(mut ring: Vec<(f64, f64)>, splices: &[Splice]) -> Vec<(f64, f64)> {
    for s in splices {
        let n = ring.len();
        match *s {
            Splice::Spike(i, p) => {
                let (i, at) = (i % n, i % n + 1);
                let v = ring[i];
                ring.splice(at..at, [p, v]);
            }
            Splice::Lobe(i, p, q) => {
                let (i, at) = (i % n, i % n + 1);
                let v = ring[i];
                ring.splice(at..at, [p, q, v]);
            }
        }
    }
    ring
}

fn geometry(ring: &[(f64, f64)]) -> Geometry {
    Geometry::Polygon(vec![
        ring.iter()
            .map(|&(lng, lat)| LatLng::from_degrees(lat, lng))
            .collect(),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn lenient_repairs_keep_the_even_odd_region(
        angles in prop::collection::vec(0.0f64..std::f64::consts::TAU, 3..12),
        radii in prop::collection::vec(0.3f64..1.0, 12),
        splices in prop::collection::vec(splice(), 1..4),
    ) {
        let base = star(&angles, &radii);
        prop_assume!(base.len() >= 3);
        let ring = with_splices(base, &splices);
        let g = geometry(&ring);
        let lenient = RegionOptions { lenient: true, ..RegionOptions::default() };
        let region = GeoRegion::from_geometry(0, &g, lenient);
        prop_assert!(region.is_ok(), "{:?}", region.err());
        let region = region.unwrap();
        let mut asked = 0;
        for i in 0..24 {
            for j in 0..24 {
                let x = C.1 + R * (-1.25 + 2.5 * f64::from(i) / 23.0);
                let y = C.0 + R * (-1.25 + 2.5 * f64::from(j) / 23.0);
                let Some(want) = even_odd(&ring, x, y) else { continue };
                asked += 1;
                let got = region.contains_point(&LatLng::from_degrees(y, x).to_point());
                prop_assert_eq!(got, want, "({}, {}) in {:?}: warnings {:?}", x, y, ring, region.warnings());
            }
        }
        prop_assert!(asked > 400);
        // By default: an error, or (when a splice happens to keep the ring
        // simple, e.g. a spike onto the next vertex... never: a repeated
        // vertex is always an error) the same region.
        let strict = GeoRegion::from_geometry(0, &g, RegionOptions::default());
        prop_assert!(strict.is_err());
    }
}
