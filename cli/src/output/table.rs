//! Parquet and Arrow IPC tables (`-f parquet`, `-f arrow`), written a batch
//! of rows at a time so that memory stays bounded whatever the input's
//! size: rows are gathered in Arrow builders, handed to the writer every
//! [`BATCH_ROWS`] rows, and Parquet row groups are closed at 1,048,576
//! rows or about 128 MiB encoded, whichever comes first.
//!
//! Column types are the ones the target systems load without a cast:
//! cell ids are `INT64` holding the signed bit-cast by default (BigQuery's
//! and Spark's form; neither has an unsigned 64-bit type), `UINT64` or the
//! order-preserving `INT64` on request, tokens `STRING`; levels `INT8`;
//! carried input columns `STRING`. Parquet is Snappy-compressed (what
//! pyarrow and Spark write by default). Arrow is the IPC *stream* format,
//! which can go through a pipe (`pyarrow.ipc.open_stream`,
//! `polars.read_ipc_stream`).

use std::collections::HashMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    FixedSizeBinaryBuilder, Float32Builder, Float64Builder, Int8Builder, Int32Builder,
    Int64Builder, StringBuilder, UInt64Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_ipc::writer::StreamWriter;
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use s2cells::CellId;
use s2cells::feature::keys::ordered_i64;

use super::create_file;
use crate::cells::CellFormat;
use crate::error::{CliError, CliResult};

/// Rows gathered before they are handed to the writer.
pub const BATCH_ROWS: usize = 65_536;
/// Parquet row groups close at this many rows ...
const ROW_GROUP_ROWS: usize = 1 << 20;
/// ... or at about this many encoded bytes.
const ROW_GROUP_BYTES: usize = 128 << 20;

/// The two table formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    /// Apache Parquet.
    Parquet,
    /// Arrow IPC stream.
    Arrow,
}

/// A column's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    I64,
    U64,
    F64,
    F32,
    I32,
    I8,
    Str,
    /// Eight bytes (big-endian keys).
    Bytes8,
}

impl Kind {
    fn data_type(self) -> DataType {
        match self {
            Self::I64 => DataType::Int64,
            Self::U64 => DataType::UInt64,
            Self::F64 => DataType::Float64,
            Self::F32 => DataType::Float32,
            Self::I32 => DataType::Int32,
            Self::I8 => DataType::Int8,
            Self::Str => DataType::Utf8,
            Self::Bytes8 => DataType::FixedSizeBinary(8),
        }
    }
}

/// How a cell id is stored in a table column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellType {
    /// `INT64`, the id bit-cast to signed (BigQuery, Spark, SQL).
    I64,
    /// `UINT64`, the id itself.
    U64,
    /// `INT64`, the order-preserving form (top bit flipped).
    Ordered,
    /// `STRING`, the token.
    Token,
}

impl CellType {
    /// The type for a `--cell-format`; `None` gives the default, `I64`.
    pub fn from_format(f: Option<CellFormat>) -> Self {
        match f {
            None | Some(CellFormat::I64) => Self::I64,
            Some(CellFormat::Ids) => Self::U64,
            Some(CellFormat::Ordered) => Self::Ordered,
            Some(CellFormat::Tokens) => Self::Token,
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Self::I64 | Self::Ordered => Kind::I64,
            Self::U64 => Kind::U64,
            Self::Token => Kind::Str,
        }
    }
}

/// One value of a row.
#[derive(Clone, Copy, Debug)]
pub enum Value<'a> {
    Null,
    I64(i64),
    U64(u64),
    F64(f64),
    F32(f32),
    I32(i32),
    I8(i8),
    Str(&'a str),
    Bytes8([u8; 8]),
}

enum Col {
    I64(Int64Builder),
    U64(UInt64Builder),
    F64(Float64Builder),
    F32(Float32Builder),
    I32(Int32Builder),
    I8(Int8Builder),
    Str(StringBuilder),
    Bytes8(FixedSizeBinaryBuilder),
}

impl Col {
    fn new(kind: Kind) -> Self {
        let n = BATCH_ROWS;
        match kind {
            Kind::I64 => Self::I64(Int64Builder::with_capacity(n)),
            Kind::U64 => Self::U64(UInt64Builder::with_capacity(n)),
            Kind::F64 => Self::F64(Float64Builder::with_capacity(n)),
            Kind::F32 => Self::F32(Float32Builder::with_capacity(n)),
            Kind::I32 => Self::I32(Int32Builder::with_capacity(n)),
            Kind::I8 => Self::I8(Int8Builder::with_capacity(n)),
            Kind::Str => Self::Str(StringBuilder::with_capacity(n, n * 8)),
            Kind::Bytes8 => Self::Bytes8(FixedSizeBinaryBuilder::with_capacity(n, 8)),
        }
    }

    /// Appends a value; `false` when its type is not the column's.
    fn push(&mut self, v: Value<'_>) -> bool {
        match (self, v) {
            (Self::I64(b), Value::Null) => b.append_null(),
            (Self::U64(b), Value::Null) => b.append_null(),
            (Self::F64(b), Value::Null) => b.append_null(),
            (Self::F32(b), Value::Null) => b.append_null(),
            (Self::I32(b), Value::Null) => b.append_null(),
            (Self::I8(b), Value::Null) => b.append_null(),
            (Self::Str(b), Value::Null) => b.append_null(),
            (Self::Bytes8(b), Value::Null) => b.append_null(),
            (Self::I64(b), Value::I64(x)) => b.append_value(x),
            (Self::U64(b), Value::U64(x)) => b.append_value(x),
            (Self::F64(b), Value::F64(x)) => b.append_value(x),
            (Self::F32(b), Value::F32(x)) => b.append_value(x),
            (Self::I32(b), Value::I32(x)) => b.append_value(x),
            (Self::I8(b), Value::I8(x)) => b.append_value(x),
            (Self::Str(b), Value::Str(x)) => b.append_value(x),
            // The builder's only error is a value of the wrong width.
            (Self::Bytes8(b), Value::Bytes8(x)) => return b.append_value(x).is_ok(),
            _ => return false,
        }
        true
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Self::I64(b) => Arc::new(b.finish()),
            Self::U64(b) => Arc::new(b.finish()),
            Self::F64(b) => Arc::new(b.finish()),
            Self::F32(b) => Arc::new(b.finish()),
            Self::I32(b) => Arc::new(b.finish()),
            Self::I8(b) => Arc::new(b.finish()),
            Self::Str(b) => Arc::new(b.finish()),
            Self::Bytes8(b) => Arc::new(b.finish()),
        }
    }
}

type Dest = Box<dyn Write + Send>;

enum Sink {
    Parquet(Box<ArrowWriter<Dest>>),
    Arrow(Box<StreamWriter<Dest>>),
}

/// A table being written: declare the columns, push each row's values in
/// column order, end the row; `finish` writes what is left and the footer.
///
/// A table that does not finish (an error, or a table dropped) has no
/// Parquet footer or Arrow end marker, so no reader takes it: its file is
/// removed rather than left looking like output, and [`Table::fail`] says
/// so in the error.
pub struct Table {
    /// `None` once finished (or failed).
    sink: Option<Sink>,
    /// The file written, `None` for stdout.
    path: Option<PathBuf>,
    schema: SchemaRef,
    cols: Vec<Col>,
    /// The column the next value goes to.
    next: usize,
    rows: usize,
}

/// `name`, or `name_2`, `name_3` ... when it is taken: data frames and
/// SQL engines refuse two columns of one name.
pub fn unique_name(taken: &[String], name: &str) -> String {
    if !taken.iter().any(|t| t == name) {
        return name.to_owned();
    }
    // At most taken.len() of these taken.len() + 1 names are taken.
    (2..=taken.len() + 2)
        .map(|k| format!("{name}_{k}"))
        .find(|n| !taken.iter().any(|t| t == n))
        .unwrap_or_default()
}

fn parquet_error(e: ParquetError) -> CliError {
    match e {
        ParquetError::External(inner) => match inner.downcast::<io::Error>() {
            Ok(io) => CliError::Io(*io),
            Err(other) => CliError::Io(io::Error::other(other)),
        },
        e => CliError::Io(io::Error::other(e)),
    }
}

fn arrow_error(e: ArrowError) -> CliError {
    match e {
        ArrowError::IoError(_, io) => CliError::Io(io),
        e => CliError::Io(io::Error::other(e)),
    }
}

impl Table {
    /// Starts a table at `path` (or stdout for `None` or `-`, unless it is
    /// a terminal) with these columns (names made unique) and key-value
    /// metadata (Parquet footer and Arrow schema metadata).
    pub fn create(
        format: TableFormat,
        path: Option<&Path>,
        columns: &[(String, Kind)],
        metadata: &[(&str, String)],
    ) -> CliResult<Self> {
        let path = path.filter(|p| p.as_os_str() != "-");
        let dest: Dest = match path {
            Some(p) => Box::new(BufWriter::with_capacity(1 << 20, create_file(p)?)),
            None if io::stdout().is_terminal() => {
                return Err(CliError::Usage(format!(
                    "--format {} is binary: give --output FILE or redirect stdout",
                    match format {
                        TableFormat::Parquet => "parquet",
                        TableFormat::Arrow => "arrow",
                    }
                )));
            }
            None => Box::new(BufWriter::with_capacity(1 << 20, io::stdout())),
        };
        let mut names: Vec<String> = Vec::with_capacity(columns.len());
        for (name, _) in columns {
            let n = unique_name(&names, name);
            names.push(n);
        }
        let fields: Vec<Field> = names
            .iter()
            .zip(columns)
            .map(|(n, (_, k))| Field::new(n, k.data_type(), true))
            .collect();
        let mut meta: HashMap<String, String> = metadata
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        meta.insert(
            "s2cells.version".to_owned(),
            env!("CARGO_PKG_VERSION").to_owned(),
        );
        let schema = Arc::new(Schema::new_with_metadata(fields, meta.clone()));
        let sink = match format {
            TableFormat::Parquet => {
                let mut kv: Vec<KeyValue> =
                    meta.into_iter().map(|(k, v)| KeyValue::new(k, v)).collect();
                kv.sort_by(|a, b| a.key.cmp(&b.key));
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
                    .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
                    .set_created_by(format!("s2cells {}", env!("CARGO_PKG_VERSION")))
                    .set_key_value_metadata(Some(kv))
                    .build();
                Sink::Parquet(Box::new(
                    ArrowWriter::try_new(dest, schema.clone(), Some(props))
                        .map_err(parquet_error)?,
                ))
            }
            TableFormat::Arrow => Sink::Arrow(Box::new(
                StreamWriter::try_new(dest, &schema).map_err(arrow_error)?,
            )),
        };
        Ok(Self {
            sink: Some(sink),
            path: path.map(Path::to_path_buf),
            cols: columns.iter().map(|(_, k)| Col::new(*k)).collect(),
            schema,
            next: 0,
            rows: 0,
        })
    }

    /// Appends the next value of the current row.
    #[inline]
    pub fn push(&mut self, v: Value<'_>) -> CliResult {
        let k = self.next;
        if self.cols.get_mut(k).is_some_and(|c| c.push(v)) {
            self.next += 1;
            return Ok(());
        }
        Err(CliError::Data(format!(
            "internal error: value {v:?} does not fit column {k} of {}",
            self.cols.len()
        )))
    }

    /// Appends a cell (or null) in the given form.
    #[inline]
    pub fn push_cell(&mut self, c: Option<CellId>, t: CellType) -> CliResult {
        let Some(c) = c else {
            return self.push(Value::Null);
        };
        match t {
            CellType::I64 => self.push(Value::I64(c.to_signed())),
            CellType::U64 => self.push(Value::U64(c.id())),
            CellType::Ordered => self.push(Value::I64(ordered_i64(c))),
            CellType::Token => {
                let (bytes, len) = c.token_bytes();
                // Tokens are ASCII hex digits.
                self.push(Value::Str(
                    std::str::from_utf8(&bytes[..len]).unwrap_or("X"),
                ))
            }
        }
    }

    /// Appends an optional string.
    #[inline]
    pub fn push_str(&mut self, s: Option<&str>) -> CliResult {
        self.push(s.map_or(Value::Null, Value::Str))
    }

    /// Ends the current row; every column must have had its value.
    pub fn end_row(&mut self) -> CliResult {
        if self.next != self.cols.len() {
            return Err(CliError::Data(format!(
                "internal error: a row of {} values for {} columns",
                self.next,
                self.cols.len()
            )));
        }
        self.next = 0;
        self.rows += 1;
        if self.rows == BATCH_ROWS {
            self.write_batch()?;
        }
        Ok(())
    }

    fn write_batch(&mut self) -> CliResult {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.cols.iter_mut().map(Col::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(arrow_error)?;
        match &mut self.sink {
            Some(Sink::Parquet(w)) => w.write(&batch).map_err(parquet_error)?,
            Some(Sink::Arrow(w)) => w.write(&batch).map_err(arrow_error)?,
            None => {}
        }
        self.rows = 0;
        Ok(())
    }

    /// Writes the last rows and the footer, and flushes.
    pub fn finish(self) -> CliResult {
        self.finish_with(&[])
    }

    /// As [`finish`](Self::finish), adding key-value metadata known only
    /// at the end to a Parquet footer (an Arrow stream's metadata went out
    /// with its schema: there it is left out).
    /// A failure while finishing (a full disk) removes the file as
    /// [`Table::fail`] does.
    pub fn finish_with(mut self, metadata: &[(&str, String)]) -> CliResult {
        if let Err(e) = self.write_batch() {
            return Err(self.fail(e));
        }
        let finished = match self.sink.take() {
            Some(Sink::Parquet(mut w)) => {
                for (k, v) in metadata {
                    w.append_key_value_metadata(KeyValue::new((*k).to_owned(), v.clone()));
                }
                w.into_inner()
                    .map_err(parquet_error)
                    .and_then(|mut dest| Ok(dest.flush()?))
            }
            Some(Sink::Arrow(mut w)) => w
                .finish()
                .map_err(arrow_error)
                .and_then(|()| w.into_inner().map_err(arrow_error))
                .and_then(|mut dest| Ok(dest.flush()?)),
            None => Ok(()),
        };
        finished.inspect_err(|_| self.remove_file())
    }

    /// The error `e` of the command writing this table, saying what
    /// became of the output: a file is removed (nothing a reader would
    /// take was written), a table on stdout is unfinished.
    pub fn fail(mut self, e: CliError) -> CliError {
        let note = match &self.path {
            Some(p) => format!(
                "nothing was written: the unfinished {} was removed",
                p.display()
            ),
            None => "the table on stdout is unfinished".to_owned(),
        };
        self.sink = None;
        self.remove_file();
        match e {
            CliError::Data(m) => CliError::Data(format!("{m} ({note})")),
            e => e,
        }
    }

    fn remove_file(&mut self) {
        if let Some(p) = self.path.take() {
            // Best effort: the command's own error is the one to report.
            let _ = std::fs::remove_file(p);
        }
    }
}

impl Drop for Table {
    /// An unfinished table's file is removed (see [`Table`]).
    fn drop(&mut self) {
        if self.sink.take().is_some() {
            self.remove_file();
        }
    }
}

/// A JSON value as a carried string column: strings as they are, other
/// values as their JSON text, null as null.
pub fn json_text(v: Option<&serde_json::Value>) -> Option<std::borrow::Cow<'_, str>> {
    match v {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(std::borrow::Cow::Borrowed(s)),
        Some(v) => Some(std::borrow::Cow::Owned(v.to_string())),
    }
}

/// The members of JSON objects as carried string columns: the keys of the
/// first object fix the columns (a table has one schema); a key that a
/// later object adds is left out with a warning naming it, once.
pub struct JsonColumns {
    keys: Vec<String>,
    /// Whether each key's column holds doubles (a number, or a string
    /// holding one; else null) rather than strings.
    numeric: Vec<bool>,
    warned: Vec<String>,
}

impl JsonColumns {
    /// The columns of the first object's keys (none for `None`), those in
    /// `numeric` as doubles.
    pub fn new(
        first: Option<&serde_json::Map<String, serde_json::Value>>,
        numeric: &[&str],
    ) -> Self {
        let keys: Vec<String> = first.map_or_else(Vec::new, |o| o.keys().cloned().collect());
        Self {
            numeric: keys.iter().map(|k| numeric.contains(&k.as_str())).collect(),
            keys,
            warned: Vec::new(),
        }
    }

    /// The columns: names and types.
    pub fn columns(&self) -> Vec<(String, Kind)> {
        self.keys
            .iter()
            .zip(&self.numeric)
            .map(|(k, &n)| (k.clone(), if n { Kind::F64 } else { Kind::Str }))
            .collect()
    }

    /// Pushes the object's values, one per column; `what` names the
    /// object in a warning.
    pub fn push(
        &mut self,
        t: &mut Table,
        obj: Option<&serde_json::Map<String, serde_json::Value>>,
        what: &dyn Fn() -> String,
    ) -> CliResult {
        for (k, &numeric) in self.keys.iter().zip(&self.numeric) {
            let v = obj.and_then(|o| o.get(k));
            if numeric {
                let x = match v {
                    Some(serde_json::Value::Number(n)) => n.as_f64(),
                    Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
                    _ => None,
                };
                t.push(x.map_or(Value::Null, Value::F64))?;
            } else {
                t.push_str(json_text(v).as_deref())?;
            }
        }
        if let Some(o) = obj {
            for k in o.keys() {
                if !self.keys.contains(k) && !self.warned.contains(k) {
                    eprintln!(
                        "warning: {}: key {k:?} is not in the first object, whose keys are \
                         the table's columns; it is left out",
                        what()
                    );
                    self.warned.push(k.clone());
                }
            }
        }
        Ok(())
    }
}
