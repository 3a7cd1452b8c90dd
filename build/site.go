package main

import (
	"fmt"
	"io"
)

// runSite writes the static site. (The app issue fills this in.)
func runSite(args []string, stdout, stderr io.Writer) error {
	return fmt.Errorf("site: not built yet")
}

// runServe builds the site and serves it.
func runServe(args []string, stdout, stderr io.Writer) error {
	return fmt.Errorf("serve: not built yet")
}
