//go:build !js

package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/claimtag/claimtag/index"
	"github.com/claimtag/claimtag/index/ingest"
)

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func runBuild(args []string) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	in := fs.String("in", "", "corpus folder")
	out := fs.String("out", "", "folder for the snapshots")
	subset := fs.Int("subset", 20000, "also build a snapshot of the first documents holding about this many passages (0: no)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in == "" || *out == "" {
		return fmt.Errorf("build needs -in and -out")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	corpusBytes := 0
	filepath.Walk(*in, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			corpusBytes += int(info.Size())
		}
		return nil
	})
	t0 := time.Now()
	rep, err := ingest.Dir(*in, ingest.Options{})
	if err != nil {
		return err
	}
	ingestSecs := time.Since(t0).Seconds()
	sets := []struct {
		name string
		docs []*ingest.Document
	}{{"full", rep.Documents}}
	if *subset > 0 {
		n, k := 0, 0
		for k < len(rep.Documents) && n < *subset {
			n += len(rep.Documents[k].Passages)
			k++
		}
		if k < len(rep.Documents) {
			sets = append(sets, struct {
				name string
				docs []*ingest.Document
			}{fmt.Sprintf("first %d docs", k), rep.Documents[:k]})
		}
	}
	repaired := 0
	for _, d := range rep.Documents {
		if len(d.Repairs) > 0 {
			repaired++
		}
	}
	enc := json.NewEncoder(os.Stdout)
	for i, s := range sets {
		var text bytes.Buffer
		for _, d := range s.docs {
			text.WriteString(d.Text)
		}
		t1 := time.Now()
		data, st, err := index.Build(s.docs, index.BuildOptions{})
		if err != nil {
			return err
		}
		secs := time.Since(t1).Seconds()
		path := filepath.Join(*out, fmt.Sprintf("bench-%d.snap", i))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		f := BuildFigures{
			Name: s.name, Documents: st.Documents, Passages: st.Passages, TextBytes: text.Len(),
			TextGzip: gzipSize(text.Bytes()), SnapshotBytes: len(data), SnapshotGzip: gzipSize(data),
			BuildSeconds: secs, PassagesPerSec: float64(st.Passages) / secs, SnapshotPath: path,
		}
		if i == 0 {
			f.CorpusBytes, f.IngestSeconds, f.SkippedFiles, f.RepairedDocs = corpusBytes, ingestSecs, len(rep.Skipped), repaired
		}
		f.GzipRatio = float64(f.SnapshotGzip) / float64(f.TextGzip)
		if err := enc.Encode(f); err != nil {
			return err
		}
	}
	return nil
}
