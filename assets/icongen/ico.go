package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"os"
)

// icoSizes are the sizes Windows picks from: taskbar, title bar, Explorer.
var icoSizes = []int{16, 24, 32, 48, 64, 256}

// writeICO writes an .ico holding big scaled to each of icoSizes, each
// entry a PNG (which Windows Vista and later, and NSIS 3, read).
func writeICO(path string, big image.Image) error {
	var images [][]byte
	for _, s := range icoSizes {
		var b bytes.Buffer
		if err := png.Encode(&b, scale(big, s)); err != nil {
			return err
		}
		images = append(images, b.Bytes())
	}
	var out bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&out, le, [3]uint16{0, 1, uint16(len(images))}) // reserved, type icon, count
	offset := 6 + 16*len(images)
	for i, s := range icoSizes {
		dim := uint8(s)
		if s >= 256 {
			dim = 0 // 0 means 256
		}
		binary.Write(&out, le, struct {
			W, H, Colors, Reserved uint8
			Planes, BitCount       uint16
			Size, Offset           uint32
		}{dim, dim, 0, 0, 1, 32, uint32(len(images[i])), uint32(offset)})
		offset += len(images[i])
	}
	for _, img := range images {
		out.Write(img)
	}
	return os.WriteFile(path, out.Bytes(), 0o644)
}
