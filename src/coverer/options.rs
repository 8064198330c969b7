//! The region coverer's options, checked: Google's
//! `S2RegionCoverer::Options`.

use super::CovererError;
use crate::MAX_LEVEL;

/// What a covering may use: Google's `S2RegionCoverer::Options`, checked
/// when made, so that every `CovererOptions` is one Google's coverer
/// accepts without clamping.
///
/// * `min_level`, `max_level` (0..=30, `min_level <= max_level`): the
///   cells' levels. `min_level` wins over `max_cells`: a big region at a
///   high `min_level` can need many more cells than `max_cells`.
/// * `level_mod` (1..=3): only levels `min_level + k·level_mod` are used,
///   giving a tree of branching factor 4, 16 or 64.
/// * `max_cells` (≥ 1; `usize::MAX` for no limit): the target number of
///   cells; a covering has more only when `min_level` forces it (or with
///   one cell left to split). Interior coverings stop at `max_cells`.
///
/// [`Default`] is Google's defaults: levels 0..=30, `level_mod` 1, 8
/// cells. A [`RegionCoverer`](super::RegionCoverer) is made from options
/// with `From` and gives them back with
/// [`options`](super::RegionCoverer::options).
///
/// ```
/// use s2cells::{CovererOptions, LatLngRect, RegionCoverer};
///
/// let options = CovererOptions::new(8, 15, 1, 500)?;
/// assert_eq!((options.min_level(), options.max_level()), (8, 15));
/// let rect = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618)?;
/// assert_eq!(RegionCoverer::from(options).covering(&rect).len(), 351);
/// assert!(CovererOptions::new(15, 8, 1, 500).is_err()); // min_level above max_level
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "RawOptions", into = "RawOptions")
)]
pub struct CovererOptions {
    pub(super) min_level: u8,
    pub(super) max_level: u8,
    pub(super) level_mod: u8,
    pub(super) max_cells: usize,
}

impl Default for CovererOptions {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl CovererOptions {
    /// Google's defaults.
    pub(super) const DEFAULT: Self = Self {
        min_level: 0,
        max_level: MAX_LEVEL,
        level_mod: 1,
        max_cells: 8,
    };

    /// Options from all four values, checked.
    ///
    /// # Errors
    ///
    /// [`CovererError::InvalidLevel`] for a level above 30 or
    /// `min_level > max_level`, [`CovererError::InvalidLevelMod`] unless
    /// `level_mod` is 1, 2 or 3, [`CovererError::InvalidMaxCells`] for 0
    /// cells.
    ///
    /// ```
    /// use s2cells::{CovererError, CovererOptions};
    /// let fixed = CovererOptions::new(12, 12, 1, usize::MAX)?;
    /// assert_eq!(fixed.true_max_level(), 12);
    /// assert_eq!(
    ///     CovererOptions::new(0, 30, 4, 8),
    ///     Err(CovererError::InvalidLevelMod { level_mod: 4 })
    /// );
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn new(
        min_level: u8,
        max_level: u8,
        level_mod: u8,
        max_cells: usize,
    ) -> Result<Self, CovererError> {
        Self::DEFAULT
            .with_max_level(max_level)?
            .with_min_level(min_level)?
            .with_level_mod(level_mod)?
            .with_max_cells(max_cells)
    }

    /// The coarsest level.
    ///
    /// ```
    /// assert_eq!(s2cells::CovererOptions::default().min_level(), 0);
    /// ```
    #[must_use]
    pub const fn min_level(&self) -> u8 {
        self.min_level
    }

    /// The finest level.
    ///
    /// ```
    /// assert_eq!(s2cells::CovererOptions::default().max_level(), 30);
    /// ```
    #[must_use]
    pub const fn max_level(&self) -> u8 {
        self.max_level
    }

    /// The level step.
    ///
    /// ```
    /// assert_eq!(s2cells::CovererOptions::default().level_mod(), 1);
    /// ```
    #[must_use]
    pub const fn level_mod(&self) -> u8 {
        self.level_mod
    }

    /// The target number of cells.
    ///
    /// ```
    /// assert_eq!(s2cells::CovererOptions::default().max_cells(), 8);
    /// ```
    #[must_use]
    pub const fn max_cells(&self) -> usize {
        self.max_cells
    }

    /// The finest level a covering can use: `max_level`, lowered onto the
    /// `level_mod` grid (Google's `true_max_level`).
    ///
    /// ```
    /// let o = s2cells::CovererOptions::new(4, 17, 3, 8)?;
    /// assert_eq!(o.true_max_level(), 16);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub const fn true_max_level(&self) -> u8 {
        self.max_level - (self.max_level - self.min_level) % self.level_mod
    }

    /// These options with `min_level` set, checked against 30 and
    /// `max_level`.
    pub(super) fn with_min_level(mut self, level: u8) -> Result<Self, CovererError> {
        check_level(level)?;
        if level > self.max_level {
            return Err(CovererError::InvalidLevel {
                level: i64::from(level),
                expected: "a min_level at most max_level",
            });
        }
        self.min_level = level;
        Ok(self)
    }

    /// These options with `max_level` set, checked against 30 and
    /// `min_level`.
    pub(super) fn with_max_level(mut self, level: u8) -> Result<Self, CovererError> {
        check_level(level)?;
        if level < self.min_level {
            return Err(CovererError::InvalidLevel {
                level: i64::from(level),
                expected: "a max_level at least min_level",
            });
        }
        self.max_level = level;
        Ok(self)
    }

    /// These options with both levels set to `level`.
    pub(super) fn with_fixed_level(mut self, level: u8) -> Result<Self, CovererError> {
        check_level(level)?;
        self.min_level = level;
        self.max_level = level;
        Ok(self)
    }

    /// These options with `level_mod` set, checked to be 1, 2 or 3.
    pub(super) fn with_level_mod(mut self, level_mod: u8) -> Result<Self, CovererError> {
        if !(1..=3).contains(&level_mod) {
            return Err(CovererError::InvalidLevelMod { level_mod });
        }
        self.level_mod = level_mod;
        Ok(self)
    }

    /// These options with `max_cells` set, checked to be at least 1.
    pub(super) fn with_max_cells(mut self, max_cells: usize) -> Result<Self, CovererError> {
        if max_cells == 0 {
            return Err(CovererError::InvalidMaxCells { max_cells });
        }
        self.max_cells = max_cells;
        Ok(self)
    }
}

/// A level in 0..=30, or the error naming it.
pub(super) fn check_level(level: u8) -> Result<(), CovererError> {
    if level > MAX_LEVEL {
        return Err(CovererError::InvalidLevel {
            level: i64::from(level),
            expected: "0..=30",
        });
    }
    Ok(())
}

/// The options as serde sees them: four plain fields, checked on the way
/// in by [`CovererOptions::new`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RawOptions {
    min_level: u8,
    max_level: u8,
    level_mod: u8,
    max_cells: usize,
}

#[cfg(feature = "serde")]
impl TryFrom<RawOptions> for CovererOptions {
    type Error = CovererError;

    fn try_from(r: RawOptions) -> Result<Self, CovererError> {
        Self::new(r.min_level, r.max_level, r.level_mod, r.max_cells)
    }
}

#[cfg(feature = "serde")]
impl From<CovererOptions> for RawOptions {
    fn from(o: CovererOptions) -> Self {
        Self {
            min_level: o.min_level,
            max_level: o.max_level,
            level_mod: o.level_mod,
            max_cells: o.max_cells,
        }
    }
}
