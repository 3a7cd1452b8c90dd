package ingest

import (
	"fmt"
	"strings"
)

// Selector is a small CSS selector that picks the root element of an HTML
// page (Options.Root), like Pagefind's --root-selector. It is a list of
// compound selectors separated by commas; each is an optional tag name (or
// "*") followed by any of #id, .class, [attr], [attr=value] and
// [attr~=value] (value quoted or not). An element matches when it matches
// one compound selector of the list. Combinators (descendant, child) are
// not supported: a compound selector names one element.
//
//	div[role=main]
//	main, article.content, #body
type Selector struct {
	text string
	alts []compound // empty for the zero Selector, which matches nothing
}

// compound is one compound selector.
type compound struct {
	tag   string // "" or "*" for any
	attrs []attrTest
}

// attrTest is one #id, .class or [attr...] test.
type attrTest struct {
	name  string // attribute name, lowercase
	op    byte   // 0 (present), '=' (equals) or '~' (one of its space-separated words)
	value string
}

// ParseSelector parses a root selector. Errors wrap ErrOptions and say
// where the selector went wrong.
func ParseSelector(s string) (Selector, error) {
	sel := Selector{text: strings.TrimSpace(s)}
	if sel.text == "" {
		return Selector{}, fmt.Errorf("%w: empty root selector", ErrOptions)
	}
	for _, part := range strings.Split(sel.text, ",") {
		c, err := parseCompound(strings.TrimSpace(part))
		if err != nil {
			return Selector{}, fmt.Errorf("%w: root selector %q: %v", ErrOptions, s, err)
		}
		sel.alts = append(sel.alts, c)
	}
	return sel, nil
}

// String returns the selector as it was written.
func (s Selector) String() string { return s.text }

func isIdentByte(c byte) bool {
	return c == '-' || c == '_' || c >= 0x80 || (c|0x20 >= 'a' && c|0x20 <= 'z') || (c >= '0' && c <= '9')
}

func parseCompound(s string) (compound, error) {
	var c compound
	if s == "" {
		return c, fmt.Errorf("an empty alternative")
	}
	i := 0
	ident := func() string {
		j := i
		for i < len(s) && isIdentByte(s[i]) {
			i++
		}
		return s[j:i]
	}
	if s[0] == '*' {
		c.tag, i = "*", 1
	} else if isIdentByte(s[0]) {
		c.tag = strings.ToLower(ident())
	}
	for i < len(s) {
		switch ch := s[i]; ch {
		case '#', '.':
			i++
			v := ident()
			if v == "" {
				return c, fmt.Errorf("%q needs a name after it", string(ch))
			}
			if ch == '#' {
				c.attrs = append(c.attrs, attrTest{"id", '=', v})
			} else {
				c.attrs = append(c.attrs, attrTest{"class", '~', v})
			}
		case '[':
			i++
			t, err := parseAttrTest(s, &i, ident)
			if err != nil {
				return c, err
			}
			c.attrs = append(c.attrs, t)
		case ' ', '\t', '>', '+', '~':
			return c, fmt.Errorf("combinators are not supported (at %q): name one element, e.g. div[role=main]", s[i:])
		default:
			return c, fmt.Errorf("unexpected %q", s[i:])
		}
	}
	return c, nil
}

func parseAttrTest(s string, i *int, ident func() string) (attrTest, error) {
	t := attrTest{name: strings.ToLower(ident())}
	if t.name == "" {
		return t, fmt.Errorf("[ needs an attribute name")
	}
	switch {
	case strings.HasPrefix(s[*i:], "]"):
		*i++
		return t, nil
	case strings.HasPrefix(s[*i:], "~="):
		t.op, *i = '~', *i+2
	case strings.HasPrefix(s[*i:], "="):
		t.op, *i = '=', *i+1
	default:
		return t, fmt.Errorf("[%s needs = value] or ]", t.name)
	}
	if *i < len(s) && (s[*i] == '"' || s[*i] == '\'') {
		q := s[*i]
		end := strings.IndexByte(s[*i+1:], q)
		if end < 0 {
			return t, fmt.Errorf("unclosed quote in [%s]", t.name)
		}
		t.value = s[*i+1 : *i+1+end]
		*i += end + 2
	} else {
		t.value = ident()
	}
	if !strings.HasPrefix(s[*i:], "]") {
		return t, fmt.Errorf("[%s%c... needs a closing ]", t.name, t.op)
	}
	*i++
	return t, nil
}

// match reports whether an element with the tag name and attributes
// (lowercase names, as the HTML tokenizer gives them) matches s.
func (s Selector) match(tag string, attrs map[string]string) bool {
	for _, c := range s.alts {
		if c.match(tag, attrs) {
			return true
		}
	}
	return false
}

func (c compound) match(tag string, attrs map[string]string) bool {
	if c.tag != "" && c.tag != "*" && c.tag != tag {
		return false
	}
	for _, t := range c.attrs {
		v, ok := attrs[t.name]
		switch {
		case !ok:
			return false
		case t.op == '=' && v != t.value:
			return false
		case t.op == '~' && !hasWord(v, t.value):
			return false
		}
	}
	return true
}

// hasWord reports whether the space-separated list v holds w.
func hasWord(v, w string) bool {
	for _, f := range strings.Fields(v) {
		if f == w {
			return true
		}
	}
	return false
}
