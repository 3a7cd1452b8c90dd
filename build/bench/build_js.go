//go:build js

package main

import "fmt"

func runBuild([]string) error  { return fmt.Errorf("build runs natively only") }
func runPydocs([]string) error { return fmt.Errorf("pydocs runs natively only") }
