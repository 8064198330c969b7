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
    /// Only the cells the region contains (an interior covering).
    interior: bool,
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
    fn new(region: &'a R, level: u8, interior: bool) -> Self {
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
            interior,
        }
    }

    /// The next cell to emit as a range of level-L cells (one cell, or all
    /// of a contained cell's descendants), or `None` at the end.
    fn next_range(&mut self) -> Option<(CellId, CellId)> {
        while let Some(cell) = self.stack.pop() {
            let at_level = cell.level() >= self.level;
            let relation = self.region.relate_cell(&cell, !at_level || self.interior);
            if !relation.may_intersect() {
                continue;
            }
            let id = cell.id();
            if at_level {
                if self.interior && !relation.contains() {
                    continue;
                }
                return Some((id, id.next()));
            }
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
        Ok(FixedLevelCells::new(region, level, false))
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
        Ok(FixedLevelCells::new(region, level, true))
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
}
