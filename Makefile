# claimtag: see README.md. `make run` builds and serves the app on the default
# corpus, `make test` runs every test, `make bench` prints the benchmark table.

DOCS ?=
PORT ?= 8000
GO   ?= go
WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
IN_FLAG := $(if $(DOCS),-in $(DOCS),)

.PHONY: run wasm site test test-native test-wasm bench bench-index bench-scale clean

## run: build the default corpus (or DOCS=dir) and serve the app on http://127.0.0.1:$(PORT)
run: wasm
	$(GO) run ./build serve $(IN_FLAG) -addr 127.0.0.1:$(PORT)

## wasm: compile the app to web/app.wasm
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o web/app.wasm ./app/wasm

## site: write the static site to dist/
site: wasm
	$(GO) run ./build site $(IN_FLAG) -out dist

## test: vet, every Go test natively (the pure packages with the race detector, then the build and browser tests), and the pure packages (index, annotation, workspace, storage) in wasm under Node
test: test-native test-wasm

test-native:
	$(GO) vet ./...
	$(GO) test -count=1 -race ./index/... ./app/...
	$(GO) test -count=1 ./build/...

test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="$(WASM_EXEC)" ./index/... ./app/annotation/... ./app/workspace/... ./app/storage/...

## bench: claimtag beside Pagefind and MiniSearch in one run of the side-by-side harness (../shared/bench or BENCH_HARNESS=dir; RUNS=3, NET=none); prints one table with the ratios
bench:
	bash build/bench/harness.sh

## bench-scale: a synthetic corpus of 1M passages (SCALE_PASSAGES=n): build time and peak RSS, then the app's first result and bytes per query in Chromium
bench-scale:
	bash build/bench/scale.sh

## bench-index: build and query a >10 MB real corpus natively and in wasm under Node; prints one table
bench-index:
	bash build/bench/run.sh

clean:
	rm -rf dist web/app.wasm web/index.snap web/index.snap.gz web/index
