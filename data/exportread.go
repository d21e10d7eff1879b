package data

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/google/uuid"

	"mahalleh/data/persian"
)

// exportReader reads an export document (see ExportFormat) one record at a
// time with encoding/json's Token and More, checking as it goes what can be
// checked (the header, each record, the order, the counts) and at the end
// the checksum. Memory stays that of one record whatever the file's size.
type exportReader struct {
	dec     *json.Decoder
	counts  []int // per entity, from the header
	total   int
	done    int
	sum     hash.Hash
	section int  // index in Entities of the open section; -1 before the first
	inArray bool // inside the open section's array
	pos     int  // records read in the open section
	prevID  string
	raw     json.RawMessage
	ended   bool
}

// openExport recognises gzip by its magic bytes and reads the header.
func openExport(r io.Reader) (*exportReader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var src io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, damaged(err)
		}
		src = gz
	}
	x := &exportReader{sum: sha256.New(), section: -1, counts: make([]int, len(Entities))}
	x.dec = json.NewDecoder(src)
	x.dec.UseNumber()
	return x, x.header()
}

// header reads {"format": …, "version": …, "counts": {…}.
func (x *exportReader) header() error {
	notBackup := invalid("import", "the file is not a Mahalleh backup: it does not begin with the header (format, version) of a backup; choose the file that `mahalleh export --format json` or Settings → Backup wrote",
		"این پرونده پشتیبان محله نیست: با سرآیند پشتیبان شروع نمی‌شود؛ پرونده‌ای را انتخاب کنید که «تهیه پشتیبان» در تنظیمات یا فرمان export ساخته است")
	if tok, err := x.dec.Token(); err != nil {
		return x.damaged(err)
	} else if tok != json.Delim('{') {
		return notBackup
	}
	format, err := x.field("format")
	if err != nil {
		return err
	}
	if format != ExportFormat {
		return notBackup
	}
	v, err := x.field("version")
	if err != nil {
		return err
	}
	if n, ok := v.(json.Number); !ok || n.String() != strconv.Itoa(ExportVersion) {
		return invalid("import", fmt.Sprintf("the backup is of format version %v, which this Mahalleh does not know (it reads versions 1 and %d); restore it with the Mahalleh that made it or a newer one", v, ExportVersion),
			fmt.Sprintf("این پشتیبان با قالب نسخه %v ساخته شده است که این نسخه محله آن را نمی‌شناسد (نسخه ۱ و %s را می‌خواند)؛ آن را با همان نسخه‌ای که ساخته است یا نسخه‌ای تازه‌تر بازگردانید", v, persianInt(ExportVersion)))
	}
	if tok, err := x.field("counts"); err != nil {
		return err
	} else if tok != json.Delim('{') {
		return notBackup
	}
	for x.dec.More() {
		key, err := x.dec.Token()
		if err != nil {
			return x.damaged(err)
		}
		i, known := entityPos[fmt.Sprint(key)]
		var n int
		tok, err := x.dec.Token()
		if err != nil {
			return x.damaged(err)
		}
		num, _ := tok.(json.Number)
		n64, perr := num.Int64()
		n = int(n64)
		if !known || perr != nil || n < 0 || x.counts[i] != 0 {
			return invalid("import", fmt.Sprintf("the header's count of %v is not valid", key), "شمار رکوردها در سرآیند پرونده نامعتبر است")
		}
		x.counts[i] = n
		x.total += n
	}
	_, err = x.dec.Token() // the counts' closing brace
	return x.damaged(err)
}

// field reads the key name and returns its value's first token.
func (x *exportReader) field(name string) (json.Token, error) {
	key, err := x.dec.Token()
	if err != nil {
		return nil, x.damaged(err)
	}
	if key != name {
		return nil, invalid("import", "the file is not a Mahalleh backup: its header has no "+name, "این پرونده پشتیبان محله نیست: سرآیند آن ناقص است")
	}
	tok, err := x.dec.Token()
	return tok, x.damaged(err)
}

// next returns the next record and its position in its section, or io.EOF
// once the whole document has been read and its counts and checksum match.
func (x *exportReader) next() (*Entity, int, Record, error) {
	for !x.ended {
		if x.inArray {
			if x.dec.More() {
				return x.record()
			}
			if _, err := x.dec.Token(); err != nil {
				return nil, 0, nil, x.damaged(err)
			}
			x.inArray = false
			if err := x.counted(); err != nil {
				return nil, 0, nil, err
			}
		}
		if err := x.nextSection(); err != nil {
			return nil, 0, nil, err
		}
	}
	return nil, 0, nil, io.EOF
}

// counted checks the closed section holds what the header said.
func (x *exportReader) counted() error {
	e := &Entities[x.section]
	if x.pos != x.counts[x.section] {
		return altered(fmt.Sprintf("its header counts %d %s but it holds %d", x.counts[x.section], e.Name, x.pos),
			fmt.Sprintf("سرآیند آن %s رکورد %s می‌شمارد ولی %s رکورد دارد", persianInt(x.counts[x.section]), e.Name, persianInt(x.pos)))
	}
	return nil
}

// nextSection reads the next key: a section, which it opens, or the
// checksum, which ends the document.
func (x *exportReader) nextSection() error {
	tok, err := x.dec.Token()
	if err != nil {
		return x.damaged(err)
	}
	key, ok := tok.(string)
	if !ok {
		return altered("it has no checksum at its end", "جمع آزمای پایان آن نیست")
	}
	want := "checksum"
	if x.section+1 < len(Entities) {
		want = Entities[x.section+1].Name
	}
	if key != want {
		if _, known := entityPos[key]; !known && key != "checksum" {
			return invalid("import", "the file has an unknown section "+key, "بخش ناشناخته در پرونده: "+key)
		}
		return altered("its sections are not in order: "+want+" should come before "+key, "بخش‌های آن به ترتیب نیستند: «"+want+"» باید پیش از «"+key+"» بیاید")
	}
	if key == "checksum" {
		return x.trailer()
	}
	x.section++
	x.pos, x.prevID = 0, ""
	x.sum.Write([]byte(key + "\n"))
	if tok, err = x.dec.Token(); err != nil {
		return x.damaged(err)
	}
	if tok != json.Delim('[') {
		return invalid("import", key+" must be an array of records", "بخش "+key+" باید فهرستی از رکوردها باشد")
	}
	x.inArray = true
	return nil
}

// trailer compares the checksum and makes sure nothing follows the document.
func (x *exportReader) trailer() error {
	tok, err := x.dec.Token()
	if err != nil {
		return x.damaged(err)
	}
	if want := "sha256:" + hex.EncodeToString(x.sum.Sum(nil)); tok != want {
		return altered("its checksum does not match its content", "جمع آزمای آن با محتوایش نمی‌خواند")
	}
	if tok, err = x.dec.Token(); err != nil {
		return x.damaged(err)
	}
	if tok != json.Delim('}') {
		return altered("something follows its checksum", "پس از جمع آزمای آن چیز دیگری آمده است")
	}
	if _, err := x.dec.Token(); err != io.EOF {
		if err != nil {
			return x.damaged(err) // a compressed file's own checksum, checked at its end
		}
		return altered("something follows the end of the backup", "پس از پایان پشتیبان چیز دیگری آمده است")
	}
	x.ended = true
	return nil
}

// record reads and checks one record of the open section.
func (x *exportReader) record() (*Entity, int, Record, error) {
	e := &Entities[x.section]
	x.raw = x.raw[:0]
	if err := x.dec.Decode(&x.raw); err != nil {
		return nil, 0, nil, x.damaged(err)
	}
	pos := x.pos
	x.pos++
	x.done++
	if x.pos > x.counts[x.section] {
		return nil, 0, nil, x.counted()
	}
	if !utf8.Valid(x.raw) {
		return nil, 0, nil, invalid("import", fmt.Sprintf("%s[%d] is not UTF-8 text: the file is damaged", e.Name, pos), fmt.Sprintf("رکورد %s از %s متن UTF-8 نیست: پرونده آسیب دیده است", persianInt(pos+1), e.Name))
	}
	x.sum.Write(x.raw)
	x.sum.Write([]byte("\n"))
	dec := json.NewDecoder(bytes.NewReader(x.raw))
	dec.UseNumber()
	var item map[string]any
	if err := dec.Decode(&item); err != nil || item == nil {
		return nil, 0, nil, invalid("import", fmt.Sprintf("%s[%d] is not a record", e.Name, pos), fmt.Sprintf("رکورد %s از %s رکورد نیست", persianInt(pos+1), e.Name))
	}
	rec, err := CheckFields(e, item)
	if err == nil {
		err = CheckComplete(e, rec)
	}
	if err == nil {
		if u, perr := uuid.Parse(rec.ID()); perr != nil || u.Version() != 7 {
			err = &FieldError{Entity: e.Name, Field: "id", Msg: "is not a UUIDv7", MsgFa: "شناسه باید UUIDv7 باشد"}
		}
	}
	if err == nil && rec.ID() <= x.prevID {
		err = &FieldError{Entity: e.Name, Field: "id", Msg: "is not after the previous record's (records are sorted by id)", MsgFa: "شناسه‌ها به ترتیب نیستند"}
	}
	if err != nil {
		fe, _ := err.(*FieldError)
		msg := fmt.Sprintf("%s[%d] (id %v): %v", e.Name, pos, item["id"], err)
		fa := fmt.Sprintf("رکورد %s از %s نامعتبر است", persianInt(pos+1), e.Name)
		if fe != nil {
			fa += ": «" + fe.Field + "» " + fe.MsgFa
		}
		return nil, 0, nil, &Error{Op: "import", Code: ErrInvalid, Msg: msg, MsgFa: fa, Err: err}
	}
	x.prevID = rec.ID()
	return e, pos, rec, nil
}

// altered is the refusal of a file whose structure was changed after export.
func altered(en, fa string) error {
	return invalid("import", "the backup was altered or damaged after it was made: "+en, "پرونده پشتیبان پس از ساخته شدن تغییر کرده یا آسیب دیده است: "+fa)
}

// damaged turns a read error into the refusal a person understands: a file
// cut short, bytes that are not JSON, a damaged compressed file.
func (x *exportReader) damaged(err error) error { return damaged(err) }

func damaged(err error) error {
	var syn *json.SyntaxError
	var corrupt flate.CorruptInputError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("import", "the file ends before the backup does: it is incomplete (a copy cut short?)", "پرونده پیش از پایان پشتیبان تمام می‌شود: ناقص است (شاید رونوشتش نیمه‌کاره مانده است)")
	case errors.As(err, &syn):
		return invalid("import", fmt.Sprintf("the file is damaged at byte %d: it is not valid JSON there (%v)", syn.Offset, err), fmt.Sprintf("پرونده در بایت %s آسیب دیده است و آنجا JSON معتبر نیست", persianInt(int(syn.Offset))))
	case errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.As(err, &corrupt):
		return invalid("import", "the compressed file is damaged ("+err.Error()+")", "پرونده فشرده آسیب دیده است")
	}
	return wrap("import", err, "cannot read the file", "خواندن پرونده ممکن نشد")
}

// persianInt writes n with Persian digits, for the Persian messages.
func persianInt(n int) string { return persian.Digits(strconv.Itoa(n)) }
