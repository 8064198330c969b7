//! CSV points in, the same rows out with cell columns appended.
//!
//! The fast path reads the input in 1 MiB chunks, splits records with
//! `memchr` and fields with an 8-bytes-at-a-time scan that stops at the
//! last column it needs, reads plain decimals eight digits at a time
//! (`decimal`; other number forms with `fast-float2`), converts 4096
//! points at a time with the library's batch API, and copies each row's
//! own bytes to the output: nothing is allocated per row. A chunk with a
//! `"` in it takes the quote-aware path for the records that have one
//! (quoted fields may hold delimiters, doubled quotes and line breaks).

use std::io::Read;

use memchr::memchr;
use s2cells::cell::latlngs_to_cell_ids;
use s2cells::{CellId, MAX_LEVEL};

use super::decimal;
use super::{Invalid, LAT_NAMES, LNG_NAMES, Spec, check_range, find_column, wanted};
use crate::cells::write_cell;
use crate::error::{CliError, CliResult};
use crate::output::table::{Kind, Table, Value as TableValue};
use crate::output::{Output, nothing_written};
use crate::report::Skipped;

/// Bytes read at a time; a record longer than this grows the buffer.
const CHUNK: usize = 1 << 20;
/// Points converted per call of the batch API.
const BATCH: usize = 4096;

/// The rows of one chunk waiting for their cells.
struct Batch {
    lats: Vec<f64>,
    lngs: Vec<f64>,
    /// Each row's bytes in the chunk (start, end), line break excluded.
    spans: Vec<(usize, usize)>,
    /// Each row's line, for table output's errors.
    lines: Vec<usize>,
    cells: Vec<CellId>,
}

struct Indexer<'a> {
    spec: &'a Spec<'a>,
    lat_col: usize,
    lng_col: usize,
    /// Cells are computed at this level, then raised to each asked for.
    batch_level: u8,
    batch: Batch,
    out: Output,
    /// For -f parquet|arrow: the table (made at the header, or at the
    /// first row without one) and the number of fields of a row.
    table: Option<(Table, usize)>,
    /// The header's number of fields (with --no-header, the first row's):
    /// every row must have as many.
    width: Option<usize>,
    /// Data rows read, and those `--invalid skip` passed over.
    rows: u64,
    skipped: Skipped,
}

/// Returns how many data rows there were; the rows skipped go into
/// `skipped`.
pub(super) fn run(mut input: impl Read, spec: &Spec<'_>, skipped: &mut Skipped) -> CliResult<u64> {
    let mut buf = vec![0u8; CHUNK];
    let mut filled = 0;
    let mut eof = false;
    // Line number where the next record starts.
    let mut line = 1;
    let mut indexer: Option<Indexer<'_>> = None;
    let args = spec.args;
    // Everything that reads and writes rows; on an error the message says
    // what became of the output.
    let result = (|| -> CliResult {
        if args.no_header {
            let (Some(super::ColSpec::Number(lat)), Some(super::ColSpec::Number(lng))) =
                (&spec.lat, &spec.lng)
            else {
                return Err(CliError::Usage(
                    "with --no-header, give --lat-col and --lng-col as column numbers".to_owned(),
                ));
            };
            indexer = Some(Indexer::new(spec, *lat, *lng)?);
        }
        loop {
            while !eof && filled < buf.len() {
                let n = input
                    .read(&mut buf[filled..])
                    .map_err(|e| CliError::Data(format!("{}: reading failed: {e}", spec.name)))?;
                eof = n == 0;
                filled += n;
            }
            let chunk = &buf[..filled];
            let mut pos = 0;
            let quotes = memchr(b'"', chunk).is_some();
            while pos < chunk.len() {
                let Some((end, next, lines)) = record_end(chunk, pos, quotes, eof, line, spec)?
                else {
                    break;
                };
                let mut record = &chunk[pos..end];
                if let [rest @ .., b'\r'] = record {
                    record = rest;
                }
                match &mut indexer {
                    Some(ix) => ix.row(chunk, pos, record, line, quotes)?,
                    None if record.is_empty() => {}
                    None => indexer = Some(Indexer::from_header(spec, record, line)?),
                }
                pos = next;
                line += lines;
            }
            if let Some(ix) = &mut indexer {
                ix.flush_batch(chunk)?;
            }
            if eof && pos >= filled {
                break;
            }
            if pos == 0 && filled == buf.len() {
                // One record fills the whole buffer: make room for the rest.
                buf.resize(buf.len() * 2, 0);
            }
            buf.copy_within(pos..filled, 0);
            filled -= pos;
        }
        Ok(())
    })();
    if let Err(e) = result {
        return Err(match indexer {
            Some(ix) => ix.fail(e),
            None => nothing_written(e),
        });
    }
    let Some(mut ix) = indexer else {
        return Err(nothing_written(CliError::Data(format!(
            "{}: the input is empty; expected a header line naming the latitude and longitude columns",
            spec.name
        ))));
    };
    *skipped = std::mem::take(&mut ix.skipped);
    let rows = ix.rows;
    match ix {
        Indexer {
            table: Some((t, _)),
            ..
        } => t.finish()?,
        mut ix if spec.table.is_some() => {
            // --no-header and no row: a table of the cell columns alone.
            ix.ensure_table(0)?;
            if let Some((t, _)) = ix.table {
                t.finish()?;
            }
        }
        mut ix => ix.out.flush()?,
    }
    Ok(rows)
}

/// Where the record starting at `pos` ends: (end of its bytes, start of
/// the next record, line breaks in between), or `None` when the chunk
/// ends first and more input is to come.
fn record_end(
    chunk: &[u8],
    pos: usize,
    quotes: bool,
    eof: bool,
    line: usize,
    spec: &Spec<'_>,
) -> CliResult<Option<(usize, usize, usize)>> {
    let rest = &chunk[pos..];
    let Some(nl) = memchr(b'\n', rest) else {
        return Ok(eof.then_some((chunk.len(), chunk.len(), 0)));
    };
    if !quotes || memchr(b'"', &rest[..nl]).is_none() {
        return Ok(Some((pos + nl, pos + nl + 1, 1)));
    }
    // A line break inside quotes belongs to the field: the record ends at
    // the first line break after an even number of quotes.
    let mut inside = false;
    let mut lines = 0;
    for (i, &b) in rest.iter().enumerate() {
        if b == b'"' {
            inside = !inside;
        } else if b == b'\n' && !inside {
            return Ok(Some((pos + i, pos + i + 1, lines + 1)));
        } else if b == b'\n' {
            lines += 1;
        }
    }
    if !eof {
        return Ok(None);
    }
    if inside {
        return Err(CliError::Data(format!(
            "{}:{line}: a quoted field opened in this record is never closed",
            spec.name
        )));
    }
    Ok(Some((chunk.len(), chunk.len(), lines)))
}

impl<'a> Indexer<'a> {
    fn new(spec: &'a Spec<'a>, lat_col: usize, lng_col: usize) -> CliResult<Self> {
        let levels = &spec.args.levels;
        Ok(Self {
            spec,
            lat_col,
            lng_col,
            batch_level: if levels.len() == 1 {
                levels[0]
            } else {
                MAX_LEVEL
            },
            batch: Batch {
                lats: Vec::with_capacity(BATCH),
                lngs: Vec::with_capacity(BATCH),
                spans: Vec::with_capacity(BATCH),
                lines: Vec::new(),
                cells: vec![CellId::NONE; BATCH],
            },
            out: if spec.table.is_some() {
                Output::stdout()
            } else {
                spec.output()?
            },
            table: None,
            width: None,
            rows: 0,
            skipped: Skipped::default(),
        })
    }

    /// The error `e`, saying what became of the output (see
    /// [`Output::fail`] and [`Table::fail`]).
    fn fail(mut self, e: CliError) -> CliError {
        match self.table.take() {
            Some((t, _)) => t.fail(e),
            None => self.out.fail(e),
        }
    }

    /// The table of a headerless input, with columns `column1` ... as
    /// many as the first row has fields.
    fn ensure_table(&mut self, fields: usize) -> CliResult {
        if self.table.is_none() {
            let cols = (0..fields)
                .map(|k| (format!("column{}", k + 1), self.carried_kind(k)))
                .collect();
            self.table = Some((self.spec.table(cols)?, fields));
        }
        Ok(())
    }

    /// The type of carried column `k`: doubles for the coordinates,
    /// strings for the rest.
    fn carried_kind(&self, k: usize) -> Kind {
        if k == self.lat_col || k == self.lng_col {
            Kind::F64
        } else {
            Kind::Str
        }
    }

    /// Finds the lat/lng columns in the header and writes the header out.
    fn from_header(spec: &'a Spec<'a>, record: &[u8], line: usize) -> CliResult<Self> {
        let mut fields: Vec<String> = split_quoted(record, spec.delimiter)
            .into_iter()
            .map(|f| String::from_utf8_lossy(&f).into_owned())
            .collect();
        if let Some(first) = fields.first_mut()
            && let Some(rest) = first.strip_prefix('\u{feff}')
        {
            *first = rest.to_owned();
        }
        let names = fields.iter().map(String::as_str);
        let find = |col: &Option<super::ColSpec>, cands: &[&str], what: &str, flag: &str| {
            find_column(&names, col.as_ref(), cands).ok_or_else(|| {
                CliError::Data(format!(
                    "{}:{line}: no {what} column in the header ({}); expected {}",
                    spec.name,
                    fields.join(", "),
                    wanted(col.as_ref(), cands, flag, "column")
                ))
            })
        };
        let lat = find(&spec.lat, LAT_NAMES, "latitude", "--lat-col")?;
        let lng = find(&spec.lng, LNG_NAMES, "longitude", "--lng-col")?;
        let mut ix = Self::new(spec, lat, lng)?;
        ix.width = Some(fields.len());
        if spec.table.is_some() {
            let cols = fields
                .iter()
                .enumerate()
                .map(|(k, n)| (n.clone(), ix.carried_kind(k)))
                .collect();
            ix.table = Some((spec.table(cols)?, fields.len()));
        } else if !spec.args.cells_only {
            ix.out.buf.extend_from_slice(record);
            for name in spec.column_names() {
                ix.out.buf.push(spec.delimiter);
                ix.out.buf.extend_from_slice(name.as_bytes());
            }
            ix.out.buf.push(b'\n');
        }
        Ok(ix)
    }

    /// Reads one record's lat/lng into the batch.
    #[inline]
    fn row(
        &mut self,
        chunk: &[u8],
        pos: usize,
        record: &[u8],
        line: usize,
        quotes: bool,
    ) -> CliResult {
        if record.is_empty() {
            return Ok(());
        }
        self.rows += 1;
        let (parsed, width) = if quotes && memchr(b'"', record).is_some() {
            let fields = split_quoted(record, self.spec.delimiter);
            let get = |c: usize| fields.get(c).map(|f| (&f[..], None));
            (
                self.parse(get(self.lat_col), get(self.lng_col), fields.len()),
                fields.len(),
            )
        } else {
            let (lat, lng, n) = two_fields(record, self.spec.delimiter, self.lat_col, self.lng_col);
            let parsed = match lat.zip(lng).and_then(|(a, b)| plain_latlng(chunk, a, b)) {
                Some(ll) => Ok(ll),
                None => {
                    let offset = |f: &[u8]| Some(f.as_ptr() as usize - record.as_ptr() as usize);
                    self.parse(lat.map(|f| (f, offset(f))), lng.map(|f| (f, offset(f))), n)
                }
            };
            (parsed, n)
        };
        let expected = *self.width.get_or_insert(width);
        if width != expected {
            return self.ragged(line, width, expected);
        }
        let (lat, lng) = match parsed {
            Ok(ll) => ll,
            Err((column, message)) => {
                let at = column.map_or(String::new(), |c| format!(":{}", c + 1));
                let what = format!("{}:{line}{at}: {message}", self.spec.name);
                match self.spec.args.invalid {
                    Invalid::Fail => return Err(CliError::Data(what)),
                    Invalid::Skip => {
                        self.skipped.add(what);
                        return Ok(());
                    }
                    // A NaN latitude comes back from the batch as CellId::NONE.
                    Invalid::Empty => (f64::NAN, 0.0),
                }
            }
        };
        self.batch.lats.push(lat);
        self.batch.lngs.push(lng);
        self.batch.spans.push((pos, pos + record.len()));
        if self.spec.table.is_some() {
            self.batch.lines.push(line);
        }
        if self.batch.lats.len() == BATCH {
            self.flush_batch(chunk)?;
        }
        Ok(())
    }

    /// A row whose number of fields is not the header's: an error, or
    /// with `--invalid skip` a row skipped.
    #[cold]
    #[inline(never)]
    fn ragged(&mut self, line: usize, width: usize, expected: usize) -> CliResult {
        let what = format!(
            "{}:{line}: the row has {width} field{}, the {} {expected}",
            self.spec.name,
            if width == 1 { "" } else { "s" },
            if self.spec.args.no_header {
                "first row"
            } else {
                "header"
            },
        );
        match self.spec.args.invalid {
            Invalid::Skip => {
                self.skipped.add(what);
                Ok(())
            }
            Invalid::Fail => Err(CliError::Data(what)),
            Invalid::Empty => Err(CliError::Data(format!(
                "{what} (--invalid empty keeps rows, not ragged ones: --invalid skip drops them)"
            ))),
        }
    }

    /// The lat/lng of a row from its two fields (with their byte offsets,
    /// when known), or the column and what is wrong: any float syntax,
    /// spaces around it, and the message when it fails.
    #[allow(clippy::type_complexity)]
    #[cold]
    #[inline(never)]
    fn parse(
        &self,
        lat: Option<(&[u8], Option<usize>)>,
        lng: Option<(&[u8], Option<usize>)>,
        fields: usize,
    ) -> Result<(f64, f64), (Option<usize>, String)> {
        let number = |f: Option<(&[u8], Option<usize>)>, col: usize, what: &str| {
            let Some((bytes, at)) = f else {
                return Err((
                    None,
                    format!(
                        "the row has {fields} field{}, the {what} is field {}",
                        if fields == 1 { "" } else { "s" },
                        col + 1
                    ),
                ));
            };
            let trimmed = bytes.trim_ascii();
            decimal::parse_f64(trimmed)
                .filter(|x| x.is_finite())
                .ok_or_else(|| {
                    (
                        at,
                        format!(
                            "{what} {:?} is not a number",
                            String::from_utf8_lossy(trimmed)
                        ),
                    )
                })
                .map(|x| (x, at))
        };
        let (lat, lat_at) = number(lat, self.lat_col, "latitude")?;
        let (lng, lng_at) = number(lng, self.lng_col, "longitude")?;
        check_range(lat, lng).map_err(|m| {
            let at = if m.starts_with("latitude") {
                lat_at
            } else {
                lng_at
            };
            (at, m)
        })?;
        Ok((lat, lng))
    }

    /// Converts the batch and writes its rows.
    fn flush_batch(&mut self, chunk: &[u8]) -> CliResult {
        let n = self.batch.lats.len();
        if n == 0 {
            return Ok(());
        }
        let cells = &mut self.batch.cells[..n];
        latlngs_to_cell_ids(&self.batch.lats, &self.batch.lngs, self.batch_level, cells)
            .map_err(|e| CliError::Usage(e.to_string()))?;
        if self.spec.table.is_some() {
            return self.flush_table(chunk);
        }
        let args = self.spec.args;
        let d = self.spec.delimiter;
        let out = &mut self.out;
        for (&(start, end), &cell) in self.batch.spans.iter().zip(cells.iter()) {
            if cell == CellId::NONE && args.invalid == Invalid::Skip {
                continue;
            }
            if !args.cells_only {
                out.buf.extend_from_slice(&chunk[start..end]);
            }
            for (k, &level) in args.levels.iter().enumerate() {
                if k > 0 || !args.cells_only {
                    out.buf.push(d);
                }
                if cell != CellId::NONE {
                    let c = if level == self.batch_level {
                        cell
                    } else {
                        cell.parent(level)
                    };
                    write_cell(&mut out.buf, c, self.spec.cells);
                }
            }
            out.buf.push(b'\n');
        }
        self.batch.lats.clear();
        self.batch.lngs.clear();
        self.batch.spans.clear();
        Ok(out.maybe_flush()?)
    }

    /// Writes the batch's rows to the table: every field as a string
    /// (the coordinates as doubles), then the cells.
    fn flush_table(&mut self, chunk: &[u8]) -> CliResult {
        let d = self.spec.delimiter;
        for i in 0..self.batch.lats.len() {
            let (start, end) = self.batch.spans[i];
            let cell = self.batch.cells[i];
            if cell == CellId::NONE && self.spec.args.invalid == Invalid::Skip {
                continue;
            }
            let fields = split_quoted(&chunk[start..end], d);
            if self.table.is_none() {
                self.ensure_table(fields.len())?;
            }
            let Some((t, want)) = &mut self.table else {
                continue;
            };
            if fields.len() != *want {
                return Err(CliError::Data(format!(
                    "{}:{}: the row has {} fields and the {} {}; a table needs them equal",
                    self.spec.name,
                    self.batch.lines[i],
                    fields.len(),
                    if self.spec.args.no_header {
                        "first row"
                    } else {
                        "header"
                    },
                    want
                )));
            }
            if !self.spec.args.cells_only {
                let point = cell != CellId::NONE;
                for (k, f) in fields.iter().enumerate() {
                    if k == self.lat_col || k == self.lng_col {
                        let x = if k == self.lat_col {
                            self.batch.lats[i]
                        } else {
                            self.batch.lngs[i]
                        };
                        t.push(if point {
                            TableValue::F64(x)
                        } else {
                            TableValue::Null
                        })?;
                    } else {
                        let text = std::str::from_utf8(f).map_err(|e| {
                            CliError::Data(format!(
                                "{}:{}:{}: not UTF-8 ({e}); Parquet and Arrow strings must be",
                                self.spec.name,
                                self.batch.lines[i],
                                k + 1
                            ))
                        })?;
                        t.push(TableValue::Str(text))?;
                    }
                }
            }
            self.spec
                .push_cells(t, (cell != CellId::NONE).then_some(cell))?;
        }
        self.batch.lats.clear();
        self.batch.lngs.clear();
        self.batch.spans.clear();
        self.batch.lines.clear();
        Ok(())
    }
}

/// A row's lat/lng when both are plain decimals in range, read with the
/// bytes of the chunk around them; `None` sends the row to
/// [`Indexer::parse`]. Kept apart and inlined: as a call through `parse`,
/// whose arguments went through the stack, the reload of each field
/// stalled (a quarter of parse's time in `perf`).
#[inline(always)]
fn plain_latlng(chunk: &[u8], lat: &[u8], lng: &[u8]) -> Option<(f64, f64)> {
    let at = |f: &[u8]| {
        let start = f.as_ptr() as usize - chunk.as_ptr() as usize;
        decimal::plain_in(chunk, start, start + f.len())
    };
    let (lat, lng) = (at(lat)?, at(lng)?);
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lng)).then_some((lat, lng))
}

/// The fields at columns `a` and `b` of an unquoted record, and how many
/// fields it has (all of them are counted, so that a ragged row shows).
#[inline]
fn two_fields(
    record: &[u8],
    delim: u8,
    a: usize,
    b: usize,
) -> (Option<&[u8]>, Option<&[u8]>, usize) {
    let last = a.max(b);
    let (mut fa, mut fb) = (None, None);
    let mut col = 0;
    let mut start = 0;
    let mut delims = Delims::new(record, delim);
    for i in delims.by_ref() {
        if col == a {
            fa = Some(&record[start..i]);
        }
        if col == b {
            fb = Some(&record[start..i]);
        }
        col += 1;
        start = i + 1;
        if col > last {
            // The rest only needs counting, a few nanoseconds a row
            // (BENCHMARKS.md, "What each trick bought").
            return (fa, fb, col + 1 + delims.count());
        }
    }
    if col == a {
        fa = Some(&record[start..]);
    }
    if col == b {
        fb = Some(&record[start..]);
    }
    (fa, fb, col + 1)
}

/// The places of `delim` in a record, found eight bytes at a time: in
/// records of a few dozen bytes, `memchr_iter`'s setup per call cost more
/// than the search (BENCHMARKS.md, "What each trick bought").
struct Delims<'a> {
    bytes: &'a [u8],
    /// `delim` in every byte.
    pattern: u64,
    /// Where the 8 bytes of `found` start, and where the next 8 do.
    base: usize,
    next: usize,
    /// A set top bit in each byte of the current 8 that is `delim`.
    found: u64,
}

impl<'a> Delims<'a> {
    #[inline]
    fn new(bytes: &'a [u8], delim: u8) -> Self {
        Self {
            bytes,
            pattern: u64::from(delim) * 0x0101_0101_0101_0101,
            base: 0,
            next: 0,
            found: 0,
        }
    }
}

impl Iterator for Delims<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        while self.found == 0 {
            let rest = self.bytes.get(self.next..).filter(|r| !r.is_empty())?;
            let word = match rest.first_chunk::<8>() {
                Some(w) => u64::from_le_bytes(*w),
                None => {
                    // The last few bytes, padded with bytes that differ.
                    let mut w = [!(self.pattern as u8); 8];
                    w[..rest.len()].copy_from_slice(rest);
                    u64::from_le_bytes(w)
                }
            };
            // Exactly the zero bytes of word ^ pattern (no false hits above a
            // true one, as the shorter zero-byte test has).
            let x = word ^ self.pattern;
            self.found = !(((x & LOW7) + LOW7) | x | LOW7);
            self.base = self.next;
            self.next += 8;
        }
        let i = self.base + (self.found.trailing_zeros() / 8) as usize;
        self.found &= self.found - 1;
        Some(i)
    }
}

/// Splits a record by RFC 4180 rules: a field that starts with `"` runs to
/// the matching `"`, with `""` for a quote inside; anything else runs to
/// the next delimiter.
pub(super) fn split_quoted(record: &[u8], delim: u8) -> Vec<Vec<u8>> {
    let mut fields = Vec::new();
    let mut field = Vec::new();
    let mut quoted = false;
    // Whether nothing of the current field has been read: only there does
    // a quote open a quoted field.
    let mut fresh = true;
    let mut i = 0;
    while i < record.len() {
        let b = record[i];
        i += 1;
        if quoted {
            if b != b'"' {
                field.push(b);
            } else if record.get(i) == Some(&b'"') {
                field.push(b'"');
                i += 1;
            } else {
                quoted = false;
            }
        } else if b == delim {
            fields.push(std::mem::take(&mut field));
            fresh = true;
            continue;
        } else if b == b'"' && fresh {
            quoted = true;
        } else {
            field.push(b);
        }
        fresh = false;
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use memchr::memchr_iter;

    #[test]
    fn splits_quoted_fields() {
        let f = split_quoted(
            br#"a,"b,c","d""e",,"x
y""#,
            b',',
        );
        assert_eq!(
            f,
            vec![
                b"a".to_vec(),
                b"b,c".to_vec(),
                b"d\"e".to_vec(),
                vec![],
                b"x\ny".to_vec()
            ]
        );
    }

    #[test]
    fn finds_every_delimiter() {
        let line = b"a,,-1.5,\xff,,x,\x2d,0123456789abcdef,,";
        for len in 0..=line.len() {
            for d in [b',', b'\t', b'-', b'x'] {
                let got: Vec<usize> = Delims::new(&line[..len], d).collect();
                let want: Vec<usize> = memchr_iter(d, &line[..len]).collect();
                assert_eq!(got, want, "{len} {d}");
            }
        }
    }

    #[test]
    fn finds_two_fields() {
        assert_eq!(
            two_fields(b"x,1.5,2.5,y", b',', 2, 1),
            (Some(&b"2.5"[..]), Some(&b"1.5"[..]), 4)
        );
        assert_eq!(
            two_fields(b"1,2,,x,", b',', 0, 1),
            (Some(&b"1"[..]), Some(&b"2"[..]), 5)
        );
        assert_eq!(
            two_fields(b"1,2", b',', 0, 1),
            (Some(&b"1"[..]), Some(&b"2"[..]), 2)
        );
        assert_eq!(two_fields(b"1", b',', 0, 1), (Some(&b"1"[..]), None, 1));
    }
}
