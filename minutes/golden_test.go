package minutes

import (
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"mahalleh/pdf/pdftest"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata")

// TestPageOneGolden renders page 1 of the seed meeting's minutes (pdftoppm,
// 60 dpi, gray) and compares it with testdata/seed-page1-fa.png, which a
// person looked at: the Persian title and header shaped, joined and right to
// left, the tables inside the frame. A few antialiasing pixels may differ
// between poppler versions; a moved or reshaped word moves thousands.
func TestPageOneGolden(t *testing.T) {
	m, _ := loadSeed(t, 0)
	m.Meeting.ID = "0193f5aa-0000-7000-8000-000000000001" // printed in the header
	pngs := pdftest.Render(t, writeMinutes(t, m, "fa"), 60, 1, 1)
	if len(pngs) != 1 {
		t.Fatalf("%d pages rendered", len(pngs))
	}
	golden := filepath.Join("testdata", "seed-page1-fa.png")
	if *update {
		b, err := os.ReadFile(pngs[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s; look at it before committing", golden)
		return
	}
	got, want := readPNG(t, pngs[0]), readPNG(t, golden)
	if got.Bounds() != want.Bounds() {
		t.Fatalf("page 1 is %v, the golden image %v", got.Bounds(), want.Bounds())
	}
	differ, total := 0, 0
	b := got.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g1, _, _, _ := got.At(x, y).RGBA()
			g2, _, _, _ := want.At(x, y).RGBA()
			if d := int(g1>>8) - int(g2>>8); d > 96 || d < -96 {
				differ++
			}
			total++
		}
	}
	if differ > total/200 {
		t.Errorf("%d of %d pixels differ from %s (more than 0.5%%); run with -update and look at the page if the change is meant", differ, total, golden)
	}
}

func readPNG(t *testing.T, file string) image.Image {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
