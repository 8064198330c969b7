//! Where `features`' columns come from: the encoder of the chosen
//! encoding, and its vocabularies loaded (`--vocab`), learned from the
//! points (`--learn-vocab`) or made of a region's cells
//! (`--vocab-region`), and saved (`--save-vocab`).

use s2cells::feature::ml::{HashedBuckets, MultiLevel, OneHot, Vocabulary};
use s2cells::{CellId, RegionCoverer};
use serde_json::{Value, json};

use super::{Encoder, FeatureEncoding, FeaturesArgs};
use crate::error::{CliError, CliResult};
use crate::regions::{self, RegionInput};

#[expect(
    clippy::needless_pass_by_value,
    reason = "an adapter for map_err, which passes the error by value"
)]
fn data(e: s2cells::FeatureError) -> CliError {
    CliError::Data(e.to_string())
}

/// The encoder (its vocabularies learned from `pts` with --learn-vocab,
/// and saved with --save-vocab).
pub(super) fn encoder(args: &FeaturesArgs, pts: &[CellId]) -> CliResult<Encoder> {
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
