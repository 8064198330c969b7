//! Moving along the Hilbert curve: the first and last cells of a level,
//! steps forward and back (with and without wrapping around the six
//! faces), and the greedy tiling step of a leaf range.

use super::cell_id::{CellId, WRAP_OFFSET};
use crate::geom::coords::MAX_LEVEL;

impl CellId {
    /// The first cell at `level` along the curve (on face 0).
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::begin(0), CellId::from_face(0));
    /// assert_eq!(CellId::begin(3).level(), 3);
    /// ```
    #[must_use]
    pub const fn begin(level: u8) -> Self {
        Self::from_face(0).child_begin_at(level)
    }

    /// One past the last cell at `level` (an invalid id, for loops that
    /// run `begin(level)..end(level)` with [`next`](Self::next)).
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::begin(1).advance(24), CellId::end(1));
    /// assert!(!CellId::end(1).is_valid());
    /// ```
    #[must_use]
    pub const fn end(level: u8) -> Self {
        Self::from_face(5).child_end_at(level)
    }

    /// The next cell at the same level along the curve (may run past the
    /// last cell to [`end`](Self::end)).
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(0).next(), CellId::from_face(1));
    /// ```
    #[must_use]
    #[inline]
    pub const fn next(&self) -> Self {
        Self(self.0.wrapping_add(self.lsb() << 1))
    }

    /// The previous cell at the same level along the curve.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(1).prev(), CellId::from_face(0));
    /// ```
    #[must_use]
    #[inline]
    pub const fn prev(&self) -> Self {
        Self(self.0.wrapping_sub(self.lsb() << 1))
    }

    /// The next cell, wrapping from the last cell of face 5 to the first of
    /// face 0.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(5).next_wrap(), CellId::from_face(0));
    /// ```
    #[must_use]
    #[inline]
    pub const fn next_wrap(&self) -> Self {
        let n = self.next();
        if n.0 < WRAP_OFFSET {
            n
        } else {
            Self(n.0.wrapping_sub(WRAP_OFFSET))
        }
    }

    /// The previous cell, wrapping from face 0 to the end of face 5.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(0).prev_wrap(), CellId::from_face(5));
    /// ```
    #[must_use]
    #[inline]
    pub const fn prev_wrap(&self) -> Self {
        let p = self.prev();
        if p.0 < WRAP_OFFSET {
            p
        } else {
            Self(p.0.wrapping_add(WRAP_OFFSET))
        }
    }

    /// The bit shift that moves one step at this cell's level.
    #[inline]
    const fn step_shift(&self) -> u32 {
        2 * (MAX_LEVEL - self.level()) as u32 + 1
    }

    /// Moves `steps` cells along the curve at this level, stopping at
    /// [`begin`](Self::begin) and [`end`](Self::end) of the level rather
    /// than running off the curve.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let c = CellId::begin(10);
    /// assert_eq!(c.advance(3), c.next().next().next());
    /// assert_eq!(c.advance(-5), CellId::begin(10));
    /// assert_eq!(c.advance(i64::MAX), CellId::end(10));
    /// ```
    #[must_use]
    pub const fn advance(&self, steps: i64) -> Self {
        if steps == 0 || self.0 == 0 {
            return *self;
        }
        let shift = self.step_shift();
        let mut steps = steps;
        if steps < 0 {
            let min_steps = -((self.0 >> shift) as i64);
            if steps < min_steps {
                steps = min_steps;
            }
        } else {
            let max_steps = ((WRAP_OFFSET + self.lsb()).saturating_sub(self.0) >> shift) as i64;
            if steps > max_steps {
                steps = max_steps;
            }
        }
        Self(self.0.wrapping_add((steps as u64) << shift))
    }

    /// Moves `steps` cells along the curve at this level, wrapping around
    /// from the end to the beginning (and back).
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(5).advance_wrap(2), CellId::from_face(1));
    /// assert_eq!(CellId::from_face(0).advance_wrap(-7), CellId::from_face(5));
    /// ```
    #[must_use]
    pub const fn advance_wrap(&self, steps: i64) -> Self {
        if steps == 0 || self.0 == 0 {
            return *self;
        }
        let shift = self.step_shift();
        let mut steps = steps;
        if steps < 0 {
            let min_steps = -((self.0 >> shift) as i64);
            if steps < min_steps {
                let step_wrap = (WRAP_OFFSET >> shift) as i64;
                steps %= step_wrap;
                if steps < min_steps {
                    steps += step_wrap;
                }
            }
        } else {
            let max_steps = (WRAP_OFFSET.saturating_sub(self.0) >> shift) as i64;
            if steps > max_steps {
                let step_wrap = (WRAP_OFFSET >> shift) as i64;
                steps %= step_wrap;
                if steps > max_steps {
                    steps -= step_wrap;
                }
            }
        }
        Self(self.0.wrapping_add((steps as u64) << shift))
    }

    /// The number of cells at this level before this one along the curve.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(3).distance_from_begin(), 3);
    /// assert_eq!(CellId::begin(7).advance(1000).distance_from_begin(), 1000);
    /// ```
    #[must_use]
    #[inline]
    pub const fn distance_from_begin(&self) -> u64 {
        self.0 >> self.step_shift()
    }

    /// The largest cell that starts at this cell's `range_min` and ends
    /// before `limit`'s `range_min`: the greedy step that tiles a leaf range
    /// with the fewest cells. Returns `limit` when this cell starts at or
    /// after it (both may be end ids such as [`CellId::end`]), and
    /// [`CellId::NONE`] for any other invalid id, which Google leaves
    /// undefined (it looped forever here).
    ///
    /// ```
    /// use s2cells::CellId;
    /// let start = CellId::begin(30);
    /// assert_eq!(start.maximum_tile(CellId::from_face(1)), CellId::from_face(0));
    /// assert_eq!(CellId::NONE.maximum_tile(CellId::from_face(1)), CellId::NONE);
    /// ```
    #[must_use]
    pub fn maximum_tile(&self, limit: Self) -> Self {
        let mut id = *self;
        let start = id.range_min();
        if start >= limit.range_min() {
            // Also how a tiling loop ends: at `limit`, often an end id.
            return limit;
        }
        if !self.is_valid() {
            // No leaf range: shrinking would never reach a leaf.
            return Self::NONE;
        }
        if id.range_max() >= limit {
            // Too large: shrink. Since start < limit.range_min(), this stops
            // at a leaf at the latest.
            loop {
                id = id.child_begin_unchecked();
                if id.range_max() < limit {
                    return id;
                }
            }
        }
        // Maybe too small: grow while the parent starts at the same leaf and
        // still ends before the limit.
        while !id.is_face() {
            let parent = id.parent_unchecked(id.level() - 1);
            if parent.range_min() != start || parent.range_max() >= limit {
                break;
            }
            id = parent;
        }
        id
    }
}
