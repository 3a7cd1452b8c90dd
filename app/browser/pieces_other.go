//go:build !(js && wasm)

package browser

import "fmt"

// FetchPiece reads url; natively it fails with ErrUnsupported.
func FetchPiece(url string) ([]byte, error) {
	return nil, fmt.Errorf("fetch %s: %w", url, ErrUnsupported)
}

// SavePieces stores pieces in a browser cache; natively it fails with
// ErrUnsupported.
func SavePieces(cache string, pieces []CachePiece, yield func(), progress func(done, total int64)) error {
	return fmt.Errorf("cache storage: %w", ErrUnsupported)
}

// FetchPieces reads urls; natively each fails with ErrUnsupported.
func FetchPieces(urls []string) ([][]byte, []bool, []error) {
	errs := make([]error, len(urls))
	for i, u := range urls {
		errs[i] = fmt.Errorf("fetch %s: %w", u, ErrUnsupported)
	}
	return make([][]byte, len(urls)), make([]bool, len(urls)), errs
}
