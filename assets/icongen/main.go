// Command icongen draws Mahalleh's icon, assets/icon.png: a row of three
// houses (محله, a neighbourhood) on the app's green, the middle one in front
// with an arched Persian door. Drawn at 1024 px and scaled down so its edges
// are smooth; the shapes are few and large, so that it still reads as houses
// at 16×16 in a taskbar. Run it from the repository root:
//
//	go run ./assets/icongen            # writes assets/icon.png (512×512) and assets/icon.ico
//	go run ./assets/icongen -preview D # also writes D/icon-16.png, D/icon-256.png
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/vector"
)

const canvas = 1024

var (
	green = color.NRGBA{R: 27, G: 107, B: 79, A: 255}   // the app's green
	mint  = color.NRGBA{R: 168, G: 214, B: 193, A: 255} // the houses behind
	white = color.NRGBA{R: 255, G: 255, B: 255, A: 255}
)

func main() {
	out := flag.String("out", "assets/icon.png", "the PNG to write")
	ico := flag.String("ico", "assets/icon.ico", "the Windows icon to write (16 to 256 px), for the installer")
	size := flag.Int("size", 512, "its width and height in pixels")
	preview := flag.String("preview", "", "a folder for 16 px and 256 px previews (optional)")
	flag.Parse()
	big := draw()
	if err := write(*out, scale(big, *size)); err != nil {
		fmt.Fprintln(os.Stderr, "icongen:", err)
		os.Exit(1)
	}
	if err := writeICO(*ico, big); err != nil {
		fmt.Fprintln(os.Stderr, "icongen:", err)
		os.Exit(1)
	}
	if *preview != "" {
		for _, s := range []int{16, 32, 256} {
			if err := write(filepath.Join(*preview, fmt.Sprintf("icon-%d.png", s)), scale(big, s)); err != nil {
				fmt.Fprintln(os.Stderr, "icongen:", err)
				os.Exit(1)
			}
		}
	}
}

// draw paints the icon at canvas×canvas.
func draw() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, canvas, canvas))
	fill(img, green, roundedRect(24, 24, 1000, 1000, 200))
	// The two houses behind, left and right, lower than the middle one.
	fill(img, mint, house(130, 400, 300, 690, 150))
	fill(img, mint, house(594, 400, 300, 690, 150))
	// The house in front: a wide roof over a body, with an arched door cut
	// out in green (no window: at 16 px it blurs the door into an "A").
	fill(img, white, house(262, 280, 500, 860, 250))
	fill(img, green, archedDoor(442, 570, 140, 290))
	return img
}

// house is a pentagon: a roof whose ridge is at top, eaves at top+roof,
// over a body from x to x+w down to bottom.
func house(x, top, w, bottom, roof float32) [][2]float32 {
	const eave = 46 // the roof overhangs the walls
	return [][2]float32{
		{x + w/2, top},
		{x + w + eave, top + roof},
		{x + w, top + roof},
		{x + w, bottom},
		{x, bottom},
		{x, top + roof},
		{x - eave, top + roof},
	}
}

// archedDoor is a door of width w from y to y+h whose top is a pointed
// (Persian) arch.
func archedDoor(x, y, w, h float32) [][2]float32 {
	pts := [][2]float32{{x, y + h}, {x, y + w*0.55}}
	// Two arcs meeting in a point above the middle.
	r := w * 0.8
	for i := 0; i <= 12; i++ {
		a := math.Pi - float64(i)/12*math.Acos(0.5/0.8)
		pts = append(pts, [2]float32{x + r + float32(math.Cos(a))*r, y + w*0.55 - float32(math.Sin(a))*r})
	}
	for i := 12; i >= 0; i-- {
		a := float64(i) / 12 * math.Acos(0.5/0.8)
		pts = append(pts, [2]float32{x + w - r + float32(math.Cos(a))*r, y + w*0.55 - float32(math.Sin(a))*r})
	}
	return append(pts, [2]float32{x + w, y + w*0.55}, [2]float32{x + w, y + h})
}

func roundedRect(x, y, w, h, r float32) [][2]float32 {
	var pts [][2]float32
	corner := func(cx, cy float32, from float64) {
		for i := 0; i <= 10; i++ {
			a := from + float64(i)/10*math.Pi/2
			pts = append(pts, [2]float32{cx + r*float32(math.Cos(a)), cy + r*float32(math.Sin(a))})
		}
	}
	corner(x+w-r, y+h-r, 0)
	corner(x+r, y+h-r, math.Pi/2)
	corner(x+r, y+r, math.Pi)
	corner(x+w-r, y+r, 3*math.Pi/2)
	return pts
}

// fill paints the polygon pts in c over img.
func fill(img *image.NRGBA, c color.NRGBA, pts [][2]float32) {
	z := vector.NewRasterizer(canvas, canvas)
	z.MoveTo(pts[0][0], pts[0][1])
	for _, p := range pts[1:] {
		z.LineTo(p[0], p[1])
	}
	z.ClosePath()
	z.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{})
}

func scale(src image.Image, size int) *image.NRGBA {
	dst := image.NewNRGBA(image.Rect(0, 0, size, size))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Over, nil)
	return dst
}

func write(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
