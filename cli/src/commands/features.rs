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
//! hold it. The points are held in memory (8 bytes each, plus labels and
//! ids): learning a vocabulary and the CSR, npz and npy formats need them
//! all.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use s2cells::feature::ml::{
    Csr, FeatureColumn, HashedBuckets, MultiLevel, OneHot, Vocabulary, npy, npz,
};
use s2cells::{CellId, RegionCoverer};
use serde_json::{Value, json};

use crate::error::{CliError, CliResult};
use crate::output::table::{Kind, Table, TableFormat, Value as Cell};
use crate::output::{Output, create_file};
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

/// The encoded points: the matrix, what its columns are, and (for the
/// long table of hashed features) the cell each row hashed.
struct Encoded {
    csr: Csr,
    columns: Vec<FeatureColumn>,
    hashed_level: Option<u8>,
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
    let mut pts = Vec::new();
    let mut ids = args.id_col.as_ref().map(|_| Vec::new());
    let mut labels = args.label_col.as_ref().map(|_| Vec::new());
    let mut numeric = true;
    points::for_each_with(&args.input, &extra, |n, leaf, values| {
        pts.push(leaf);
        let mut v = values.iter();
        if let Some(ids) = &mut ids {
            let id = v.next().map_or("", String::as_str);
            if id.contains(['\n', '\r']) && args.format == FeatureFormat::Libsvm {
                return Err(CliError::Data(format!(
                    "{name}:{n}: the id holds a line break, which a libsvm comment cannot"
                )));
            }
            ids.push(id.to_owned());
        }
        if let Some(labels) = &mut labels {
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
            numeric &= is_number;
            labels.push(label.to_owned());
        }
        Ok(())
    })?;
    let labels = labels.map(|l| {
        if numeric {
            Labels::Numbers(l.iter().map(|s| s.parse().unwrap_or(f64::NAN)).collect())
        } else {
            Labels::Text(l)
        }
    });
    let enc = encode(args, &pts)?;
    check_dense(args, &enc.csr)?;
    write(args, &enc, &pts, &Carried { ids, labels })
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

fn data(e: s2cells::Error) -> CliError {
    CliError::Data(e.to_string())
}

fn encode(args: &FeaturesArgs, pts: &[CellId]) -> CliResult<Encoded> {
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
            Ok(Encoded {
                csr: enc.encode(pts),
                columns: enc.feature_columns(),
                hashed_level: Some(level),
            })
        }
        FeatureEncoding::OneHot => {
            let mut vocabs = vocabularies(args, pts)?;
            if vocabs.len() != 1 {
                return Err(CliError::Usage(
                    "--encoding one-hot needs one vocabulary (one --level or one --vocab)".into(),
                ));
            }
            save(args, &vocabs)?;
            let enc = OneHot::new(vocabs.remove(0));
            Ok(Encoded {
                csr: enc.encode(pts),
                columns: enc.feature_columns(),
                hashed_level: None,
            })
        }
        FeatureEncoding::MultiLevel => {
            let vocabs = vocabularies(args, pts)?;
            save(args, &vocabs)?;
            let enc = MultiLevel::new(vocabs).map_err(data)?;
            Ok(Encoded {
                csr: enc.encode(pts),
                columns: enc.feature_columns(),
                hashed_level: None,
            })
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
        };
        let mut per_level: Vec<Vec<CellId>> = vec![Vec::new(); args.levels.len()];
        regions::for_each(&input, |item| {
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

fn write(args: &FeaturesArgs, enc: &Encoded, pts: &[CellId], carried: &Carried) -> CliResult {
    let path = args.output.as_deref();
    match args.format {
        FeatureFormat::Parquet | FeatureFormat::Arrow => {
            let format = if args.format == FeatureFormat::Parquet {
                TableFormat::Parquet
            } else {
                TableFormat::Arrow
            };
            write_long(format, path, enc, pts, carried, args.encoding)
        }
        FeatureFormat::Npy | FeatureFormat::Npz => {
            let p = path.unwrap_or(Path::new("-"));
            let mut w = std::io::BufWriter::with_capacity(1 << 20, create_file(p)?);
            if args.format == FeatureFormat::Npy {
                npy::write_dense(&mut w, &enc.csr)?;
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
                npz::write_csr(&mut w, &enc.csr, &extra)?;
            }
            Ok(w.flush()?)
        }
        _ => {
            let mut out = Output::create(path)?;
            write_text(args.format, enc, carried, &mut out)?;
            Ok(out.flush()?)
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
    enc: &Encoded,
    carried: &Carried,
    out: &mut Output,
) -> CliResult {
    let csr = &enc.csr;
    let label_text = |r: usize| -> String {
        match &carried.labels {
            Some(Labels::Numbers(v)) => v[r].to_string(),
            Some(Labels::Text(v)) => v[r].clone(),
            None => "0".to_owned(),
        }
    };
    match format {
        FeatureFormat::Csr => {
            let names: Vec<String> = enc.columns.iter().map(FeatureColumn::name).collect();
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
        FeatureFormat::Libsvm => {
            let n = csr.n_features();
            out.line(&format!(
                "# s2cells features: n_features={n} (sklearn.datasets.load_svmlight_file(path, n_features={n}))"
            ))?;
            for r in 0..csr.n_rows() {
                out.buf.extend_from_slice(label_text(r).as_bytes());
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
        }
        FeatureFormat::Csv => {
            let mut head: Vec<String> = Vec::new();
            if carried.ids.is_some() {
                head.push("id".to_owned());
            }
            if carried.labels.is_some() {
                head.push("label".to_owned());
            }
            head.extend(enc.columns.iter().map(FeatureColumn::name));
            out.line(&head.join(","))?;
            let mut row = vec![b'0'; csr.n_features()];
            for r in 0..csr.n_rows() {
                if let Some(ids) = &carried.ids {
                    csv_field(&mut out.buf, &ids[r]);
                    out.buf.push(b',');
                }
                if carried.labels.is_some() {
                    csv_field(&mut out.buf, &label_text(r));
                    out.buf.push(b',');
                }
                row.fill(b'0');
                for &c in csr.row(r) {
                    row[c as usize] = b'1';
                }
                for (k, b) in row.iter().enumerate() {
                    if k > 0 {
                        out.buf.push(b',');
                    }
                    out.buf.push(*b);
                }
                out.buf.push(b'\n');
                out.maybe_flush()?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The long table: one row per set feature.
fn write_long(
    format: TableFormat,
    path: Option<&Path>,
    enc: &Encoded,
    pts: &[CellId],
    carried: &Carried,
    encoding: FeatureEncoding,
) -> CliResult {
    let csr = &enc.csr;
    if i32::try_from(csr.n_features()).is_err() {
        return Err(CliError::Usage(format!(
            "{} columns do not fit the table's INT32 column index",
            csr.n_features()
        )));
    }
    let mut cols: Vec<(String, Kind)> = vec![("row".into(), Kind::I64)];
    if carried.ids.is_some() {
        cols.push(("id".into(), Kind::Str));
    }
    match &carried.labels {
        Some(Labels::Numbers(_)) => cols.push(("label".into(), Kind::F64)),
        Some(Labels::Text(_)) => cols.push(("label".into(), Kind::Str)),
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
        ("s2cells.n_rows", csr.n_rows().to_string()),
        ("s2cells.n_features", csr.n_features().to_string()),
        (
            "s2cells.encoding",
            encoding
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_owned()),
        ),
    ];
    let mut t = Table::create(format, path, &cols, &meta)?;
    let tokens: Vec<Option<String>> = enc.columns.iter().map(FeatureColumn::token).collect();
    let names: Vec<String> = enc.columns.iter().map(FeatureColumn::name).collect();
    for (r, &p) in pts.iter().enumerate() {
        let hashed = enc.hashed_level.map(|l| p.parent(l.min(p.level())));
        for &c in csr.row(r) {
            t.push(Cell::I64(r as i64))?;
            if let Some(ids) = &carried.ids {
                t.push(Cell::Str(&ids[r]))?;
            }
            match &carried.labels {
                Some(Labels::Numbers(v)) => t.push(Cell::F64(v[r]))?,
                Some(Labels::Text(v)) => t.push(Cell::Str(&v[r]))?,
                None => {}
            }
            t.push(Cell::I32(c as i32))?;
            t.push(Cell::Str(&names[c as usize]))?;
            t.push(Cell::F32(1.0))?;
            let column = &enc.columns[c as usize];
            match hashed {
                // A hash bucket stands for no one cell: the row's own cell.
                Some(h) => {
                    t.push_cell(Some(h), crate::output::table::CellType::Token)?;
                    t.push(Cell::I8(h.level() as i8))?;
                }
                None => {
                    t.push_str(tokens[c as usize].as_deref())?;
                    t.push(column.level().map_or(Cell::Null, |l| Cell::I8(l as i8)))?;
                }
            }
            t.end_row()?;
        }
    }
    t.finish()
}
