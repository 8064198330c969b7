//! Geometries in (GeoJSON text, WKT, WKB) and cell outlines out (WKB,
//! GeoJSON, WKT).
//!
//! WKB follows the rules of the library's WKT reader: x is longitude and
//! y latitude in degrees, each in range; ISO (Z = +1000, M = +2000, ZM =
//! +3000) and PostGIS EWKB (flag bits, SRID) dimensions are read and the
//! extra ordinates ignored; an SRID must be 4326 (or 0, unknown); a ring
//! has at least 4 positions and ends where it starts (the closing one is
//! dropped); a line string has at least 2; `POINT EMPTY` (NaN
//! coordinates) and empty members of multi-geometries are dropped as in
//! WKT; collections nest at most 64 deep. Counts are checked against the
//! bytes left before anything is allocated, so hostile input cannot ask
//! for unbounded memory.

use s2cells::LatLng;
use s2cells::io::{GeoRegion, Geometry, ParseError, RegionOptions, parse_geojson, parse_wkt};

/// How deep geometry collections may nest (as the WKT reader).
const MAX_NESTING: usize = 64;

/// A geometry as given.
#[derive(Clone, Copy, Debug)]
pub enum GeomIn<'a> {
    /// GeoJSON (starts with `{`) or WKT (starts with a letter).
    Text(&'a str),
    /// WKB.
    Wkb(&'a [u8]),
}

/// The format a geometry came in, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    GeoJson,
    Wkt,
    Wkb,
}

/// Parses one geometry; `Ok(None)` for a GeoJSON feature whose geometry
/// is null.
pub fn parse(g: GeomIn<'_>) -> Result<(Option<Geometry>, FormatName), String> {
    match g {
        GeomIn::Wkb(b) => parse_wkb(b).map(|g| (Some(g), FormatName(Format::Wkb))),
        GeomIn::Text(t) => {
            let first = t
                .bytes()
                .find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xef | 0xbb | 0xbf));
            match first {
                Some(b'{') => {
                    let mut features = parse_geojson(t).map_err(|e| e.to_string())?;
                    match features.len() {
                        1 => Ok((features.remove(0).geometry, FormatName(Format::GeoJson))),
                        0 => Err(String::from(
                            "a GeoJSON FeatureCollection with no features: expected one geometry",
                        )),
                        n => Err(format!(
                            "a GeoJSON FeatureCollection of {n} features where one geometry is \
                             expected (coverings() takes a FeatureCollection, one covering per feature)"
                        )),
                    }
                }
                Some(b) if b.is_ascii_alphabetic() => parse_wkt(t)
                    .map(|g| (Some(g), FormatName(Format::Wkt)))
                    .map_err(|e| e.to_string()),
                Some(_) => Err(String::from(
                    "text that is neither GeoJSON (starts with '{') nor WKT (starts with a type name)",
                )),
                None => Err(String::from("an empty string is not a geometry")),
            }
        }
    }
}

/// The format, kept to word region errors.
#[derive(Clone, Copy, Debug)]
pub struct FormatName(Format);

/// The region of a parsed geometry, with the library's GeoJSON rules
/// (`options`), its errors worded for the format it came in.
pub fn region(
    g: &Geometry,
    format: FormatName,
    options: RegionOptions,
) -> Result<GeoRegion, String> {
    GeoRegion::from_geometry(0, g, options).map_err(|e| match e {
        ParseError::InvalidGeometry { path, reason, .. } => {
            let name = match format.0 {
                Format::GeoJson => "GeoJSON",
                Format::Wkt => "WKT",
                Format::Wkb => "WKB",
            };
            format!("invalid {name} geometry at {path}: {reason}")
        }
        e => e.to_string(),
    })
}

struct Wkb<'a> {
    b: &'a [u8],
    pos: usize,
}

fn err(at: usize, what: impl std::fmt::Display) -> String {
    format!("invalid WKB at byte {at}: {what}")
}

/// Parses one WKB (or EWKB) geometry, the whole input.
pub fn parse_wkb(b: &[u8]) -> Result<Geometry, String> {
    let mut r = Wkb { b, pos: 0 };
    let g = r
        .geometry(0, None)?
        .unwrap_or(Geometry::GeometryCollection(Vec::new()));
    if r.pos != b.len() {
        return Err(err(
            r.pos,
            format!("{} bytes after the geometry", b.len() - r.pos),
        ));
    }
    Ok(g)
}

/// A geometry that may be empty: None for `POINT EMPTY`, which has no
/// other form.
type Parsed = Option<Geometry>;

impl Wkb<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len());
        match end {
            Some(e) => {
                let s = &self.b[self.pos..e];
                self.pos = e;
                Ok(s)
            }
            None => Err(err(
                self.pos,
                format!(
                    "the input ends {} bytes short",
                    n - (self.b.len() - self.pos)
                ),
            )),
        }
    }

    fn u32(&mut self, le: bool) -> Result<u32, String> {
        let s = self.take(4)?;
        let a = [s[0], s[1], s[2], s[3]];
        Ok(if le {
            u32::from_le_bytes(a)
        } else {
            u32::from_be_bytes(a)
        })
    }

    fn f64(&mut self, le: bool) -> Result<f64, String> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(if le {
            f64::from_le_bytes(a)
        } else {
            f64::from_be_bytes(a)
        })
    }

    /// A count of items at least `item` bytes each, checked against the
    /// bytes left.
    fn count(&mut self, le: bool, item: usize) -> Result<usize, String> {
        let at = self.pos;
        let n = self.u32(le)? as usize;
        let left = self.b.len() - self.pos;
        if n.saturating_mul(item) > left {
            return Err(err(
                at,
                format!(
                    "a count of {n} items needs at least {} bytes, {left} are left",
                    n.saturating_mul(item)
                ),
            ));
        }
        Ok(n)
    }

    /// One position: (lng, lat) as written, checked, or None for NaN, NaN
    /// (an empty point).
    fn position(&mut self, le: bool, dims: usize) -> Result<Option<(LatLng, [u64; 2])>, String> {
        let at = self.pos;
        let x = self.f64(le)?;
        let y = self.f64(le)?;
        for _ in 2..dims {
            self.f64(le)?;
        }
        if x.is_nan() && y.is_nan() {
            return Ok(None);
        }
        if !(y.is_finite() && (-90.0..=90.0).contains(&y)) {
            return Err(err(at, format!("latitude {y} is out of range [-90, 90]")));
        }
        if !(x.is_finite() && (-180.0..=180.0).contains(&x)) {
            return Err(err(
                at,
                format!("longitude {x} is out of range [-180, 180]"),
            ));
        }
        Ok(Some((
            LatLng::from_degrees(y, x),
            [x.to_bits(), y.to_bits()],
        )))
    }

    fn points(&mut self, le: bool, dims: usize) -> Result<(Vec<LatLng>, Vec<[u64; 2]>), String> {
        let at = self.pos;
        let n = self.count(le, 8 * dims)?;
        let mut pts = Vec::with_capacity(n);
        let mut raw = Vec::with_capacity(n);
        for k in 0..n {
            match self.position(le, dims)? {
                Some((ll, r)) => {
                    pts.push(ll);
                    raw.push(r);
                }
                None => {
                    return Err(err(
                        at,
                        format!("position {k} of a line or ring is empty (NaN)"),
                    ));
                }
            }
        }
        Ok((pts, raw))
    }

    fn line(&mut self, le: bool, dims: usize) -> Result<Option<Vec<LatLng>>, String> {
        let at = self.pos;
        let (pts, _) = self.points(le, dims)?;
        match pts.len() {
            0 => Ok(None),
            1 => Err(err(at, "a line string needs at least 2 positions, found 1")),
            _ => Ok(Some(pts)),
        }
    }

    fn ring(&mut self, le: bool, dims: usize) -> Result<Vec<LatLng>, String> {
        let at = self.pos;
        let (mut pts, raw) = self.points(le, dims)?;
        if pts.len() < 4 {
            return Err(err(
                at,
                format!(
                    "a ring needs at least 4 positions (3 vertices and the closing one), found {}",
                    pts.len()
                ),
            ));
        }
        if raw.first() != raw.last() {
            return Err(err(
                at,
                format!(
                    "a ring must end where it starts: position {} differs from position 0",
                    pts.len() - 1
                ),
            ));
        }
        pts.pop();
        Ok(pts)
    }

    fn polygon(&mut self, le: bool, dims: usize) -> Result<Option<Vec<Vec<LatLng>>>, String> {
        let n = self.count(le, 4)?;
        let mut rings = Vec::with_capacity(n);
        for _ in 0..n {
            rings.push(self.ring(le, dims)?);
        }
        Ok((!rings.is_empty()).then_some(rings))
    }

    /// One tagged geometry; `member` is the type a multi-geometry's
    /// members must have.
    fn geometry(&mut self, depth: usize, member: Option<u32>) -> Result<Parsed, String> {
        let at = self.pos;
        let le = match self.take(1)?[0] {
            0 => false,
            1 => true,
            b => {
                return Err(err(
                    at,
                    format!("byte order {b}: expected 0 (big endian) or 1 (little endian)"),
                ));
            }
        };
        let code_at = self.pos;
        let code = self.u32(le)?;
        let (mut z, mut m) = (code & 0x8000_0000 != 0, code & 0x4000_0000 != 0);
        if code & 0x2000_0000 != 0 {
            let srid_at = self.pos;
            let srid = self.u32(le)?;
            if srid != 4326 && srid != 0 {
                return Err(err(
                    srid_at,
                    format!("SRID {srid}: only 4326 (longitude/latitude degrees) is read"),
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
            _ => {
                return Err(err(
                    code_at,
                    format!("geometry type {plain} is not a WKB type"),
                ));
            }
        }
        let dims = 2 + usize::from(z) + usize::from(m);
        if let Some(want) = member
            && base != want
        {
            return Err(err(
                code_at,
                format!(
                    "a member of type {base} in a multi-geometry of type {}",
                    want + 3
                ),
            ));
        }
        Ok(match base {
            1 => self.position(le, dims)?.map(|(ll, _)| Geometry::Point(ll)),
            2 => Some(match self.line(le, dims)? {
                Some(l) => Geometry::LineString(l),
                None => Geometry::MultiLineString(Vec::new()),
            }),
            3 => Some(match self.polygon(le, dims)? {
                Some(p) => Geometry::Polygon(p),
                None => Geometry::MultiPolygon(Vec::new()),
            }),
            4 => {
                let n = self.count(le, 5)?;
                let mut pts = Vec::with_capacity(n);
                for _ in 0..n {
                    if let Some(Geometry::Point(p)) = self.geometry(depth + 1, Some(1))? {
                        pts.push(p);
                    }
                }
                Some(Geometry::MultiPoint(pts))
            }
            5 => {
                let n = self.count(le, 9)?;
                let mut lines = Vec::with_capacity(n);
                for _ in 0..n {
                    if let Some(Geometry::LineString(l)) = self.geometry(depth + 1, Some(2))? {
                        lines.push(l);
                    }
                }
                Some(Geometry::MultiLineString(lines))
            }
            6 => {
                let n = self.count(le, 9)?;
                let mut polys = Vec::with_capacity(n);
                for _ in 0..n {
                    if let Some(Geometry::Polygon(p)) = self.geometry(depth + 1, Some(3))? {
                        polys.push(p);
                    }
                }
                Some(Geometry::MultiPolygon(polys))
            }
            7 => {
                if depth >= MAX_NESTING {
                    return Err(err(at, format!("geometry collections nest more than {MAX_NESTING} deep")));
                }
                let n = self.count(le, 5)?;
                let mut parts = Vec::with_capacity(n);
                for _ in 0..n {
                    if let Some(g) = self.geometry(depth + 1, None)? {
                        parts.push(g);
                    }
                }
                Some(Geometry::GeometryCollection(parts))
            }
            t => {
                return Err(err(
                    code_at,
                    format!("geometry type {t} is not read (Point, LineString, Polygon, their Multi forms and GeometryCollection are)"),
                ));
            }
        }
        .or(if member.is_some() || depth > 0 { None } else { Some(Geometry::MultiPoint(Vec::new())) }))
    }
}

/// Rings (closed, [lng, lat]) as WKB: one ring a Polygon, more a
/// MultiPolygon of one-ring polygons; little endian.
pub fn write_wkb(rings: &[Vec<[f64; 2]>], out: &mut Vec<u8>) {
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
    if let [ring] = rings {
        polygon(ring, out);
        return;
    }
    out.push(1);
    out.extend_from_slice(&6u32.to_le_bytes());
    out.extend_from_slice(&(rings.len() as u32).to_le_bytes());
    for r in rings {
        polygon(r, out);
    }
}

fn write_ring_json(ring: &[[f64; 2]], out: &mut String) {
    use std::fmt::Write as _;
    out.push('[');
    for (k, p) in ring.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let _ = write!(out, "[{},{}]", p[0], p[1]);
    }
    out.push(']');
}

/// Rings as a GeoJSON geometry object.
pub fn write_geojson(rings: &[Vec<[f64; 2]>], out: &mut Vec<u8>) {
    let mut s = String::new();
    if let [ring] = rings {
        s.push_str("{\"type\":\"Polygon\",\"coordinates\":[");
        write_ring_json(ring, &mut s);
        s.push_str("]}");
    } else {
        s.push_str("{\"type\":\"MultiPolygon\",\"coordinates\":[");
        for (k, r) in rings.iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            s.push('[');
            write_ring_json(r, &mut s);
            s.push(']');
        }
        s.push_str("]}");
    }
    out.extend_from_slice(s.as_bytes());
}

/// Rings as WKT.
pub fn write_wkt(rings: &[Vec<[f64; 2]>], out: &mut Vec<u8>) {
    use std::fmt::Write as _;
    let ring_text = |r: &[[f64; 2]], s: &mut String| {
        s.push('(');
        for (k, p) in r.iter().enumerate() {
            if k > 0 {
                s.push_str(", ");
            }
            let _ = write!(s, "{} {}", p[0], p[1]);
        }
        s.push(')');
    };
    let mut s = String::new();
    if let [ring] = rings {
        s.push_str("POLYGON (");
        ring_text(ring, &mut s);
        s.push(')');
    } else {
        s.push_str("MULTIPOLYGON (");
        for (k, r) in rings.iter().enumerate() {
            if k > 0 {
                s.push_str(", ");
            }
            s.push('(');
            ring_text(r, &mut s);
            s.push(')');
        }
        s.push(')');
    }
    out.extend_from_slice(s.as_bytes());
}
