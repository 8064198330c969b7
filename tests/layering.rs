//! The library's layers point one way (ARCHITECTURE.md): each module of
//! `src/` may use only the modules below it, through `crate::` paths,
//! root re-exports (`crate::Point` is `geom`'s) or `super::` paths that
//! leave it. This test reads every source file and checks its code (not
//! its comments) against the table below; `a_back_import_is_caught` shows
//! that it fails on one. `S2CELLS_LAYERING_SRC=<dir>/src` checks another
//! checkout's sources instead.
//!
//! It also checks that no module outside `cell` builds a `CellId` from
//! raw bits (`CellId(...)`): ids are made and checked by `cell` alone.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first: a module may use its own layer's module and
/// every layer below. `feature` and `io` share a layer and may not use
/// each other. `error` (the top-level error) and `lib` sit above all.
const LAYERS: &[(&str, u8)] = &[
    ("geom", 0),
    ("cell", 1),
    ("region", 2),
    ("coverer", 3),
    ("feature", 4),
    ("io", 4),
    ("error", 5),
    ("lib", 5),
];

/// Test-only helpers any module may use.
const ANYWHERE: &[&str] = &["test_rng"];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, l)| l)
}

/// Whether `from` may use `to`.
fn allowed(from: &str, to: &str) -> bool {
    if from == to || ANYWHERE.contains(&to) {
        return true;
    }
    match (layer(from), layer(to)) {
        (Some(a), Some(b)) => b < a,
        // A module not in the table is an error of the table, not allowed.
        _ => false,
    }
}

/// The code of a Rust source: comments (line, doc and block) removed and
/// the contents of string and char literals blanked, so that neither
/// counts as a use.
fn code(source: &str) -> String {
    let b = source.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &source[i..];
        if rest.starts_with("//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |e| e + 2);
        } else if let Some(len) = raw_string(rest) {
            out.push(b'"');
            out.extend(std::iter::repeat_n(b' ', len - 2));
            out.push(b'"');
            i += len;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            out.push(b'"');
            out.extend(std::iter::repeat_n(b' ', j.min(b.len()) - i - 1));
            out.push(b'"');
            i = j + 1;
        } else if let Some(len) = char_literal(rest) {
            out.extend(std::iter::repeat_n(b' ', len));
            i += len;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The length of a raw string literal (`r"…"`, `r#"…"#`, `br#"…"#`) at the
/// start of `s`.
fn raw_string(s: &str) -> Option<usize> {
    let body = s.strip_prefix("br").or_else(|| s.strip_prefix('r'))?;
    let hashes = body.bytes().take_while(|&c| c == b'#').count();
    let open = body[hashes..].strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    let end = open.find(&close)?;
    Some(s.len() - open.len() + end + close.len())
}

/// The length of a char literal (`'a'`, `'"'`, `'\''`, `'\u{1e}'`) at the
/// start of `s`; `None` for a lifetime.
fn char_literal(s: &str) -> Option<usize> {
    let body = s.strip_prefix('\'')?;
    if let Some(esc) = body.strip_prefix('\\') {
        let end = esc.get(1..)?.find('\'')? + 1;
        return Some(2 + end + 1);
    }
    let c = body.chars().next()?;
    body[c.len_utf8()..]
        .starts_with('\'')
        .then_some(1 + c.len_utf8() + 1)
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The first segments of the paths in a `use` tree or path that starts at
/// `rest` (just after `crate::`): `Point` for `Point`, `cell` for
/// `cell::CellId`, and `Cap`, `region` for `{Cap, region::Loop}`.
fn first_segments(rest: &str) -> Vec<String> {
    let rest = rest.trim_start();
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 1;
        let mut end = group.len();
        for (k, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = k;
                        break;
                    }
                }
                _ => {}
            }
        }
        let inner = &group[..end];
        // Split at top-level commas.
        let mut parts = Vec::new();
        let (mut depth, mut start) = (0, 0);
        for (k, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&inner[start..k]);
                    start = k + 1;
                }
                _ => {}
            }
        }
        parts.push(&inner[start..]);
        return parts
            .into_iter()
            .filter_map(|p| {
                let p = p.trim();
                let name: String = p.chars().take_while(|&c| is_ident(c)).collect();
                (!name.is_empty() && name != "self").then_some(name)
            })
            .collect();
    }
    let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
    if name.is_empty() { vec![] } else { vec![name] }
}

/// The modules of the crate's root re-exports (`pub use cell::{Cell, ..}`
/// in lib.rs): `Cell` -> `cell`.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    let lib = code(lib);
    for stmt in lib.split(';') {
        let stmt = stmt.trim();
        let Some(path) = stmt.strip_prefix("pub use ") else {
            continue;
        };
        let module: String = path.chars().take_while(|&c| is_ident(c)).collect();
        let rest = &path[module.len()..];
        let Some(rest) = rest.strip_prefix("::") else {
            continue;
        };
        for name in first_segments(rest) {
            map.insert(name, module.clone());
        }
    }
    map
}

/// The crate modules a file's code uses, with the text that uses each.
/// `file_module` is the file's module path (`["geom", "rect"]` for
/// src/geom/rect/boundary.rs's parent); `reexports` resolves root names.
fn used_modules(
    source: &str,
    file_module: &[String],
    reexports: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let code = code(source);
    let mut used = Vec::new();
    let mut resolve = |segments: Vec<String>, what: String| {
        for seg in segments {
            let module = if layer(&seg).is_some() || ANYWHERE.contains(&seg.as_str()) {
                seg
            } else if let Some(m) = reexports.get(&seg) {
                m.clone()
            } else {
                // A crate-root item that is not a module or a re-export:
                // only lib.rs defines those.
                "lib".to_owned()
            };
            used.push((module, what.clone()));
        }
    };
    for (k, _) in code.match_indices("crate::") {
        let before = code[..k].chars().next_back();
        if before.is_some_and(|c| is_ident(c) || c == ':') {
            continue; // `$crate::`, `s2cells::crate::` and the like
        }
        let rest = &code[k + "crate::".len()..];
        let what: String = rest.chars().take(60).take_while(|&c| c != '\n').collect();
        resolve(first_segments(rest), format!("crate::{what}"));
    }
    // `super::` chains that climb to the crate root. Inside an inline
    // `mod tests { .. }` the first `super` only leaves that module.
    let inline = inline_modules(&code);
    for (k, _) in code.match_indices("super::") {
        let before = code[..k].chars().next_back();
        if before.is_some_and(|c| is_ident(c) || c == ':') {
            continue; // the second `super::` of a chain
        }
        let mut rest = &code[k..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        let depth = inline.iter().filter(|r| r.contains(&k)).count();
        if ups >= file_module.len() + depth {
            let what: String = code[k..]
                .chars()
                .take(60)
                .take_while(|&c| c != '\n')
                .collect();
            resolve(first_segments(rest), what);
        }
    }
    used
}

/// The byte ranges of the inline modules (`mod name { .. }`) of code
/// whose literals and comments are blanked.
fn inline_modules(code: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for (k, _) in code.match_indices("mod ") {
        if code[..k].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let after = &code[k + 4..];
        let name_len = after.chars().take_while(|&c| is_ident(c)).count();
        let Some(open) = after[name_len..].trim_start().strip_prefix('{') else {
            continue; // `mod name;`
        };
        let start = code.len() - open.len();
        let mut depth = 1;
        let end = open
            .char_indices()
            .find_map(|(j, c)| {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(start + j)
            })
            .unwrap_or(code.len());
        out.push(start..end);
    }
    out
}

/// The problems of one file: uses of modules its module may not use, and
/// raw `CellId(` outside `cell`.
fn violations(
    path: &str,
    source: &str,
    file_module: &[String],
    reexports: &BTreeMap<String, String>,
) -> Vec<String> {
    let top = file_module.first().map_or("lib", String::as_str);
    let mut out = Vec::new();
    for (module, what) in used_modules(source, file_module, reexports) {
        if !allowed(top, &module) {
            out.push(format!(
                "{path}: `{top}` uses `{module}` ({what}), which is not below it"
            ));
        }
    }
    if top != "cell" {
        let code = code(source);
        for (k, _) in code.match_indices("CellId(") {
            let before = code[..k].chars().next_back();
            if !before.is_some_and(is_ident) {
                out.push(format!(
                    "{path}: builds a CellId from raw bits outside `cell`"
                ));
            }
        }
    }
    out
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path whose items a file's `super::` refers to from inside
/// it: `["geom", "rect"]` for src/geom/rect/boundary.rs, `["geom"]` for
/// src/geom/rect.rs and src/geom/mod.rs, `[]` for src/lib.rs.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    let file = parts.pop().unwrap_or_default();
    if file != "mod" && file != "lib" && parts.is_empty() {
        // src/error.rs, src/test_rng.rs: a root module of their own.
        parts.push(file);
    } else if file != "mod" && file != "lib" {
        parts.push(file);
    }
    parts
}

/// This crate's `src/`, or the tree named by `S2CELLS_LAYERING_SRC` (to
/// check another checkout without building it).
fn source_dir() -> PathBuf {
    std::env::var_os("S2CELLS_LAYERING_SRC").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        PathBuf::from,
    )
}

#[test]
fn layers_point_one_way() {
    let src = source_dir();
    let lib = fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let reexports = root_reexports(&lib);
    assert!(
        reexports.get("Point").map(String::as_str) == Some("geom")
            && reexports.get("CellId").map(String::as_str) == Some("cell")
            && reexports.get("Error").map(String::as_str) == Some("error"),
        "lib.rs re-exports not understood: {reexports:?}"
    );
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "found only {} files", files.len());
    let mut problems = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let module = module_of(rel);
        let source = fs::read_to_string(f).expect("readable");
        problems.extend(violations(
            &rel.display().to_string(),
            &source,
            &module,
            &reexports,
        ));
    }
    assert!(
        problems.is_empty(),
        "imports that run back up (see ARCHITECTURE.md):\n{}",
        problems.join("\n")
    );
}

/// The checker on files that break the rules, so that its passing on the
/// crate means something.
#[test]
fn a_back_import_is_caught() {
    let reexports = root_reexports(
        "pub use cell::{Cell, CellId};\npub use error::Error;\npub use geom::{\n    LatLng, Point,\n};",
    );
    let m = |s: &[&str]| s.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    let geom = m(&["geom"]);
    // Through a module path, a root re-export, a group, a nested group.
    for bad in [
        "use crate::cell::CellId;",
        "use crate::Cell;",
        "use crate::{LatLng, Cell};",
        "use crate::{Point, region::{Loop, Polygon}};",
        "fn f() -> crate::coverer::RegionCoverer { todo!() }",
        "use crate::Error;",
    ] {
        let v = violations("geom/x.rs", bad, &geom, &reexports);
        assert_eq!(v.len(), 1, "{bad}: {v:?}");
    }
    // `super::` climbing out of geom/rect into cell; inside an inline
    // module, one more `super` is needed to climb as far.
    let v = violations(
        "geom/mod.rs",
        "mod tests { use super::remainder; }",
        &m(&["geom"]),
        &reexports,
    );
    assert!(v.is_empty(), "{v:?}");
    let v = violations(
        "geom/mod.rs",
        "mod tests { use super::super::cell::Cell; }",
        &m(&["geom"]),
        &reexports,
    );
    assert_eq!(v.len(), 1, "{v:?}");
    let v = violations(
        "geom/rect/x.rs",
        "use super::super::super::cell::CellId;",
        &m(&["geom", "rect"]),
        &reexports,
    );
    assert_eq!(v.len(), 1, "{v:?}");
    // Siblings: io may not use feature.
    let v = violations(
        "io/x.rs",
        "use crate::feature::keys::point_key;",
        &m(&["io"]),
        &reexports,
    );
    assert_eq!(v.len(), 1, "{v:?}");
    // A raw id outside cell.
    let v = violations(
        "coverer/x.rs",
        "let id = CellId(5);",
        &m(&["coverer"]),
        &reexports,
    );
    assert_eq!(v.len(), 1, "{v:?}");
    // What is allowed: down, within, in comments and literals, the test
    // helper.
    for good in [
        "use crate::{LatLng, Point};\nuse super::Point;",
        "// use crate::cell::CellId;\n/// [`Cell`](crate::Cell)\nfn f() {}",
        "/* crate::region */ #[cfg(test)]\nuse crate::test_rng::next;",
        "let s = \"crate::cell \\\" crate::io\"; let c = '\"'; let d = '\\'';",
        "let r = r#\"{\"a\": \"crate::cell\"}\"#; fn f<'a>(x: &'a str) -> &'a str { x }",
    ] {
        let v = violations("geom/x.rs", good, &geom, &reexports);
        assert!(v.is_empty(), "{good}: {v:?}");
    }
    // Literals are blanked, not the code after them.
    let v = violations(
        "geom/x.rs",
        "let c = '\"'; let s = \"x\"; use crate::cell::Cell;",
        &geom,
        &reexports,
    );
    assert_eq!(v.len(), 1, "{v:?}");
    // The top layer may use anything; nothing may use it.
    assert!(
        violations(
            "error.rs",
            "use crate::io::ParseError;",
            &m(&["error"]),
            &reexports
        )
        .is_empty()
    );
    assert_eq!(
        violations(
            "cell/x.rs",
            "use crate::error::Error;",
            &m(&["cell"]),
            &reexports
        )
        .len(),
        1
    );
}
