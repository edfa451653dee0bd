package domain

import (
	"context"
	"errors"
	"fmt"
)

// Code classifies an error for people and for the frontend. Every error that
// leaves the backend is reduced to a Code and a safe Message; the wrapped
// chain stays inside for logs.
type Code string

// The codes an operation can report.
const (
	CodeInvalid        Code = "invalid"         // bad input; Field says where
	CodeNotFound       Code = "not_found"       // the thing asked for does not exist
	CodeConflict       Code = "conflict"        // e.g. a sync is already running
	CodeUnauthorized   Code = "unauthorized"    // Investec refused the credentials
	CodeForbidden      Code = "forbidden"       // the API key lacks a permission
	CodeRateLimited    Code = "rate_limited"    // Investec asked us to slow down
	CodeOffline        Code = "offline"         // the network or Investec cannot be reached
	CodeBankError      Code = "bank_error"      // Investec answered with an error
	CodeUnknownOutcome Code = "unknown_outcome" // a money movement may or may not have happened
	CodeKeyring        Code = "keyring"         // the OS keyring is missing or locked
	CodeCancelled      Code = "cancelled"       // the user or the app cancelled
	CodeInternal       Code = "internal"        // a bug; details are in the log
)

// AllCodes lists every Code, for the frontend's enum.
var AllCodes = []struct {
	Value  Code
	TSName string
}{
	{CodeInvalid, "Invalid"},
	{CodeNotFound, "NotFound"},
	{CodeConflict, "Conflict"},
	{CodeUnauthorized, "Unauthorized"},
	{CodeForbidden, "Forbidden"},
	{CodeRateLimited, "RateLimited"},
	{CodeOffline, "Offline"},
	{CodeBankError, "BankError"},
	{CodeUnknownOutcome, "UnknownOutcome"},
	{CodeKeyring, "Keyring"},
	{CodeCancelled, "Cancelled"},
	{CodeInternal, "Internal"},
}

// Error is an application error: a Code, a message that is safe to show a
// person, optionally the input Field it is about, and the underlying cause
// (never shown, never serialised).
type Error struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	Err     error  `json:"-"`
}

// Error implements error. It returns only the safe message.
func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted safe message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error with the given code and safe message around cause.
func Wrap(cause error, code Code, message string) *Error {
	return &Error{Code: code, Message: message, Err: cause}
}

// FieldError returns an invalid-input error about one named field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the Code of the first *Error in err's chain. Cancellation
// maps to CodeCancelled; anything else unknown is CodeInternal.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if errors.Is(err, context.Canceled) {
		return CodeCancelled
	}
	return CodeInternal
}

// ErrorMessage returns the safe message of the first *Error in err's chain,
// or a generic sentence for anything else, so internal details never reach a
// person.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	if errors.Is(err, context.Canceled) {
		return "Cancelled."
	}
	return "Something went wrong. The details are in the log."
}

// ErrorField returns the input field the error is about, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ValidationErrors collects several field errors so a form can show every
// problem at once, each beside its field.
type ValidationErrors []*Error

// Error implements error.
func (v ValidationErrors) Error() string {
	if len(v) == 0 {
		return "invalid input"
	}
	return v[0].Error()
}

// Err returns v as an *Error with the code invalid (its fields listed in
// Fields) or nil when v is empty.
func (v ValidationErrors) Err() error {
	if len(v) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Message: v[0].Message, Field: v[0].Field, Err: v}
}

// FieldProblem is one input problem, for the form field it names.
type FieldProblem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ErrorPayload is what a failed call carries to the frontend: a code, a safe
// message and, for invalid input, every field problem.
type ErrorPayload struct {
	Code    Code           `json:"code"`
	Message string         `json:"message"`
	Fields  []FieldProblem `json:"fields,omitempty"`
}

// Payload reduces err to what may be shown: its code, safe message and field
// problems. Nothing from the wrapped cause is included.
func Payload(err error) ErrorPayload {
	p := ErrorPayload{Code: ErrorCode(err), Message: ErrorMessage(err)}
	var v ValidationErrors
	if errors.As(err, &v) {
		for _, fe := range v {
			p.Fields = append(p.Fields, FieldProblem{Field: fe.Field, Message: fe.Message})
		}
	} else if f := ErrorField(err); f != "" {
		p.Fields = []FieldProblem{{Field: f, Message: ErrorMessage(err)}}
	}
	return p
}
