// Command pecheck checks a Windows executable for what an installed desktop
// app needs, reading the file itself (debug/pe), not the tool that made it:
// that it is PE32+ for x86-64, of the GUI subsystem (no console window when
// started from the Start menu), and that its resources hold an icon and a
// version record whose file version is the one expected; for an installer,
// that its manifest asks for no administrator rights (a per-user install
// that an officer without them can run). packaging/check.sh runs it:
//
//	go run ./packaging/pecheck -version 0.1.0.1 build/package/windows/Mahalleh.exe
//	go run ./packaging/pecheck -pe32 -level asInvoker -version 0.1.0.1 dist/mahalleh-0.1.0-windows-amd64.exe
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
)

// Resource type numbers (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

func main() {
	want := flag.String("version", "", "the file version the version record must hold (a.b.c.d)")
	console := flag.Bool("console", false, "expect the console subsystem instead of GUI")
	pe32 := flag.Bool("pe32", false, "expect a 32-bit PE (an NSIS installer) instead of PE32+ x86-64")
	level := flag.String("level", "", "the requestedExecutionLevel the manifest must ask for (asInvoker: no administrator rights)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: pecheck [-version a.b.c.d] [-console] [-pe32] [-level asInvoker] FILE.exe")
		os.Exit(2)
	}
	if err := check(flag.Arg(0), *want, *console, *pe32, *level); err != nil {
		fmt.Fprintf(os.Stderr, "pecheck: %s: %v\n", flag.Arg(0), err)
		os.Exit(1)
	}
}

func check(path, want string, console, pe32 bool, level string) error {
	f, err := pe.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var subsystem uint16
	var dirs [16]pe.DataDirectory
	kind := "PE32+ x86-64"
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		if pe32 || f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
			return errors.New("a PE32+ file, not the 32-bit one expected")
		}
		subsystem, dirs = oh.Subsystem, oh.DataDirectory
	case *pe.OptionalHeader32:
		if !pe32 {
			return errors.New("not a PE32+ x86-64 executable")
		}
		subsystem, dirs, kind = oh.Subsystem, oh.DataDirectory, "PE32 x86"
	default:
		return errors.New("no optional header: not an executable")
	}
	wantSub, subName := uint16(pe.IMAGE_SUBSYSTEM_WINDOWS_GUI), "GUI"
	if console {
		wantSub, subName = pe.IMAGE_SUBSYSTEM_WINDOWS_CUI, "console"
	}
	if subsystem != wantSub {
		return fmt.Errorf("subsystem is %d, want %d (%s)", subsystem, wantSub, subName)
	}
	fmt.Printf("%s: %s, %s subsystem\n", path, kind, subName)
	if console {
		return nil
	}
	dir := dirs[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
	rsrc, base, err := sectionAt(f, dir.VirtualAddress)
	if err != nil {
		return err
	}
	types, err := resources(rsrc, base)
	if err != nil {
		return err
	}
	if len(types[rtIcon]) == 0 || len(types[rtGroupIcon]) == 0 {
		return fmt.Errorf("no icon in the resources (%d icons, %d icon groups)", len(types[rtIcon]), len(types[rtGroupIcon]))
	}
	fmt.Printf("  icon: %d images in %d group(s)\n", len(types[rtIcon]), len(types[rtGroupIcon]))
	if len(types[rtVersion]) == 0 {
		return errors.New("no version record in the resources")
	}
	got, err := fixedVersion(types[rtVersion][0])
	if err != nil {
		return err
	}
	fmt.Printf("  version record: file version %s\n", got)
	if want != "" && got != want {
		return fmt.Errorf("file version is %s, want %s", got, want)
	}
	if level == "" {
		return nil
	}
	return checkLevel(types[rtManifest], level)
}

// checkLevel checks that the application manifest asks Windows for the
// given execution level. Without one, Windows guesses from the file name
// ("setup", "install") and asks for administrator rights.
func checkLevel(manifests [][]byte, level string) error {
	if len(manifests) == 0 {
		return errors.New("no manifest in the resources")
	}
	m := manifests[0]
	i := bytes.Index(m, []byte("requestedExecutionLevel"))
	if i < 0 {
		return errors.New("the manifest requests no execution level")
	}
	end := bytes.IndexByte(m[i:], '>')
	if end < 0 {
		return errors.New("the manifest's requestedExecutionLevel is not closed")
	}
	if !bytes.Contains(m[i:i+end], []byte(`level="`+level+`"`)) {
		return fmt.Errorf("the manifest asks for %s, want level=%q", m[i:i+end], level)
	}
	fmt.Printf("  manifest: requestedExecutionLevel %s\n", level)
	return nil
}

// sectionAt returns the data of the section holding rva and that section's
// virtual address.
func sectionAt(f *pe.File, rva uint32) ([]byte, uint32, error) {
	for _, s := range f.Sections {
		if rva >= s.VirtualAddress && rva < s.VirtualAddress+s.VirtualSize {
			data, err := s.Data()
			if err != nil {
				return nil, 0, err
			}
			return data[rva-s.VirtualAddress:], rva, nil
		}
	}
	return nil, 0, errors.New("no resource section")
}

// resources walks the resource tree (type / name / language) and returns
// each leaf's bytes by type number.
func resources(rsrc []byte, base uint32) (map[uint32][][]byte, error) {
	out := map[uint32][][]byte{}
	var walk func(off uint32, depth int, typ uint32) error
	walk = func(off uint32, depth int, typ uint32) error {
		if depth > 3 || int(off)+16 > len(rsrc) {
			return errors.New("malformed resource directory")
		}
		n := int(binary.LittleEndian.Uint16(rsrc[off+12:])) + int(binary.LittleEndian.Uint16(rsrc[off+14:]))
		for i := 0; i < n; i++ {
			e := off + 16 + uint32(i)*8
			if int(e)+8 > len(rsrc) {
				return errors.New("malformed resource entry")
			}
			id, to := binary.LittleEndian.Uint32(rsrc[e:]), binary.LittleEndian.Uint32(rsrc[e+4:])
			if depth == 0 {
				typ = id
			}
			if to&0x80000000 != 0 {
				if err := walk(to&0x7fffffff, depth+1, typ); err != nil {
					return err
				}
				continue
			}
			if int(to)+16 > len(rsrc) {
				return errors.New("malformed resource data entry")
			}
			rva, size := binary.LittleEndian.Uint32(rsrc[to:]), binary.LittleEndian.Uint32(rsrc[to+4:])
			start := int64(rva) - int64(base)
			if start < 0 || start+int64(size) > int64(len(rsrc)) {
				return errors.New("resource data outside the resource section")
			}
			out[typ] = append(out[typ], rsrc[start:start+int64(size)])
		}
		return nil
	}
	return out, walk(0, 0, 0)
}

// fixedVersion reads the file version from the VS_FIXEDFILEINFO inside a
// version record.
func fixedVersion(rec []byte) (string, error) {
	sig := []byte{0xbd, 0x04, 0xef, 0xfe}
	i := bytes.Index(rec, sig)
	if i < 0 || i+16 > len(rec) {
		return "", errors.New("the version record has no fixed file info")
	}
	ms, ls := binary.LittleEndian.Uint32(rec[i+8:]), binary.LittleEndian.Uint32(rec[i+12:])
	return fmt.Sprintf("%d.%d.%d.%d", ms>>16, ms&0xffff, ls>>16, ls&0xffff), nil
}
