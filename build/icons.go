package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
)

// The site's icons, drawn here and committed under web/ (icons_test.go
// checks that they are up to date; go test ./build -update-icons rewrites
// them). They show four text lines highlighted in the tag colours.
var icons = []struct {
	Name     string
	Size     int
	Maskable bool
}{
	{"icon-192.png", 192, false},
	{"icon-512.png", 512, false},
	{"icon-maskable.png", 512, true},
}

// tagColors are the highlight colours of fact, forecast, opinion and
// unverified, as in web/app.css.
var tagColors = []color.RGBA{
	{0x7b, 0xc8, 0x8f, 0xff},
	{0x84, 0xb6, 0xf4, 0xff},
	{0xf6, 0xb2, 0x6b, 0xff},
	{0xc9, 0xc4, 0xbc, 0xff},
}

func hexColor(s string) color.RGBA {
	var c color.RGBA
	for i := 0; i < 3; i++ {
		v := 0
		for _, ch := range s[1+2*i : 3+2*i] {
			v *= 16
			switch {
			case ch >= '0' && ch <= '9':
				v += int(ch - '0')
			case ch >= 'a' && ch <= 'f':
				v += int(ch-'a') + 10
			}
		}
		*[]*uint8{&c.R, &c.G, &c.B}[i] = uint8(v)
	}
	c.A = 0xff
	return c
}

// drawIcon draws a size×size icon. A maskable icon fills the square and
// keeps its drawing inside the central 60% safe zone; the others are a
// rounded square.
func drawIcon(size int, maskable bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	bg, paper := hexColor(themeColor), hexColor(backgroundColor)
	radius := size / 6
	if maskable {
		radius = 0
	}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			if inRounded(x, y, size, radius) {
				img.SetRGBA(x, y, bg)
			}
		}
	}
	margin := size * 22 / 100
	if maskable {
		margin = size * 30 / 100
	}
	// The page.
	for y := margin; y < size-margin; y++ {
		for x := margin; x < size-margin; x++ {
			img.SetRGBA(x, y, paper)
		}
	}
	// Four highlighted lines.
	inner := size - 2*margin
	lineH := inner / 9
	for i, c := range tagColors {
		top := margin + lineH + i*2*lineH
		right := size - margin - inner/8
		if i%2 == 1 {
			right -= inner / 5
		}
		for y := top; y < top+lineH; y++ {
			for x := margin + inner/8; x < right; x++ {
				img.SetRGBA(x, y, c)
			}
		}
	}
	return img
}

func inRounded(x, y, size, r int) bool {
	if r == 0 {
		return true
	}
	cx, cy := x, y
	switch {
	case x < r:
		cx = r
	case x >= size-r:
		cx = size - r - 1
	}
	switch {
	case y < r:
		cy = r
	case y >= size-r:
		cy = size - r - 1
	}
	dx, dy := x-cx, y-cy
	return dx*dx+dy*dy <= r*r
}

// iconPNG encodes an icon.
func iconPNG(size int, maskable bool) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, drawIcon(size, maskable)); err != nil {
		panic(err) // encoding an in-memory RGBA image cannot fail
	}
	return b.Bytes()
}
