package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimtag/claimtag/index/ingest/provenance"
)

// DefaultMaxFileSize is the file size limit used when Options.MaxFileSize is 0.
const DefaultMaxFileSize = 32 << 20

// MaxFileSizeLimit is the largest Options.MaxFileSize accepted: offsets in
// the index are 32-bit and ingesting keeps several copies of a file's text.
const MaxFileSizeLimit = 1 << 30

// MetadataFile is the name of the optional metadata file at the root of a
// folder. It is read, never ingested.
const MetadataFile = "claimtag.json"

// Sentinel errors returned (wrapped) by Parse, Dir and FS; check them with
// errors.Is.
var (
	// ErrEmpty means a file has no text left after cleaning.
	ErrEmpty = errors.New("empty: no text after cleaning")
	// ErrBinary means a file looks like binary data.
	ErrBinary = errors.New("binary file")
	// ErrTooLarge means a file exceeds the size limit.
	ErrTooLarge = errors.New("too large")
	// ErrTimeBudget means a file took longer than its time budget.
	ErrTimeBudget = errors.New("over the time budget")
	// ErrUnsupported means a file's extension is not a supported format.
	ErrUnsupported = errors.New("unsupported file type")
	// ErrNoDocuments means a folder yielded no usable document.
	ErrNoDocuments = errors.New("no documents")
	// ErrOptions means an Options field is invalid: a size limit above
	// MaxFileSizeLimit, a malformed root selector or exclude pattern.
	ErrOptions = errors.New("invalid ingest options")
)

// Document is one ingested source file.
type Document struct {
	ID       string    // path relative to the root, slash-separated, extension stripped
	Path     string    // path relative to the root, slash-separated, with extension
	Title    string    // human title: metadata, else derived from the content, else the file name
	Date     string    // "YYYY-MM-DD", "YYYY-MM", "YYYY" or ""
	Source   string    // the metadata file's source, else ""
	Format   string    // "txt", "md" or "html"
	Text     string    // normalized text: passages joined by "\n\n"
	Passages []Passage // in text order
	// Provenance records how Text was made from the file: the encoding and
	// why, what was sanitized and dropped, and every repair.
	Provenance provenance.Provenance
	// Repairs is Provenance.Repairs, the same slice: every repair made to
	// damaged text, in text order.
	Repairs []Repair
}

// Passage is one paragraph, heading, list item or preformatted block of
// Document.Text.
type Passage struct {
	ID                 string     // stable while its text is unchanged
	Kind               string     // "p", "h" (heading), "li" or "pre"
	Start, End         int        // code point offsets into Document.Text
	ByteStart, ByteEnd int        // the same span in bytes
	Sentences          []Sentence // cover the passage in order
}

// Sentence is one sentence inside a passage.
type Sentence struct {
	ID         string
	Start, End int // code point offsets into Document.Text
}

// Repair records one change made to repair damaged text: the code point
// span [Start, End) of Document.Text now reads To where the file had From.
type Repair = provenance.Repair

// Skipped names a file that was not ingested and why.
type Skipped struct{ Path, Reason string }

// Report is the result of Dir and FS.
type Report struct {
	Documents []*Document // sorted by Path
	Skipped   []Skipped   // in walk order
	Excluded  []string    // paths excluded by Options.Exclude (a folder stands for its content), in walk order
	Warnings  []string    // problems that did not stop a file, e.g. metadata for a missing file
}

// Options tune Parse, Dir and FS. The zero value is ready to use.
type Options struct {
	// MaxFileSize skips larger files (bytes); 0 means DefaultMaxFileSize. A
	// value above MaxFileSizeLimit is an error, never silently capped.
	MaxFileSize int64
	// MaxFileTime skips a file whose parsing takes longer; 0 means
	// DefaultMaxFileTime.
	MaxFileTime time.Duration
	// Root, when set, is a selector (see Selector) naming the element of an
	// HTML page to ingest, e.g. "div[role=main]"; a page without such an
	// element is ingested whole. Titles still come from <title>.
	Root string
	// Exclude lists glob patterns of paths, relative to the folder, not to
	// ingest, e.g. "genindex*", "_*/**", "**/search.html" (see the syntax in
	// exclude.go's comment, repeated in README.md).
	Exclude []string
	// Progress, when set, is called after each file.
	Progress func(done, total int, path string)
}

// settings are Options checked and compiled.
type settings struct {
	limit   int64
	time    time.Duration
	root    Selector
	exclude excluder
}

// Check reports whether o is valid: the first problem, wrapping
// ErrOptions, or nil. Parse, Dir and FS check their options the same way.
func (o Options) Check() error {
	_, err := o.check()
	return err
}

// check validates and compiles o; errors wrap ErrOptions.
func (o Options) check() (settings, error) {
	st := settings{limit: o.MaxFileSize, time: o.MaxFileTime}
	switch {
	case st.limit < 0:
		return st, fmt.Errorf("%w: max file size %d is negative", ErrOptions, st.limit)
	case st.limit == 0:
		st.limit = DefaultMaxFileSize
	case st.limit > MaxFileSizeLimit:
		return st, fmt.Errorf("%w: max file size %d bytes is above the limit of %d bytes (1 GiB)", ErrOptions, st.limit, MaxFileSizeLimit)
	}
	if st.time < 0 {
		return st, fmt.Errorf("%w: max file time %s is negative", ErrOptions, st.time)
	}
	if st.time == 0 {
		st.time = DefaultMaxFileTime
	}
	if strings.TrimSpace(o.Root) != "" {
		sel, err := ParseSelector(o.Root)
		if err != nil {
			return st, err
		}
		st.root = sel
	}
	ex, err := newExcluder(o.Exclude)
	if err != nil {
		return st, err
	}
	st.exclude = ex
	return st, nil
}

// Text returns the passage's text in d.
func (p Passage) Text(d *Document) string {
	if p.ByteStart < 0 || p.ByteEnd > len(d.Text) || p.ByteStart > p.ByteEnd {
		return ""
	}
	return d.Text[p.ByteStart:p.ByteEnd]
}

// Text returns the sentence's text in d.
func (s Sentence) Text(d *Document) string { return d.Slice(s.Start, s.End) }

// Slice returns the text between code point offsets start and end of
// d.Text, clamped to the text.
func (d *Document) Slice(start, end int) string {
	bs, be := d.byteOffset(start), d.byteOffset(end)
	if bs >= be {
		return ""
	}
	return d.Text[bs:be]
}

// byteOffset converts a code point offset into a byte offset of d.Text,
// walking from the nearest passage start.
func (d *Document) byteOffset(cp int) int {
	if cp <= 0 {
		return 0
	}
	i := sort.Search(len(d.Passages), func(i int) bool { return d.Passages[i].Start > cp }) - 1
	b, c := 0, 0
	if i >= 0 && d.Passages[i].ByteStart <= len(d.Text) {
		b, c = d.Passages[i].ByteStart, d.Passages[i].Start
	}
	for c < cp && b < len(d.Text) {
		_, n := utf8.DecodeRuneInString(d.Text[b:])
		b += n
		c++
	}
	return b
}

// skipError is a Parse failure that becomes a Skipped reason in Dir.
type skipError struct {
	sentinel error
	reason   string
}

func (e *skipError) Error() string { return e.reason }
func (e *skipError) Unwrap() error { return e.sentinel }

// formatOf returns the document format for a file name, or "".
func formatOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt":
		return "txt"
	case ".md", ".markdown":
		return "md"
	case ".html", ".htm":
		return "html"
	}
	return ""
}

func unsupported(name string) *skipError {
	ext := path.Ext(name)
	if ext == "" {
		return &skipError{ErrUnsupported, "unsupported file type (no extension)"}
	}
	return &skipError{ErrUnsupported, "unsupported file type " + ext}
}

// Dir ingests the folder at root; see FS. An error naming root is returned
// when root cannot be read; it wraps ErrNoDocuments.
func Dir(root string, opt Options) (*Report, error) {
	st, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("ingest %s: %w: %w", root, ErrNoDocuments, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("ingest %s: %w: not a directory", root, ErrNoDocuments)
	}
	rep, err := FS(os.DirFS(root), opt)
	if err != nil {
		return rep, fmt.Errorf("ingest %s: %w", root, err)
	}
	return rep, nil
}

// FS ingests every supported file of fsys, walking it recursively in sorted
// order and skipping dot-files and dot-directories and the paths matched by
// Options.Exclude. Files that cannot be ingested are listed in
// Report.Skipped with the reason. FS returns an error wrapping ErrOptions
// for invalid options, an error when the metadata file is malformed, or an
// error wrapping ErrNoDocuments (with the report so far) when no document
// was usable.
func FS(fsys fs.FS, opt Options) (*Report, error) {
	st, err := opt.check()
	if err != nil {
		return nil, err
	}
	rep := &Report{}
	meta, err := readMeta(fsys)
	if err != nil {
		return nil, err
	}
	var files []string
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if err != nil {
			if p == "." {
				return err
			}
			rep.Skipped = append(rep.Skipped, Skipped{p, "unreadable: " + err.Error()})
			return nil
		}
		if p == "." || p == MetadataFile {
			return nil
		}
		if d.IsDir() {
			if st.exclude.dir(p) {
				rep.Excluded = append(rep.Excluded, p+"/")
				return fs.SkipDir
			}
			return nil
		}
		if st.exclude.file(p) {
			rep.Excluded = append(rep.Excluded, p)
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoDocuments, err)
	}
	ids := map[string]string{}
	for i, p := range files {
		doc, reason := ingestFile(fsys, p, st)
		if reason != "" {
			rep.Skipped = append(rep.Skipped, Skipped{p, reason})
		} else {
			if other, dup := ids[doc.ID]; dup {
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: id %q already used by %s; using %q", p, doc.ID, other, p))
				setIDs(doc, p)
			}
			ids[doc.ID] = p
			meta.apply(doc)
			rep.Documents = append(rep.Documents, doc)
		}
		if opt.Progress != nil {
			opt.Progress(i+1, len(files), p)
		}
	}
	rep.Warnings = append(rep.Warnings, meta.unused()...)
	sort.Slice(rep.Documents, func(i, j int) bool { return rep.Documents[i].Path < rep.Documents[j].Path })
	if len(rep.Documents) == 0 {
		return rep, fmt.Errorf("%w: %d files, none usable", ErrNoDocuments, len(files))
	}
	return rep, nil
}

// ingestFile reads and parses one file, returning a document or the reason
// it was skipped.
func ingestFile(fsys fs.FS, p string, st settings) (*Document, string) {
	if formatOf(p) == "" {
		return nil, unsupported(p).reason
	}
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, "unreadable: " + err.Error()
	}
	if !info.Mode().IsRegular() {
		return nil, "not a regular file"
	}
	if info.Size() > st.limit {
		return nil, tooLarge(info.Size(), st.limit).reason
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, "unreadable: " + err.Error()
	}
	doc, err := st.parse(p, data)
	if err != nil {
		var se *skipError
		if errors.As(err, &se) {
			return nil, se.reason
		}
		return nil, err.Error()
	}
	return doc, ""
}

func tooLarge(n, limit int64) *skipError {
	return &skipError{ErrTooLarge, fmt.Sprintf("too large: %d bytes (limit %d)", n, limit)}
}
