//! WKB (OGC well-known binary, ISO SQL/MM) and PostGIS EWKB in, read into
//! the same [`Geometry`] as GeoJSON and WKT so that
//! [`GeoRegion`](crate::io::GeoRegion) covers them the same way; and cells
//! out as WKB polygons ([`cell_wkb`]).
//!
//! Semantics, chosen and fixed here, the WKT reader's where WKT has the
//! same thing:
//!
//! - A position is `x y`: **longitude then latitude**, in degrees, as in
//!   WKB, PostGIS and GeoParquet. Latitude must be finite and within
//!   [-90, 90], longitude within [-180, 180] (up to 1e-9° beyond is float
//!   noise, read as given).
//! - Each geometry starts with its byte order (0 big endian, 1 little
//!   endian; members of a multi-geometry or collection may differ) and its
//!   type: `Point` (1), `LineString` (2), `Polygon` (3), `MultiPoint` (4),
//!   `MultiLineString` (5), `MultiPolygon` (6) and `GeometryCollection`
//!   (7), collections nested at most [`MAX_WKB_NESTING`] deep. A member of
//!   a multi-geometry must have the member type.
//! - Dimensions: ISO's Z (+1000), M (+2000) and ZM (+3000) types, and
//!   EWKB's Z (`0x80000000`) and M (`0x40000000`) flags; the ordinates past
//!   the second (altitude, measure) are read and ignored.
//! - An EWKB SRID (flag `0x20000000`, then 4 bytes) must be 4326, or 0
//!   (PostGIS's "unknown"); any other would mean coordinates that are not
//!   longitude/latitude degrees.
//! - Empty geometries have no positions: `POINT EMPTY` (both ordinates
//!   NaN, as GEOS and PostGIS write it) becomes an empty
//!   [`Geometry::MultiPoint`], a line string of no positions an empty
//!   [`Geometry::MultiLineString`], a polygon of no rings an empty
//!   [`Geometry::MultiPolygon`], as WKT's `EMPTY`s do; an empty member of a
//!   multi-geometry is dropped. A line string or ring may not hold an
//!   empty (NaN) position.
//! - Rings and line strings follow the GeoJSON and WKT readers' rules: a
//!   ring has at least 4 positions and ends exactly where it starts (the
//!   closing position is dropped), a line string has at least 2.
//! - The geometry is the whole input: bytes after it are an error.
//!
//! Every count (of positions, rings, members) is checked against the
//! bytes left before anything is allocated, so a hostile header cannot
//! ask for more memory than the input's size; nesting is bounded, so it
//! cannot exhaust the stack either.
//!
//! Errors name the byte offset, from 0: [`ParseError::WkbSyntax`] says
//! what was expected there and what was found (a bad byte order, a type
//! this reader does not know, the input ending early, bytes after the
//! geometry), [`ParseError::InvalidWkb`] what is wrong with a well-formed
//! geometry (a coordinate out of range, a ring not closed, an SRID, a
//! count larger than the input).
//!
//! ```
//! use s2cells::io::{parse_wkb, Geometry};
//! use s2cells::LatLng;
//!
//! // A little-endian Point (-51.2303, -30.0331).
//! let mut wkb = vec![1, 1, 0, 0, 0];
//! wkb.extend((-51.2303f64).to_le_bytes());
//! wkb.extend((-30.0331f64).to_le_bytes());
//! assert_eq!(parse_wkb(&wkb)?, Geometry::Point(LatLng::from_degrees(-30.0331, -51.2303)));
//! let err = parse_wkb(&wkb[..12]).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "WKB syntax error: expected an 8-byte ordinate at byte 5, found the end of the input (7 bytes left)"
//! );
//! # Ok::<(), s2cells::Error>(())
//! ```

use super::ParseError;
use super::cell_polygon::cell_polygons;
use super::geometry::{Geometry, position_error};
use crate::{CellId, LatLng};

/// How deep `GeometryCollection`s may nest: the reader recurses once per
/// level, and an input of a million nested collection headers must not
/// overflow the stack.
pub const MAX_WKB_NESTING: usize = 64;

/// Parses one WKB or EWKB geometry: the whole input.
///
/// # Errors
///
/// [`ParseError::WkbSyntax`] where the bytes leave the format (see the
/// module's rules), [`ParseError::InvalidWkb`] for a coordinate out of
/// range, a ring that is not closed or too short, a line string of one
/// position, an SRID other than 4326, a count the input cannot hold, or
/// collections nested too deep.
///
/// ```
/// use s2cells::io::{parse_wkb, Geometry};
///
/// // EWKB, big endian: SRID=4326;POINT Z (10 20 30).
/// let mut wkb = vec![0, 0xa0, 0, 0, 1];
/// wkb.extend(4326u32.to_be_bytes());
/// for x in [10.0f64, 20.0, 30.0] {
///     wkb.extend(x.to_be_bytes());
/// }
/// let Geometry::Point(p) = parse_wkb(&wkb)? else { panic!() };
/// assert_eq!((p.lat_degrees().round(), p.lng_degrees().round()), (20.0, 10.0));
/// wkb[8] = 0xe7; // SRID 4327
/// assert_eq!(
///     parse_wkb(&wkb).unwrap_err().to_string(),
///     "invalid WKB at byte 5: SRID 4327 is not supported: coordinates must be \
///      longitude/latitude degrees (SRID 4326, or 0 for unknown)"
/// );
/// # Ok::<(), s2cells::Error>(())
/// ```
pub fn parse_wkb(bytes: &[u8]) -> Result<Geometry, ParseError> {
    let mut r = Reader { b: bytes, pos: 0 };
    let g = r.geometry(0, None)?;
    if r.pos != bytes.len() {
        return Err(r.syntax(
            "the end of the input",
            format!("{} more bytes", bytes.len() - r.pos),
        ));
    }
    Ok(g.unwrap_or(Geometry::MultiPoint(Vec::new())))
}

/// A cell's outline as WKB, little endian: [`cell_polygons`]' one ring as
/// a `Polygon`, or its two (a cell across ±180°) as a `MultiPolygon` of
/// one-ring polygons; x = longitude, y = latitude, in degrees, the same
/// numbers `cell_geojson` writes. An invalid id gives an empty
/// `MultiPolygon`.
///
/// ```
/// use s2cells::io::{cell_wkb, parse_wkb, Geometry};
/// use s2cells::CellId;
///
/// let c = CellId::from_token("951977d34")?;
/// let wkb = cell_wkb(c);
/// assert_eq!(&wkb[..9], &[1, 3, 0, 0, 0, 1, 0, 0, 0]); // Polygon, one ring
/// let Geometry::Polygon(rings) = parse_wkb(&wkb)? else { panic!() };
/// assert_eq!(rings[0].len(), 4);
/// assert!(matches!(parse_wkb(&cell_wkb(CellId::from_face(3)))?, Geometry::MultiPolygon(p) if p.len() == 2));
/// # Ok::<(), s2cells::Error>(())
/// ```
#[must_use]
pub fn cell_wkb(id: CellId) -> Vec<u8> {
    fn polygon(ring: &[[f64; 2]], out: &mut Vec<u8>) {
        out.push(1);
        out.extend_from_slice(&3u32.to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes());
        out.extend_from_slice(&(ring.len() as u32).to_le_bytes());
        for p in ring {
            out.extend_from_slice(&p[0].to_le_bytes());
            out.extend_from_slice(&p[1].to_le_bytes());
        }
    }
    let rings = cell_polygons(id);
    let mut out = Vec::with_capacity(13 + rings.iter().map(|r| 9 + 16 * r.len()).sum::<usize>());
    if let [ring] = rings.as_slice() {
        polygon(ring, &mut out);
        return out;
    }
    out.push(1);
    out.extend_from_slice(&6u32.to_le_bytes());
    out.extend_from_slice(&(rings.len() as u32).to_le_bytes());
    for r in &rings {
        polygon(r, &mut out);
    }
    out
}

const TYPES: &str = "a geometry type (1 to 7: Point, LineString, Polygon, MultiPoint, \
                     MultiLineString, MultiPolygon, GeometryCollection; ISO Z/M/ZM +1000/2000/3000 \
                     or EWKB flags)";

const MEMBER: [&str; 4] = [
    "",
    "a Point (type 1), the member type of a MultiPoint",
    "a LineString (type 2), the member type of a MultiLineString",
    "a Polygon (type 3), the member type of a MultiPolygon",
];

/// Positions as lat/lngs, and their x, y bits as written (a ring's
/// closure is checked on the numbers written, as GeoJSON's and WKT's is).
type Positions = (Vec<LatLng>, Vec<[u64; 2]>);

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

/// Byte order and ordinates per position of one geometry.
#[derive(Clone, Copy)]
struct Header {
    le: bool,
    dims: usize,
}

impl Reader<'_> {
    fn syntax(&self, expected: &'static str, found: String) -> ParseError {
        ParseError::WkbSyntax {
            offset: self.pos,
            expected,
            found,
        }
    }

    fn invalid(offset: usize, reason: String) -> ParseError {
        ParseError::InvalidWkb { offset, reason }
    }

    fn take(&mut self, n: usize, expected: &'static str) -> Result<&[u8], ParseError> {
        let left = self.b.len() - self.pos;
        if n > left {
            return Err(self.syntax(
                expected,
                format!(
                    "the end of the input ({left} byte{} left)",
                    if left == 1 { "" } else { "s" }
                ),
            ));
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn u32(&mut self, le: bool, expected: &'static str) -> Result<u32, ParseError> {
        let s = self.take(4, expected)?;
        let a = [s[0], s[1], s[2], s[3]];
        Ok(if le {
            u32::from_le_bytes(a)
        } else {
            u32::from_be_bytes(a)
        })
    }

    fn f64(&mut self, le: bool) -> Result<f64, ParseError> {
        let s = self.take(8, "an 8-byte ordinate")?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(if le {
            f64::from_le_bytes(a)
        } else {
            f64::from_be_bytes(a)
        })
    }

    /// A count of items of at least `item` bytes each, checked against the
    /// bytes left before the caller allocates for it.
    fn count(&mut self, le: bool, item: usize, what: &str) -> Result<usize, ParseError> {
        let at = self.pos;
        let n = self.u32(le, "a 4-byte count")? as usize;
        let left = self.b.len() - self.pos;
        let need = n.saturating_mul(item);
        if need > left {
            return Err(Self::invalid(
                at,
                format!("a count of {n} {what} needs at least {need} bytes, and {left} are left"),
            ));
        }
        Ok(n)
    }

    /// One position: the lat/lng and the x, y bits, or None for an empty
    /// point (both NaN).
    fn position(&mut self, h: Header) -> Result<Option<(LatLng, [u64; 2])>, ParseError> {
        let at = self.pos;
        let x = self.f64(h.le)?;
        let y = self.f64(h.le)?;
        for _ in 2..h.dims {
            self.f64(h.le)?;
        }
        if x.is_nan() && y.is_nan() {
            return Ok(None);
        }
        if let Some(why) = position_error(y, x) {
            return Err(Self::invalid(at, why));
        }
        Ok(Some((
            LatLng::from_degrees(y, x),
            [x.to_bits(), y.to_bits()],
        )))
    }

    /// A count, then that many positions (none empty).
    fn positions(&mut self, h: Header, what: &str) -> Result<Positions, ParseError> {
        let n = self.count(h.le, 8 * h.dims, "positions")?;
        let mut points = Vec::with_capacity(n);
        let mut raw = Vec::with_capacity(n);
        for k in 0..n {
            let at = self.pos;
            let Some((ll, xy)) = self.position(h)? else {
                return Err(Self::invalid(
                    at,
                    format!("position {k} of a {what} is empty (NaN)"),
                ));
            };
            points.push(ll);
            raw.push(xy);
        }
        Ok((points, raw))
    }

    /// A line string, or None when it has no positions.
    fn line(&mut self, h: Header) -> Result<Option<Vec<LatLng>>, ParseError> {
        let at = self.pos;
        let (points, _) = self.positions(h, "line string")?;
        match points.len() {
            0 => Ok(None),
            1 => Err(Self::invalid(
                at,
                "a line string needs at least 2 positions, found 1".to_owned(),
            )),
            _ => Ok(Some(points)),
        }
    }

    fn ring(&mut self, h: Header) -> Result<Vec<LatLng>, ParseError> {
        let at = self.pos;
        let (mut points, raw) = self.positions(h, "ring")?;
        if points.len() < 4 {
            return Err(Self::invalid(
                at,
                format!(
                    "a ring needs at least 4 positions (3 vertices and the closing one), found {}",
                    points.len()
                ),
            ));
        }
        if raw.first() != raw.last() {
            return Err(Self::invalid(
                at,
                format!(
                    "a ring must end where it starts: position {} differs from position 0",
                    points.len() - 1
                ),
            ));
        }
        points.pop();
        Ok(points)
    }

    /// A polygon, or None when it has no rings.
    fn polygon(&mut self, h: Header) -> Result<Option<Vec<Vec<LatLng>>>, ParseError> {
        let n = self.count(h.le, 4, "rings")?;
        let mut rings = Vec::with_capacity(n);
        for _ in 0..n {
            rings.push(self.ring(h)?);
        }
        Ok((!rings.is_empty()).then_some(rings))
    }

    /// Byte order, type (with its dimensions and SRID): the header, and
    /// the base type 1..=7.
    fn header(&mut self, member: Option<u32>) -> Result<(Header, u32), ParseError> {
        let le = match self.b.get(self.pos) {
            Some(0) => false,
            Some(1) => true,
            Some(&b) => {
                return Err(self.syntax(
                    "a byte order (0: big endian, 1: little endian)",
                    format!("byte 0x{b:02x}"),
                ));
            }
            None => {
                return Err(self.syntax(
                    "a byte order (0: big endian, 1: little endian)",
                    "the end of the input".to_owned(),
                ));
            }
        };
        self.pos += 1;
        let code_at = self.pos;
        let code = self.u32(le, "a 4-byte geometry type")?;
        let (mut z, mut m) = (code & 0x8000_0000 != 0, code & 0x4000_0000 != 0);
        if code & 0x2000_0000 != 0 {
            let srid_at = self.pos;
            let srid = self.u32(le, "a 4-byte SRID")?;
            if srid != 4326 && srid != 0 {
                return Err(Self::invalid(
                    srid_at,
                    format!(
                        "SRID {srid} is not supported: coordinates must be longitude/latitude \
                         degrees (SRID 4326, or 0 for unknown)"
                    ),
                ));
            }
        }
        let plain = code & 0x0fff_ffff;
        let (base, iso) = (plain % 1000, plain / 1000);
        match iso {
            0 => {}
            1 => z = true,
            2 => m = true,
            3 => (z, m) = (true, true),
            _ => return Err(unknown_type(code_at, plain)),
        }
        if !(1..=7).contains(&base) {
            return Err(unknown_type(code_at, plain));
        }
        if let Some(want) = member
            && base != want
        {
            self.pos = code_at;
            return Err(self.syntax(MEMBER[want as usize], format!("type {plain}")));
        }
        let dims = 2 + usize::from(z) + usize::from(m);
        Ok((Header { le, dims }, base))
    }

    /// One geometry; `member` is the type a multi-geometry's members must
    /// have. None for an empty point (a member is then dropped, a
    /// collection's member or the whole input an empty `MultiPoint`).
    fn geometry(
        &mut self,
        depth: usize,
        member: Option<u32>,
    ) -> Result<Option<Geometry>, ParseError> {
        let at = self.pos;
        let (h, base) = self.header(member)?;
        Ok(match base {
            1 => self.position(h)?.map(|(ll, _)| Geometry::Point(ll)),
            2 => Some(match self.line(h)? {
                Some(l) => Geometry::LineString(l),
                None => Geometry::MultiLineString(Vec::new()),
            }),
            3 => Some(match self.polygon(h)? {
                Some(p) => Geometry::Polygon(p),
                None => Geometry::MultiPolygon(Vec::new()),
            }),
            4 => {
                let n = self.count(h.le, 5, "points")?;
                let mut points = Vec::with_capacity(n);
                for _ in 0..n {
                    if let Some(Geometry::Point(p)) = self.geometry(depth + 1, Some(1))? {
                        points.push(p);
                    }
                }
                Some(Geometry::MultiPoint(points))
            }
            5 => {
                let n = self.count(h.le, 9, "line strings")?;
                let mut lines = Vec::with_capacity(n);
                for _ in 0..n {
                    if let Some(Geometry::LineString(l)) = self.geometry(depth + 1, Some(2))? {
                        lines.push(l);
                    }
                }
                Some(Geometry::MultiLineString(lines))
            }
            6 => {
                let n = self.count(h.le, 9, "polygons")?;
                let mut polygons = Vec::with_capacity(n);
                for _ in 0..n {
                    if let Some(Geometry::Polygon(p)) = self.geometry(depth + 1, Some(3))? {
                        polygons.push(p);
                    }
                }
                Some(Geometry::MultiPolygon(polygons))
            }
            _ => {
                if depth >= MAX_WKB_NESTING {
                    return Err(Self::invalid(
                        at,
                        format!("geometry collections nest more than {MAX_WKB_NESTING} deep"),
                    ));
                }
                let n = self.count(h.le, 5, "geometries")?;
                let mut members = Vec::with_capacity(n);
                for _ in 0..n {
                    let g = self.geometry(depth + 1, None)?;
                    members.push(g.unwrap_or(Geometry::MultiPoint(Vec::new())));
                }
                Some(Geometry::GeometryCollection(members))
            }
        })
    }
}

/// The error for a type code this reader does not know.
fn unknown_type(code_at: usize, plain: u32) -> ParseError {
    let known = match plain % 1000 {
        8..=17 => " (curves, surfaces, TINs and triangles are not read)",
        _ => "",
    };
    ParseError::WkbSyntax {
        offset: code_at,
        expected: TYPES,
        found: format!("type {plain}{known}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_of_the_wrong_type_is_named() {
        // MultiPoint holding a LineString.
        let mut b = vec![1, 4, 0, 0, 0, 1, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(
            parse_wkb(&b).unwrap_err().to_string(),
            "WKB syntax error: expected a Point (type 1), the member type of a MultiPoint at \
             byte 10, found type 2"
        );
        b[10] = 1;
        b.truncate(14);
        b.extend(f64::NAN.to_le_bytes());
        b.extend(f64::NAN.to_le_bytes());
        assert_eq!(parse_wkb(&b).unwrap(), Geometry::MultiPoint(Vec::new()));
    }

    #[test]
    fn curves_are_refused_by_name() {
        let b = [1, 8, 0, 0, 0];
        assert!(
            parse_wkb(&b)
                .unwrap_err()
                .to_string()
                .ends_with("found type 8 (curves, surfaces, TINs and triangles are not read)")
        );
    }
}
