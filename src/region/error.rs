//! What can go wrong making a region: a loop, polygon or polyline that
//! breaks the rules, a cell union out of order, a level out of range.

use std::fmt;

use crate::cell::error::write_invalid_level;

/// Why a region could not be made: a loop, polygon or polyline that breaks
/// the rules (the [`GeometryError`] says which, with Google's code), cell
/// ids that do not make the cell union asked for, or a level out of range.
///
/// Converts into the crate's [`Error`](crate::Error) with `?`.
///
/// ```
/// use s2cells::{GeometryError, LatLng, Loop, RegionError};
///
/// let bowtie = [(0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 1.0)].map(|(a, b)| LatLng::from_degrees(a, b));
/// let err = Loop::from_latlngs(&bowtie).unwrap_err();
/// assert!(matches!(err, RegionError::InvalidLoop { reason: GeometryError::SelfIntersection { .. } }));
/// assert_eq!(err.to_string(), "invalid loop: edge 0 crosses edge 2");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegionError {
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
    /// A level outside `0..=30`.
    InvalidLevel {
        /// The level as given.
        level: i64,
        /// What was expected.
        expected: &'static str,
    },
    /// A level step outside `1..=3`.
    InvalidLevelMod {
        /// The step as given.
        level_mod: u8,
    },
}

/// The message of an invalid level step, shared by every area that
/// checks one.
pub(crate) fn write_invalid_level_mod(f: &mut fmt::Formatter<'_>, level_mod: u8) -> fmt::Result {
    write!(f, "invalid level step {level_mod}: expected 1, 2 or 3")
}

/// The message of ids that do not make a cell union.
pub(crate) fn write_invalid_cell_union(
    f: &mut fmt::Formatter<'_>,
    index: usize,
    id: u64,
    expected: &str,
) -> fmt::Result {
    write!(
        f,
        "invalid cell union: cell {index} (id {id}, 0x{id:016x}): expected {expected}"
    )
}

impl fmt::Display for RegionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
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
            Self::InvalidCellUnion {
                index,
                id,
                expected,
            } => write_invalid_cell_union(f, *index, *id, expected),
            Self::InvalidLeafRange {
                first,
                last,
                expected,
            } => write!(
                f,
                "invalid leaf range from id {first} (0x{first:016x}) to id {last} \
                 (0x{last:016x}): expected {expected}"
            ),
            Self::InvalidLevel { level, expected } => write_invalid_level(f, *level, expected),
            Self::InvalidLevelMod { level_mod } => write_invalid_level_mod(f, *level_mod),
        }
    }
}

impl std::error::Error for RegionError {}

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

impl std::error::Error for GeometryError {}
