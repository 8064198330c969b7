#!/usr/bin/env bash
# Re-derives the constants of src/coverer/heap.rs's unit tests from
# libstdc++'s std::priority_queue (tools/oracle/gen_heap_order.cc) and fails
# when they differ from the ones in the file. Needs g++ only.
#
#   bash tools/oracle/check-heap-order.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
src="$repo/src/coverer/heap.rs"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
g++ -O2 -std=c++17 "$here/gen_heap_order.cc" -o "$build/gen_heap_order"
out="$("$build/gen_heap_order")"
echo "$out"
ties="$(sed -n 's/^ties_order //p' <<<"$out" | tr ' ' ',')"
hash="$(sed -n 's/^long_mixed_run_hash //p' <<<"$out")"
# The file writes them as `vec![3, 2, 4, 0, 1]` and `11_786_758_058_030_432_332`.
have_ties="$(grep -o 'assert_eq!(order, vec!\[[0-9, ]*\])' "$src" | grep -o '[0-9][0-9, ]*' | tr -d ' ')"
have_hash="$(grep -o 'assert_eq!(hash, [0-9_]*)' "$src" | grep -o '[0-9][0-9_]*' | tr -d '_')"
status=0
if [[ "$have_ties" != "$ties" ]]; then
  echo "check-heap-order: $src pins the tie order $have_ties, libstdc++ gives $ties" >&2
  status=1
fi
if [[ "$have_hash" != "$hash" ]]; then
  echo "check-heap-order: $src pins the hash $have_hash, libstdc++ gives $hash" >&2
  status=1
fi
[[ $status == 0 ]] && echo "check-heap-order: src/coverer/heap.rs agrees with libstdc++"
exit $status
