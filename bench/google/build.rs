//! Builds the C++ shim against Google's s2geometry when `S2_GOOGLE_DIR` names
//! the `s2geometry` directory of the PyPI wheel (it holds `include/` and
//! `lib64/`). Without it, nothing is compiled and the crate is a stub.
//!
//! Linking: libs2.a and the abseil archives depend on each other in cycles.
//! `cargo:rustc-link-arg=-Wl,--start-group` would apply only to this package's
//! own targets, not to the benches of the crate that depends on it, so instead
//! the shim, libs2.a and every libabsl_*.a are merged into one archive (GNU ld
//! rescans a single archive until no new symbol resolves, which is what a group
//! does) and linked unbundled, so it lands on the final link line once.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn main() {
    println!("cargo::rustc-check-cfg=cfg(s2_google)");
    println!("cargo::rerun-if-env-changed=S2_GOOGLE_DIR");
    println!("cargo::rerun-if-env-changed=S2_GOOGLE_CXXFLAGS");
    println!("cargo::rerun-if-changed=shim/shim.cc");
    println!("cargo::rerun-if-changed=shim/cell.cc");
    println!("cargo::rerun-if-changed=build.rs");

    let Some(dir) = env::var_os("S2_GOOGLE_DIR").filter(|d| !d.is_empty()) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let include = dir.join("include");
    let lib = ["lib64", "lib"]
        .iter()
        .map(|l| dir.join(l))
        .find(|l| l.join("libs2.a").is_file())
        .unwrap_or_else(|| {
            panic!(
                "S2_GOOGLE_DIR={} has no lib64/libs2.a or lib/libs2.a; point it at the \
                 s2geometry directory of the wheel (pip install s2geometry==0.14.0)",
                dir.display()
            )
        });
    assert!(
        include.join("s2/s2cell_id.h").is_file(),
        "S2_GOOGLE_DIR={} has no include/s2/s2cell_id.h",
        dir.display()
    );
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));

    // shim.cc once; the timed loops of cell.cc twice, at baseline x86-64
    // (s2g_*) and for this CPU (s2gn_*).
    let base = |file: &str| {
        let mut build = cc::Build::new();
        build
            .cpp(true)
            .file(file)
            .include(&include)
            .flag("-std=c++17")
            .opt_level(3)
            .debug(false)
            // The wheel's library is a Release build; its inline header
            // functions (parent, contains, ...) must not run ABSL_DCHECKs
            // in the shim either.
            .define("NDEBUG", None)
            .warnings(false)
            .cargo_metadata(false);
        build
    };
    let extra: Vec<String> = env::var("S2_GOOGLE_CXXFLAGS")
        .map(|f| f.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    let mut shim = base("shim/shim.cc");
    let mut cell = base("shim/cell.cc");
    for f in &extra {
        shim.flag(f);
        cell.flag(f);
    }
    shim.compile("s2google_shim");
    cell.compile("s2google_cell");
    base("shim/cell.cc")
        .flag("-march=native")
        .define("S2G_PREFIX", "s2gn_")
        .compile("s2google_cell_native");

    let mut archives = vec![
        out.join("libs2google_shim.a"),
        out.join("libs2google_cell.a"),
        out.join("libs2google_cell_native.a"),
        lib.join("libs2.a"),
    ];
    let mut absl: Vec<PathBuf> = fs::read_dir(&lib)
        .expect("read lib dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("libabsl_") && p.extension().is_some_and(|e| e == "a")
        })
        .collect();
    absl.sort();
    assert!(!absl.is_empty(), "no libabsl_*.a in {}", lib.display());
    archives.extend(absl);
    merge_archives(&out.join("libs2google_all.a"), &archives);

    println!("cargo::rustc-link-search=native={}", out.display());
    println!("cargo::rustc-link-lib=static:-bundle=s2google_all");
    println!("cargo::rustc-link-lib=dylib=stdc++");
    println!("cargo::rustc-cfg=s2_google");
    println!("cargo::rustc-env=S2_GOOGLE_DIR_USED={}", dir.display());
}

/// `ar -M` (MRI script) keeps members with the same name from different
/// archives, unlike extracting and re-adding object files.
fn merge_archives(dest: &Path, inputs: &[PathBuf]) {
    let _ = fs::remove_file(dest);
    let mut script = format!("create {}\n", dest.display());
    for a in inputs {
        let _ = writeln!(script, "addlib {}", a.display());
    }
    script.push_str("save\nend\n");
    let ar = env::var("AR").unwrap_or_else(|_| "ar".into());
    let mut child = Command::new(&ar)
        .arg("-M")
        .stdin(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {ar}: {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("write MRI script");
    let status = child.wait().expect("wait for ar");
    assert!(
        status.success(),
        "{ar} -M failed merging the s2/abseil archives"
    );
}
