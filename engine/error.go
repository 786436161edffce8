package engine

import (
	"errors"
	"fmt"

	"github.com/triada-kpss/triada/forms"
)

// Error codes. Handlers map each to one HTTP status.
const (
	EINVALID      = "invalid"      // the input breaks a rule: 422
	ENOTFOUND     = "not_found"    // no such thing: 404
	ECONFLICT     = "conflict"     // exists already, or the wrong state: 409
	EUNAUTHORIZED = "unauthorized" // no valid credentials: 401
	EFORBIDDEN    = "forbidden"    // the role does not allow it: 403
	EINTERNAL     = "internal"     // a bug or a store failure: 500, logged
)

// Sentinel errors that stores return (wrapped with %w) so that the engine
// can tell the cases apart without knowing the driver.
var (
	ErrNotFound  = errors.New("not found")
	ErrDuplicate = errors.New("duplicate")
	ErrConflict  = errors.New("conflict") // a conditional update found another state or version
)

// FieldError is one problem with one input field.
type FieldError = forms.FieldError

// Error is the engine's one error type. Its Message is English (the API
// answers it); Format and Args are what Message was made from, so that a
// page can say it in the person's language (see Text).
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	Format  string
	Args    []any
}

func (e *Error) Error() string { return e.Message }

// Text returns the English format of the message and its arguments: the
// ones it was made from, or the message itself without arguments.
func (e *Error) Text() (string, []any) {
	if e.Format == "" {
		return e.Message, nil
	}
	return e.Format, e.Args
}

// WithFields adds fields at fault to e and returns it.
func (e *Error) WithFields(fields ...FieldError) *Error {
	e.Fields = append(e.Fields, fields...)
	return e
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Format: format, Args: args}
}

// Invalid returns an EINVALID error listing the fields at fault; message
// is a plain text, not a format.
func Invalid(message string, fields ...FieldError) *Error {
	return &Error{Code: EINVALID, Message: message, Fields: fields, Format: message}
}

// withCode returns err as an *Error with another code, its message and
// the format and arguments of its message kept.
func withCode(err error, code string) *Error {
	var e *Error
	if errors.As(err, &e) {
		out := *e
		out.Code = code
		return &out
	}
	return Errorf(code, "%s", ErrorMessage(err))
}

// Fieldf returns the FieldError of field with a formatted message that
// pages can translate (forms.Fieldf).
func Fieldf(field, format string, args ...any) FieldError {
	return forms.Fieldf(field, format, args...)
}

// ErrorCode returns the code of err: its own for an *Error, ENOTFOUND or
// ECONFLICT for the store sentinels, EINTERNAL otherwise.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	case errors.Is(err, ErrNotFound):
		return ENOTFOUND
	case errors.Is(err, ErrDuplicate), errors.Is(err, ErrConflict):
		return ECONFLICT
	}
	return EINTERNAL
}

// ErrorMessage returns the message to show for err; internal errors get a
// plain message so that no detail of a failure leaks to a client.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case errors.As(err, &e):
		return e.Message
	case ErrorCode(err) == EINTERNAL:
		return "Internal error."
	}
	return err.Error()
}
