//! What the database tests share: deterministic points, the query regions
//! (rectangles, caps and polygons on faces 4 and 5, across the
//! antimeridian, over the sign flip between faces 3 and 4, and at both
//! poles; and real polygons from data/), their
//! keys from the library's region coverer, the exact refine (the region's
//! own `contains_point`, which the brute-force scans apply to every row),
//! and the stored polygons (Natural Earth countries and US states) with the
//! checks of reverse geocoding and region queries against them.
// Every helper here is test code: it panics on a broken fixture or a failed
// check, which is how a test fails, so a `# Panics` section on each would
// say the same thing twenty times.
#![allow(clippy::missing_panics_doc)]

use std::io::Write as _;

use s2cells::feature::keys::{KeyQuery, Stored};
use s2cells::feature::sql::SqlTable;
use s2cells::{
    Cap, CellId, CellUnion, LatLng, LatLngRect, Loop, Point, Polygon, Region, RegionCoverer,
    metrics,
};

/// A test that needs a service or tool which is missing: fails when
/// `S2CELLS_NO_SKIP` is set (CI sets it: there every test must run), else
/// reports `skipped (needs <what>): <test>: <why>` on the process's stderr,
/// which the test harness does not capture, so `cargo test` shows it
/// whether the test passes or not (and `tools/test-all.sh` counts it).
pub fn skip(test: &str, needs: &str, why: &str) {
    assert!(
        std::env::var_os("S2CELLS_NO_SKIP").is_none(),
        "{test} needs {needs} and S2CELLS_NO_SKIP is set: {why}"
    );
    // One write of the whole line, so that parallel tests do not split it.
    let line = format!("skipped (needs {needs}): {test}: {why}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// The PostgreSQL server to test against, `S2CELLS_PG_URL`; `None` (after
/// [`skip`]) when it is not set.
#[must_use]
pub fn postgres_url(test: &str) -> Option<String> {
    match std::env::var("S2CELLS_PG_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            skip(
                test,
                "PostgreSQL",
                "S2CELLS_PG_URL is not set; eval \"$(bash tools/ci/start-postgres.sh)\" starts a server",
            );
            None
        }
    }
}

/// Number of points: `S2CELLS_DB_POINTS` or the default given.
#[must_use]
pub fn n_points(default: usize) -> usize {
    std::env::var("S2CELLS_DB_POINTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// SplitMix64: a fixed stream on every platform.
pub struct Rng(u64);

impl Rng {
    /// The stream from `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 bits of the stream.
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
    /// A point uniform on the sphere, in degrees.
    pub fn sphere(&mut self) -> (f64, f64) {
        let z = 2.0 * self.unit() - 1.0;
        let lng = 360.0 * self.unit() - 180.0;
        (z.asin().to_degrees(), lng)
    }
}

/// Where the clustered points go: centre lat, lng and half-width in
/// degrees. The small polygons would get a handful of the uniform points
/// (Porto Alegre's outline none at all).
const HOT: [(f64, f64, f64); 12] = [
    (0.0, -90.0, 12.0),    // face 4's centre
    (0.0, -135.0, 12.0),   // the faces 3/4 edge
    (0.0, 180.0, 12.0),    // the antimeridian
    (88.0, 0.0, 12.0),     // the north pole
    (-88.0, 0.0, 12.0),    // the south pole, face 5
    (-45.0, -135.0, 12.0), // the faces 3/4/5 corner
    (40.5, 2.5, 12.0),
    (35.26, -135.0, 12.0),  // the faces 2/3/4 corner: the bit-cast sign flip
    (-30.07, -51.17, 0.15), // Porto Alegre's centre, a park as a hole
    (-17.0, 179.5, 2.0),    // Fiji, across the antimeridian
    (-29.5, 28.3, 2.0),     // Lesotho, a hole in South Africa
    (20.5, -157.5, 2.5),    // Hawaii's islands
];

/// `n` points in degrees: 60% uniform on the sphere, 40% clustered around
/// the places the queries look at, so that every query has hits.
#[must_use]
pub fn points(n: usize) -> Vec<(f64, f64)> {
    let mut rng = Rng::new(20261130);
    (0..n)
        .map(|i| {
            if i % 5 < 3 {
                rng.sphere()
            } else {
                let (lat, lng, w) = HOT[(rng.next_u64() % HOT.len() as u64) as usize];
                let lat = (lat + 2.0 * w * rng.unit() - w).clamp(-90.0, 90.0);
                let mut lng = lng + 2.0 * w * rng.unit() - w;
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

/// A point's key: its leaf cell.
#[must_use]
pub fn key_of(lat: f64, lng: f64) -> CellId {
    CellId::from_latlng(LatLng::from_degrees(lat, lng))
}

/// The point the exact refine tests, for a stored lat/lng.
#[must_use]
pub fn point_of(lat: f64, lng: f64) -> Point {
    LatLng::from_degrees(lat, lng).to_point()
}

/// A coverer suited to a region's size: at most `max_cells` cells, none
/// finer than about 1/32 of the radius of the region's bounding cap (finer
/// cells would only add ranges, not cut candidates).
pub fn coverer_for(region: &dyn Region, max_cells: usize) -> RegionCoverer {
    let r = region.cap_bound().radius();
    let level = metrics::AVG_EDGE.level_for_max_value(r / 32.0).clamp(1, 20);
    RegionCoverer::new()
        .max_level(level)
        .and_then(|c| c.max_cells(max_cells))
        .expect("valid coverer options")
}

/// A query: a region, its exact predicate (the region's own
/// `contains_point`), and its keys from a coverer suited to its size.
pub struct Query {
    /// What the failures name.
    pub name: String,
    /// The region, whose `contains_point` is the exact refine.
    pub region: Box<dyn Region>,
    /// The coverer of its keys ([`coverer_for`]).
    pub coverer: RegionCoverer,
    /// The keys when the rows are points (stored as leaves).
    pub point_keys: KeyQuery,
}

impl Query {
    /// The query of `region`, with its point keys.
    pub fn new(name: impl Into<String>, region: Box<dyn Region>) -> Self {
        let coverer = coverer_for(&*region, 128);
        let point_keys = KeyQuery::for_region(&*region, &coverer, Stored::Points);
        Self {
            name: name.into(),
            region,
            coverer,
            point_keys,
        }
    }

    /// The exact refine, the same for the index's candidates and the scan.
    #[must_use]
    pub fn contains(&self, p: &Point) -> bool {
        self.region.contains_point(p)
    }

    /// The covering the keys come from.
    #[must_use]
    pub fn covering(&self) -> CellUnion {
        self.coverer.covering(&*self.region)
    }

    /// The keys when the rows are stored regions.
    #[must_use]
    pub fn region_keys(&self) -> KeyQuery {
        KeyQuery::for_region(
            &*self.region,
            &self.coverer,
            Stored::Regions {
                min_level: REGION_MIN_LEVEL,
            },
        )
    }
}

/// The brute force: for each query, the ids (indices) of the rows its
/// exact predicate accepts, over every row; each answer is asserted
/// non-empty.
///
/// No region contains a point outside its rectangle bound (a polygon's
/// `contains_point` tests that first, through the point's lat/lng): that
/// test is hoisted out here, with lat/lngs computed once per row and the
/// bound widened by 1e-9 radians, so it only skips rows the predicate
/// rejects (every 61st skipped row is checked to be one) and halves the
/// scan: 26 queries over a million rows, 2.9 s -> 1.5 s in a debug build.
#[must_use]
pub fn brute_force(pts: &[(f64, f64)], queries: &[Query]) -> Vec<Vec<i64>> {
    let rows: Vec<(Point, LatLng)> = pts
        .iter()
        .map(|&(lat, lng)| {
            let p = point_of(lat, lng);
            (p, LatLng::from(p))
        })
        .collect();
    queries
        .iter()
        .map(|q| {
            let bound = q
                .region
                .rect_bound()
                .expanded_by(1e-9, 1e-9)
                .expect("a finite margin");
            let mut want = Vec::new();
            for (i, (p, ll)) in rows.iter().enumerate() {
                if bound.contains_latlng(ll) {
                    if q.contains(p) {
                        want.push(i as i64);
                    }
                } else if i % 61 == 0 {
                    assert!(!q.contains(p), "{}: row {i} is outside the bound", q.name);
                }
            }
            assert!(
                !want.is_empty(),
                "{}: no point in the query, the test says nothing",
                q.name
            );
            want
        })
        .collect()
}

/// A query of many ranges: the level-14 cells of every `step`-th point (a
/// thousand cells, most not adjacent, for a million points and a step of
/// 1,000), and the ids of the points inside them, found by testing every
/// point's leaf against the cells. More ranges than SQLite allows parts in
/// a compound `SELECT` (500), so its recipe query takes the `OR`ed form.
#[must_use]
pub fn many_ranges(pts: &[(f64, f64)], step: usize) -> (KeyQuery, Vec<i64>) {
    let cells = CellUnion::from_cell_ids(
        pts.iter()
            .step_by(step)
            .map(|&(lat, lng)| key_of(lat, lng).parent(14))
            .collect(),
    );
    let want = pts
        .iter()
        .enumerate()
        .filter(|&(_, &(lat, lng))| cells.contains_cell_id(key_of(lat, lng)))
        .map(|(i, _)| i as i64)
        .collect();
    (KeyQuery::new(&cells, Stored::Points), want)
}

/// A rectangle in degrees; `lng_lo > lng_hi` crosses the antimeridian.
#[must_use]
pub fn rect(lat_lo: f64, lat_hi: f64, lng_lo: f64, lng_hi: f64) -> Box<dyn Region> {
    Box::new(LatLngRect::from_degrees(lat_lo, lat_hi, lng_lo, lng_hi).expect("valid rectangle"))
}

/// A cap in degrees.
#[must_use]
pub fn cap(lat: f64, lng: f64, radius_degrees: f64) -> Box<dyn Region> {
    Box::new(Cap::from_center_angle(
        point_of(lat, lng),
        radius_degrees.to_radians(),
    ))
}

/// `n` vertices around the centre at alternating distances `r_out` and
/// `r_in` (degrees), counterclockwise: a star, concave when `r_in` is small.
#[must_use]
pub fn star(lat: f64, lng: f64, r_out: f64, r_in: f64, n: usize) -> Loop {
    let c = point_of(lat, lng);
    // East and north in the tangent plane; any axis not along c will do.
    let axis = if c.z.abs() < 0.9 {
        Point::new(0.0, 0.0, 1.0)
    } else {
        Point::new(1.0, 0.0, 0.0)
    };
    let e = axis.cross(&c).normalize();
    let north = c.cross(&e);
    let v: Vec<Point> = (0..2 * n)
        .map(|k| {
            let d = if k % 2 == 0 { r_out } else { r_in }.to_radians();
            let t = std::f64::consts::PI * k as f64 / n as f64;
            (c * d.cos() + (e * t.cos() + north * t.sin()) * d.sin()).normalize()
        })
        .collect();
    let mut l = Loop::from_points(v).expect("a star is a valid loop");
    l.normalize();
    l
}

/// A validated polygon of loops in any order.
#[must_use]
pub fn polygon(loops: Vec<Loop>) -> Box<dyn Region> {
    Box::new(Polygon::from_loops(loops).expect("valid polygon"))
}

/// Polygons built to sit where keys go wrong: on faces 4 and 5 (negative
/// bit-cast keys), across the antimeridian, over the sign flip, around the
/// poles; with holes and several shells.
#[must_use]
pub fn constructed_polygons() -> Vec<Query> {
    vec![
        Query::new(
            "face 4 star with a hole",
            polygon(vec![
                star(-2.0, -88.0, 9.0, 4.0, 7),
                star(-2.0, -88.0, 1.5, 1.5, 6),
            ]),
        ),
        Query::new(
            "antimeridian star with a hole",
            polygon(vec![
                star(3.0, 179.0, 8.0, 3.5, 5),
                star(3.0, 179.0, 1.5, 1.5, 5),
            ]),
        ),
        Query::new(
            "north pole star",
            polygon(vec![star(90.0, 0.0, 7.0, 3.0, 6)]),
        ),
        // The pole itself is in the hole.
        Query::new(
            "south pole star, hole at the pole (face 5)",
            polygon(vec![
                star(-90.0, 0.0, 8.0, 4.0, 9),
                star(-90.0, 0.0, 2.0, 2.0, 5),
            ]),
        ),
        Query::new(
            "sign flip star (faces 2/3/4 corner)",
            polygon(vec![star(35.26, -135.0, 5.0, 2.0, 8)]),
        ),
        Query::new(
            "two shells across the faces 3/4 edge",
            polygon(vec![
                star(0.0, -131.0, 3.0, 1.5, 4),
                star(0.0, -139.0, 3.0, 1.5, 4),
            ]),
        ),
    ]
}

/// The query regions: rectangles, caps and polygons (real ones from data/).
#[must_use]
pub fn queries() -> Vec<Query> {
    let mut q = vec![
        Query::new("face 4 rect", rect(-10.0, 10.0, -100.0, -80.0)),
        Query::new("face 3/4 edge rect", rect(-5.0, 5.0, -140.0, -130.0)),
        Query::new("antimeridian rect", rect(-8.0, 8.0, 172.0, -172.0)),
        Query::new("north polar rect", rect(84.0, 90.0, -180.0, 180.0)),
        Query::new("south polar rect", rect(-90.0, -83.0, -180.0, 180.0)),
        Query::new("small face 0 rect", rect(40.0, 41.0, 2.0, 3.0)),
        Query::new("north pole cap", cap(90.0, 0.0, 4.0)),
        Query::new("south pole cap (face 5)", cap(-90.0, 0.0, 5.0)),
        Query::new("antimeridian cap", cap(0.0, 180.0, 3.0)),
        Query::new("faces 3/4/5 corner cap", cap(-35.26, -135.0, 6.0)),
        Query::new("tiny cap", cap(0.3, -90.2, 0.5)),
        // The curve leaves face 3 and enters face 4 at the cube vertex
        // (35.26, -135): the bit-cast key jumps from i64::MAX to i64::MIN.
        Query::new(
            "sign flip cap (faces 2/3/4 corner)",
            cap(35.26, -135.0, 4.0),
        ),
        Query::new("sign flip rect", rect(33.0, 37.0, -137.0, -133.0)),
        Query::new("wide rect", rect(-30.0, 30.0, -60.0, 60.0)),
    ];
    q.extend(constructed_polygons());
    q.extend(data_polygons());
    q
}

/// Real polygons from data/: a city with a hole, US states (on face 4,
/// with islands), countries with a hole and across the antimeridian.
#[must_use]
pub fn data_polygons() -> Vec<Query> {
    let pick = |file: &str, name: &str, label: &str| {
        let region = load(file)
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} is not in {file}"))
            .1;
        Query::new(label, Box::new(region))
    };
    vec![
        pick(
            "porto-alegre-city.geojson",
            "Porto Alegre, central districts",
            "Porto Alegre (a park as a hole)",
        ),
        pick("us-states.geojson", "Colorado", "Colorado (face 4)"),
        pick("us-states.geojson", "Michigan", "Michigan (12 shells)"),
        pick("us-states.geojson", "Hawaii", "Hawaii (8 islands)"),
        pick(
            "countries-110m.geojson",
            "South Africa",
            "South Africa (Lesotho as a hole)",
        ),
        pick("countries-110m.geojson", "Fiji", "Fiji (antimeridian)"),
        // Not Antarctica: `Polygon::contains_point` tests every edge of a
        // loop whose bound holds the point (Google's switches to its shape
        // index above 32 vertices), and the ~90,000 points in Antarctica's
        // bound times its 653 vertices took 1.7 s of a debug build's scan.
        // It is a stored polygon below, and the poles are geocoded.
    ]
}

/// The named polygons of a GeoJSON file in data/, read as the CLI's
/// `--lenient` reads them: Natural Earth's Sudan crosses itself by a few
/// metres, and is kept as given (the smaller region its ring bounds).
#[must_use]
pub fn load(file: &str) -> Vec<(String, s2cells::io::GeoRegion)> {
    use s2cells::io::{GeoRegion, RegionOptions, parse_geojson};
    let path = format!("{}/../data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let options = RegionOptions {
        lenient: true,
        ..RegionOptions::default()
    };
    parse_geojson(&text)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .into_iter()
        .filter_map(|f| {
            let geometry = f.geometry?;
            let name = f
                .properties
                .as_ref()
                .and_then(|p| p.get("name"))
                .and_then(|n| n.as_str())
                .unwrap_or("")
                .to_owned();
            let region = GeoRegion::from_geometry(f.index, &geometry, options)
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            Some((name, region))
        })
        .collect()
}

/// The shallowest level of a stored region's covering.
pub const REGION_MIN_LEVEL: u8 = 4;

/// How stored polygons are covered: no cell shallower than
/// [`REGION_MIN_LEVEL`] (what [`Stored::Regions`] relies on), at most 32
/// cells where `min_level` allows.
#[must_use]
pub fn stored_coverer() -> RegionCoverer {
    RegionCoverer::new()
        .max_level(12)
        .and_then(|c| c.min_level(REGION_MIN_LEVEL))
        .and_then(|c| c.max_cells(32))
        .expect("valid coverer options")
}

/// A stored polygon: its name, region and covering (the rows of the
/// covering table, `feature::keys::index_keys`).
pub struct StoredRegion {
    /// Its name in the file (`name` property).
    pub name: String,
    /// The polygon.
    pub region: s2cells::io::GeoRegion,
    /// Its covering by [`stored_coverer`].
    pub covering: CellUnion,
}

/// The Natural Earth countries (1:110m) and the US states in data/, with
/// their coverings; region ids are indices into the vector.
#[must_use]
pub fn stored_regions() -> Vec<StoredRegion> {
    let coverer = stored_coverer();
    let mut out: Vec<StoredRegion> = ["countries-110m.geojson", "us-states.geojson"]
        .iter()
        .flat_map(|f| load(f))
        .map(|(name, region)| {
            let covering = coverer.covering(&region);
            StoredRegion {
                name,
                region,
                covering,
            }
        })
        .collect();
    out.retain(|r| !r.covering.is_empty());
    for r in &out {
        assert!(
            r.covering.iter().all(|c| c.level() >= REGION_MIN_LEVEL),
            "{}: a covering cell above min_level",
            r.name
        );
        // Every ring stands for the smaller region it bounds, even one that
        // crosses itself (Sudan; once the whole sphere but Sudan).
        assert!(
            r.covering.average_based_area() < 2.0 * std::f64::consts::PI,
            "{}: the covering is more than half the sphere",
            r.name
        );
    }
    out
}

/// The rows of the covering table: (region id, cell).
#[must_use]
pub fn covering_rows(regions: &[StoredRegion]) -> Vec<(i64, CellId)> {
    regions
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            s2cells::feature::keys::index_keys(&r.covering)
                .into_iter()
                .map(move |c| (i as i64, c))
        })
        .collect()
}

/// Points to reverse-geocode: both poles, then uniform on the sphere, near
/// the stored polygons' vertices (where borders are), and on the vertices
/// themselves.
#[must_use]
pub fn geocode_points(regions: &[StoredRegion], n: usize) -> Vec<(f64, f64)> {
    use s2cells::io::GeoShape;
    let mut rng = Rng::new(4);
    let vertices: Vec<LatLng> = regions
        .iter()
        .flat_map(|r| match r.region.shape() {
            GeoShape::Polygon(p) => p
                .loops()
                .iter()
                .flat_map(|l| l.vertices().iter().map(|v| LatLng::from(*v)))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let mut out = vec![(90.0, 0.0), (-90.0, 0.0)];
    out.extend((2..n).map(|i| match i % 10 {
        0..=2 => rng.sphere(),
        3 => {
            let v = vertices[(rng.next_u64() % vertices.len() as u64) as usize];
            (v.lat_degrees(), v.lng_degrees())
        }
        _ => {
            let v = vertices[(rng.next_u64() % vertices.len() as u64) as usize];
            let lat = (v.lat_degrees() + rng.unit() - 0.5).clamp(-90.0, 90.0);
            let mut lng = v.lng_degrees() + rng.unit() - 0.5;
            if lng > 180.0 {
                lng -= 360.0;
            } else if lng < -180.0 {
                lng += 360.0;
            }
            (lat, lng)
        }
    }));
    out
}

/// The stored polygons and what their checks expect, computed once for
/// every key encoding and database.
pub struct StoredChecks {
    /// The stored polygons; a region id is an index into it.
    pub regions: Vec<StoredRegion>,
    /// The covering table's rows: (region id, cell).
    pub rows: Vec<(i64, CellId)>,
    geocode: Vec<(f64, f64)>,
    geocode_keys: Vec<KeyQuery>,
    /// (point, region) pairs whose covering holds the point's leaf: what
    /// the keys must find.
    geocode_candidates: Vec<(i64, i64)>,
    /// Of those, matched through an ancestor key rather than a range.
    via_ancestors: usize,
    /// (point, region) pairs of the brute force over all polygons.
    geocode_want: Vec<(i64, i64)>,
    /// Per query: its name, keys, and the regions whose covering meets
    /// its covering.
    region_queries: Vec<(String, KeyQuery, Vec<i64>)>,
    /// (query, region) hits only through ancestor keys.
    ancestors_used: usize,
}

/// What a reverse-geocoding check saw.
#[derive(Debug, Default)]
pub struct GeocodeStats {
    /// The points geocoded.
    pub points: usize,
    /// (point, region) pairs whose covering cell holds the point's leaf.
    pub candidates: usize,
    /// Of those, matched through an ancestor key rather than a range.
    pub via_ancestors: usize,
    /// (point, region) pairs after the exact refine.
    pub rows: usize,
    /// The points inside at least one stored polygon.
    pub points_in_some_region: usize,
}

/// One statement per this many points (UNION ALL), not one round trip each.
const GEOCODE_CHUNK: usize = 100;

impl StoredChecks {
    /// The stored polygons, `n_geocode` points to reverse-geocode, and the
    /// brute-force answers.
    #[must_use]
    pub fn new(n_geocode: usize) -> Self {
        let regions = stored_regions();
        let rows = covering_rows(&regions);
        let geocode = geocode_points(&regions, n_geocode);
        let stored = Stored::Regions {
            min_level: REGION_MIN_LEVEL,
        };
        let (mut geocode_keys, mut geocode_candidates, mut geocode_want) =
            (Vec::new(), Vec::new(), Vec::new());
        let mut via_ancestors = 0;
        for (i, &(lat, lng)) in geocode.iter().enumerate() {
            // The point's leaf as a query: its own range (no stored cell is
            // a leaf) and its ancestors' keys.
            let leaf = key_of(lat, lng);
            let keys = KeyQuery::new(&CellUnion::from_cell_ids(vec![leaf]), stored);
            let p = point_of(lat, lng);
            for (j, r) in regions.iter().enumerate() {
                // Coverings are disjoint cells: at most one holds the leaf.
                if let Some(cell) = r.covering.iter().find(|c| c.contains(leaf)) {
                    geocode_candidates.push((i as i64, j as i64));
                    if !keys.ranges().iter().any(|k| k.contains(cell)) {
                        via_ancestors += 1;
                    }
                }
                if r.region.contains_point(&p) {
                    geocode_want.push((i as i64, j as i64));
                }
            }
            geocode_keys.push(keys);
        }
        let antarctica = regions.iter().position(|r| r.name == "Antarctica");
        assert!(
            antarctica.is_some_and(|a| geocode_want.contains(&(1, a as i64))),
            "Antarctica contains the south pole"
        );
        assert!(
            !geocode_want.iter().any(|w| w.0 == 0),
            "no country contains the north pole"
        );
        let mut ancestors_used = 0;
        let region_queries = queries()
            .into_iter()
            .map(|q| {
                let cov = q.covering();
                let keys = q.region_keys();
                let want: Vec<i64> = (0..regions.len() as i64)
                    .filter(|&i| regions[i as usize].covering.intersects(&cov))
                    .collect();
                // Regions found only through an ancestor of a query cell.
                let by_range = want
                    .iter()
                    .filter(|&&i| {
                        regions[i as usize]
                            .covering
                            .iter()
                            .any(|c| keys.ranges().iter().any(|r| r.contains(c)))
                    })
                    .count();
                ancestors_used += want.len() - by_range;
                (q.name, keys, want)
            })
            .collect();
        Self {
            regions,
            rows,
            geocode,
            geocode_keys,
            geocode_candidates,
            via_ancestors,
            geocode_want,
            region_queries,
            ancestors_used,
        }
    }

    /// Reverse geocoding: which stored polygons contain each point, through
    /// the covering table `name` (the point's leaf as a query with
    /// [`Stored::Regions`]: its own range and its ancestors' keys) and the
    /// exact `Polygon::contains_point`, equals the brute force over all
    /// polygons, row for row; the rows the keys find are exactly the
    /// regions whose covering holds the point. `query` runs a statement
    /// returning (point, region id) pairs.
    pub fn check_geocoding(
        &self,
        table: &SqlTable,
        name: &str,
        query: &mut dyn FnMut(&str) -> Vec<(i64, i64)>,
    ) -> GeocodeStats {
        let mut candidates: Vec<(i64, i64)> = Vec::new();
        for (chunk_no, chunk) in self.geocode_keys.chunks(GEOCODE_CHUNK).enumerate() {
            let sql: Vec<String> = chunk
                .iter()
                .enumerate()
                .map(|(k, keys)| {
                    format!(
                        "SELECT CAST({} AS BIGINT), \"region_id\" FROM \"{name}\" WHERE {}",
                        chunk_no * GEOCODE_CHUNK + k,
                        table.where_clause(keys)
                    )
                })
                .collect();
            candidates.extend(query(&sql.join(" UNION ALL ")));
        }
        candidates.sort_unstable();
        assert_eq!(
            candidates.len(),
            self.geocode_candidates.len(),
            "reverse geocoding: the keys found {} (point, region) rows, the coverings hold {}",
            candidates.len(),
            self.geocode_candidates.len()
        );
        assert_eq!(candidates, self.geocode_candidates);
        let got: Vec<(i64, i64)> = candidates
            .iter()
            .copied()
            .filter(|&(i, j)| {
                let (lat, lng) = self.geocode[i as usize];
                self.regions[j as usize]
                    .region
                    .contains_point(&point_of(lat, lng))
            })
            .collect();
        assert_eq!(
            got.len(),
            self.geocode_want.len(),
            "reverse geocoding: {} rows, the brute force {}",
            got.len(),
            self.geocode_want.len()
        );
        assert_eq!(
            got, self.geocode_want,
            "reverse geocoding differs from the brute force"
        );
        let mut in_some: Vec<i64> = got.iter().map(|g| g.0).collect();
        in_some.dedup();
        GeocodeStats {
            points: self.geocode.len(),
            candidates: candidates.len(),
            via_ancestors: self.via_ancestors,
            rows: got.len(),
            points_in_some_region: in_some.len(),
        }
    }

    /// Region queries on the stored polygons: the regions found through the
    /// ranges and the ancestor `IN` list of `table`
    /// ([`SqlTable::select_regions_sql`]) are those
    /// whose covering meets the query's covering, checked against
    /// `CellUnion::intersects`. There is no exact refine here: the crate
    /// has no polygon-polygon (or polygon-rectangle, polygon-cap)
    /// intersection test, so the answer is "the coverings meet", a superset
    /// of the regions that really meet the query. `query` runs a statement
    /// returning region ids. Returns the (query, region) hits and how many
    /// came only through ancestor keys.
    pub fn check_region_queries(
        &self,
        table: &SqlTable,
        query: &mut dyn FnMut(&str) -> Vec<i64>,
    ) -> (usize, usize) {
        let (mut hits, mut queries_with_hits) = (0, 0);
        for (qname, keys, want) in &self.region_queries {
            let mut got = query(&table.select_regions_sql(keys));
            got.sort_unstable();
            hits += want.len();
            queries_with_hits += usize::from(!want.is_empty());
            assert_eq!(
                &got,
                want,
                "{qname}: {} regions found, {} expected",
                got.len(),
                want.len()
            );
        }
        assert!(
            2 * queries_with_hits > self.region_queries.len(),
            "most queries meet no stored polygon: the check says little"
        );
        (hits, self.ancestors_used)
    }
}
