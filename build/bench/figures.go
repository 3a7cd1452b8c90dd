package main

// BuildFigures is what `build` prints, one JSON object per snapshot.
type BuildFigures struct {
	Name           string  `json:"name"`
	Documents      int     `json:"documents"`
	Passages       int     `json:"passages"`
	CorpusBytes    int     `json:"corpusBytes"` // source files on disk
	TextBytes      int     `json:"textBytes"`   // normalized text
	TextGzip       int     `json:"textGzip"`
	SnapshotBytes  int     `json:"snapshotBytes"`
	SnapshotGzip   int     `json:"snapshotGzip"`
	IngestSeconds  float64 `json:"ingestSeconds"`
	BuildSeconds   float64 `json:"buildSeconds"`
	PassagesPerSec float64 `json:"passagesPerSec"`
	GzipRatio      float64 `json:"gzipRatio"` // snapshot gzip / text gzip
	SnapshotPath   string  `json:"snapshotPath"`
	SkippedFiles   int     `json:"skippedFiles"`
	RepairedDocs   int     `json:"repairedDocs"`
}
