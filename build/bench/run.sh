#!/usr/bin/env bash
# make bench: measures the index on a real corpus of more than 10 MB (Debian's
# python3.11-doc HTML) natively and in WebAssembly under Node, and prints one
# table. Speed and size targets are checked here, never in tests.
set -euo pipefail
cd "$(dirname "$0")/../.."

CORPUS=${BENCH_CORPUS:-/usr/share/doc/python3.11/html}
OUT=${BENCH_OUT:-build/bench/out}
WASM_EXEC="$(go env GOROOT)/lib/wasm/go_js_wasm_exec"

if [ ! -d "$CORPUS" ]; then
  echo "== installing python3.11-doc (the bench corpus)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq python3.11-doc >/dev/null
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.json

echo "== building snapshots of $CORPUS (full, and its first documents up to 20,000 passages)"
go run ./build/bench build -in "$CORPUS" -out "$OUT" > "$OUT/build.json"

echo "== compiling the bench for wasm"
GOOS=js GOARCH=wasm go build -o "$OUT/bench.wasm" ./build/bench

for snap in "$OUT"/bench-*.snap; do
  echo "== querying $snap natively and in wasm under Node"
  go run ./build/bench query -snap "$snap" -queries build/bench/queries.txt >> "$OUT/query.json"
  "$WASM_EXEC" "$OUT/bench.wasm" query -snap "$PWD/$snap" -queries "$PWD/build/bench/queries.txt" >> "$OUT/query.json"
done

echo "== the app in headless Chromium (the first documents up to 20,000 passages, then the full corpus)"
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
rm -f "$OUT/browser.md"
for max in 20000 0; do
  BENCH_CORPUS="$CORPUS" BENCH_MAX_PASSAGES=$max BENCH_BROWSER_OUT="$PWD/$OUT/browser.md" \
    go test -run '^$' -bench '^BenchmarkBrowser$' -benchtime 1x ./build/ | grep -E '^Benchmark|FAIL|Error' || true
done

echo "== review: importing and re-anchoring 10,000 annotations in the page"
rm -f "$OUT/review.md"
BENCH_CORPUS="$CORPUS" BENCH_MAX_PASSAGES=20000 BENCH_REVIEW_OUT="$PWD/$OUT/review.md" \
  go test -run '^$' -bench '^BenchmarkReviewImport$' -benchtime 1x ./build/ | grep -E '^Benchmark|FAIL|Error' || true

echo "== review: importing and re-anchoring 10,000 annotations, natively and in wasm under Node"
go test -run '^$' -bench 'ImportReanchor' -benchtime 3x ./app/annotation/review/ 2>/dev/null | tee "$OUT/review.txt" | grep -E '^Benchmark' || true
GOOS=js GOARCH=wasm go test -exec="$WASM_EXEC" -run '^$' -bench 'ImportReanchor' -benchtime 3x ./app/annotation/review/ 2>/dev/null | tee "$OUT/review-wasm.txt" | grep -E '^Benchmark' || true

echo
go run ./build/bench table "$OUT"
