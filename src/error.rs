//! The crate's one error type.
//!
//! Every fallible operation returns [`Error`], and every variant carries the
//! offending input so that a message names what was wrong without the caller
//! having to re-attach context.

use std::fmt;

/// What went wrong, with the input that caused it.
///
/// ```
/// use s2cells::{CellId, Error};
///
/// let err = CellId::from_token("0x1f").unwrap_err();
/// assert!(matches!(err, Error::InvalidToken { .. }));
/// assert_eq!(err.to_string(), "invalid cell token \"0x1f\": 'x' at byte 1 is not a hex digit");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// A cell token that does not name a valid cell.
    InvalidToken {
        /// The token as given.
        token: String,
        /// Why it was rejected.
        reason: TokenError,
    },
    /// A debug string (`"4/0123"`) that does not name a valid cell.
    InvalidDebugString {
        /// The string as given.
        input: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// A 64-bit value that is not a valid cell id.
    InvalidCellId {
        /// The value as given.
        id: u64,
    },
    /// A latitude/longitude that is not finite or out of range
    /// (|lat| > 90°, |lng| > 180°).
    InvalidLatLng {
        /// Latitude in degrees, as given.
        lat_degrees: f64,
        /// Longitude in degrees, as given.
        lng_degrees: f64,
    },
    /// A point that is not finite or is the zero vector.
    InvalidPoint {
        /// The coordinates, as given.
        xyz: [f64; 3],
    },
    /// A level outside `0..=30`, or out of order with another level.
    InvalidLevel {
        /// The level as given.
        level: i64,
        /// What was expected.
        expected: &'static str,
    },
    /// A cube face outside `0..=5`.
    InvalidFace {
        /// The face as given.
        face: i64,
    },
    /// A level step outside `1..=3`.
    InvalidLevelMod {
        /// The step as given.
        level_mod: u8,
    },
    /// Cell ids that do not make the cell union a constructor asked for:
    /// an invalid id, ids out of order or overlapping, or (for a normalized
    /// union) four siblings in place of their parent.
    InvalidCellUnion {
        /// Position of the first offending id in the input.
        index: usize,
        /// That id.
        id: u64,
        /// What was expected of it.
        expected: &'static str,
    },
    /// The two ends of a leaf range are not leaf cells or are out of order.
    InvalidLeafRange {
        /// The first end, as given.
        first: u64,
        /// The last end, as given.
        last: u64,
        /// What was expected.
        expected: &'static str,
    },
    /// Slices given to a batch function differ in length.
    LengthMismatch {
        /// Length of the latitude slice.
        lats: usize,
        /// Length of the longitude slice.
        lngs: usize,
        /// Length of the output slice.
        out: usize,
    },
    /// A slice given to a batch kernel (`cell::cell_ids_to_parents`, ...)
    /// that does not have the length the kernel needs.
    BatchLength {
        /// Which slice (or range) it is.
        what: &'static str,
        /// Its length as given.
        len: usize,
        /// The length needed.
        expected: usize,
    },
    /// A name that is none of the accepted ones (an instruction set for
    /// `cell::Isa`).
    UnknownName {
        /// What the name should name.
        what: &'static str,
        /// The name as given.
        name: String,
        /// The accepted names.
        expected: &'static str,
    },
    /// Lat/lng rectangle bounds (radians) that do not make a valid
    /// rectangle: non-finite, |lat| > π/2, |lng| > π, or the latitude range
    /// empty while the longitude range is not.
    InvalidRect {
        /// Lowest latitude, radians, as given.
        lat_lo: f64,
        /// Highest latitude, radians, as given.
        lat_hi: f64,
        /// Western longitude, radians, as given.
        lng_lo: f64,
        /// Eastern longitude, radians, as given.
        lng_hi: f64,
        /// What was wrong.
        reason: &'static str,
    },
    /// A cap parameter (radius, height, area or margin) that is NaN or out
    /// of range, or a center that is not a unit vector.
    InvalidCap {
        /// Which parameter.
        what: &'static str,
        /// Its value (for a center, its squared length).
        value: f64,
    },
    /// A region coverer asked for at most zero cells.
    InvalidMaxCells {
        /// The count as given.
        max_cells: usize,
    },
    /// A covering would need more cells than the budget allows.
    CoveringOverBudget {
        /// The budget.
        budget: usize,
        /// How many cells the covering had when it passed the budget (at
        /// least `budget + 1`; the full covering may have more).
        cells: usize,
    },
    /// GeoJSON input that is not well-formed JSON.
    GeoJsonSyntax {
        /// Line of the input, from 1.
        line: usize,
        /// Column (byte within the line), from 1.
        column: usize,
        /// What the JSON parser expected or found.
        reason: String,
    },
    /// Well-formed JSON that is not GeoJSON this crate reads.
    InvalidGeoJson {
        /// Index of the feature in the input, from 0.
        feature: usize,
        /// Where in the feature, as a JSON path (`geometry.coordinates[0][3]`).
        path: String,
        /// What is wrong there.
        reason: String,
    },
    /// Reading the input failed (an I/O error, or bytes that are not UTF-8).
    ReadFailed {
        /// The underlying error's message.
        reason: String,
    },
    /// A term indexer marker that is not an ASCII character other than a
    /// letter or digit (it would be confused with a token).
    InvalidTermMarker {
        /// The marker as given.
        marker: char,
    },
    /// Index terms for a region asked of a term indexer whose options say
    /// the index holds only points.
    PointsOnlyIndex,
    /// An SQL identifier (table or column name) that s2cells will not put
    /// into a statement.
    InvalidSqlIdentifier {
        /// The name as given.
        name: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// A feature encoder input that cannot be used: an empty vocabulary,
    /// zero hash buckets, an out-of-range level list, a malformed saved
    /// vocabulary, or shapes that do not agree.
    InvalidFeatureInput {
        /// What was given.
        input: String,
        /// What was expected.
        expected: &'static str,
    },
    /// A loop that breaks the loop rules (see [`GeometryError`]).
    InvalidLoop {
        /// What is wrong, with the vertex or edge indexes.
        reason: GeometryError,
    },
    /// A polygon that breaks the polygon rules.
    InvalidPolygon {
        /// The loop at fault (its position in the polygon's loop order),
        /// when one loop alone is.
        loop_index: Option<usize>,
        /// What is wrong, with the vertex or edge indexes.
        reason: GeometryError,
    },
    /// A polyline that breaks the polyline rules.
    InvalidPolyline {
        /// What is wrong, with the vertex indexes.
        reason: GeometryError,
    },
    /// A geo-types geometry that is not a valid region (feature `geo`).
    InvalidGeoTypes {
        /// Where: `point`, `rect.min`, `line[3]`, `exterior`,
        /// `polygons[1].interiors[0][2]`, `polygon`.
        path: String,
        /// What is wrong there.
        reason: String,
    },
    /// WKT input that leaves the grammar (feature `geojson`).
    WktSyntax {
        /// Line of the input, from 1.
        line: usize,
        /// Column (byte within the line), from 1.
        column: usize,
        /// What the parser expected there.
        expected: &'static str,
        /// What it found (a quoted token, or the end of the line).
        found: String,
    },
    /// Well-formed WKT that is not a geometry this crate reads: a
    /// coordinate out of range, a ring not closed or too short, a line
    /// string of one position, an SRID other than 4326.
    InvalidWkt {
        /// Line of the input, from 1.
        line: usize,
        /// Column (byte within the line), from 1, where the offending
        /// coordinate, ring or geometry starts.
        column: usize,
        /// What is wrong there.
        reason: String,
    },
    /// Bytes that are not one Google encoding of a value
    /// (`LatLngRect::decode`, `Cap::decode`): the wrong length, an unknown
    /// version, or a value that is not valid.
    InvalidEncoding {
        /// What was being decoded: `"LatLngRect"`, `"Cap"`.
        what: &'static str,
        /// How many bytes were given.
        len: usize,
        /// What was wrong.
        reason: &'static str,
    },
}

/// Why a loop, polygon or polyline is invalid. Each reason has Google's
/// `S2Error` code ([`google_code`](Self::google_code)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GeometryError {
    /// A vertex that is not unit length (to within 5 ε of squared norm).
    NotUnitLength {
        /// Its index.
        vertex: usize,
    },
    /// A vertex with a NaN or infinite coordinate.
    NonFiniteVertex {
        /// Its index.
        vertex: usize,
    },
    /// A loop with 1 or 2 vertices (one vertex is the empty or full loop).
    NotEnoughVertices {
        /// How many it has.
        count: usize,
    },
    /// Two identical vertices (adjacent, or anywhere in one loop).
    DuplicateVertices {
        /// The first one's index.
        first: usize,
        /// The second one's index.
        second: usize,
    },
    /// Two adjacent vertices that are antipodal (the edge between them has
    /// no defined path).
    AntipodalVertices {
        /// The first one's index.
        first: usize,
        /// The second one's index.
        second: usize,
    },
    /// Two edges of one loop that cross.
    SelfIntersection {
        /// Index of one edge (edge `i` goes from vertex `i` to `i + 1`).
        edge: usize,
        /// Index of the other.
        other: usize,
    },
    /// Two loops of a polygon that cross (at an edge or a shared vertex).
    LoopsCross {
        /// One loop and its edge.
        loop_a: usize,
        /// Edge of `loop_a`.
        edge_a: usize,
        /// The other loop.
        loop_b: usize,
        /// Edge of `loop_b`.
        edge_b: usize,
    },
    /// Two loops of a polygon that share an edge.
    LoopsShareEdge {
        /// One loop and its edge.
        loop_a: usize,
        /// Edge of `loop_a`.
        edge_a: usize,
        /// The other loop.
        loop_b: usize,
        /// Edge of `loop_b`.
        edge_b: usize,
    },
    /// An empty loop in a polygon.
    EmptyLoop,
    /// A full loop in a polygon of more than one loop (Google 0.14 reports
    /// it with the empty-loop code, 202).
    ExcessFullLoop,
}

impl GeometryError {
    /// Google's `S2Error::Code` for this reason as s2geometry 0.14 reports
    /// it (`NOT_UNIT_LENGTH` = 1, …, `OVERLAPPING_GEOMETRY` = 209).
    ///
    /// ```
    /// use s2cells::GeometryError;
    /// assert_eq!(GeometryError::SelfIntersection { edge: 0, other: 2 }.google_code(), 101);
    /// ```
    #[must_use]
    pub const fn google_code(&self) -> i32 {
        match self {
            Self::NotUnitLength { .. } | Self::NonFiniteVertex { .. } => 1,
            Self::DuplicateVertices { .. } => 2,
            Self::AntipodalVertices { .. } => 3,
            Self::NotEnoughVertices { .. } => 100,
            Self::SelfIntersection { .. } => 101,
            // Google 0.14's polygons report both as OVERLAPPING_GEOMETRY (or,
            // depending on its index, POLYGON_INCONSISTENT_LOOP_ORIENTATIONS).
            Self::LoopsShareEdge { .. } | Self::LoopsCross { .. } => 209,
            Self::EmptyLoop | Self::ExcessFullLoop => 202,
        }
    }
}

impl fmt::Display for GeometryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::NotUnitLength { vertex } => write!(f, "vertex {vertex} is not unit length"),
            Self::NonFiniteVertex { vertex } => {
                write!(f, "vertex {vertex} has a NaN or infinite coordinate")
            }
            Self::NotEnoughVertices { count } => write!(
                f,
                "a loop needs at least 3 vertices (1 for the empty or full loop), this one has {count}"
            ),
            Self::DuplicateVertices { first, second } => {
                write!(f, "vertices {first} and {second} are identical")
            }
            Self::AntipodalVertices { first, second } => {
                write!(f, "vertices {first} and {second} are antipodal")
            }
            Self::SelfIntersection { edge, other } => write!(f, "edge {edge} crosses edge {other}"),
            Self::LoopsCross {
                loop_a,
                edge_a,
                loop_b,
                edge_b,
            } => write!(
                f,
                "loop {loop_a} edge {edge_a} crosses loop {loop_b} edge {edge_b}"
            ),
            Self::LoopsShareEdge {
                loop_a,
                edge_a,
                loop_b,
                edge_b,
            } => write!(
                f,
                "loop {loop_a} edge {edge_a} has a duplicate near loop {loop_b} edge {edge_b}"
            ),
            Self::EmptyLoop => f.write_str("empty loops are not allowed in a polygon"),
            Self::ExcessFullLoop => {
                f.write_str("a full loop can only be the one loop of the full polygon")
            }
        }
    }
}

/// Why a token was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenError {
    /// The token is the empty string.
    Empty,
    /// The token has more than 16 hex digits.
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// A byte that is not a hex digit (this includes signs, `0x` prefixes
    /// and white space).
    NotHex {
        /// The offending character.
        ch: char,
        /// Its byte offset.
        at: usize,
    },
    /// The digits decode to a 64-bit value that is not a valid cell id.
    NotACell {
        /// The decoded value.
        id: u64,
    },
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Empty => f.write_str("a token has 1 to 16 hex digits, this one is empty"),
            Self::TooLong { len } => {
                write!(
                    f,
                    "a token has at most 16 hex digits, this one has {len} bytes"
                )
            }
            Self::NotHex { ch, at } => write!(f, "{ch:?} at byte {at} is not a hex digit"),
            Self::NotACell { id } => write!(
                f,
                "0x{id:016x} is not a valid cell id (face bits above 5 or no level marker bit)"
            ),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidToken { token, reason } => {
                write!(f, "invalid cell token {token:?}: {reason}")
            }
            Self::InvalidDebugString { input, reason } => {
                write!(f, "invalid cell debug string {input:?}: {reason}")
            }
            Self::InvalidCellId { id } => write!(
                f,
                "invalid cell id {id} (0x{id:016x}): face bits above 5 or no level marker bit"
            ),
            Self::InvalidLatLng {
                lat_degrees,
                lng_degrees,
            } => write!(
                f,
                "invalid lat/lng ({lat_degrees}, {lng_degrees}): latitude must be finite and within \
                 [-90, 90] degrees, longitude finite and within [-180, 180] degrees"
            ),
            Self::InvalidPoint { xyz } => write!(
                f,
                "invalid point ({}, {}, {}): coordinates must be finite and not all zero",
                xyz[0], xyz[1], xyz[2]
            ),
            Self::InvalidLevel { level, expected } => {
                write!(f, "invalid level {level}: expected {expected}")
            }
            Self::InvalidFace { face } => write!(f, "invalid cube face {face}: expected 0..=5"),
            Self::InvalidLevelMod { level_mod } => {
                write!(f, "invalid level step {level_mod}: expected 1, 2 or 3")
            }
            Self::InvalidCellUnion {
                index,
                id,
                expected,
            } => write!(
                f,
                "invalid cell union: cell {index} (id {id}, 0x{id:016x}): expected {expected}"
            ),
            Self::InvalidLeafRange {
                first,
                last,
                expected,
            } => write!(
                f,
                "invalid leaf range from id {first} (0x{first:016x}) to id {last} \
                 (0x{last:016x}): expected {expected}"
            ),
            Self::LengthMismatch { lats, lngs, out } => write!(
                f,
                "batch slices differ in length: {lats} latitudes, {lngs} longitudes, {out} outputs"
            ),
            Self::BatchLength {
                what,
                len,
                expected,
            } => write!(f, "batch kernel {what}: {len} given, {expected} needed"),
            Self::UnknownName {
                what,
                name,
                expected,
            } => write!(f, "unknown {what} {name:?}: expected {expected}"),
            Self::InvalidRect {
                lat_lo,
                lat_hi,
                lng_lo,
                lng_hi,
                reason,
            } => write!(
                f,
                "invalid lat/lng rectangle lat [{lat_lo}, {lat_hi}] lng [{lng_lo}, {lng_hi}] \
                 (radians): {reason}"
            ),
            Self::InvalidCap { what, value } => {
                write!(f, "invalid cap {what} {value}")
            }
            Self::InvalidMaxCells { max_cells } => {
                write!(f, "invalid max_cells {max_cells}: expected at least 1")
            }
            Self::CoveringOverBudget { budget, cells } => write!(
                f,
                "the covering needs more than {budget} cells (reached {cells})"
            ),
            Self::GeoJsonSyntax {
                line,
                column,
                reason,
            } => write!(
                f,
                "GeoJSON syntax error at line {line}, column {column}: {reason}"
            ),
            Self::InvalidGeoJson {
                feature,
                path,
                reason,
            } => write!(
                f,
                "invalid GeoJSON in feature {feature} at {path}: {reason}"
            ),
            Self::ReadFailed { reason } => write!(f, "reading the input failed: {reason}"),
            Self::InvalidTermMarker { marker } => write!(
                f,
                "invalid term marker {marker:?}: expected an ASCII character that is not a letter or digit"
            ),
            Self::PointsOnlyIndex => f.write_str(
                "index terms for a region asked of a term indexer whose index holds only points",
            ),
            Self::InvalidSqlIdentifier { name, reason } => {
                write!(f, "invalid SQL identifier {name:?}: {reason}")
            }
            Self::InvalidFeatureInput { input, expected } => {
                write!(f, "invalid feature input {input}: expected {expected}")
            }
            Self::InvalidLoop { reason } => write!(f, "invalid loop: {reason}"),
            Self::InvalidPolygon {
                loop_index: Some(i),
                reason,
            } => write!(f, "invalid polygon: loop {i}: {reason}"),
            Self::InvalidPolygon {
                loop_index: None,
                reason,
            } => write!(f, "invalid polygon: {reason}"),
            Self::InvalidPolyline { reason } => write!(f, "invalid polyline: {reason}"),
            Self::InvalidGeoTypes { path, reason } => {
                write!(f, "invalid geo-types geometry at {path}: {reason}")
            }
            Self::WktSyntax {
                line,
                column,
                expected,
                found,
            } => write!(
                f,
                "WKT syntax error: expected {expected} at line {line}, column {column}, found {found}"
            ),
            Self::InvalidWkt {
                line,
                column,
                reason,
            } => write!(f, "invalid WKT at line {line}, column {column}: {reason}"),
            Self::InvalidEncoding { what, len, reason } => {
                write!(f, "invalid {what} encoding ({len} bytes): {reason}")
            }
        }
    }
}

impl std::error::Error for Error {}
