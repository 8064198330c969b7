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
//!   `InitNested`), and must be what GeoJSON says it is: each hole directly
//!   inside its own shell, each shell outside the other polygons (or in a
//!   hole of one). A hole outside its shell, inside another hole, around
//!   its shell or across it, and polygons that overlap are errors naming
//!   the ring, where the nesting alone would have made them another region
//!   (a hole outside its shell would have been a second shell).
//! - **Rings.** A ring of one point repeated is an error (it is no
//!   region), as are a ring collapsed to two points, a spike (out and back
//!   along one edge) and a ring that touches or crosses itself.
//! - **Repairs.** With [`RegionOptions::lenient`], what published data gets
//!   wrong is repaired as GEOS's `MakeValid` and PostGIS's `ST_MakeValid`
//!   read it, each repair a warning naming the feature and ring
//!   ([`GeoRegion::warnings`]): see the option.
//! - **Edges.** S2 edges are great-circle arcs, GeoJSON edges are straight
//!   lines in longitude/latitude. Over a city the two differ by
//!   centimetres; along a 1,000 km parallel by kilometres; and a ring
//!   drawn for a flat map along ±180° or through a pole (the box
//!   `[[-180,-90],[180,-90],[180,-60],[-180,-60]]`, "south of 60°S") encloses
//!   nothing at all with great-circle edges: such a ring is an error that
//!   names `--planar-edges`. With [`RegionOptions::planar_edges`] every edge
//!   is cut into pieces of at most [`PLANAR_STEP_DEGREES`], a ring runs
//!   counterclockwise on the map (the region the map shows is its inside,
//!   whatever its size), and where a piece's straight line bulges out of
//!   the region a vertex is added outside it, so that the region contains
//!   the shape as a flat map draws it and coverings need no growing (they
//!   keep `max_cells` and the levels). Lines cannot be fattened so:
//!   [`GeoRegion::planar_margin`] says how far their coverings must grow.

mod build;
mod nesting;

use build::Builder;

use super::ParseError;
use super::geometry::Geometry;
use crate::{
    Cap, Cell, CellContainment, CellId, LatLng, LatLngRect, Point, Polygon, Polyline, Region,
};

pub use crate::io::planar::PLANAR_STEP_DEGREES;

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
    /// Follow straight lines in longitude/latitude instead of great
    /// circles: the region contains the shape a flat map draws (see the
    /// module's rules).
    pub planar_edges: bool,
    /// Repair rings and polygons that break the rules, with a warning each
    /// ([`GeoRegion::warnings`]), as GEOS's `MakeValid` would: a ring
    /// collapsed to one or two points is dropped (with `planar_edges`, a
    /// ring lying on one line of the map is kept as that line; the holes of a polygon whose shell
    /// is dropped become polygons of their own, the area inside an odd
    /// number of rings, unless `strict_orientation`), spikes are removed and a ring is cut
    /// where it touches itself (the pieces nest as the ring winds: an
    /// inward lobe is a hole), a hole outside its shell or inside another
    /// hole is dropped, a polygon whose holes cross its shell or each other
    /// is its shell minus its holes ([`GeoShape::Difference`]), polygons of
    /// a `MultiPolygon` that overlap are their union
    /// ([`GeoShape::Collection`]), and a hole around its own shell is taken
    /// as the rings nest. A ring that crosses itself (as real-world data
    /// sometimes does by a few centimetres under great-circle edges) is
    /// kept as given: its inside is what it winds around an odd number of
    /// times.
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
    /// The union of several shapes (a `GeometryCollection`; or under
    /// [`RegionOptions::lenient`], the polygons of a `MultiPolygon` that
    /// overlap, each covered on its own).
    Collection(Vec<GeoShape>),
    /// The first shape minus the second: under [`RegionOptions::lenient`],
    /// a polygon whose holes cross its shell or each other, as its shell
    /// minus its holes (what GEOS's `MakeValid` makes of it).
    Difference(Box<GeoShape>, Box<GeoShape>),
}

impl GeoRegion {
    /// The region of a geometry. `feature` is the feature index that errors
    /// name.
    ///
    /// # Errors
    ///
    /// [`ParseError::InvalidGeometry`] naming the feature, the ring or line, and
    /// the problem (in the ring's input positions): a ring of one point, a
    /// ring collapsed to two, a spike, a ring that touches or crosses
    /// itself, an antipodal edge; a hole outside, around, across or inside
    /// another hole of its shell, polygons that overlap; a ring that
    /// encloses nothing with great-circle edges but an area on a flat map
    /// (without `planar_edges`); a wrong orientation under
    /// `strict_orientation`; a line of fewer than two distinct points.
    /// Under `lenient` most of these are repaired instead (see
    /// [`RegionOptions::lenient`]).
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
            line_margin: 0.0,
            kept_lines: Vec::new(),
        };
        let shape = builder.shape(geometry, "coordinates")?;
        Ok(Self {
            shape,
            planar_margin: builder.line_margin,
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

    /// How far (radians) the region's lines may stray from the straight
    /// lon/lat lines they replace under [`RegionOptions::planar_edges`]; 0
    /// otherwise, and for polygons, whose region already contains the
    /// shape a flat map draws. Expand a covering of lines by this much
    /// ([`CellUnion::expand_by_radius`](crate::CellUnion::expand_by_radius))
    /// to contain them as drawn on a flat map.
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
            Self::Difference(shape, _) => shape.parts(),
            _ => std::slice::from_ref(self),
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
            Self::Difference(shape, _) => shape.cap_bound(),
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
            Self::Difference(shape, _) => shape.rect_bound(),
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
            Self::Difference(shape, minus) => {
                shape.contains_cell(cell) && !minus.may_intersect_cell(cell)
            }
        }
    }

    fn may_intersect_cell(&self, cell: &Cell) -> bool {
        match self {
            Self::Points(ps) => ps.iter().any(|p| cell.contains_point(p)),
            Self::Lines(lines) => lines.iter().any(|l| l.may_intersect_cell(cell)),
            Self::Polygon(p) => p.may_intersect_cell(cell),
            Self::Collection(parts) => parts.iter().any(|g| g.may_intersect_cell(cell)),
            Self::Difference(shape, minus) => {
                shape.may_intersect_cell(cell) && !minus.contains_cell(cell)
            }
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
            Self::Difference(shape, minus) => {
                shape.contains_point(point) && !minus.contains_point(point)
            }
        }
    }

    fn cell_union_bound(&self) -> Vec<CellId> {
        match self {
            Self::Polygon(p) => p.cell_union_bound(),
            Self::Difference(shape, _) => shape.cell_union_bound(),
            _ => {
                let mut ids: Vec<CellId> = self
                    .parts()
                    .iter()
                    .flat_map(|g| match g {
                        Self::Collection(_) | Self::Difference(..) => g.cell_union_bound(),
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
