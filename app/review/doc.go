// Package review is the review page ("/review"): other annotators' files
// imported (file picker or drop, with progress and cancel), where
// re-anchoring put them, agreement between annotators (Cohen's kappa per
// pair, Krippendorff's alpha), the adjudication of their spans by
// keyboard (1-4, j/k, Ctrl+Z) into a gold file, and its exports (gold
// JSON, W3C, CSV). The model is package desk; this package renders it
// and calls its methods.
package review
