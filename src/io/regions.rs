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

use std::collections::HashMap;

use super::ParseError;
use super::geometry::Geometry;
use crate::io::planar;
use crate::io::repair::{self, RingPoints};
use crate::{
    Cap, Cell, CellContainment, CellId, GeometryError, LatLng, LatLngRect, Loop, Point, Polygon,
    Polyline, Region, RegionError,
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

struct Builder {
    feature: usize,
    options: RegionOptions,
    warnings: Vec<String>,
    /// The largest bulge of a planar line's pieces (see `planar_margin`).
    line_margin: f64,
    /// Rings lenient dropped as areas but keeps as lines (a ring flat on
    /// the map), for the polygons being built.
    kept_lines: Vec<Polyline>,
}

/// One ring of a polygon, as loops (one, or several where the ring was
/// cut where it touches itself).
struct RingLoops {
    /// Its JSON path, `coordinates[i][j]`.
    path: String,
    /// Its polygon: an index into the geometry's polygons.
    polygon: usize,
    hole: bool,
    loops: Vec<Loop>,
    /// Covered as given although it breaks the loop rules (lenient).
    as_given: bool,
}

/// Something wrong with how a `MultiPolygon`'s rings sit together, found
/// once each ring is a valid loop: which ring, what, and what lenient does.
struct Misplaced {
    ring: usize,
    reason: String,
    fix: Fix,
}

enum Fix {
    /// The ring subtracts nothing: drop it.
    DropHole,
    /// A hole around its own shell: take the rings as they nest (the hole
    /// as the outer ring, the shell as a hole in it).
    AsNested,
    /// Cover the ring's polygon on its own, as its shell minus its holes
    /// (and the union with the others).
    Apart,
}

impl Builder {
    fn error(&self, path: String, reason: impl Into<String>) -> ParseError {
        ParseError::InvalidGeometry {
            feature: self.feature,
            path,
            reason: reason.into(),
        }
    }

    fn warn(&mut self, path: &str, what: impl std::fmt::Display) {
        self.warnings
            .push(format!("feature {} at {path}: {what}", self.feature));
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
            Geometry::Polygon(rings) => self.polygons(&[(rings, path.to_string())])?,
            Geometry::MultiPolygon(polygons) => {
                let polys: Vec<(&Vec<Vec<LatLng>>, String)> = polygons
                    .iter()
                    .enumerate()
                    .map(|(i, rings)| (rings, format!("{path}[{i}]")))
                    .collect();
                self.polygons(&polys)?
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

    fn line(&mut self, vertices: &[LatLng], path: &str) -> Result<Polyline, ParseError> {
        let result = if self.options.planar_edges {
            let dense = planar::densify(vertices, false);
            self.line_margin = self.line_margin.max(planar::chain_margin(&dense));
            let v: Vec<LatLng> = dense.into_iter().map(|(ll, _)| ll).collect();
            Polyline::from_latlngs(&v)
        } else {
            Polyline::from_latlngs(vertices)
        };
        result.map_err(|e| self.error(path.to_string(), e.to_string()))
    }

    /// The loops of the rings of one or more polygons (a `MultiPolygon`'s,
    /// or a Polygon's alone), checked and, when lenient, repaired.
    fn polygons(
        &mut self,
        polygons: &[(&Vec<Vec<LatLng>>, String)],
    ) -> Result<GeoShape, ParseError> {
        let mut rings: Vec<RingLoops> = Vec::new();
        // Polygons made of the holes of a polygon whose shell is gone.
        let mut count = polygons.len();
        for (p, (polygon, path)) in polygons.iter().enumerate() {
            let mut shell_gone = false;
            for (j, ring) in polygon.iter().enumerate() {
                let at = format!("{path}[{j}]");
                // With the shell gone, its holes are covered as polygons
                // of their own (the area inside an odd number of rings, as
                // GEOS's MakeValid reads it), built as shells; under
                // --strict-orientation, where a hole's winding means the
                // other side, they go with the shell.
                let hole = j > 0 && !shell_gone;
                let (loops, as_given) = self.ring(ring, &at, hole)?;
                if loops.is_empty() && j == 0 {
                    // Lenient: the shell is gone (reported).
                    if polygon.len() > 1 {
                        let n = polygon.len() - 1;
                        if self.options.strict_orientation {
                            let holes = if n == 1 {
                                "its hole goes".to_owned()
                            } else {
                                format!("its {n} holes go")
                            };
                            self.warn(
                                path,
                                format!(
                                    "the polygon has no shell left, so {holes} with it \
                                     (--strict-orientation)"
                                ),
                            );
                            break;
                        }
                        let what = if n == 1 {
                            "its hole is covered as a polygon of its own".to_owned()
                        } else {
                            format!("its {n} holes are covered as polygons of their own")
                        };
                        self.warn(path, format!("the polygon has no shell left: {what}"));
                    }
                    shell_gone = true;
                    continue;
                }
                let polygon = if shell_gone {
                    count += 1;
                    count - 1
                } else {
                    p
                };
                rings.push(RingLoops {
                    path: at,
                    polygon,
                    hole,
                    loops,
                    as_given,
                });
            }
        }
        let shape = self.assemble(rings, count)?;
        if self.kept_lines.is_empty() {
            return Ok(shape);
        }
        let lines = GeoShape::Lines(std::mem::take(&mut self.kept_lines));
        Ok(match shape {
            GeoShape::Collection(mut parts) => {
                parts.push(lines);
                GeoShape::Collection(parts)
            }
            shape => GeoShape::Collection(vec![shape, lines]),
        })
    }

    /// One ring's loops and whether it is covered as given: normally one
    /// loop; none for a ring dropped by lenient repairs; several where
    /// lenient cut a ring that touches itself.
    fn ring(
        &mut self,
        ring: &[LatLng],
        at: &str,
        hole: bool,
    ) -> Result<(Vec<Loop>, bool), ParseError> {
        let planar = self.options.planar_edges;
        let lenient = self.options.lenient;
        // Planar edges: counterclockwise on the map, so that the region
        // the map shows is on the left.
        let map_area = if planar {
            repair::planar_signed_area(ring)
        } else {
            0.0
        };
        if planar && repair::flat_on_map(ring) {
            let distinct =
                RingPoints::new(ring.iter().enumerate().map(|(i, ll)| (ll.to_point(), i)))
                    .distinct();
            // Fewer distinct points: the checks below name what it is.
            if distinct >= 3 {
                let what = "on a flat map this ring encloses no area (its vertices lie on one \
                            line of the map, as a map's edge at a pole drawn as a ring does)";
                if !lenient {
                    return Err(self.error(
                        at.to_string(),
                        format!("{what} (--lenient covers it as a line)"),
                    ));
                }
                // As GEOS's MakeValid keeps a collapsed ring: a line, so
                // that points on it are still covered.
                let closed: Vec<LatLng> = ring.iter().chain(ring.first()).copied().collect();
                let line = self.line(&closed, at)?;
                self.kept_lines.push(line);
                self.warn(at, format_args!("{what}; covered as a line, not an area"));
                return Ok((Vec::new(), false));
            }
        }
        if planar && self.options.strict_orientation && (map_area > 0.0) == hole {
            return Err(self.orientation_error(at, hole));
        }
        let points = if planar {
            let mut dense = planar::densify(ring, true);
            if map_area < 0.0 {
                // Each point is labelled with the input edge its piece
                // starts; run backwards, a piece starts at the other end.
                dense.reverse();
                let first = dense.first().map(|&(_, at)| at);
                let m = dense.len();
                for k in 0..m {
                    dense[k].1 = if k + 1 < m {
                        dense[k + 1].1
                    } else {
                        first.unwrap_or(0)
                    };
                }
            }
            // A shell's region is on its left, a hole's on its right.
            let (pts, _) = planar::enclosing_ring(&dense, !hole);
            RingPoints::new(pts)
        } else {
            RingPoints::new(ring.iter().enumerate().map(|(i, ll)| (ll.to_point(), i)))
        };
        if points.points.len() == 1 {
            let what = "the ring is one point repeated";
            if !lenient {
                return Err(self.error(at.to_string(), format!("{what} (--lenient drops it)")));
            }
            self.warn(at, format_args!("{what}; dropped"));
            return Ok((Vec::new(), false));
        }
        let whole = match Loop::from_points(points.points.clone()) {
            Ok(l) => l,
            Err(e) => return self.repaired_ring(at, hole, &points, &e),
        };
        let l = self.oriented(whole, at, hole, true)?;
        if !planar && let Some((sphere, map)) = repair::flat_map_only(ring, &l) {
            return Err(self.error(
                at.to_string(),
                format!(
                    "with great-circle edges this ring encloses {} but on a flat map \
                     {}: it runs along ±180° or through a pole, as a lon/lat box drawn \
                     for a flat map does (--planar-edges follows straight lon/lat edges)",
                    area_text(sphere),
                    area_text(map)
                ),
            ));
        }
        Ok((vec![l], false))
    }

    /// A ring that is no valid loop: an error naming what is wrong, or
    /// with lenient, its repair (cut at its repeated vertices, spikes and
    /// collapsed rings dropped) or the ring as given.
    fn repaired_ring(
        &mut self,
        at: &str,
        hole: bool,
        points: &RingPoints,
        e: &RegionError,
    ) -> Result<(Vec<Loop>, bool), ParseError> {
        let lenient = self.options.lenient;
        let split = repair::split_at_repeats(points);
        if split.pieces.is_empty() {
            let what = format!(
                "the ring has collapsed to {} distinct points (as quantization or \
                 simplification leaves tiny rings)",
                points.distinct()
            );
            if !lenient {
                return Err(self.error(at.to_string(), format!("{what} (--lenient drops it)")));
            }
            self.warn(at, format_args!("{what}; dropped"));
            return Ok((Vec::new(), false));
        }
        if split.is_simple() {
            // No repeated vertex: the ring crosses itself.
            let e = repair::loop_error(e, points);
            if !lenient {
                return Err(self.error(
                    at.to_string(),
                    format!("{e} (--lenient covers such rings as given)"),
                ));
            }
            self.warn(at, format_args!("{e}; covered as given"));
            let l = Loop::from_points_unchecked(points.points.clone());
            return Ok((vec![self.oriented(l, at, hole, false)?], true));
        }
        let what = repair::describe(&split);
        if !lenient {
            return Err(self.error(
                at.to_string(),
                format!(
                    "{what} (--lenient removes spikes and cuts a ring where it touches itself)"
                ),
            ));
        }
        if self.options.strict_orientation {
            let ccw = winds_counterclockwise(&points.points);
            if ccw == hole {
                return Err(self.orientation_error(at, hole));
            }
        }
        let mut repairs = vec![what];
        let mut as_given = false;
        let mut loops = Vec::with_capacity(split.pieces.len());
        let pieces = split.pieces.len();
        for piece in split.pieces {
            match Loop::from_points(piece.points.clone()) {
                Ok(mut l) => {
                    l.normalize();
                    loops.push(l);
                }
                Err(e) => {
                    let e = repair::loop_error(&e, &piece);
                    repairs.push(format!("a piece of it: {e}, covered as given"));
                    as_given = true;
                    let mut l = Loop::from_points_unchecked(piece.points);
                    if l.contains_point(&-vertex_mean(l.vertices())) {
                        l.invert();
                    }
                    loops.push(l);
                }
            }
        }
        let cut = if pieces > 1 {
            format!(", cut into {pieces} rings")
        } else {
            String::new()
        };
        let what = repairs.join("; ");
        self.warn(at, format_args!("{what}; repaired{cut}"));
        Ok((loops, as_given))
    }

    fn orientation_error(&self, at: &str, hole: bool) -> ParseError {
        let (want, got) = if hole {
            ("clockwise", "counterclockwise")
        } else {
            ("counterclockwise", "clockwise")
        };
        let what = if hole { "a hole" } else { "an exterior ring" };
        self.error(
            at.to_string(),
            format!(
                "{what} must be {want} (RFC 7946) but this one is {got} \
                 (drop --strict-orientation to take the smaller region)"
            ),
        )
    }

    /// The loop as the region it stands for. Great-circle edges: the
    /// smaller side (after the `--strict-orientation` check); planar
    /// edges: as built, counterclockwise on the map.
    fn oriented(&self, mut l: Loop, at: &str, hole: bool, valid: bool) -> Result<Loop, ParseError> {
        if self.options.planar_edges {
            return Ok(l);
        }
        // A ring that crosses itself has no meaningful turning angle (a
        // figure eight turns by zero, so `is_normalized` says yes to both
        // orientations): its winding says which way it runs.
        let ccw = if valid {
            l.is_normalized()
        } else {
            winds_counterclockwise(l.vertices())
        };
        if self.options.strict_orientation && ccw == hole {
            return Err(self.orientation_error(at, hole));
        }
        // Every loop stands for the smaller region it bounds; nesting then
        // decides which are holes. For a ring that crosses itself,
        // `normalize` cannot tell the two sides apart, and which side the
        // loop took came from the wedge at vertex 1, possibly in the small
        // lobe: Natural Earth's Sudan was the whole sphere but Sudan. The
        // side away from the antipode of the vertices' mean is the smaller
        // one.
        if valid {
            l.normalize();
        } else if l.contains_point(&-vertex_mean(l.vertices())) {
            l.invert();
        }
        Ok(l)
    }

    /// The rings' loops as one shape: a polygon of all of them when they
    /// nest as GeoJSON means (holes inside their shells, polygons apart);
    /// otherwise an error naming the ring, or with lenient, the polygons at
    /// fault apart, each its shell minus its holes, with a warning.
    fn assemble(
        &mut self,
        mut rings: Vec<RingLoops>,
        polygons: usize,
    ) -> Result<GeoShape, ParseError> {
        let mut apart = vec![false; polygons];
        for r in &rings {
            if r.as_given {
                apart[r.polygon] = true;
            }
        }
        let mut dropped = vec![false; rings.len()];
        let mut accepted = vec![false; rings.len()];
        let main = loop {
            // Moved in; moved back out if the polygon will not do.
            let mut owner: HashMap<*const Point, usize> = HashMap::new();
            let mut loops = Vec::new();
            for (i, r) in rings.iter_mut().enumerate() {
                if apart[r.polygon] || dropped[i] {
                    continue;
                }
                for l in r.loops.drain(..) {
                    owner.insert(l.vertices().as_ptr(), i);
                    loops.push(l);
                }
            }
            let polygon = Polygon::from_loops_unchecked(loops);
            let owners: Vec<usize> = polygon
                .loops()
                .iter()
                .map(|l| owner[&l.vertices().as_ptr()])
                .collect();
            let problem = match polygon.validate() {
                Ok(()) => misplaced(&polygon, &owners, &rings, &accepted),
                Err(e) => Some(crossing(&e, &owners, &rings)),
            };
            let Some(problem) = problem else {
                break polygon;
            };
            let ring = &rings[problem.ring];
            if !self.options.lenient {
                let (path, reason) = (ring.path.clone(), problem.reason);
                let hint = match problem.fix {
                    Fix::DropHole => "--lenient drops it",
                    Fix::AsNested => "--lenient takes the rings as they nest, this one outside",
                    Fix::Apart if ring.hole => "--lenient covers the shell minus its holes",
                    Fix::Apart => "--lenient covers the union of the polygons",
                };
                return Err(self.error(path, format!("{reason} ({hint})")));
            }
            let how = match problem.fix {
                Fix::DropHole => {
                    dropped[problem.ring] = true;
                    "dropped"
                }
                Fix::AsNested => {
                    accepted[problem.ring] = true;
                    "covered as the rings nest, with the shell as a hole in this ring"
                }
                Fix::Apart => {
                    apart[ring.polygon] = true;
                    if ring.hole {
                        "covered as the shell minus its holes"
                    } else {
                        "covered as the union of the polygons"
                    }
                }
            };
            let path = ring.path.clone();
            self.warn(&path, format_args!("{}; {how}", problem.reason));
            for (l, &o) in polygon.loops().iter().zip(&owners) {
                rings[o].loops.push(l.clone());
            }
        };
        let mut parts = Vec::new();
        if main.num_loops() > 0 || !apart.contains(&true) {
            parts.push(GeoShape::Polygon(Box::new(main)));
        }
        for (p, _) in apart.iter().enumerate().filter(|(_, a)| **a) {
            let of = |hole: bool| -> Vec<GeoShape> {
                rings
                    .iter()
                    .filter(|r| r.polygon == p && r.hole == hole)
                    .map(|r| {
                        GeoShape::Polygon(Box::new(Polygon::from_loops_unchecked(r.loops.clone())))
                    })
                    .collect()
            };
            let shell = of(false);
            let mut holes = of(true);
            let Some(shell) = shell.into_iter().next() else {
                continue;
            };
            parts.push(match holes.len() {
                0 => shell,
                1 => GeoShape::Difference(Box::new(shell), Box::new(holes.remove(0))),
                _ => GeoShape::Difference(Box::new(shell), Box::new(GeoShape::Collection(holes))),
            });
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            GeoShape::Collection(parts)
        })
    }
}

/// Each loop's parent in a nested polygon (`None` for a shell at depth
/// 0), in one pass over the pre-order.
fn parents(polygon: &Polygon) -> Vec<Option<usize>> {
    let mut stack: Vec<(u32, usize)> = Vec::new();
    polygon
        .loops()
        .iter()
        .enumerate()
        .map(|(i, l)| {
            while stack.last().is_some_and(|&(d, _)| d >= l.depth()) {
                stack.pop();
            }
            let parent = stack.last().map(|&(_, j)| j);
            stack.push((l.depth(), i));
            parent
        })
        .collect()
}

/// In a valid polygon of the rings' loops, the first ring that does not
/// sit where GeoJSON puts it (and was not `accepted` so): a hole whose
/// parent is not its own shell, or a shell inside another polygon's shell
/// (not in a hole of it).
fn misplaced(
    polygon: &Polygon,
    owners: &[usize],
    rings: &[RingLoops],
    accepted: &[bool],
) -> Option<Misplaced> {
    let parents = parents(polygon);
    let shell_of = |p: usize| rings.iter().position(|x| x.polygon == p && !x.hole);
    for (i, parent) in parents.iter().enumerate() {
        let r = owners[i];
        let parent = parent.map(|j| owners[j]);
        // A piece of a ring cut where it touches itself, inside another.
        if parent == Some(r) || accepted[r] {
            continue;
        }
        let ring = &rings[r];
        let shell_path = shell_of(ring.polygon).map_or_else(String::new, |s| rings[s].path.clone());
        match parent.map(|j| &rings[j]) {
            Some(q) if ring.hole && q.polygon == ring.polygon && !q.hole => {}
            Some(q) if ring.hole && q.polygon == ring.polygon => {
                return Some(Misplaced {
                    ring: r,
                    reason: format!("this hole lies inside another hole, {}", q.path),
                    fix: Fix::DropHole,
                });
            }
            _ if ring.hole => {
                // Its own shell inside it: the roles look swapped.
                let around = parents
                    .iter()
                    .enumerate()
                    .any(|(k, pk)| *pk == Some(i) && Some(owners[k]) == shell_of(ring.polygon));
                let (reason, fix) = if around {
                    (
                        format!("this hole lies around its shell, {shell_path}"),
                        Fix::AsNested,
                    )
                } else {
                    (
                        format!("this hole lies outside its shell, {shell_path}"),
                        Fix::DropHole,
                    )
                };
                return Some(Misplaced {
                    ring: r,
                    reason,
                    fix,
                });
            }
            Some(q) if !q.hole => {
                return Some(Misplaced {
                    ring: r,
                    reason: format!(
                        "this polygon lies inside the polygon of {}, where it would count as a \
                         hole (the polygons of a MultiPolygon must not overlap)",
                        q.path
                    ),
                    fix: Fix::Apart,
                });
            }
            _ => {}
        }
    }
    None
}

/// What a polygon's validation error means in terms of the rings: which
/// two cross or share an edge.
fn crossing(e: &RegionError, owners: &[usize], rings: &[RingLoops]) -> Misplaced {
    let pair = match e {
        RegionError::InvalidPolygon {
            reason:
                GeometryError::LoopsCross { loop_a, loop_b, .. }
                | GeometryError::LoopsShareEdge { loop_a, loop_b, .. },
            ..
        } => Some((owners[*loop_a], owners[*loop_b])),
        _ => None,
    };
    let verb = match e {
        RegionError::InvalidPolygon {
            reason: GeometryError::LoopsShareEdge { .. },
            ..
        } => "shares an edge with",
        _ => "crosses",
    };
    let Some((a, b)) = pair else {
        // Some other rule (a full loop with others, pieces of one ring
        // that cross): cover that polygon as given.
        let r = match e {
            RegionError::InvalidPolygon {
                loop_index: Some(i),
                ..
            } => owners[*i],
            _ => 0,
        };
        return Misplaced {
            ring: r,
            reason: e.to_string(),
            fix: Fix::Apart,
        };
    };
    // Name the hole, or the later polygon.
    let (a, b) = if rings[b].hole || (!rings[a].hole && rings[b].polygon > rings[a].polygon) {
        (b, a)
    } else {
        (a, b)
    };
    let (ra, rb) = (&rings[a], &rings[b]);
    let reason = if a == b {
        "pieces of this ring (cut where it touches itself) cross each other".to_owned()
    } else if ra.polygon != rb.polygon {
        format!(
            "this ring {verb} {} of another polygon (the polygons of a MultiPolygon must not \
             overlap)",
            rb.path
        )
    } else if ra.hole && !rb.hole {
        format!("this hole {verb} its shell, {}", rb.path)
    } else if ra.hole {
        format!("this hole {verb} another hole, {}", rb.path)
    } else {
        format!("this ring {verb} {}", rb.path)
    };
    Misplaced {
        ring: a,
        reason,
        fix: Fix::Apart,
    }
}

/// An area for a message: m² or km² of the Earth, in digits grouped by
/// thousands.
fn area_text(steradians: f64) -> String {
    let m2 = steradians * crate::earth::RADIUS_METERS * crate::earth::RADIUS_METERS;
    let grouped = |n: f64| {
        let digits = format!("{n:.0}");
        let mut out = String::new();
        for (k, c) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    if m2 >= 1e6 {
        format!("{} km²", grouped(m2 / 1e6))
    } else if m2 >= 1.0 {
        format!("{} m²", grouped(m2))
    } else {
        format!("{m2:.1e} m²")
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
