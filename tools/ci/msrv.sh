#!/usr/bin/env bash
# The MSRV check: what can be checked about `rust-version` with the one
# toolchain these machines have (no other can be installed):
#
#  1. what users build from source (s2cells with every feature,
#     s2cells-cli, the Python package's s2cells-python) and
#     every crate they need to build (normal and build dependencies, not
#     dev-dependencies) declare a `rust-version` no newer than ours;
#  2. clippy's `incompatible_msrv` (denied) finds no use of a standard
#     library item stabilized after our `rust-version`, in any target of
#     the workspace.
#
# Not covered: language and Cargo features newer than `rust-version` (no
# compiler older than the installed one runs here); CONTRIBUTING.md says so.
#
#   bash tools/ci/msrv.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

msrv="$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
[[ -n "$msrv" ]] || { echo "msrv.sh: no rust-version in Cargo.toml" >&2; exit 1; }
echo "rust-version $msrv; toolchain $(rustc --version)"

meta="$(mktemp)"
trap 'rm -f "$meta"' EXIT
cargo metadata --format-version 1 --all-features --locked > "$meta"
python3 - "$meta" "$msrv" <<'PY'
import json, sys

path, msrv = sys.argv[1], sys.argv[2]


def key(v):
    parts = [int(x) for x in v.split(".")[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


# What users build from source: the library, the CLI, the Python package.
ROOTS = ("s2cells", "s2cells-cli", "s2cells-python")
m = json.load(open(path))
pkgs = {p["id"]: p for p in m["packages"]}
deps = {n["id"]: n["deps"] for n in m["resolve"]["nodes"]}
roots = [i for i, p in pkgs.items()
         if p["source"] is None and p["name"] in ROOTS]
assert len(roots) == len(ROOTS), roots
seen, todo = set(), list(roots)
while todo:
    i = todo.pop()
    if i in seen:
        continue
    seen.add(i)
    for d in deps[i]:
        if any(k["kind"] in (None, "build") for k in d["dep_kinds"]):
            todo.append(d["pkg"])
bad, unknown = [], []
for i in sorted(seen, key=lambda i: pkgs[i]["name"]):
    name, version, rv = pkgs[i]["name"], pkgs[i]["version"], pkgs[i].get("rust_version")
    if rv is None:
        unknown.append(name + " " + version)
    elif key(rv) > key(msrv):
        bad.append(name + " " + version + " needs " + rv)
print(len(seen), "crates build", ", ".join(ROOTS), "(all features);",
      len(unknown), "declare no rust-version:", ", ".join(unknown) or "none")
if bad:
    sys.exit("msrv.sh: newer than rust-version " + msrv + ": " + "; ".join(bad))
print("every declared rust-version <=", msrv)
PY

# Each crate's own rust-version applies (clippy reads it from its manifest).
# The same flags as .ci/run's clippy step, so there this is a cache hit.
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings -D clippy::incompatible_msrv
echo "clippy incompatible_msrv: no std item newer than $msrv"
