package review

// PlaceAll is placeAll (merge_test.go) for the tests of package
// review_test.
var PlaceAll = placeAll
