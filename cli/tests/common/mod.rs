//! Helpers shared by the CLI tests: the binary, the sample files, and the
//! cells the library computes for them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use s2cells::CellId;

/// The `s2cells` binary, run in the repository root so `data/...` paths
/// work as in the README.
pub(crate) fn s2cells() -> Command {
    let mut cmd = Command::cargo_bin("s2cells").expect("the s2cells binary");
    cmd.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    cmd
}

/// A file of the repository, read whole.
pub(crate) fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR")))
        .expect("sample file")
}

/// Runs the command, asserts success, and returns stdout.
pub(crate) fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run s2cells");
    assert!(
        out.status.success(),
        "status {:?}, stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs the command, expecting exit `status`, an error line on stderr
/// containing `message`, and no panic.
pub(crate) fn assert_fails(cmd: &mut Command, status: i32, message: &str) {
    let what = format!("{cmd:?}");
    let out = cmd.output().expect("run s2cells");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(status), "{what}: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains(message), "{what}: {stderr}");
    assert!(!stderr.contains("panicked"));
}

/// Runs `s2cells` with `args`, as [`assert_fails`].
pub(crate) fn fails(args: &[&str], status: i32, message: &str) {
    assert_fails(s2cells().args(args), status, message);
}

/// The cells of data/cells.txt, as the library parses them.
pub(crate) fn sample_cells() -> Vec<CellId> {
    read("data/cells.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| CellId::from_token(l).expect("valid sample token"))
        .collect()
}

/// Tokens, one per line, as the CLI writes them.
pub(crate) fn token_lines(cells: &[CellId]) -> String {
    cells.iter().map(|c| c.to_token() + "\n").collect()
}

/// Sorted and deduplicated.
pub(crate) fn sorted(mut cells: Vec<CellId>) -> Vec<CellId> {
    cells.sort_unstable();
    cells.dedup();
    cells
}

/// One region of a sample GeoJSON file as the library reads it: index, id,
/// properties and the region.
pub(crate) struct LibRegion {
    pub(crate) index: usize,
    pub(crate) id: Option<serde_json::Value>,
    pub(crate) properties: Option<serde_json::Map<String, serde_json::Value>>,
    pub(crate) region: s2cells::io::GeoRegion,
}

/// The regions of a sample file, read with the library (features without
/// a geometry skipped, as the CLI skips them).
pub(crate) fn lib_regions(path: &str, lenient: bool) -> Vec<LibRegion> {
    use s2cells::io::{GeoJsonReader, GeoRegion, RegionOptions};
    let options = RegionOptions {
        lenient,
        ..RegionOptions::default()
    };
    let text = read(path);
    GeoJsonReader::new(text.as_bytes())
        .map(|f| f.expect("sample feature"))
        .filter_map(|f| {
            let g = f.geometry.as_ref()?;
            Some(LibRegion {
                index: f.index,
                region: GeoRegion::from_geometry(f.index, g, options).expect("sample region"),
                id: f.id,
                properties: f.properties,
            })
        })
        .collect()
}

/// A temporary path named `name` (the CLI reads formats from extensions
/// and errors name the file), alone in a fresh directory that is removed
/// with everything in it when this is dropped, pass or fail; each has its
/// own directory, so tests running in parallel never share a file.
pub(crate) struct TempFile {
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl TempFile {
    /// The path, which nothing has created yet (for an output).
    pub(crate) fn new(name: &str) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("s2cells-cli-tests-")
            .tempdir()
            .expect("temp dir");
        Self {
            path: dir.path().join(name),
            _dir: dir,
        }
    }

    /// The path as a `&str`, for argument lists.
    pub(crate) fn str(&self) -> &str {
        self.path.to_str().expect("UTF-8 temp path")
    }
}

impl std::ops::Deref for TempFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for TempFile {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<std::ffi::OsStr> for TempFile {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.path.as_os_str()
    }
}

/// A temporary file named `name` holding `text` (see [`TempFile`]).
pub(crate) fn temp_file(name: &str, text: &str) -> TempFile {
    let file = TempFile::new(name);
    std::fs::write(&file.path, text).expect("temp file");
    file
}
