package data

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/google/uuid"
)

// Backups of version 1 (made before the streaming format) have no header:
// one JSON object whose keys came out sorted, so "format" and "version" sit
// among the entity arrays. An officer's USB stick may hold one, so they
// are still restored, through this in-memory reader (such files were
// written in memory too, so they fit), with the same checks as before.

// isLegacyExport tells a version-1 document from a streamed one by its first
// key: a streamed backup starts with "format", a version-1 one with an
// entity's name. It only peeks at br.
func isLegacyExport(br *bufio.Reader) bool {
	head, _ := br.Peek(512)
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		return false // gzip: only the streamed format is compressed
	}
	head = bytes.TrimLeft(head, " \t\r\n\ufeff")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	head = bytes.TrimLeft(head[1:], " \t\r\n")
	return len(head) > 0 && head[0] == '"' && !bytes.HasPrefix(head, []byte(`"format"`))
}

// readLegacyExport reads a whole version-1 document, checking every record.
func readLegacyExport(r io.Reader) (map[string][]Record, error) {
	var doc map[string]json.RawMessage
	dec := json.NewDecoder(r)
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, damaged(err)
	}
	var format string
	var version json.Number
	_ = json.Unmarshal(doc["format"], &format)
	_ = json.Unmarshal(doc["version"], &version)
	if format != ExportFormat || version.String() != "1" {
		return nil, invalid("import", "the file is not a Mahalleh backup (no format and version)", "این پرونده پشتیبان محله نیست (قالب و نسخه ندارد)")
	}
	out := map[string][]Record{}
	for name, body := range doc {
		if name == "format" || name == "version" {
			continue
		}
		e := EntityByName(name)
		if e == nil {
			return nil, invalid("import", "the file has an unknown section "+name, "بخش ناشناخته در پرونده: "+name)
		}
		recs, err := legacyRecords(e, body)
		if err != nil {
			return nil, err
		}
		out[name] = recs
	}
	return out, nil
}

func legacyRecords(e *Entity, body json.RawMessage) ([]Record, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var items []map[string]any
	if err := dec.Decode(&items); err != nil {
		return nil, invalid("import", e.Name+" must be an array of records: "+err.Error(), "بخش "+e.Name+" باید فهرستی از رکوردها باشد")
	}
	out := make([]Record, 0, len(items))
	for i, item := range items {
		rec, err := CheckFields(e, item)
		if err == nil {
			err = CheckComplete(e, rec)
		}
		if err == nil {
			if u, perr := uuid.Parse(rec.ID()); perr != nil || u.Version() != 7 {
				err = &FieldError{Entity: e.Name, Field: "id", Msg: "is not a UUIDv7", MsgFa: "شناسه باید UUIDv7 باشد"}
			}
		}
		if err != nil {
			return nil, annotate(err, fmt.Sprintf("%s[%d] (id %v)", e.Name, i, item["id"]))
		}
		out = append(out, rec)
	}
	return out, nil
}

// importLegacy writes a version-1 document's records, parents first and by
// id within an entity, in the writer's one transaction.
func (w *Writer) importLegacy(doc map[string][]Record, res *ImportResult) error {
	for i := range Entities {
		e := &Entities[i]
		recs := doc[e.Name]
		order := make([]int, len(recs))
		for j := range order {
			order[j] = j
		}
		sort.SliceStable(order, func(a, b int) bool { return recs[order[a]].ID() < recs[order[b]].ID() })
		for _, j := range order {
			if err := w.importRecord(e, recs[j], res); err != nil {
				return annotate(err, fmt.Sprintf("%s[%d] (id %s)", e.Name, j, recs[j].ID()))
			}
		}
	}
	return nil
}
