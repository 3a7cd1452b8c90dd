package main

// Accessibility checks for the browser tests: axe-core (npm, pinned in
// testdata/axe/package-lock.json with its integrity hash) is installed
// once per machine into a cache folder with `npm ci`, never into the
// repository, and injected into the page through CDP's Runtime.evaluate,
// which the app's Content-Security-Policy (no inline scripts) does not
// govern. auditPage runs it and the checks axe does not make (one h1, no
// sideways scrolling) and fails the test on what matters; see
// a11y_e2e_test.go for the pages and states it visits.
//
// axe-core is MPL-2.0: it is downloaded from the npm registry, unmodified,
// and only run by the tests; nothing of it is committed or shipped.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeVersion is the axe-core version testdata/axe pins.
const axeVersion = "4.14.1"

var (
	axeOnce sync.Once
	axeJS   string
	axeErr  error
)

// axeSource returns axe.min.js, installing it on first use into
// $CLAIMTAG_TOOLS_CACHE (default: the user cache folder, claimtag-tools)
// under a folder named after the lock file's hash. Without npm it skips
// locally and fails in CI, like findChromium.
func axeSource(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() { axeJS, axeErr = installAxe() })
	if axeErr != nil {
		if os.Getenv("CI") == "" && strings.Contains(axeErr.Error(), "npm not found") {
			t.Skip(axeErr)
		}
		t.Fatal(axeErr)
	}
	return axeJS
}

func installAxe() (string, error) {
	lock, err := os.ReadFile("testdata/axe/package-lock.json")
	if err != nil {
		return "", err
	}
	pkg, err := os.ReadFile("testdata/axe/package.json")
	if err != nil {
		return "", err
	}
	base := os.Getenv("CLAIMTAG_TOOLS_CACHE")
	if base == "" {
		c, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("axe-core: no cache folder (set CLAIMTAG_TOOLS_CACHE): %w", err)
		}
		base = filepath.Join(c, "claimtag-tools")
	}
	sum := sha256.Sum256(lock)
	dir := filepath.Join(base, "axe-"+axeVersion+"-"+hex.EncodeToString(sum[:6]))
	js := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if src, err := readAxe(dir, js); err == nil {
		return src, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("axe-core: npm not found (apt-get install -y npm): %w", err)
	}
	if err := os.MkdirAll(base, 0o755); err != nil {
		return "", err
	}
	// Install into a fresh folder, then rename it into place, so that a
	// run stopped half-way or a concurrent one leaves no broken install.
	tmp, err := os.MkdirTemp(base, "installing-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	for name, b := range map[string][]byte{"package.json": pkg, "package-lock.json": lock} {
		if err := os.WriteFile(filepath.Join(tmp, name), b, 0o644); err != nil {
			return "", err
		}
	}
	cmd := exec.Command(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = tmp
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("axe-core: npm ci in %s: %v\n%s", tmp, err, out)
	}
	if err := os.Rename(tmp, dir); err != nil && !os.IsExist(err) {
		if _, statErr := os.Stat(js); statErr != nil { // not another run's install either
			return "", fmt.Errorf("axe-core: %w", err)
		}
	}
	return readAxe(dir, js)
}

// readAxe reads an install, checking that it is the pinned version.
func readAxe(dir, js string) (string, error) {
	var meta struct{ Version string }
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", "axe-core", "package.json"))
	if err != nil {
		return "", err
	}
	if err := json.Unmarshal(b, &meta); err != nil || meta.Version != axeVersion {
		return "", fmt.Errorf("axe-core in %s is %q, want %s", dir, meta.Version, axeVersion)
	}
	src, err := os.ReadFile(js)
	return string(src), err
}

// axeViolation is one rule axe found broken, with the elements breaking it.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  json.RawMessage `json:"target"`
		Summary string          `json:"failureSummary"`
	} `json:"nodes"`
}

// axeMustPass are rules that fail the test whatever impact axe gives them
// (these are "moderate"): the page's structure the issue asks for.
var axeMustPass = map[string]bool{
	"page-has-heading-one":              true,
	"landmark-one-main":                 true,
	"landmark-no-duplicate-banner":      true,
	"landmark-no-duplicate-contentinfo": true,
	"landmark-no-duplicate-main":        true,
	"landmark-main-is-top-level":        true,
	"landmark-unique":                   true,
	"region":                            true,
	"bypass":                            true,
	"heading-order":                     true,
}

// a11yProblem is what auditPage found: an axe rule (or one of its own
// checks: one-h1, sideways-scroll) broken on a state.
type a11yProblem struct {
	State, Rule, Impact, Detail string
}

func (p a11yProblem) String() string {
	return fmt.Sprintf("%s: %s (%s) %s", p.State, p.Rule, p.Impact, p.Detail)
}

// a11yAllow is a known problem of a page another branch owns: the (state,
// rule) pair it excuses, and who fixes it. The test logs these instead of
// failing, and logs the entries that no longer occur.
type a11yAllow struct {
	State, Rule, Owner string
}

// auditJS runs axe on the whole document and the checks axe does not
// make, for a window %d CSS pixels wide, and resolves to their findings
// as JSON. The widest elements are those reaching past the window none of
// whose children do.
const auditJS = `(async (want) => {
	const r = await axe.run(document, {resultTypes: ["violations"]});
	const h1 = [...document.querySelectorAll("h1")].filter(h => h.checkVisibility() && !h.closest("[aria-hidden=true]"));
	const sw = document.scrollingElement.scrollWidth, w = window.innerWidth, layout = document.documentElement.clientWidth;
	const wide = [], edge = Math.min(w, layout, want) + 0.5;
	if (sw > w || w > want) {
		for (const el of document.querySelectorAll("body *")) {
			const b = el.getBoundingClientRect();
			if (b.width > 0 && b.right > edge && ![...el.children].some(c => c.getBoundingClientRect().right > edge)) {
				wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
					(el.classList.length ? "." + [...el.classList].join(".") : "") + " right=" + Math.round(b.right));
			}
			if (wide.length >= 6) break;
		}
	}
	return JSON.stringify({violations: r.violations, h1: h1.map(h => h.textContent.trim()), scrollWidth: sw, width: w, layout, wide});
})(%d)`

// auditPage checks the page as it is now, as state, in a window width
// CSS pixels wide, and returns what breaks: any serious or critical axe
// violation, any axeMustPass rule, not exactly one h1, sideways scrolling.
// Lesser axe findings are logged. With $CLAIMTAG_A11Y_SHOTS set to a
// folder, it also saves a screenshot of each state there.
func auditPage(t *testing.T, ctx context.Context, state string, width int) []a11yProblem {
	t.Helper()
	src := axeSource(t)
	var has bool
	step(t, ctx, state+": axe is in the page", eval(`typeof window.axe === "object"`, &has))
	if !has {
		step(t, ctx, state+": inject axe", chromedp.Evaluate(src+"\n;true", nil))
	}
	if dir := os.Getenv("CLAIMTAG_A11Y_SHOTS"); dir != "" { // to look at the states
		var png []byte
		step(t, ctx, state+": screenshot", chromedp.CaptureScreenshot(&png))
		if err := os.WriteFile(filepath.Join(dir, state+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var raw string
	step(t, ctx, state+": audit", eval(fmt.Sprintf(auditJS, width), &raw))
	var res struct {
		Violations  []axeViolation
		H1          []string
		ScrollWidth int
		Width       int
		Layout      int
		Wide        []string
	}
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		t.Fatalf("%s: audit result: %v", state, err)
	}
	var out []a11yProblem
	for _, v := range res.Violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, string(n.Target))
			if len(where) == 5 {
				where = append(where, fmt.Sprintf("… %d in all", len(v.Nodes)))
				break
			}
		}
		p := a11yProblem{State: state, Rule: v.ID, Impact: v.Impact,
			Detail: fmt.Sprintf("%s; on %s; %s", v.Help, strings.Join(where, ", "), v.HelpURL)}
		if v.Impact == "serious" || v.Impact == "critical" || axeMustPass[v.ID] {
			out = append(out, p)
		} else {
			t.Logf("axe, not failing: %s", p)
		}
	}
	if len(res.H1) != 1 {
		out = append(out, a11yProblem{State: state, Rule: "one-h1", Impact: "serious",
			Detail: fmt.Sprintf("%d h1 in the page (%q), want exactly one (chrome.Title)", len(res.H1), res.H1)})
	}
	if res.Width != width || res.Layout > width {
		out = append(out, a11yProblem{State: state, Rule: "sideways-scroll", Impact: "serious",
			Detail: fmt.Sprintf("the window is %d px wide (layout %d px), want %d: the page does not fit the screen, the browser zooms out; too wide: %s",
				res.Width, res.Layout, width, strings.Join(res.Wide, ", "))})
	}
	if res.ScrollWidth > res.Width {
		out = append(out, a11yProblem{State: state, Rule: "sideways-scroll", Impact: "serious",
			Detail: fmt.Sprintf("the page is %d px wide in a %d px window; too wide: %s", res.ScrollWidth, res.Width, strings.Join(res.Wide, ", "))})
	}
	return out
}

// judgeA11y fails the test on every problem allow does not excuse, logs
// the excused ones, and logs the entries of allow nothing matched.
func judgeA11y(t *testing.T, problems []a11yProblem, allow []a11yAllow) {
	t.Helper()
	used := map[a11yAllow]bool{}
	sort.Slice(problems, func(i, j int) bool { return problems[i].String() < problems[j].String() })
	for _, p := range problems {
		excused := false
		for _, a := range allow {
			if a.Rule == p.Rule && (a.State == p.State || strings.HasPrefix(p.State, a.State+"@")) {
				used[a], excused = true, true
				t.Logf("allowed until %s fixes it: %s", a.Owner, p)
			}
		}
		if !excused {
			t.Errorf("%s", p)
		}
	}
	for _, a := range allow {
		if !used[a] {
			t.Logf("allowlist entry no longer needed, remove it: %s %s (%s)", a.State, a.Rule, a.Owner)
		}
	}
}

// focusJS describes the focused element and whether its focus shows: an
// outline at least 2 px wide or a box shadow ("" when it does).
const focusJS = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body) return ["body", ""];
	const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.classList.length ? "." + [...el.classList].join(".") : "");
	const cs = getComputedStyle(el);
	const shows = (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== "none";
	return [name, shows ? "" : "no outline or shadow (outline " + cs.outlineStyle + " " + cs.outlineWidth + ")"];
})()`

// focusWalk presses Tab n times from where the focus is and returns, as
// problems of state, the elements whose focus does not show.
func focusWalk(t *testing.T, ctx context.Context, state string, n int) []a11yProblem {
	t.Helper()
	var out []a11yProblem
	var order []string
	defer func() { t.Logf("%s: Tab reached %s", state, strings.Join(order, " ")) }()
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		var res []string
		step(t, ctx, state+": Tab", chromedp.KeyEvent("\t"), eval(focusJS, &res))
		if len(res) != 2 {
			continue
		}
		order = append(order, res[0])
		if seen[res[0]] {
			continue
		}
		seen[res[0]] = true
		if res[1] != "" {
			out = append(out, a11yProblem{State: state, Rule: "focus-visible", Impact: "serious", Detail: res[0] + ": " + res[1]})
		}
	}
	return out
}
