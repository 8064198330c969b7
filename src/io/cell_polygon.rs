//! Cells as polygons in longitude/latitude degrees, for flat maps and
//! GeoJSON: the outline a map viewer, a GeoJSON file or a plotting library
//! draws for a cell.
//!
//! A cell's edges are great-circle arcs; drawn as straight lines between
//! the four vertices, a coarse cell would be the wrong shape on a flat
//! map, so its edges get points along them. A cell across the ±180°
//! meridian is cut there into two polygons (as RFC 7946 asks), and the two
//! face cells around the poles, whose boundary runs all the way round in
//! longitude, are closed over their pole.
//!
//! ```
//! use s2cells::io::cell_polygons;
//! use s2cells::{CellId, LatLng};
//!
//! let porto_alegre = CellId::from_latlng(LatLng::from_degrees(-30.0438, -51.14022)).parent(15);
//! let rings = cell_polygons(porto_alegre);
//! assert_eq!(rings.len(), 1);
//! assert_eq!(rings[0].len(), 5); // four vertices and the closing one
//! assert_eq!(rings[0][0], rings[0][4]);
//! ```

use crate::cell::{Cell, CellId};
use crate::geom::{LatLng, Point};

/// The points of great-circle edge `a → b` (unit vectors) at the fractions
/// `k / pieces` of the chord, `k = 0..pieces`, projected back onto the
/// sphere: on the edge, close to evenly spaced (exactly for short edges),
/// `a` first and `b` left out, so that consecutive edges chain.
///
/// ```
/// use s2cells::io::edge_points;
/// use s2cells::LatLng;
/// let (a, b) = (LatLng::from_degrees(0.0, 0.0).to_point(), LatLng::from_degrees(0.0, 90.0).to_point());
/// let pts: Vec<LatLng> = edge_points(&a, &b, 2).map(LatLng::from).collect();
/// assert_eq!(pts.len(), 2);
/// assert!((pts[1].lng_degrees() - 45.0).abs() < 1e-12 && pts[1].lat_degrees().abs() < 1e-12);
/// ```
pub fn edge_points(a: &Point, b: &Point, pieces: usize) -> impl Iterator<Item = Point> {
    let (a, b) = (*a, *b);
    (0..pieces).map(move |s| {
        let f = s as f64 / pieces as f64;
        Point::new(
            a.x + f * (b.x - a.x),
            a.y + f * (b.y - a.y),
            a.z + f * (b.z - a.z),
        )
        .normalize()
    })
}

/// How many pieces [`cell_polygons`] cuts each edge of a cell at `level`
/// into: `2^(6 - level)` below level 6 (64 on a face cell's 90° edge,
/// about 1.4° apart), then 1, the vertices alone (an edge of a level-6
/// cell, about 1.4° long, bows by less than a thousandth of a degree).
///
/// ```
/// use s2cells::io::default_pieces_per_edge;
/// assert_eq!((default_pieces_per_edge(0), default_pieces_per_edge(5)), (64, 2));
/// assert_eq!(default_pieces_per_edge(6), 1);
/// ```
#[must_use]
pub fn default_pieces_per_edge(level: u8) -> usize {
    1 << 6u8.saturating_sub(level).min(6)
}

/// A cell's boundary on the sphere as lat/lngs: from vertex 0,
/// counter-clockwise, each edge cut into `pieces_per_edge` pieces (at
/// least 1) by [`edge_points`]; the ring is not closed (the first point is
/// not repeated). An invalid id gives an empty ring.
///
/// ```
/// use s2cells::io::cell_boundary;
/// use s2cells::{CellId, LatLng};
/// let c = CellId::from_face(1).child(2);
/// let ring = cell_boundary(c, 4);
/// assert_eq!(ring.len(), 16);
/// assert_eq!(cell_boundary(c, 1)[2], LatLng::from(s2cells::Cell::from(c).vertex(2)));
/// ```
#[must_use]
pub fn cell_boundary(id: CellId, pieces_per_edge: usize) -> Vec<LatLng> {
    if !id.is_valid() {
        return Vec::new();
    }
    let cell = Cell::from(id);
    let per_edge = pieces_per_edge.max(1);
    let mut ring = Vec::with_capacity(4 * per_edge);
    for k in 0..4 {
        let (a, b) = (cell.vertex(k), cell.vertex((k + 1) % 4));
        ring.extend(edge_points(&a, &b, per_edge).map(LatLng::from));
    }
    ring
}

/// A cell as polygons in `[longitude, latitude]` degrees, each a closed
/// ring (first point repeated last), counter-clockwise on the lon/lat
/// plane, with [`default_pieces_per_edge`] points along each edge:
///
/// - one ring for a cell within -180..=180° of longitude;
/// - two for a cell across the ±180° meridian: the ring cut there, the
///   part past it moved by 360°, so both lie within -180..=180 (RFC 7946's
///   antimeridian cutting);
/// - for the face cells around the poles (faces 2 and 5 at level 0) one
///   ring along the boundary from -180° to 180°, closed over the pole; a
///   smaller cell with a vertex at a pole gets the pole's latitude between
///   its neighbouring points' longitudes, not a spike to one longitude.
///
/// An invalid id gives no ring. These are the polygons `s2cells cover
/// --format geojson` writes (`cell_geojson`, feature `geojson`).
///
/// ```
/// use s2cells::io::cell_polygons;
/// use s2cells::{CellId, LatLng};
///
/// // Face 3 is centred on the antimeridian: two rings, east and west.
/// let rings = cell_polygons(CellId::from_face(3));
/// assert_eq!(rings.len(), 2);
/// assert!(rings.iter().flatten().all(|p| (-180.0..=180.0).contains(&p[0])));
/// // Its children end at the antimeridian: one ring each.
/// let west = CellId::from_latlng(LatLng::from_degrees(10.0, -179.0)).parent(1);
/// assert_eq!(cell_polygons(west).len(), 1);
/// // The north polar face, closed over the pole.
/// let north = cell_polygons(CellId::from_face(2));
/// assert!(north[0].iter().any(|p| p[1] == 90.0));
/// ```
#[must_use]
pub fn cell_polygons(id: CellId) -> Vec<Vec<[f64; 2]>> {
    let ring: Vec<[f64; 2]> = cell_boundary(id, default_pieces_per_edge(id.level()))
        .iter()
        .map(|ll| [ll.lng_degrees(), ll.lat_degrees()])
        .collect();
    if ring.is_empty() {
        return Vec::new();
    }
    if id.is_face() && (id.face() == 2 || id.face() == 5) {
        return vec![closed(polar_face(&ring, id.face() == 2))];
    }
    let mut ring = pole_as_stretch(ring);
    // Unwrap longitudes so the ring is continuous; then split at 180.
    for k in 1..ring.len() {
        let d = ring[k][0] - ring[k - 1][0];
        if d > 180.0 {
            ring[k][0] -= 360.0;
        } else if d < -180.0 {
            ring[k][0] += 360.0;
        }
    }
    let (lo, hi) = ring
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), p| (l.min(p[0]), h.max(p[0])));
    // A ring that fits within ±180° once moved by a turn (a cell with an
    // edge on the antimeridian, whose first vertex said +180) is moved,
    // not cut into itself and a sliver.
    let turn = if hi > 180.0 && lo - 360.0 >= -180.0 {
        -360.0
    } else if lo < -180.0 && hi + 360.0 <= 180.0 {
        360.0
    } else {
        0.0
    };
    if turn != 0.0 {
        for p in &mut ring {
            p[0] += turn;
        }
        return vec![closed(ring)];
    }
    if lo >= -180.0 && hi <= 180.0 {
        return vec![closed(ring)];
    }
    // The part past the cut moves by 360° to the other side.
    let (cut, shift) = if hi > 180.0 {
        (180.0, -360.0)
    } else {
        (-180.0, 360.0)
    };
    let stays = clip_at_meridian(&ring, cut, cut > 0.0);
    let moves: Vec<[f64; 2]> = clip_at_meridian(&ring, cut, cut < 0.0)
        .into_iter()
        .map(|p| [p[0] + shift, p[1]])
        .collect();
    vec![closed(stays), closed(moves)]
}

/// The ring with a vertex at a pole (which has no longitude of its own:
/// the cells of faces 2 and 5 below level 0 that meet at the pole) made
/// the stretch of the pole's latitude between its neighbours' longitudes,
/// which is what the cell covers there on a flat map.
fn pole_as_stretch(ring: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    let at_pole = |p: &[f64; 2]| p[1].abs() > 90.0 - 1e-9;
    if !ring.iter().any(at_pole) {
        return ring;
    }
    let n = ring.len();
    let mut out = Vec::with_capacity(n + 1);
    for (k, p) in ring.iter().enumerate() {
        if at_pole(p) {
            let pole = 90f64.copysign(p[1]);
            out.push([ring[(k + n - 1) % n][0], pole]);
            out.push([ring[(k + 1) % n][0], pole]);
        } else {
            out.push(*p);
        }
    }
    out
}

/// A face cell around a pole: its boundary (any order, longitudes within
/// ±180°) sorted round, from one side of the map to the other, then along
/// the pole back: counter-clockwise on the lon/lat plane.
fn polar_face(ring: &[[f64; 2]], north: bool) -> Vec<[f64; 2]> {
    let pole = if north { 90.0 } else { -90.0 };
    let mut pts = ring.to_vec();
    pts.sort_by(|a, b| a[0].total_cmp(&b[0]));
    if !north {
        pts.reverse();
    }
    let first = pts[0];
    let last = pts[pts.len() - 1];
    let (w, e) = if north {
        (-180.0, 180.0)
    } else {
        (180.0, -180.0)
    };
    let mut out = vec![[w, first[1]]];
    out.extend(pts);
    out.push([e, last[1]]);
    out.push([e, pole]);
    out.push([w, pole]);
    out
}

/// The part of a lon/lat ring (`[longitude, latitude]` points, closed or
/// not) west (`keep_west`) or east of the meridian `lng`, as a ring of
/// its own: Sutherland–Hodgman clipping against one meridian, with new
/// points where edges cross it (straight lines on the lon/lat plane).
/// Clipping twice cuts a ring to a band of longitudes, as a map does.
///
/// ```
/// use s2cells::io::clip_at_meridian;
/// let square = [[-1.0, 0.0], [1.0, 0.0], [1.0, 1.0], [-1.0, 1.0]];
/// assert_eq!(clip_at_meridian(&square, 0.0, true), [[-1.0, 0.0], [0.0, 0.0], [0.0, 1.0], [-1.0, 1.0]]);
/// assert!(clip_at_meridian(&square, 5.0, false).is_empty());
/// ```
#[must_use]
pub fn clip_at_meridian(ring: &[[f64; 2]], lng: f64, keep_west: bool) -> Vec<[f64; 2]> {
    let inside = |p: &[f64; 2]| if keep_west { p[0] <= lng } else { p[0] >= lng };
    let mut out = Vec::new();
    for k in 0..ring.len() {
        let (a, b) = (ring[k], ring[(k + 1) % ring.len()]);
        if inside(&a) {
            out.push(a);
        }
        if inside(&a) != inside(&b) {
            let t = (lng - a[0]) / (b[0] - a[0]);
            out.push([lng, a[1] + t * (b[1] - a[1])]);
        }
    }
    out
}

/// The ring with its first point repeated at the end.
fn closed(mut ring: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    if let Some(&first) = ring.first() {
        ring.push(first);
    }
    ring
}

/// A cell as a GeoJSON geometry object: a `Polygon` of
/// [`cell_polygons`]' one ring, or a `MultiPolygon` of its two (feature
/// `geojson`). An invalid id gives an empty `MultiPolygon`.
///
/// ```
/// use s2cells::io::cell_geojson;
/// use s2cells::CellId;
/// let g = cell_geojson(CellId::from_face(0).child(1));
/// assert_eq!(g["type"], "Polygon");
/// assert_eq!(g["coordinates"][0].as_array().unwrap().len(), 4 * 32 + 1);
/// ```
#[cfg(feature = "geojson")]
#[must_use]
pub fn cell_geojson(id: CellId) -> serde_json::Value {
    let rings = cell_polygons(id);
    if rings.len() == 1 {
        serde_json::json!({"type": "Polygon", "coordinates": rings})
    } else {
        let polygons: Vec<_> = rings.into_iter().map(|r| vec![r]).collect();
        serde_json::json!({"type": "MultiPolygon", "coordinates": polygons})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Twice the signed area of a closed ring on the lon/lat plane.
    fn area2(ring: &[[f64; 2]]) -> f64 {
        ring.windows(2)
            .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
            .sum()
    }

    /// Every cell of levels 0..=3 (and a sample below), as polygons: rings
    /// closed, counter-clockwise, within -180..=180 and -90..=90, split
    /// exactly when the cell crosses ±180°, and covering, in total, the
    /// plane area of the whole map.
    #[test]
    fn polygons_are_closed_ccw_and_tile_the_map() {
        let mut total = 0.0;
        let mut cells: Vec<CellId> = (0..6).map(CellId::from_face).collect();
        for level in 1..=3 {
            let (mut id, end) = (CellId::begin(level), CellId::end(level));
            while id != end {
                if level == 3 {
                    cells.push(id);
                }
                id = id.next();
            }
        }
        for &id in &cells {
            let rings = cell_polygons(id);
            assert!(rings.len() == 1 || rings.len() == 2, "{id}");
            for ring in &rings {
                assert_eq!(ring.first(), ring.last(), "{id}");
                assert!(area2(ring) > 0.0, "{id} not counter-clockwise");
                for p in ring {
                    assert!((-180.0..=180.0).contains(&p[0]) && (-90.0..=90.0).contains(&p[1]));
                }
            }
            if id.level() == 3 {
                total += rings.iter().map(|r| area2(r)).sum::<f64>() / 2.0;
            }
        }
        // The level-3 cells tile the map, 360 x 180 square degrees: no
        // gap at the poles or the antimeridian, no overlap (neighbours
        // share their edges' points).
        assert!((total / (360.0 * 180.0) - 1.0).abs() < 1e-12, "{total}");
        assert_eq!(cell_polygons(CellId::from_face(3)).len(), 2);
        // Faces 2 and 5 go round their pole.
        for (face, pole) in [(2, 90.0), (5, -90.0)] {
            let r = &cell_polygons(CellId::from_face(face))[0];
            assert!(r.iter().any(|p| p[1] == pole) && r.iter().any(|p| p[0] == -180.0));
        }
        assert!(cell_polygons(CellId::NONE).is_empty());
        assert!(cell_boundary(CellId::NONE, 4).is_empty());
    }
}
