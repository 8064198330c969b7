//! Helpers shared by the CLI tests: the binary, the sample files, and the
//! cells the library computes for them.
#![allow(dead_code)]

use assert_cmd::Command;
use s2cells::CellId;

/// The `s2cells` binary, run in the repository root so `data/...` paths
/// work as in the README.
pub fn s2cells() -> Command {
    let mut cmd = Command::cargo_bin("s2cells").expect("the s2cells binary");
    cmd.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    cmd
}

/// A file of the repository, read whole.
pub fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR")))
        .expect("sample file")
}

/// Runs the command, asserts success, and returns stdout.
pub fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run s2cells");
    assert!(
        out.status.success(),
        "status {:?}, stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The cells of data/cells.txt, as the library parses them.
pub fn sample_cells() -> Vec<CellId> {
    read("data/cells.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| CellId::from_token(l).expect("valid sample token"))
        .collect()
}

/// Tokens, one per line, as the CLI writes them.
pub fn token_lines(cells: &[CellId]) -> String {
    cells
        .iter()
        .map(|c| format!("{}\n", c.to_token()))
        .collect()
}

/// Sorted and deduplicated.
pub fn sorted(mut cells: Vec<CellId>) -> Vec<CellId> {
    cells.sort_unstable();
    cells.dedup();
    cells
}
