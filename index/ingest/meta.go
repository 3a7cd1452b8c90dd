package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// metaEntry is one document of the metadata file.
type metaEntry struct {
	Path   string `json:"path"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Source string `json:"source"`
}

// metadata is the parsed metadata file, keyed by cleaned path.
type metadata struct {
	entries  map[string]metaEntry
	order    []string
	used     map[string]bool
	warnings []string
}

// readMeta reads MetadataFile at the root of fsys, if any.
func readMeta(fsys fs.FS) (*metadata, error) {
	m := &metadata{entries: map[string]metaEntry{}, used: map[string]bool{}}
	data, err := fs.ReadFile(fsys, MetadataFile)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", MetadataFile, err)
	}
	var f struct {
		Documents []metaEntry `json:"documents"`
	}
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))))
	if err := dec.Decode(&f); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("parse %s at offset %d: %w", MetadataFile, se.Offset, err)
		case errors.As(err, &te):
			return nil, fmt.Errorf("parse %s at offset %d: %w", MetadataFile, te.Offset, err)
		}
		return nil, fmt.Errorf("parse %s: %w", MetadataFile, err)
	}
	for i, e := range f.Documents {
		p := strings.TrimPrefix(path.Clean(strings.ReplaceAll(e.Path, `\`, "/")), "/")
		if e.Path == "" {
			m.warnings = append(m.warnings, fmt.Sprintf("%s: documents[%d] has no path", MetadataFile, i))
			continue
		}
		if e.Date != "" && parseDate(e.Date) == "" {
			m.warnings = append(m.warnings, fmt.Sprintf("%s: %s: unrecognized date %q ignored", MetadataFile, p, e.Date))
			e.Date = ""
		}
		if _, dup := m.entries[p]; !dup {
			m.order = append(m.order, p)
		}
		m.entries[p] = e
	}
	return m, nil
}

// apply overrides doc's title, date and source with its metadata entry.
func (m *metadata) apply(doc *Document) {
	e, ok := m.entries[doc.Path]
	if !ok {
		return
	}
	m.used[doc.Path] = true
	if t := cleanLine(e.Title); t != "" {
		doc.Title = t
	}
	if d := parseDate(e.Date); d != "" {
		doc.Date = d
	}
	doc.Source = strings.TrimSpace(e.Source)
}

// unused returns warnings, including one per entry that matched no document.
func (m *metadata) unused() []string {
	w := m.warnings
	for _, p := range m.order {
		if !m.used[p] {
			w = append(w, fmt.Sprintf("%s: no ingested document %s", MetadataFile, p))
		}
	}
	return w
}

// deriveTitle returns the first short text passage among the first three,
// else the file name without extension.
func deriveTitle(doc *Document) string {
	for i, p := range doc.Passages {
		if i >= 3 {
			break
		}
		t := p.Text(doc)
		if p.Kind == "h" || (utf8.RuneCountInString(t) < 100 && strings.IndexFunc(t, unicode.IsLetter) >= 0) {
			if d, whole := findDate(t); d == "" || !whole {
				return t
			}
		}
	}
	base := path.Base(doc.Path)
	return strings.TrimSuffix(base, path.Ext(base))
}

// deriveDate looks for a date in the first three passages when they are
// short, like a dateline or byline.
func deriveDate(doc *Document) string {
	for i, p := range doc.Passages {
		if i >= 3 {
			break
		}
		if t := p.Text(doc); utf8.RuneCountInString(t) < 100 {
			if d, _ := findDate(t); d != "" {
				return d
			}
		}
	}
	return ""
}

var months = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const monthRE = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

// datePatterns match dates in text; each has a function ordering its groups
// into year, month, day ("" day or month for partial dates).
var datePatterns = []struct {
	re  *regexp.Regexp
	ymd func(m []string) (string, string, string)
}{
	{regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`), func(m []string) (string, string, string) { return m[1], m[2], m[3] }},
	{regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})[ /](\d{4})\b`), func(m []string) (string, string, string) { return m[3], m[1], m[2] }},
	{regexp.MustCompile(`(?i)\b` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`), func(m []string) (string, string, string) { return m[3], m[1], m[2] }},
	{regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+` + monthRE + `,?\s+(\d{4})\b`), func(m []string) (string, string, string) { return m[3], m[2], m[1] }},
	{regexp.MustCompile(`(?i)\b` + monthRE + `,?\s+(\d{4})\b`), func(m []string) (string, string, string) { return m[2], m[1], "" }},
	{regexp.MustCompile(`\b(\d{4})-(\d{2})\b`), func(m []string) (string, string, string) { return m[1], m[2], "" }},
	{regexp.MustCompile(`^(\d{4})$`), func(m []string) (string, string, string) { return m[1], "", "" }},
}

// findDate returns the first date found in s as "YYYY-MM-DD", "YYYY-MM" or
// "YYYY", and whether the date is all of s.
func findDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, dp := range datePatterns {
		loc := dp.re.FindStringSubmatchIndex(s)
		if loc == nil {
			continue
		}
		m := make([]string, len(loc)/2)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = s[loc[2*i]:loc[2*i+1]]
			}
		}
		if d := formatDate(dp.ymd(m)); d != "" {
			return d, loc[0] == 0 && loc[1] == len(s)
		}
	}
	return "", false
}

// formatDate validates and formats a year, month (number or name) and day.
func formatDate(y, mo, d string) string {
	year, err := strconv.Atoi(y)
	if err != nil || year < 1000 || year > 2999 {
		return ""
	}
	if mo == "" {
		return fmt.Sprintf("%04d", year)
	}
	month, err := strconv.Atoi(mo)
	if err != nil {
		month = months[strings.ToLower(strings.TrimSuffix(mo, "."))]
	}
	if month < 1 || month > 12 {
		return ""
	}
	if d == "" {
		return fmt.Sprintf("%04d-%02d", year, month)
	}
	day, err := strconv.Atoi(d)
	if err != nil || day < 1 || day > 31 {
		return ""
	}
	if t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC); t.Day() != day {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
}

// parseDate normalizes a metadata or front matter date; "" if unrecognized.
func parseDate(s string) string {
	s = strings.Trim(strings.TrimSpace(s), `"'`)
	if s == "" {
		return ""
	}
	d, _ := findDate(s)
	return d
}
