//! `features`: points in, machine-learning features out — one-hot over a
//! vocabulary of cells, multi-hot over several levels, or hashed buckets —
//! as CSR arrays (JSON), libsvm lines, dense CSV or a NumPy `.npy` file.
//!
//! The vocabulary is loaded (`--vocab`), learned from the points
//! themselves (`--learn-vocab`) or made of the cells of a region
//! (`--vocab-region`); `--save-vocab` keeps it for serving.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use s2cells::feature::ml::{Csr, HashedBuckets, MultiLevel, OneHot, Vocabulary, npy};
use s2cells::{CellId, RegionCoverer};
use serde_json::{Value, json};

use crate::error::{CliError, CliResult};
use crate::output::Output;
use crate::points::{self, PointInput};
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
    /// One JSON object: n_rows, n_features, indptr, indices.
    Csr,
    /// libsvm / svmlight lines (1-based columns, label 0).
    Libsvm,
    /// Dense 0/1 CSV with a header f0,f1,...
    Csv,
    /// Dense uint8 NumPy array, written to --output.
    Npy,
}

#[derive(Args, Debug)]
pub struct FeaturesArgs {
    #[command(flatten)]
    pub input: PointInput,
    /// The encoding.
    #[arg(short, long, value_enum, default_value_t = FeatureEncoding::OneHot)]
    pub encoding: FeatureEncoding,
    /// Level(s) of the vocabulary (or of the hashed cell); several, comma
    /// separated, for multi-level.
    #[arg(short, long = "level", visible_alias = "levels", value_delimiter = ',',
          value_parser = clap::value_parser!(u8).range(0..=30))]
    pub levels: Vec<u8>,
    /// Load the vocabulary from this JSON file (as --save-vocab writes
    /// it); for multi-level, once per level or one file holding a list.
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
    /// feature.
    #[arg(long)]
    pub no_oov: bool,
    /// For hashed: the number of columns.
    #[arg(long, default_value_t = 1 << 16, value_parser = clap::value_parser!(u32).range(1..))]
    pub buckets: u32,
    /// For hashed: hashes per point (1..=16).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=16))]
    pub hashes: u8,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = FeatureFormat::Csr)]
    pub format: FeatureFormat,
    /// Write to this file instead of stdout (required for npy).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &FeaturesArgs) -> CliResult {
    if args.format == FeatureFormat::Npy && args.output.is_none() {
        return Err(CliError::Usage(
            "--format npy writes a binary file: give --output FILE".into(),
        ));
    }
    let mut pts = Vec::new();
    points::for_each(&args.input, |_, leaf| {
        pts.push(leaf);
        Ok(())
    })?;
    let csr = encode(args, &pts)?;
    write(args, &csr)
}

fn data(e: s2cells::Error) -> CliError {
    CliError::Data(e.to_string())
}

fn encode(args: &FeaturesArgs, pts: &[CellId]) -> CliResult<Csr> {
    let one_level = |what: &str| -> CliResult<u8> {
        match args.levels.as_slice() {
            [l] => Ok(*l),
            _ => Err(CliError::Usage(format!("{what} needs exactly one --level"))),
        }
    };
    match args.encoding {
        FeatureEncoding::Hashed => {
            if !args.vocab.is_empty() || args.learn_vocab || args.vocab_region.is_some() {
                return Err(CliError::Usage(
                    "--encoding hashed uses no vocabulary".into(),
                ));
            }
            let level = one_level("--encoding hashed")?;
            let enc = HashedBuckets::new(level, args.buckets, args.hashes)
                .map_err(|e| CliError::Usage(e.to_string()))?;
            Ok(enc.encode(pts))
        }
        FeatureEncoding::OneHot => {
            let mut vocabs = vocabularies(args, pts)?;
            if vocabs.len() != 1 {
                return Err(CliError::Usage(
                    "--encoding one-hot needs one vocabulary (one --level or one --vocab)".into(),
                ));
            }
            save(args, &vocabs)?;
            Ok(OneHot::new(vocabs.remove(0)).encode(pts))
        }
        FeatureEncoding::MultiLevel => {
            let vocabs = vocabularies(args, pts)?;
            save(args, &vocabs)?;
            Ok(MultiLevel::new(vocabs).map_err(data)?.encode(pts))
        }
    }
}

/// The vocabularies, one per level, from the chosen source.
fn vocabularies(args: &FeaturesArgs, pts: &[CellId]) -> CliResult<Vec<Vocabulary>> {
    let oov = !args.no_oov;
    if !args.vocab.is_empty() {
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
                out.push(
                    serde_json::from_value::<Vocabulary>(v)
                        .map_err(|e| CliError::Data(format!("{name}: not a vocabulary: {e}")))?,
                );
            }
        }
        return Ok(out);
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

fn write(args: &FeaturesArgs, csr: &Csr) -> CliResult {
    let mut w: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(File::create(p).map_err(|e| {
            CliError::Data(format!("{}: cannot create: {e}", p.display()))
        })?)),
        None => {
            let mut out = Output::stdout();
            write_to(args.format, csr, &mut out.buf)?;
            return Ok(out.flush()?);
        }
    };
    write_to(args.format, csr, &mut w)?;
    Ok(w.flush()?)
}

fn write_to(format: FeatureFormat, csr: &Csr, w: &mut impl Write) -> CliResult {
    match format {
        FeatureFormat::Csr => {
            let v = json!({
                "n_rows": csr.n_rows(),
                "n_features": csr.n_features(),
                "indptr": csr.indptr(),
                "indices": csr.indices(),
            });
            writeln!(w, "{v}")?;
        }
        FeatureFormat::Libsvm => csr.write_libsvm(w, None)?,
        FeatureFormat::Csv => csr.write_csv(w)?,
        FeatureFormat::Npy => npy::write_dense(w, csr)?,
    }
    Ok(())
}
