//! Search terms for inverted indexes (Lucene, Elasticsearch, Tantivy, an SQL
//! `IN` list): Google's `S2RegionTermIndexer`, string for string.
//!
//! Every cell gives two kinds of term. An *ancestor term* is the cell's
//! token; a *covering term* is the marker character followed by the token.
//! A document region is indexed under covering terms for the cells of its
//! covering and ancestor terms for those cells and all their ancestors; a
//! query asks for ancestor terms of its covering's cells (finding documents
//! smaller than the query) and covering terms of their ancestors (finding
//! documents larger than the query). Two options trade index size against
//! query size exactly as in Google:
//!
//! - `index_contains_points_only`: documents are points, so no document is
//!   larger than a query and queries carry no covering terms;
//! - `optimize_for_space`: a covering cell is indexed as a covering term only
//!   (not also as an ancestor term), and queries add a covering term for
//!   each of their own cells to compensate.
//!
//! Cells at the *true max level* (the deepest level reachable from
//! `min_level` in steps of `level_mod`, not above `max_level`) are never an
//! ancestor of a query cell, so they are indexed and queried as ancestor
//! terms only.
//!
//! The region forms take a covering rather than a region: Google computes
//! it with `S2RegionCoverer` set to the indexer's levels and `max_cells`
//! ([`TermIndexer::options`] has them), and any canonical covering with
//! those options gives Google's terms for it.

use super::FeatureError;
use crate::coverer::{CovererError, CovererOptions};
use crate::{CellId, CellUnion, Point, Region, RegionCoverer};

/// What the term indexer is asked to do; `Default` is Google's defaults
/// (levels 4..=16, `level_mod` 1, `max_cells` 8, marker `'$'`).
///
/// ```
/// use s2cells::feature::terms::TermIndexerOptions;
/// let o = TermIndexerOptions { max_level: 20, ..Default::default() };
/// assert_eq!((o.min_level, o.max_level, o.level_mod, o.max_cells), (4, 20, 1, 8));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TermIndexerOptions {
    /// The shallowest level indexed (0..=30).
    pub min_level: u8,
    /// The deepest level indexed (`min_level..=30`).
    pub max_level: u8,
    /// Only levels `min_level + k * level_mod` are used (1, 2 or 3).
    pub level_mod: u8,
    /// The covering size the region coverer aims for (a hint: it is not
    /// used by the term functions themselves, which take the covering).
    pub max_cells: usize,
    /// Every indexed document is a point.
    pub index_contains_points_only: bool,
    /// Fewer index terms at the price of more query terms.
    pub optimize_for_space: bool,
    /// The character before a covering term's token (ASCII, not a letter
    /// or digit, so that it cannot be confused with a token).
    pub marker: char,
}

impl Default for TermIndexerOptions {
    fn default() -> Self {
        Self {
            min_level: 4,
            max_level: 16,
            level_mod: 1,
            max_cells: 8,
            index_contains_points_only: false,
            optimize_for_space: false,
            marker: '$',
        }
    }
}

impl TermIndexerOptions {
    /// The coverer options among these (levels, `level_mod`, `max_cells`),
    /// checked: the `S2RegionCoverer` options Google's term indexer options
    /// extend.
    ///
    /// # Errors
    ///
    /// The [`CovererError`] of [`CovererOptions::new`].
    ///
    /// ```
    /// use s2cells::feature::terms::TermIndexerOptions;
    /// let o = TermIndexerOptions { min_level: 10, max_level: 20, ..Default::default() };
    /// assert_eq!(o.coverer_options()?.true_max_level(), 20);
    /// assert!(TermIndexerOptions { min_level: 21, max_level: 20, ..o }.coverer_options().is_err());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn coverer_options(&self) -> Result<CovererOptions, CovererError> {
        CovererOptions::new(
            self.min_level,
            self.max_level,
            self.level_mod,
            self.max_cells,
        )
    }

    /// The deepest level actually used: `max_level` lowered to the nearest
    /// level reachable from `min_level` in steps of `level_mod` (Google's
    /// `true_max_level`).
    ///
    /// ```
    /// use s2cells::feature::terms::TermIndexerOptions;
    /// let o = TermIndexerOptions { min_level: 3, max_level: 14, level_mod: 3, ..Default::default() };
    /// assert_eq!(o.true_max_level(), 12);
    /// ```
    #[must_use]
    pub const fn true_max_level(&self) -> u8 {
        if self.level_mod <= 1 || self.max_level < self.min_level {
            return self.max_level;
        }
        self.max_level - (self.max_level - self.min_level) % self.level_mod
    }
}

/// Google's `S2RegionTermIndexer`: index and query terms for points and
/// coverings.
///
/// ```
/// use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
/// use s2cells::LatLng;
///
/// let indexer = TermIndexer::new(TermIndexerOptions::default())?;
/// let p = LatLng::from_degrees(10.0, 20.0).to_point();
/// let index = indexer.index_terms_for_point(&p, "");
/// assert_eq!(index.len(), 13); // levels 4..=16, ancestor terms only
/// assert_eq!(index[0], "113");
/// let query = indexer.query_terms_for_point(&p, "");
/// assert_eq!(query[0], "112820871"); // its level-16 cell ...
/// assert_eq!(query[1], "$112820871"); // ... then covering terms upwards
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct TermIndexer {
    options: TermIndexerOptions,
    /// The coverer part of the options, checked.
    coverer: CovererOptions,
    /// The marker as a one-byte string, checked ASCII.
    marker: [u8; 1],
}

impl TermIndexer {
    /// An indexer with the given options, checked: levels in `0..=30` with
    /// `min_level <= max_level`, `level_mod` in `1..=3`, an ASCII marker
    /// that is not a letter or digit. (Google clamps or debug-asserts these;
    /// s2cells refuses them, naming the bad option.)
    ///
    /// # Errors
    ///
    /// [`FeatureError::Coverer`] for levels, `level_mod` or `max_cells`
    /// the coverer refuses, [`FeatureError::InvalidTermMarker`] for the
    /// marker.
    ///
    /// ```
    /// use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
    /// let bad = TermIndexerOptions { marker: 'a', ..Default::default() };
    /// assert!(TermIndexer::new(bad).is_err());
    /// ```
    pub fn new(options: TermIndexerOptions) -> Result<Self, FeatureError> {
        let coverer = options.coverer_options()?;
        let m = options.marker;
        if !m.is_ascii() || m.is_ascii_alphanumeric() {
            return Err(FeatureError::InvalidTermMarker { marker: m });
        }
        Ok(Self {
            options,
            coverer,
            marker: [m as u8],
        })
    }

    /// The options, e.g. to set up the region coverer that makes the
    /// coverings given to the region forms.
    #[must_use]
    pub const fn options(&self) -> &TermIndexerOptions {
        &self.options
    }

    fn push_term(&self, terms: &mut Vec<String>, covering: bool, id: CellId, prefix: &str) {
        let mut buf = [0u8; 16];
        let token = id.write_token(&mut buf);
        let mut s = String::with_capacity(prefix.len() + 1 + token.len());
        s.push_str(prefix);
        if covering {
            s.push(char::from(self.marker[0]));
        }
        s.push_str(token);
        terms.push(s);
    }

    /// The levels `min_level, min_level + level_mod, ..` up to `max_level`.
    fn levels(&self) -> impl Iterator<Item = u8> {
        let o = self.options;
        (o.min_level..=o.max_level).step_by(usize::from(o.level_mod))
    }

    /// The terms to index a point document under: an ancestor term for its
    /// cell at every indexed level, shallowest first (Google's
    /// `GetIndexTerms(S2Point)`).
    ///
    /// ```
    /// use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
    /// use s2cells::LatLng;
    /// let o = TermIndexerOptions { min_level: 2, max_level: 6, level_mod: 2, ..Default::default() };
    /// let p = LatLng::from_degrees(10.0, 20.0).to_point();
    /// let terms = TermIndexer::new(o)?.index_terms_for_point(&p, "loc:");
    /// assert_eq!(terms, ["loc:11", "loc:113", "loc:1129"]);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn index_terms_for_point(&self, p: &Point, prefix: &str) -> Vec<String> {
        let id = CellId::from_point(p);
        let mut terms = Vec::new();
        for level in self.levels() {
            self.push_term(&mut terms, false, id.parent(level), prefix);
        }
        terms
    }

    /// The terms that find every document intersecting a point: an ancestor
    /// term for its cell at the true max level, then (unless the index holds
    /// only points) covering terms for that cell and its ancestors at every
    /// indexed level, deepest first (Google's `GetQueryTerms(S2Point)`).
    ///
    /// ```
    /// use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
    /// use s2cells::LatLng;
    /// let o = TermIndexerOptions { index_contains_points_only: true, ..Default::default() };
    /// let p = LatLng::from_degrees(10.0, 20.0).to_point();
    /// assert_eq!(TermIndexer::new(o)?.query_terms_for_point(&p, ""), ["112820871"]);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn query_terms_for_point(&self, p: &Point, prefix: &str) -> Vec<String> {
        let id = CellId::from_point(p);
        let o = &self.options;
        let top = o.true_max_level();
        let mut terms = Vec::new();
        self.push_term(&mut terms, false, id.parent(top), prefix);
        if o.index_contains_points_only {
            return terms;
        }
        let mut level = i32::from(top);
        while level >= i32::from(o.min_level) {
            self.push_term(&mut terms, true, id.parent(level as u8), prefix);
            level -= i32::from(o.level_mod);
        }
        terms
    }

    /// The terms to index a region document under, from its covering
    /// (Google's `GetIndexTermsForCanonicalCovering`): for each covering cell
    /// in order, a covering term (an ancestor term at the true max level),
    /// an ancestor term too unless optimizing for space, then ancestor terms
    /// for its ancestors at the indexed levels, stopping at the first one
    /// the previous cell already gave.
    ///
    /// The covering must be canonical for these options, as Google requires
    /// (cells at levels `min_level + k * level_mod` within
    /// `min_level..=max_level`, as the region coverer set to the same options
    /// makes them); for other cells the terms are Google's release-build
    /// output for them, which no query may match.
    ///
    /// # Errors
    /// [`FeatureError::PointsOnlyIndex`] when the options say the index holds only
    /// points (Google aborts there).
    ///
    /// ```
    /// use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
    /// use s2cells::{CellId, CellUnion};
    /// let o = TermIndexerOptions { min_level: 0, max_level: 3, ..Default::default() };
    /// let cell = CellId::from_token("14")?; // level 1
    /// let terms = TermIndexer::new(o)?.index_terms_for_covering(&CellUnion::from_cell_ids(vec![cell]), "")?;
    /// assert_eq!(terms, ["$14", "14", "1"]);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn index_terms_for_covering(
        &self,
        covering: &CellUnion,
        prefix: &str,
    ) -> Result<Vec<String>, FeatureError> {
        let o = &self.options;
        if o.index_contains_points_only {
            return Err(FeatureError::PointsOnlyIndex);
        }
        let top = o.true_max_level();
        let mut terms = Vec::new();
        let mut prev: Option<CellId> = None;
        for id in covering {
            let level = id.level();
            let at_top = level == top;
            self.push_term(&mut terms, !at_top, id, prefix);
            if !o.optimize_for_space && !at_top {
                self.push_term(&mut terms, false, id, prefix);
            }
            self.ancestors(&mut terms, false, id, prev, prefix);
            prev = Some(id);
        }
        Ok(terms)
    }

    /// The terms that find every document intersecting a region, from its
    /// covering (Google's `GetQueryTermsForCanonicalCovering`): for each
    /// covering cell in order, an ancestor term; then, unless the index holds
    /// only points, a covering term for the cell when optimizing for space
    /// (and it is not at the true max level) and covering terms for its
    /// ancestors at the indexed levels, stopping at the first one the
    /// previous cell already gave. The covering must be canonical, as for
    /// [`index_terms_for_covering`](Self::index_terms_for_covering).
    ///
    /// ```
    /// use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
    /// use s2cells::{CellId, CellUnion};
    /// let o = TermIndexerOptions { min_level: 0, max_level: 3, ..Default::default() };
    /// let cell = CellId::from_token("14")?; // level 1
    /// let terms = TermIndexer::new(o)?.query_terms_for_covering(&CellUnion::from_cell_ids(vec![cell]), "");
    /// assert_eq!(terms, ["14", "$1"]);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn query_terms_for_covering(&self, covering: &CellUnion, prefix: &str) -> Vec<String> {
        let o = &self.options;
        let top = o.true_max_level();
        let mut terms = Vec::new();
        let mut prev: Option<CellId> = None;
        for id in covering {
            self.push_term(&mut terms, false, id, prefix);
            if o.index_contains_points_only {
                continue;
            }
            if o.optimize_for_space && id.level() != top {
                self.push_term(&mut terms, true, id, prefix);
            }
            self.ancestors(&mut terms, true, id, prev, prefix);
            prev = Some(id);
        }
        terms
    }

    /// The region coverer these options describe (Google's indexer keeps
    /// one with the same levels, `level_mod` and `max_cells`).
    ///
    /// ```
    /// use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
    /// let ix = TermIndexer::new(TermIndexerOptions::default())?;
    /// assert_eq!(ix.coverer().options(), s2cells::CovererOptions::new(4, 16, 1, 8)?);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn coverer(&self) -> RegionCoverer {
        RegionCoverer::from(self.coverer)
    }

    /// The terms to index a region document under: the terms of its
    /// covering by [`coverer`](Self::coverer) (Google's
    /// `GetIndexTerms(const S2Region&)`).
    ///
    /// # Errors
    ///
    /// [`FeatureError::PointsOnlyIndex`] when the options say the index holds only
    /// points.
    ///
    /// ```
    /// use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
    /// use s2cells::LatLngRect;
    /// let ix = TermIndexer::new(TermIndexerOptions::default())?;
    /// let rect = LatLngRect::from_degrees(-30.25, -30.0, -51.27, -51.04)?;
    /// let terms = ix.index_terms(&rect, "geo:")?;
    /// assert!(terms.iter().any(|t| t.starts_with("geo:$")));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn index_terms<R: Region + ?Sized>(
        &self,
        region: &R,
        prefix: &str,
    ) -> Result<Vec<String>, FeatureError> {
        if self.options.index_contains_points_only {
            return Err(FeatureError::PointsOnlyIndex);
        }
        self.index_terms_for_covering(&self.coverer().covering(region), prefix)
    }

    /// The terms that find every document intersecting a region: the query
    /// terms of its covering by [`coverer`](Self::coverer) (Google's
    /// `GetQueryTerms(const S2Region&)`).
    ///
    /// ```
    /// use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
    /// use s2cells::{Cap, LatLng};
    /// let ix = TermIndexer::new(TermIndexerOptions::default())?;
    /// let cap = Cap::from_center_angle(LatLng::from_degrees(48.85, 2.35).to_point(), 1e-4);
    /// assert!(!ix.query_terms(&cap, "").is_empty());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn query_terms<R: Region + ?Sized>(&self, region: &R, prefix: &str) -> Vec<String> {
        self.query_terms_for_covering(&self.coverer().covering(region), prefix)
    }

    /// Terms for `id`'s ancestors at the indexed levels, deepest first,
    /// stopping where `prev` (the previous covering cell) shares the
    /// ancestor, since it has emitted that one and all above it.
    fn ancestors(
        &self,
        terms: &mut Vec<String>,
        covering: bool,
        id: CellId,
        prev: Option<CellId>,
        prefix: &str,
    ) {
        let o = &self.options;
        let step = i32::from(o.level_mod);
        let mut level = i32::from(id.level()) - step;
        while level >= i32::from(o.min_level) {
            // `level` is in min_level..=30 here, so the cast is exact.
            let l = level as u8;
            let ancestor = id.parent(l);
            if let Some(p) = prev
                && p.level() > l
                && p.parent(l) == ancestor
            {
                break;
            }
            self.push_term(terms, covering, ancestor, prefix);
            level -= step;
        }
    }
}
