package data

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"strconv"
)

// ExportFormat names the JSON document written by Export, and its version.
//
// Version 2 is read and written one record at a time, so a year of an
// office's work (1.5 GB of JSON) is backed up and restored in bounded memory:
//
//	{
//	 "format": "mahalleh-export",
//	 "version": 2,
//	 "counts": {"subdistricts": 3, ... every entity, in registry order},
//	 "subdistricts": [ {record}, ... ],   every entity, in registry order
//	 ...                                  (parents before children), each
//	 "conflicts": [],                     section sorted by id
//	 "checksum": "sha256:<hex>"
//	}
//
// The header (format, version, counts) comes first so that a reader refuses
// a file of another format or version before it opens a transaction, and
// knows the total for its progress bar. The checksum comes last, as a
// trailer: putting it in the header would make export encode every record
// twice (once to hash, once to write), and a 1.5 GB backup on an office
// laptop takes long enough once. Import checks the trailer, and that every
// section holds the number of records the header declared, inside its one
// transaction before it commits, so a truncated or altered file leaves the
// store exactly as it was. The checksum is the SHA-256 of, for each section
// in order, its name and a newline, then each record's bytes exactly as they
// appear in the file (from its "{" to its "}") followed by a newline.
const (
	ExportFormat  = "mahalleh-export"
	ExportVersion = 2
)

// BackupOption adjusts an Export or an Import.
type BackupOption func(*backupOptions)

type backupOptions struct {
	progress func(done, total int)
	gzip     bool
}

// progressEvery is how many records pass between two progress calls.
const progressEvery = 1000

// OnProgress has fn called with the records done so far and the total, at
// least every 1,000 records and once at the end, from the calling goroutine.
func OnProgress(fn func(done, total int)) BackupOption {
	return func(o *backupOptions) { o.progress = fn }
}

// Gzip compresses an export with gzip (a year of Persian minutes shrinks
// about tenfold). Import needs no option: it recognises gzip by its first
// bytes.
func Gzip() BackupOption { return func(o *backupOptions) { o.gzip = true } }

func backupOpts(opts []BackupOption) backupOptions {
	var o backupOptions
	for _, fn := range opts {
		fn(&o)
	}
	return o
}

// Export writes every live record (tombstones are left out) as an export
// document of version 2 (see ExportFormat), reading one record at a time in
// one read transaction, so that the counts in the header and the records
// are the same snapshot while the window goes on writing. The document
// depends only on the records, so export → import → export gives the same
// bytes. district 0 means all.
func (s *Store) Export(ctx context.Context, w io.Writer, district int, opts ...BackupOption) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return wrap("export", err, "cannot read the store", "خواندن پایگاه داده ممکن نشد")
	}
	defer conn.Close()
	// A deferred BEGIN on its own connection is a WAL read snapshot: it does
	// not block the writer (Store.Tx begins IMMEDIATE, a write lock).
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return wrap("export", err, "cannot read the store", "خواندن پایگاه داده ممکن نشد")
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	where, args := " WHERE deleted = 0", []any{}
	if district != 0 {
		where += " AND district IN (0, ?)"
		args = append(args, district)
	}
	counts := make(map[string]int, len(Entities))
	for i := range Entities {
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+Entities[i].Name+where, args...).Scan(&n); err != nil {
			return wrap("export", err, "cannot read "+Entities[i].Name, "خواندن داده‌ها ممکن نشد")
		}
		counts[Entities[i].Name] = n
	}
	x, err := NewExportWriter(w, counts, opts...)
	if err != nil {
		return err
	}
	for i := range Entities {
		e := &Entities[i]
		rows, err := conn.QueryContext(ctx, "SELECT "+selectList(e)+" FROM "+e.Name+where+" ORDER BY id", args...)
		if err != nil {
			return wrap("export", err, "cannot read "+e.Name, "خواندن داده‌ها ممکن نشد")
		}
		for rows.Next() {
			rec, err := scanRecord(e, rows)
			if err == nil {
				err = x.Write(e, rec)
			}
			if err != nil {
				rows.Close()
				return wrap("export", err, "cannot read "+e.Name, "خواندن داده‌ها ممکن نشد")
			}
		}
		if err := rows.Err(); err != nil {
			rows.Close()
			return wrap("export", err, "cannot read "+e.Name, "خواندن داده‌ها ممکن نشد")
		}
		rows.Close()
	}
	return x.Close()
}

// ExportWriter writes an export document one record at a time. It is shared
// with the HQ server, so that both write the same bytes for the same records.
// Records must come entity by entity in registry order, each entity's sorted
// by id, and as many of each as counts declared.
type ExportWriter struct {
	out     io.Writer // what the caller gave
	gz      *gzip.Writer
	w       *bufio.Writer
	sum     hash.Hash
	enc     *json.Encoder
	buf     bytes.Buffer
	counts  []int
	section int // index in Entities of the open section; -1 before the first
	n       int // records written in the open section
	done    int
	total   int
	opts    backupOptions
}

// NewExportWriter writes the header of a document with the given number of
// records per entity (absent: none).
func NewExportWriter(w io.Writer, counts map[string]int, opts ...BackupOption) (*ExportWriter, error) {
	x := &ExportWriter{out: w, sum: sha256.New(), section: -1, opts: backupOpts(opts)}
	if x.opts.gzip {
		x.gz = gzip.NewWriter(w)
		w = x.gz
	}
	x.w = bufio.NewWriterSize(w, 1<<16)
	x.enc = json.NewEncoder(&x.buf)
	x.enc.SetEscapeHTML(false)
	x.enc.SetIndent("  ", " ")
	fmt.Fprintf(x.w, "{\n \"format\": %q,\n \"version\": %d,\n \"counts\": {\n", ExportFormat, ExportVersion)
	x.counts = make([]int, len(Entities))
	for i := range Entities {
		x.counts[i] = counts[Entities[i].Name]
		x.total += x.counts[i]
		sep := ","
		if i == len(Entities)-1 {
			sep = ""
		}
		fmt.Fprintf(x.w, "  %q: %d%s\n", Entities[i].Name, x.counts[i], sep)
	}
	x.w.WriteString(" }")
	return x, x.failed(nil)
}

// Write adds one record of entity e.
func (x *ExportWriter) Write(e *Entity, rec Record) error {
	i := entityPos[e.Name]
	if i < x.section {
		return &Error{Op: "export", Msg: e.Name + " comes after " + Entities[x.section].Name, MsgFa: "ترتیب بخش‌های خروجی نادرست است"}
	}
	if i > x.section {
		if err := x.openSection(i); err != nil {
			return err
		}
	}
	if x.n == x.counts[i] {
		return &Error{Op: "export", Msg: "more " + e.Name + " than counted (" + strconv.Itoa(x.counts[i]) + ")", MsgFa: "شمار رکوردهای خروجی با سرآیند نمی‌خواند"}
	}
	x.buf.Reset()
	if err := x.enc.Encode(rec); err != nil {
		return x.failed(err)
	}
	body := bytes.TrimSuffix(x.buf.Bytes(), []byte("\n"))
	if x.n > 0 {
		x.w.WriteString(",")
	}
	x.w.WriteString("\n  ")
	x.w.Write(body)
	x.sum.Write(body)
	x.sum.Write([]byte("\n"))
	x.n++
	x.done++
	if x.opts.progress != nil && x.done%progressEvery == 0 {
		x.opts.progress(x.done, x.total)
	}
	return x.failed(nil)
}

// openSection closes the open section and the empty ones before section i
// (each must hold the records its count declared), and opens section i.
func (x *ExportWriter) openSection(i int) error {
	for x.section < i {
		if x.section >= 0 {
			if x.n != x.counts[x.section] {
				return &Error{Op: "export", Msg: fmt.Sprintf("%d %s written, %d counted", x.n, Entities[x.section].Name, x.counts[x.section]), MsgFa: "شمار رکوردهای خروجی با سرآیند نمی‌خواند"}
			}
			if x.n > 0 {
				x.w.WriteString("\n ")
			}
			x.w.WriteString("]")
		}
		x.section++
		x.n = 0
		if x.section < len(Entities) {
			name := Entities[x.section].Name
			fmt.Fprintf(x.w, ",\n %q: [", name)
			x.sum.Write([]byte(name + "\n"))
		}
	}
	return nil
}

// Close writes the remaining sections and the checksum, and flushes. It
// does not close the writer it was given.
func (x *ExportWriter) Close() error {
	if err := x.openSection(len(Entities)); err != nil {
		return err
	}
	fmt.Fprintf(x.w, ",\n \"checksum\": \"sha256:%s\"\n}\n", hex.EncodeToString(x.sum.Sum(nil)))
	if err := x.w.Flush(); err != nil {
		return x.failed(err)
	}
	if x.gz != nil {
		if err := x.gz.Close(); err != nil {
			return x.failed(err)
		}
	}
	if x.opts.progress != nil {
		x.opts.progress(x.done, x.total)
	}
	return nil
}

// failed turns a write error (err, or the buffered writer's) into the
// store's error.
func (x *ExportWriter) failed(err error) error {
	if err == nil {
		if _, ferr := x.w.Write(nil); ferr != nil {
			err = ferr
		}
	}
	if err == nil {
		return nil
	}
	return wrap("export", err, "cannot write the export; check the disk has room", "نوشتن پرونده خروجی ممکن نشد؛ جای خالی دیسک را بررسی کنید")
}

// entityPos is each entity's index in Entities.
var entityPos = func() map[string]int {
	m := make(map[string]int, len(Entities))
	for i := range Entities {
		m[Entities[i].Name] = i
	}
	return m
}()
