//! Building a [`GeoShape`] from a [`Geometry`]: points and lines as
//! given (or densified for planar edges), and each ring of a polygon
//! checked, repaired under `lenient` and oriented into loops; how the
//! rings' loops then sit together is `nesting`'s.

use super::{GeoShape, RegionOptions};
use crate::io::ParseError;
use crate::io::geometry::Geometry;
use crate::io::planar;
use crate::io::repair::{self, RingPoints};
use crate::{LatLng, Loop, Point, Polyline, RegionError};

/// One geometry's shape being built: the feature and options errors and
/// warnings name, the warnings so far, and what planar lines add.
pub(super) struct Builder {
    pub(super) feature: usize,
    pub(super) options: RegionOptions,
    pub(super) warnings: Vec<String>,
    /// The largest bulge of a planar line's pieces (see `planar_margin`).
    pub(super) line_margin: f64,
    /// Rings lenient dropped as areas but keeps as lines (a ring flat on
    /// the map), for the polygons being built.
    pub(super) kept_lines: Vec<Polyline>,
}

/// One ring of a polygon, as loops (one, or several where the ring was
/// cut where it touches itself).
pub(super) struct RingLoops {
    /// Its JSON path, `coordinates[i][j]`.
    pub(super) path: String,
    /// Its polygon: an index into the geometry's polygons.
    pub(super) polygon: usize,
    pub(super) hole: bool,
    pub(super) loops: Vec<Loop>,
    /// Covered as given although it breaks the loop rules (lenient).
    pub(super) as_given: bool,
}

impl Builder {
    pub(super) fn error(&self, path: String, reason: impl Into<String>) -> ParseError {
        ParseError::InvalidGeometry {
            feature: self.feature,
            path,
            reason: reason.into(),
        }
    }

    pub(super) fn warn(&mut self, path: &str, what: impl std::fmt::Display) {
        self.warnings
            .push(format!("feature {} at {path}: {what}", self.feature));
    }

    pub(super) fn shape(
        &mut self,
        geometry: &Geometry,
        path: &str,
    ) -> Result<GeoShape, ParseError> {
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
