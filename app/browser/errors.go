package browser

import "errors"

// ErrUnsupported is returned, wrapped, when the browser lacks an API, and
// always by the native fallbacks.
var ErrUnsupported = errors.New("not supported by this browser")
