package main

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var updateIcons = flag.Bool("update-icons", false, "rewrite the icons in web/")

func TestIconsAreUpToDate(t *testing.T) {
	for _, ic := range icons {
		t.Run(ic.Name, func(t *testing.T) {
			want := iconPNG(ic.Size, ic.Maskable)
			path := filepath.Join("..", "web", ic.Name)
			if *updateIcons {
				if err := os.WriteFile(path, want, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./build -run Icons -update-icons)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from drawIcon (run go test ./build -run Icons -update-icons)", path)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(got))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Width != ic.Size || cfg.Height != ic.Size {
				t.Errorf("got %dx%d, want %dx%d", cfg.Width, cfg.Height, ic.Size, ic.Size)
			}
		})
	}
}
