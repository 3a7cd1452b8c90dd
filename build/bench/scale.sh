#!/usr/bin/env bash
# make bench-scale: claimtag on a synthetic corpus of 1M passages (SCALE_PASSAGES=n
# for another size; deterministic, SCALE_SEED=1). Prints the build's time and
# peak memory (RSS), the site's size, then the app's cold first result, bytes
# fetched before it and per query, from one run of the harness's runner
# (../shared/bench or BENCH_HARNESS=dir) over the corpus's own queries, beside
# the python-docs figure of the latest `make bench`.
#
#   make bench-scale                          # 1M passages
#   SCALE_PASSAGES=200000 make bench-scale    # a smaller one
#   BENCH_KEEP=1 make bench-scale             # keep the scratch folder
#   SCALE_MEM_GB=20 make bench-scale          # the build's address-space cap (prlimit), so that a
#                                             # build too big fails with Go's "out of memory" and its
#                                             # stack instead of the machine's OOM killer
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
HARNESS=$(cd "${BENCH_HARNESS:-../shared/bench}" && pwd)
PASSAGES=${SCALE_PASSAGES:-1000000}
SEED=${SCALE_SEED:-1}
MEM_GB=${SCALE_MEM_GB:-20}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/claimtag-scale.XXXXXX")
OUT=$REPO/build/bench/out/scale-$PASSAGES
mkdir -p "$OUT"
cleanup() {
	if [ -n "${BENCH_KEEP:-}" ]; then echo "== scratch kept: $SCRATCH"; else rm -rf "$SCRATCH"; fi
}
trap cleanup EXIT
ms() { date +%s%3N; }

echo "== tools and app.wasm"
mkdir -p "$SCRATCH/bin"
go build -o "$SCRATCH/bin/bench" ./build/bench
go build -o "$SCRATCH/bin/build" ./build
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$SCRATCH/app.wasm" ./app/wasm

echo "== a synthetic corpus of $PASSAGES passages (seed $SEED)"
t=$(ms)
"$SCRATCH/bin/bench" synth -out "$SCRATCH/corpus" -queries "$SCRATCH/queries.txt" -passages "$PASSAGES" -seed "$SEED"
echo "   written in $(($(ms) - t)) ms, $(du -sh --apparent-size "$SCRATCH/corpus" | cut -f1) of text"

echo "== go run ./build site over it (time and peak RSS by /usr/bin/time, address space capped at $MEM_GB GB)"
rc=0
prlimit --as=$((MEM_GB * 1024 * 1024 * 1024)) /usr/bin/time -f '%e %M %U %S' -o "$SCRATCH/time.txt" "$SCRATCH/bin/build" site -in "$SCRATCH/corpus" -out "$SCRATCH/site" \
	-wasm "$SCRATCH/app.wasm" 2> >(tee "$SCRATCH/site.log" >&2) || rc=$?
sleep 0.2 # tee's last lines
read -r secs rss_kb usr sys < <(tail -n 1 "$SCRATCH/time.txt") || true
cp "$SCRATCH/site.log" "$OUT/site.log"
if [ "$rc" != 0 ]; then
	# where it broke: the runtime's message, the last progress line and claimtag's frames
	grep -E '^(runtime: |fatal error|panic:)|passages [0-9]+/' "$SCRATCH/site.log" | tail -n 3
	grep -A1 -E '^github.com/claimtag|^main\.' "$SCRATCH/site.log" | grep -v '^--' | head -n 12
fi
{
	echo "| corpus | build (CPU) | peak build RSS | site (raw) | index in pieces |"
	echo "|---|---:|---:|---:|---|"
	if [ "$rc" != 0 ]; then
		echo "| $PASSAGES synthetic passages | FAILED after ${secs:-?} s (exit $rc) | ${rss_kb:+$((rss_kb / 1024)) MB} | | |"
	else
		pieces=$(sed -n 's/^index in pieces: //p' "$SCRATCH/site.log")
		cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.0f", u + s }')
		echo "| $PASSAGES synthetic passages | ${secs} s ($cpu s) | $((rss_kb / 1024)) MB | $(du -sh --apparent-size --exclude='*.gz' --exclude='*.br' "$SCRATCH/site" | cut -f1) | $pieces |"
	fi
} >"$OUT/build.md"
cat "$OUT/build.md"
if [ "$rc" != 0 ]; then
	echo "the build failed: see $OUT/site.log"
	exit "$rc"
fi

echo "== the app in Chromium: the harness's runner over the corpus's queries (1 run)"
B=$SCRATCH/bench
cp -r "$HARNESS" "$B"
chmod -R u+w "$B"
rm -rf "$B/results" "$B/build" "$B/dist" "$B/node_modules"
(cd "$B" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
D=$SCRATCH/dist
cp -a "$SCRATCH/site" "$D"
find "$D" \( -name '*.gz' -o -name '*.br' \) -delete
for p in doc review overview; do mkdir -p "$D/$p" && mv "$D/$p.html" "$D/$p/index.html"; done
fixed=$(sed -n 3p "$SCRATCH/queries.txt")
cp "$SCRATCH/queries.txt" "$OUT/queries.txt"
(cd "$B" && node harness/runner.js --engine "claimtag-$PASSAGES=$D" --queries "$SCRATCH/queries.txt" --fixed-query "$fixed" \
	--runs 1 --raw "$OUT/raw.jsonl" --per-query "$OUT/per-query.json") >"$OUT/bench.jsonl" || rc=$?
anchor=$(ls -t "$REPO"/build/bench/out/harness/*/bench-python-docs.jsonl 2>/dev/null | head -1 || true)
node -e '
const fs = require("fs");
const [file, anchorFile] = process.argv.slice(1);
const r = JSON.parse(fs.readFileSync(file, "utf8").split("\n").filter(Boolean)[0]);
if (r.error) { console.log("FAILED: " + r.error); process.exit(3); }
const mb = (b) => (b / 1e6).toFixed(2) + " MB";
let ref = null;
if (anchorFile) { for (const l of fs.readFileSync(anchorFile, "utf8").split("\n").filter(Boolean)) { const x = JSON.parse(l); if (x.engine === "claimtag" && !x.error) ref = x; } }
console.log("\n| app on the synthetic corpus | measured |\n|---|---:|");
console.log(`| cold: navigation to first result (${JSON.stringify(r.fixed_query)}) | ${r.cold_ms} ms (ready ${r.cold_ready_ms} + query ${r.cold_first_query_ms}) |`);
if (ref) console.log(`| the same on python-docs (latest make bench) | ${ref.cold_ms} ms: ${(r.cold_ms / ref.cold_ms).toFixed(2)}x (target <= 2x) |`);
console.log(`| bytes before the first result | ${mb(r.cold_bytes)} (${r.cold_requests} requests) |`);
console.log(`| bytes per query, first pass (${r.queries} queries) | ${mb(r.q_pass1_bytes / r.queries)} (${r.q_pass1_requests} requests in all) |`);
console.log(`| query p50 / p95, first pass | ${r.q_pass1_p50_ms} / ${r.q_pass1_p95_ms} ms |`);
console.log(`| warm: navigation to first result | ${r.warm_ms} ms |`);
console.log(`| renderer PSS after the queries | ${(r.renderer_pss_after_queries / 1048576).toFixed(0)} MB |`);
' "$OUT/bench.jsonl" "$anchor" | tee "$OUT/app.md" || rc=$?
echo "== results: $OUT"
exit "$rc"
