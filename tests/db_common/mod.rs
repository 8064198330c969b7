//! What the database tests share: deterministic points, the query regions
//! (rectangles and caps on faces 4 and 5, across the antimeridian, the
//! sign flip between faces 3 and 4, and at both poles), a conservative
//! fixed-level covering computed here from cell bounds (test code, standing
//! in for the region coverer), and the exact refine.

#![allow(dead_code)]

use s2cells::feature::keys::{KeyQuery, Stored};
use s2cells::{Cell, CellId, CellUnion, LatLng, Point};

/// Number of points: `S2CELLS_DB_POINTS` or the default given.
pub fn n_points(default: usize) -> usize {
    std::env::var("S2CELLS_DB_POINTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// SplitMix64: a fixed stream on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `n` points in degrees: 60% uniform on the sphere, 40% clustered around
/// the places the queries look at, so that every query has hits.
pub fn points(n: usize) -> Vec<(f64, f64)> {
    let hot = [
        (0.0, -90.0),
        (0.0, -135.0),
        (0.0, 180.0),
        (88.0, 0.0),
        (-88.0, 0.0),
        (-45.0, -135.0),
        (40.5, 2.5),
        (35.26, -135.0),
    ];
    let mut rng = Rng::new(20261130);
    (0..n)
        .map(|i| {
            if i % 5 < 3 {
                let z = 2.0 * rng.unit() - 1.0;
                let lng = 360.0 * rng.unit() - 180.0;
                (z.asin().to_degrees(), lng)
            } else {
                let (lat, lng) = hot[(rng.next_u64() % hot.len() as u64) as usize];
                let lat = (lat + 24.0 * rng.unit() - 12.0).clamp(-90.0, 90.0);
                let mut lng = lng + 24.0 * rng.unit() - 12.0;
                if lng > 180.0 {
                    lng -= 360.0;
                } else if lng < -180.0 {
                    lng += 360.0;
                }
                (lat, lng)
            }
        })
        .collect()
}

/// A query region in degrees.
#[derive(Clone, Copy, Debug)]
pub enum Query {
    /// lat_lo, lat_hi, lng_lo, lng_hi; lng_lo > lng_hi crosses the antimeridian.
    Rect(f64, f64, f64, f64),
    /// center lat, center lng, radius in degrees.
    Cap(f64, f64, f64),
}

pub fn queries() -> Vec<(&'static str, Query)> {
    vec![
        ("face 4 rect", Query::Rect(-10.0, 10.0, -100.0, -80.0)),
        ("face 3/4 edge rect", Query::Rect(-5.0, 5.0, -140.0, -130.0)),
        ("antimeridian rect", Query::Rect(-8.0, 8.0, 172.0, -172.0)),
        ("north polar rect", Query::Rect(84.0, 90.0, -180.0, 180.0)),
        ("south polar rect", Query::Rect(-90.0, -83.0, -180.0, 180.0)),
        ("small face 0 rect", Query::Rect(40.0, 41.0, 2.0, 3.0)),
        ("north pole cap", Query::Cap(90.0, 0.0, 4.0)),
        ("south pole cap (face 5)", Query::Cap(-90.0, 0.0, 5.0)),
        ("antimeridian cap", Query::Cap(0.0, 180.0, 3.0)),
        ("faces 3/4/5 corner cap", Query::Cap(-35.26, -135.0, 6.0)),
        ("tiny cap", Query::Cap(0.3, -90.2, 0.5)),
        // The curve leaves face 3 and enters face 4 at the cube vertex
        // (35.26, -135): the bit-cast key jumps from i64::MAX to i64::MIN.
        (
            "sign flip cap (faces 2/3/4 corner)",
            Query::Cap(35.26, -135.0, 4.0),
        ),
        ("sign flip rect", Query::Rect(33.0, 37.0, -137.0, -133.0)),
        ("wide rect", Query::Rect(-30.0, 30.0, -60.0, 60.0)),
    ]
}

/// A point's key: its leaf cell.
pub fn key_of(lat: f64, lng: f64) -> CellId {
    CellId::from_latlng(LatLng::from_degrees(lat, lng))
}

/// The exact test: is the point in the query region?
pub fn refine(q: Query, lat: f64, lng: f64) -> bool {
    match q {
        Query::Rect(lat_lo, lat_hi, lng_lo, lng_hi) => {
            let lat_ok = lat_lo <= lat && lat <= lat_hi;
            let lng_ok = if lng_lo <= lng_hi {
                lng_lo <= lng && lng <= lng_hi
            } else {
                lng >= lng_lo || lng <= lng_hi
            };
            lat_ok && lng_ok
        }
        Query::Cap(clat, clng, r) => {
            let c = LatLng::from_degrees(clat, clng).to_point();
            let p = LatLng::from_degrees(lat, lng).to_point();
            c.angle(&p) <= r.to_radians()
        }
    }
}

/// Non-wrapping pieces of a longitude interval in radians.
fn lng_pieces(lo: f64, hi: f64) -> Vec<(f64, f64)> {
    use std::f64::consts::PI;
    if lo <= hi {
        vec![(lo, hi)]
    } else {
        vec![(lo, PI), (-PI, hi)]
    }
}

/// Whether a cell may meet the query, from the cell's bounds (conservative,
/// with a margin of 1e-9 radians, about 6 mm).
fn may_meet(q: Query, cell: &Cell) -> bool {
    const EPS: f64 = 1e-9;
    match q {
        Query::Rect(lat_lo, lat_hi, lng_lo, lng_hi) => {
            let b = cell.rect_bound();
            if b.lat_hi() < lat_lo.to_radians() - EPS || b.lat_lo() > lat_hi.to_radians() + EPS {
                return false;
            }
            let ours = lng_pieces(lng_lo.to_radians(), lng_hi.to_radians());
            let theirs = lng_pieces(b.lng_lo(), b.lng_hi());
            ours.iter()
                .any(|a| theirs.iter().any(|c| a.0 <= c.1 + EPS && c.0 <= a.1 + EPS))
        }
        Query::Cap(clat, clng, r) => {
            let b = cell.cap_bound();
            let c: Point = LatLng::from_degrees(clat, clng).to_point();
            c.angle(&b.center()) <= r.to_radians() + b.radius() + EPS
        }
    }
}

/// A covering of the query by cells of one level, found by descending from
/// the faces through cells whose bounds meet the query (test code; the
/// region coverer does this properly).
pub fn covering(q: Query, level: u8) -> CellUnion {
    let mut out = Vec::new();
    let mut stack: Vec<CellId> = (0..6).map(CellId::from_face).collect();
    while let Some(id) = stack.pop() {
        if !may_meet(q, &Cell::from(id)) {
            continue;
        }
        if id.level() == level {
            out.push(id);
        } else {
            stack.extend(id.children());
        }
    }
    // Normalizing merges four siblings into their parent: mixed levels.
    CellUnion::from_cell_ids(out)
}

/// The covering level for a query: about 8 cells across it.
pub fn level_for(q: Query) -> u8 {
    let size = match q {
        Query::Rect(a, b, c, d) => {
            let w = if c <= d { d - c } else { d - c + 360.0 };
            (b - a).max(w.min(360.0) * 0.5)
        }
        Query::Cap(_, _, r) => 2.0 * r,
    };
    let l = (90.0 / size.max(1e-6)).log2() + 3.0;
    l.clamp(2.0, 20.0) as u8
}

/// The query's keys (points are stored as leaves).
pub fn key_query(q: Query) -> (CellUnion, KeyQuery) {
    let cov = covering(q, level_for(q));
    let keys = KeyQuery::new(&cov, Stored::Points);
    (cov, keys)
}

/// The shallowest level of a stored region's covering.
pub const REGION_MIN_LEVEL: u8 = 4;

/// `n` stored regions: caps from 0.05 to 12 degrees across the sphere and
/// around the query spots, each covered at a level suited to its size and
/// denormalized so no cell is shallower than [`REGION_MIN_LEVEL`] (what a
/// coverer with `min_level` 4 gives).
pub fn regions(n: usize) -> Vec<CellUnion> {
    let mut rng = Rng::new(7);
    let pts = points(n);
    pts.iter()
        .map(|&(lat, lng)| {
            let r = 0.05 * (240f64).powf(rng.unit());
            let q = Query::Cap(lat, lng, r);
            let level = level_for(q).saturating_sub(1).max(REGION_MIN_LEVEL);
            let cov = covering(q, level);
            let cells = cov.denormalize(REGION_MIN_LEVEL, 1).expect("valid levels");
            CellUnion::from_verbatim(cells).expect("denormalized cells are sorted and disjoint")
        })
        .collect()
}

/// The query's keys when the rows are regions.
pub fn region_key_query(q: Query) -> (CellUnion, KeyQuery) {
    let cov = covering(q, level_for(q));
    let keys = KeyQuery::new(
        &cov,
        Stored::Regions {
            min_level: REGION_MIN_LEVEL,
        },
    );
    (cov, keys)
}
