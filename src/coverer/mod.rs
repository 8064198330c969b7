//! Google's `S2RegionCoverer`: approximate a region by cells, bit-for-bit.
//!
//! The coverer starts from a handful of cells around the region (its
//! [`Region::cell_union_bound`]), then repeatedly subdivides the largest
//! candidate that only partly intersects the region, until the next split
//! would pass `max_cells`. Cells the region contains, and cells at
//! `max_level`, are kept whole. See [`RegionCoverer`].

mod canonical;
mod error;
mod estimate;
mod heap;
mod options;
mod radix;
mod stream;

pub use error::CovererError;
pub use estimate::CoveringEstimate;
pub use options::CovererOptions;
pub use stream::{FixedLevelCells, FixedLevelRanges};

use std::collections::HashSet;

use options::check_level;

use crate::region::{denormalize_ids, normalize_ids};
use crate::{Cell, CellContainment, CellId, CellUnion, Point, Region};

/// Computes coverings of regions by cells, with Google's `S2RegionCoverer`
/// options ([`CovererOptions`]: `min_level`, `max_level`, `level_mod`,
/// `max_cells`) and, to the cell and its order, Google's results.
///
/// The setters check their argument and return a typed [`CovererError`]
/// instead of clamping it as Google does; so does
/// [`CovererOptions::new`], from which `RegionCoverer::from` makes a
/// coverer in one step.
///
/// ```
/// use s2cells::{LatLngRect, RegionCoverer};
///
/// let porto_alegre = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618)?;
/// let coverer = RegionCoverer::new().min_level(8)?.max_level(15)?.max_cells(500)?;
/// let covering = coverer.covering(&porto_alegre);
/// assert!(covering.len() <= 500);
/// assert!(covering.iter().all(|c| (8..=15).contains(&c.level())));
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegionCoverer {
    options: CovererOptions,
}

impl From<CovererOptions> for RegionCoverer {
    /// The coverer with these options.
    ///
    /// ```
    /// use s2cells::{CovererOptions, RegionCoverer};
    /// let o = CovererOptions::new(4, 16, 2, 20)?;
    /// assert_eq!(RegionCoverer::from(o).options(), o);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn from(options: CovererOptions) -> Self {
        Self { options }
    }
}

impl Default for RegionCoverer {
    fn default() -> Self {
        Self::new()
    }
}

/// A candidate cell, in the coverer's arena. Its children (candidates
/// too) are `children[first_child..first_child + num_children]`.
#[derive(Clone, Copy)]
struct Candidate {
    cell: Cell,
    first_child: u32,
    num_children: u8,
    is_terminal: bool,
    /// The region contains the cell's whole subtree
    /// ([`CellContainment::ContainsSubtree`]): its descendants need no test.
    inside: bool,
}

/// Why a run stopped early.
struct OverBudget(usize);

/// One covering computation: Google's `GetCoveringInternal` with its
/// `new`-allocated candidates replaced by indices into one vector, so a
/// covering makes a handful of allocations instead of one per candidate.
struct Run<'a, R: Region + ?Sized> {
    coverer: RegionCoverer,
    options: CovererOptions,
    region: &'a R,
    interior: bool,
    candidates: Vec<Candidate>,
    children: Vec<u32>,
    queue: Vec<heap::Entry>,
    result: Vec<CellId>,
    /// Cells found and then merged away by [`Run::merge_result`]: Google's
    /// algorithm counts them in the result's size.
    merged_away: usize,
    budget: usize,
    /// The most candidates the arena may hold (the run gives up past it),
    /// and the capacity it grows to at most: every candidate ever made
    /// stays in the arena, a few times the cells found (up to 18 times
    /// with `level_mod` 3), 64 bytes each.
    arena_limit: usize,
    /// The result's length at which it is merged next.
    merge_at: usize,
}

impl<R: Region + ?Sized> Run<'_, R> {
    /// Whether Google asks `Contains` of a cell at `level`: only at
    /// `min_level` or finer, and in an exterior covering not at the bottom
    /// level.
    fn want_contains(&self, level: u8) -> bool {
        let o = &self.options;
        level >= o.min_level && (self.interior || level + o.level_mod <= o.max_level)
    }

    /// Google's `NewCandidate` for a cell the region relates to as
    /// `relation` (asked with [`want_contains`](Self::want_contains)):
    /// `None` for a cell that cannot intersect the region (or, in an
    /// interior covering, cannot hold a contained cell).
    fn new_candidate(&mut self, cell: Cell, relation: CellContainment) -> Option<u32> {
        if !relation.may_intersect() {
            return None;
        }
        let o = &self.options;
        let at_or_below_min = cell.level() >= o.min_level;
        let at_bottom = cell.level() + o.level_mod > o.max_level;
        // Contains was asked wherever it matters here: at min_level or
        // finer, except at the bottom of an exterior covering, where the
        // cell is terminal either way.
        let mut is_terminal = false;
        if at_or_below_min {
            if self.interior {
                if relation.contains() {
                    is_terminal = true;
                } else if at_bottom {
                    return None;
                }
            } else if at_bottom || relation.contains() {
                is_terminal = true;
            }
        }
        let index = self.candidates.len() as u32;
        if self.candidates.len() == self.candidates.capacity() && self.arena_limit != usize::MAX {
            // Doubling would take the arena to twice its limit: grow it to
            // the limit at most (the run stops just past it).
            let cap = self.candidates.capacity();
            let want = cap
                .saturating_mul(2)
                .min(self.arena_limit + 64)
                .max(cap + 1);
            self.candidates.reserve_exact(want - cap);
        }
        self.candidates.push(Candidate {
            cell,
            first_child: 0,
            num_children: 0,
            is_terminal,
            inside: relation == CellContainment::ContainsSubtree,
        });
        Some(index)
    }

    /// Google's `ExpandChildren`: the descendants `num_levels` down that
    /// may intersect, as children of `parent`; returns how many are
    /// terminal. `inside`: the cell's subtree is contained, so Google's
    /// tests would answer "intersects, contains" and are skipped (a
    /// fixed-level-15 covering of Porto Alegre tests a few hundred cells
    /// instead of 8,523).
    fn expand_children(&mut self, cell: &Cell, num_levels: u8, inside: bool) -> u32 {
        let num_levels = num_levels - 1;
        let children = cell.subdivide();
        // Above the last level Google asks only MayIntersect; the
        // relation's first answer is that.
        let want_contains = num_levels == 0 && self.want_contains(cell.level() + 1);
        let relations = if inside {
            [CellContainment::ContainsSubtree; 4]
        } else {
            self.region.relate_children(&children, want_contains)
        };
        let mut num_terminals = 0;
        // By reference: moving the 192-byte array into an iterator was a
        // memcpy call per expansion (6% of a small cap covering).
        for (child, relation) in children.iter().zip(relations) {
            if num_levels > 0 {
                if relation.may_intersect() {
                    num_terminals += self.expand_children(
                        child,
                        num_levels,
                        relation == CellContainment::ContainsSubtree,
                    );
                }
                continue;
            }
            if let Some(c) = self.new_candidate(*child, relation) {
                self.children.push(c);
                if self.candidates[c as usize].is_terminal {
                    num_terminals += 1;
                }
            }
        }
        num_terminals
    }

    /// Google's `AddCandidate`.
    fn add_candidate(&mut self, index: u32) {
        let c = self.candidates[index as usize];
        if c.is_terminal {
            self.result.push(c.cell.id());
            return;
        }
        let o = self.options;
        let arena_mark = self.candidates.len();
        let first_child = self.children.len();
        // One level at a time below min_level, so as not to skip it.
        let num_levels = if c.cell.level() < o.min_level {
            1
        } else {
            o.level_mod
        };
        let num_terminals = self.expand_children(&c.cell, num_levels, c.inside);
        let num_children = self.children.len() - first_child;
        let shift = 2 * u32::from(o.level_mod);
        if num_children == 0 {
            // Nothing was made; the arena is unchanged.
        } else if !self.interior && num_terminals == 1 << shift && c.cell.level() >= o.min_level {
            // All children terminal: keep the parent. Its children were the
            // last candidates made; give their arena slots back.
            self.candidates.truncate(arena_mark);
            self.children.truncate(first_child);
            self.result.push(c.cell.id());
        } else {
            let cand = &mut self.candidates[index as usize];
            cand.first_child = first_child as u32;
            cand.num_children = num_children as u8;
            // Larger cells first, then fewer children, then fewer terminal
            // children; negated for a max-heap.
            let priority = -((((i32::from(c.cell.level()) << shift) + num_children as i32)
                << shift)
                + num_terminals as i32);
            heap::push(&mut self.queue, (priority, index));
        }
    }

    /// Google's `GetCoveringInternal`, up to the final normalization.
    fn run(&mut self) -> Result<(), OverBudget> {
        for id in self.coverer.initial_cells(self.region) {
            let cell = Cell::from(id);
            let relation = self
                .region
                .relate_cell(&cell, self.want_contains(cell.level()));
            if let Some(c) = self.new_candidate(cell, relation) {
                self.add_candidate(c);
            }
        }
        let max_cells = self.options.max_cells;
        while !self.queue.is_empty() && (!self.interior || self.found() < max_cells) {
            let Some((_, index)) = heap::pop(&mut self.queue) else {
                break;
            };
            let c = self.candidates[index as usize];
            let n = usize::from(c.num_children);
            // Interior coverings split whatever the count; so do candidates
            // below min_level and those with one child (no cost). Others
            // split only if all their children fit.
            if self.interior
                || c.cell.level() < self.options.min_level
                || n == 1
                || self.found() + self.queue.len() + n <= max_cells
            {
                for k in 0..n {
                    let child = self.children[c.first_child as usize + k];
                    if !(self.interior && self.found() >= max_cells) {
                        self.add_candidate(child);
                    }
                }
            } else {
                self.result.push(c.cell.id());
            }
            if self.queue.len() > self.budget {
                return Err(OverBudget(self.queue.len()));
            }
            if self.candidates.len() > self.arena_limit {
                return Err(OverBudget(self.found() + self.queue.len()));
            }
            if self.result.len() > self.merge_at {
                self.merge_result()?;
            }
        }
        Ok(())
    }

    /// How many cells Google's algorithm would hold in its result now.
    fn found(&self) -> usize {
        self.result.len() + self.merged_away
    }

    /// Normalizes the result found so far, which the end does anyway
    /// (normalizing parts first gives the same cells), and gives up if it
    /// is still over budget. A covering within budget can find more cells
    /// before merging: a tall rectangle at levels 0..=8 under 162 cells
    /// found 165 that merge into 24. The next merge waits for a quarter
    /// budget more cells, so merging costs O(log n) per cell.
    fn merge_result(&mut self) -> Result<(), OverBudget> {
        let before = self.result.len();
        radix::sort(&mut self.result);
        normalize_ids(&mut self.result);
        self.merged_away += before - self.result.len();
        if self.result.len() > self.budget {
            return Err(OverBudget(self.result.len()));
        }
        self.merge_at = self.budget.max(self.result.len() + self.budget / 4 + 1);
        Ok(())
    }
}

impl RegionCoverer {
    /// The default options: levels 0..=30, `level_mod` 1, 8 cells
    /// (Google's defaults).
    ///
    /// ```
    /// let c = s2cells::RegionCoverer::new();
    /// assert_eq!(c, s2cells::RegionCoverer::default());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            options: CovererOptions::DEFAULT,
        }
    }

    /// Sets the coarsest level.
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidLevel`] for a level above 30 or above
    /// `max_level` (set `max_level` first when lowering both).
    ///
    /// ```
    /// use s2cells::RegionCoverer;
    /// assert!(RegionCoverer::new().min_level(31).is_err());
    /// assert!(RegionCoverer::new().max_level(10)?.min_level(11).is_err());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn min_level(self, level: u8) -> Result<Self, CovererError> {
        self.options.with_min_level(level).map(Self::from)
    }

    /// Sets the finest level.
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidLevel`] for a level above 30 or below
    /// `min_level`.
    ///
    /// ```
    /// use s2cells::RegionCoverer;
    /// assert!(RegionCoverer::new().max_level(31).is_err());
    /// assert!(RegionCoverer::new().min_level(10)?.max_level(9).is_err());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn max_level(self, level: u8) -> Result<Self, CovererError> {
        self.options.with_max_level(level).map(Self::from)
    }

    /// Sets both levels: every cell at `level`.
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidLevel`] for a level above 30.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect, RegionCoverer};
    /// let r = LatLngRect::from_degrees(0.0, 0.1, 0.0, 0.1)?;
    /// let cells = RegionCoverer::new().fixed_level(12)?.max_cells(usize::MAX)?.covering(&r);
    /// assert!(cells.iter().all(|c| c.level() == 12));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn fixed_level(self, level: u8) -> Result<Self, CovererError> {
        self.options.with_fixed_level(level).map(Self::from)
    }

    /// Sets the level step: only levels `min_level + k·level_mod`.
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidLevelMod`] unless 1, 2 or 3.
    ///
    /// ```
    /// assert!(s2cells::RegionCoverer::new().level_mod(4).is_err());
    /// ```
    pub fn level_mod(self, level_mod: u8) -> Result<Self, CovererError> {
        self.options.with_level_mod(level_mod).map(Self::from)
    }

    /// Sets the target number of cells (`usize::MAX` for no limit).
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidMaxCells`] for 0.
    ///
    /// ```
    /// assert!(s2cells::RegionCoverer::new().max_cells(0).is_err());
    /// ```
    pub fn max_cells(self, max_cells: usize) -> Result<Self, CovererError> {
        self.options.with_max_cells(max_cells).map(Self::from)
    }

    /// The options.
    ///
    /// ```
    /// let o = s2cells::RegionCoverer::new().max_level(15)?.options();
    /// assert_eq!((o.min_level(), o.max_level(), o.level_mod(), o.max_cells()), (0, 15, 1, 8));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub const fn options(&self) -> CovererOptions {
        self.options
    }

    /// The finest level a covering can use: `max_level`, lowered onto the
    /// `level_mod` grid (Google's `true_max_level`).
    ///
    /// ```
    /// let c = s2cells::RegionCoverer::new().min_level(4)?.max_level(17)?.level_mod(3)?;
    /// assert_eq!(c.true_max_level(), 16);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub const fn true_max_level(&self) -> u8 {
        self.options.true_max_level()
    }

    /// A covering of the region: sorted, disjoint cells whose union
    /// contains it, within the options (Google's `GetCovering`).
    ///
    /// ```
    /// use s2cells::{Cap, LatLng, Region, RegionCoverer};
    /// let center = LatLng::from_degrees(-30.0346, -51.2177).to_point();
    /// let cap = Cap::from_center_angle(center, s2cells::earth::km_to_radians(10.0));
    /// let covering = RegionCoverer::new().covering(&cap);
    /// assert!(covering.len() <= 8);
    /// assert!(covering.contains_point(&center));
    /// ```
    #[must_use]
    pub fn covering<R: Region + ?Sized>(&self, region: &R) -> CellUnion {
        CellUnion::from_sorted_disjoint(
            self.covering_ids(region, false, usize::MAX, usize::MAX)
                .unwrap_or_default(),
        )
    }

    /// An interior covering: sorted, disjoint cells inside the region, at
    /// most `max_cells` of them unless `min_level` forces more (Google's
    /// `GetInteriorCovering`). Empty for a region with no interior, at once
    /// (Google descends to `max_level` along such a region first).
    ///
    /// ```
    /// use s2cells::{LatLngRect, Region, RegionCoverer};
    /// let r = LatLngRect::from_degrees(10.0, 20.0, 10.0, 20.0)?;
    /// let inside = RegionCoverer::new().max_cells(20)?.interior_covering(&r);
    /// assert!(!inside.is_empty());
    /// assert!(inside.iter().all(|c| r.contains_cell(&s2cells::Cell::from(c))));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn interior_covering<R: Region + ?Sized>(&self, region: &R) -> CellUnion {
        CellUnion::from_sorted_disjoint(
            self.covering_ids(region, true, usize::MAX, usize::MAX)
                .unwrap_or_default(),
        )
    }

    /// [`covering`](Self::covering), or an error rather than a covering
    /// of more than `budget` cells. The work and the memory stay
    /// proportional to the budget: the run gives up once more than
    /// `4·budget + 64` candidates are pending (each a cell that may
    /// intersect the region), or as many cells are found after merging
    /// siblings, or it has made more than `8·budget + 4096` candidates in
    /// all (12 and 24 times the budget with `level_mod` 2 and 3), which a
    /// covering within budget practically never needs (the most measured:
    /// 6.1, 8.5 and 18.3 times its cells, for interior coverings). A
    /// candidate takes 64 bytes: the peak heap measured at the limit is
    /// about 640 bytes per budget cell (900 and 1,720 with `level_mod` 2
    /// and 3; `tests/budget_memory.rs`).
    ///
    /// # Errors
    ///
    /// [`CovererError::CoveringOverBudget`].
    ///
    /// ```
    /// use s2cells::{CovererError, LatLngRect, RegionCoverer};
    /// let brazil = LatLngRect::from_degrees(-33.75, 5.27, -73.99, -34.79)?;
    /// let fine = RegionCoverer::new().fixed_level(14)?.max_cells(usize::MAX)?;
    /// assert!(matches!(fine.covering_within(&brazil, 10_000), Err(CovererError::CoveringOverBudget { .. })));
    /// let coarse = RegionCoverer::new().max_cells(20)?;
    /// assert!(coarse.covering_within(&brazil, 100)?.len() <= 20);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn covering_within<R: Region + ?Sized>(
        &self,
        region: &R,
        budget: usize,
    ) -> Result<CellUnion, CovererError> {
        self.covering_under(region, false, budget)
    }

    /// [`interior_covering`](Self::interior_covering) under a budget, as
    /// [`covering_within`](Self::covering_within).
    ///
    /// # Errors
    ///
    /// [`CovererError::CoveringOverBudget`].
    ///
    /// ```
    /// use s2cells::{LatLngRect, RegionCoverer};
    /// let r = LatLngRect::from_degrees(10.0, 20.0, 10.0, 20.0)?;
    /// assert!(RegionCoverer::new().interior_covering_within(&r, 8).is_ok());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn interior_covering_within<R: Region + ?Sized>(
        &self,
        region: &R,
        budget: usize,
    ) -> Result<CellUnion, CovererError> {
        self.covering_under(region, true, budget)
    }

    /// A covering or interior covering of at most `budget` cells, or the
    /// error saying how many it reached.
    fn covering_under<R: Region + ?Sized>(
        &self,
        region: &R,
        interior: bool,
        budget: usize,
    ) -> Result<CellUnion, CovererError> {
        let over = |cells| CovererError::CoveringOverBudget { budget, cells };
        let ids = self
            .covering_ids(
                region,
                interior,
                work_limit(budget),
                self.arena_limit(budget),
            )
            .map_err(|OverBudget(n)| over(n))?;
        if ids.len() > budget {
            return Err(over(ids.len()));
        }
        Ok(CellUnion::from_sorted_disjoint(ids))
    }

    /// A quick, loose covering: the region's [`Region::cell_union_bound`]
    /// made canonical for these options (Google's `GetFastCovering`).
    ///
    /// ```
    /// use s2cells::{Cap, LatLng, RegionCoverer};
    /// let cap = Cap::from_center_angle(LatLng::from_degrees(0.0, 0.0).to_point(), 0.01);
    /// let fast = RegionCoverer::new().max_cells(4)?.fast_covering(&cap);
    /// assert!(fast.len() <= 4);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn fast_covering<R: Region + ?Sized>(&self, region: &R) -> CellUnion {
        let mut ids = region.cell_union_bound();
        ids.retain(CellId::is_valid);
        self.canonicalize(&mut ids);
        CellUnion::from_sorted_disjoint(ids)
    }

    /// The coverer's first candidates: a fast covering with at most four
    /// cells, on this coverer's `level_mod` grid (Google's
    /// `GetInitialCandidates`).
    fn initial_cells<R: Region + ?Sized>(&self, region: &R) -> Vec<CellId> {
        let quick = Self::from(CovererOptions {
            min_level: 0,
            max_level: self.options.max_level,
            level_mod: 1,
            max_cells: self.options.max_cells.min(4),
        });
        let mut ids = region.cell_union_bound();
        ids.retain(CellId::is_valid);
        quick.canonicalize(&mut ids);
        self.adjust_cell_levels(&mut ids);
        ids
    }

    /// The covering's ids, normalized and then denormalized to the options'
    /// levels, or the run's size when it passed the budget.
    fn covering_ids<R: Region + ?Sized>(
        &self,
        region: &R,
        interior: bool,
        budget: usize,
        arena_limit: usize,
    ) -> Result<Vec<CellId>, OverBudget> {
        if interior && region.has_empty_interior() {
            return Ok(Vec::new());
        }
        let mut run = Run {
            coverer: *self,
            options: self.options,
            region,
            interior,
            candidates: Vec::with_capacity(64),
            children: Vec::with_capacity(64),
            queue: Vec::with_capacity(32),
            result: Vec::new(),
            merged_away: 0,
            budget,
            arena_limit,
            merge_at: budget,
        };
        run.run()?;
        let mut result = run.result;
        // Sorted here, the sort in normalize_ids is one linear check.
        radix::sort(&mut result);
        normalize_ids(&mut result);
        let o = self.options;
        if o.min_level > 0 || o.level_mod > 1 {
            result = denormalize_ids(&result, o.min_level, o.level_mod);
        }
        Ok(result)
    }

    /// Google's `AdjustLevel`: `level` lowered onto the `level_mod` grid
    /// (levels at or below `min_level`, and -1, pass unchanged).
    fn adjust_level(&self, level: i32) -> i32 {
        let min = i32::from(self.options.min_level);
        if self.options.level_mod > 1 && level > min {
            level - (level - min) % i32::from(self.options.level_mod)
        } else {
            level
        }
    }

    /// Google's `AdjustCellLevels` on sorted ids: each cell replaced by its
    /// ancestor on the grid, then cells inside an earlier one dropped.
    fn adjust_cell_levels(&self, cells: &mut Vec<CellId>) {
        if self.options.level_mod == 1 {
            return;
        }
        let mut out = 0;
        for k in 0..cells.len() {
            let mut id = cells[k];
            let level = i32::from(id.level());
            let new_level = self.adjust_level(level);
            if new_level != level {
                id = id.parent(new_level as u8);
            }
            if out > 0 && cells[out - 1].contains(id) {
                continue;
            }
            while out > 0 && id.contains(cells[out - 1]) {
                out -= 1;
            }
            cells[out] = id;
            out += 1;
        }
        cells.truncate(out);
    }

    /// The cells at `level` that may intersect the region, reached from
    /// `start` through edge neighbours (Google's `GetSimpleCovering`). The
    /// region must be connected for this to cover it. In Google's order
    /// (depth first, not sorted).
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidLevel`] above 30, [`CovererError::InvalidPoint`] for a
    /// non-finite or zero start.
    ///
    /// ```
    /// use s2cells::{Cap, LatLng, RegionCoverer};
    /// let p = LatLng::from_degrees(45.0, 45.0).to_point();
    /// let cap = Cap::from_center_angle(p, 1e-3);
    /// let cells = RegionCoverer::simple_covering(&cap, &p, 14)?;
    /// assert!(cells.iter().all(|c| c.level() == 14));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn simple_covering<R: Region + ?Sized>(
        region: &R,
        start: &Point,
        level: u8,
    ) -> Result<Vec<CellId>, CovererError> {
        check_level(level)?;
        let start = CellId::try_from_point(start).map_err(|_| CovererError::InvalidPoint {
            xyz: [start.x, start.y, start.z],
        })?;
        Self::flood_fill(region, start.parent(level))
    }

    /// All cells at `start`'s level that may intersect the region and are
    /// connected to `start` through edge neighbours that do too (Google's
    /// `FloodFill`), in Google's (depth-first) order; empty when `start`
    /// itself does not intersect.
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidCellId`] for an invalid `start`.
    ///
    /// ```
    /// use s2cells::{CellId, RegionCoverer};
    /// let face = s2cells::Cell::from_face(1);
    /// let cells = RegionCoverer::flood_fill(&face, CellId::from_face(1).child_begin_at(2))?;
    /// assert_eq!(cells.len(), 16); // the level-2 cells of face 1, none beyond
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn flood_fill<R: Region + ?Sized>(
        region: &R,
        start: CellId,
    ) -> Result<Vec<CellId>, CovererError> {
        if !start.is_valid() {
            return Err(CovererError::InvalidCellId { id: start.id() });
        }
        let mut seen = HashSet::new();
        let mut frontier = vec![start];
        let mut out = Vec::new();
        seen.insert(start);
        while let Some(id) = frontier.pop() {
            if !region.may_intersect_cell(&Cell::from(id)) {
                continue;
            }
            out.push(id);
            for nbr in id.edge_neighbors() {
                if seen.insert(nbr) {
                    frontier.push(nbr);
                }
            }
        }
        Ok(out)
    }
}

/// The pending candidates or merged cells past which a run under `budget`
/// gives up: a covering within budget can need a few times its size of
/// candidates (interior coverings queue cells they may not use).
fn work_limit(budget: usize) -> usize {
    budget.saturating_mul(4).saturating_add(64)
}

impl RegionCoverer {
    /// The most candidates a run under `budget` makes (see
    /// [`covering_within`](Self::covering_within)).
    fn arena_limit(&self, budget: usize) -> usize {
        let per_cell = match self.options.level_mod {
            1 => 8,
            2 => 12,
            _ => 24,
        };
        budget.saturating_mul(per_cell).saturating_add(4096)
    }
}
