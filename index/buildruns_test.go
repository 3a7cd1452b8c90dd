//go:build !js

package index

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/blevesearch/bleve/v2/index/upsidedown"
	store "github.com/blevesearch/upsidedown_store_api"

	"github.com/claimtag/claimtag/index/ingest"
)

// buildGoldenPath holds the SHA-256 of the snapshot and of the manifest
// (which names every piece by the hash of its bytes) of each test corpus,
// as the build wrote them when the build was one in-memory store: a build
// in runs must give the same bytes.
var buildGoldenPath = filepath.Join("testdata", "build", "golden.json")

// buildGolden is one corpus's line of buildGoldenPath.
type buildGolden struct {
	Snapshot string `json:"snapshot"`
	Manifest string `json:"manifest"`
	Pieces   int    `json:"pieces"`
	// Tiny is the manifest's hash with pieces cut small (tinyPieces).
	Tiny string `json:"tiny"`
}

// testCorpora are the corpora the build is checked on: the default one,
// two from the tests' fixtures and a generated one.
func testCorpora(t *testing.T) map[string][]*ingest.Document {
	t.Helper()
	dirs := map[string]string{"seeds": seedsDir, "encodings": "ingest/testdata/encodings", "hostile": "../build/testdata/hostile"}
	out := map[string][]*ingest.Document{}
	for name, dir := range dirs {
		rep, err := ingest.Dir(dir, ingest.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = rep.Documents
	}
	out["generated"] = generatedCorpus(t, 1, 40, 150)
	return out
}

// generatedCorpus ingests docs plain-text documents of up to passages
// passages each, drawn from seed: Zipf-distributed words over a
// vocabulary with accented and CJK words, numbers, headings, repeated
// passages, and dates on some documents but not the first (so that the
// date field is first seen late in the build).
func generatedCorpus(t testing.TB, seed uint64, docs, passages int) []*ingest.Document {
	t.Helper()
	rnd := rand.New(rand.NewPCG(seed, seed+1))
	vocab := []string{"revenue", "cloud", "margin", "growth", "über", "café", "naïve", "数据", "云计算", "AI", "Q1/Q2", "6-K", "RMB2,703.7", "37.2%"}
	syll := strings.Fields("ka lo mi ne su ra te po vi da ze ghu bro stra ple")
	for len(vocab) < 3000 {
		var b strings.Builder
		for n := 1 + rnd.IntN(4); n > 0; n-- {
			b.WriteString(syll[rnd.IntN(len(syll))])
		}
		vocab = append(vocab, b.String())
	}
	zipf := rand.NewZipf(rnd, 1.2, 3, uint64(len(vocab)-1))
	fsys := fstest.MapFS{}
	var meta []string
	var repeated string
	for d := 0; d < docs; d++ {
		var text strings.Builder
		for p, n := 0, 1+rnd.IntN(passages); p < n; p++ {
			switch {
			case p > 0 && rnd.IntN(15) == 0 && repeated != "":
				text.WriteString(repeated)
			case rnd.IntN(8) == 0:
				fmt.Fprintf(&text, "# %s %s\n\n", vocab[zipf.Uint64()], vocab[zipf.Uint64()])
			default:
				var words []string
				for n := 3 + rnd.IntN(40); n > 0; n-- {
					words = append(words, vocab[zipf.Uint64()])
				}
				s := strings.Join(words, " ") + ". " + fmt.Sprint(rnd.IntN(5000)) + " " + vocab[zipf.Uint64()] + ".\n\n"
				if rnd.IntN(5) == 0 {
					repeated = s
				}
				text.WriteString(s)
			}
		}
		name := fmt.Sprintf("d%03d.md", d)
		fsys[name] = &fstest.MapFile{Data: []byte(text.String())}
		if d > 0 && d%3 == 0 {
			meta = append(meta, fmt.Sprintf(`{"path": %q, "date": "2025-%02d-%02d"}`, name, 1+d%12, 1+d%28))
		}
	}
	fsys["claimtag.json"] = &fstest.MapFile{Data: []byte(`{"documents": [` + strings.Join(meta, ",") + `]}`)}
	rep, err := ingest.FS(fsys, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rep.Documents
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func readBuildGolden(t *testing.T) map[string]buildGolden {
	t.Helper()
	var want map[string]buildGolden
	raw, err := os.ReadFile(buildGoldenPath)
	if err == nil {
		err = json.Unmarshal(raw, &want)
	}
	if err != nil && !*update {
		t.Fatalf("%v (run go test ./index -run TestBuildMatchesGolden -update)", err)
	}
	return want
}

// TestBuildMatchesGolden checks that the snapshot and the pieces of every
// test corpus are the bytes the build has always written.
func TestBuildMatchesGolden(t *testing.T) {
	want := readBuildGolden(t)
	got := map[string]buildGolden{}
	for name, docs := range testCorpora(t) {
		snap, _, err := Build(docs, BuildOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p, err := Split(snap, SplitOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		tiny, err := Split(snap, tinyPieces)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got[name] = buildGolden{Snapshot: sha(snap), Manifest: sha(p.Manifest), Pieces: len(p.Files), Tiny: sha(tiny.Manifest)}
		if !*update && got[name] != want[name] {
			t.Errorf("%s: got %+v, want %+v", name, got[name], want[name])
		}
	}
	if *update {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(buildGoldenPath, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBuildInRunsMatchesGolden builds every test corpus in many small runs
// merged on disk, writing the snapshot and the pieces at once: the bytes
// are those of the golden build, and the runs' folder is gone after.
func TestBuildInRunsMatchesGolden(t *testing.T) {
	want := readBuildGolden(t)
	runs := []struct {
		name string
		opt  BuildOptions
	}{
		{"a run per batch of 7 passages, merged on disk 3 at a time", BuildOptions{batch: 7, RunBytes: 1, fanIn: 3}},
		{"runs of about 64 KiB of rows", BuildOptions{batch: 40, RunBytes: 64 << 10}},
	}
	for name, docs := range testCorpora(t) {
		for _, r := range runs {
			t.Run(name+": "+r.name, func(t *testing.T) {
				tmp := t.TempDir()
				opt := r.opt
				opt.TempDir = tmp
				var snap bytes.Buffer
				p := &Pieces{}
				st, err := BuildTo(docs, Output{Snapshot: &snap, Pieces: p}, opt)
				if err != nil {
					t.Fatal(err)
				}
				tiny := &Pieces{}
				if _, err := BuildTo(docs, Output{Pieces: tiny, Split: tinyPieces}, opt); err != nil {
					t.Fatal(err)
				}
				got := buildGolden{Snapshot: sha(snap.Bytes()), Manifest: sha(p.Manifest), Pieces: len(p.Files), Tiny: sha(tiny.Manifest)}
				if got != want[name] {
					t.Errorf("got %+v, want %+v", got, want[name])
				}
				if st.Bytes != snap.Len() {
					t.Errorf("stats say %d snapshot bytes, wrote %d", st.Bytes, snap.Len())
				}
				if wantRuns := 2; st.Passages > 2*opt.batch && st.Runs < wantRuns {
					t.Errorf("%d passages built in %d runs, want at least %d", st.Passages, st.Runs, wantRuns)
				}
				if left, _ := os.ReadDir(tmp); len(left) > 0 {
					t.Errorf("the build left %s in its temporary folder", left[0].Name())
				}
			})
		}
	}
}

func TestBuildToWithoutOutputFails(t *testing.T) {
	if _, err := BuildTo(ingestSeeds(t), Output{}, BuildOptions{}); err == nil || !strings.Contains(err.Error(), "no output") {
		t.Errorf("got %v, want an error saying there is no output", err)
	}
}

// TestMergerAddsDictionaryCounts merges runs by hand: dictionary rows'
// counts add up, the same row in two runs comes once, and a row that
// differs between runs is an error.
func TestMergerAddsDictionaryCounts(t *testing.T) {
	uv := func(n uint64) []byte { return binary.AppendUvarint(nil, n) }
	run := func(kv ...any) rowSource {
		var rows []storeRow
		for i := 0; i < len(kv); i += 2 {
			rows = append(rows, storeRow{key: kv[i].(string), val: kv[i+1].([]byte)})
		}
		return &memRun{rows: rows}
	}
	tests := []struct {
		name    string
		runs    []rowSource
		want    []string // key=value, value as %x
		wantErr string
	}{
		{"dictionary counts add up",
			[]rowSource{run("d\x00\x01cloud", uv(2), "t\x00\x01cloud\xff1", []byte{1}), run("d\x00\x01cloud", uv(300)), run("d\x00\x01cloud", uv(1), "d\x00\x01zeta", uv(1))},
			[]string{"d\x00\x01cloud=" + fmt.Sprintf("%x", uv(303)), "d\x00\x01zeta=01", "t\x00\x01cloud\xff1=01"}, ""},
		{"the same field row comes once",
			[]rowSource{run("f\x00\x00text", []byte{0xff}), run("f\x00\x00text", []byte{0xff}, "v", []byte{7})},
			[]string{"f\x00\x00text=ff", "v=07"}, ""},
		{"a row that differs between runs is an error",
			[]rowSource{run("f\x00\x00text", []byte{1}), run("f\x00\x00text", []byte{2})},
			nil, "differs between runs"},
	}
	mo := mergeOperator(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := newMerger(tt.runs, mo)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := mergeAll(m)
			if err != nil {
				if tt.wantErr == "" || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want %q", err, tt.wantErr)
				}
				return
			}
			var got []string
			for _, r := range rows {
				got = append(got, fmt.Sprintf("%s=%x", r.key, r.val))
			}
			if tt.wantErr != "" {
				t.Fatalf("got no error, want %q", tt.wantErr)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// mergeAll reads every row m merges, copied, and closes m.
func mergeAll(m *merger) ([]storeRow, error) {
	defer m.close()
	var rows []storeRow
	for {
		ok, err := m.next()
		if err != nil || !ok {
			return rows, err
		}
		rows = append(rows, storeRow{key: string(m.key()), val: bytes.Clone(m.value())})
	}
}

// mergeOperator returns bleve's merge operator for upsidedown's rows.
func mergeOperator(t *testing.T) store.MergeOperator {
	t.Helper()
	udc, err := upsidedown.NewUpsideDownCouch(buildStoreName, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := udc.Open(); err != nil {
		t.Fatal(err)
	}
	kv, _ := udc.(*upsidedown.UpsideDownCouch).Advanced()
	return kv.(*mapStore).mo
}

// TestRunFilesMergeOnDisk writes 100 runs, 3 merged at a time: few files
// remain, and they hold every row once with the counts added up.
func TestRunFilesMergeOnDisk(t *testing.T) {
	r := &runFiles{dir: t.TempDir(), fanIn: 3, mo: mergeOperator(t)}
	const runs = 100
	for i := 0; i < runs; i++ {
		rows := []storeRow{
			{key: "d\x00\x01common", val: binary.AppendUvarint(nil, uint64(i+1))},
			{key: fmt.Sprintf("t\x00\x01common\xff%03d", i), val: []byte{byte(i)}},
			{key: "v", val: []byte{7}},
		}
		if err := r.add(rows); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.runs) > 2*5 { // at most fanIn-1 per level, 3^5 > 100
		t.Errorf("%d runs left after %d written, 3 merged at a time", len(r.runs), runs)
	}
	if files, _ := os.ReadDir(r.dir); len(files) != len(r.runs) {
		t.Errorf("%d files for %d runs: merged runs are not removed", len(files), len(r.runs))
	}
	srcs, _, err := r.open()
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMerger(srcs, r.mo)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := mergeAll(m)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range rows {
		got = append(got, row.key)
		if row.key == "d\x00\x01common" {
			if n, _ := binary.Uvarint(row.val); n != runs*(runs+1)/2 {
				t.Errorf("the dictionary count is %d, want %d", n, runs*(runs+1)/2)
			}
		}
	}
	if len(got) != runs+2 || !slices.IsSorted(got) {
		t.Errorf("got %d rows (sorted: %v), want %d in key order", len(got), slices.IsSorted(got), runs+2)
	}
}
