package hq

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sort"
	"strings"
	gosync "sync"
	"unicode/utf8"

	"github.com/google/uuid"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// readBody reads a JSON request body of at most msync.MaxBodyBytes, after
// gunzip when the device sent Content-Encoding: gzip (so a small gzip bomb
// is cut off at the limit), and refuses a Content-Type other than JSON and
// invalid UTF-8 (encoding/json would quietly replace it, storing something
// the officer never wrote).
func readBody(r *http.Request) ([]byte, error) {
	if err := checkContentType(r); err != nil {
		return nil, err
	}
	limit := int64(msync.MaxBodyBytes)
	if r.ContentLength > limit {
		return nil, tooLarge(fmt.Sprintf("The request body is %d bytes; at most %d are accepted.", r.ContentLength, limit))
	}
	var src io.Reader = http.MaxBytesReader(nil, r.Body, limit)
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip":
		zr, err := gzip.NewReader(src)
		if err != nil {
			return nil, invalidf("بدنه فشرده درخواست خراب است. برنامه را به‌روز کنید.",
				"The gzip body is damaged (%v). Send it again; if this keeps happening, update the app.", err)
		}
		defer zr.Close()
		src = zr
	default:
		return nil, &apiError{Status: http.StatusUnsupportedMediaType, Code: "invalid",
			Message:   fmt.Sprintf("Content-Encoding %q is not supported; send gzip or plain JSON. Update the app.", enc),
			MessageFa: "نوع فشرده‌سازی درخواست پشتیبانی نمی‌شود. برنامه را به‌روز کنید."}
	}
	body, err := io.ReadAll(io.LimitReader(src, limit+1))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || int64(len(body)) > limit {
		return nil, tooLarge(fmt.Sprintf("The request body is larger than %d bytes (after decompression).", limit))
	}
	if err != nil {
		return nil, invalidf("بدنه درخواست کامل نرسید. دوباره بفرستید.", "The request body could not be read (%v). Send it again.", err)
	}
	if !utf8.Valid(body) {
		return nil, invalidf("درخواست متن نامعتبر (غیر UTF-8) دارد.", "The request is not valid UTF-8 text. Update the app; if it persists, report it to HQ.")
	}
	return body, nil
}

// decodeStrict decodes exactly one JSON value of the shape sh into v:
// unknown fields, keys in another case, duplicate keys, nulls where sh has
// none, lone surrogates, wrong types and trailing data are errors.
func decodeStrict(body []byte, sh *shape, v any) error {
	if err := checkShape(body, sh); err != nil {
		var es *errShape
		if errors.As(err, &es) && es.trailing {
			return invalidf("پس از داده JSON چیز اضافه‌ای آمده است.", "The request has data after its JSON value. Update the app.")
		}
		return invalidf("درخواست JSON معتبری نیست یا فیلد ناشناخته، کلید تکراری یا نوع نادرست دارد. برنامه را به‌روز کنید.",
			"The request is not valid JSON for this endpoint: %v. Update the app.", err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return invalidf("درخواست JSON معتبری نیست یا فیلد ناشناخته یا نوع نادرست دارد. برنامه را به‌روز کنید.",
			"The request is not valid JSON for this endpoint: %v. Update the app.", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return invalidf("پس از داده JSON چیز اضافه‌ای آمده است.", "The request has data after its JSON value. Update the app.")
	}
	return nil
}

// DecodeEnrol parses the body of POST /v1/enrol.
func DecodeEnrol(body []byte) (*msync.EnrolRequest, error) {
	if !utf8.Valid(body) {
		return nil, invalidf("درخواست متن نامعتبر (غیر UTF-8) دارد.", "The request is not valid UTF-8 text.")
	}
	var req msync.EnrolRequest
	if err := decodeStrict(body, enrolShape, &req); err != nil {
		return nil, err
	}
	req.DeviceName = strings.TrimSpace(req.DeviceName)
	if strings.TrimSpace(req.Code) == "" || len(req.Code) > 64 {
		return nil, invalidf("کد ثبت را وارد کنید (کدی که ستاد داده است).", "The enrolment code is missing or too long. Type the code HQ gave you.")
	}
	if utf8.RuneCountInString(req.DeviceName) > 200 || strings.ContainsRune(req.DeviceName, 0) {
		return nil, invalidf("نام دستگاه حداکثر ۲۰۰ نویسه است.", "The device name must be at most 200 characters.")
	}
	return &req, nil
}

// DecodePush parses and validates the body of POST /v1/push: everything that
// can be checked without the device and the database. The fields of each
// change come back in canonical form (data.CheckFields). An invalid change
// is an error here; the push handler uses decodePush, which refuses only
// that change and applies the rest.
func DecodePush(body []byte) (*msync.PushRequest, error) {
	req, bad, err := decodePush(body)
	if err != nil {
		return nil, err
	}
	for _, err := range bad {
		if err != nil {
			return nil, err
		}
	}
	return req, nil
}

// decodePush is DecodePush that returns the error of each invalid change
// in bad (nil for a valid change) instead of failing: a malformed body is
// still an error.
func decodePush(body []byte) (req *msync.PushRequest, bad []error, err error) {
	if !utf8.Valid(body) {
		return nil, nil, invalidf("درخواست متن نامعتبر (غیر UTF-8) دارد.", "The request is not valid UTF-8 text.")
	}
	r, ok := decodePushFast(body)
	if !ok {
		r = msync.PushRequest{}
		if err := decodeStrict(body, pushShape, &r); err != nil {
			return nil, nil, err
		}
	}
	if len(r.Changes) > msync.MaxBatch {
		return nil, nil, tooLarge(fmt.Sprintf("The batch has %d changes; at most %d are accepted.", len(r.Changes), msync.MaxBatch))
	}
	if len(r.BatchID) > 100 {
		return nil, nil, invalidf("شناسه دسته بیش از حد بلند است.", "batch_id is longer than 100 characters.")
	}
	return &r, checkChanges(r.Changes), nil
}

// checkChanges runs checkChange on every change, a large batch on several
// cores (validation is a good part of a push's work), and returns the
// error of each change (nil when it is valid), in order.
func checkChanges(changes []data.Change) []error {
	errs := make([]error, len(changes))
	workers := min(runtime.GOMAXPROCS(0), len(changes)/64)
	if workers <= 1 {
		checkRange(changes, errs, 0, len(changes))
		return errs
	}
	per := (len(changes) + workers - 1) / workers
	var wg gosync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			from, to := w*per, min((w+1)*per, len(changes))
			defer func() { // a panic here, outside the handler's goroutine, would stop the server
				if p := recover(); p != nil {
					for i := from; i < to; i++ {
						if errs[i] == nil {
							errs[i] = fmt.Errorf("validating changes from %d: panic: %v", from, p)
						}
					}
				}
			}()
			checkRange(changes, errs, from, to)
		})
	}
	wg.Wait()
	return errs
}

// checkRange checks changes[from:to] and puts each one's error in errs.
func checkRange(changes []data.Change, errs []error, from, to int) {
	for i := from; i < to; i++ {
		errs[i] = checkChange(i, &changes[i])
	}
}

// where names a change in messages: its position, entity and id.
func where(i int, c *data.Change) string {
	return fmt.Sprintf("change %d (%s %s)", i, clip(c.Entity), clip(c.ID))
}

func whereFa(i int) string { return fmt.Sprintf("تغییر شماره %d", i+1) }

func checkChange(i int, c *data.Change) error {
	bad := func(fa, format string, args ...any) error {
		return invalidf(whereFa(i)+": "+fa+" برنامه را به‌روز کنید و اگر تکرار شد به ستاد خبر دهید.",
			where(i, c)+": "+format+" Update the app; if this keeps happening, report it to HQ.", args...)
	}
	if !isUUID(c.ChangeID) {
		return bad("شناسه تغییر نامعتبر است.", "change_id %q is not a UUID.", clip(c.ChangeID))
	}
	e := data.EntityByName(c.Entity)
	if e == nil {
		return bad("نوع رکورد ناشناخته است.", "entity %q is not a known record type.", clip(c.Entity))
	}
	if !isUUID(c.ID) {
		return bad("شناسه رکورد نامعتبر است.", "id %q is not a UUID.", clip(c.ID))
	}
	if c.District < 0 || c.District > len(Districts) {
		return bad("منطقه نامعتبر است.", "district %d is not 0 to %d.", c.District, len(Districts))
	}
	if c.District == 0 && !e.Reference {
		return bad("فقط داده‌های مرجع ستاد منطقه ۰ دارند.", "district 0 is only for HQ's reference data, not %s.", e.Name)
	}
	if !data.ValidClock(c.Clock) || len(c.Clock) > 100 {
		return bad("ساعت تغییر نامعتبر است.", "clock %q is malformed.", clip(c.Clock))
	}
	if utf8.RuneCountInString(c.Author) > 200 {
		return bad("نام نویسنده بیش از حد بلند است.", "author is longer than 200 characters.")
	}
	if len(c.Fields) == 0 {
		return bad("تغییر هیچ فیلدی ندارد.", "the change has no fields.")
	}
	fields, err := data.CheckSyncedFields(e, c.Fields) // a newer app's fields are kept (PROTOCOL.md)
	if err != nil {
		var fe *data.FieldError
		if errors.As(err, &fe) {
			return bad("فیلد «"+fe.Field+"» "+fe.MsgFa, "field %s %s.", clip(fe.Field), fe.Msg)
		}
		return bad("فیلدها نامعتبرند.", "%v.", err)
	}
	if id, ok := fields["id"]; ok && id != c.ID {
		return bad("شناسه درون فیلدها با شناسه تغییر یکی نیست.", "field id differs from the change's id.")
	}
	delete(fields, "id")
	if d, ok := fields["district"]; ok && d != int64(c.District) {
		return bad("منطقه درون فیلدها با منطقه تغییر یکی نیست.", "field district (%v) differs from the change's district (%d).", d, c.District)
	}
	for name, b := range c.Base {
		if _, ok := fields[name]; !ok {
			return bad("base فیلدی دارد که در تغییر نیست.", "base names field %q, which the change does not set.", clip(name))
		}
		if b != "" && !data.ValidClock(b) {
			return bad("ساعت پایه نامعتبر است.", "base clock of %s (%q) is malformed.", clip(name), clip(b))
		}
	}
	c.Fields = fields
	return nil
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	u, err := uuid.Parse(s)
	return err == nil && u.String() == s // canonical form only: one id, one spelling
}

// clip shortens what a device sent before it goes into a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// sortedKeys lists the field names of a change, for the audit log.
func sortedKeys(m data.Record) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
