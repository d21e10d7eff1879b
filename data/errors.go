package data

import (
	"errors"
	"fmt"
)

// ErrorCode says what kind of failure an Error is, for callers that branch on it.
type ErrorCode int

const (
	ErrInternal  ErrorCode = iota // a fault of the program or the disk
	ErrInvalid                    // bad input: nothing was written
	ErrNotFound                   // no such record
	ErrForbidden                  // the record belongs to another district
)

// Error is what the store returns: readable by a person at the top (Msg in
// English, MsgFa in Persian, both saying what happened and what to do) and by
// a programmer underneath (Op and the wrapped cause).
type Error struct {
	Op    string    // the operation: "save meetings", "import", "open"
	Code  ErrorCode // the kind of failure
	Msg   string    // for a person, in English
	MsgFa string    // for a person, in Persian
	Err   error     // the cause, if any
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Op, e.Msg, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Op, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// Persian returns the message for a Persian reader.
func (e *Error) Persian() string {
	if e.MsgFa == "" {
		return e.Msg
	}
	return e.MsgFa
}

func wrap(op string, err error, msg, msgFa string) error {
	var de *Error
	if errors.As(err, &de) {
		return err
	}
	return &Error{Op: op, Code: ErrInternal, Msg: msg, MsgFa: msgFa, Err: err}
}

func invalid(op, msg, msgFa string) error {
	return &Error{Op: op, Code: ErrInvalid, Msg: msg, MsgFa: msgFa}
}

// IsInvalid reports whether err is a bad-input error (nothing was written).
func IsInvalid(err error) bool { return codeOf(err) == ErrInvalid }

// IsNotFound reports whether err says a record does not exist.
func IsNotFound(err error) bool { return codeOf(err) == ErrNotFound }

func codeOf(err error) ErrorCode {
	var de *Error
	if errors.As(err, &de) {
		return de.Code
	}
	return -1
}
