//! The union as a region of the sphere: expansion by neighbours, areas,
//! and the bounds the region coverer asks for.

use super::{CellUnion, normalize_ids};
use crate::cell::metrics::MIN_WIDTH;
use crate::region::RegionError;
use crate::{Cap, Cell, CellContainment, CellId, LatLngRect, MAX_LEVEL, Point, Region};

impl CellUnion {
    /// Grows the union by the cells at `level` around it (Google's
    /// `Expand(int)`): each cell at `level` or coarser gains its neighbours
    /// at `level`; a finer cell is first replaced by its ancestor at
    /// `level`, so it grows by up to twice as much. Then normalizes.
    ///
    /// A cell k levels coarser than `level` gains about 4·2^k neighbours.
    ///
    /// # Errors
    ///
    /// [`RegionError::InvalidLevel`] when `level > 30` (the union is unchanged).
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion, LatLng};
    /// // A level-5 cell away from the face's edges: it and its 8 neighbours.
    /// let c = CellId::from_latlng(LatLng::from_degrees(0.0, 0.0)).parent(5);
    /// let mut u = CellUnion::from_cell_ids(vec![c]);
    /// u.expand_at_level(5)?;
    /// assert_eq!(u.leaf_cells_covered(), 9 << 50);
    /// assert!(u.len() < 9); // four of the nine are siblings, merged
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn expand_at_level(&mut self, level: u8) -> Result<(), RegionError> {
        if level > MAX_LEVEL {
            return Err(RegionError::InvalidLevel {
                level: i64::from(level),
                expected: "0..=30",
            });
        }
        self.expand_at(level);
        Ok(())
    }

    /// [`expand_at_level`](Self::expand_at_level) for `level <= 30`.
    fn expand_at(&mut self, level: u8) {
        let level_lsb = CellId::lsb_for_level(level);
        let mut out = Vec::new();
        // Backwards, so that the cells inside a just-made ancestor, which
        // would add the same neighbours, can be skipped.
        let mut i = self.cell_ids.len();
        while i > 0 {
            i -= 1;
            let mut id = self.cell_ids[i];
            if id.lsb() < level_lsb {
                id = id.parent(level);
                while i > 0 && id.contains(self.cell_ids[i - 1]) {
                    i -= 1;
                }
            }
            out.push(id);
            out.extend(id.all_neighbors(level));
        }
        normalize_ids(&mut out);
        self.cell_ids = out;
    }

    /// Grows the union to contain every point within `min_radius` radians
    /// of it, using cells at most `max_level_diff` levels below its largest
    /// cell (Google's `Expand(S1Angle, int)`). The expansion is by whole
    /// cells at the finest level whose cells are at least `min_radius`
    /// wide ([`MIN_WIDTH`](crate::metrics::MIN_WIDTH)); a radius wider than
    /// a face expands twice at level 0. With `max_level_diff` = 4 a large
    /// region grows by about 1/16 of its largest cell's width.
    ///
    /// As in Google, a zero or negative radius still expands, at level 30
    /// (or coarser, by `max_level_diff`), and a NaN radius expands once at
    /// level 0.
    ///
    /// ```
    /// use s2cells::{earth, CellId, CellUnion, LatLng, Region};
    ///
    /// let p = LatLng::from_degrees(48.8566, 2.3522);
    /// let mut u = CellUnion::from_cell_ids(vec![CellId::from_latlng(p).parent(14)]);
    /// u.expand_by_radius(earth::km_to_radians(1.0), 6);
    /// let q = LatLng::from_degrees(48.8566 + 0.005, 2.3522); // 0.55 km north
    /// assert!(u.contains_point(&q.to_point()));
    /// ```
    pub fn expand_by_radius(&mut self, min_radius: f64, max_level_diff: u8) {
        let min_level = self.iter().map(|c| c.level()).min().unwrap_or(MAX_LEVEL);
        // The finest level whose cells are all at least min_radius wide.
        let radius_level = MIN_WIDTH.level_for_min_value(min_radius);
        if radius_level == 0 && min_radius > MIN_WIDTH.value(0) {
            // Wider than a face: the easiest way is to expand twice.
            self.expand_at(0);
        }
        // At most radius_level, so at most 30.
        self.expand_at(min_level.saturating_add(max_level_diff).min(radius_level));
    }

    /// The number of leaf cells (level 30) in the union; at most 6·2⁶⁰, the
    /// whole sphere.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    /// let u = CellUnion::from_cell_ids(vec![CellId::from_face(0).child_begin_at(29)]);
    /// assert_eq!(u.leaf_cells_covered(), 4);
    /// ```
    #[must_use]
    pub fn leaf_cells_covered(&self) -> u64 {
        self.iter()
            .map(|c| 1u64 << (2 * u32::from(MAX_LEVEL - c.level())))
            .sum()
    }

    /// The area in steradians as the number of leaves times the average leaf
    /// area (Google's `AverageBasedArea`): cheap, but off by up to a factor
    /// of 1.7 where cells are distorted.
    ///
    /// ```
    /// let a = s2cells::CellUnion::whole_sphere().average_based_area();
    /// assert!((a - 4.0 * std::f64::consts::PI).abs() < 1e-12);
    /// ```
    #[must_use]
    pub fn average_based_area(&self) -> f64 {
        Cell::average_area_at(MAX_LEVEL) * self.leaf_cells_covered() as f64
    }

    /// The sum of the cells' [`Cell::approx_area`], in steradians (Google's
    /// `ApproxArea`).
    ///
    /// ```
    /// let a = s2cells::CellUnion::whole_sphere().approx_area();
    /// assert!((a - 4.0 * std::f64::consts::PI).abs() < 1e-12);
    /// ```
    #[must_use]
    pub fn approx_area(&self) -> f64 {
        // From +0.0 as Google: std's float `sum` starts at -0.0.
        self.iter()
            .fold(0.0, |area, c| area + Cell::from(c).approx_area())
    }

    /// The sum of the cells' [`Cell::exact_area`], in steradians (Google's
    /// `ExactArea`).
    ///
    /// ```
    /// let a = s2cells::CellUnion::whole_sphere().exact_area();
    /// assert!((a - 4.0 * std::f64::consts::PI).abs() < 1e-12);
    /// ```
    #[must_use]
    pub fn exact_area(&self) -> f64 {
        // From +0.0 as Google: std's float `sum` starts at -0.0.
        self.iter()
            .fold(0.0, |area, c| area + Cell::from(c).exact_area())
    }
}

impl Region for CellUnion {
    /// A cap around the area-weighted centroid of the cells' centers that
    /// contains each cell's cap bound (Google's `GetCapBound`; not the
    /// smallest cap, but close). Empty for the empty union.
    fn cap_bound(&self) -> Cap {
        if self.is_empty() {
            return Cap::empty();
        }
        let mut centroid = Point::new(0.0, 0.0, 0.0);
        for id in self {
            centroid = centroid + id.to_point() * Cell::average_area_at(id.level());
        }
        centroid = if centroid == Point::new(0.0, 0.0, 0.0) {
            Point::new(1.0, 0.0, 0.0)
        } else {
            centroid.normalize()
        };
        // Bounding each cell's cap, not just its vertices: the union may
        // span more than a hemisphere, where the vertices do not suffice.
        let mut cap = Cap::from_point(centroid);
        for id in self {
            cap.add_cap(&Cell::from(id).cap_bound());
        }
        cap
    }

    /// The union of the cells' rectangle bounds (Google's `GetRectBound`).
    fn rect_bound(&self) -> LatLngRect {
        self.iter().fold(LatLngRect::empty(), |bound, id| {
            bound.union(&Cell::from(id).rect_bound())
        })
    }

    fn contains_cell(&self, cell: &Cell) -> bool {
        self.contains_cell_id(cell.id())
    }

    fn may_intersect_cell(&self, cell: &Cell) -> bool {
        self.intersects_cell_id(cell.id())
    }

    /// Containment of cell ids is exact, so it holds for the subtree.
    fn relate_cell(&self, cell: &Cell, _want_contains: bool) -> CellContainment {
        let id = cell.id();
        crate::region::subtree_by_id(self.contains_cell_id(id), self.intersects_cell_id(id))
    }

    /// Whether the leaf cell of `p` is in the union (`p` need not be unit
    /// length; a non-finite or zero point is in no union).
    fn contains_point(&self, p: &Point) -> bool {
        self.contains_cell_id(CellId::from_point(p))
    }
}
