//! Conversions between [`geo_types`] geometries and this crate's regions
//! (feature `geo`).
//!
//! Coordinates follow GeoJSON's and geo's convention: `x` is longitude and
//! `y` latitude, in degrees. Into regions, the rules are those of
//! [`io::regions`](crate::io) for GeoJSON: the closing vertex and
//! consecutive repeated vertices of a ring are dropped, every ring stands
//! for the smaller of the two regions it bounds (so orientation never
//! matters), and all rings of a `Polygon` or `MultiPolygon` are nested into
//! one [`Polygon`] as Google's `InitNested` does. Edges are great-circle
//! arcs. Errors are [`ParseError::InvalidGeoTypes`], naming the ring or
//! coordinate (`polygons[1].interiors[0]`) and the reason.
//!
//! Back to geo-types, a ring's longitudes are unwrapped along the ring
//! (each differs from the previous by less than 180°), so a cell or loop
//! that crosses the antimeridian comes out as one ring whose longitudes
//! pass 180 (or -180) instead of a ring that jumps across the map.
//! Exteriors are counterclockwise and holes clockwise (RFC 7946).

use geo_types as gt;

use super::ParseError;
use super::geometry::position_error;
use crate::{Cell, CellUnion, LatLng, LatLngRect, Loop, Point, Polygon, Polyline};

fn err(path: &str, reason: impl std::fmt::Display) -> ParseError {
    ParseError::InvalidGeoTypes {
        path: path.to_string(),
        reason: reason.to_string(),
    }
}

/// A coordinate as the file readers take it (see `position_error`).
fn latlng(c: gt::Coord<f64>, path: &str) -> Result<LatLng, ParseError> {
    match position_error(c.y, c.x) {
        Some(why) => Err(err(path, why)),
        None => Ok(LatLng::from_degrees(c.y, c.x)),
    }
}

/// The ring's points, with consecutive repeats (also around the end, so
/// the closing vertex) dropped.
fn ring_points(ring: &gt::LineString<f64>, path: &str) -> Result<Vec<Point>, ParseError> {
    let mut out: Vec<Point> = Vec::with_capacity(ring.0.len());
    for (i, c) in ring.0.iter().enumerate() {
        let p = latlng(*c, &format!("{path}[{i}]"))?.to_point();
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    Ok(out)
}

fn ring_loop(ring: &gt::LineString<f64>, path: &str) -> Result<Loop, ParseError> {
    let mut l = Loop::from_points(ring_points(ring, path)?).map_err(|e| err(path, e))?;
    // Every ring stands for the smaller region it bounds; nesting decides
    // which are holes.
    l.normalize();
    Ok(l)
}

fn polygon_loops(p: &gt::Polygon<f64>, path: &str, out: &mut Vec<Loop>) -> Result<(), ParseError> {
    out.push(ring_loop(p.exterior(), &format!("{path}exterior"))?);
    for (i, ring) in p.interiors().iter().enumerate() {
        out.push(ring_loop(ring, &format!("{path}interiors[{i}]"))?);
    }
    Ok(())
}

fn nested(loops: Vec<Loop>, path: &str) -> Result<Polygon, ParseError> {
    Polygon::from_loops(loops).map_err(|e| err(path, e))
}

impl TryFrom<gt::Point<f64>> for LatLng {
    type Error = ParseError;

    /// The lat/lng of a point (`x` longitude, `y` latitude, degrees).
    ///
    /// ```
    /// use s2cells::LatLng;
    /// let ll = LatLng::try_from(geo_types::point!(x: -51.2, y: -30.0))?;
    /// assert_eq!(ll, LatLng::from_degrees(-30.0, -51.2));
    /// assert!(LatLng::try_from(geo_types::point!(x: 0.0, y: f64::NAN)).is_err());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn try_from(p: gt::Point<f64>) -> Result<Self, ParseError> {
        latlng(p.0, "point")
    }
}

impl TryFrom<gt::Point<f64>> for Point {
    type Error = ParseError;

    /// The unit vector of a point (`x` longitude, `y` latitude, degrees).
    ///
    /// ```
    /// use s2cells::{LatLng, Point};
    /// let p = Point::try_from(geo_types::point!(x: 10.0, y: 20.0))?;
    /// assert_eq!(p, LatLng::from_degrees(20.0, 10.0).to_point());
    /// assert!(Point::try_from(geo_types::point!(x: 0.0, y: 91.0)).is_err());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn try_from(p: gt::Point<f64>) -> Result<Self, ParseError> {
        Ok(latlng(p.0, "point")?.to_point())
    }
}

impl TryFrom<gt::Rect<f64>> for LatLngRect {
    type Error = ParseError;

    /// The lat/lng rectangle of a rect. A geo-types rect always has
    /// `min.x <= max.x`, so one that crosses the antimeridian is written
    /// with `max.x` past 180: x from 170 to 190 is the rectangle from 170°E
    /// to 170°W. A width of 360° or more is every longitude.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let r = geo_types::Rect::new(geo_types::coord! {x: 170.0, y: -10.0}, geo_types::coord! {x: 190.0, y: 10.0});
    /// let r = LatLngRect::try_from(r)?;
    /// assert!(r.contains_latlng(&LatLng::from_degrees(0.0, 180.0)));
    /// assert!(!r.contains_latlng(&LatLng::from_degrees(0.0, 0.0)));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn try_from(r: gt::Rect<f64>) -> Result<Self, ParseError> {
        let (lo, hi) = (r.min(), r.max());
        let (lat_lo, lat_hi) = (
            latlng(gt::coord! {x: 0.0, y: lo.y}, "rect.min")?,
            latlng(gt::coord! {x: 0.0, y: hi.y}, "rect.max")?,
        );
        let lng_lo = latlng(gt::coord! {x: lo.x, y: 0.0}, "rect.min")?.lng_degrees();
        let width = hi.x - lo.x;
        if !(hi.x.is_finite() && width >= 0.0) {
            return Err(err("rect.max", format!("x = {} is not a longitude", hi.x)));
        }
        let lng_hi = if width >= 360.0 {
            return LatLngRect::from_degrees(
                lat_lo.lat_degrees(),
                lat_hi.lat_degrees(),
                -180.0,
                180.0,
            )
            .map_err(|e| err("rect", e));
        } else if hi.x > 180.0 {
            hi.x - 360.0
        } else {
            hi.x
        };
        LatLngRect::from_degrees(lat_lo.lat_degrees(), lat_hi.lat_degrees(), lng_lo, lng_hi)
            .map_err(|e| err("rect", e))
    }
}

impl TryFrom<&gt::LineString<f64>> for Polyline {
    type Error = ParseError;

    /// The polyline through a line string's points (great-circle edges).
    ///
    /// ```
    /// use geo_types::line_string;
    /// use s2cells::Polyline;
    /// let line = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 1.0), (x: 2.0, y: 0.0)];
    /// assert_eq!(Polyline::try_from(&line)?.num_vertices(), 3);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn try_from(line: &gt::LineString<f64>) -> Result<Self, ParseError> {
        let v = line
            .0
            .iter()
            .enumerate()
            .map(|(i, c)| latlng(*c, &format!("line[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        Polyline::from_latlngs(&v).map_err(|e| err("line", e))
    }
}

impl TryFrom<gt::LineString<f64>> for Polyline {
    type Error = ParseError;

    /// As the conversion from `&LineString`.
    ///
    /// ```
    /// use geo_types::line_string;
    /// use s2cells::Polyline;
    /// let line = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 1.0)];
    /// assert_eq!(Polyline::try_from(line)?.num_vertices(), 2);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn try_from(line: gt::LineString<f64>) -> Result<Self, ParseError> {
        Self::try_from(&line)
    }
}

impl TryFrom<&gt::Polygon<f64>> for Polygon {
    type Error = ParseError;

    /// The polygon of an exterior ring and its holes (rings nested by
    /// geometry; each ring the smaller region it bounds).
    ///
    /// ```
    /// use geo_types::polygon;
    /// use s2cells::{LatLng, Polygon, Region};
    /// let square = polygon![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0)];
    /// let p = Polygon::try_from(&square)?;
    /// assert!(p.contains_point(&LatLng::from_degrees(2.0, 2.0).to_point()));
    /// let bowtie = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 1.0), (x: 1.0, y: 0.0), (x: 0.0, y: 1.0)];
    /// let e = Polygon::try_from(&bowtie).unwrap_err();
    /// assert!(e.to_string().contains("exterior"), "{e}");
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn try_from(p: &gt::Polygon<f64>) -> Result<Self, ParseError> {
        let mut loops = Vec::with_capacity(1 + p.interiors().len());
        polygon_loops(p, "", &mut loops)?;
        nested(loops, "polygon")
    }
}

impl TryFrom<gt::Polygon<f64>> for Polygon {
    type Error = ParseError;

    /// As the conversion from `&Polygon`.
    ///
    /// ```
    /// use geo_types::polygon;
    /// let square = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)];
    /// assert_eq!(s2cells::Polygon::try_from(square)?.num_loops(), 1);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn try_from(p: gt::Polygon<f64>) -> Result<Self, ParseError> {
        Self::try_from(&p)
    }
}

impl TryFrom<&gt::MultiPolygon<f64>> for Polygon {
    type Error = ParseError;

    /// One polygon of all rings of all members, nested by geometry (as a
    /// GeoJSON `MultiPolygon` becomes one region).
    ///
    /// ```
    /// use geo_types::{polygon, MultiPolygon};
    /// let a = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)];
    /// let b = polygon![(x: 5.0, y: 0.0), (x: 6.0, y: 0.0), (x: 6.0, y: 1.0), (x: 5.0, y: 1.0)];
    /// let p = s2cells::Polygon::try_from(&MultiPolygon::new(vec![a, b]))?;
    /// assert_eq!(p.num_loops(), 2);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn try_from(mp: &gt::MultiPolygon<f64>) -> Result<Self, ParseError> {
        let mut loops = Vec::new();
        for (i, p) in mp.0.iter().enumerate() {
            polygon_loops(p, &format!("polygons[{i}]."), &mut loops)?;
        }
        nested(loops, "multipolygon")
    }
}

impl TryFrom<gt::MultiPolygon<f64>> for Polygon {
    type Error = ParseError;

    /// As the conversion from `&MultiPolygon`.
    ///
    /// ```
    /// let mp = geo_types::MultiPolygon::<f64>::new(vec![]);
    /// assert!(s2cells::Polygon::try_from(mp)?.is_empty());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn try_from(mp: gt::MultiPolygon<f64>) -> Result<Self, ParseError> {
        Self::try_from(&mp)
    }
}

/// A closed geo-types ring through the points, longitudes unwrapped along
/// the ring.
fn ring(points: impl IntoIterator<Item = Point>) -> gt::LineString<f64> {
    let mut coords: Vec<gt::Coord<f64>> = Vec::new();
    for p in points {
        let ll = LatLng::from(p);
        let mut x = ll.lng_degrees();
        if let Some(prev) = coords.last() {
            // Keep each step under 180° so the ring does not jump the map.
            while x - prev.x > 180.0 {
                x -= 360.0;
            }
            while x - prev.x < -180.0 {
                x += 360.0;
            }
        }
        coords.push(gt::coord! {x: x, y: ll.lat_degrees()});
    }
    let mut ls = gt::LineString::new(coords);
    ls.close();
    ls
}

impl From<&Cell> for gt::Polygon<f64> {
    /// The cell's four vertices as a counterclockwise ring (its edges are
    /// great-circle arcs; the ring joins the vertices by straight lines).
    ///
    /// ```
    /// use s2cells::{Cell, CellId, LatLng};
    /// let cell = Cell::from(CellId::from_latlng(LatLng::from_degrees(-30.0, -51.2)).parent(10));
    /// let p = geo_types::Polygon::from(&cell);
    /// assert_eq!(p.exterior().0.len(), 5); // closed
    /// # use geo_types::Polygon;
    /// ```
    fn from(cell: &Cell) -> Self {
        gt::Polygon::new(ring(cell.vertices()), Vec::new())
    }
}

impl From<Cell> for gt::Polygon<f64> {
    /// As the conversion from `&Cell`.
    ///
    /// ```
    /// use s2cells::{Cell, CellId};
    /// let p: geo_types::Polygon<f64> = Cell::from(CellId::from_face(0)).into();
    /// assert_eq!(p.interiors().len(), 0);
    /// ```
    fn from(cell: Cell) -> Self {
        Self::from(&cell)
    }
}

impl From<&CellUnion> for gt::MultiPolygon<f64> {
    /// One polygon per cell, in the union's order.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    /// let u = CellUnion::from_cell_ids(CellId::from_face(1).children().to_vec());
    /// let mp = geo_types::MultiPolygon::from(&u);
    /// assert_eq!(mp.0.len(), 1); // normalized to the face cell
    /// ```
    fn from(u: &CellUnion) -> Self {
        gt::MultiPolygon::new(
            u.cell_ids()
                .iter()
                .map(|&id| gt::Polygon::from(&Cell::from(id)))
                .collect(),
        )
    }
}

impl From<&Loop> for gt::Polygon<f64> {
    /// The loop's vertices as a ring, in the loop's order (a normalized
    /// loop is counterclockwise). The empty and full loops, which have no
    /// ring, become a polygon with an empty exterior.
    ///
    /// ```
    /// use s2cells::{LatLng, Loop};
    /// let l = Loop::from_latlngs(&[LatLng::from_degrees(0.0, 0.0), LatLng::from_degrees(0.0, 1.0), LatLng::from_degrees(1.0, 0.0)])?;
    /// assert_eq!(geo_types::Polygon::from(&l).exterior().0.len(), 4);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn from(l: &Loop) -> Self {
        if l.is_empty_or_full() {
            return gt::Polygon::new(gt::LineString::new(Vec::new()), Vec::new());
        }
        gt::Polygon::new(ring(l.vertices().iter().copied()), Vec::new())
    }
}

impl From<&Polygon> for gt::MultiPolygon<f64> {
    /// One geo-types polygon per shell (a loop of even depth), with the
    /// holes directly inside it; shells counterclockwise, holes clockwise.
    ///
    /// ```
    /// use geo_types::{polygon, MultiPolygon};
    /// let holed = polygon!(
    ///     exterior: [(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)],
    ///     interiors: [[(x: 4.0, y: 4.0), (x: 6.0, y: 4.0), (x: 6.0, y: 6.0), (x: 4.0, y: 6.0)]],
    /// );
    /// let p = s2cells::Polygon::try_from(&holed)?;
    /// let back = MultiPolygon::from(&p);
    /// assert_eq!((back.0.len(), back.0[0].interiors().len()), (1, 1));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn from(p: &Polygon) -> Self {
        let mut out = Vec::new();
        for (i, shell) in p.loops().iter().enumerate() {
            if shell.is_hole() || shell.is_empty_or_full() {
                continue;
            }
            let holes = (i + 1..p.num_loops())
                .filter(|&j| p.parent(j) == Some(i))
                .map(|j| ring(p.loop_at(j).vertices().iter().copied()))
                .collect();
            out.push(gt::Polygon::new(
                ring(shell.vertices().iter().copied()),
                holes,
            ));
        }
        gt::MultiPolygon::new(out)
    }
}
