package review

import (
	"fmt"
	"html"
	"strings"

	"github.com/claimtag/claimtag/app/annotation"
)

// PassageKey names a passage of a document.
type PassageKey struct{ Doc, Passage string }

// DocOverview summarises one document's annotations.
type DocOverview struct {
	Doc, Title string
	// TaggedPassages counts passages that at least one annotation overlaps.
	TaggedPassages int
	Counts         map[annotation.Tag]int
}

// Overview summarises a set of annotations over a corpus.
type Overview struct {
	Docs   []DocOverview // in corpus order, then unknown documents by first appearance
	Totals map[annotation.Tag]int
	// Unverified lists the Unverified annotations in document order.
	Unverified []annotation.Annotation
}

// NewOverview counts as per document and per tag.
func NewOverview(as []annotation.Annotation, c *Corpus) Overview {
	as = append([]annotation.Annotation(nil), as...)
	annotation.Sort(as)
	ov := Overview{Totals: make(map[annotation.Tag]int)}
	index := make(map[string]int)
	add := func(id, title string) int {
		if i, ok := index[id]; ok {
			return i
		}
		index[id] = len(ov.Docs)
		ov.Docs = append(ov.Docs, DocOverview{Doc: id, Title: title, Counts: make(map[annotation.Tag]int)})
		return len(ov.Docs) - 1
	}
	if c != nil {
		for _, d := range c.Documents() {
			add(d.ID, d.Title)
		}
	}
	tagged := make(map[PassageKey]bool)
	for _, a := range as {
		i := add(a.Anchor.Doc, "")
		ov.Docs[i].Counts[a.Tag]++
		ov.Totals[a.Tag]++
		if a.Tag == annotation.Unverified {
			ov.Unverified = append(ov.Unverified, a)
		}
		if c == nil {
			continue
		}
		for _, p := range c.passages(a.Anchor.Doc) {
			k := PassageKey{a.Anchor.Doc, p.ID}
			if min(a.Anchor.End, p.End) > max(a.Anchor.Start, p.Start) && !tagged[k] {
				tagged[k] = true
				ov.Docs[i].TaggedPassages++
			}
		}
	}
	return ov
}

// TagFilter chooses the annotations of a tag-aware search; a zero field
// matches everything.
type TagFilter struct {
	Tag     annotation.Tag
	Creator string
}

// Match reports whether a passes f.
func (f TagFilter) Match(a annotation.Annotation) bool {
	return (f.Tag == "" || a.Tag == f.Tag) && (f.Creator == "" || a.Creator == f.Creator)
}

// TaggedPassage is a passage that annotations matching a TagFilter overlap.
type TaggedPassage struct {
	Doc, Passage string
	// Annotations are the matching annotations overlapping the passage, in
	// document order.
	Annotations []annotation.Annotation
}

// TaggedPassages returns every passage of c that an annotation of as
// matching f overlaps, in corpus order: the whole candidate set of a
// tag-aware search, not its best hits. A search counts every match by
// filtering on these passages (index.Request.Passages, with Size at least
// len of the result, so no hit is cut off) and reading the tags of each hit
// from here (TagCounts). Annotations on documents c does not hold, or
// whose document has no passages, are left out.
func TaggedPassages(as []annotation.Annotation, c *Corpus, f TagFilter) []TaggedPassage {
	if c == nil {
		return nil
	}
	byDoc := map[string][]annotation.Annotation{}
	for _, a := range as {
		if f.Match(a) {
			byDoc[a.Anchor.Doc] = append(byDoc[a.Anchor.Doc], a)
		}
	}
	var out []TaggedPassage
	for _, d := range c.Documents() {
		list := byDoc[d.ID]
		if len(list) == 0 {
			continue
		}
		annotation.Sort(list)
		for _, p := range d.Passages {
			tp := TaggedPassage{Doc: d.ID, Passage: p.ID}
			for _, a := range list {
				if a.Anchor.Start >= p.End {
					break // sorted by start: no later annotation reaches p
				}
				if a.Anchor.End > p.Start {
					tp.Annotations = append(tp.Annotations, a)
				}
			}
			if len(tp.Annotations) > 0 {
				out = append(out, tp)
			}
		}
	}
	return out
}

// PassageIDs returns the passage ids of tps, for index.Request.Passages.
func PassageIDs(tps []TaggedPassage) []string {
	out := make([]string, 0, len(tps))
	for _, tp := range tps {
		out = append(out, tp.Passage)
	}
	return out
}

// TagCounts counts, per tag, the annotations on the passages of tps whose
// id is in hits (every passage when hits is nil): the tag-aware counts of a
// search's matches. An annotation spanning several matched passages counts
// once.
func TagCounts(tps []TaggedPassage, hits map[string]bool) map[annotation.Tag]int {
	counts := map[annotation.Tag]int{}
	seen := map[string]bool{}
	for _, tp := range tps {
		if hits != nil && !hits[tp.Passage] {
			continue
		}
		for _, a := range tp.Annotations {
			if !seen[a.ID] {
				seen[a.ID] = true
				counts[a.Tag]++
			}
		}
	}
	return counts
}

// tagColors are the bar colours of SVGBarChart.
var tagColors = map[annotation.Tag]string{
	annotation.Fact: "#2e7d32", annotation.Forecast: "#1565c0",
	annotation.Opinion: "#ef6c00", annotation.Unverified: "#757575",
}

// SVGBarChart returns a self-contained SVG bar chart of counts, one bar per
// tag in annotation.Tags order followed by any unknown tags (escaped). It
// references no remote resource.
func SVGBarChart(counts map[annotation.Tag]int) string {
	tags := annotation.Tags()
	for t := range counts {
		if !t.Valid() {
			tags = append(tags, t)
		}
	}
	sortTail(tags[4:])
	const barW, gap, h, top, bottom = 60, 20, 160, 20, 40
	maxN := 1
	for _, t := range tags {
		maxN = max(maxN, counts[t])
	}
	w := gap + len(tags)*(barW+gap)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="annotations per tag">`,
		w, h+top+bottom, w, h+top+bottom)
	// Presentation attributes, not a <style> element: a Content-Security-Policy
	// with style-src 'self' blocks inline style elements.
	b.WriteString(`<g font-family="sans-serif" font-size="12" text-anchor="middle">`)
	for i, t := range tags {
		n := max(0, counts[t])
		bh := n * h / maxN
		x := gap + i*(barW+gap)
		color, ok := tagColors[t]
		if !ok {
			color = "#9e9e9e"
		}
		label := html.EscapeString(string(t))
		fmt.Fprintf(&b, `<g><title>%s: %d</title><rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>`,
			label, n, x, top+h-bh, barW, bh, color)
		fmt.Fprintf(&b, `<text x="%d" y="%d">%d</text><text x="%d" y="%d">%s</text></g>`,
			x+barW/2, top+h-bh-4, n, x+barW/2, top+h+16, label)
	}
	b.WriteString(`</g></svg>`)
	return b.String()
}

func sortTail(ts []annotation.Tag) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j] < ts[j-1]; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}
