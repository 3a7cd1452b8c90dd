package chrome

import "strconv"

// Count returns n and the noun that agrees with it: Count(1, "annotation",
// "annotations") is "1 annotation", Count(0, …) "0 annotations". Pages use
// it for every number they show next to a noun. (English needs only the
// two forms; a translated UI would take golang.org/x/text/feature/plural.)
func Count(n int, one, many string) string {
	return strconv.Itoa(n) + " " + Plural(n, one, many)
}

// Plural returns one when n is 1 and many otherwise, for the words around a
// number that agree with it: "1 annotation was", "2 annotations were".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
