//! Lazy fixed-level coverings: the level-L cells of a region one at a time,
//! in Hilbert (cell id) order, in memory bounded by the depth of the search.
//!
//! `RegionCoverer` with `min_level = max_level = L` and no cell limit gives
//! the same cells, but holds them all (and its candidate queue) at once: a
//! country at level 20 is billions of cells. This walks the same tree depth
//! first, from the same starting cells, pruning with the same
//! `may_intersect_cell` tests, and emits a cell the region contains as a
//! whole range of level-L descendants without testing them one by one.

use super::{CovererError, CovererOptions, RegionCoverer};
use crate::{Cell, CellId, Region};

/// Iterator over the level-L cells of a region, in increasing id order;
/// made by [`RegionCoverer::fixed_level_cells`].
pub struct FixedLevelCells<'a, R: Region + ?Sized> {
    region: &'a R,
    level: u8,
    /// Cells still to visit, the next on top (at most 3 per level plus the
    /// starting cells).
    stack: Vec<Cell>,
    /// A contained cell's level-L descendants still to emit: `(next, end)`.
    run: Option<(CellId, CellId)>,
    /// Which level-L cells.
    pick: Pick,
}

/// Which level-L cells a [`FixedLevelCells`] gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pick {
    /// Those the region may intersect (a covering).
    Intersecting,
    /// Those the region contains (an interior covering).
    Interior,
    /// Those whose centers the region contains.
    Centers,
}

impl<R: Region + ?Sized> std::fmt::Debug for FixedLevelCells<'_, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FixedLevelCells")
            .field("level", &self.level)
            .field("stack_depth", &self.stack.len())
            .finish_non_exhaustive()
    }
}

impl<'a, R: Region + ?Sized> FixedLevelCells<'a, R> {
    fn new(region: &'a R, level: u8, pick: Pick) -> Self {
        let options = RegionCoverer::from(CovererOptions {
            min_level: level,
            max_level: level,
            level_mod: 1,
            max_cells: usize::MAX,
        });
        let mut stack: Vec<Cell> = options
            .initial_cells(region)
            .into_iter()
            .map(Cell::from)
            .collect();
        stack.reverse();
        Self {
            region,
            level,
            stack,
            run: None,
            pick,
        }
    }

    /// The next cell to emit as a range of level-L cells (one cell, or all
    /// of a contained cell's descendants), or `None` at the end.
    fn next_range(&mut self) -> Option<(CellId, CellId)> {
        while let Some(cell) = self.stack.pop() {
            let at_level = cell.level() >= self.level;
            let relation = self
                .region
                .relate_cell(&cell, !at_level || self.pick == Pick::Interior);
            if !relation.may_intersect() {
                continue;
            }
            let id = cell.id();
            if at_level {
                let keep = match self.pick {
                    Pick::Intersecting => true,
                    Pick::Interior => relation.contains(),
                    Pick::Centers => self.region.contains_point(&cell.center()),
                };
                if !keep {
                    continue;
                }
                return Some((id, id.next()));
            }
            // A contained cell holds its descendants' centers too.
            if relation.contains() {
                return Some((id.child_begin_at(self.level), id.child_end_at(self.level)));
            }
            self.stack.extend(cell.subdivide().into_iter().rev());
        }
        None
    }
}

impl<R: Region + ?Sized> Iterator for FixedLevelCells<'_, R> {
    type Item = CellId;

    fn next(&mut self) -> Option<CellId> {
        loop {
            if let Some((next, end)) = self.run {
                if next != end {
                    self.run = Some((next.next(), end));
                    return Some(next);
                }
                self.run = None;
            }
            self.run = Some(self.next_range()?);
        }
    }
}

/// Iterator over the level-L cells of a region as maximal runs of
/// consecutive cells, each given as its first and last leaf cell
/// `(range_min, range_max)` (inclusive), in increasing order; made by
/// [`RegionCoverer::fixed_level_ranges`]. The form a database range scan
/// over leaf-cell ids wants.
pub struct FixedLevelRanges<'a, R: Region + ?Sized> {
    cells: FixedLevelCells<'a, R>,
    pending: Option<(CellId, CellId)>,
}

impl<R: Region + ?Sized> std::fmt::Debug for FixedLevelRanges<'_, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FixedLevelRanges")
            .field("cells", &self.cells)
            .finish_non_exhaustive()
    }
}

impl<R: Region + ?Sized> Iterator for FixedLevelRanges<'_, R> {
    type Item = (CellId, CellId);

    fn next(&mut self) -> Option<(CellId, CellId)> {
        loop {
            // Ranges of level-L cells [begin, end) become leaf ranges.
            let Some((begin, end)) = self.cells.next_range() else {
                return self.pending.take();
            };
            let lo = begin.range_min();
            let hi = end.prev().range_max();
            match self.pending {
                Some((plo, phi)) if phi.next() == lo => self.pending = Some((plo, hi)),
                Some(done) => {
                    self.pending = Some((lo, hi));
                    return Some(done);
                }
                None => self.pending = Some((lo, hi)),
            }
        }
    }
}

impl RegionCoverer {
    /// The cells at `level` that a covering with `min_level = max_level =
    /// level` and no cell limit would return, lazily and in the same
    /// (increasing) order, without holding them: memory is the search
    /// stack, about 3 cells per level.
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidLevel`] above 30.
    ///
    /// ```
    /// use s2cells::{LatLngRect, RegionCoverer};
    /// let r = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618)?;
    /// let lazy: Vec<_> = RegionCoverer::fixed_level_cells(&r, 12)?.collect();
    /// let eager = RegionCoverer::new().fixed_level(12)?.max_cells(usize::MAX)?.covering(&r);
    /// assert_eq!(lazy, eager.cell_ids());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn fixed_level_cells<R: Region + ?Sized>(
        region: &R,
        level: u8,
    ) -> Result<FixedLevelCells<'_, R>, CovererError> {
        super::options::check_level(level)?;
        Ok(FixedLevelCells::new(region, level, Pick::Intersecting))
    }

    /// The cells at `level` that the region contains, as an interior
    /// covering with `min_level = max_level = level` and no cell limit
    /// would return them, lazily and in increasing order, in the memory of
    /// [`fixed_level_cells`](Self::fixed_level_cells).
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidLevel`] above 30.
    ///
    /// ```
    /// use s2cells::{LatLngRect, RegionCoverer};
    /// let r = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618)?;
    /// let lazy: Vec<_> = RegionCoverer::fixed_level_interior_cells(&r, 12)?.collect();
    /// let eager = RegionCoverer::new().fixed_level(12)?.max_cells(usize::MAX)?.interior_covering(&r);
    /// assert_eq!(lazy, eager.cell_ids());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn fixed_level_interior_cells<R: Region + ?Sized>(
        region: &R,
        level: u8,
    ) -> Result<FixedLevelCells<'_, R>, CovererError> {
        super::options::check_level(level)?;
        Ok(FixedLevelCells::new(region, level, Pick::Interior))
    }

    /// The cells at `level` whose centers the region contains (a
    /// "centroid" or center-containment fill, as H3's `polygonToCells`
    /// picks cells), lazily and in increasing order, in the memory of
    /// [`fixed_level_cells`](Self::fixed_level_cells): each cell is one of
    /// those, kept when [`Region::contains_point`] holds for its
    /// [`Cell::center`]. Every point lies in exactly one cell of a level,
    /// so regions that share no point share no cell, and a region smaller
    /// than a cell may have none. Google's `S2RegionCoverer` has no such
    /// mode; this is the CLI's `cover --mode centroid` and Python's
    /// `mode="centroid"`.
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidLevel`] above 30.
    ///
    /// ```
    /// use s2cells::{Cell, LatLngRect, Region, RegionCoverer};
    /// let r = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618)?;
    /// let centers: Vec<_> = RegionCoverer::fixed_level_centroid_cells(&r, 12)?.collect();
    /// let filtered: Vec<_> = RegionCoverer::fixed_level_cells(&r, 12)?
    ///     .filter(|id| r.contains_point(&Cell::from(*id).center()))
    ///     .collect();
    /// assert_eq!(centers, filtered);
    /// let interior = RegionCoverer::fixed_level_interior_cells(&r, 12)?.count();
    /// let all = RegionCoverer::fixed_level_cells(&r, 12)?.count();
    /// assert!(interior < centers.len() && centers.len() < all);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn fixed_level_centroid_cells<R: Region + ?Sized>(
        region: &R,
        level: u8,
    ) -> Result<FixedLevelCells<'_, R>, CovererError> {
        super::options::check_level(level)?;
        Ok(FixedLevelCells::new(region, level, Pick::Centers))
    }

    /// [`fixed_level_cells`](Self::fixed_level_cells) with runs of
    /// consecutive cells merged into inclusive leaf-id ranges
    /// `(range_min, range_max)`.
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidLevel`] above 30.
    ///
    /// ```
    /// use s2cells::{LatLngRect, RegionCoverer};
    /// let r = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618)?;
    /// let ranges: Vec<_> = RegionCoverer::fixed_level_ranges(&r, 12)?.collect();
    /// let cells = RegionCoverer::fixed_level_cells(&r, 12)?.count();
    /// assert!(ranges.len() <= cells);
    /// assert!(ranges.windows(2).all(|w| w[0].1 < w[1].0));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn fixed_level_ranges<R: Region + ?Sized>(
        region: &R,
        level: u8,
    ) -> Result<FixedLevelRanges<'_, R>, CovererError> {
        Ok(FixedLevelRanges {
            cells: Self::fixed_level_cells(region, level)?,
            pending: None,
        })
    }

    /// [`fixed_level_interior_cells`](Self::fixed_level_interior_cells) as
    /// inclusive leaf-id ranges, as
    /// [`fixed_level_ranges`](Self::fixed_level_ranges).
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidLevel`] above 30.
    ///
    /// ```
    /// use s2cells::{LatLngRect, RegionCoverer};
    /// let r = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618)?;
    /// let inside: u64 = RegionCoverer::fixed_level_interior_ranges(&r, 30)?
    ///     .map(|(lo, hi)| (hi.id() - lo.id()) / 2 + 1)
    ///     .sum();
    /// assert!(inside > 1 << 40); // leaf cells, without visiting them
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn fixed_level_interior_ranges<R: Region + ?Sized>(
        region: &R,
        level: u8,
    ) -> Result<FixedLevelRanges<'_, R>, CovererError> {
        Ok(FixedLevelRanges {
            cells: Self::fixed_level_interior_cells(region, level)?,
            pending: None,
        })
    }

    /// [`fixed_level_centroid_cells`](Self::fixed_level_centroid_cells)
    /// as inclusive leaf-id ranges, as
    /// [`fixed_level_ranges`](Self::fixed_level_ranges).
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidLevel`] above 30.
    ///
    /// ```
    /// use s2cells::{LatLngRect, RegionCoverer};
    /// let r = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618)?;
    /// let cells: u64 = RegionCoverer::fixed_level_centroid_ranges(&r, 12)?
    ///     .map(|(lo, hi)| (hi.id() - lo.id() + 2) / (2 * lo.parent(12).lsb()))
    ///     .sum();
    /// assert_eq!(cells, RegionCoverer::fixed_level_centroid_cells(&r, 12)?.count() as u64);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn fixed_level_centroid_ranges<R: Region + ?Sized>(
        region: &R,
        level: u8,
    ) -> Result<FixedLevelRanges<'_, R>, CovererError> {
        Ok(FixedLevelRanges {
            cells: Self::fixed_level_centroid_cells(region, level)?,
            pending: None,
        })
    }
}
