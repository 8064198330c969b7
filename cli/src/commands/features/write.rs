//! Writing `features`' output: the dense-size check, every point at
//! once (CSR JSON, dense CSV, npy, npz), and the row-wise outputs
//! written a batch at a time (libsvm lines, the long Parquet/Arrow table).

use std::io::Write;
use std::path::Path;

use clap::ValueEnum;
use s2cells::CellId;
use s2cells::feature::ml::{Csr, FeatureColumn, npy, npz};
use serde_json::json;

use super::{Carried, DENSE_REFUSED, DENSE_WARNED, Encoder, FeatureFormat, FeaturesArgs, Labels};
use crate::error::{CliError, CliResult};
use crate::output::table::{CellType, Kind, Table, TableFormat, Value as Cell};
use crate::output::{Output, create_file};

/// Refuses a dense output over 1 GiB (without --allow-dense) and warns
/// above 100 MiB, naming the sparse formats.
pub(super) fn check_dense(args: &FeaturesArgs, csr: &Csr) -> CliResult {
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
pub(super) fn write(
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
pub(super) enum RowSink {
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
    pub(super) fn new(
        args: &FeaturesArgs,
        enc: &Encoder,
        ids: bool,
        labels: Option<bool>,
    ) -> CliResult<Self> {
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
    pub(super) fn rows(
        &mut self,
        csr: &Csr,
        pts: &[CellId],
        carried: &Carried,
        row0: usize,
    ) -> CliResult {
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
    pub(super) fn finish(self, n_rows: usize) -> CliResult {
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
