package anchoring

// ScanAll is scanAll, for the differential tests of package
// anchoring_test.
var ScanAll = scanAll
