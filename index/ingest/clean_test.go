package ingest

import (
	"strings"
	"testing"
)

func TestMojibake(t *testing.T) {
	tests := []struct {
		name, in, want string
		lossy          bool // whether any repair is lossy
		repairs        int
	}{
		{"A Windows-1252 run decodes exactly.", "cafÃ© au lait", "café au lait", false, 1},
		{"A curly apostrophe read as Windows-1252 decodes exactly.", "Cloudâ€™s growth", "Cloud’s growth", false, 1},
		{"A non-breaking space read as Latin-1 decodes exactly.", "100Â\u00a0km", "100 km", false, 1},
		{"A Latin-1 run with C1 controls decodes exactly.", "Å\u0081Ã³dÅº", "Łódź", false, 2},
		{"Clean French text is untouched.", "Le château à côté du café, déjà vu à Noël.", "Le château à côté du café, déjà vu à Noël.", false, 0},
		{"Clean French guillemets are untouched.", "Il a dit «café» puis «thé».", "Il a dit «café» puis «thé».", false, 0},
		{"A lone â is untouched without evidence.", "Cloudâs growth", "Cloudâs growth", false, 0},
		{"The seed's possessive and narrow space are guessed.", "Kingsoft Cloudâs Q2âŻ2025 revenue roseâŻââŻ22âŻ%.",
			"Kingsoft Cloud's Q2 2025 revenue rose — 22 %.", true, 4},
		{"The seed's hyphen and quotes are guessed.", "Q2âŻ2025âŻits AIâoptimized GPU, three âsecularâ pillars, 12â18âŻmonths",
			`Q2 2025 its AI-optimized GPU, three "secular" pillars, 12–18 months`, true, 0},
		{"A contraction needs a non-letter after it.", "Q2âŻ2025âŻit didnât stop; Kingsoftâstrategy âŻ",
			"Q2 2025 it didn't stop; Kingsoft-strategy", true, 0},
		{"An unknown leftover is removed.", "Q2âŻEMA (ââŻ$23.5) âŻok", "Q2 EMA ( $23.5) ok", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("m.txt", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if got := doc.Text; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.repairs > 0 && len(doc.Repairs) != tt.repairs {
				t.Errorf("got %d repairs %+v, want %d", len(doc.Repairs), doc.Repairs, tt.repairs)
			}
			lossy := false
			for _, r := range doc.Repairs {
				lossy = lossy || r.Lossy
			}
			if lossy != tt.lossy {
				t.Errorf("got lossy %v, want %v (%+v)", lossy, tt.lossy, doc.Repairs)
			}
		})
	}
}

func TestRepairOffsets(t *testing.T) {
	doc, err := Parse("m.txt", []byte("Intro line\nThe cafÃ©  Ã©tait   lÃ\u00a0."))
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, doc)
	want := []Repair{{Start: 19, End: 20, From: "Ã©", To: "é"}, {Start: 21, End: 22, From: "Ã©", To: "é"}, {Start: 28, End: 29, From: "Ã\u00a0", To: "à"}}
	if got := doc.Repairs; len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i, r := range doc.Repairs {
		if r != want[i] {
			t.Errorf("repair %d: got %+v, want %+v", i, r, want[i])
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Decomposed letters are composed.", "cafe\u0301 re\u0301sume\u0301", "café résumé"},
		{"Unicode spaces become plain spaces.", "a\u00a0b\u202fc\u2003d\te", "a b c d e"},
		{"Runs of spaces collapse and ends are trimmed.", "  a   b  ", "a b"},
		{"Zero-width characters and controls are removed.", "a\u200bb\u200dc\ufeffd\x07e\u0080f", "abcdef"},
		{"Line breaks inside a paragraph become spaces.", "a\r\nb", "a b"},
		{"A combining mark after a removed control still composes.", "e\u200b\u0301", "é"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := []rune(tt.in)
			got, pos := normalize(tt.in, nil)
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if len(pos) != len(r)+1 || pos[len(r)] != len([]rune(got)) {
				t.Errorf("got pos %v for %d runes", pos, len(r))
			}
		})
	}
}

func TestNormalizeDocument(t *testing.T) {
	doc, err := Parse("n.txt", []byte("\xEF\xBB\xBFFirst\u00a0\u00a0line\r\n\r\nSecond  para\r\ncontinues.\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, doc)
	if got, want := doc.Text, "First line\n\nSecond para continues."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDates(t *testing.T) {
	tests := []struct{ name, first, want string }{
		{"A MM/DD YYYY dateline is read month first.", "03/10 2026", "2026-03-10"},
		{"A MM/DD/YYYY dateline is read month first.", "12/31/2025", "2025-12-31"},
		{"An ISO date is kept.", "2026-03-10", "2026-03-10"},
		{"A month name date is read.", "March 10, 2026", "2026-03-10"},
		{"A day month year date is read.", "Published 10 March 2026", "2026-03-10"},
		{"An abbreviated month is read.", "Sept. 3rd, 2024", "2024-09-03"},
		{"A month and year give a month.", "August 2025", "2025-08"},
		{"A year alone gives a year.", "2024", "2024"},
		{"An impossible date is rejected.", "02/30 2026", ""},
		{"A bare number is not a date.", "398", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("d.txt", []byte(tt.first+"\nA long enough body line that is clearly a paragraph of text, not a date.\n"))
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Date; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTitles(t *testing.T) {
	tests := []struct{ name, path, in, want string }{
		{"Plain text uses its first short line.", "t.txt", "Technical Analysis\nThe body of the text goes on.", "Technical Analysis"},
		{"Plain text skips a dateline and a number.", "t.txt", "03/10 2026\n398\nKC report\nBody.", "KC report"},
		{"Plain text without a short line uses the file name.", "dir/long-read.txt", strings.Repeat("word ", 30) + "\n" + strings.Repeat("more ", 30), "long-read"},
		{"Markdown uses its first heading.", "t.md", "Intro para.\n\n# The Heading\n\nBody.", "The Heading"},
		{"Markdown without a heading uses its first short paragraph.", "t.md", "Intro para.\n\nBody.", "Intro para."},
		{"Markdown front matter wins.", "t.md", "---\ntitle: \"Front Title\"\ndate: 2026-01-02\n---\n# Heading\n", "Front Title"},
		{"HTML uses its title element.", "t.html", "<html><head><title>Doc &amp; Title</title></head><body><h1>H</h1><p>x</p></body></html>", "Doc & Title"},
		{"HTML without a title uses its first heading.", "t.html", "<p>intro</p><h1>First <em>H1</em></h1><p>x</p>", "First H1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.path, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Title; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
