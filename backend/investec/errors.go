package investec

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Sentinel errors, for errors.Is. The typed errors below report which of
// them they are.
var (
	// ErrUnauthorized means Investec refused the credentials: the token
	// endpoint refused the client ID, client secret or API key, or a resource
	// call was still refused after a fresh token.
	ErrUnauthorized = errors.New("investec refused the credentials")
	// ErrForbidden means the API key lacks the permission an endpoint needs.
	ErrForbidden = errors.New("the API key lacks a permission")
	// ErrRateLimited means Investec answered 429 Too Many Requests.
	ErrRateLimited = errors.New("investec rate limit")
	// ErrOffline means Investec could not be reached: the request failed
	// before an answer arrived (DNS, dial, timeout, reset connection).
	ErrOffline = errors.New("investec cannot be reached")
	// ErrUnknownOutcome means a request that changes something at the bank
	// may or may not have been carried out.
	ErrUnknownOutcome = errors.New("the outcome of the request is unknown")
)

// APIError is an error answer from Investec that no more specific type
// describes: a 4xx or 5xx status with an optional message from the body.
// Path never contains the query string.
type APIError struct {
	StatusCode int    // HTTP status
	Method     string // HTTP method
	Path       string // request path, without the query
	Message    string // message taken from the body; may be empty

	credentialsRefused bool // the token endpoint refused the credentials
}

// Error implements error.
func (e *APIError) Error() string {
	s := fmt.Sprintf("investec: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Is reports whether e matches target: a 401, or credentials refused by the
// token endpoint, is ErrUnauthorized.
func (e *APIError) Is(target error) bool {
	return target == ErrUnauthorized && (e.StatusCode == http.StatusUnauthorized || e.credentialsRefused)
}

// ForbiddenError is a 403 answer: the API key was created without a
// permission this endpoint needs. Permissions lists the permissions that
// would allow the call (any one of them).
type ForbiddenError struct {
	Method      string
	Path        string
	Permissions []Permission
	Message     string // message taken from the body; may be empty
}

// Error implements error.
func (e *ForbiddenError) Error() string {
	s := fmt.Sprintf("investec: %s %s: forbidden", e.Method, e.Path)
	if need := e.need(); need != "" {
		s += ": the API key needs the " + need + " permission"
	}
	if e.Message != "" {
		s += " (" + e.Message + ")"
	}
	return s
}

func (e *ForbiddenError) need() string {
	labels := make([]string, 0, len(e.Permissions))
	for _, p := range e.Permissions {
		labels = append(labels, fmt.Sprintf("%q", p.Label))
	}
	return strings.Join(labels, " or ")
}

// Is reports whether target is ErrForbidden.
func (e *ForbiddenError) Is(target error) bool { return target == ErrForbidden }

// RateLimitError is a 429 answer. RetryAfter is how long Investec asked the
// client to wait (zero when it did not say). GET requests have already been
// retried as the RetryPolicy allows when this error is returned; POST
// requests are never retried.
type RateLimitError struct {
	Method     string
	Path       string
	RetryAfter time.Duration
	Message    string
}

// Error implements error.
func (e *RateLimitError) Error() string {
	s := fmt.Sprintf("investec: %s %s: rate limited", e.Method, e.Path)
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(", retry after %s", e.RetryAfter)
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Is reports whether target is ErrRateLimited.
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// NetworkError means no answer arrived from Investec: the name did not
// resolve, the connection was refused or reset, or the request timed out.
// For a POST it is returned only when nothing was sent (otherwise the error
// is *UnknownOutcomeError), so the request can safely be tried again.
type NetworkError struct {
	Method  string
	Path    string
	Timeout bool  // the attempt timed out
	Err     error // the cause, with any URL stripped
}

// Error implements error.
func (e *NetworkError) Error() string {
	what := "network error"
	if e.Timeout {
		what = "timed out"
	}
	return fmt.Sprintf("investec: %s %s: %s: %v", e.Method, e.Path, what, e.Err)
}

// Unwrap returns the cause.
func (e *NetworkError) Unwrap() error { return e.Err }

// Is reports whether target is ErrOffline.
func (e *NetworkError) Is(target error) bool { return target == ErrOffline }

// UnknownOutcomeError means a request that changes something at the bank (a
// transfer, a payment, publishing card code, ...) may or may not have been
// carried out: it was sent, and then the connection dropped, the attempt
// timed out, the caller cancelled, or the bank answered with a server error.
// The request is never repeated automatically. Callers record it as
// "unknown, check your transactions" and let a person decide.
type UnknownOutcomeError struct {
	Method string
	Path   string
	Err    error // the cause: a network error, context error or *APIError
}

// Error implements error.
func (e *UnknownOutcomeError) Error() string {
	return fmt.Sprintf("investec: %s %s: the outcome is unknown, the request may have reached the bank: %v", e.Method, e.Path, e.Err)
}

// Unwrap returns the cause.
func (e *UnknownOutcomeError) Unwrap() error { return e.Err }

// Is reports whether target is ErrUnknownOutcome.
func (e *UnknownOutcomeError) Is(target error) bool { return target == ErrUnknownOutcome }

// DecodeError means a 2xx answer could not be decoded: malformed JSON, a
// value of the wrong type, an amount that is not exact to the cent, or a
// body over the size limit.
type DecodeError struct {
	Method string
	Path   string
	Err    error
}

// Error implements error.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("investec: %s %s: decode response: %v", e.Method, e.Path, e.Err)
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// ResultError means Investec answered 200 but reported an error inside the
// body (a transfer's ErrorMessage, an executions result's error).
type ResultError struct {
	Method  string
	Path    string
	Message string
}

// Error implements error.
func (e *ResultError) Error() string {
	return fmt.Sprintf("investec: %s %s: the bank reported an error: %s", e.Method, e.Path, e.Message)
}

// IsOffline reports whether err means Investec could not be reached.
func IsOffline(err error) bool { return errors.Is(err, ErrOffline) }

// IsUnknownOutcome reports whether err means a request may or may not have
// been carried out by the bank.
func IsUnknownOutcome(err error) bool { return errors.Is(err, ErrUnknownOutcome) }

// DomainError converts an error from this package into a *domain.Error with
// a Code and a message that is safe to show a person; the original error is
// kept as the cause. A *domain.Error is returned unchanged and nil stays nil.
func DomainError(err error) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	var (
		fe  *ForbiddenError
		rl  *RateLimitError
		api *APIError
		res *ResultError
	)
	switch {
	case errors.Is(err, ErrUnknownOutcome):
		return domain.Wrap(err, domain.CodeUnknownOutcome,
			"The request may or may not have reached Investec. Check your transactions before trying again.")
	case errors.Is(err, context.Canceled):
		return domain.Wrap(err, domain.CodeCancelled, "Cancelled.")
	case errors.Is(err, ErrUnauthorized):
		return domain.Wrap(err, domain.CodeUnauthorized,
			"Investec refused the credentials. Check the client ID, client secret and API key.")
	case errors.As(err, &fe):
		msg := "The API key does not have the permission this needs."
		if need := fe.need(); need != "" {
			msg = "The API key needs the " + need + " permission. Add it in Investec Online and try again."
		}
		return domain.Wrap(err, domain.CodeForbidden, msg)
	case errors.As(err, &rl):
		msg := "Investec asked us to slow down. Try again shortly."
		if rl.RetryAfter > 0 {
			msg = fmt.Sprintf("Investec asked us to slow down. Try again in %s.", rl.RetryAfter.Round(time.Second))
		}
		return domain.Wrap(err, domain.CodeRateLimited, msg)
	case errors.Is(err, ErrOffline), errors.Is(err, context.DeadlineExceeded):
		return domain.Wrap(err, domain.CodeOffline, "Investec cannot be reached. Check the internet connection.")
	case errors.As(err, &res):
		return domain.Wrap(err, domain.CodeBankError, "Investec reported an error: "+res.Message)
	case errors.As(err, &api):
		if api.StatusCode == http.StatusNotFound {
			return domain.Wrap(err, domain.CodeNotFound, "Investec does not know this item.")
		}
		msg := fmt.Sprintf("Investec answered with an error (%d).", api.StatusCode)
		if api.Message != "" {
			msg = "Investec answered with an error: " + api.Message
		}
		return domain.Wrap(err, domain.CodeBankError, msg)
	}
	var dec *DecodeError
	if errors.As(err, &dec) {
		return domain.Wrap(err, domain.CodeBankError, "Investec sent an answer this app cannot read.")
	}
	return domain.Wrap(err, domain.CodeInternal, "Something went wrong. The details are in the log.")
}

// maxMessageLen bounds a message taken from an error body.
const maxMessageLen = 300

// messageFromBody extracts a human message from an error body, which may be
// empty, a bare JSON string, a JSON object with a message-like field, or
// plain text. HTML pages (gateway error pages) give no message.
func messageFromBody(body []byte) string {
	b := strings.TrimSpace(string(body))
	if b == "" {
		return ""
	}
	var msg string
	switch b[0] {
	case '"':
		if err := json.Unmarshal([]byte(b), &msg); err != nil {
			msg = ""
		}
	case '{':
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(b), &obj); err == nil {
			msg = messageFromObject(obj, 0)
		}
	case '<', '[':
		// An HTML error page or an unexpected array: nothing readable.
	default:
		msg = b
	}
	return cleanMessage(msg)
}

// messageKeys are the fields, in order of preference, that carry a message
// in the error bodies seen from Investec and its gateway.
var messageKeys = []string{"message", "Message", "error_description", "ErrorMessage", "errorMessage", "error", "Error", "detail", "title"}

func messageFromObject(obj map[string]json.RawMessage, depth int) string {
	for _, k := range messageKeys {
		raw, ok := obj[k]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) != "" {
			return s
		}
		var inner map[string]json.RawMessage
		if depth == 0 && json.Unmarshal(raw, &inner) == nil {
			if s := messageFromObject(inner, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

// cleanMessage collapses whitespace, drops control characters and bounds the
// length, so a hostile body cannot forge log lines or flood the UI.
func cleanMessage(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxMessageLen {
		s = string(r[:maxMessageLen]) + "…"
	}
	return s
}

// causeOf strips the *url.Error wrapper (whose text contains the full URL,
// query included) and returns the underlying cause.
func causeOf(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}
