//! Canonical coverings: what `covering` returns, checked and restored for
//! coverings made elsewhere (Google's `IsCanonical` and
//! `CanonicalizeCovering`).

use super::{CovererError, RegionCoverer};
use crate::region::{denormalize_ids, normalize_ids};
use crate::{CellId, CellUnion, MAX_LEVEL};

impl RegionCoverer {
    /// Whether `covering` is what a covering with these options could be:
    /// valid cells at allowed levels, sorted and disjoint, no `4^level_mod`
    /// siblings left unmerged, and, when over `max_cells`, no two
    /// neighbours mergeable at or above `min_level` (Google's
    /// `IsCanonical`).
    ///
    /// ```
    /// use s2cells::{CellId, RegionCoverer};
    /// let c = RegionCoverer::new();
    /// let face = CellId::from_face(0);
    /// assert!(c.is_canonical(&[face.child(0), face.child(1)]));
    /// assert!(!c.is_canonical(&face.children())); // four siblings
    /// ```
    #[must_use]
    pub fn is_canonical(&self, covering: &[CellId]) -> bool {
        let o = self.options;
        let min_level = i32::from(o.min_level);
        let max_level = i32::from(o.true_max_level());
        let level_mod = i32::from(o.level_mod);
        let too_many_cells = covering.len() > o.max_cells;
        let mut same_parent_count = 1;
        let mut prev: Option<CellId> = None;
        for &id in covering {
            if !id.is_valid() {
                return false;
            }
            let level = i32::from(id.level());
            if level < min_level || level > max_level {
                return false;
            }
            if level_mod > 1 && (level - min_level) % level_mod != 0 {
                return false;
            }
            if let Some(prev) = prev {
                if prev.range_max() >= id.range_min() {
                    return false;
                }
                if too_many_cells
                    && id
                        .common_ancestor_level(prev)
                        .is_some_and(|l| i32::from(l) >= min_level)
                {
                    return false;
                }
                // No run of 4^level_mod cells with one grid parent.
                let plevel = level - level_mod;
                if plevel < min_level
                    || level != i32::from(prev.level())
                    || id.parent(plevel as u8) != prev.parent(plevel as u8)
                {
                    same_parent_count = 1;
                } else {
                    same_parent_count += 1;
                    if same_parent_count == 1 << (2 * level_mod) {
                        return false;
                    }
                }
            }
            prev = Some(id);
        }
        true
    }

    /// Turns any set of valid cells into a canonical covering of (at
    /// least) the same area: cells replaced by ancestors on the level grid,
    /// sorted and merged, denormalized to `min_level`, then, while over
    /// `max_cells`, neighbours merged into their lowest common ancestor
    /// (Google's `CanonicalizeCovering`).
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidCellUnion`] naming the first invalid id.
    ///
    /// ```
    /// use s2cells::{CellId, RegionCoverer};
    /// let c = RegionCoverer::new().max_cells(1)?;
    /// let face = CellId::from_face(3);
    /// let out = c.canonicalize_covering(vec![face.child(1).child(2), face.child(2)])?;
    /// assert_eq!(out, vec![face]);
    /// assert!(c.is_canonical(&out));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn canonicalize_covering(
        &self,
        mut covering: Vec<CellId>,
    ) -> Result<Vec<CellId>, CovererError> {
        if let Some((index, &id)) = covering.iter().enumerate().find(|(_, id)| !id.is_valid()) {
            return Err(CovererError::InvalidCellUnion {
                index,
                id: id.id(),
                expected: "a valid cell id",
            });
        }
        self.canonicalize(&mut covering);
        Ok(covering)
    }

    /// [`canonicalize_covering`](Self::canonicalize_covering) on valid ids.
    pub(super) fn canonicalize(&self, covering: &mut Vec<CellId>) {
        let o = self.options;
        if o.max_level < MAX_LEVEL || o.level_mod > 1 {
            for id in covering.iter_mut() {
                let level = i32::from(id.level());
                let new_level = self.adjust_level(level.min(i32::from(o.max_level)));
                if new_level != level {
                    *id = id.parent(new_level as u8);
                }
            }
        }
        normalize_ids(covering);
        if o.min_level > 0 || o.level_mod > 1 {
            *covering = denormalize_ids(covering, o.min_level, o.level_mod);
        }
        let len = covering.len();
        if len <= o.max_cells || self.is_canonical(covering) {
            return;
        }
        let excess = len - o.max_cells;
        if excess.saturating_mul(len) > 10_000 {
            // Quadratic below; cover the cells as a region instead.
            let union = CellUnion::from_cell_ids(std::mem::take(covering));
            *covering = self.covering(&union).into_cell_ids();
            return;
        }
        // Merge the two neighbours with the deepest common ancestor until
        // few enough.
        while covering.len() > o.max_cells {
            let mut best_index = 0;
            let mut best_level = -1;
            for i in 0..covering.len() - 1 {
                let level = covering[i]
                    .common_ancestor_level(covering[i + 1])
                    .map_or(-1, i32::from);
                let level = self.adjust_level(level);
                if level > best_level {
                    best_level = level;
                    best_index = i;
                }
            }
            if best_level < i32::from(o.min_level) {
                break;
            }
            let mut id = covering[best_index].parent(best_level as u8);
            replace_with_ancestor(covering, id);
            // Merging may complete a parent's children.
            while best_level > i32::from(o.min_level) {
                best_level -= i32::from(o.level_mod);
                id = id.parent(best_level as u8);
                if !self.contains_all_children(covering, id) {
                    break;
                }
                replace_with_ancestor(covering, id);
            }
        }
    }

    /// Whether all children of `id` on the next grid level are in the
    /// sorted `covering` (Google's `ContainsAllChildren`).
    fn contains_all_children(&self, covering: &[CellId], id: CellId) -> bool {
        let mut it = covering.partition_point(|&c| c < id.range_min());
        let level = id.level() + self.options.level_mod;
        let end = id.child_end_at(level);
        let mut child = id.child_begin_at(level);
        while child != end {
            if it == covering.len() || covering[it] != child {
                return false;
            }
            it += 1;
            child = child.next();
        }
        true
    }
}

/// Replaces the cells of the sorted `covering` inside `id` (there is at
/// least one) by `id` (Google's `ReplaceCellsWithAncestor`).
fn replace_with_ancestor(covering: &mut Vec<CellId>, id: CellId) {
    let begin = covering.partition_point(|&c| c < id.range_min());
    let end = covering.partition_point(|&c| c <= id.range_max());
    if begin < end {
        covering.drain(begin + 1..end);
        covering[begin] = id;
    }
}
