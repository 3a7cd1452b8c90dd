package ingest

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown is parsed by goldmark (CommonMark and the GitHub extensions:
// tables, strikethrough, autolinks, task lists) and rendered to HTML, which
// then goes through the same path as an HTML file: bluemonday, then the
// tokenizer. So "[Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar))" is
// the text "Foo (bar)", raw HTML in Markdown is sanitized like any page, and
// an image reads as its alt text. Front matter between "---" lines is read
// for title and date and removed first.
//
// goldmark has no time limit of its own and some inputs cost it quadratic
// time (thousands of unclosed "[a](" on one line), so every block and inline
// parser is wrapped to check the file's time budget on each call.

// budgetKey holds the file's *budget in the goldmark parser context.
var budgetKey = parser.NewContextKey()

// markdown is the goldmark instance every Markdown file goes through.
var markdown = func() goldmark.Markdown {
	inline := append(parser.DefaultInlineParsers(),
		util.Prioritized(extension.NewStrikethroughParser(), 500),
		util.Prioritized(extension.NewLinkifyParser(), 999),
		util.Prioritized(extension.NewTaskCheckBoxParser(), 0))
	for i, v := range inline {
		ip := v.Value.(parser.InlineParser)
		if cb, ok := ip.(parser.CloseBlocker); ok {
			inline[i].Value = budgetedCloser{budgetedInline{ip}, cb}
		} else {
			inline[i].Value = budgetedInline{ip}
		}
	}
	blocks := parser.DefaultBlockParsers()
	for i, v := range blocks {
		blocks[i].Value = budgetedBlock{v.Value.(parser.BlockParser)}
	}
	p := parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inline...),
		parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
			util.Prioritized(extension.NewTableParagraphTransformer(), 200))...),
		parser.WithASTTransformers(
			util.Prioritized(extension.NewTableASTTransformer(), 0),
			util.Prioritized(imagesAsAlt{}, 1000)),
	)
	r := renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(html.NewRenderer(html.WithUnsafe()), 1000),
		util.Prioritized(extension.NewTableHTMLRenderer(), 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(taskBoxes{}, 500)))
	return goldmark.New(goldmark.WithParser(p), goldmark.WithRenderer(r))
}()

// parseMarkdown extracts the blocks of a Markdown document.
func parseMarkdown(s string, b *budget) parsed {
	var title, date string
	s = frontMatter(s, &title, &date)
	ctx := parser.NewContext()
	ctx.Set(budgetKey, b)
	var out bytes.Buffer
	if err := markdown.Convert([]byte(s), &out, parser.WithContext(ctx)); err != nil {
		// Rendering to a bytes.Buffer cannot fail; read the source as text.
		return parseText(s)
	}
	pd := parseHTML(out.String(), htmlOptions{alt: true, budget: b})
	// The rendered HTML has no <title>: the first heading is the title.
	pd.title, pd.date = title, date
	if pd.title == "" {
		for _, bl := range pd.blocks {
			if bl.kind == "h" {
				pd.title = bl.text
				break
			}
		}
	}
	return pd
}

// frontMatter removes a leading "---" YAML block from s, reading its title:
// and date: keys.
func frontMatter(s string, title, date *string) string {
	first, rest, _ := strings.Cut(s, "\n")
	if strings.TrimSpace(first) != "---" {
		return s
	}
	var t, d string
	for rest != "" {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		if x := strings.TrimSpace(l); x == "---" || x == "..." {
			*title, *date = t, d
			return rest
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "title":
			t = v
		case "date":
			d = v
		}
	}
	// No closing line: not front matter after all.
	return s
}

// imagesAsAlt replaces every image by its alt text (its children), so that
// "![Revenue chart](c.png)" reads "Revenue chart", as in a text browser.
type imagesAsAlt struct{}

func (imagesAsAlt) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var images []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindImage {
			images = append(images, n)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		parent := img.Parent()
		if parent == nil {
			continue
		}
		for c := img.FirstChild(); c != nil; c = img.FirstChild() {
			img.RemoveChild(img, c)
			parent.InsertBefore(parent, img, c)
		}
		parent.RemoveChild(parent, img)
	}
}

// taskBoxes renders the check box of a task list item as nothing: it has
// no text.
type taskBoxes struct{}

func (taskBoxes) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(extast.KindTaskCheckBox, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}

// budgetOf returns the file's budget from the parser context.
func budgetOf(pc parser.Context) *budget {
	b, _ := pc.Get(budgetKey).(*budget)
	return b
}

// budgetedBlock checks the budget on every call of a block parser.
type budgetedBlock struct{ parser.BlockParser }

func (p budgetedBlock) Open(parent ast.Node, r text.Reader, pc parser.Context) (ast.Node, parser.State) {
	budgetOf(pc).check()
	return p.BlockParser.Open(parent, r, pc)
}

func (p budgetedBlock) Continue(n ast.Node, r text.Reader, pc parser.Context) parser.State {
	budgetOf(pc).spend()
	return p.BlockParser.Continue(n, r, pc)
}

// budgetedInline checks the budget on every call of an inline parser.
type budgetedInline struct{ parser.InlineParser }

func (p budgetedInline) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	budgetOf(pc).check()
	return p.InlineParser.Parse(parent, block, pc)
}

// budgetedCloser is a budgetedInline that keeps its parser's CloseBlock.
type budgetedCloser struct {
	budgetedInline
	cb parser.CloseBlocker
}

func (p budgetedCloser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	p.cb.CloseBlock(parent, block, pc)
}
