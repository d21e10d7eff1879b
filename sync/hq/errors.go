package hq

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	msync "mahalleh/sync"
)

// apiError is an answer of 4xx or 5xx: a status, a machine-readable code,
// and what happened and what to do, in English and Persian.
type apiError struct {
	Status    int
	Code      string
	Message   string
	MessageFa string
	Err       error // the cause, logged but not sent
}

func (e *apiError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

func (e *apiError) Unwrap() error { return e.Err }

func invalidf(fa, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: "invalid", Message: fmt.Sprintf(format, args...), MessageFa: fa}
}

func forbiddenf(fa, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusForbidden, Code: "forbidden", Message: fmt.Sprintf(format, args...), MessageFa: fa}
}

func tooLarge(what string) *apiError {
	return &apiError{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
		Message:   what + " Send less at a time (the app does this by itself); if this keeps happening, report it to HQ.",
		MessageFa: "درخواست بیش از حد بزرگ است. داده را در بخش‌های کوچک‌تر بفرستید؛ اگر تکرار شد به ستاد خبر دهید."}
}

var (
	errUnauthorized = &apiError{Status: http.StatusUnauthorized, Code: "unauthorized",
		Message:   "This device is not enrolled with HQ or its token is not valid. Enrol it again with a code from HQ.",
		MessageFa: "این دستگاه در ستاد ثبت نشده یا کلید آن معتبر نیست. با کد ثبت از ستاد دوباره ثبتش کنید."}
	errRevoked = &apiError{Status: http.StatusUnauthorized, Code: "revoked",
		Message:   "This device was revoked by HQ. Ask HQ for a new enrolment code.",
		MessageFa: "دسترسی این دستگاه توسط ستاد لغو شده است. از ستاد کد ثبت جدید بگیرید."}
	errBadCode = &apiError{Status: http.StatusUnauthorized, Code: "bad_code",
		Message:   "This enrolment code is wrong, was already used, or has expired. Check it, or ask HQ for a new one.",
		MessageFa: "کد ثبت اشتباه است، قبلاً استفاده شده یا منقضی شده است. آن را بررسی کنید یا از ستاد کد جدید بگیرید."}
	errNotFound = &apiError{Status: http.StatusNotFound, Code: "not_found",
		Message:   "There is no such address on the HQ server. Update the app.",
		MessageFa: "چنین نشانی روی سرور ستاد وجود ندارد. برنامه را به‌روز کنید."}
	errMethod = &apiError{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed",
		Message:   "This address does not accept this kind of request. Update the app.",
		MessageFa: "این نشانی چنین درخواستی را نمی‌پذیرد. برنامه را به‌روز کنید."}
	errInternal = &apiError{Status: http.StatusInternalServerError, Code: "internal",
		Message:   "The HQ server failed to handle the request; nothing was changed. Try again later; if it keeps failing, tell HQ.",
		MessageFa: "سرور ستاد نتوانست درخواست را انجام دهد و چیزی تغییر نکرد. بعداً دوباره تلاش کنید؛ اگر تکرار شد به ستاد خبر دهید."}
	errUnavailable = &apiError{Status: http.StatusServiceUnavailable, Code: "unavailable",
		Message:   "The HQ server is busy. The app will try again by itself.",
		MessageFa: "سرور ستاد مشغول است. برنامه خودش دوباره تلاش می‌کند."}
)

// asAPIError turns any error into the answer to send: an *apiError as it
// is, anything else as a 500 that hides the cause from the device.
func asAPIError(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	return &apiError{Status: errInternal.Status, Code: errInternal.Code, Message: errInternal.Message, MessageFa: errInternal.MessageFa, Err: err}
}

func (e *apiError) body() msync.ErrorBody {
	return msync.ErrorBody{Error: msync.ErrorDetail{Code: e.Code, Message: e.Message, MessageFa: e.MessageFa}}
}

// writeJSON sends v with the status (compressed by the gzip middleware when
// the device accepts it).
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
