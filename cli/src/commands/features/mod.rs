//! `features`: points in, machine-learning features out — one-hot over a
//! vocabulary of cells, multi-hot over several levels, or hashed buckets —
//! as CSR arrays (JSON), libsvm lines, dense CSV, a dense NumPy `.npy`, a
//! SciPy sparse `.npz`, or a long Parquet / Arrow table (one row per set
//! feature: row, column and its name, value, the cell's token and level).
//!
//! The vocabulary is loaded (`--vocab`), learned from the points
//! themselves (`--learn-vocab`) or made of the cells of a region
//! (`--vocab-region`); `--save-vocab` keeps it for serving. `--label-col`
//! and `--id-col` carry a column of the input to every format that can
//! hold it. With a vocabulary known before the points (a file, a region,
//! or hashing), libsvm, parquet and arrow stream in batches of 65,536
//! points; learning a vocabulary, and the csr, csv, npy and npz formats,
//! hold every point (8 bytes each, plus labels and ids).
//!
//! Here: the flags, reading the points and batching them; the encoder
//! and its vocabularies are `vocab`'s, the writers `write`'s.

mod vocab;
mod write;

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use s2cells::CellId;
use s2cells::feature::ml::{Csr, FeatureColumn, HashedBuckets, MultiLevel, OneHot};

use crate::error::{CliError, CliResult};
use crate::output::nothing_written;
use crate::points::{self, Extra, PointInput};
use vocab::encoder;
use write::{RowSink, check_dense, write};

/// Feature encodings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FeatureEncoding {
    /// One column per vocabulary cell (one vocabulary, one --level).
    OneHot,
    /// One block of columns per level (one vocabulary per --level).
    MultiLevel,
    /// The level-L cell hashed into --buckets columns, --hashes times.
    Hashed,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FeatureFormat {
    /// One JSON object: n_rows, n_features, indptr, indices, the columns'
    /// names (and labels, ids).
    Csr,
    /// libsvm / svmlight lines (1-based columns; label from --label-col,
    /// else 0; the id as a trailing `# id` comment), after a first comment
    /// line giving n_features.
    Libsvm,
    /// Dense 0/1 CSV, one column per feature named after its cell
    /// (s2_<level>_<token>), after the id and label columns.
    Csv,
    /// Dense uint8 NumPy array (rows x features), written to --output.
    Npy,
    /// SciPy sparse CSR (`scipy.sparse.load_npz`), written to --output;
    /// labels and ids as the members `label` and `id` (`numpy.load`).
    Npz,
    /// Long Parquet: one row per set feature (row, id, label, column,
    /// name, value, token, level), to pivot in a data frame.
    Parquet,
    /// The long table as an Arrow IPC stream.
    Arrow,
}

#[derive(Args, Debug)]
pub struct FeaturesArgs {
    #[command(flatten)]
    pub input: PointInput,
    /// The encoding.
    #[arg(short, long, value_enum, default_value_t = FeatureEncoding::OneHot)]
    pub encoding: FeatureEncoding,
    /// Level(s) of the vocabulary (or of the hashed cell); several, comma
    /// separated, for multi-level. With --vocab, optional, and then it
    /// must match the file's levels.
    #[arg(short, long = "level", visible_alias = "levels", value_delimiter = ',',
          value_parser = clap::value_parser!(u8).range(0..=30))]
    pub levels: Vec<u8>,
    /// Load the vocabulary from this JSON file (as --save-vocab writes
    /// it); for multi-level, once per level or one file holding a list.
    /// The file decides whether there is an out-of-vocabulary column.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["learn_vocab", "vocab_region"])]
    pub vocab: Vec<PathBuf>,
    /// Learn the vocabulary from the points: the cells at each --level
    /// holding at least --min-count of them.
    #[arg(long, conflicts_with = "vocab_region")]
    pub learn_vocab: bool,
    /// With --learn-vocab: the fewest points a vocabulary cell holds.
    #[arg(long, default_value_t = 1, requires = "learn_vocab")]
    pub min_count: usize,
    /// The vocabulary is every cell at each --level meeting the regions of
    /// this GeoJSON file.
    #[arg(long, value_name = "FILE.geojson")]
    pub vocab_region: Option<PathBuf>,
    /// With --vocab-region: cover rings that cross themselves as given,
    /// with a warning, instead of failing (as `cover --lenient`).
    #[arg(long, requires = "vocab_region")]
    pub lenient: bool,
    /// Write the vocabulary used to this JSON file.
    #[arg(long, value_name = "FILE")]
    pub save_vocab: Option<PathBuf>,
    /// No out-of-vocabulary column: points outside the vocabulary get no
    /// feature. With --vocab, an error if the file has that column (the
    /// file fixes the model's columns).
    #[arg(long)]
    pub no_oov: bool,
    /// For hashed: the number of columns [default: 65536].
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub buckets: Option<u32>,
    /// For hashed: hashes per point, 1..=16 [default: 1].
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=16))]
    pub hashes: Option<u8>,
    /// The label of each point: a column of the input (header name or
    /// 1-based number; a key for NDJSON; a property for GeoJSON).
    /// Numbers, or text for the formats that keep text (csv, csr, npz,
    /// parquet, arrow).
    #[arg(long, value_name = "NAME|N")]
    pub label_col: Option<String>,
    /// An id for each point, carried to the output: a column of the
    /// input, as --label-col (for GeoJSON, `id` is the feature's id
    /// unless a property has that name).
    #[arg(long, value_name = "NAME|N")]
    pub id_col: Option<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = FeatureFormat::Csr)]
    pub format: FeatureFormat,
    /// Write to this file instead of stdout (required for npy and npz).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write a dense csv or npy even when it would exceed 1 GiB (by
    /// default refused: use npz or parquet, which hold only the set
    /// features).
    #[arg(long)]
    pub allow_dense: bool,
}

/// Above this, a dense output is refused without --allow-dense ...
const DENSE_REFUSED: u128 = 1 << 30;
/// ... and above this, a warning names the sparse formats.
const DENSE_WARNED: u128 = 100 << 20;

/// Points encoded at a time when the output streams.
const BATCH: usize = 65_536;

/// The encoder of the chosen encoding.
enum Encoder {
    OneHot(OneHot),
    MultiLevel(MultiLevel),
    Hashed(HashedBuckets),
}

impl Encoder {
    fn encode(&self, pts: &[CellId]) -> Csr {
        match self {
            Self::OneHot(e) => e.encode(pts),
            Self::MultiLevel(e) => e.encode(pts),
            Self::Hashed(e) => e.encode(pts),
        }
    }

    fn columns(&self) -> Vec<FeatureColumn> {
        match self {
            Self::OneHot(e) => e.feature_columns(),
            Self::MultiLevel(e) => e.feature_columns(),
            Self::Hashed(e) => e.feature_columns(),
        }
    }

    /// For the long table of hashed features: the level of the cell each
    /// row hashed.
    fn hashed_level(&self) -> Option<u8> {
        match self {
            Self::Hashed(e) => Some(e.level()),
            _ => None,
        }
    }
}

/// The labels: numbers when every one is a number, else text.
enum Labels {
    Numbers(Vec<f64>),
    Text(Vec<String>),
}

/// What is carried beside the features.
struct Carried {
    ids: Option<Vec<String>>,
    labels: Option<Labels>,
}

/// Points read and not yet written, with their ids and labels (as read).
#[derive(Default)]
struct Pending {
    pts: Vec<CellId>,
    ids: Option<Vec<String>>,
    labels: Option<Vec<String>>,
    /// Whether every label so far is a number.
    numeric: bool,
}

impl Pending {
    /// The carried values, labels as numbers when `numeric`.
    fn take(&mut self, numeric: bool) -> Carried {
        let labels = self.labels.as_mut().map(|l| {
            let l = std::mem::take(l);
            if numeric {
                Labels::Numbers(l.iter().map(|s| s.parse().unwrap_or(f64::NAN)).collect())
            } else {
                Labels::Text(l)
            }
        });
        let ids = self.ids.as_mut().map(std::mem::take);
        self.pts.clear();
        Carried { ids, labels }
    }
}

pub fn run(args: &FeaturesArgs) -> CliResult {
    check_flags(args)?;
    let mut extra = Vec::new();
    if let Some(spec) = &args.id_col {
        extra.push(Extra {
            flag: "--id-col",
            spec,
        });
    }
    if let Some(spec) = &args.label_col {
        extra.push(Extra {
            flag: "--label-col",
            spec,
        });
    }
    let name = args
        .input
        .file
        .as_ref()
        .filter(|p| p.as_os_str() != "-")
        .map_or_else(|| "<stdin>".to_owned(), |p| p.display().to_string());
    // With a vocabulary known before the points (a file, a region, or
    // hashing), the sparse row-wise formats stream in batches; the others
    // need every point first (to learn the vocabulary, or for the CSR and
    // dense arrays).
    let streams = !args.learn_vocab
        && matches!(
            args.format,
            FeatureFormat::Libsvm | FeatureFormat::Parquet | FeatureFormat::Arrow
        );
    let mut stream = if streams {
        Some(Stream {
            enc: encoder(args, &[])?,
            sink: None,
            rows: 0,
            numeric: None,
        })
    } else {
        None
    };
    let mut pending = Pending {
        ids: args.id_col.as_ref().map(|_| Vec::new()),
        labels: args.label_col.as_ref().map(|_| Vec::new()),
        numeric: true,
        ..Pending::default()
    };
    let result = points::for_each_with(&args.input, &extra, |row, leaf, values| {
        pending.pts.push(leaf);
        let mut v = values.iter();
        if let Some(ids) = &mut pending.ids {
            let id = v.next().map_or("", String::as_str);
            if id.contains(['\n', '\r']) && args.format == FeatureFormat::Libsvm {
                return Err(CliError::Data(format!(
                    "{}: the id holds a line break, which a libsvm comment cannot",
                    row.at(&name)
                )));
            }
            ids.push(id.to_owned());
        }
        if let Some(labels) = &mut pending.labels {
            let label = v.next().map_or("", |s| s.trim());
            if label.is_empty() {
                return Err(CliError::Data(format!(
                    "{}: the label (--label-col {}) is empty; every row needs one",
                    row.at(&name),
                    args.label_col.as_deref().unwrap_or("")
                )));
            }
            let is_number = label.parse::<f64>().is_ok_and(f64::is_finite);
            if !is_number && args.format == FeatureFormat::Libsvm {
                return Err(CliError::Data(format!(
                    "{}: label {label:?} is not a number, and libsvm labels are \
                     numbers: map the classes to numbers, or use -f npz, parquet or csv",
                    row.at(&name)
                )));
            }
            if !is_number && stream.as_ref().is_some_and(|s| s.numeric == Some(true)) {
                return Err(CliError::Data(format!(
                    "{}: label {label:?} is not a number, and the first {BATCH} \
                     labels were, which made the table's label column DOUBLE",
                    row.at(&name)
                )));
            }
            pending.numeric &= is_number;
            labels.push(label.to_owned());
        }
        match &mut stream {
            Some(s) if pending.pts.len() == BATCH => s.write(args, &mut pending),
            _ => Ok(()),
        }
    });
    // Say what became of the output, as `cover` does: only a stream that
    // has begun has written anything (and an unfinished table is removed).
    if let Err(e) = result {
        return Err(match stream.and_then(|s| s.sink) {
            Some(RowSink::Libsvm(mut out)) => out.fail(e),
            Some(RowSink::Long { table, .. }) => table.fail(e),
            None => nothing_written(e),
        });
    }
    if let Some(mut s) = stream {
        s.write(args, &mut pending)?;
        return s.finish();
    }
    let enc = encoder(args, &pending.pts)?;
    let csr = enc.encode(&pending.pts);
    check_dense(args, &csr)?;
    let pts = std::mem::take(&mut pending.pts);
    let carried = pending.take(pending.numeric);
    write(args, &enc, &csr, &pts, &carried)
}

/// A streamed output: the encoder, the writer (made at the first batch,
/// when the labels' type is known) and the rows written.
struct Stream {
    enc: Encoder,
    sink: Option<RowSink>,
    rows: usize,
    /// Whether the labels are numbers, fixed by the first batch.
    numeric: Option<bool>,
}

impl Stream {
    /// Encodes and writes the pending points.
    fn write(&mut self, args: &FeaturesArgs, pending: &mut Pending) -> CliResult {
        let numeric = *self.numeric.get_or_insert(pending.numeric);
        if self.sink.is_none() {
            self.sink = Some(RowSink::new(
                args,
                &self.enc,
                pending.ids.is_some(),
                pending.labels.as_ref().map(|_| numeric),
            )?);
        }
        if pending.pts.is_empty() {
            return Ok(());
        }
        let csr = self.enc.encode(&pending.pts);
        let pts = std::mem::take(&mut pending.pts);
        let carried = pending.take(numeric);
        if let Some(sink) = &mut self.sink {
            sink.rows(&csr, &pts, &carried, self.rows)?;
        }
        self.rows += pts.len();
        pending.pts = pts;
        pending.pts.clear();
        Ok(())
    }

    fn finish(self) -> CliResult {
        match self.sink {
            Some(sink) => sink.finish(self.rows),
            None => Ok(()),
        }
    }
}

/// Refuses flags that the chosen encoding or format would ignore.
fn check_flags(args: &FeaturesArgs) -> CliResult {
    let refuse = |m: &str| Err(CliError::Usage(m.to_owned()));
    if args.encoding == FeatureEncoding::Hashed {
        if !args.vocab.is_empty() || args.learn_vocab || args.vocab_region.is_some() {
            return refuse("--encoding hashed uses no vocabulary");
        }
        if args.save_vocab.is_some() {
            return refuse("--save-vocab: --encoding hashed has no vocabulary to save");
        }
        if args.no_oov {
            return refuse("--no-oov: --encoding hashed has no out-of-vocabulary column");
        }
    } else if args.buckets.is_some() || args.hashes.is_some() {
        return refuse("--buckets and --hashes are for --encoding hashed");
    }
    if matches!(args.format, FeatureFormat::Npy | FeatureFormat::Npz) && args.output.is_none() {
        let f = if args.format == FeatureFormat::Npy {
            "npy"
        } else {
            "npz"
        };
        return Err(CliError::Usage(format!(
            "--format {f} writes a binary file: give --output FILE"
        )));
    }
    if args.format == FeatureFormat::Npy && (args.label_col.is_some() || args.id_col.is_some()) {
        return refuse(
            "--format npy holds one array, with no room for --label-col or --id-col: \
             use -f npz (members `label` and `id`) or -f parquet",
        );
    }
    Ok(())
}
