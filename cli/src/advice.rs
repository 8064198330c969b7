//! Choosing `--max-cells` with numbers, for `cover` and `keys`.
//!
//! A point query scans the key ranges of the region's covering, then
//! tests each candidate exactly. Points spread evenly, the share of
//! candidates the exact test throws away (the *false-positive share*) is
//! the share of the covering's area outside the region:
//! `1 - region area / covering area`. `--stats` prints it after the
//! output, `--fp-sweep 4,8,16` tabulates it against `--max-cells`, and
//! `--target-fp 0.1` finds the smallest `--max-cells` that brings each
//! feature (and all of them) to the target.

use std::fmt::Write;

use clap::Args;
use s2cells::{CellUnion, RegionCoverer};

use crate::error::{CliError, CliResult};
use crate::output::Output;
use crate::regions::{self, Budget, CovererFlags, Item, RegionInput};

/// The largest `--max-cells` `--target-fp` tries.
const TARGET_LIMIT: usize = 1 << 14;

/// The flags.
#[derive(Args, Debug)]
pub struct AdviceFlags {
    /// After the output, print on stderr the share of the coverings' area
    /// outside the regions: the share of a point query's candidates that
    /// the exact test throws away (over all features, median and worst).
    #[arg(long)]
    pub stats: bool,
    /// Instead of the output, a CSV of --max-cells values (comma
    /// separated) against that false-positive share: overall, median,
    /// 90th percentile and worst feature.
    #[arg(long, value_name = "N,N,...", value_delimiter = ',',
          value_parser = clap::value_parser!(u64).range(1..))]
    pub fp_sweep: Vec<u64>,
    /// Instead of the output, a CSV giving each feature the smallest
    /// --max-cells (up to 16384) whose covering leaves at most this share
    /// of false positives (0 < SHARE < 1), and on stderr the smallest for
    /// every feature at once.
    #[arg(long, value_name = "SHARE")]
    pub target_fp: Option<f64>,
}

impl AdviceFlags {
    /// Whether the flags replace the command's output.
    pub fn active(&self) -> bool {
        !self.fp_sweep.is_empty() || self.target_fp.is_some()
    }
}

/// One feature's covering against its region.
struct Measure {
    index: usize,
    id: String,
    cells: usize,
    region: f64,
    covering: f64,
}

impl Measure {
    fn fp(&self) -> f64 {
        if self.covering <= 0.0 {
            return 0.0;
        }
        (1.0 - self.region / self.covering).clamp(0.0, 1.0)
    }
}

fn measure(item: &Item, cells: &CellUnion) -> Option<Measure> {
    Some(Measure {
        index: item.index,
        id: item.id_text(),
        cells: cells.len(),
        region: item.area.filter(|&a| a > 0.0)?,
        covering: cells.exact_area(),
    })
}

/// The `--stats` of a run: each feature's covering, reported at the end.
pub struct Stats {
    on: bool,
    measures: Vec<Measure>,
    /// Features without an area (points, lines).
    skipped: usize,
}

impl Stats {
    pub fn new(flags: &AdviceFlags) -> Self {
        Self {
            on: flags.stats,
            measures: Vec::new(),
            skipped: 0,
        }
    }

    /// Records a feature's covering (when --stats is on).
    pub fn add(&mut self, item: &Item, cells: &CellUnion) {
        if !self.on {
            return;
        }
        match measure(item, cells) {
            Some(m) => self.measures.push(m),
            None => self.skipped += 1,
        }
    }

    /// Prints the summary on stderr (when --stats is on).
    pub fn report(self) {
        if !self.on {
            return;
        }
        let s = Summary::of(&self.measures);
        let mut text = format!(
            "stats: {} features, {} cells; false-positive share (covering area outside the \
             region) {}",
            self.measures.len(),
            s.cells,
            s.describe()
        );
        if self.skipped > 0 {
            let _ = write!(
                text,
                "; {} features without an area (points, lines) left out",
                self.skipped
            );
        }
        eprintln!("{text}");
    }
}

/// Shares over a set of features.
struct Summary {
    cells: usize,
    overall: f64,
    median: f64,
    p90: f64,
    worst: Option<(f64, usize, String)>,
}

impl Summary {
    fn of(ms: &[Measure]) -> Self {
        let mut fps: Vec<f64> = ms.iter().map(Measure::fp).collect();
        fps.sort_by(f64::total_cmp);
        let pick = |q: f64| {
            if fps.is_empty() {
                return f64::NAN;
            }
            fps[((fps.len() - 1) as f64 * q).round() as usize]
        };
        let (region, covering) = ms
            .iter()
            .fold((0.0, 0.0), |(r, c), m| (r + m.region, c + m.covering));
        let worst = ms
            .iter()
            .max_by(|a, b| a.fp().total_cmp(&b.fp()))
            .map(|m| (m.fp(), m.index, m.id.clone()));
        Self {
            cells: ms.iter().map(|m| m.cells).sum(),
            overall: if covering > 0.0 {
                (1.0 - region / covering).clamp(0.0, 1.0)
            } else {
                f64::NAN
            },
            median: pick(0.5),
            p90: pick(0.9),
            worst,
        }
    }

    fn describe(&self) -> String {
        let mut s = format!(
            "{:.1}% over all the area, median feature {:.1}%, 90th percentile {:.1}%",
            100.0 * self.overall,
            100.0 * self.median,
            100.0 * self.p90
        );
        if let Some((fp, index, id)) = &self.worst {
            let _ = write!(s, ", worst {:.1}% (feature {index}", 100.0 * fp);
            if !id.is_empty() {
                let _ = write!(s, ", id {id}");
            }
            s.push(')');
        }
        s
    }
}

/// The covering of one item with `coverer` under the cell budget, grown
/// by a line's planar margin as `cover` and `keys` grow it.
fn covering(coverer: &RegionCoverer, budget: Option<Budget>, item: &Item) -> CliResult<CellUnion> {
    let mut cells = regions::covering(coverer, budget, item.region.as_ref(), false, item.index)?;
    if item.margin > 0.0 {
        cells.expand_by_radius(item.margin, 2);
    }
    Ok(cells)
}

/// `--fp-sweep` or `--target-fp`: reads the regions and prints the table
/// instead of the command's output. `mode_note` refuses a mode where
/// --max-cells does not apply (`cover --mode interior`, say).
pub fn run(
    flags: &AdviceFlags,
    input: &RegionInput,
    coverer: &CovererFlags,
    refuse: Option<&str>,
) -> CliResult {
    if let Some(why) = refuse {
        return Err(CliError::Usage(why.to_owned()));
    }
    if coverer.level.is_some() {
        return Err(CliError::Usage(
            "--level fixes the covering (no cell limit): --fp-sweep and --target-fp vary \
             --max-cells"
                .into(),
        ));
    }
    if !flags.fp_sweep.is_empty() && flags.target_fp.is_some() {
        return Err(CliError::Usage(
            "give --fp-sweep or --target-fp, not both".into(),
        ));
    }
    let base = coverer.coverer()?;
    let with = |n: usize| {
        base.max_cells(n)
            .map_err(|e| CliError::Usage(e.to_string()))
    };
    let mut out = Output::stdout();
    let mut skipped = 0usize;
    if let Some(target) = flags.target_fp {
        if !(target > 0.0 && target < 1.0) {
            return Err(CliError::Usage(format!(
                "--target-fp {target}: expected a share between 0 and 1, e.g. 0.1"
            )));
        }
        out.line("feature,feature_id,max_cells,cells,fp_share")?;
        let mut needs: Vec<Option<usize>> = Vec::new();
        let mut items_fp = Vec::new();
        regions::for_each(input, |item, _| {
            let fp_at = |n: usize| -> CliResult<Option<(f64, usize)>> {
                let cells = covering(&with(n)?, coverer.budget, item)?;
                Ok(measure(item, &cells).map(|m| (m.fp(), m.cells)))
            };
            let Some(first) = fp_at(1)? else {
                skipped += 1;
                return Ok(());
            };
            // Double until the target is met, then bisect below.
            let (mut lo, mut hi, mut best) = (0usize, 1usize, first);
            while best.0 > target && hi < TARGET_LIMIT {
                lo = hi;
                hi = (hi * 2).min(TARGET_LIMIT);
                best = fp_at(hi)?.unwrap_or(best);
            }
            let found = best.0 <= target;
            if found {
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    match fp_at(mid)? {
                        Some(m) if m.0 <= target => {
                            hi = mid;
                            best = m;
                        }
                        _ => lo = mid,
                    }
                }
            }
            let n = found.then_some(hi);
            out.line(&format!(
                "{},{},{},{},{:.4}",
                item.index,
                item.id_text(),
                n.map_or_else(String::new, |n| n.to_string()),
                best.1,
                best.0
            ))?;
            needs.push(n);
            items_fp.push(item.index);
            Ok(())
        })?;
        out.flush()?;
        let unreached = needs.iter().filter(|n| n.is_none()).count();
        let mut reached: Vec<usize> = needs.iter().flatten().copied().collect();
        reached.sort_unstable();
        if let (Some(&all), Some(&median)) = (reached.last(), reached.get(reached.len() / 2)) {
            eprintln!(
                "--max-cells {all} brings every feature that can reach it to a false-positive \
                 share of at most {:.1}% (the median feature needs {median}){}",
                100.0 * target,
                if unreached > 0 {
                    format!(
                        "; {unreached} features stay above it even at {TARGET_LIMIT} cells \
                         (raise --max-level?)"
                    )
                } else {
                    String::new()
                }
            );
        } else if unreached > 0 {
            eprintln!(
                "no feature reaches {:.1}% with up to {TARGET_LIMIT} cells (raise --max-level?)",
                100.0 * target
            );
        }
    } else {
        let mut per: Vec<Vec<Measure>> = flags.fp_sweep.iter().map(|_| Vec::new()).collect();
        regions::for_each(input, |item, _| {
            for (ms, &n) in per.iter_mut().zip(&flags.fp_sweep) {
                let n = usize::try_from(n).unwrap_or(usize::MAX);
                match measure(item, &covering(&with(n)?, coverer.budget, item)?) {
                    Some(m) => ms.push(m),
                    None => {
                        skipped += 1;
                        break;
                    }
                }
            }
            Ok(())
        })?;
        out.line("max_cells,features,cells,fp_overall,fp_median,fp_p90,fp_worst")?;
        for (ms, n) in per.iter().zip(&flags.fp_sweep) {
            let s = Summary::of(ms);
            out.line(&format!(
                "{n},{},{},{:.4},{:.4},{:.4},{:.4}",
                ms.len(),
                s.cells,
                s.overall,
                s.median,
                s.p90,
                s.worst.map_or(f64::NAN, |w| w.0)
            ))?;
        }
        out.flush()?;
    }
    if skipped > 0 {
        eprintln!("{skipped} features without an area (points, lines) left out");
    }
    Ok(())
}
