//! Geometries (read from GeoJSON or WKT, or built by hand) as regions of
//! the sphere, for the region coverer.
//!
//! The rules, chosen for the way GeoJSON and WKT are written in practice:
//!
//! - **Orientation.** RFC 7946 asks for counterclockwise exteriors and
//!   clockwise holes, but files in the wild use both. By default every ring
//!   stands for the smaller of the two regions it bounds, so orientation
//!   never matters (a ring cannot then describe more than half the
//!   sphere). With [`RegionOptions::strict_orientation`] a ring in the wrong
//!   orientation is an error that names it instead.
//! - **Nesting.** All rings of a `Polygon` or `MultiPolygon` go into one
//!   [`Polygon`], whose nesting is found from the geometry (Google's
//!   `InitNested`): a ring inside an odd number of other rings is a hole.
//! - **Edges.** S2 edges are great-circle arcs, GeoJSON and WKT edges are
//!   straight lines in longitude/latitude. Over a city the two differ by
//!   centimetres; along a 1,000 km parallel by kilometres. With
//!   [`RegionOptions::planar_edges`] every edge is cut into pieces of at most
//!   [`PLANAR_STEP_DEGREES`], and the region reports in
//!   [`GeoRegion::planar_margin`] the largest distance between a piece and
//!   the straight line it replaces (measured at the piece's midpoint, where
//!   it peaks); a covering expanded by that margin contains the shape as
//!   drawn on a flat map.

use super::ParseError;
use super::geometry::Geometry;
use crate::{
    Cap, Cell, CellContainment, CellId, LatLng, LatLngRect, Loop, Point, Polygon, Polyline, Region,
};

/// Longest piece, in degrees of latitude or longitude, that
/// [`RegionOptions::planar_edges`] cuts an edge into.
pub const PLANAR_STEP_DEGREES: f64 = 0.05;

/// How [`GeoRegion::from_geometry`] reads rings and edges.
///
/// ```
/// use s2cells::io::RegionOptions;
/// let o = RegionOptions { planar_edges: true, ..RegionOptions::default() };
/// assert!(!o.strict_orientation);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RegionOptions {
    /// Reject exterior rings that are not counterclockwise and holes that
    /// are not clockwise (RFC 7946), instead of taking the smaller region.
    pub strict_orientation: bool,
    /// Follow straight lines in longitude/latitude instead of great circles.
    pub planar_edges: bool,
    /// Accept rings and polygons that break the loop rules (a ring that
    /// crosses itself, rings that cross each other, as real-world data
    /// sometimes does by a few centimetres under great-circle edges): they
    /// are kept as given, their interior is then whatever is inside an odd
    /// number of rings, and [`GeoRegion::warnings`] says what was wrong.
    pub lenient: bool,
}

/// A [`Geometry`] as a [`Region`]: its [`GeoShape`], and how far the
/// shape's edges may stray from the input's under
/// [`RegionOptions::planar_edges`].
///
/// ```
/// use s2cells::io::{GeoRegion, Geometry, RegionOptions};
/// use s2cells::{LatLng, Region, RegionCoverer};
///
/// let ll = |lng, lat| LatLng::from_degrees(lat, lng); // GeoJSON's order
/// let geometry = Geometry::Polygon(vec![vec![ll(0.0, 0.0), ll(0.0, 1.0), ll(1.0, 1.0), ll(1.0, 0.0)]]);
/// // Clockwise, but the smaller region is taken: the 1° square.
/// let region = GeoRegion::from_geometry(0, &geometry, RegionOptions::default())?;
/// assert!(region.contains_point(&LatLng::from_degrees(0.5, 0.5).to_point()));
/// let cells = RegionCoverer::new().max_cells(20)?.covering(&region);
/// assert!(cells.len() <= 20);
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct GeoRegion {
    shape: GeoShape,
    planar_margin: f64,
    warnings: Vec<String>,
}

/// What a geometry becomes.
///
/// ```
/// use s2cells::io::{GeoRegion, GeoShape, Geometry, RegionOptions};
/// use s2cells::LatLng;
/// let g = Geometry::MultiPoint(vec![LatLng::from_degrees(2.0, 1.0), LatLng::from_degrees(4.0, 3.0)]);
/// let r = GeoRegion::from_geometry(0, &g, RegionOptions::default())?;
/// assert!(matches!(r.shape(), GeoShape::Points(p) if p.len() == 2));
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Debug)]
pub enum GeoShape {
    /// Points (a `Point` or `MultiPoint`).
    Points(Vec<Point>),
    /// Lines (a `LineString` or `MultiLineString`).
    Lines(Vec<Polyline>),
    /// Rings (a `Polygon` or `MultiPolygon`), nested into one polygon
    /// (boxed: a polygon carries its bounds and index).
    Polygon(Box<Polygon>),
    /// The union of several shapes (a `GeometryCollection`).
    Collection(Vec<GeoShape>),
}

impl GeoRegion {
    /// The region of a geometry. `feature` is the feature index that errors
    /// name.
    ///
    /// # Errors
    ///
    /// [`ParseError::InvalidGeometry`] naming the feature, the ring or line, and
    /// the problem: a ring that is not a valid loop (a self-intersection, a
    /// repeated or antipodal vertex), rings that cross each other, a wrong
    /// orientation under `strict_orientation`, a line of fewer than two
    /// distinct points.
    ///
    /// ```
    /// use s2cells::io::{GeoRegion, Geometry, RegionOptions};
    /// use s2cells::LatLng;
    /// let ll = |lng, lat| LatLng::from_degrees(lat, lng);
    /// let bowtie = Geometry::Polygon(vec![vec![ll(0.0, 0.0), ll(1.0, 1.0), ll(1.0, 0.0), ll(0.0, 1.0)]]);
    /// let err = GeoRegion::from_geometry(3, &bowtie, RegionOptions::default()).unwrap_err();
    /// assert!(err.to_string().starts_with("invalid geometry in feature 3 at coordinates[0]"), "{err}");
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_geometry(
        feature: usize,
        geometry: &Geometry,
        options: RegionOptions,
    ) -> Result<Self, ParseError> {
        let mut builder = Builder {
            feature,
            options,
            warnings: Vec::new(),
        };
        let shape = builder.shape(geometry, "coordinates")?;
        let planar_margin = if options.planar_edges {
            shape_margin(&shape)
        } else {
            0.0
        };
        Ok(Self {
            shape,
            planar_margin,
            warnings: builder.warnings,
        })
    }

    /// What [`RegionOptions::lenient`] let through, one message per ring or
    /// polygon, naming where and what (empty unless lenient).
    ///
    /// ```
    /// use s2cells::io::{GeoRegion, Geometry, RegionOptions};
    /// use s2cells::LatLng;
    /// let ll = |lng, lat| LatLng::from_degrees(lat, lng);
    /// let bowtie = Geometry::Polygon(vec![vec![ll(0.0, 0.0), ll(1.0, 1.0), ll(1.0, 0.0), ll(0.0, 1.0)]]);
    /// let lenient = RegionOptions { lenient: true, ..RegionOptions::default() };
    /// let r = GeoRegion::from_geometry(0, &bowtie, lenient)?;
    /// assert!(r.warnings()[0].contains("crosses"), "{:?}", r.warnings());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The shape.
    ///
    /// ```
    /// use s2cells::io::{GeoRegion, GeoShape, Geometry, RegionOptions};
    /// use s2cells::LatLng;
    /// let g = Geometry::Point(LatLng::from_degrees(2.0, 1.0));
    /// let r = GeoRegion::from_geometry(0, &g, RegionOptions::default())?;
    /// assert!(matches!(r.shape(), GeoShape::Points(_)));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn shape(&self) -> &GeoShape {
        &self.shape
    }

    /// How far (radians) the region's great-circle edges may stray from
    /// the straight lon/lat lines they replace under
    /// [`RegionOptions::planar_edges`]; 0 otherwise. Expand a covering by
    /// this much ([`CellUnion::expand_by_radius`](crate::CellUnion::expand_by_radius))
    /// to contain the shape as drawn on a flat map.
    ///
    /// ```
    /// use s2cells::io::{GeoRegion, Geometry, RegionOptions};
    /// use s2cells::LatLng;
    /// let g = Geometry::LineString(vec![LatLng::from_degrees(60.0, -40.0), LatLng::from_degrees(60.0, 40.0)]);
    /// let great = GeoRegion::from_geometry(0, &g, RegionOptions::default())?;
    /// let planar = RegionOptions { planar_edges: true, ..RegionOptions::default() };
    /// let flat = GeoRegion::from_geometry(0, &g, planar)?;
    /// assert_eq!(great.planar_margin(), 0.0);
    /// assert!(flat.planar_margin() > 0.0 && flat.planar_margin() < 1e-6);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn planar_margin(&self) -> f64 {
        self.planar_margin
    }
}

impl GeoShape {
    fn parts(&self) -> &[GeoShape] {
        match self {
            Self::Collection(parts) => parts,
            _ => std::slice::from_ref(self),
        }
    }
}

fn shape_margin(shape: &GeoShape) -> f64 {
    match shape {
        GeoShape::Points(_) => 0.0,
        GeoShape::Lines(lines) => lines
            .iter()
            .map(|l| chain_margin(l.vertices(), false))
            .fold(0.0, f64::max),
        GeoShape::Polygon(p) => p
            .loops()
            .iter()
            .map(|l| chain_margin(l.vertices(), true))
            .fold(0.0, f64::max),
        GeoShape::Collection(parts) => parts.iter().map(shape_margin).fold(0.0, f64::max),
    }
}

/// The largest distance between a densified piece's great-circle midpoint
/// and its lon/lat midpoint, over the pieces of a chain.
fn chain_margin(v: &[Point], closed: bool) -> f64 {
    let n = v.len();
    let edges = if closed { n } else { n.saturating_sub(1) };
    let mut worst: f64 = 0.0;
    for k in 0..edges {
        let (a, b) = (v[k], v[(k + 1) % n]);
        let (la, lb) = (LatLng::from(a), LatLng::from(b));
        let mut dlng = lb.lng() - la.lng();
        // Densified pieces are short: a jump of more than π is the
        // antimeridian, which the flat map's line crosses the short way
        // only if the input did; the input's own longitudes were kept.
        if dlng > std::f64::consts::PI {
            dlng -= 2.0 * std::f64::consts::PI;
        } else if dlng < -std::f64::consts::PI {
            dlng += 2.0 * std::f64::consts::PI;
        }
        let flat_mid =
            LatLng::from_radians(0.5 * (la.lat() + lb.lat()), la.lng() + 0.5 * dlng).to_point();
        let arc_mid = Point::new(a.x + b.x, a.y + b.y, a.z + b.z).normalize();
        worst = worst.max(flat_mid.angle(&arc_mid));
    }
    worst
}

struct Builder {
    feature: usize,
    options: RegionOptions,
    warnings: Vec<String>,
}

impl Builder {
    fn error(&self, path: String, reason: impl Into<String>) -> ParseError {
        ParseError::InvalidGeometry {
            feature: self.feature,
            path,
            reason: reason.into(),
        }
    }

    fn shape(&mut self, geometry: &Geometry, path: &str) -> Result<GeoShape, ParseError> {
        Ok(match geometry {
            Geometry::Point(p) => GeoShape::Points(vec![p.to_point()]),
            Geometry::MultiPoint(ps) => GeoShape::Points(ps.iter().map(LatLng::to_point).collect()),
            Geometry::LineString(line) => GeoShape::Lines(vec![self.line(line, path)?]),
            Geometry::MultiLineString(lines) => GeoShape::Lines(
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| self.line(l, &format!("{path}[{i}]")))
                    .collect::<Result<_, _>>()?,
            ),
            Geometry::Polygon(rings) => {
                let loops = self.loops(rings, path)?;
                GeoShape::Polygon(Box::new(self.polygon(loops, path)?))
            }
            Geometry::MultiPolygon(polygons) => {
                let mut loops = Vec::new();
                for (i, rings) in polygons.iter().enumerate() {
                    loops.extend(self.loops(rings, &format!("{path}[{i}]"))?);
                }
                GeoShape::Polygon(Box::new(self.polygon(loops, path)?))
            }
            Geometry::GeometryCollection(members) => GeoShape::Collection(
                members
                    .iter()
                    .enumerate()
                    .map(|(i, g)| self.shape(g, &format!("geometries[{i}]")))
                    .collect::<Result<_, _>>()?,
            ),
        })
    }

    fn densified(&self, vertices: &[LatLng], closed: bool) -> Vec<LatLng> {
        if !self.options.planar_edges {
            return vertices.to_vec();
        }
        let n = vertices.len();
        let edges = if closed { n } else { n.saturating_sub(1) };
        let mut out = Vec::with_capacity(n);
        for k in 0..edges {
            let (a, b) = (vertices[k], vertices[(k + 1) % n]);
            let (dlat, dlng) = (
                b.lat_degrees() - a.lat_degrees(),
                b.lng_degrees() - a.lng_degrees(),
            );
            let pieces = (dlat.abs().max(dlng.abs()) / PLANAR_STEP_DEGREES)
                .ceil()
                .max(1.0);
            // At most a few million pieces even for an edge around the globe.
            let pieces = pieces as usize;
            for s in 0..pieces {
                let f = s as f64 / pieces as f64;
                out.push(LatLng::from_degrees(
                    a.lat_degrees() + f * dlat,
                    a.lng_degrees() + f * dlng,
                ));
            }
        }
        if !closed && let Some(&last) = vertices.last() {
            out.push(last);
        }
        out
    }

    fn line(&self, vertices: &[LatLng], path: &str) -> Result<Polyline, ParseError> {
        let v = self.densified(vertices, false);
        Polyline::from_latlngs(&v).map_err(|e| self.error(path.to_string(), e.to_string()))
    }

    fn loops(&mut self, rings: &[Vec<LatLng>], path: &str) -> Result<Vec<Loop>, ParseError> {
        let mut loops = Vec::with_capacity(rings.len());
        for (i, ring) in rings.iter().enumerate() {
            let at = format!("{path}[{i}]");
            let v = without_repeats(&self.densified(ring, true));
            let (mut l, valid) = match Loop::from_points(v.clone()) {
                Ok(l) => (l, true),
                Err(e) if self.options.lenient && v.len() >= 3 => {
                    self.warnings.push(format!(
                        "feature {} at {at}: {e}; covered as given",
                        self.feature
                    ));
                    (Loop::from_points_unchecked(v), false)
                }
                Err(e) => {
                    return Err(
                        self.error(at, format!("{e} (--lenient covers such rings as given)"))
                    );
                }
            };
            // A ring that crosses itself has no meaningful turning angle (a
            // figure eight turns by zero, so `is_normalized` says yes to
            // both orientations): its winding says which way it runs.
            let ccw = if valid {
                l.is_normalized()
            } else {
                winds_counterclockwise(l.vertices())
            };
            if self.options.strict_orientation {
                let hole = i > 0;
                if ccw == hole {
                    let (want, got) = if hole {
                        ("clockwise", "counterclockwise")
                    } else {
                        ("counterclockwise", "clockwise")
                    };
                    let what = if hole { "a hole" } else { "an exterior ring" };
                    return Err(self.error(
                        at,
                        format!(
                            "{what} must be {want} (RFC 7946) but this one is {got} \
                             (drop --strict-orientation to take the smaller region)"
                        ),
                    ));
                }
            }
            // Every loop stands for the smaller region it bounds; nesting
            // then decides which are holes.
            // For a ring that crosses itself, `normalize` cannot tell the
            // two sides apart, and which side the loop took came from the
            // wedge at vertex 1, possibly in the small lobe: Natural Earth's
            // Sudan was the whole sphere but Sudan. The side away from the
            // antipode of the vertices' mean is the smaller one.
            if valid {
                l.normalize();
            } else if l.contains_point(&-vertex_mean(l.vertices())) {
                l.invert();
            }
            loops.push(l);
        }
        Ok(loops)
    }

    fn polygon(&mut self, loops: Vec<Loop>, path: &str) -> Result<Polygon, ParseError> {
        let unchecked = Polygon::from_loops_unchecked(loops);
        match unchecked.validate() {
            Ok(()) => Ok(unchecked),
            Err(e) if self.options.lenient => {
                // A ring already reported explains the polygon's error too.
                let ring_reported = self
                    .warnings
                    .iter()
                    .any(|w| w.starts_with(&format!("feature {} at {path}", self.feature)));
                if ring_reported {
                    return Ok(unchecked);
                }
                self.warnings.push(format!(
                    "feature {} at {path}: {e}; covered as given",
                    self.feature
                ));
                Ok(unchecked)
            }
            Err(e) => Err(self.error(
                path.to_string(),
                format!("{e} (--lenient covers such polygons as given)"),
            )),
        }
    }
}

impl Region for GeoShape {
    fn cap_bound(&self) -> Cap {
        match self {
            Self::Points(ps) => {
                let mut cap = Cap::empty();
                // Google's S2Cap::FromPoint for one point; AddPoint grows it.
                for p in ps {
                    cap.add_point(p);
                }
                cap
            }
            Self::Lines(lines) => union_caps(lines.iter().map(Region::cap_bound)),
            Self::Polygon(p) => p.cap_bound(),
            Self::Collection(parts) => union_caps(parts.iter().map(Region::cap_bound)),
        }
    }

    fn rect_bound(&self) -> LatLngRect {
        match self {
            // Points from a geometry are valid lat/lngs, so from_point succeeds.
            Self::Points(ps) => ps.iter().fold(LatLngRect::empty(), |r, p| {
                LatLngRect::from_point(LatLng::from(*p)).map_or(r, |pr| r.union(&pr))
            }),
            Self::Lines(lines) => lines
                .iter()
                .fold(LatLngRect::empty(), |r, l| r.union(&l.rect_bound())),
            Self::Polygon(p) => p.rect_bound(),
            Self::Collection(parts) => parts
                .iter()
                .fold(LatLngRect::empty(), |r, g| r.union(&g.rect_bound())),
        }
    }

    fn contains_cell(&self, cell: &Cell) -> bool {
        match self {
            Self::Points(_) | Self::Lines(_) => false,
            Self::Polygon(p) => p.contains_cell(cell),
            // Contained by one member: contained. (A cell contained only by
            // the union of several members is missed, which the Region
            // contract allows.)
            Self::Collection(parts) => parts.iter().any(|g| g.contains_cell(cell)),
        }
    }

    fn may_intersect_cell(&self, cell: &Cell) -> bool {
        match self {
            Self::Points(ps) => ps.iter().any(|p| cell.contains_point(p)),
            Self::Lines(lines) => lines.iter().any(|l| l.may_intersect_cell(cell)),
            Self::Polygon(p) => p.may_intersect_cell(cell),
            Self::Collection(parts) => parts.iter().any(|g| g.may_intersect_cell(cell)),
        }
    }

    /// A polygon's own one-pass answer; other shapes ask the two tests.
    fn relate_cell(&self, cell: &Cell, want_contains: bool) -> CellContainment {
        match self {
            Self::Polygon(p) => p.relate_cell(cell, want_contains),
            _ => crate::region::relate_by_tests(self, cell, want_contains),
        }
    }

    fn contains_point(&self, point: &Point) -> bool {
        match self {
            Self::Points(ps) => ps.contains(point),
            Self::Lines(_) => false,
            Self::Polygon(p) => p.contains_point(point),
            Self::Collection(parts) => parts.iter().any(|g| g.contains_point(point)),
        }
    }

    fn cell_union_bound(&self) -> Vec<CellId> {
        match self {
            Self::Polygon(p) => p.cell_union_bound(),
            _ => {
                let mut ids: Vec<CellId> = self
                    .parts()
                    .iter()
                    .flat_map(|g| match g {
                        Self::Collection(_) => g.cell_union_bound(),
                        _ => g.cap_bound().cell_union_bound(),
                    })
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            }
        }
    }
}

fn union_caps(caps: impl Iterator<Item = Cap>) -> Cap {
    caps.fold(Cap::empty(), |mut acc, c| {
        acc.add_cap(&c);
        acc
    })
}

impl Region for GeoRegion {
    fn cap_bound(&self) -> Cap {
        self.shape.cap_bound()
    }

    fn rect_bound(&self) -> LatLngRect {
        self.shape.rect_bound()
    }

    fn contains_cell(&self, cell: &Cell) -> bool {
        self.shape.contains_cell(cell)
    }

    fn may_intersect_cell(&self, cell: &Cell) -> bool {
        self.shape.may_intersect_cell(cell)
    }

    fn contains_point(&self, p: &Point) -> bool {
        self.shape.contains_point(p)
    }

    fn relate_cell(&self, cell: &Cell, want_contains: bool) -> CellContainment {
        self.shape.relate_cell(cell, want_contains)
    }

    fn cell_union_bound(&self) -> Vec<CellId> {
        self.shape.cell_union_bound()
    }
}

/// Whether a ring runs counterclockwise around the mean of its vertices:
/// the sign of `Σ vᵢ × vᵢ₊₁` (twice the signed area vector of a small ring)
/// along that mean. Meaningful for rings smaller than a hemisphere, and
/// defined for rings that cross themselves, where the turning angle is not.
fn winds_counterclockwise(v: &[Point]) -> bool {
    let n = v.len();
    let mut twice_area = Point::new(0.0, 0.0, 0.0);
    for k in 0..n {
        twice_area = twice_area + v[k].cross(&v[(k + 1) % n]);
    }
    twice_area.dot(&vertex_mean(v)) > 0.0
}

/// The sum of the vertices: the direction of their mean.
fn vertex_mean(v: &[Point]) -> Point {
    v.iter().fold(Point::new(0.0, 0.0, 0.0), |acc, p| acc + *p)
}

/// The ring's points with repeated consecutive vertices dropped (also
/// around the end): GeoJSON allows them, a loop does not, and they carry no
/// shape. Points that differ in lat/lng but are the same point (the pole at
/// any longitude, ±180°) count as repeats.
fn without_repeats(ring: &[LatLng]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(ring.len());
    for ll in ring {
        let p = ll.to_point();
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}
