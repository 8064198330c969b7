//! What can go wrong making or parsing a cell id.

use std::fmt;

use crate::geom::error::{write_invalid_latlng, write_invalid_point};

/// Why a cell id could not be made: a token, debug string or 64-bit value
/// that names no cell, a lat/lng or point that is not valid, a level
/// above 30, batch slices of the wrong lengths, or an unknown
/// instruction-set name. Each variant carries
/// the offending input, so the message names it.
///
/// Converts into the crate's [`Error`](crate::Error) with `?`.
///
/// ```
/// use s2cells::{CellError, CellId, TokenError};
///
/// let err = CellId::from_token("0x1f").unwrap_err();
/// assert!(matches!(err, CellError::InvalidToken { reason: TokenError::NotHex { at: 1, .. }, .. }));
/// assert_eq!(err.to_string(), "invalid cell token \"0x1f\": 'x' at byte 1 is not a hex digit");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum CellError {
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
    /// A level outside `0..=30`.
    InvalidLevel {
        /// The level as given.
        level: i64,
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
}

/// Why a token was rejected.
///
/// ```
/// use s2cells::TokenError;
/// assert_eq!(TokenError::Empty.to_string(), "a token has 1 to 16 hex digits, this one is empty");
/// ```
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

impl std::error::Error for TokenError {}

/// The message of an invalid level, shared by every area that checks one.
pub(crate) fn write_invalid_level(
    f: &mut fmt::Formatter<'_>,
    level: i64,
    expected: &str,
) -> fmt::Result {
    write!(f, "invalid level {level}: expected {expected}")
}

/// The message of an invalid 64-bit cell id.
pub(crate) fn write_invalid_cell_id(f: &mut fmt::Formatter<'_>, id: u64) -> fmt::Result {
    write!(
        f,
        "invalid cell id {id} (0x{id:016x}): face bits above 5 or no level marker bit"
    )
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidToken { token, reason } => {
                write!(f, "invalid cell token {token:?}: {reason}")
            }
            Self::InvalidDebugString { input, reason } => {
                write!(f, "invalid cell debug string {input:?}: {reason}")
            }
            Self::InvalidCellId { id } => write_invalid_cell_id(f, *id),
            Self::InvalidLatLng {
                lat_degrees,
                lng_degrees,
            } => write_invalid_latlng(f, *lat_degrees, *lng_degrees),
            Self::InvalidPoint { xyz } => write_invalid_point(f, xyz),
            Self::InvalidLevel { level, expected } => write_invalid_level(f, *level, expected),
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
        }
    }
}

impl std::error::Error for CellError {}
