//! WKT (OGC well-known text) and PostGIS EWKT in, one geometry per line,
//! read into the same [`Geometry`] and [`GeoFeature`] as GeoJSON so that
//! [`GeoRegion`](crate::io::GeoRegion) covers them the same way.
//!
//! Semantics, chosen and fixed here:
//!
//! - A coordinate is `x y`: **longitude then latitude**, in degrees, as in
//!   WKT and PostGIS (and GeoJSON). Latitude must be finite and within
//!   [-90, 90], longitude within [-180, 180] (up to 1e-9° beyond is float
//!   noise, read as given).
//! - Keywords are case-insensitive. The types are `POINT`, `LINESTRING`,
//!   `POLYGON`, `MULTIPOINT` (members with or without their own
//!   parentheses), `MULTILINESTRING`, `MULTIPOLYGON` and
//!   `GEOMETRYCOLLECTION` (nested at most [`MAX_WKT_NESTING`] deep).
//! - Dimensions: a type may be tagged `Z`, `M` or `ZM` (`POINT Z (1 2 3)`,
//!   or EWKT's `POINTM(1 2 3)`); untagged coordinates may have 2, 3 or 4
//!   numbers, as many as the geometry's first coordinate. The numbers past
//!   the second (altitude, measure) are read and ignored.
//! - A leading `SRID=4326;` (EWKT) is accepted; any other SRID is an error,
//!   since its coordinates would not be longitude/latitude degrees.
//! - `EMPTY` geometries have no positions: `POINT EMPTY` and
//!   `MULTIPOINT EMPTY` become an empty [`Geometry::MultiPoint`],
//!   `LINESTRING EMPTY` an empty [`Geometry::MultiLineString`], `POLYGON
//!   EMPTY` an empty [`Geometry::MultiPolygon`] (the types that can be
//!   empty), `GEOMETRYCOLLECTION EMPTY` an empty collection. An `EMPTY`
//!   member of a multi-geometry is dropped.
//! - Rings and line strings follow the GeoJSON reader's rules: a ring has
//!   at least 4 positions and ends exactly where it starts (the closing
//!   position is dropped), a line string has at least 2.
//! - Input to [`WktReader`] is one geometry per line; blank lines are
//!   skipped, and a feature's index is its line number minus one, so an
//!   error or an output row leads straight back to the line.
//!
//! Errors name the line and column (byte within the line, from 1):
//! [`ParseError::WktSyntax`] says what was expected and what was found,
//! [`ParseError::InvalidWkt`] what is wrong with a well-formed geometry.
//!
//! ```
//! use s2cells::io::{parse_wkt, Geometry};
//! use s2cells::LatLng;
//!
//! let g = parse_wkt("SRID=4326;POINT Z (-51.2303 -30.0331 12.5)")?;
//! assert_eq!(g, Geometry::Point(LatLng::from_degrees(-30.0331, -51.2303)));
//! let err = parse_wkt("LINESTRING (0 0, 1 1 x)").unwrap_err();
//! assert_eq!(err.to_string(), "WKT syntax error: expected ',' or ')' at line 1, column 22, found 'x'");
//! # Ok::<(), s2cells::Error>(())
//! ```

use std::fmt::Write as _;
use std::io::BufRead;

use super::ParseError;
use super::cell_polygon::cell_polygons;
use super::geometry::{GeoFeature, Geometry, position_error};
use crate::{CellId, LatLng};

/// How deep `GEOMETRYCOLLECTION`s may nest: the parser recurses once per
/// level, and a line of a million opening collections must not overflow
/// the stack.
pub const MAX_WKT_NESTING: usize = 64;

const GEOMETRY_TYPE: &str = "a geometry type (POINT, LINESTRING, POLYGON, MULTIPOINT, \
                             MULTILINESTRING, MULTIPOLYGON or GEOMETRYCOLLECTION)";

/// Parses one WKT or EWKT geometry. The text may span several lines;
/// errors give the line and column within it.
///
/// # Errors
///
/// [`ParseError::WktSyntax`] where the text leaves the grammar,
/// [`ParseError::InvalidWkt`] for a coordinate out of range, a ring that is not
/// closed or too short, a line string of one position, or an SRID other
/// than 4326.
///
/// ```
/// use s2cells::io::{parse_wkt, Geometry};
///
/// let g = parse_wkt("polygon ((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 1 0.5, 1 1, 0.5 0.5))")?;
/// let Geometry::Polygon(rings) = g else { panic!() };
/// assert_eq!((rings.len(), rings[0].len()), (2, 4)); // closing vertices dropped
/// let err = parse_wkt("POINT (10 95)").unwrap_err();
/// assert_eq!(err.to_string(), "invalid WKT at line 1, column 8: latitude 95 is out of range [-90, 90]");
/// # Ok::<(), s2cells::Error>(())
/// ```
pub fn parse_wkt(text: &str) -> Result<Geometry, ParseError> {
    Parser::new(text.as_bytes(), 1, "end of input").whole()
}

/// Streams the geometries of a WKT input, one per line, as
/// [`GeoFeature`]s (no id, no properties; index = line number − 1), in
/// memory bounded by the longest line. Blank lines are skipped, a
/// trailing `\r` is ignored, and so is a UTF-8 byte order mark at the
/// start. Stops after the first error.
///
/// ```
/// use s2cells::io::WktReader;
///
/// let text = "POINT (1 2)\n\nLINESTRING (0 0, 1 1)\nPOINT (1 2\n";
/// let items: Vec<_> = WktReader::new(text.as_bytes()).collect();
/// assert_eq!(items.len(), 3);
/// assert_eq!(items[1].as_ref().unwrap().index, 2); // line 3
/// assert_eq!(
///     items[2].as_ref().unwrap_err().to_string(),
///     "WKT syntax error: expected a number, ',' or ')' at line 4, column 11, found end of line"
/// );
/// ```
pub struct WktReader<R: BufRead> {
    input: R,
    buf: Vec<u8>,
    line: usize,
    done: bool,
    keep_going: bool,
}

impl<R: BufRead> WktReader<R> {
    /// A reader over `input`.
    ///
    /// ```
    /// let mut r = s2cells::io::WktReader::new(&b"\n  \n"[..]);
    /// assert!(r.next().is_none());
    /// ```
    pub fn new(input: R) -> Self {
        Self {
            input,
            buf: Vec::new(),
            line: 0,
            done: false,
            keep_going: false,
        }
    }

    /// Goes on to the next line after a line that is not valid WKT (an
    /// error for it, then the next geometry), for a caller that skips bad
    /// features.
    ///
    /// ```
    /// use s2cells::io::WktReader;
    /// let text = "POINT (1 2\nPOINT (3 4)\n";
    /// let items: Vec<_> = WktReader::new(text.as_bytes()).keep_going().collect();
    /// assert!(items[0].is_err());
    /// assert_eq!(items[1].as_ref().unwrap().index, 1);
    /// ```
    #[must_use]
    pub fn keep_going(mut self) -> Self {
        self.keep_going = true;
        self
    }
}

impl<R: BufRead> Iterator for WktReader<R> {
    type Item = Result<GeoFeature, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match self.input.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(ParseError::ReadFailed {
                        reason: e.to_string(),
                    }));
                }
            }
            self.line += 1;
            let mut line = self.buf.as_slice();
            line = line.strip_suffix(b"\n").unwrap_or(line);
            line = line.strip_suffix(b"\r").unwrap_or(line);
            let mut skip = 0;
            if self.line == 1 && line.starts_with(b"\xef\xbb\xbf") {
                skip = 3;
            }
            if line[skip..].iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let mut parser = Parser::new(line, self.line, "end of line");
            parser.pos = skip;
            let index = self.line - 1;
            let result = parser.whole().map(|g| GeoFeature::new(index, Some(g)));
            self.done = result.is_err() && !self.keep_going;
            return Some(result);
        }
        None
    }
}

/// A cell's outline as WKT: [`cell_polygons`]' one ring as a `POLYGON`,
/// or its two (a cell across ±180°) as a `MULTIPOLYGON`; `x y` =
/// longitude latitude in degrees, each number the shortest text that
/// reads back to the same `f64` (the numbers `cell_geojson` and
/// `cell_wkb` write). An invalid id gives `MULTIPOLYGON EMPTY`.
///
/// ```
/// use s2cells::io::{cell_wkt, parse_wkt};
/// use s2cells::CellId;
///
/// let c = CellId::from_token("951977d34")?;
/// assert!(cell_wkt(c).starts_with("POLYGON ((-51.14024"));
/// assert!(cell_wkt(CellId::from_face(3)).starts_with("MULTIPOLYGON ((("));
/// assert_eq!(cell_wkt(CellId::NONE), "MULTIPOLYGON EMPTY");
/// assert!(parse_wkt(&cell_wkt(c)).is_ok());
/// # Ok::<(), s2cells::Error>(())
/// ```
#[must_use]
pub fn cell_wkt(id: CellId) -> String {
    fn ring(r: &[[f64; 2]], s: &mut String) {
        s.push('(');
        for (k, p) in r.iter().enumerate() {
            if k > 0 {
                s.push_str(", ");
            }
            let _ = write!(s, "{} {}", p[0], p[1]);
        }
        s.push(')');
    }
    let rings = cell_polygons(id);
    let mut s = String::with_capacity(16 + rings.iter().map(|r| 40 * r.len()).sum::<usize>());
    match rings.as_slice() {
        [] => s.push_str("MULTIPOLYGON EMPTY"),
        [one] => {
            s.push_str("POLYGON (");
            ring(one, &mut s);
            s.push(')');
        }
        many => {
            s.push_str("MULTIPOLYGON (");
            for (k, r) in many.iter().enumerate() {
                if k > 0 {
                    s.push_str(", ");
                }
                s.push('(');
                ring(r, &mut s);
                s.push(')');
            }
            s.push(')');
        }
    }
    s
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Point,
    LineString,
    Polygon,
    MultiPoint,
    MultiLineString,
    MultiPolygon,
    Collection,
}

const KINDS: [(&str, Kind); 7] = [
    ("POINT", Kind::Point),
    ("LINESTRING", Kind::LineString),
    ("POLYGON", Kind::Polygon),
    ("MULTIPOINT", Kind::MultiPoint),
    ("MULTILINESTRING", Kind::MultiLineString),
    ("MULTIPOLYGON", Kind::MultiPolygon),
    ("GEOMETRYCOLLECTION", Kind::Collection),
];

/// The ordinates per coordinate a dimension tag declares.
fn dimension(tag: &[u8]) -> Option<usize> {
    match tag.to_ascii_uppercase().as_slice() {
        b"Z" | b"M" => Some(3),
        b"ZM" => Some(4),
        _ => None,
    }
}

/// Positions as lat/lngs, and their x, y as written.
type Positions = (Vec<LatLng>, Vec<(f64, f64)>);

struct Parser<'a> {
    text: &'a [u8],
    pos: usize,
    first_line: usize,
    /// How the end of the text is described: "end of line" for a line of
    /// a stream, "end of input" for a whole text.
    end: &'static str,
    /// Ordinates per coordinate, once a tag or the first coordinate says.
    dim: Option<usize>,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a [u8], first_line: usize, end: &'static str) -> Self {
        Self {
            text,
            pos: 0,
            first_line,
            end,
            dim: None,
            depth: 0,
        }
    }

    /// Line and column (from 1) of byte `at`.
    fn position(&self, at: usize) -> (usize, usize) {
        let before = &self.text[..at.min(self.text.len())];
        let lines = before.iter().filter(|&&b| b == b'\n').count();
        let column = match before.iter().rposition(|&b| b == b'\n') {
            Some(nl) => at - nl,
            None => at + 1,
        };
        (self.first_line + lines, column)
    }

    /// What stands at the current position, for an error message.
    fn found(&self) -> String {
        let rest = &self.text[self.pos..];
        let Some(&b) = rest.first() else {
            return self.end.to_owned();
        };
        let token = |pred: fn(&u8) -> bool| {
            let n = rest.iter().take_while(|c| pred(c)).count().min(40);
            format!("'{}'", String::from_utf8_lossy(&rest[..n]))
        };
        if b.is_ascii_alphabetic() {
            token(u8::is_ascii_alphabetic)
        } else if is_number_start(b) {
            token(|c| is_number_byte(*c))
        } else if b.is_ascii_graphic() {
            format!("'{}'", b as char)
        } else {
            format!("byte 0x{b:02x}")
        }
    }

    fn expected(&self, expected: &'static str) -> ParseError {
        let (line, column) = self.position(self.pos);
        ParseError::WktSyntax {
            line,
            column,
            expected,
            found: self.found(),
        }
    }

    fn invalid(&self, at: usize, reason: String) -> ParseError {
        let (line, column) = self.position(at);
        ParseError::InvalidWkt {
            line,
            column,
            reason,
        }
    }

    fn skip_ws(&mut self) {
        while self.text.get(self.pos).is_some_and(u8::is_ascii_whitespace) {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.text.get(self.pos).copied()
    }

    /// Consumes `c` if it is next.
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: u8, expected: &'static str) -> Result<(), ParseError> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.expected(expected))
        }
    }

    /// The next word (a run of ASCII letters), not consumed.
    fn word(&mut self) -> &'a [u8] {
        self.skip_ws();
        let rest = &self.text[self.pos..];
        let n = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        &rest[..n]
    }

    /// Consumes the next word if it is `kw` (any case).
    fn keyword(&mut self, kw: &str) -> bool {
        let w = self.word();
        if w.eq_ignore_ascii_case(kw.as_bytes()) {
            self.pos += w.len();
            true
        } else {
            false
        }
    }

    /// One geometry, optionally after `SRID=4326;`, and nothing after it.
    fn whole(mut self) -> Result<Geometry, ParseError> {
        if self.keyword("SRID") {
            self.expect(b'=', "'=' after SRID")?;
            self.skip_ws();
            let start = self.pos;
            let digits = self.text[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits == 0 {
                return Err(self.expected("an SRID number"));
            }
            self.pos += digits;
            let srid = &self.text[start..self.pos];
            if srid != b"4326" {
                return Err(self.invalid(
                    start,
                    format!(
                        "SRID {} is not supported: coordinates must be longitude/latitude \
                         degrees (SRID=4326)",
                        String::from_utf8_lossy(srid)
                    ),
                ));
            }
            self.expect(b';', "';' after the SRID")?;
        }
        let g = self.geometry()?;
        if self.peek().is_some() {
            return Err(self.expected(self.end));
        }
        Ok(g)
    }

    /// A tagged geometry: type, optional dimension, then EMPTY or its body.
    fn geometry(&mut self) -> Result<Geometry, ParseError> {
        let start = self.peek_pos();
        let word = self.word();
        let Some((kind, suffix)) = KINDS.iter().find_map(|&(name, kind)| {
            let n = name.len();
            (word.len() >= n && word[..n].eq_ignore_ascii_case(name.as_bytes()))
                .then(|| (kind, &word[n..]))
                .filter(|(_, rest)| rest.is_empty() || dimension(rest).is_some())
        }) else {
            return Err(self.expected(GEOMETRY_TYPE));
        };
        self.pos += word.len();
        let mut declared = dimension(suffix);
        if declared.is_none() {
            let tag = self.word();
            if let Some(d) = dimension(tag) {
                self.pos += tag.len();
                declared = Some(d);
            }
        }
        if let Some(d) = declared {
            match self.dim {
                Some(e) if e != d => {
                    return Err(self.invalid(
                        start,
                        format!(
                            "this geometry declares {d} numbers per coordinate, the \
                             geometry it is part of has {e}"
                        ),
                    ));
                }
                _ => self.dim = Some(d),
            }
        }
        if self.keyword("EMPTY") {
            return Ok(match kind {
                Kind::Point | Kind::MultiPoint => Geometry::MultiPoint(Vec::new()),
                Kind::LineString | Kind::MultiLineString => Geometry::MultiLineString(Vec::new()),
                Kind::Polygon | Kind::MultiPolygon => Geometry::MultiPolygon(Vec::new()),
                Kind::Collection => Geometry::GeometryCollection(Vec::new()),
            });
        }
        if self.peek() != Some(b'(') {
            return Err(self.expected(if declared.is_some() {
                "'(' or EMPTY"
            } else {
                "'(', EMPTY or a dimension (Z, M, ZM)"
            }));
        }
        match kind {
            Kind::Point => {
                self.pos += 1;
                let p = self.coordinate()?;
                self.expect(b')', "')'")?;
                Ok(Geometry::Point(p))
            }
            Kind::LineString => self.line().map(Geometry::LineString),
            Kind::Polygon => self.polygon().map(Geometry::Polygon),
            Kind::MultiPoint => self
                .list(|p| {
                    if p.keyword("EMPTY") {
                        return Ok(None);
                    }
                    if p.eat(b'(') {
                        let c = p.coordinate()?;
                        p.expect(b')', "')'")?;
                        return Ok(Some(c));
                    }
                    if p.peek().is_some_and(is_number_start) {
                        return p.coordinate().map(Some);
                    }
                    Err(p.expected("a coordinate, '(' or EMPTY"))
                })
                .map(|ps| Geometry::MultiPoint(ps.into_iter().flatten().collect())),
            Kind::MultiLineString => self
                .list(|p| p.or_empty(Self::line))
                .map(|ls| Geometry::MultiLineString(ls.into_iter().flatten().collect())),
            Kind::MultiPolygon => self
                .list(|p| p.or_empty(Self::polygon))
                .map(|ps| Geometry::MultiPolygon(ps.into_iter().flatten().collect())),
            Kind::Collection => {
                if self.depth >= MAX_WKT_NESTING {
                    return Err(self.invalid(
                        start,
                        format!("geometry collections nest more than {MAX_WKT_NESTING} deep"),
                    ));
                }
                self.depth += 1;
                let members = self.list(Self::geometry)?;
                self.depth -= 1;
                Ok(Geometry::GeometryCollection(members))
            }
        }
    }

    /// `EMPTY` (None) or what `f` reads.
    fn or_empty<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, ParseError>,
    ) -> Result<Option<T>, ParseError> {
        if self.keyword("EMPTY") {
            return Ok(None);
        }
        if self.peek() != Some(b'(') {
            return Err(self.expected("'(' or EMPTY"));
        }
        f(self).map(Some)
    }

    /// `( item, item, ... )`, each item read by `f`.
    fn list<T>(
        &mut self,
        mut f: impl FnMut(&mut Self) -> Result<T, ParseError>,
    ) -> Result<Vec<T>, ParseError> {
        self.expect(b'(', "'('")?;
        let mut out = Vec::new();
        loop {
            out.push(f(self)?);
            if self.eat(b')') {
                return Ok(out);
            }
            self.expect(b',', "',' or ')'")?;
        }
    }

    /// `( x y, x y, ... )` with the raw x, y of each position.
    fn positions(&mut self) -> Result<Positions, ParseError> {
        let mut raw = Vec::new();
        let points = self.list(|p| {
            let (ll, xy) = p.coordinate_raw()?;
            raw.push(xy);
            Ok(ll)
        })?;
        Ok((points, raw))
    }

    fn line(&mut self) -> Result<Vec<LatLng>, ParseError> {
        let start = self.peek_pos();
        let (points, _) = self.positions()?;
        if points.len() < 2 {
            return Err(self.invalid(
                start,
                format!(
                    "a line string needs at least 2 positions, found {}",
                    points.len()
                ),
            ));
        }
        Ok(points)
    }

    fn ring(&mut self) -> Result<Vec<LatLng>, ParseError> {
        let start = self.peek_pos();
        let (mut points, raw) = self.positions()?;
        if points.len() < 4 {
            return Err(self.invalid(
                start,
                format!(
                    "a ring needs at least 4 positions (3 vertices and the closing one), found {}",
                    points.len()
                ),
            ));
        }
        // Closure is checked on the numbers as written, as GeoJSON's is.
        if raw.first() != raw.last() {
            return Err(self.invalid(
                start,
                format!(
                    "a ring must end where it starts: position {} differs from position 0",
                    points.len() - 1
                ),
            ));
        }
        points.pop();
        Ok(points)
    }

    fn polygon(&mut self) -> Result<Vec<Vec<LatLng>>, ParseError> {
        self.list(Self::ring)
    }

    /// The position of the next non-blank byte.
    fn peek_pos(&mut self) -> usize {
        self.skip_ws();
        self.pos
    }

    fn coordinate(&mut self) -> Result<LatLng, ParseError> {
        self.coordinate_raw().map(|(ll, _)| ll)
    }

    /// `x y [z [m]]`: the lat/lng, and x and y as written.
    fn coordinate_raw(&mut self) -> Result<(LatLng, (f64, f64)), ParseError> {
        let start = self.peek_pos();
        let lng = self.number("a number")?;
        let lat = self.number("a number")?;
        let mut count = 2;
        match self.dim {
            Some(d) => {
                while count < d {
                    self.number("a number")?;
                    count += 1;
                }
            }
            None => {
                while count < 4 && self.peek().is_some_and(is_number_start) {
                    self.number("a number")?;
                    count += 1;
                }
                if count == 2 && !matches!(self.peek(), Some(b',' | b')')) {
                    return Err(self.expected("a number, ',' or ')'"));
                }
                self.dim = Some(count);
            }
        }
        if let Some(why) = position_error(lat, lng) {
            return Err(self.invalid(start, why));
        }
        Ok((LatLng::from_degrees(lat, lng), (lng, lat)))
    }

    fn number(&mut self, expected: &'static str) -> Result<f64, ParseError> {
        if !self.peek().is_some_and(is_number_start) {
            return Err(self.expected(expected));
        }
        let rest = &self.text[self.pos..];
        let n = rest.iter().take_while(|b| is_number_byte(**b)).count();
        // The bytes are ASCII digits, signs, dots and exponents, so UTF-8.
        let parsed = std::str::from_utf8(&rest[..n])
            .ok()
            .and_then(|s| s.parse::<f64>().ok());
        match parsed {
            Some(x) => {
                self.pos += n;
                Ok(x)
            }
            None => Err(self.expected(expected)),
        }
    }
}

fn is_number_start(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.')
}

fn is_number_byte(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ll(lat: f64, lng: f64) -> LatLng {
        LatLng::from_degrees(lat, lng)
    }

    fn err(text: &str) -> String {
        parse_wkt(text).expect_err(text).to_string()
    }

    #[test]
    fn multipoint_members_with_and_without_parentheses() {
        let want = Geometry::MultiPoint(vec![ll(2.0, 1.0), ll(4.0, 3.0)]);
        assert_eq!(parse_wkt("MULTIPOINT (1 2, 3 4)").unwrap(), want);
        assert_eq!(parse_wkt("MULTIPOINT ((1 2), (3 4))").unwrap(), want);
        assert_eq!(parse_wkt("MULTIPOINT ((1 2), EMPTY, 3 4)").unwrap(), want);
    }

    #[test]
    fn dimensions_must_agree() {
        assert_eq!(
            parse_wkt("LINESTRING (0 0 1, 1 1 2)").unwrap(),
            parse_wkt("LINESTRING(0 0,1 1)").unwrap()
        );
        assert_eq!(
            err("LINESTRING (0 0 1, 1 1)"),
            "WKT syntax error: expected a number at line 1, column 23, found ')'"
        );
        assert_eq!(
            err("POINT Z (0 0)"),
            "WKT syntax error: expected a number at line 1, column 13, found ')'"
        );
        assert_eq!(
            err("GEOMETRYCOLLECTION ZM ( POINT M (0 0 0))"),
            "invalid WKT at line 1, column 25: this geometry declares 3 numbers per \
             coordinate, the geometry it is part of has 4"
        );
    }

    #[test]
    fn positions_span_lines() {
        assert_eq!(
            err("POLYGON ((0 0, 1 0,\n  1 1, 0 0),\n (0 0 x))"),
            "WKT syntax error: expected ',' or ')' at line 3, column 7, found 'x'"
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "GEOMETRYCOLLECTION(".repeat(100_000);
        assert!(err(&deep).contains("nest more than 64 deep"));
    }
}
