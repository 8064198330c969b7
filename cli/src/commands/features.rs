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

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use s2cells::feature::ml::{
    Csr, FeatureColumn, HashedBuckets, MultiLevel, OneHot, Vocabulary, npy, npz,
};
use s2cells::{CellId, RegionCoverer};
use serde_json::{Value, json};

use crate::error::{CliError, CliResult};
use crate::output::table::{CellType, Kind, Table, TableFormat, Value as Cell};
use crate::output::{Output, create_file, nothing_written};
use crate::points::{self, Extra, PointInput};
use crate::regions::{self, RegionInput};

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
    /// 1-based number; a key for NDJSON). Numbers, or text for the formats
    /// that keep text (csv, csr, npz, parquet, arrow).
    #[arg(long, value_name = "NAME|N")]
    pub label_col: Option<String>,
    /// An id for each point, carried to the output: a column of the
    /// input, as --label-col.
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

/// Points read and not yet written, with their ids, labels (as read) and
/// lines.
#[derive(Default)]
struct Pending {
    pts: Vec<CellId>,
    ids: Option<Vec<String>>,
    labels: Option<Vec<String>>,
    lines: Vec<usize>,
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
        self.lines.clear();
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
    let result = points::for_each_with(&args.input, &extra, |n, leaf, values| {
        pending.pts.push(leaf);
        pending.lines.push(n);
        let mut v = values.iter();
        if let Some(ids) = &mut pending.ids {
            let id = v.next().map_or("", String::as_str);
            if id.contains(['\n', '\r']) && args.format == FeatureFormat::Libsvm {
                return Err(CliError::Data(format!(
                    "{name}:{n}: the id holds a line break, which a libsvm comment cannot"
                )));
            }
            ids.push(id.to_owned());
        }
        if let Some(labels) = &mut pending.labels {
            let label = v.next().map_or("", |s| s.trim());
            if label.is_empty() {
                return Err(CliError::Data(format!(
                    "{name}:{n}: the label (--label-col {}) is empty; every row needs one",
                    args.label_col.as_deref().unwrap_or("")
                )));
            }
            let is_number = label.parse::<f64>().is_ok_and(f64::is_finite);
            if !is_number && args.format == FeatureFormat::Libsvm {
                return Err(CliError::Data(format!(
                    "{name}:{n}: label {label:?} is not a number, and libsvm labels are \
                     numbers: map the classes to numbers, or use -f npz, parquet or csv"
                )));
            }
            if !is_number && stream.as_ref().is_some_and(|s| s.numeric == Some(true)) {
                return Err(CliError::Data(format!(
                    "{name}:{n}: label {label:?} is not a number, and the first {BATCH} \
                     labels were, which made the table's label column DOUBLE"
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

fn data(e: s2cells::FeatureError) -> CliError {
    CliError::Data(e.to_string())
}

/// The encoder (its vocabularies learned from `pts` with --learn-vocab,
/// and saved with --save-vocab).
fn encoder(args: &FeaturesArgs, pts: &[CellId]) -> CliResult<Encoder> {
    let one_level = |what: &str| -> CliResult<u8> {
        match args.levels.as_slice() {
            [l] => Ok(*l),
            _ => Err(CliError::Usage(format!("{what} needs exactly one --level"))),
        }
    };
    match args.encoding {
        FeatureEncoding::Hashed => {
            let level = one_level("--encoding hashed")?;
            let enc = HashedBuckets::new(
                level,
                args.buckets.unwrap_or(1 << 16),
                args.hashes.unwrap_or(1),
            )
            .map_err(|e| CliError::Usage(e.to_string()))?;
            Ok(Encoder::Hashed(enc))
        }
        FeatureEncoding::OneHot => {
            let mut vocabs = vocabularies(args, pts)?;
            if vocabs.len() != 1 {
                return Err(CliError::Usage(
                    "--encoding one-hot needs one vocabulary (one --level or one --vocab)".into(),
                ));
            }
            save(args, &vocabs)?;
            Ok(Encoder::OneHot(OneHot::new(vocabs.remove(0))))
        }
        FeatureEncoding::MultiLevel => {
            let vocabs = vocabularies(args, pts)?;
            save(args, &vocabs)?;
            Ok(Encoder::MultiLevel(MultiLevel::new(vocabs).map_err(data)?))
        }
    }
}

/// The vocabularies of the files, checked against --level and --no-oov.
fn load_vocabularies(args: &FeaturesArgs) -> CliResult<Vec<Vocabulary>> {
    let mut out = Vec::new();
    for path in &args.vocab {
        let name = path.display();
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::Data(format!("{name}: cannot read: {e}")))?;
        let v: Value =
            serde_json::from_str(&text).map_err(|e| CliError::Data(format!("{name}: {e}")))?;
        let list = match v {
            Value::Array(a) => a,
            v => vec![v],
        };
        for v in list {
            let vocab = serde_json::from_value::<Vocabulary>(v)
                .map_err(|e| CliError::Data(format!("{name}: not a vocabulary: {e}")))?;
            if args.no_oov && vocab.has_oov_bucket() {
                return Err(CliError::Usage(format!(
                    "--no-oov: the vocabulary in {name} has an out-of-vocabulary column, and \
                     a saved vocabulary fixes the model's columns; drop --no-oov, or save a \
                     vocabulary without it (--save-vocab with --no-oov)"
                )));
            }
            out.push(vocab);
        }
    }
    if !args.levels.is_empty() {
        let have: Vec<Option<u8>> = out.iter().map(Vocabulary::level).collect();
        let want: Vec<Option<u8>> = args.levels.iter().map(|&l| Some(l)).collect();
        if have != want {
            let show = |v: &[Option<u8>]| {
                v.iter()
                    .map(|l| l.map_or_else(|| "mixed".to_owned(), |l| l.to_string()))
                    .collect::<Vec<_>>()
                    .join(",")
            };
            return Err(CliError::Usage(format!(
                "--level {} does not match the levels of the --vocab file(s), {}; drop \
                 --level (the files decide) or give the matching files",
                show(&want),
                show(&have)
            )));
        }
    }
    Ok(out)
}

/// The vocabularies, one per level, from the chosen source.
fn vocabularies(args: &FeaturesArgs, pts: &[CellId]) -> CliResult<Vec<Vocabulary>> {
    let oov = !args.no_oov;
    if !args.vocab.is_empty() {
        return load_vocabularies(args);
    }
    if args.levels.is_empty() {
        return Err(CliError::Usage(
            "give --vocab FILE, or --level with --learn-vocab or --vocab-region".into(),
        ));
    }
    if args.learn_vocab {
        return args
            .levels
            .iter()
            .map(|&l| Vocabulary::learn(pts.iter().copied(), l, args.min_count, oov).map_err(data))
            .collect();
    }
    if let Some(path) = &args.vocab_region {
        let input = RegionInput {
            input: Some(path.clone()),
            input_format: None,
            rect: None,
            cap: None,
            strict_orientation: false,
            planar_edges: false,
            lenient: args.lenient,
            invalid: args.input.invalid,
        };
        let mut per_level: Vec<Vec<CellId>> = vec![Vec::new(); args.levels.len()];
        regions::for_each(&input, |item, _| {
            for (cells, &level) in per_level.iter_mut().zip(&args.levels) {
                cells.extend(
                    RegionCoverer::fixed_level_cells(item.region.as_ref(), level)
                        .map_err(|e| CliError::Usage(e.to_string()))?,
                );
            }
            Ok(())
        })?;
        return per_level
            .into_iter()
            .map(|c| Vocabulary::from_cells(c, oov).map_err(data))
            .collect();
    }
    Err(CliError::Usage(
        "no vocabulary: give --vocab FILE, --learn-vocab or --vocab-region FILE".into(),
    ))
}

fn save(args: &FeaturesArgs, vocabs: &[Vocabulary]) -> CliResult {
    let Some(path) = &args.save_vocab else {
        return Ok(());
    };
    let v = if vocabs.len() == 1 {
        json!(vocabs[0])
    } else {
        json!(vocabs)
    };
    std::fs::write(path, format!("{v}\n"))
        .map_err(|e| CliError::Data(format!("{}: cannot write: {e}", path.display())))
}

/// Refuses a dense output over 1 GiB (without --allow-dense) and warns
/// above 100 MiB, naming the sparse formats.
fn check_dense(args: &FeaturesArgs, csr: &Csr) -> CliResult {
    let per_cell = match args.format {
        FeatureFormat::Npy => 1,
        FeatureFormat::Csv => 2,
        _ => return Ok(()),
    };
    let (rows, cols) = (csr.n_rows(), csr.n_features());
    let bytes = rows as u128 * cols as u128 * per_cell;
    let what = format!(
        "a dense {} of {rows} rows x {cols} columns is {:.1} GiB ({} set features)",
        if per_cell == 1 { "npy" } else { "csv" },
        bytes as f64 / f64::from(1u32 << 30),
        csr.indices().len()
    );
    if bytes > DENSE_REFUSED && !args.allow_dense {
        return Err(CliError::Usage(format!(
            "{what}: use -f npz (scipy.sparse.load_npz) or -f parquet (long form), which \
             hold only the set features, or --allow-dense"
        )));
    }
    if bytes > DENSE_WARNED {
        eprintln!(
            "warning: {what}; -f npz or -f parquet hold only the set features (--allow-dense \
             silences nothing, it only lifts the 1 GiB limit)"
        );
    }
    Ok(())
}

/// Writes every point at once (the formats that need them all, and any
/// format after --learn-vocab).
fn write(
    args: &FeaturesArgs,
    enc: &Encoder,
    csr: &Csr,
    pts: &[CellId],
    carried: &Carried,
) -> CliResult {
    let path = args.output.as_deref();
    match args.format {
        FeatureFormat::Libsvm | FeatureFormat::Parquet | FeatureFormat::Arrow => {
            let numeric = match &carried.labels {
                Some(Labels::Numbers(_)) => Some(true),
                Some(Labels::Text(_)) => Some(false),
                None => None,
            };
            let mut sink = RowSink::new(args, enc, carried.ids.is_some(), numeric)?;
            sink.rows(csr, pts, carried, 0)?;
            sink.finish(pts.len())
        }
        FeatureFormat::Npy | FeatureFormat::Npz => {
            let p = path.unwrap_or(Path::new("-"));
            let mut w = std::io::BufWriter::with_capacity(1 << 20, create_file(p)?);
            if args.format == FeatureFormat::Npy {
                npy::write_dense(&mut w, csr)?;
            } else {
                let mut extra = Vec::new();
                match &carried.labels {
                    Some(Labels::Numbers(v)) => extra.push(("label", npz::Extra::F64(v))),
                    Some(Labels::Text(v)) => extra.push(("label", npz::Extra::Str(v))),
                    None => {}
                }
                if let Some(ids) = &carried.ids {
                    extra.push(("id", npz::Extra::Str(ids)));
                }
                npz::write_csr(&mut w, csr, &extra)?;
            }
            Ok(w.flush()?)
        }
        FeatureFormat::Csr | FeatureFormat::Csv => {
            let mut out = Output::create(path)?;
            write_text(args.format, &enc.columns(), csr, carried, &mut out)?;
            Ok(out.flush()?)
        }
    }
}

/// The label of row `r` as text (0 without labels).
fn label_text(carried: &Carried, r: usize) -> String {
    match &carried.labels {
        Some(Labels::Numbers(v)) => v[r].to_string(),
        Some(Labels::Text(v)) => v[r].clone(),
        None => "0".to_owned(),
    }
}

/// The outputs written a batch of rows at a time: libsvm lines and the
/// long table.
enum RowSink {
    Libsvm(Output),
    Long {
        table: Table,
        names: Vec<String>,
        tokens: Vec<Option<String>>,
        levels: Vec<Option<u8>>,
        hashed_level: Option<u8>,
    },
}

impl RowSink {
    /// The writer for `args.format`, with id and label columns when
    /// carried (`labels`: whether they are numbers).
    fn new(args: &FeaturesArgs, enc: &Encoder, ids: bool, labels: Option<bool>) -> CliResult<Self> {
        let columns = enc.columns();
        let n = columns.len();
        let path = args.output.as_deref();
        let format = match args.format {
            FeatureFormat::Libsvm => {
                let mut out = Output::create(path)?;
                out.line(&format!(
                    "# s2cells features: n_features={n} (sklearn.datasets.load_svmlight_file(path, n_features={n}))"
                ))?;
                return Ok(Self::Libsvm(out));
            }
            FeatureFormat::Parquet => TableFormat::Parquet,
            _ => TableFormat::Arrow,
        };
        if i32::try_from(n).is_err() {
            return Err(CliError::Usage(format!(
                "{n} columns do not fit the table's INT32 column index"
            )));
        }
        let mut cols: Vec<(String, Kind)> = vec![("row".into(), Kind::I64)];
        if ids {
            cols.push(("id".into(), Kind::Str));
        }
        match labels {
            Some(true) => cols.push(("label".into(), Kind::F64)),
            Some(false) => cols.push(("label".into(), Kind::Str)),
            None => {}
        }
        cols.extend([
            ("column".into(), Kind::I32),
            ("name".into(), Kind::Str),
            ("value".into(), Kind::F32),
            ("token".into(), Kind::Str),
            ("level".into(), Kind::I8),
        ]);
        let meta = [
            ("s2cells.n_features", n.to_string()),
            (
                "s2cells.encoding",
                args.encoding
                    .to_possible_value()
                    .map_or_else(String::new, |v| v.get_name().to_owned()),
            ),
        ];
        Ok(Self::Long {
            table: Table::create(format, path, &cols, &meta)?,
            names: columns.iter().map(FeatureColumn::name).collect(),
            tokens: columns.iter().map(FeatureColumn::token).collect(),
            levels: columns.iter().map(FeatureColumn::level).collect(),
            hashed_level: enc.hashed_level(),
        })
    }

    /// Writes the rows of `csr`, numbered from `row0`.
    fn rows(&mut self, csr: &Csr, pts: &[CellId], carried: &Carried, row0: usize) -> CliResult {
        match self {
            Self::Libsvm(out) => {
                for r in 0..csr.n_rows() {
                    out.buf.extend_from_slice(label_text(carried, r).as_bytes());
                    for &c in csr.row(r) {
                        out.buf.push(b' ');
                        out.buf
                            .extend_from_slice(itoa::Buffer::new().format(c + 1).as_bytes());
                        out.buf.extend_from_slice(b":1");
                    }
                    if let Some(ids) = &carried.ids {
                        out.buf.extend_from_slice(b" # ");
                        out.buf.extend_from_slice(ids[r].as_bytes());
                    }
                    out.buf.push(b'\n');
                    out.maybe_flush()?;
                }
                Ok(())
            }
            Self::Long {
                table: t,
                names,
                tokens,
                levels,
                hashed_level,
            } => {
                for (r, &p) in pts.iter().enumerate() {
                    let hashed = hashed_level.map(|l| p.parent(l.min(p.level())));
                    for &c in csr.row(r) {
                        let c = c as usize;
                        t.push(Cell::I64((row0 + r) as i64))?;
                        if let Some(ids) = &carried.ids {
                            t.push(Cell::Str(&ids[r]))?;
                        }
                        match &carried.labels {
                            Some(Labels::Numbers(v)) => t.push(Cell::F64(v[r]))?,
                            Some(Labels::Text(v)) => t.push(Cell::Str(&v[r]))?,
                            None => {}
                        }
                        t.push(Cell::I32(c as i32))?;
                        t.push(Cell::Str(&names[c]))?;
                        t.push(Cell::F32(1.0))?;
                        match hashed {
                            // A hash bucket stands for no one cell: the
                            // row's own hashed cell.
                            Some(h) => {
                                t.push_cell(Some(h), CellType::Token)?;
                                t.push(Cell::I8(h.level() as i8))?;
                            }
                            None => {
                                t.push_str(tokens[c].as_deref())?;
                                t.push(levels[c].map_or(Cell::Null, |l| Cell::I8(l as i8)))?;
                            }
                        }
                        t.end_row()?;
                    }
                }
                Ok(())
            }
        }
    }

    /// Flushes; the Parquet footer gets the number of rows.
    fn finish(self, n_rows: usize) -> CliResult {
        match self {
            Self::Libsvm(mut out) => Ok(out.flush()?),
            Self::Long { table, .. } => {
                table.finish_with(&[("s2cells.n_rows", n_rows.to_string())])
            }
        }
    }
}

/// A CSV field, quoted when it needs it.
fn csv_field(out: &mut Vec<u8>, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(s.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

fn write_text(
    format: FeatureFormat,
    columns: &[FeatureColumn],
    csr: &Csr,
    carried: &Carried,
    out: &mut Output,
) -> CliResult {
    match format {
        FeatureFormat::Csr => {
            let names: Vec<String> = columns.iter().map(FeatureColumn::name).collect();
            let mut v = json!({
                "n_rows": csr.n_rows(),
                "n_features": csr.n_features(),
                "indptr": csr.indptr(),
                "indices": csr.indices(),
                "columns": names,
            });
            match &carried.labels {
                Some(Labels::Numbers(l)) => v["labels"] = json!(l),
                Some(Labels::Text(l)) => v["labels"] = json!(l),
                None => {}
            }
            if let Some(ids) = &carried.ids {
                v["ids"] = json!(ids);
            }
            out.line(&v.to_string())?;
        }
        FeatureFormat::Csv => {
            let mut head: Vec<String> = Vec::new();
            if carried.ids.is_some() {
                head.push("id".to_owned());
            }
            if carried.labels.is_some() {
                head.push("label".to_owned());
            }
            head.extend(columns.iter().map(FeatureColumn::name));
            out.line(&head.join(","))?;
            let mut row = vec![b'0'; csr.n_features()];
            for r in 0..csr.n_rows() {
                if let Some(ids) = &carried.ids {
                    csv_field(&mut out.buf, &ids[r]);
                    out.buf.push(b',');
                }
                if carried.labels.is_some() {
                    csv_field(&mut out.buf, &label_text(carried, r));
                    out.buf.push(b',');
                }
                for &c in csr.row(r) {
                    row[c as usize] = b'1';
                }
                for (k, b) in row.iter().enumerate() {
                    if k > 0 {
                        out.buf.push(b',');
                    }
                    out.buf.push(*b);
                }
                for &c in csr.row(r) {
                    row[c as usize] = b'0';
                }
                out.buf.push(b'\n');
                out.maybe_flush()?;
            }
        }
        _ => {}
    }
    Ok(())
}
