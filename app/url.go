package app

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// link returns the href of an app path ("/doc?id=x"). In the browser it is
// prefixed with the site's base path; on the server go-app's resolver adds
// the prefix itself.
func link(path string) string {
	if app.IsServer {
		return path
	}
	return rootPrefix() + path
}

// rootPrefix is the base path the site is served under, without the
// trailing slash ("" at the root of a host).
func rootPrefix() string {
	return strings.TrimRight(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
}

// searchURL returns the search page address for a query and its filters.
func searchURL(q, doc, date, tag string) string {
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

// docURL returns the reader address of a document, scrolled to passage p.
func docURL(id, p, q string) string {
	v := url.Values{"id": {id}}
	if p != "" {
		v.Set("p", p)
	}
	if q != "" {
		v.Set("q", q)
	}
	return "/doc?" + v.Encode()
}

// appBaseURL returns the absolute address of the app, for W3C exports.
func appBaseURL() string {
	u := *app.Window().URL()
	u.Path, u.RawQuery, u.Fragment = rootPrefix()+"/", "", ""
	return u.String()
}
