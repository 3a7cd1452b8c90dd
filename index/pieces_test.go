package index

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// tinyPieces cuts pieces far smaller than the defaults, so that the seeds
// make many of them and every search crosses piece boundaries.
var tinyPieces = SplitOptions{RowBytes: 300, BlockBytes: 200}

func splitSeeds(tb testing.TB, opt SplitOptions) *Pieces {
	tb.Helper()
	p, err := Split(seedSnapshot(tb), opt)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// countingSource serves pieces from memory and records what was fetched.
type countingSource struct {
	p       *Pieces
	mu      sync.Mutex
	fetched []string
	fail    map[string]error // pieces that fail with this error
}

func (s *countingSource) Fetch(ctx context.Context, name string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.fail[name]; err != nil {
		return nil, err
	}
	s.fetched = append(s.fetched, name)
	return s.p.Fetch(ctx, name)
}

func openPieces(tb testing.TB, p *Pieces, src Source) *Index {
	tb.Helper()
	if src == nil {
		src = p
	}
	ix, err := OpenPieces(context.Background(), p.Manifest, src, PieceOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

// pieceQueries are searches beyond the golden table: prefixes, fuzzy and
// corrected words, field clauses, filters and paging.
var pieceQueries = []Request{
	{Query: "clou*", Fragments: true},
	{Query: "revnue", Fragments: true},
	{Query: "marginn~1"},
	{Query: `"gross margin" OR ebitda -cloud`, Explain: true},
	{Query: "title:kingsoft cloud"},
	{Query: "*", Size: 50, Dates: []string{"2026"}},
	{Query: "cloud", Size: 3, From: 4, Groups: 2, GroupFrom: 1, PerGroup: 2, Fragments: true},
	{Query: "cloud", Spans: []DocSpan{{Doc: "001_bf618552857fbc22", Start: 0, End: 2000}}},
	{Query: "zzzyqx nothing"},
}

// searchJSON runs req and returns its result without its timing, to
// compare.
func searchJSON(ix *Index, req Request) string {
	res, err := ix.SearchContext(context.Background(), req)
	if err != nil {
		return "error: " + err.Error()
	}
	res.Took, res.Work = 0, 0
	b, _ := json.Marshal(res)
	return string(b)
}

func TestPiecesSearchLikeTheWholeSnapshot(t *testing.T) {
	whole := openSeeds(t)
	var golden []goldenSearch
	raw, err := os.ReadFile(filepath.Join("testdata", "seeds", "searches.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	reqs := append([]Request(nil), pieceQueries...)
	for _, g := range golden {
		reqs = append(reqs, Request{Query: g.Query, Docs: g.Docs, Dates: g.Dates, Size: 5, Fragments: true})
	}
	for _, opt := range []SplitOptions{tinyPieces, {}} {
		p := splitSeeds(t, opt)
		ix := openPieces(t, p, nil)
		t.Run(fmt.Sprintf("pieces of %d and %d bytes", opt.RowBytes, opt.BlockBytes), func(t *testing.T) {
			for _, req := range reqs {
				got := searchJSON(ix, req)
				want := searchJSON(whole, req)
				if got != want {
					t.Errorf("%q:\n got %s\nwant %s", req.Query, got, want)
				}
			}
			for _, d := range whole.Documents() {
				text, ps, err := ix.Contents(context.Background(), d.ID)
				if err != nil {
					t.Fatal(err)
				}
				if text != whole.Text(d.ID) {
					t.Errorf("document %s: the text differs", d.ID)
				}
				gj, _ := json.Marshal(ps)
				wj, _ := json.Marshal(whole.Passages(d.ID))
				if !bytes.Equal(gj, wj) {
					t.Errorf("document %s: the passages differ", d.ID)
				}
				hs, err := ix.Highlights(context.Background(), Request{Query: "cloud revenue"}, d.ID)
				whs, _ := whole.Highlights(context.Background(), Request{Query: "cloud revenue"}, d.ID)
				if err != nil || fmt.Sprint(hs) != fmt.Sprint(whs) {
					t.Errorf("document %s: highlights %v (%v), want %v", d.ID, hs, err, whs)
				}
			}
			all, _ := whole.Search(Request{Query: "cloud", Size: 3})
			for _, h := range all.Hits {
				got, ok := ix.Passage(h.Passage)
				want, _ := whole.Passage(h.Passage)
				if !ok || got.Text != want.Text || got.ID != h.Passage {
					t.Errorf("Passage(%s) = %+v, %v; want %+v", h.Passage, got, ok, want)
				}
			}
			gd, _ := json.Marshal(ix.Documents())
			wd, _ := json.Marshal(whole.Documents())
			if got, want := string(gd), string(wd); got != want {
				t.Errorf("documents differ:\n got %s\nwant %s", got, want)
			}
		})
	}
}

func TestSplitIsDeterministic(t *testing.T) {
	a, b := splitSeeds(t, tinyPieces), splitSeeds(t, tinyPieces)
	if !bytes.Equal(a.Manifest, b.Manifest) || len(a.Files) != len(b.Files) {
		t.Fatal("two splits of one snapshot differ")
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("piece %s differs", name)
		}
		piece, err := unpackPiece(data, 1<<20) // tiny pieces; a bound allocates
		if err != nil || !isPacked(data) {
			t.Errorf("piece %s is not a gzip stream: %v", name, err)
		}
		if pieceName(piece) != name {
			t.Errorf("piece %s is named for other bytes", name)
		}
	}
}

// TestOpenFilesAreWhatOpeningFetches checks the list a page preloads: the
// pieces OpenPieces fetches, no more and no fewer.
func TestOpenFilesAreWhatOpeningFetches(t *testing.T) {
	for _, opt := range []SplitOptions{tinyPieces, {}} {
		p := splitSeeds(t, opt)
		m, err := ParseManifest(p.Manifest)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, f := range m.OpenFiles() {
			want = append(want, f.File)
		}
		src := &countingSource{p: p}
		openPieces(t, p, src)
		got := slices.Clone(src.fetched)
		slices.Sort(got)
		slices.Sort(want)
		if len(want) < 2 || want[0] == "" || !slices.Equal(got, want) {
			t.Errorf("%+v: opening fetched %v, OpenFiles lists %v", opt, got, want)
		}
	}
}

func TestPiecesFetchOnlyWhatASearchReads(t *testing.T) {
	p := splitSeeds(t, tinyPieces)
	src := &countingSource{p: p}
	ix := openPieces(t, p, src)
	opened := len(src.fetched)
	if opened > 4 {
		t.Errorf("opening fetched %d pieces %v, want the document table and the field and version rows", opened, src.fetched)
	}
	if _, err := ix.Search(Request{Query: "ebitda", Size: 1, Groups: 1, PerGroup: 1}); err != nil {
		t.Fatal(err)
	}
	searched := len(src.fetched) - opened
	if searched == 0 || searched > len(p.Files)/4 {
		t.Errorf("a one-word search fetched %d of %d pieces", searched, len(p.Files))
	}
	// A word's passage count comes from its postings, not its dictionary
	// row (heldCount): no dictionary piece of a counted field is fetched.
	m, err := ParseManifest(p.Manifest)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range m.Rows {
		if !slices.Contains(src.fetched[opened:], r.File) || r.First[0] != 'd' {
			continue
		}
		for f := range countedFields {
			if k, _ := ix.fieldKey('d', f, ""); bytes.HasPrefix(r.First, k) {
				t.Errorf("the search fetched piece %s of %s's dictionary, first key %q", r.File, f, r.First)
			}
		}
	}
	if got := ix.Fetched(); got.Pieces != len(src.fetched) {
		t.Errorf("Fetched() = %+v, the source served %d", got, len(src.fetched))
	}
	seen := map[string]bool{}
	for _, f := range src.fetched {
		if seen[f] {
			t.Errorf("piece %s was fetched twice", f)
		}
		seen[f] = true
	}
	select {
	case <-ix.Searched():
	default:
		t.Error("Searched() is not closed after a search")
	}
	if n := len(ix.Files()); n != len(p.Files) {
		t.Errorf("Files() lists %d pieces, the split made %d", n, len(p.Files))
	}
}

// pieceKinds returns a file name of each kind of piece: the meta piece, a
// row piece holding the term "ebitda" of the text field, and the block of
// the first passage of the seeds' first document.
func pieceKinds(t *testing.T, p *Pieces) (meta, rows, block string) {
	t.Helper()
	m, err := ParseManifest(p.Manifest)
	if err != nil {
		t.Fatal(err)
	}
	ix := openPieces(t, p, nil)
	k, _ := ix.fieldKey('t', FieldText, "ebitda\xff")
	return m.Meta.File, m.Rows[ix.rows.pieceOf(k)].File, m.Blocks[0].File
}

func TestBadPiecesSayWhichAndWhy(t *testing.T) {
	p := splitSeeds(t, tinyPieces)
	meta, rows, block := pieceKinds(t, p)
	damaged := func(name string, f func([]byte) []byte) *Pieces {
		q := &Pieces{Manifest: p.Manifest, Files: map[string][]byte{}}
		for n, b := range p.Files {
			q.Files[n] = b
		}
		if f == nil {
			delete(q.Files, name)
		} else {
			q.Files[name] = f(append([]byte(nil), p.Files[name]...))
		}
		return q
	}
	flip := func(b []byte) []byte { b[len(b)/2] ^= 0x20; return b }
	cut := func(b []byte) []byte { return b[:len(b)-3] }
	grow := func(b []byte) []byte { return append(b, 0) }
	tests := []struct {
		name   string
		pieces *Pieces
		file   string
		want   error
		// where the error shows: "open", "search" (ebitda) or "contents"
		// (the first document)
		where string
	}{
		{"a missing document table fails the open", damaged(meta, nil), meta, ErrMissingPiece, "open"},
		{"a damaged document table fails the open", damaged(meta, flip), meta, ErrCorrupt, "open"},
		{"a truncated document table fails the open", damaged(meta, cut), meta, ErrTruncated, "open"},
		{"a missing row piece fails the search that reads it", damaged(rows, nil), rows, ErrMissingPiece, "search"},
		{"a damaged row piece fails the search that reads it", damaged(rows, flip), rows, ErrCorrupt, "search"},
		{"a row piece with a byte too many is damaged", damaged(rows, grow), rows, ErrCorrupt, "search"},
		{"a missing block fails the document's contents", damaged(block, nil), block, ErrMissingPiece, "contents"},
		{"a truncated block fails the document's contents", damaged(block, cut), block, ErrTruncated, "contents"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := OpenPieces(context.Background(), tt.pieces.Manifest, tt.pieces, PieceOptions{})
			switch tt.where {
			case "search":
				if err == nil {
					_, err = ix.Search(Request{Query: "ebitda"})
				}
			case "contents":
				if err == nil {
					_, _, err = ix.Contents(context.Background(), ix.Documents()[0].ID)
				}
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			var pe *PieceError
			if !errors.As(err, &pe) || pe.File != tt.file || !strings.Contains(err.Error(), tt.file) {
				t.Errorf("got %v, want a *PieceError naming %s", err, tt.file)
			}
		})
	}
}

// discardingSource fails a piece until told otherwise and records what it
// was asked to discard.
type discardingSource struct {
	countingSource
	discarded []string
}

func (s *discardingSource) Discard(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.discarded = append(s.discarded, name)
	delete(s.fail, name)
}

func TestAFailedPieceIsFetchedAgainNextTime(t *testing.T) {
	p := splitSeeds(t, tinyPieces)
	_, rows, _ := pieceKinds(t, p)
	netErr := errors.New("network is down")
	src := &discardingSource{countingSource: countingSource{p: p, fail: map[string]error{rows: netErr}}}
	ix := openPieces(t, p, src)
	if _, err := ix.Search(Request{Query: "ebitda"}); !errors.Is(err, netErr) {
		t.Fatalf("got %v, want the source's error", err)
	}
	src.mu.Lock()
	delete(src.fail, rows)
	src.mu.Unlock()
	if res, err := ix.Search(Request{Query: "ebitda"}); err != nil || res.Total == 0 {
		t.Fatalf("after the source recovered: %v, %+v", err, res)
	}
	if len(src.discarded) != 0 {
		t.Errorf("a piece that failed to arrive was discarded: %v", src.discarded)
	}
}

func TestADamagedPieceIsDiscardedFromTheSource(t *testing.T) {
	p := splitSeeds(t, tinyPieces)
	_, rows, _ := pieceKinds(t, p)
	bad := &Pieces{Manifest: p.Manifest, Files: map[string][]byte{}}
	for n, b := range p.Files {
		bad.Files[n] = b
	}
	bad.Files[rows] = []byte("ROWS not really")
	src := &discardingSource{countingSource: countingSource{p: bad}}
	ix := openPieces(t, bad, src)
	if _, err := ix.Search(Request{Query: "ebitda"}); !errors.Is(err, ErrTruncated) {
		t.Fatalf("got %v, want ErrTruncated", err)
	}
	if fmt.Sprint(src.discarded) != "["+rows+"]" {
		t.Errorf("discarded %v, want [%s]", src.discarded, rows)
	}
}

func TestParseManifestRejectsBadManifests(t *testing.T) {
	p := splitSeeds(t, tinyPieces)
	edit := func(f func(m *Manifest)) []byte {
		m, err := ParseManifest(p.Manifest)
		if err != nil {
			t.Fatal(err)
		}
		f(m)
		return m.encode()
	}
	mod := func(f func(b []byte)) []byte {
		b := append([]byte(nil), p.Manifest...)
		f(b)
		return b
	}
	resum := func(b []byte) {
		binary.LittleEndian.PutUint32(b[len(b)-4:], checksum(b[:len(b)-4]))
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"an empty file is not a manifest", nil, ErrNotSnapshot},
		{"HTML is not a manifest", []byte("<!doctype html>"), ErrNotSnapshot},
		{"a snapshot is not a manifest", seedSnapshot(t), ErrNotSnapshot},
		{"a manifest cut in its magic is truncated", p.Manifest[:5], ErrTruncated},
		{"a cut manifest is truncated", p.Manifest[:len(p.Manifest)/2], ErrTruncated},
		{"a manifest with a byte appended is corrupt", append(append([]byte(nil), p.Manifest...), 0), ErrCorrupt},
		{"a flipped byte fails the checksum", mod(func(b []byte) { b[len(b)/2] ^= 4 }), ErrCorrupt},
		{"a newer format is refused", mod(func(b []byte) { binary.LittleEndian.PutUint32(b[8:], ManifestFormat+1); resum(b) }), ErrVersion},
		{"row pieces out of order are refused", edit(func(m *Manifest) { m.Rows[0], m.Rows[1] = m.Rows[1], m.Rows[0] }), ErrCorrupt},
		{"no row pieces is refused", edit(func(m *Manifest) { m.Rows = nil }), ErrCorrupt},
		{"a block past the corpus end is refused", edit(func(m *Manifest) { m.Blocks[len(m.Blocks)-1].Passage = 1 << 30 }), ErrCorrupt},
		{"a header of another snapshot format is refused", edit(func(m *Manifest) { m.Header.Format++ }), ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseManifest(tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			ix, err := OpenPieces(context.Background(), tt.data, p, PieceOptions{})
			if err == nil || ix != nil {
				t.Errorf("OpenPieces opened it")
			}
		})
	}
	t.Run("a manifest encodes back to its bytes", func(t *testing.T) {
		m, err := ParseManifest(p.Manifest)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(m.encode(), p.Manifest) {
			t.Error("encode(ParseManifest(b)) != b")
		}
	})
}

func TestDirServesPiecesFromFiles(t *testing.T) {
	p := splitSeeds(t, SplitOptions{})
	dir := t.TempDir()
	for name, b := range p.Files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := OpenPieces(context.Background(), p.Manifest, Dir(dir), PieceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res, err := ix.Search(Request{Query: "cloud"}); err != nil || res.Total == 0 {
		t.Fatalf("search: %v, %+v", err, res)
	}
	if _, err := Dir(dir).Fetch(context.Background(), "../index.snap"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Dir fetched a path outside its pieces: %v", err)
	}
}

func TestASmallCacheStillAnswers(t *testing.T) {
	p := splitSeeds(t, tinyPieces)
	whole := openSeeds(t)
	ix, err := OpenPieces(context.Background(), p.Manifest, p, PieceOptions{CacheBytes: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range pieceQueries {
		got := searchJSON(ix, req)
		want := searchJSON(whole, req)
		if got != want {
			t.Errorf("%q with a one-byte cache:\n got %s\nwant %s", req.Query, got, want)
		}
	}
}

// rename gives piece old the bytes b (unpacked) under their own name, in the manifest
// too, so that damage behind a valid name is what gets tested.
func rename(p *Pieces, old string, b []byte) *Pieces {
	name := pieceName(b)
	q := &Pieces{Files: map[string][]byte{}}
	for n, d := range p.Files {
		if n != old {
			q.Files[n] = d
		}
	}
	q.Files[name] = b
	m, err := ParseManifest(p.Manifest)
	if err != nil {
		panic(err)
	}
	ref := PieceRef{File: name, Size: len(b)}
	if m.Meta.File == old {
		m.Meta = ref
	}
	for i := range m.Rows {
		if m.Rows[i].File == old {
			m.Rows[i].PieceRef = ref
		}
	}
	for i := range m.Blocks {
		if m.Blocks[i].File == old {
			m.Blocks[i].PieceRef = ref
		}
	}
	q.Manifest = m.encode()
	return q
}

// FuzzManifest checks that no manifest makes ParseManifest, OpenPieces or
// a search panic.
func FuzzManifest(f *testing.F) {
	p := splitSeeds(f, tinyPieces)
	f.Add(p.Manifest, -1, byte(0))
	f.Add(p.Manifest, 20, byte(0x80))
	f.Add(p.Manifest, 100, byte(1))
	f.Add([]byte(manifestMagic), -1, byte(0))
	f.Fuzz(func(t *testing.T, manifest []byte, at int, x byte) {
		if at >= 16 && at < len(manifest)-4 {
			// damage behind a valid checksum
			manifest = append([]byte(nil), manifest...)
			manifest[at] ^= x
			binary.LittleEndian.PutUint32(manifest[len(manifest)-4:], checksum(manifest[:len(manifest)-4]))
		}
		m, err := ParseManifest(manifest)
		if err != nil {
			return
		}
		m.Files()
		ix, err := OpenPieces(context.Background(), manifest, p, PieceOptions{})
		if err != nil {
			return
		}
		ix.Search(Request{Query: "cloud", Fragments: true})
		ix.Contents(context.Background(), ix.Documents()[0].ID)
	})
}

// FuzzPieces checks that no damaged piece, behind a valid name, makes
// OpenPieces, a search or Contents panic: the piece-th piece has byte at
// xored with x, or is cut to cut bytes when cut > 0.
func FuzzPieces(f *testing.F) {
	p := splitSeeds(f, tinyPieces)
	m, _ := ParseManifest(p.Manifest)
	var names []string
	sizes := map[string]int{}
	for _, r := range m.Files() {
		names = append(names, r.File)
		sizes[r.File] = r.Size
	}
	f.Add(0, 10, byte(0x80), 0)
	f.Add(0, 0, byte(0), 100)
	f.Add(3, 4, byte(1), 0)
	f.Add(40, 7, byte(0xff), 0)
	f.Add(len(names)-1, 30, byte(0x20), 0)
	f.Fuzz(func(t *testing.T, piece, at int, x byte, cut int) {
		if piece < 0 || piece >= len(names) {
			return
		}
		// the piece itself, unpacked: a reader takes it so, and damage to
		// the gzip stream is caught by its checksum
		// (bounded by its size: a bound allocates, and 1 GB at each run
		// ran wasm's 4 GB memory out)
		b, err := unpackPiece(p.Files[names[piece]], sizes[names[piece]])
		if err != nil {
			t.Fatal(err)
		}
		b = append([]byte(nil), b...)
		if at >= 0 && at < len(b) {
			b[at] ^= x
		}
		if cut > 0 && cut < len(b) {
			b = b[:cut]
		}
		q := rename(p, names[piece], b)
		ix, err := OpenPieces(context.Background(), q.Manifest, q, PieceOptions{})
		if err != nil {
			return
		}
		for _, req := range []Request{{Query: "cloud", Fragments: true}, {Query: `"gross margin"`}, {Query: "ai*"}, {Query: "*"}, {Query: "revnue"}} {
			ix.Search(req)
		}
		for _, d := range ix.Documents() {
			ix.Contents(context.Background(), d.ID)
		}
	})
}

// slowSource holds every fetch until release is closed.
type slowSource struct {
	p       *Pieces
	release chan struct{}
}

func (s *slowSource) Fetch(ctx context.Context, name string) ([]byte, error) {
	<-s.release
	return s.p.Fetch(ctx, name)
}

func TestACancelledSearchDoesNotWaitForItsPieces(t *testing.T) {
	p := splitSeeds(t, tinyPieces)
	src := &slowSource{p: p, release: make(chan struct{})}
	close(src.release)
	ix := openPieces(t, p, src)
	src.release = make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := ix.SearchContext(ctx, Request{Query: "ebitda"})
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	close(src.release)
	if res, err := ix.Search(Request{Query: "ebitda"}); err != nil || res.Total == 0 {
		t.Fatalf("the next search: %v, %+v", err, res)
	}
}

// batchSource serves pieces in batches and counts them.
type batchSource struct {
	countingSource
	batches []int // size of each batch
}

func (s *batchSource) FetchAll(ctx context.Context, names []string) ([][]byte, []error) {
	s.mu.Lock()
	s.batches = append(s.batches, len(names))
	s.mu.Unlock()
	out, errs := make([][]byte, len(names)), make([]error, len(names))
	for i, n := range names {
		out[i], errs[i] = s.Fetch(ctx, n)
	}
	return out, errs
}

func TestABatchSourceGetsASearchsPiecesTogether(t *testing.T) {
	p := splitSeeds(t, tinyPieces)
	whole := openSeeds(t)
	_, rows, _ := pieceKinds(t, p)
	src := &batchSource{countingSource: countingSource{p: p, fail: map[string]error{rows: errors.New("offline")}}}
	ix := openPieces(t, p, src)
	if _, err := ix.Search(Request{Query: "ebitda"}); err == nil || !strings.Contains(err.Error(), rows) {
		t.Fatalf("got %v, want the failed piece %s named", err, rows)
	}
	src.mu.Lock()
	delete(src.fail, rows)
	src.batches = nil
	src.mu.Unlock()
	for _, req := range pieceQueries {
		if got, want := searchJSON(ix, req), searchJSON(whole, req); got != want {
			t.Errorf("%q:\n got %s\nwant %s", req.Query, got, want)
		}
	}
	big := 0
	for _, n := range src.batches {
		big = max(big, n)
	}
	if len(src.batches) == 0 || big < 2 {
		t.Errorf("batches %v: want the pieces of a search fetched together", src.batches)
	}
}

// checkedSource hands pieces over unpacked, saying of each whether it
// checked it: a piece whose bytes hash to its name when sums is set, none
// otherwise.
type checkedSource struct {
	countingSource
	sums bool
}

func (s *checkedSource) FetchAll(ctx context.Context, names []string) ([][]byte, []error) {
	panic("a CheckedSource is asked for FetchChecked")
}

func (s *checkedSource) FetchChecked(ctx context.Context, names []string) ([][]byte, []bool, []error) {
	out, checked, errs := make([][]byte, len(names)), make([]bool, len(names)), make([]error, len(names))
	for i, n := range names {
		b, err := s.Fetch(ctx, n)
		if err == nil {
			if u, uerr := unpackPiece(b, 1<<20); uerr == nil {
				b = u
			}
		}
		out[i], errs[i] = b, err
		checked[i] = s.sums && err == nil && pieceName(b) == n
	}
	return out, checked, errs
}

// TestACheckedSourceIsTrustedWithWhatItChecked checks that the index uses
// a CheckedSource's batches, reads the same with or without its checks,
// and still checks, and refuses, a damaged piece the source did not vouch
// for.
func TestACheckedSourceIsTrustedWithWhatItChecked(t *testing.T) {
	p := splitSeeds(t, tinyPieces)
	whole := openSeeds(t)
	for _, sums := range []bool{true, false} {
		src := &checkedSource{countingSource: countingSource{p: p}, sums: sums}
		ix := openPieces(t, p, src)
		for _, req := range pieceQueries {
			if got, want := searchJSON(ix, req), searchJSON(whole, req); got != want {
				t.Errorf("checked %v, %q:\n got %s\nwant %s", sums, req.Query, got, want)
			}
		}
		if len(src.fetched) == 0 {
			t.Errorf("checked %v: nothing was fetched", sums)
		}
	}
	_, rows, _ := pieceKinds(t, p)
	b, err := unpackPiece(p.Files[rows], 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	b = append([]byte(nil), b...)
	b[len(b)-1] ^= 1
	damaged := &Pieces{Manifest: p.Manifest, Files: maps.Clone(p.Files)}
	damaged.Files[rows] = b // under the name of the intact piece
	ix := openPieces(t, damaged, &checkedSource{countingSource: countingSource{p: damaged}, sums: true})
	if _, err := ix.Search(Request{Query: "ebitda"}); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), rows) {
		t.Fatalf("got %v, want the damaged piece %s refused", err, rows)
	}
}

// TestDictionaryCountsTermRows checks what heldCount relies on: in the
// fields it counts, a term's dictionary row holds the number of its term
// rows, and a term has term rows only with a dictionary row.
func TestDictionaryCountsTermRows(t *testing.T) {
	ix := openSeeds(t)
	checked := 0
	rows := map[string]int{} // the 'd' key of each term -> its term rows
	it := roReader{ix.rows}.PrefixIterator([]byte{'t'})
	for k, _, ok := it.Current(); ok; k, _, ok = it.Current() {
		d := append([]byte{'d'}, k[1:bytes.LastIndexByte(k, rowSep)]...)
		rows[string(d)]++
		it.Next()
	}
	for f := range countedFields {
		start, _ := ix.fieldKey('d', f, "")
		dict := roReader{ix.rows}.PrefixIterator(start)
		for k, v, ok := dict.Current(); ok; k, v, ok = dict.Current() {
			n, err := decodeDictRow(v)
			if err != nil {
				t.Fatal(err)
			}
			if got := rows[string(k)]; uint64(got) != n {
				t.Errorf("%s %q: the dictionary counts %d passages, %d term rows", f, k[3:], n, got)
			}
			delete(rows, string(k))
			checked++
			dict.Next()
		}
		for k, n := range rows {
			if strings.HasPrefix(k, string(start)) {
				t.Errorf("%s %q: %d term rows, no dictionary row", f, k[3:], n)
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d terms checked", checked)
	}
}

// TestCountHeldCountsTheRowsOfARange compares countHeld with the rows an
// iterator reads, on ranges that cross pieces, and checks that it declines
// when a piece is not in memory rather than fetching it.
func TestCountHeldCountsTheRowsOfARange(t *testing.T) {
	p := splitSeeds(t, tinyPieces)
	src := &countingSource{p: p}
	ix := openPieces(t, p, src)
	rs := ix.rows
	var all [][]byte
	it := roReader{rs}.RangeIterator([]byte{'d'}, nil)
	for k, _, ok := it.Current(); ok; k, _, ok = it.Current() {
		all = append(all, bytes.Clone(k))
		it.Next()
	}
	if len(rs.firsts) < 20 || len(all) < 1000 {
		t.Fatalf("%d pieces, %d rows: too few to cross pieces", len(rs.firsts), len(all))
	}
	for i := 0; i+1 < len(all); i += 97 {
		for _, j := range []int{i + 1, i + 40, i + 500, len(all)} {
			j = min(j, len(all))
			var end []byte
			if j < len(all) {
				end = all[j]
			}
			n, ok := rs.countHeld(all[i], end)
			if !ok || n != j-i {
				t.Fatalf("countHeld(%q, %q) = %d, %v; want %d", all[i], end, n, ok, j-i)
			}
		}
	}
	ix2 := openPieces(t, p, &countingSource{p: p})
	if n, ok := ix2.rows.countHeld(all[0], nil); ok {
		t.Errorf("with pieces not fetched, countHeld counted %d rows", n)
	}
}

// TestAWordsRowsInEveryFieldShareAFile checks the grouping of row pieces
// (groupedFields): for every term of the text field, the files holding its
// term rows in the title and ranking's fields are among the files holding
// its text rows, so a one-word search fetches no file for them alone. It
// checks the default pieces and tiny ones, which cut the text rows into
// many ranges; and that grouping left every piece whole (the differential
// TestPiecesSearchLikeTheWholeSnapshot checks the searches).
func TestAWordsRowsInEveryFieldShareAFile(t *testing.T) {
	for _, opt := range []SplitOptions{{}, tinyPieces} {
		t.Run(fmt.Sprintf("rows of %d bytes", opt.RowBytes), func(t *testing.T) {
			p := splitSeeds(t, opt)
			ix := openPieces(t, p, nil)
			m := ix.pieces.man
			filesOf := func(field, prefix string) []string {
				start, ok := ix.fieldKey('t', field, prefix)
				if !ok {
					t.Fatalf("no field %s", field)
				}
				var out []string
				for i := max(ix.rows.pieceOf(start), 0); i < ix.rows.piecesBefore(prefixEnd(start)); i++ {
					tb, err := ix.rows.table(i)
					if err != nil {
						t.Fatal(err)
					}
					if c := tb.seek(start); c.ok && bytes.HasPrefix(c.key, start) {
						out = append(out, m.Rows[i].File)
					}
				}
				return out
			}
			grouped, words := 0, 0
			dict, _ := ix.fieldKey('d', FieldText, "")
			it := roReader{ix.rows}.PrefixIterator(dict)
			for k, _, ok := it.Current(); ok; k, _, ok = it.Current() {
				term := string(k[len(dict):])
				it.Next()
				words++
				text := filesOf(FieldText, term+"\xff")
				for _, f := range []string{FieldTitle, FieldForms, FieldName, FieldDecl} {
					// A stem's FieldForms terms start with it (formsSep).
					prefix := term + "\xff"
					if f == FieldForms {
						prefix = term + formsSep
					}
					files := filesOf(f, prefix)
					for _, file := range files {
						if !slices.Contains(text, file) {
							t.Errorf("%q: its %s rows are in %s, its text rows in %v", term, f, file, text)
						}
					}
					if len(files) > 0 {
						grouped++
					}
				}
			}
			if words < 100 || grouped < 50 {
				t.Fatalf("checked %d words and %d of their rows in other fields: too few", words, grouped)
			}
			files := 0
			for _, ps := range mustParts(t, m) {
				if len(ps) > 1 {
					files++
				}
			}
			if files == 0 {
				t.Error("no file holds several row pieces")
			}
		})
	}
}

func mustParts(t *testing.T, m *Manifest) [][]int {
	t.Helper()
	ps, err := m.rowParts()
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// TestOneTermsRowsAreCutLater checks oneTermShare: a piece holding only
// rows of the term that fills the next piece too was cut at oneTermShare
// times RowBytes, not at twice, so a common word's postings take few
// pieces (each a request).
func TestOneTermsRowsAreCutLater(t *testing.T) {
	opt := SplitOptions{RowBytes: 40, BlockBytes: 200} // the seeds' common words fill pieces of their own
	p := splitSeeds(t, opt)
	ix := openPieces(t, p, nil)
	m := ix.pieces.man
	seen := 0
	for k := 0; k+1 < len(m.Rows); k++ {
		first, next := m.Rows[k].First, m.Rows[k+1].First
		if first[0] != 't' || !bytes.Equal(termOf(first), termOf(next)) {
			continue
		}
		tb, err := ix.rows.table(k)
		if err != nil {
			t.Fatal(err)
		}
		size := 0
		c := cursor{t: tb}
		c.seekBlock(0)
		for c.advance(); c.ok; c.advance() {
			if !bytes.Equal(termOf(c.key), termOf(first)) {
				size = -1 // other terms: cut as any piece
				break
			}
			size += len(c.key) + len(c.value) + 3
		}
		if size < 0 {
			continue
		}
		seen++
		if size < oneTermShare*opt.RowBytes {
			t.Errorf("piece %d holds only %q, %d bytes, and was cut before %d", k, termOf(first), size, oneTermShare*opt.RowBytes)
		}
	}
	if seen == 0 {
		t.Fatal("no term's rows fill a piece of their own: the test checks nothing")
	}
}
