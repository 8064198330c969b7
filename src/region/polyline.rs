//! A path of great-circle edges (Google's `S2Polyline`).

use crate::geom::edge_crossings::EdgeCrosser;
use crate::geom::rect_bounder::RectBounder;
use crate::region::{GeometryError, RegionError};
use crate::{Cap, Cell, LatLng, LatLngRect, Point, Region};

/// A polyline: vertices `v0, v1, …` joined by shortest great-circle edges.
/// It has no interior, so it contains no cell and (by Google's convention)
/// no point; it intersects the cells its edges touch.
///
/// A valid polyline has unit-length vertices and no two adjacent vertices
/// equal or antipodal; it may cross itself.
///
/// ```
/// use s2cells::{LatLng, Polyline};
///
/// let line = Polyline::from_latlngs(&[LatLng::from_degrees(0.0, 0.0), LatLng::from_degrees(0.0, 90.0)])?;
/// assert!((line.length() - std::f64::consts::FRAC_PI_2).abs() < 1e-15);
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Polyline {
    vertices: Vec<Point>,
}

impl Polyline {
    /// A validated polyline.
    ///
    /// # Errors
    /// [`RegionError::InvalidPolyline`] naming the first rule broken.
    ///
    /// ```
    /// use s2cells::{Point, Polyline};
    /// let p = Point::new(1.0, 0.0, 0.0);
    /// assert!(Polyline::from_points(vec![p, p]).is_err());
    /// ```
    pub fn from_points(vertices: Vec<Point>) -> Result<Self, RegionError> {
        let l = Self { vertices };
        l.validate()?;
        Ok(l)
    }

    /// A validated polyline from lat/lngs.
    ///
    /// # Errors
    /// As [`from_points`](Self::from_points).
    ///
    /// ```
    /// use s2cells::{LatLng, Polyline};
    /// assert_eq!(Polyline::from_latlngs(&[LatLng::from_degrees(1.0, 2.0)])?.num_vertices(), 1);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_latlngs(latlngs: &[LatLng]) -> Result<Self, RegionError> {
        Self::from_points(latlngs.iter().map(LatLng::to_point).collect())
    }

    /// A polyline without validation.
    ///
    /// ```
    /// use s2cells::{Point, Polyline};
    /// let p = Point::new(1.0, 0.0, 0.0);
    /// assert!(!Polyline::from_points_unchecked(vec![p, p]).is_valid());
    /// ```
    #[must_use]
    pub fn from_points_unchecked(vertices: Vec<Point>) -> Self {
        Self { vertices }
    }

    /// Checks unit length, then adjacent duplicates and antipodes (Google's
    /// `FindValidationError`).
    ///
    /// # Errors
    /// [`RegionError::InvalidPolyline`] with the first problem.
    ///
    /// ```
    /// use s2cells::{Point, Polyline};
    /// assert!(Polyline::from_points_unchecked(vec![Point::new(2.0, 0.0, 0.0)]).validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), RegionError> {
        let err = |reason| Err(RegionError::InvalidPolyline { reason });
        for (i, v) in self.vertices.iter().enumerate() {
            if !v.is_finite() {
                return err(GeometryError::NonFiniteVertex { vertex: i });
            }
            if (v.norm2() - 1.0).abs() > 5.0 * f64::EPSILON {
                return err(GeometryError::NotUnitLength { vertex: i });
            }
        }
        for i in 1..self.vertices.len() {
            let (a, b) = (self.vertices[i - 1], self.vertices[i]);
            if a == b {
                return err(GeometryError::DuplicateVertices {
                    first: i - 1,
                    second: i,
                });
            }
            if a == -b {
                return err(GeometryError::AntipodalVertices {
                    first: i - 1,
                    second: i,
                });
            }
        }
        Ok(())
    }

    /// Whether [`validate`](Self::validate) passes.
    ///
    /// ```
    /// assert!(s2cells::Polyline::from_points_unchecked(vec![]).is_valid());
    /// ```
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.validate().is_ok()
    }

    /// The vertices.
    ///
    /// ```
    /// assert!(s2cells::Polyline::from_points_unchecked(vec![]).vertices().is_empty());
    /// ```
    #[must_use]
    pub fn vertices(&self) -> &[Point] {
        &self.vertices
    }

    /// The number of vertices.
    ///
    /// ```
    /// assert_eq!(s2cells::Polyline::from_points_unchecked(vec![]).num_vertices(), 0);
    /// ```
    #[must_use]
    pub fn num_vertices(&self) -> usize {
        self.vertices.len()
    }

    /// The length in radians (Google's `GetLength`, summed in order).
    ///
    /// ```
    /// assert_eq!(s2cells::Polyline::from_points_unchecked(vec![]).length(), 0.0);
    /// ```
    #[must_use]
    pub fn length(&self) -> f64 {
        let mut length = 0.0;
        for w in self.vertices.windows(2) {
            length += w[0].angle(&w[1]);
        }
        length
    }

    /// The lat/lng bound (Google's `GetRectBound`, to the bit).
    ///
    /// ```
    /// assert!(s2cells::Polyline::from_points_unchecked(vec![]).rect_bound().is_empty());
    /// ```
    #[must_use]
    pub fn rect_bound(&self) -> LatLngRect {
        let mut bounder = RectBounder::new();
        for v in &self.vertices {
            bounder.add_point(v);
        }
        bounder.bound()
    }

    /// A bounding cap (the rectangle bound's, as Google).
    ///
    /// ```
    /// assert!(s2cells::Polyline::from_points_unchecked(vec![]).cap_bound().is_empty());
    /// ```
    #[must_use]
    pub fn cap_bound(&self) -> Cap {
        self.rect_bound().cap_bound()
    }
}

impl Region for Polyline {
    fn cap_bound(&self) -> Cap {
        Polyline::cap_bound(self)
    }

    fn rect_bound(&self) -> LatLngRect {
        Polyline::rect_bound(self)
    }

    /// Always false: a polyline has no interior.
    fn contains_cell(&self, _cell: &Cell) -> bool {
        false
    }

    /// Whether a vertex is in the cell or an edge touches a cell edge
    /// (Google's `S2Polyline::MayIntersect`, exact).
    fn may_intersect_cell(&self, cell: &Cell) -> bool {
        if self.vertices.is_empty() {
            return false;
        }
        if self.vertices.iter().any(|v| cell.contains_point(v)) {
            return true;
        }
        let cv = cell.vertices();
        for j in 0..4 {
            let mut crosser = EdgeCrosser::new_at(&cv[j], &cv[(j + 1) & 3], &self.vertices[0]);
            for v in &self.vertices[1..] {
                if crosser.crossing_sign(v) >= 0 {
                    return true;
                }
            }
        }
        false
    }

    /// Always false (Google's convention for polylines).
    fn contains_point(&self, _p: &Point) -> bool {
        false
    }
}
