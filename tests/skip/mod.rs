//! What a test does when a tool or service it needs is missing (python3
//! with numpy or pyarrow, here): it fails when `S2CELLS_NO_SKIP` is set
//! (CI sets it: there every check must run), and otherwise reports
//! `skipped (needs <what>): <test>: <why>` on the process's stderr, which
//! the test harness does not capture, so `cargo test` shows the line even
//! though the test passes, and `tools/test-all.sh` counts it. The same
//! convention holds in db-tests/ and bench/google/tests/agree.rs; see
//! CONTRIBUTING.md.

use std::io::Write as _;

/// Reports the skip, or fails under `S2CELLS_NO_SKIP`.
pub(crate) fn skipped(test: &str, needs: &str, why: &str) {
    assert!(
        std::env::var_os("S2CELLS_NO_SKIP").is_none(),
        "{test} needs {needs} and S2CELLS_NO_SKIP is set: {why}"
    );
    // One write of the whole line, so that parallel tests do not split it.
    let line = format!("skipped (needs {needs}): {test}: {why}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
}
