//! What a region's outline is made of on the map: rings, lines and dots
//! in degrees (x = longitude, y = latitude), from the region's shape or
//! the command line's rect or cap, placed around the map's centre.

use s2cells::io::GeoShape;
use s2cells::{LatLng, earth};

use super::map::{self, cap_ring, densify, path_pieces, place, shifted};

/// What the outline of a region is made of, in degrees (x = lng, y = lat).
pub(super) enum Mark {
    /// A closed ring; `hole` for a polygon's holes; `polar` when it
    /// winds around a pole (see [`map::Placed`]).
    Ring {
        pts: Vec<(f64, f64)>,
        hole: bool,
        polar: bool,
    },
    Line(Vec<(f64, f64)>),
    Dot((f64, f64)),
}

impl Mark {
    /// The open paths that draw this outline: a ring's boundary closed
    /// back to its start (without the stretch along the pole that closes
    /// a polar ring), on a world-wide map cut to the turn of longitude
    /// `xs`. Dots have none.
    pub(super) fn paths(&self, world: bool, xs: (f64, f64)) -> Vec<Vec<(f64, f64)>> {
        match self {
            Mark::Ring { pts, polar, .. } => {
                let placed = map::Placed {
                    pts: pts.clone(),
                    polar: *polar,
                };
                path_pieces(&placed.boundary(true), world, xs)
            }
            Mark::Line(pts) => path_pieces(pts, world, xs),
            Mark::Dot(_) => vec![],
        }
    }
}

/// A region's outline on the sphere: paths, whether each is a hole, and
/// what each is (`RING_FLAT`, `RING`, `LINE`, `DOT`).
pub(super) type Outline = (Vec<Vec<LatLng>>, Vec<bool>, Vec<u8>);

pub(super) const RING_FLAT: u8 = 0;
pub(super) const RING: u8 = 1;
pub(super) const LINE: u8 = 2;
pub(super) const DOT: u8 = 3;

/// The outline of a cap given as on the command line. Its longitudes wrap
/// at ±180° and it may wind around a pole, so it is placed like a
/// polygon's ring (placed as a rect's corners are, a cap over a pole was
/// drawn with a line across the whole picture).
pub(super) fn cap_outline(lat: f64, lng: f64, radius_m: f64) -> Outline {
    let ring = cap_ring(
        LatLng::from_degrees(lat, lng).to_point(),
        earth::meters_to_radians(radius_m),
    );
    (vec![ring], vec![false], vec![RING])
}

/// The marks that draw a region's outline on a map centred on `centre`.
pub(super) fn outline_marks((rings, holes, kinds): &Outline, centre: f64) -> Vec<Mark> {
    let mut marks = Vec::new();
    for ((ring, &hole), &k) in rings.iter().zip(holes).zip(kinds) {
        let pts: Vec<(f64, f64)> = ring
            .iter()
            .map(|p| (p.lng_degrees(), p.lat_degrees()))
            .collect();
        if pts.is_empty() {
            continue;
        }
        marks.push(match k {
            DOT => Mark::Dot(place(vec![pts[0]], centre, false).pts[0]),
            // A rect's corners are already in one continuous range.
            RING_FLAT => Mark::Ring {
                pts: shifted(pts, centre),
                hole,
                polar: false,
            },
            LINE => Mark::Line(place(pts, centre, false).pts),
            _ => {
                let placed = place(pts, centre, true);
                Mark::Ring {
                    pts: placed.pts,
                    hole,
                    polar: placed.polar,
                }
            }
        });
    }
    marks
}

/// The outline of a GeoJSON shape: rings (great-circle edges densified),
/// lines, points.
pub(super) fn shape_marks(
    shape: &GeoShape,
    rings: &mut Vec<Vec<LatLng>>,
    holes: &mut Vec<bool>,
    kinds: &mut Vec<u8>,
) {
    match shape {
        GeoShape::Points(pts) => {
            for p in pts {
                rings.push(vec![LatLng::from(*p)]);
                holes.push(false);
                kinds.push(DOT);
            }
        }
        GeoShape::Lines(lines) => {
            for l in lines {
                rings.push(densify(l.vertices(), false));
                holes.push(false);
                kinds.push(LINE);
            }
        }
        GeoShape::Polygon(p) => {
            for l in p.loops() {
                if l.is_empty() || l.is_full() {
                    continue;
                }
                rings.push(densify(l.vertices(), true));
                holes.push(l.is_hole());
                kinds.push(RING);
            }
        }
        GeoShape::Collection(parts) => {
            for s in parts {
                shape_marks(s, rings, holes, kinds);
            }
        }
        // A shell minus holes that break the rules (lenient): the holes'
        // rings drawn as holes.
        GeoShape::Difference(shape, minus) => {
            shape_marks(shape, rings, holes, kinds);
            let from = holes.len();
            shape_marks(minus, rings, holes, kinds);
            for h in &mut holes[from..] {
                *h = !*h;
            }
        }
    }
}
