// Package review is the review page ("/review"): other annotators' files
// imported (file picker or drop), where re-anchoring put them, their
// annotations grouped by span with accept and reject, agreement between
// annotators, and the reviewed set's export. The model is package desk;
// this package renders it and calls its methods.
package review
