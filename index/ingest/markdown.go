package ingest

import (
	"regexp"
	"strings"
)

var (
	mdHeading  = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	mdListItem = regexp.MustCompile(`^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$`)
	mdFence    = regexp.MustCompile("^ {0,3}(```+|~~~+)")
	mdRule     = regexp.MustCompile(`^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	mdSetext   = regexp.MustCompile(`^ {0,3}(?:=+|-+)[ \t]*$`)
	mdQuote    = regexp.MustCompile(`^ {0,3}>[ \t]?`)
	mdImage    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])`)
	mdAutoLink = regexp.MustCompile(`<((?:https?|mailto):[^>\s]*)>`)
	mdStrong   = regexp.MustCompile(`\*\*|__`)
	mdEmph     = regexp.MustCompile(`(^|[\s(])\*([^\s*](?:[^*]*[^\s*])?)\*`)
)

// parseMarkdown splits Markdown into blocks: headings, list items, fenced
// code and paragraphs, with inline markup stripped. Front matter between
// "---" lines is read for title and date and removed.
func parseMarkdown(s string) parsed {
	var pd parsed
	lines := strings.Split(s, "\n")
	lines = frontMatter(lines, &pd)
	var cur []string
	kind := "p"
	flush := func() {
		if len(cur) > 0 {
			t := strings.Join(cur, "\n")
			if kind != "pre" {
				t = mdInline(t)
			}
			pd.blocks = append(pd.blocks, block{kind, t})
		}
		cur, kind = nil, "p"
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if m := mdFence.FindStringSubmatch(l); m != nil {
			flush()
			fence := m[1]
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimLeft(lines[i], " "), fence); i++ {
				cur = append(cur, lines[i])
			}
			kind = "pre"
			flush()
			continue
		}
		if strings.TrimFunc(l, isSpace) == "" {
			flush()
			continue
		}
		if mdSetext.MatchString(l) && kind == "p" && len(cur) == 1 {
			kind = "h"
			flush()
			continue
		}
		if mdRule.MatchString(l) {
			flush()
			continue
		}
		if m := mdHeading.FindStringSubmatch(l); m != nil {
			flush()
			cur, kind = []string{m[2]}, "h"
			flush()
			continue
		}
		if m := mdListItem.FindStringSubmatch(l); m != nil {
			flush()
			cur, kind = []string{m[1]}, "li"
			continue
		}
		cur = append(cur, mdQuote.ReplaceAllString(l, ""))
	}
	flush()
	return pd
}

// frontMatter removes a leading "---" YAML block from lines, reading its
// title: and date: keys into pd.
func frontMatter(lines []string, pd *parsed) []string {
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return lines
	}
	for i := 1; i < len(lines); i++ {
		l := lines[i]
		if t := strings.TrimSpace(l); t == "---" || t == "..." {
			return lines[i+1:]
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "title":
			pd.title = v
		case "date":
			pd.date = v
		}
	}
	// No closing line: not front matter after all.
	pd.title, pd.date = "", ""
	return lines
}

// mdInline strips inline Markdown: links and images become their text,
// emphasis markers and code backticks disappear.
func mdInline(s string) string {
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdAutoLink.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "")
	s = mdEmph.ReplaceAllString(s, "$1$2")
	return strings.ReplaceAll(s, "`", "")
}
