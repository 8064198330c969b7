//! About how many cells a covering would have, without computing it: for
//! the message of a covering over its budget.

use super::RegionCoverer;
use crate::Region;

/// The most cells each probing covering may have.
const PROBE: usize = 20_000;

/// What [`RegionCoverer::estimate_covering_len`] found.
///
/// ```
/// use s2cells::{LatLngRect, RegionCoverer};
/// let r = LatLngRect::from_degrees(0.0, 10.0, 0.0, 10.0)?;
/// let e = RegionCoverer::new().min_level(9)?.estimate_covering_len(&r, false);
/// // At level 9 and up, min_level alone forces thousands of cells.
/// assert!(e.forced > 1000.0 && e.cells >= e.forced);
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CoveringEstimate {
    /// About how many cells the covering would have.
    pub cells: f64,
    /// About how many cells `min_level` alone forces: every cell at
    /// `min_level` that meets the region.
    pub forced: f64,
    /// About how many cells the covering would have with no `max_cells`
    /// limit (the finest levels the options allow, everywhere they are
    /// needed).
    pub unlimited: f64,
}

impl RegionCoverer {
    /// About how many cells [`covering`](Self::covering) (or, with
    /// `interior`, [`interior_covering`](Self::interior_covering)) would
    /// give the region, found in bounded time and memory: coverings of the
    /// region at coarser `max_level`s (and the cells at coarser levels than
    /// `min_level`), each of at most 20,000 cells, extrapolated level by
    /// level at the rate their counts grew (about 2 per level where the
    /// boundary dominates, 4 where the area does), then limited by
    /// `max_cells` unless `min_level` forces more. Good to a small factor;
    /// exact when the covering itself is small.
    ///
    /// ```
    /// use s2cells::{LatLngRect, RegionCoverer};
    /// let box_ = LatLngRect::from_degrees(-30.0, 5.0, -70.0, -35.0)?;
    /// let runaway = RegionCoverer::new().max_cells(1_000_000_000)?;
    /// let e = runaway.estimate_covering_len(&box_, false);
    /// assert!(e.cells > 1e9 * 0.5, "{e:?}");
    /// let small = RegionCoverer::new().max_level(6)?.max_cells(1000)?;
    /// let exact = small.covering(&box_).len() as f64;
    /// assert_eq!(small.estimate_covering_len(&box_, false).cells, exact);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn estimate_covering_len<R: Region + ?Sized>(
        &self,
        region: &R,
        interior: bool,
    ) -> CoveringEstimate {
        let o = self.options;
        let (min, max, step) = (o.min_level, self.true_max_level(), o.level_mod);
        let forced = forced_cells(region, min);
        // Coverings without a cell limit at max levels min, min + step, ...
        // until one passes the probe size.
        let mut counts: Vec<(u8, f64)> = Vec::new();
        let mut level = min;
        loop {
            let probe = Self::from(super::CovererOptions {
                max_level: level,
                max_cells: usize::MAX,
                ..o
            });
            let n = if interior {
                probe.interior_covering_within(region, PROBE)
            } else {
                probe.covering_within(region, PROBE)
            };
            let Ok(n) = n else { break };
            counts.push((level, n.len() as f64));
            if level >= max {
                break;
            }
            level += step;
        }
        // Each step multiplies the cells by 2^step where the boundary
        // dominates, 4^step where the area does; with one count only, by
        // the geometric mean.
        let lo = f64::from(1u32 << step);
        let (base_level, base, rate) = match counts.as_slice() {
            [] => (min, forced, lo.powf(1.5)),
            [(l, n)] => (*l, *n, lo.powf(1.5)),
            [.., (_, a), (l, b)] => {
                let rate = if *a > 0.0 {
                    (b / a).clamp(lo, lo * lo)
                } else {
                    lo
                };
                (*l, *b, rate)
            }
        };
        let unlimited = base * rate.powf(f64::from(max.saturating_sub(base_level) / step));
        let limited = if interior {
            unlimited.min(o.max_cells as f64)
        } else if unlimited > o.max_cells as f64 {
            // The coverer stops splitting near max_cells.
            o.max_cells as f64
        } else {
            unlimited
        };
        CoveringEstimate {
            cells: limited.max(forced.min(unlimited)),
            forced,
            unlimited,
        }
    }
}

/// About how many cells at `level` meet the region: counted when there are
/// few, else extrapolated from the counts at coarser levels.
fn forced_cells<R: Region + ?Sized>(region: &R, level: u8) -> f64 {
    let mut last: Option<(u8, f64)> = None;
    for l in 0..=level {
        let Ok(cells) = RegionCoverer::fixed_level_cells(region, l) else {
            break;
        };
        let n = cells.take(PROBE + 1).count();
        if n > PROBE {
            break;
        }
        if l == level {
            return n as f64;
        }
        last = Some((l, n as f64));
    }
    match last {
        // Finer cells by area: 4 per level.
        Some((l, n)) => n * 4f64.powi(i32::from(level - l)),
        None => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cap, LatLng, LatLngRect};

    #[test]
    fn estimates_are_within_a_small_factor() {
        let rect = LatLngRect::from_degrees(-30.0, 5.0, -70.0, -35.0).unwrap();
        let cap = Cap::from_center_angle(LatLng::from_degrees(47.0, 8.0).to_point(), 0.05);
        for (min, max, step, cells) in [
            (0u8, 16u8, 1u8, usize::MAX),
            (0, 14, 2, usize::MAX),
            (10, 12, 1, 100),
            (0, 30, 1, 50_000),
            (6, 9, 1, usize::MAX),
        ] {
            let c = RegionCoverer::new()
                .max_level(max)
                .and_then(|c| c.min_level(min))
                .and_then(|c| c.level_mod(step))
                .and_then(|c| c.max_cells(cells))
                .unwrap();
            for (name, region) in [("rect", &rect as &dyn Region), ("cap", &cap)] {
                let exact = c.covering(region).len() as f64;
                let e = c.estimate_covering_len(region, false).cells;
                eprintln!("{name} {min}-{max}/{step} max {cells}: estimate {e:.0}, exact {exact}");
                assert!(
                    e > exact / 4.0 && e < exact * 4.0,
                    "{name} {min}-{max}/{step} max {cells}: estimate {e}, exact {exact}"
                );
            }
        }
    }
}
