#!/usr/bin/env bash
# make bench: claimtag beside Pagefind and MiniSearch in one run of the
# side-by-side harness (../shared/bench, or BENCH_HARNESS=dir), on the
# python-docs corpus, and one table of the figures with claimtag's ratios
# and issue 10's targets.
#
#   make bench                       # RUNS=3, NET=none
#   RUNS=1 NET=fast4g make bench     # the harness's knobs pass through
#   BENCH_KEEP=1 make bench          # keep the scratch folder (node_modules, corpus, sites, results)
#   BENCH_BREAKDOWN=0 make bench     # skip the cold/warm breakdown of the app's start
#
# The harness is copied to a scratch folder (it is read-only where it is
# shared) where it installs its npm packages and prepares the corpus
# (Debian's python3.11-doc, 497 pages). claimtag's site is built from the
# same pages and the same region (<div role="main">; go run ./build/bench
# pydocs), with the same page ids, as the JS engines index. Results are
# copied to build/bench/out/harness/<stamp>/ (table.md, breakdown.md and the
# harness's own files).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
HARNESS=$(cd "${BENCH_HARNESS:-../shared/bench}" && pwd)
export RUNS=${RUNS:-3} NET=${NET:-none}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export PYDOC_SRC=${PYDOC_SRC:-/usr/share/doc/python3.11/html}
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/claimtag-bench.XXXXXX")
B=$SCRATCH/bench
ms() { date +%s%3N; }

cleanup() {
	if [ -n "${BENCH_KEEP:-}" ]; then
		echo "== scratch kept: $SCRATCH"
	else
		rm -rf "$SCRATCH"
	fi
}
trap cleanup EXIT

[ -f "$HARNESS/harness/runner.js" ] || { echo "no harness at $HARNESS (set BENCH_HARNESS)"; exit 2; }
[ -x "$CHROMIUM" ] || { echo "missing $CHROMIUM (apt-get install chromium)"; exit 2; }
if [ ! -d "$PYDOC_SRC" ]; then
	echo "== installing python3.11-doc (the bench corpus)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.11-doc >/dev/null
fi

echo "== copying the harness $HARNESS to $B"
cp -r "$HARNESS" "$B"
chmod -R u+w "$B"
rm -rf "$B/results" "$B/build" "$B/dist" "$B/node_modules"

echo "== npm install, corpus, Pagefind and MiniSearch (the harness's own build)"
(cd "$B" && npm install --no-audit --no-fund --loglevel=error >/dev/null &&
	node scripts/prepare-corpus.js python-docs &&
	for e in pagefind minisearch; do node "engines/$e/build.js" python-docs; done)

echo "== claimtag: app.wasm and the site over the same pages"
mkdir -p "$SCRATCH/bin"
go build -o "$SCRATCH/bin/bench" ./build/bench
"$SCRATCH/bin/bench" pydocs -in "$B/corpus/python-docs/html" -out "$SCRATCH/pages"
t=$(ms)
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$SCRATCH/app.wasm" ./app/wasm
wasm_ms=$(($(ms) - t))
t=$(ms)
go run ./build site -in "$SCRATCH/pages" -out "$SCRATCH/site" -wasm "$SCRATCH/app.wasm" 2>"$SCRATCH/site.log" ||
	{ cat "$SCRATCH/site.log"; exit 1; }
site_ms=$(($(ms) - t))
grep -E "documents|passages" "$SCRATCH/site.log" | tail -2 || true
echo "   app.wasm built in ${wasm_ms} ms, the site in ${site_ms} ms"

# The harness's deployment needs (a static host such as GitHub Pages needs none
# of this): its server compresses on the fly and never serves precompressed
# twins, which harness/sizes.js would count; it maps /doc only to
# doc/index.html, and the service worker precaches /doc, /review and
# /overview (one 404 fails its install).
D=$B/dist/python-docs/claimtag
cp -a "$SCRATCH/site" "$D"
find "$D" \( -name '*.gz' -o -name '*.br' \) -delete
for p in doc review overview; do
	mkdir -p "$D/$p"
	mv "$D/$p.html" "$D/$p/index.html"
done

echo "== the harness: pagefind, minisearch, claimtag (python-docs, RUNS=$RUNS, NET=$NET)"
rc=0
(cd "$B" && SKIP_BUILD=1 CORPORA=python-docs ENGINES="pagefind minisearch" EXTRA_ENGINES="claimtag=$D" ./run.sh) || rc=$?
R=$(cd "$B/results/latest" && pwd -P)
OUT=$REPO/build/bench/out/harness/$(basename "$R")
mkdir -p "$OUT"
cp -r "$R/." "$OUT/"
label=python-docs
[ "$NET" != none ] && label=python-docs-$NET
"$SCRATCH/bin/bench" harness -results "$R" -corpus "$label" -judgments "$REPO/build/pydocs/testdata/judgments.tsv" >"$OUT/table.md"

if [ "${BENCH_BREAKDOWN:-1}" != 0 ]; then
	echo "== where claimtag's cold and warm start goes (performance marks, resource timing)"
	(cd "$B" && node "$REPO/build/bench/breakdown.js" "$D" "$OUT/breakdown.json") >"$OUT/breakdown.md" || rc=$?
fi

echo
echo "== results: $OUT"
cat "$OUT/table.md"
[ -f "$OUT/breakdown.md" ] && { echo; cat "$OUT/breakdown.md"; }
exit "$rc"
