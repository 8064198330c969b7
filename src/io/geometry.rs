//! The format-neutral geometry the readers produce and
//! [`GeoRegion`](super::GeoRegion) covers: GeoJSON's seven geometry types
//! with positions as [`LatLng`]s, and a feature around one.
//!
//! Nothing here parses or depends on a format: the GeoJSON reader (feature
//! `geojson`) and the WKT reader (feature `wkt`) both produce these, and a
//! caller may build them by hand.

use crate::LatLng;

/// How far past ±90° latitude and ±180° longitude a position read from a
/// file may lie and still be read. Such overshoots are float noise from
/// reprojection or a format round trip (Natural Earth's 1:110m countries,
/// as pyogrio and geopandas ship them, have Russia and Fiji at longitude
/// 180.00000000000006), and they name the same place to well under a
/// millimetre. They are read as given, not clamped: Google's library takes
/// any value, so the cells are Google's for the same input bits. A value
/// beyond the slack is an error naming it.
pub(crate) const POSITION_SLACK_DEGREES: f64 = 1e-9;

/// Why a position read from a file is not a place on Earth (non-finite, or
/// outside the ranges by more than [`POSITION_SLACK_DEGREES`]), or `None`.
/// The readers of every format share it, so they accept the same values.
pub(crate) fn position_error(lat: f64, lng: f64) -> Option<String> {
    const LAT: f64 = 90.0 + POSITION_SLACK_DEGREES;
    const LNG: f64 = 180.0 + POSITION_SLACK_DEGREES;
    if !(lat.is_finite() && (-LAT..=LAT).contains(&lat)) {
        return Some(format!("latitude {lat} is out of range [-90, 90]"));
    }
    if !(lng.is_finite() && (-LNG..=LNG).contains(&lng)) {
        return Some(format!("longitude {lng} is out of range [-180, 180]"));
    }
    None
}

/// One feature of the input: where it was, its id and properties as given
/// (GeoJSON's; feature `geojson`), and its geometry.
///
/// A bare geometry in the input, and every WKT line, becomes a feature
/// with no id and no properties. Fields are read directly; a feature is
/// made by the readers or by [`GeoFeature::new`].
///
/// ```
/// use s2cells::io::{GeoFeature, Geometry};
/// use s2cells::LatLng;
///
/// let f = GeoFeature::new(3, Some(Geometry::Point(LatLng::from_degrees(-30.0, -51.0))));
/// assert_eq!(f.index, 3);
/// assert!(matches!(f.geometry, Some(Geometry::Point(_))));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GeoFeature {
    /// Position of the feature in the input, from 0 (for WKT, the line
    /// number minus one).
    pub index: usize,
    /// The feature's `id` (a string or a number), if it has one (feature
    /// `geojson`).
    #[cfg(feature = "geojson")]
    pub id: Option<serde_json::Value>,
    /// The feature's `properties`, unless absent or `null` (feature
    /// `geojson`).
    #[cfg(feature = "geojson")]
    pub properties: Option<serde_json::Map<String, serde_json::Value>>,
    /// The geometry, or `None` for a feature whose geometry is `null`.
    pub geometry: Option<Geometry>,
}

impl GeoFeature {
    /// A feature with no id and no properties.
    ///
    /// ```
    /// let f = s2cells::io::GeoFeature::new(0, None);
    /// assert!(f.geometry.is_none());
    /// ```
    #[must_use]
    pub fn new(index: usize, geometry: Option<Geometry>) -> Self {
        Self {
            index,
            #[cfg(feature = "geojson")]
            id: None,
            #[cfg(feature = "geojson")]
            properties: None,
            geometry,
        }
    }
}

/// A geometry with positions as [`LatLng`]s: GeoJSON's seven types, which
/// WKT's map onto.
///
/// Rings (the `Vec<LatLng>` inside a polygon) have their closing vertex
/// dropped; the first ring of a polygon is its exterior, the others its
/// holes, in the orientation the input gave.
///
/// ```
/// use s2cells::io::Geometry;
/// use s2cells::LatLng;
///
/// let ll = |lat, lng| LatLng::from_degrees(lat, lng);
/// let square = Geometry::Polygon(vec![vec![ll(0.0, 0.0), ll(0.0, 1.0), ll(1.0, 1.0), ll(1.0, 0.0)]]);
/// assert_eq!(square.type_name(), "Polygon");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Geometry {
    /// One position.
    Point(LatLng),
    /// Any number of positions.
    MultiPoint(Vec<LatLng>),
    /// At least two positions, joined in order.
    LineString(Vec<LatLng>),
    /// Any number of line strings.
    MultiLineString(Vec<Vec<LatLng>>),
    /// Rings: the exterior, then holes, each of at least 3 vertices.
    Polygon(Vec<Vec<LatLng>>),
    /// Any number of polygons.
    MultiPolygon(Vec<Vec<Vec<LatLng>>>),
    /// Any number of geometries.
    GeometryCollection(Vec<Geometry>),
}

impl Geometry {
    /// The GeoJSON `type` of this geometry.
    ///
    /// ```
    /// use s2cells::{io::Geometry, LatLng};
    /// assert_eq!(Geometry::Point(LatLng::from_degrees(1.0, 2.0)).type_name(), "Point");
    /// ```
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Point(_) => "Point",
            Self::MultiPoint(_) => "MultiPoint",
            Self::LineString(_) => "LineString",
            Self::MultiLineString(_) => "MultiLineString",
            Self::Polygon(_) => "Polygon",
            Self::MultiPolygon(_) => "MultiPolygon",
            Self::GeometryCollection(_) => "GeometryCollection",
        }
    }
}
