//! Reading the Google-oracle vectors (JSON Lines under `tests/data/`) and
//! collecting mismatches, for the conformance tests.
//!
//! Floats are compared to the bit, so `serde_json` is used with its
//! `float_roundtrip` feature: its default parser may round a 17-digit decimal
//! to a neighbouring double. Integers are read exactly as u64/i64.

#![allow(dead_code)]

use std::cell::Cell as StdCell;
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use proptest::prelude::*;
use s2cells::{Cell, CellContainment, CellId, Point, Region};
use serde_json::Value;

/// Absolute path of a vector file.
pub(crate) fn data_path(name: &str) -> String {
    format!("{}/tests/data/{}", env!("CARGO_MANIFEST_DIR"), name)
}

/// One parsed line of a vector file.
pub(crate) struct Rec {
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    pub v: Value,
}

fn die(r: &Rec, key: &str, what: &str) -> ! {
    panic!(
        "{}:{}: field {key:?}: {what} (bad vector file?)",
        r.file, r.line
    )
}

impl Rec {
    /// The line's tag for messages: "op", "kind" or "metric", then "case".
    pub(crate) fn tag(&self) -> String {
        let mut t = Vec::new();
        for k in ["op", "kind", "metric", "case"] {
            if let Some(Value::String(s)) = self.v.get(k) {
                t.push(s.as_str());
            }
        }
        if t.is_empty() {
            String::from("?")
        } else {
            t.join("/")
        }
    }
    pub(crate) fn has(&self, key: &str) -> bool {
        !matches!(self.v.get(key), None | Some(Value::Null))
    }
    pub(crate) fn get(&self, key: &str) -> &Value {
        match self.v.get(key) {
            Some(v) => v,
            None => die(self, key, "missing"),
        }
    }
    pub(crate) fn str(&self, key: &str) -> &str {
        match self.get(key) {
            Value::String(s) => s,
            _ => die(self, key, "expected a string"),
        }
    }
    pub(crate) fn f64(&self, key: &str) -> f64 {
        self.num(key, self.get(key))
    }
    pub(crate) fn u64(&self, key: &str) -> u64 {
        self.num(key, self.get(key))
    }
    pub(crate) fn i64(&self, key: &str) -> i64 {
        self.num(key, self.get(key))
    }
    pub(crate) fn u8(&self, key: &str) -> u8 {
        self.num(key, self.get(key))
    }
    pub(crate) fn bool(&self, key: &str) -> bool {
        match self.get(key) {
            Value::Bool(b) => *b,
            _ => die(self, key, "expected a bool"),
        }
    }
    /// An array of bools; anything else in it is a bad vector file.
    pub(crate) fn bools(&self, key: &str) -> Vec<bool> {
        self.arr(key, self.get(key))
            .iter()
            .map(|b| match b {
                Value::Bool(b) => *b,
                _ => die(self, key, &format!("expected bools, found {b}")),
            })
            .collect()
    }
    /// A number, parsed from `serde_json`'s shortest round-trip text, so that
    /// integers stay exact and floats keep their bits.
    fn num<T: std::str::FromStr>(&self, key: &str, v: &Value) -> T {
        let t = match v {
            Value::Number(n) => n.to_string(),
            _ => die(self, key, "expected a number"),
        };
        match t.parse::<T>() {
            Ok(x) => x,
            Err(_) => die(self, key, &format!("cannot parse {t:?}")),
        }
    }
    fn arr<'a>(&self, key: &str, v: &'a Value) -> &'a Vec<Value> {
        match v {
            Value::Array(a) => a,
            _ => die(self, key, "expected an array"),
        }
    }
    /// A flat array of numbers.
    pub(crate) fn f64s(&self, key: &str) -> Vec<f64> {
        self.arr(key, self.get(key))
            .iter()
            .map(|x| self.num(key, x))
            .collect()
    }
    pub(crate) fn u64s(&self, key: &str) -> Vec<u64> {
        self.arr(key, self.get(key))
            .iter()
            .map(|x| self.num(key, x))
            .collect()
    }
    pub(crate) fn i64s(&self, key: &str) -> Vec<i64> {
        self.arr(key, self.get(key))
            .iter()
            .map(|x| self.num(key, x))
            .collect()
    }
    /// An array of arrays of numbers (points, rectangles).
    pub(crate) fn f64s2(&self, key: &str) -> Vec<Vec<f64>> {
        self.arr(key, self.get(key))
            .iter()
            .map(|row| {
                self.arr(key, row)
                    .iter()
                    .map(|x| self.num(key, x))
                    .collect()
            })
            .collect()
    }
    /// A sub-object, as a record of the same line.
    pub(crate) fn obj(&self, key: &str) -> Rec {
        Rec {
            file: self.file,
            line: self.line,
            v: self.get(key).clone(),
        }
    }
}

thread_local! {
    static QUIET: StdCell<bool> = const { StdCell::new(false) };
}
static HOOK: Once = Once::new();

/// Installs (once) a panic hook that stays silent on threads running a
/// checked line, so that a library panic on many lines is reported once per
/// line in the summary instead of flooding stderr. Other threads (other
/// tests) keep the default hook.
fn install_quiet_hook() {
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                default(info);
            }
        }));
    });
}

/// Mismatches of one vector file.
pub(crate) struct Checker {
    pub file: &'static str,
    /// Lines on which at least one value was compared: a line the test
    /// skips (another record type, say) does not count toward the floor
    /// of [`finish`](Self::finish).
    pub lines: usize,
    /// Whether the current line compared anything yet.
    compared: bool,
    fails: Vec<String>,
    by_field: BTreeMap<String, usize>,
    ctx: String,
}

/// How many mismatch lines a failing test prints (env `CONFORMANCE_SHOW`).
fn show() -> usize {
    std::env::var("CONFORMANCE_SHOW")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60)
}

impl Checker {
    fn new(file: &'static str) -> Self {
        Checker {
            file,
            lines: 0,
            compared: false,
            fails: Vec::new(),
            by_field: BTreeMap::new(),
            ctx: String::new(),
        }
    }

    /// Adds the line's input, e.g. "value=0.5", to its mismatch messages.
    pub(crate) fn input(&mut self, what: impl std::fmt::Display) {
        use std::fmt::Write as _;
        let _ = write!(self.ctx, " {what}");
    }

    /// Records a mismatch of `field` on the current line. (Takes what the
    /// call sites build, an owned message.)
    #[allow(clippy::needless_pass_by_value)]
    pub(crate) fn fail(&mut self, field: &str, msg: String) {
        self.compared = true;
        *self.by_field.entry(field.to_string()).or_default() += 1;
        if self.fails.len() < 100_000 {
            self.fails
                .push(format!("{} field={field}: {msg}", self.ctx));
        }
    }

    /// Equality of anything printable; values as the call sites make them.
    #[allow(clippy::needless_pass_by_value)]
    pub(crate) fn eq<T: PartialEq + Debug>(&mut self, field: &str, expected: T, got: T) {
        self.compared = true;
        if expected != got {
            self.fail(field, format!("expected {expected:?}, got {got:?}"));
        }
    }

    /// Bit-for-bit equality of doubles (so -0.0 != 0.0).
    pub(crate) fn f64(&mut self, field: &str, expected: f64, got: f64) {
        self.compared = true;
        if expected.to_bits() != got.to_bits() {
            self.fail(
                field,
                format!("expected {expected:?}, got {got:?}{}", ulps(expected, got)),
            );
        }
    }

    /// Bit-for-bit equality of double arrays.
    pub(crate) fn f64s(&mut self, field: &str, expected: &[f64], got: &[f64]) {
        self.compared = true;
        let same = expected.len() == got.len()
            && expected
                .iter()
                .zip(got)
                .all(|(a, b)| a.to_bits() == b.to_bits());
        if !same {
            let d: Vec<String> = expected
                .iter()
                .zip(got)
                .map(|(a, b)| ulps(*a, *b))
                .filter(|s| !s.is_empty())
                .collect();
            self.fail(
                field,
                format!("expected {expected:?}, got {got:?}{}", d.join("")),
            );
        }
    }

    /// Panics (failing the test) with a summary if anything mismatched or
    /// fewer than `min_lines` lines compared anything.
    pub(crate) fn finish(self, min_lines: usize) {
        let file = self.file;
        if !self.fails.is_empty() {
            let mut s = format!(
                "{file}: {} mismatches on {} lines checked\nper field: {:?}\nfirst {}:\n",
                self.by_field.values().sum::<usize>(),
                self.lines,
                self.by_field,
                show().min(self.fails.len())
            );
            for f in self.fails.iter().take(show()) {
                s.push_str("  ");
                s.push_str(f);
                s.push('\n');
            }
            panic!("{s}");
        }
        assert!(
            self.lines >= min_lines,
            "{file}: only {} lines checked, expected at least {min_lines}",
            self.lines
        );
        eprintln!("{file}: {} lines checked, all equal to Google", self.lines);
    }
}

/// " (n ulp)" for two finite doubles of the same sign, else "".
fn ulps(a: f64, b: f64) -> String {
    if a.to_bits() == b.to_bits() || !a.is_finite() || !b.is_finite() {
        return String::new();
    }
    if (a < 0.0) != (b < 0.0) || a == 0.0 || b == 0.0 {
        return String::from(" (sign/zero differs)");
    }
    format!(
        " ({} ulp)",
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
    )
}

/// Runs `f` on every line of `tests/data/<file>`. A panic inside `f` (for
/// example a library panic on an edge case) becomes a mismatch of the field
/// "<panic>" on that line instead of ending the test.
pub(crate) fn each_line(file: &'static str, mut f: impl FnMut(&Rec, &mut Checker)) -> Checker {
    install_quiet_hook();
    let path = data_path(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {path}: {e} (run tools/oracle/generate.sh)"));
    let mut c = Checker::new(file);
    for (n, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(raw).unwrap_or_else(|e| panic!("{file}:{}: not JSON: {e}", n + 1));
        let rec = Rec {
            file,
            line: n + 1,
            v,
        };
        c.ctx = format!("{file}:{} [{}]", rec.line, rec.tag());
        c.compared = false;
        QUIET.with(|q| q.set(true));
        let r = panic::catch_unwind(AssertUnwindSafe(|| f(&rec, &mut c)));
        QUIET.with(|q| q.set(false));
        if let Err(p) = r {
            let msg = p
                .downcast_ref::<&str>()
                .map(std::string::ToString::to_string)
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| String::from("(non-string panic)"));
            c.fail("<panic>", msg);
        }
        c.lines += usize::from(c.compared);
    }
    c
}

/// Cell ids from a JSON list of u64, naming the line on a bad one.
pub(crate) fn to_ids(r: &Rec, v: &Value) -> Vec<CellId> {
    let Value::Array(a) = v else {
        panic!("{}:{}: expected an id list", r.file, r.line)
    };
    a.iter()
        .map(|x| {
            let n = x
                .as_u64()
                .unwrap_or_else(|| panic!("{}:{}: not an id", r.file, r.line));
            CellId::try_from(n).unwrap_or_else(|e| panic!("{}:{}: {e}", r.file, r.line))
        })
        .collect()
}

/// FNV-1a over the ids, as the generators hash large coverings.
pub(crate) fn fnv(ids: &[CellId]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for id in ids {
        h ^= id.id();
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// Compares a covering with the vector's list, or with its {n, hash, head}.
pub(crate) fn check_cells(r: &Rec, c: &mut Checker, field: &str, expected: &Value, got: &[CellId]) {
    match expected {
        Value::Array(_) => {
            let want = to_ids(r, expected);
            if want != got {
                let first = want.iter().zip(got).position(|(a, b)| a != b);
                c.fail(
                    field,
                    format!(
                        "expected {} cells, got {}; first difference at {first:?}",
                        want.len(),
                        got.len()
                    ),
                );
            }
        }
        Value::Object(o) => {
            let num = |k: &str| {
                o.get(k)
                    .and_then(Value::as_u64)
                    .unwrap_or_else(|| panic!("{}:{}: {field}.{k}: expected a u64", r.file, r.line))
            };
            let (n, hash) = (num("n") as usize, num("hash"));
            let head = to_ids(r, o.get("head").unwrap_or(&Value::Null));
            c.eq(&format!("{field}.n"), n, got.len());
            c.eq(
                &format!("{field}.head"),
                head.as_slice(),
                &got[..16.min(got.len())],
            );
            c.eq(&format!("{field}.hash"), hash, fnv(got));
        }
        // A null: the generator skipped this case (too large for Google).
        Value::Null => {}
        _ => panic!("{}:{}: {field}: not a covering", r.file, r.line),
    }
}

/// Walks from the face down to the leaf cell of `p`, and checks that once
/// the region answers `ContainsSubtree`, every cell below (the four
/// children at each step) is contained and answered the same; returns the
/// level of the first such answer. On the way, every answer of
/// `relate_cell` (whose fast paths decide most cells without the exact
/// tests) agrees with the two exact tests, and `relate_children` with
/// `relate_cell`.
pub(crate) fn check_subtree_promise<R: Region>(
    region: &R,
    p: &Point,
) -> Result<Option<u8>, TestCaseError> {
    let leaf = CellId::from_point(p);
    let mut first = None;
    for level in 0..=30u8 {
        let id = leaf.parent(level);
        let cell = Cell::from(id);
        let relation = region.relate_cell(&cell, true);
        prop_assert_eq!(
            relation.may_intersect(),
            region.may_intersect_cell(&cell),
            "{}",
            id
        );
        prop_assert_eq!(relation.contains(), region.contains_cell(&cell), "{}", id);
        if level < 30 {
            let children = cell.subdivide();
            for want in [false, true] {
                let one_by_one = children.map(|c| region.relate_cell(&c, want));
                prop_assert_eq!(
                    region.relate_children(&children, want),
                    one_by_one,
                    "{}",
                    id
                );
            }
        }
        let inside = relation == CellContainment::ContainsSubtree;
        if first.is_some() {
            prop_assert!(inside, "{id} below a contained subtree: {relation:?}");
        }
        if inside {
            first.get_or_insert(level);
            if level < 30 {
                for child in id.children() {
                    let cell = Cell::from(child);
                    prop_assert!(region.may_intersect_cell(&cell) && region.contains_cell(&cell));
                    prop_assert_eq!(
                        region.relate_cell(&cell, false),
                        CellContainment::ContainsSubtree
                    );
                }
            }
        }
    }
    Ok(first)
}
