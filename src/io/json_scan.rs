//! Splits a stream of JSON texts into values without reading any text
//! whole that need not be: a FeatureCollection's `features` array is
//! handed out one element at a time, so memory is bounded by the largest
//! feature, not the file.
//!
//! A small byte scanner tracks nesting depth, strings and escapes to find
//! where each value ends, and `serde_json::from_slice` parses just those
//! bytes. The scanner checks no syntax itself: serde does, on the bytes
//! the scanner delimited, and its error positions are moved to the input's
//! line and column. Only the punctuation of a streamed `features` array is
//! checked here, with serde's own messages (``expected `,` or `]` ``,
//! `trailing comma`, `EOF while parsing a list`). Checked against the
//! whole-document reader this replaced on 15,587 inputs (the fuzz corpus,
//! a fuzz run's finds, every truncation and one-byte corruption of a
//! sample collection): the same features and the same error at the same
//! line and column, except where the streaming itself must differ
//! (features before the error are handed out; an object with a
//! `features` array before any `type` is read as a collection). serde's
//! nesting limit (128) now counts from each feature, not the document.
//! Its memory and time against that reader: BENCHMARKS.md, "Reading
//! GeoJSON"; `tests/geojson_stream_memory.rs` holds the heap bound.

use std::io::BufRead;

use serde_json::Value;

use super::ParseError;

/// What the scanner hands out.
pub(crate) enum Text {
    /// A whole JSON text: a Feature, a Geometry, or anything that is not a
    /// FeatureCollection whose `features` array could be streamed.
    Whole(Value),
    /// One element of a streamed FeatureCollection's `features` array.
    Member(Value),
    /// A streamed collection ended, and its `type` (as found, `None` when
    /// absent) is not `"FeatureCollection"`: the `features` array came
    /// before any `type`, so its elements went out before this was known.
    NotACollection(Option<Value>),
}

/// The JSON texts of an input, one at a time.
pub(crate) struct JsonTexts<R: BufRead> {
    input: R,
    /// Line of the last byte consumed, from 1.
    line: usize,
    /// Bytes consumed on that line (so the next byte is at `col + 1`).
    col: usize,
    /// The bytes of the value being read.
    buf: Vec<u8>,
    state: Where,
}

enum Where {
    /// Between top-level texts.
    Between,
    /// Inside a FeatureCollection's `features` array (`first`: before its
    /// first element). `ty` is the collection's `type`, if it came before.
    Features { first: bool, ty: Option<Value> },
    /// After the array, before the collection's closing brace.
    AfterFeatures { ty: Option<Value> },
}

/// How a scan ended.
enum End {
    /// The value is complete.
    Complete,
    /// The input ended first (serde reports what was missing).
    Eof,
    /// At the `[` of a top-level object's `features` member (not consumed).
    FeaturesArray,
}

/// Where a scan is in a top-level object's members, to spot `"features": [`.
#[derive(Clone, Copy)]
enum Member {
    /// A key may come next.
    Key,
    /// In a key that starts at this offset of the buffer.
    InKey(usize),
    /// After a key (`true`: it was `"features"`).
    AfterKey(bool),
    /// After the colon.
    Value(bool),
    /// In or after a value.
    Other,
}

struct Scan {
    depth: usize,
    in_str: bool,
    /// Escape bytes still to come in a string: [`ESCAPE`] right after a
    /// backslash, then 4 to 1 for the hex digits of `\u`, which serde
    /// reads as four bytes whatever they are (a `"` among them does not
    /// end the string).
    esc: u8,
    /// `Some` while scanning a top-level object, to find `features`.
    member: Option<Member>,
}

impl Scan {
    fn new(depth: usize, member: Option<Member>) -> Self {
        Self {
            depth,
            in_str: false,
            esc: 0,
            member,
        }
    }
}

/// [`Scan::esc`] right after a backslash.
const ESCAPE: u8 = u8::MAX;

/// Parses one value's bytes. On an error the bytes are parsed again as a
/// reader, whose positions count the byte serde peeked at, as the
/// streaming parser this replaced reported them (number out of range
/// one column on); the fast slice parser is used when all is well.
fn parse(bytes: &[u8]) -> Result<Value, serde_json::Error> {
    serde_json::from_slice(bytes).map_err(|e| {
        serde_json::from_reader::<_, Value>(bytes)
            .err()
            .unwrap_or(e)
    })
}

/// JSON's white space.
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\t' | b'\r')
}

/// Bytes that end a number or literal.
fn is_delimiter(b: u8) -> bool {
    is_ws(b) || matches!(b, b',' | b':' | b'[' | b']' | b'{' | b'}' | b'"')
}

/// A `serde_json` error in a slice that starts with `skip` bytes of our own
/// (no line breaks) before input bytes that begin at `line`, `column`, as
/// a syntax error at the input's line and column.
pub(crate) fn syntax_at(
    e: &serde_json::Error,
    line: usize,
    column: usize,
    skip: usize,
) -> ParseError {
    if e.is_io() {
        return ParseError::ReadFailed {
            reason: e.to_string(),
        };
    }
    let message = e.to_string();
    // serde_json appends " at line L column C" to its message; the position
    // is recomputed against the whole input below.
    let reason = match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    };
    let (l, c) = (e.line().max(1), e.column());
    ParseError::GeoJsonSyntax {
        line: line + l - 1,
        column: if l == 1 {
            (column + c).saturating_sub(1 + skip)
        } else {
            c
        },
        reason,
    }
}

impl<R: BufRead> JsonTexts<R> {
    /// The texts of `input`, whose next byte is at `line`, `column`.
    pub(crate) fn new(input: R, line: usize, column: usize) -> Self {
        Self {
            input,
            line,
            col: column.saturating_sub(1),
            buf: Vec::new(),
            state: Where::Between,
        }
    }

    /// Line and column of the next byte.
    fn next_pos(&self) -> (usize, usize) {
        (self.line, self.col + 1)
    }

    /// A syntax error at the last byte consumed (as serde places them).
    fn here(&self, reason: &str) -> ParseError {
        ParseError::GeoJsonSyntax {
            line: self.line,
            column: self.col,
            reason: reason.to_owned(),
        }
    }

    fn fill(&mut self) -> Result<&[u8], ParseError> {
        self.input.fill_buf().map_err(|e| ParseError::ReadFailed {
            reason: e.to_string(),
        })
    }

    /// Moves the position over `n` bytes of the input's buffer and
    /// consumes them (appending them to `self.buf` if `keep`).
    fn take(&mut self, n: usize, keep: bool) -> Result<(), ParseError> {
        let bytes = self.input.fill_buf().map_err(|e| ParseError::ReadFailed {
            reason: e.to_string(),
        })?;
        let bytes = &bytes[..n.min(bytes.len())];
        match bytes.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.line += bytes.iter().filter(|&&b| b == b'\n').count();
                self.col = bytes.len() - last - 1;
            }
            None => self.col += bytes.len(),
        }
        if keep {
            self.buf.extend_from_slice(bytes);
        }
        let n = bytes.len();
        self.input.consume(n);
        Ok(())
    }

    fn skip_ws(&mut self) -> Result<Option<u8>, ParseError> {
        loop {
            let buf = self.fill()?;
            let n = buf.iter().take_while(|&&b| is_ws(b)).count();
            let next = buf.get(n).copied();
            let empty = buf.is_empty();
            self.take(n, false)?;
            if next.is_some() || empty {
                return Ok(next);
            }
        }
    }

    /// Scans the value that `scan` is in, appending its bytes to the
    /// buffer, until it is complete, the input ends, or (for a top-level
    /// object) a `features` array starts.
    fn scan(&mut self, st: &mut Scan) -> Result<End, ParseError> {
        loop {
            let base = self.buf.len();
            let input = self.input.fill_buf().map_err(|e| ParseError::ReadFailed {
                reason: e.to_string(),
            })?;
            if input.is_empty() {
                return Ok(End::Eof);
            }
            let mut end = None;
            for (i, &b) in input.iter().enumerate() {
                if st.in_str {
                    if st.esc == ESCAPE {
                        st.esc = if b == b'u' { 4 } else { 0 };
                    } else if st.esc > 0 {
                        st.esc -= 1;
                    } else if b == b'\\' {
                        st.esc = ESCAPE;
                    } else if b == b'"' {
                        st.in_str = false;
                        if st.depth == 0 {
                            end = Some((i + 1, End::Complete));
                            break;
                        }
                        if st.depth == 1
                            && let Some(Member::InKey(start)) = st.member
                        {
                            // The key's bytes: part may be in the buffer
                            // already, the rest in this chunk.
                            let key_len = base + i + 1 - start;
                            let is_features = key_len == 10 && {
                                let mut key = Vec::with_capacity(10);
                                key.extend_from_slice(&self.buf[start.min(base)..]);
                                key.extend_from_slice(&input[start.saturating_sub(base)..=i]);
                                key == b"\"features\""
                            };
                            st.member = Some(Member::AfterKey(is_features));
                        }
                    }
                    continue;
                }
                if st.depth == 1
                    && let Some(m) = st.member
                {
                    st.member = Some(match (m, b) {
                        (Member::Key, b'"') => Member::InKey(base + i),
                        (Member::AfterKey(f), b':') => Member::Value(f),
                        (_, b',') => Member::Key,
                        (m, b) if is_ws(b) => m,
                        (Member::Value(true), b'[') => {
                            end = Some((i, End::FeaturesArray));
                            break;
                        }
                        _ => Member::Other,
                    });
                }
                match b {
                    b'"' => st.in_str = true,
                    b'{' | b'[' => {
                        st.depth += 1;
                        if st.depth == 1 && st.member.is_some() {
                            st.member = Some(Member::Key);
                        }
                    }
                    b'}' | b']' => {
                        st.depth = st.depth.saturating_sub(1);
                        if st.depth == 0 {
                            end = Some((i + 1, End::Complete));
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let (n, how) = match end {
                Some((n, how)) => (n, Some(how)),
                None => (input.len(), None),
            };
            self.take(n, true)?;
            if let Some(how) = how {
                return Ok(how);
            }
        }
    }

    /// A number or literal: its bytes (appended to the buffer), and the
    /// byte after it, if any.
    fn scalar(&mut self) -> Result<Option<u8>, ParseError> {
        loop {
            let input = self.fill()?;
            let n = input.iter().take_while(|&&b| !is_delimiter(b)).count();
            let after = input.get(n).copied();
            let empty = input.is_empty();
            self.take(n, true)?;
            if after.is_some() || empty {
                return Ok(after);
            }
        }
    }

    /// Reads one value at the current position into the buffer and parses
    /// it; a top-level object may instead stop at its `features` array.
    fn value(&mut self, top: bool) -> Result<Option<Value>, ParseError> {
        let (line, column) = self.next_pos();
        self.buf.clear();
        let first = self.fill()?.first().copied();
        let mut st = match first {
            // The `{` about to be scanned sets the member state to `Key`.
            Some(b'{') if top => Scan::new(0, Some(Member::Other)),
            Some(b'{' | b'[') => Scan::new(0, None),
            Some(b'"') => {
                self.take(1, true)?;
                let mut st = Scan::new(0, None);
                st.in_str = true;
                st
            }
            _ => {
                let after = self.scalar()?;
                return match parse(&self.buf) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) => {
                        // What serde would say reading on: the byte after
                        // the token often explains (`tru}`: expected ident).
                        let e = match after {
                            Some(b) => {
                                self.buf.push(b);
                                parse(&self.buf).err().unwrap_or(e)
                            }
                            None => e,
                        };
                        Err(syntax_at(&e, line, column, 0))
                    }
                };
            }
        };
        loop {
            match self.scan(&mut st)? {
                End::Complete | End::Eof => {
                    return parse(&self.buf)
                        .map(Some)
                        .map_err(|e| syntax_at(&e, line, column, 0));
                }
                End::FeaturesArray => {
                    // Check the members so far, and read them, by closing
                    // the object where the array would be.
                    let len = self.buf.len();
                    self.buf.extend_from_slice(b"null}");
                    let head = parse(&self.buf);
                    self.buf.truncate(len);
                    let ty = head
                        .map_err(|e| syntax_at(&e, line, column, 0))?
                        .get("type")
                        .cloned();
                    match &ty {
                        None => {}
                        Some(Value::String(s)) if s == "FeatureCollection" => {}
                        // Not a collection: the array is one more member.
                        Some(_) => {
                            st.member = Some(Member::Other);
                            continue;
                        }
                    }
                    self.take(1, false)?; // the '['
                    self.state = Where::Features { first: true, ty };
                    return Ok(None);
                }
            }
        }
    }

    /// The next text or feature, `None` at the end of the input. After an
    /// error the caller stops.
    pub(crate) fn next_text(&mut self) -> Option<Result<Text, ParseError>> {
        self.step().transpose()
    }

    fn step(&mut self) -> Result<Option<Text>, ParseError> {
        loop {
            match std::mem::replace(&mut self.state, Where::Between) {
                Where::Between => {
                    if self.skip_ws()?.is_none() {
                        return Ok(None);
                    }
                    if let Some(v) = self.value(true)? {
                        return Ok(Some(Text::Whole(v)));
                    }
                }
                Where::Features { first, ty } => {
                    let next = self.skip_ws()?;
                    match next {
                        None => return Err(self.here("EOF while parsing a list")),
                        Some(b']') => {
                            self.take(1, false)?;
                            self.state = Where::AfterFeatures { ty };
                            continue;
                        }
                        Some(b',') if !first => {
                            self.take(1, false)?;
                            match self.skip_ws()? {
                                None => return Err(self.here("EOF while parsing a value")),
                                Some(b']') => {
                                    self.take(1, false)?;
                                    return Err(self.here("trailing comma"));
                                }
                                Some(_) => {}
                            }
                        }
                        Some(_) if first => {}
                        Some(_) => {
                            self.take(1, false)?;
                            return Err(self.here("expected `,` or `]`"));
                        }
                    }
                    let v = self.value(false)?;
                    self.state = Where::Features { first: false, ty };
                    if let Some(v) = v {
                        return Ok(Some(Text::Member(v)));
                    }
                }
                Where::AfterFeatures { ty } => {
                    // The members after the array, checked and read as an
                    // object that starts with a stand-in member.
                    const STAND_IN: &[u8] = b"{\"f\":[]";
                    let (line, column) = self.next_pos();
                    self.buf.clear();
                    self.buf.extend_from_slice(STAND_IN);
                    self.scan(&mut Scan::new(1, None))?;
                    let tail: Value = parse(&self.buf)
                        .map_err(|e| syntax_at(&e, line, column, STAND_IN.len()))?;
                    let ty = tail.get("type").cloned().or(ty);
                    if !matches!(&ty, Some(Value::String(s)) if s == "FeatureCollection") {
                        return Ok(Some(Text::NotACollection(ty)));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<Result<String, String>> {
        // As GeoJsonValues does, stop after the first error.
        let mut t = JsonTexts::new(input.as_bytes(), 1, 1);
        let mut out = Vec::new();
        while let Some(r) = t.next_text() {
            let failed = r.is_err();
            out.push(match r {
                Ok(Text::Whole(v)) => Ok(format!("whole {v}")),
                Ok(Text::Member(v)) => Ok(format!("member {v}")),
                Ok(Text::NotACollection(v)) => Ok(format!("not a collection {v:?}")),
                Err(e) => Err(e.to_string()),
            });
            if failed {
                break;
            }
        }
        out
    }

    #[test]
    fn strings_hide_brackets_quotes_and_keys() {
        let fc =
            r#"{"x":"\"features\": [","type":"FeatureCollection","features":[{"a":"]}\\"},2]}"#;
        assert_eq!(
            texts(fc),
            [
                Ok(r#"member {"a":"]}\\"}"#.to_owned()),
                Ok("member 2".to_owned())
            ]
        );
        // `\u` takes four bytes whatever they are, as serde reads it.
        assert_eq!(
            texts("\"\\u\"\\u\u{1}"),
            [Err(
                "GeoJSON syntax error at line 1, column 7: invalid escape".to_owned()
            )]
        );
    }

    #[test]
    fn scalars_and_positions_after_line_breaks() {
        assert_eq!(
            texts("1 true\r\n\"s\"\r\n  tru}"),
            [
                Ok("whole 1".to_owned()),
                Ok("whole true".to_owned()),
                Ok("whole \"s\"".to_owned()),
                Err("GeoJSON syntax error at line 3, column 6: expected ident".to_owned())
            ]
        );
        assert_eq!(
            texts("{\"features\":[1]}"),
            [
                Ok("member 1".to_owned()),
                Ok("not a collection None".to_owned())
            ]
        );
    }
}
