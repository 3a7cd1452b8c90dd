//go:build !js

package index

// pause does nothing natively: goroutines are preempted, and a search
// never holds up input.
func (w *work) pause() {}
