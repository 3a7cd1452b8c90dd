package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/claimtag/claimtag/index"
)

func TestZZDebug(t *testing.T) {
	dist, _ := e2eSite(t)
	ix := openIndex(t, dist)
	tab := openTab(t, dist)
	ctx := tab.ctx
	doc := ix.Documents()[0].ID
	step(t, ctx, "load", chromedp.Navigate(tab.root+"doc?id="+doc), chromedp.WaitVisible("#doc .passage", chromedp.ByQuery))
	tagSentences(t, ctx, 3)
	var ps index.Passage
	for _, p := range ix.Passages(doc) {
		if ps.ID == "" && len(p.Sentences) > 1 && p.End-p.Start > 80 {
			ps = p
		}
	}
	prunes := []rune(ps.Text)
	sel := selectJS(ps.ID, u16(prunes[:5]), u16(prunes[:40]))
	var s1, s2, s3, active, msg string
	step(t, ctx, "x", chromedp.KeyEvent(kb.Escape), waitJS(`document.querySelector("#ann-panel.empty") !== null`),
		eval(sel, &s1), press("1"), chromedp.Sleep(500*time.Millisecond), chromedp.Text("#message", &msg, chromedp.ByQuery),
		chromedp.KeyEvent("z", chromedp.KeyModifiers(input.ModifierCtrl)), chromedp.Sleep(500*time.Millisecond),
		chromedp.KeyEvent("Z", chromedp.KeyModifiers(input.ModifierCtrl|input.ModifierShift)), chromedp.Sleep(500*time.Millisecond),
		eval(sel, &s2), eval(`document.activeElement.tagName + "#" + document.activeElement.id`, &active), chromedp.Sleep(300*time.Millisecond), eval(`getSelection().toString() + "|" + getSelection().anchorNode.parentElement.outerHTML.slice(0,200)`, &s3))
	t.Log(fmt.Sprintf("s1=%q msg=%q s2=%q active=%q s3=%q", s1, msg, s2, active, s3))
	step(t, ctx, "y", press("2"), chromedp.Sleep(500*time.Millisecond), chromedp.Text("#message", &msg, chromedp.ByQuery))
	t.Log(msg)
}
