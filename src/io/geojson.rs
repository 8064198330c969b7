//! GeoJSON (RFC 7946) in: geometries, features and feature collections,
//! and GeoJSON text sequences, read one feature at a time.
//!
//! Semantics, chosen and fixed here:
//!
//! - A position is `[longitude, latitude]` in degrees, optionally followed
//!   by an altitude (ignored, but it must be a number). Latitude must be
//!   finite and within [-90, 90], longitude within [-180, 180] (up to
//!   1e-9° beyond is float noise, read as given); anything else is an
//!   error, not a value wrapped around.
//! - A ring has at least 4 positions and its last position equals its first
//!   (exactly); the closing position is dropped, so a ring of `n + 1`
//!   positions becomes `n` vertices. Orientation is kept as given.
//! - A line string has at least 2 positions.
//! - A feature's `geometry` member must be present; it may be `null`. Its
//!   `id`, when present, must be a string or a number. Its `properties`
//!   may be absent, `null` or an object.
//! - Input is one JSON text (a Geometry, Feature or FeatureCollection), or
//!   a sequence of them: newline-delimited (any JSON whitespace between
//!   texts) or RFC 8142 (each text after an ASCII record separator, 0x1E).
//!   A FeatureCollection in the input yields its features in order,
//!   streamed one at a time: its other members (`type`, `bbox`, `crs`,
//!   foreign members) may come before or after `features`, and are read
//!   and skipped. When `features` comes before any `type`, the features
//!   go out as they are read and a `type` other than `"FeatureCollection"`
//!   is an error after them. The
//!   features of a stream are numbered from 0 across the whole input.
//!
//! Errors name where and what: a syntax error gives the line and column of
//! the input, anything else the feature's index and the JSON path within
//! it (`geometry.coordinates[0][3]`).
//!
//! ```
//! use s2cells::io::{parse_geojson, Geometry};
//!
//! let text = r#"{"type": "Feature", "id": "plaza", "properties": {"name": "Matriz"},
//!   "geometry": {"type": "Point", "coordinates": [-51.2303, -30.0331]}}"#;
//! let features = parse_geojson(text)?;
//! assert_eq!(features[0].id, Some(serde_json::json!("plaza")));
//! let Some(Geometry::Point(ll)) = features[0].geometry else { panic!() };
//! assert!((ll.lat_degrees() + 30.0331).abs() < 1e-12);
//! # Ok::<(), s2cells::Error>(())
//! ```

use std::io::BufRead;

use serde_json::{Map, Value};

use super::ParseError;
use super::geometry::{GeoFeature, Geometry, position_error};
use super::json_scan::{JsonTexts, Text, syntax_at};
use crate::LatLng;

/// The record separator that starts each text of an RFC 8142 sequence.
const RS: u8 = 0x1e;

impl Geometry {
    /// A geometry from a parsed GeoJSON geometry object. `index` is the
    /// feature index reported in errors.
    ///
    /// # Errors
    ///
    /// [`ParseError::InvalidGeoJson`] naming the path within the object and the
    /// problem.
    ///
    /// ```
    /// use s2cells::io::Geometry;
    /// let v = serde_json::json!({"type": "Point", "coordinates": [10, 95]});
    /// let err = Geometry::from_value(7, &v).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid GeoJSON in feature 7 at coordinates: latitude 95 is out of range [-90, 90]"
    /// );
    /// ```
    pub fn from_value(index: usize, value: &Value) -> Result<Self, ParseError> {
        let mut path = String::new();
        geometry(
            &mut Ctx {
                index,
                path: &mut path,
            },
            value,
        )
    }
}

impl GeoFeature {
    /// A feature from one parsed GeoJSON object: a Feature, or a bare
    /// geometry (which gets no id and no properties). A FeatureCollection
    /// is not one feature: [`GeoJsonValues`] splits it.
    ///
    /// # Errors
    ///
    /// [`ParseError::InvalidGeoJson`] naming `index`, the path within the object
    /// and the problem.
    ///
    /// ```
    /// use s2cells::io::GeoFeature;
    /// let v = serde_json::json!({"type": "Feature", "geometry": null, "properties": {"a": 1}});
    /// let f = GeoFeature::from_value(3, &v)?;
    /// assert_eq!((f.index, f.geometry), (3, None));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_value(index: usize, value: &Value) -> Result<Self, ParseError> {
        let mut path = String::new();
        let ctx = &mut Ctx {
            index,
            path: &mut path,
        };
        let obj = value
            .as_object()
            .ok_or_else(|| ctx.err(format!("expected a GeoJSON object, found {}", kind(value))))?;
        let ty = type_of(ctx, obj)?;
        if ty != "Feature" {
            return geometry(ctx, value).map(|g| Self {
                index,
                id: None,
                properties: None,
                geometry: Some(g),
            });
        }
        let id = match obj.get("id") {
            None => None,
            Some(v @ (Value::String(_) | Value::Number(_))) => Some(v.clone()),
            Some(v) => {
                return Err(ctx.at("id", |c| {
                    c.err(format!("expected a string or a number, found {}", kind(v)))
                }));
            }
        };
        let properties = match obj.get("properties") {
            None | Some(Value::Null) => None,
            Some(Value::Object(m)) => Some(m.clone()),
            Some(v) => {
                return Err(ctx.at("properties", |c| {
                    c.err(format!("expected an object or null, found {}", kind(v)))
                }));
            }
        };
        let geometry = match obj.get("geometry") {
            None => {
                return Err(ctx.err(
                    "a Feature needs a \"geometry\" member (null for a feature without one)"
                        .to_owned(),
                ));
            }
            Some(Value::Null) => None,
            Some(g) => Some(ctx.at_result("geometry", |c| geometry(c, g))?),
        };
        Ok(Self {
            index,
            id,
            properties,
            geometry,
        })
    }
}

/// Parses a whole GeoJSON text, or a sequence of them, into its features.
/// For large inputs, stream with [`GeoJsonReader`] instead.
///
/// # Errors
///
/// The first error in the input: [`ParseError::GeoJsonSyntax`] with line and
/// column, or [`ParseError::InvalidGeoJson`] with the feature's index.
///
/// ```
/// use s2cells::io::parse_geojson;
/// let fc = r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "id": 1, "properties": null, "geometry": {"type": "Point", "coordinates": [0, 0]}},
///   {"type": "Feature", "id": 2, "properties": null, "geometry": {"type": "Point", "coordinates": [1, 1]}}]}"#;
/// assert_eq!(parse_geojson(fc)?.len(), 2);
/// let err = parse_geojson(r#"{"type": "Point", "coordinates": [0, 0]"#).unwrap_err();
/// assert_eq!(err.to_string(), "GeoJSON syntax error at line 1, column 39: EOF while parsing an object");
/// # Ok::<(), s2cells::Error>(())
/// ```
pub fn parse_geojson(text: &str) -> Result<Vec<GeoFeature>, ParseError> {
    GeoJsonReader::new(text.as_bytes()).collect()
}

/// Streams the features of a GeoJSON input as [`GeoFeature`]s, one at a
/// time, in memory bounded by the largest feature: a FeatureCollection's
/// `features` array is read one element at a time (except inside an RFC
/// 8142 record, which is read whole). Stops after the first error.
///
/// ```
/// use s2cells::io::GeoJsonReader;
///
/// // RFC 8142: each text starts with a record separator.
/// let seq = "\x1e{\"type\": \"Point\", \"coordinates\": [0, 0]}\n\x1e{\"type\": \"Point\", \"coordinates\": [1, 2]}\n";
/// let features: Vec<_> = GeoJsonReader::new(seq.as_bytes()).collect::<Result<_, _>>()?;
/// assert_eq!(features[1].index, 1);
/// # Ok::<(), s2cells::Error>(())
/// ```
pub struct GeoJsonReader<R: BufRead> {
    values: GeoJsonValues<R>,
    keep_going: bool,
}

impl<R: BufRead> GeoJsonReader<R> {
    /// A reader over `input`.
    ///
    /// ```
    /// let mut r = s2cells::io::GeoJsonReader::new(&b""[..]);
    /// assert!(r.next().is_none());
    /// ```
    pub fn new(input: R) -> Self {
        Self {
            values: GeoJsonValues::new(input),
            keep_going: false,
        }
    }

    /// Goes on after a feature that is well-formed JSON but not valid
    /// GeoJSON (an error for it, then the next feature), for a caller
    /// that skips bad features; a syntax error still ends the input.
    ///
    /// ```
    /// use s2cells::io::GeoJsonReader;
    /// let nd = "{\"type\": \"Point\", \"coordinates\": [0, 95]}\n{\"type\": \"Point\", \"coordinates\": [1, 2]}\n";
    /// let items: Vec<_> = GeoJsonReader::new(nd.as_bytes()).keep_going().collect();
    /// assert!(items[0].is_err());
    /// assert_eq!(items[1].as_ref().unwrap().index, 1);
    /// assert_eq!(GeoJsonReader::new(nd.as_bytes()).count(), 1);
    /// ```
    #[must_use]
    pub fn keep_going(mut self) -> Self {
        self.keep_going = true;
        self
    }
}

impl<R: BufRead> Iterator for GeoJsonReader<R> {
    type Item = Result<GeoFeature, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.values.next()?;
        let syntax_ok = item.is_ok();
        let result = item.and_then(|(index, value)| GeoFeature::from_value(index, &value));
        if result.is_err() && !(self.keep_going && syntax_ok) {
            self.values.stop();
        }
        Some(result)
    }
}

/// Streams the GeoJSON objects of an input as raw JSON values with their
/// feature index: one per Feature or bare Geometry, FeatureCollections
/// split into their features. Only the syntax and the collection's
/// `features` array are checked; [`GeoFeature::from_value`] does the rest.
/// For a caller that needs the input's own text of each value (to write it
/// back with more properties, say).
///
/// ```
/// use s2cells::io::GeoJsonValues;
/// let nd = "{\"type\":\"Point\",\"coordinates\":[0,0]}\n{\"type\":\"Point\",\"coordinates\":[1,1]}\n";
/// let values: Vec<_> = GeoJsonValues::new(nd.as_bytes()).collect::<Result<_, _>>()?;
/// assert_eq!(values[1].0, 1);
/// assert_eq!(values[1].1["coordinates"][0], 1);
/// # Ok::<(), s2cells::Error>(())
/// ```
pub struct GeoJsonValues<R: BufRead> {
    state: State<R>,
    /// Features of a FeatureCollection not yet handed out.
    pending: std::vec::IntoIter<Value>,
    next_index: usize,
}

enum State<R: BufRead> {
    /// Nothing read yet: the first byte says which kind of input this is.
    Start(R),
    /// Concatenated JSON texts (one, or newline-delimited), split by a
    /// scanner that streams FeatureCollections.
    Json(JsonTexts<R>),
    /// RFC 8142: texts after record separators.
    Records {
        input: R,
        buf: Vec<u8>,
        line: usize,
        column: usize,
    },
    Done,
}

impl<R: BufRead> GeoJsonValues<R> {
    /// A stream over `input`.
    ///
    /// ```
    /// let mut v = s2cells::io::GeoJsonValues::new(&b"  \n"[..]);
    /// assert!(v.next().is_none());
    /// ```
    pub fn new(input: R) -> Self {
        Self {
            state: State::Start(input),
            pending: Vec::new().into_iter(),
            next_index: 0,
        }
    }

    fn stop(&mut self) {
        self.state = State::Done;
        self.pending = Vec::new().into_iter();
    }

    /// Reads the next JSON text (or streamed feature) of the input, `None`
    /// at its end.
    fn next_text(&mut self) -> Option<Result<Text, ParseError>> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Start(input) => match start(input) {
                    Ok(state) => self.state = state,
                    Err(e) => return Some(Err(e)),
                },
                State::Json(mut texts) => {
                    let text = texts.next_text()?;
                    self.state = State::Json(texts);
                    return Some(text);
                }
                State::Records {
                    mut input,
                    mut buf,
                    line,
                    column,
                } => {
                    buf.clear();
                    if let Err(e) = input.read_until(RS, &mut buf) {
                        return Some(Err(ParseError::ReadFailed {
                            reason: e.to_string(),
                        }));
                    }
                    if buf.is_empty() {
                        return None;
                    }
                    let text = buf.strip_suffix(&[RS]).unwrap_or(&buf);
                    let parsed = if text.iter().all(u8::is_ascii_whitespace) {
                        None
                    } else {
                        Some(serde_json::from_slice::<Value>(text))
                    };
                    let (next_line, next_column) = advance(line, column, &buf);
                    match parsed {
                        None => {}
                        Some(Err(e)) => return Some(Err(syntax(&e, line, column))),
                        Some(Ok(v)) => {
                            self.state = State::Records {
                                input,
                                buf,
                                line: next_line,
                                column: next_column,
                            };
                            return Some(Ok(Text::Whole(v)));
                        }
                    }
                    self.state = State::Records {
                        input,
                        buf,
                        line: next_line,
                        column: next_column,
                    };
                }
            }
        }
    }
}

impl<R: BufRead> Iterator for GeoJsonValues<R> {
    type Item = Result<(usize, Value), ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(v) = self.pending.next() {
                let index = self.next_index;
                self.next_index += 1;
                return Some(Ok((index, v)));
            }
            let value = match self.next_text()? {
                Ok(Text::Whole(v)) => v,
                Ok(Text::Member(v)) => {
                    let index = self.next_index;
                    self.next_index += 1;
                    return Some(Ok((index, v)));
                }
                Ok(Text::NotACollection(ty)) => {
                    self.stop();
                    return Some(Err(not_a_collection(self.next_index, ty.as_ref())));
                }
                Err(e) => {
                    self.stop();
                    return Some(Err(e));
                }
            };
            let mut obj = match value {
                Value::Object(o)
                    if o.get("type").and_then(Value::as_str) == Some("FeatureCollection") =>
                {
                    o
                }
                other => {
                    let index = self.next_index;
                    self.next_index += 1;
                    return Some(Ok((index, other)));
                }
            };
            match obj.remove("features") {
                Some(Value::Array(features)) => self.pending = features.into_iter(),
                other => {
                    self.stop();
                    let found = other.as_ref().map_or("nothing", kind);
                    return Some(Err(ParseError::InvalidGeoJson {
                        feature: self.next_index,
                        path: "features".to_owned(),
                        reason: format!(
                            "a FeatureCollection needs a \"features\" array, found {found}"
                        ),
                    }));
                }
            }
        }
    }
}

/// Skips leading white space (counting lines) and picks the reader for
/// what follows.
fn start<R: BufRead>(mut input: R) -> Result<State<R>, ParseError> {
    let (mut line, mut column) = (1, 1);
    loop {
        let buf = input.fill_buf().map_err(|e| ParseError::ReadFailed {
            reason: e.to_string(),
        })?;
        if buf.is_empty() {
            return Ok(State::Done);
        }
        let ws = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        (line, column) = advance(line, column, &buf[..ws]);
        let first = buf.get(ws).copied();
        input.consume(ws);
        match first {
            None => {}
            Some(RS) => {
                input.consume(1);
                return Ok(State::Records {
                    input,
                    buf: Vec::new(),
                    line,
                    column: column + 1,
                });
            }
            Some(_) => return Ok(State::Json(JsonTexts::new(input, line, column))),
        }
    }
}

/// The line and column after `bytes`, starting from `line`, `column`.
fn advance(mut line: usize, mut column: usize, bytes: &[u8]) -> (usize, usize) {
    for &b in bytes {
        if b == b'\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

/// A `serde_json` error as a syntax error at the input's line and column,
/// given where the parsed text started.
fn syntax(e: &serde_json::Error, line: usize, column: usize) -> ParseError {
    syntax_at(e, line, column, 0)
}

/// The error for a streamed collection whose `type` turned out wrong.
fn not_a_collection(index: usize, ty: Option<&Value>) -> ParseError {
    let (path, found) = match ty {
        None => ("(top level)", "no \"type\" member".to_owned()),
        Some(Value::String(s)) => ("type", format!("{s:?}")),
        Some(v) => ("type", kind(v).to_owned()),
    };
    ParseError::InvalidGeoJson {
        feature: index,
        path: path.to_owned(),
        reason: format!(
            "an object with a \"features\" array is read as a FeatureCollection and needs \
             \"type\": \"FeatureCollection\", found {found}"
        ),
    }
}

/// Where in the feature the validator is, for error messages.
struct Ctx<'a> {
    index: usize,
    path: &'a mut String,
}

impl Ctx<'_> {
    fn err(&self, reason: String) -> ParseError {
        ParseError::InvalidGeoJson {
            feature: self.index,
            path: if self.path.is_empty() {
                "(top level)".to_owned()
            } else {
                self.path.clone()
            },
            reason,
        }
    }

    /// Runs `f` with `key` appended to the path.
    fn at<T>(&mut self, key: &str, f: impl FnOnce(&mut Self) -> T) -> T {
        let len = self.path.len();
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(key);
        let out = f(self);
        self.path.truncate(len);
        out
    }

    fn at_result<T>(
        &mut self,
        key: &str,
        f: impl FnOnce(&mut Self) -> Result<T, ParseError>,
    ) -> Result<T, ParseError> {
        self.at(key, f)
    }

    /// Runs `f` with `[i]` appended to the path.
    fn item<T>(&mut self, i: usize, f: impl FnOnce(&mut Self) -> T) -> T {
        use std::fmt::Write;
        let len = self.path.len();
        let _ = write!(self.path, "[{i}]");
        let out = f(self);
        self.path.truncate(len);
        out
    }
}

/// How a JSON value is described in an error: what was found.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(a) if a.first().is_some_and(Value::is_array) => "an array of arrays",
        Value::Array(a) if a.first().is_some_and(Value::is_number) => "an array of numbers",
        Value::Array(a) if a.is_empty() => "an empty array",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn type_of<'v>(ctx: &mut Ctx<'_>, obj: &'v Map<String, Value>) -> Result<&'v str, ParseError> {
    match obj.get("type") {
        Some(Value::String(s)) => Ok(s),
        Some(v) => Err(ctx.at("type", |c| {
            c.err(format!("expected a string, found {}", kind(v)))
        })),
        None => Err(ctx.err("a GeoJSON object needs a \"type\" member".to_owned())),
    }
}

const GEOMETRY_TYPES: &str = "Point, MultiPoint, LineString, MultiLineString, Polygon, \
                              MultiPolygon, GeometryCollection";

fn geometry(ctx: &mut Ctx<'_>, value: &Value) -> Result<Geometry, ParseError> {
    let obj = value
        .as_object()
        .ok_or_else(|| ctx.err(format!("expected a geometry object, found {}", kind(value))))?;
    let ty = type_of(ctx, obj)?;
    if ty == "GeometryCollection" {
        let geometries = match obj.get("geometries") {
            Some(Value::Array(a)) => a,
            Some(v) => {
                return Err(ctx.at("geometries", |c| {
                    c.err(format!(
                        "expected an array of geometries, found {}",
                        kind(v)
                    ))
                }));
            }
            None => {
                return Err(
                    ctx.err("a GeometryCollection needs a \"geometries\" member".to_owned())
                );
            }
        };
        return ctx.at_result("geometries", |c| {
            geometries
                .iter()
                .enumerate()
                .map(|(i, g)| c.item(i, |c| geometry(c, g)))
                .collect::<Result<_, _>>()
                .map(Geometry::GeometryCollection)
        });
    }
    if !matches!(
        ty,
        "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon" | "MultiPolygon"
    ) {
        let reason = if matches!(ty, "Feature" | "FeatureCollection") {
            format!("a {ty} cannot stand where a geometry is expected ({GEOMETRY_TYPES})")
        } else {
            format!("unsupported geometry type {ty:?}, expected one of {GEOMETRY_TYPES}")
        };
        return Err(ctx.at("type", |c| c.err(reason)));
    }
    let Some(coords) = obj.get("coordinates") else {
        return Err(ctx.err(format!("a {ty} needs a \"coordinates\" member")));
    };
    ctx.at_result("coordinates", |c| match ty {
        "Point" => position(c, coords).map(Geometry::Point),
        "MultiPoint" => {
            array(c, coords, "an array of positions", position).map(Geometry::MultiPoint)
        }
        "LineString" => line(c, coords).map(Geometry::LineString),
        "MultiLineString" => {
            array(c, coords, "an array of line strings", line).map(Geometry::MultiLineString)
        }
        "Polygon" => polygon(c, coords).map(Geometry::Polygon),
        _ => array(c, coords, "an array of polygons", polygon).map(Geometry::MultiPolygon),
    })
}

/// The elements of an array, each read by `f` with its index on the path.
fn array<T>(
    ctx: &mut Ctx<'_>,
    value: &Value,
    expected: &str,
    mut f: impl FnMut(&mut Ctx<'_>, &Value) -> Result<T, ParseError>,
) -> Result<Vec<T>, ParseError> {
    let Value::Array(items) = value else {
        return Err(ctx.err(format!("expected {expected}, found {}", kind(value))));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| ctx.item(i, |c| f(c, v)))
        .collect()
}

fn position(ctx: &mut Ctx<'_>, value: &Value) -> Result<LatLng, ParseError> {
    let expected = "a position [longitude, latitude]";
    let Value::Array(items) = value else {
        return Err(ctx.err(format!("expected {expected}, found {}", kind(value))));
    };
    if items.first().is_some_and(Value::is_array) {
        return Err(ctx.err(format!("expected {expected}, found {}", kind(value))));
    }
    if items.len() < 2 {
        return Err(ctx.err(format!(
            "expected {expected}, found an array of {} element{}",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        )));
    }
    let mut xy = [0.0; 2];
    for (i, item) in items.iter().enumerate() {
        let Some(x) = item.as_f64() else {
            return Err(ctx.item(i, |c| {
                c.err(format!(
                    "expected a number in {expected}, found {}",
                    kind(item)
                ))
            }));
        };
        if let Some(slot) = xy.get_mut(i) {
            *slot = x;
        }
    }
    let [lng, lat] = xy;
    if let Some(why) = position_error(lat, lng) {
        return Err(ctx.err(why));
    }
    Ok(LatLng::from_degrees(lat, lng))
}

fn line(ctx: &mut Ctx<'_>, value: &Value) -> Result<Vec<LatLng>, ParseError> {
    let points = array(ctx, value, "a line string (array of positions)", position)?;
    if points.len() < 2 {
        return Err(ctx.err(format!(
            "a line string needs at least 2 positions, found {}",
            points.len()
        )));
    }
    Ok(points)
}

fn polygon(ctx: &mut Ctx<'_>, value: &Value) -> Result<Vec<Vec<LatLng>>, ParseError> {
    array(ctx, value, "an array of rings", ring)
}

fn ring(ctx: &mut Ctx<'_>, value: &Value) -> Result<Vec<LatLng>, ParseError> {
    let mut points = array(ctx, value, "a ring (array of positions)", position)?;
    if points.len() < 4 {
        return Err(ctx.err(format!(
            "a ring needs at least 4 positions (3 vertices and the closing one), found {}",
            points.len()
        )));
    }
    // Closure is checked on the numbers as written, before any conversion.
    let raw = |i: usize| {
        value
            .get(i)
            .and_then(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
    };
    if raw(0) != raw(points.len() - 1) {
        return Err(ctx.err(format!(
            "a ring must end where it starts: position {} differs from position 0",
            points.len() - 1
        )));
    }
    points.pop();
    Ok(points)
}
