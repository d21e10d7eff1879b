package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"mahalleh/data"
	msync "mahalleh/sync"
)

// Kind says what sort of failure an Error is, so that a screen can choose
// what to show (a quiet "offline" badge, or a dialog that asks for action).
type Kind int

const (
	KindOffline         Kind = iota + 1 // no connection, a timeout, or the server kept failing: try later
	KindUnauthorized                    // the token was revoked or is unknown: enrol again
	KindRejected                        // the server refused the request (4xx): fix what it says
	KindServer                          // the server failed (5xx) after every retry
	KindNotEnrolled                     // no enrolment in this store
	KindAlreadyEnrolled                 // Enrol on an enrolled store without Force
	KindLocal                           // the local store failed
	KindCanceled                        // the caller stopped the sync
	KindBusy                            // another sync of this store is running
)

// Error is what every function of this package returns: a message for a
// person in English (Msg) and Persian (MsgFa) saying what happened and what
// to do, and for a programmer the HTTP status, the server's code and the cause.
type Error struct {
	Kind   Kind
	Status int    // HTTP status, 0 when there was no answer
	Code   string // the server's machine-readable code ("revoked", "forbidden", …)
	Msg    string
	MsgFa  string
	Err    error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s (%v)", e.Msg, e.Err)
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// Persian returns the message for a Persian reader.
func (e *Error) Persian() string { return e.MsgFa }

// Both returns the Persian message followed by the English one, as the
// command line prints it.
func (e *Error) Both() string { return e.MsgFa + "\n" + e.Msg }

// KindOf returns the Kind of err, or 0 when it is not an *Error.
func KindOf(err error) Kind {
	var ce *Error
	if errors.As(err, &ce) {
		return ce.Kind
	}
	return 0
}

// AsError turns any error into an *Error with both messages (a data.Error
// keeps its own; anything else becomes a local failure).
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var ce *Error
	if errors.As(err, &ce) {
		return ce
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return canceled(err)
	}
	var de *data.Error
	if errors.As(err, &de) {
		return &Error{Kind: KindLocal, Msg: de.Msg, MsgFa: de.Persian(), Err: err}
	}
	return &Error{Kind: KindLocal, Err: err,
		Msg:   "the local store could not be read or written; your work up to now is saved, try again",
		MsgFa: "خواندن یا نوشتن پایگاه داده این دستگاه ممکن نشد؛ کارهای ثبت‌شده محفوظ است، دوباره تلاش کنید."}
}

func offline(err error) *Error {
	return &Error{Kind: KindOffline, Err: err,
		Msg:   "The server cannot be reached; your work is saved and will sync later.",
		MsgFa: "سرور در دسترس نیست؛ کار شما ذخیره شده و بعداً همگام می‌شود."}
}

func canceled(err error) *Error {
	return &Error{Kind: KindCanceled, Err: err,
		Msg:   "Sync was stopped; everything received so far is saved and the rest will sync next time.",
		MsgFa: "همگام‌سازی متوقف شد؛ آنچه تا اینجا دریافت شده ذخیره شده و بقیه دفعه بعد همگام می‌شود."}
}

func notEnrolled() *Error {
	return &Error{Kind: KindNotEnrolled,
		Msg:   "This device is not enrolled with HQ yet; enrol it with the one-time code HQ gave you (mahalleh enrol).",
		MsgFa: "این دستگاه هنوز در ستاد ثبت نشده است؛ با کد یک‌بار مصرفی که ستاد داده آن را ثبت کنید (mahalleh enrol)."}
}

func busy() *Error {
	return &Error{Kind: KindBusy,
		Msg:   "A sync is already running on this device; wait for it to finish.",
		MsgFa: "همگام‌سازی دیگری روی این دستگاه در حال انجام است؛ صبر کنید تا تمام شود."}
}

// fromResponse turns a non-2xx answer into an Error, using the server's own
// message for a 4xx (it names the record and the field at fault).
func fromResponse(status int, body []byte) *Error {
	var eb msync.ErrorBody
	_ = json.Unmarshal(body, &eb)
	d := eb.Error
	if status == http.StatusUnauthorized && d.Code != "bad_code" {
		e := &Error{Kind: KindUnauthorized, Status: status, Code: d.Code,
			Msg:   "HQ no longer accepts this device (its access was revoked or is not valid); ask HQ for a new enrolment code and enrol again. Your work is kept on this device.",
			MsgFa: "ستاد دیگر این دستگاه را نمی‌پذیرد (دسترسی آن لغو شده یا معتبر نیست)؛ از ستاد کد ثبت جدید بگیرید و دوباره ثبت کنید. کارهای شما روی این دستگاه محفوظ است."}
		if d.Message != "" {
			e.Err = errors.New(d.Message)
		}
		return e
	}
	if status >= 500 || status == http.StatusTooManyRequests {
		return &Error{Kind: KindServer, Status: status, Code: d.Code,
			Msg:   fmt.Sprintf("The server had a problem (HTTP %d); your work is saved on this device, try again later.", status),
			MsgFa: fmt.Sprintf("سرور با مشکل روبه‌رو شد (HTTP %d)؛ کار شما روی این دستگاه ذخیره شده است، بعداً دوباره تلاش کنید.", status)}
	}
	e := &Error{Kind: KindRejected, Status: status, Code: d.Code, Msg: d.Message, MsgFa: d.MessageFa}
	if e.Msg == "" {
		e.Msg = fmt.Sprintf("The server refused the request (HTTP %d); nothing was changed there. Tell HQ if this keeps happening.", status)
	}
	if e.MsgFa == "" {
		e.MsgFa = fmt.Sprintf("سرور درخواست را نپذیرفت (HTTP %d)؛ چیزی تغییر نکرد. اگر تکرار شد به ستاد خبر دهید.", status)
	}
	return e
}
