package chrome

import (
	"net/url"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Link returns the href of an app path ("/doc?id=x"). In the browser it is
// prefixed with the site's base path; on the server go-app's resolver adds
// the prefix itself.
func Link(path string) string {
	if app.IsServer {
		return path
	}
	return rootPrefix() + path
}

// rootPrefix is the base path the site is served under, without the
// trailing slash ("" at the root of a host). It is read once: app.Getenv
// is a call into JavaScript, and every link on a page asks for it.
var rootPrefix = sync.OnceValue(func() string {
	return strings.TrimRight(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
})

// SearchURL returns the search page address for a query and its filters.
func SearchURL(q, doc, date, tag string) string {
	v := url.Values{}
	for k, s := range map[string]string{"q": q, "doc": doc, "date": date, "tag": tag} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

// DocURL returns the reader address of a document, scrolled to passage p.
func DocURL(id, p, q string) string {
	v := url.Values{"id": {id}}
	if p != "" {
		v.Set("p", p)
	}
	if q != "" {
		v.Set("q", q)
	}
	return "/doc?" + v.Encode()
}

// BaseURL returns the absolute address of the app, for W3C exports.
func BaseURL() string {
	u := *app.Window().URL()
	u.Path, u.RawQuery, u.Fragment = rootPrefix()+"/", "", ""
	return u.String()
}

// ActiveClass returns "active" when on, for a class list.
func ActiveClass(on bool) string {
	if on {
		return "active"
	}
	return ""
}

// YesNo spells a flag for a data attribute ("true" would be rendered as a
// bare boolean attribute by the prerenderer).
func YesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// OrAnon names an annotator who left the creator empty.
func OrAnon(creator string) string {
	if creator == "" {
		return "(anonymous)"
	}
	return creator
}
