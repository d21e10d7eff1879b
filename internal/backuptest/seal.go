// Package backuptest builds backup documents for tests, written from the
// format's description (data.ExportFormat's doc comment) and not with the
// data package's writer: tests of import's validation edit an export as a
// JSON value and seal it again here, so that the edit, not the checksum, is
// what import meets; and import accepting what this writes checks that the
// reader follows the written description. It does not import data (data's
// own tests use it), so callers pass the entity names in registry order.
package backuptest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
)

// Seal writes doc (section name → array of records, as decoded from an
// export) as a compact document of the given format version: the header
// with counts, the sections in the order of names and then any other
// section doc holds (sorted), and the checksum over them. A section that is
// not an array is written as it is and counted 0.
func Seal(doc map[string]any, version int, names []string) []byte {
	var b, sum bytes.Buffer
	fmt.Fprintf(&b, `{"format":"mahalleh-export","version":%d,"counts":{`, version)
	order := append([]string(nil), names...)
	var extra []string
	for name := range doc {
		if !contains(names, name) && name != "format" && name != "version" && name != "counts" && name != "checksum" {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	order = append(order, extra...)
	for i, name := range names {
		recs, _ := doc[name].([]any)
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%q:%d", name, len(recs))
	}
	b.WriteString("}")
	for _, name := range order {
		fmt.Fprintf(&b, ",%q:", name)
		sum.WriteString(name + "\n")
		recs, ok := doc[name].([]any)
		if !ok {
			v, _ := json.Marshal(doc[name])
			if doc[name] == nil {
				v = []byte("[]")
			}
			b.Write(v)
			continue
		}
		b.WriteString("[")
		for i, r := range recs {
			v, _ := json.Marshal(r)
			if i > 0 {
				b.WriteString(",")
			}
			b.Write(v)
			sum.Write(v)
			sum.WriteString("\n")
		}
		b.WriteString("]")
	}
	h := sha256.Sum256(sum.Bytes())
	fmt.Fprintf(&b, `,"checksum":"sha256:%s"}`, hex.EncodeToString(h[:]))
	return b.Bytes()
}

// Decode reads an export document as a JSON value with exact numbers, the
// way tests edit it before sealing it again.
func Decode(raw []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]any
	err := dec.Decode(&doc)
	return doc, err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
