package sandbox

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Match limits a fault to some requests. The zero Match matches every
// request, including the token endpoint.
type Match struct {
	// Method, if set, is the HTTP method to match, e.g. "POST".
	Method string
	// PathPrefix, if set, is a prefix of the URL path to match, e.g.
	// "/za/pb/v1/accounts/".
	PathPrefix string
}

func (m Match) matches(r *http.Request) bool {
	return (m.Method == "" || strings.EqualFold(m.Method, r.Method)) &&
		strings.HasPrefix(r.URL.Path, m.PathPrefix)
}

type faultKind uint8

const (
	faultStatus       faultKind = iota // answer with a status and an empty body
	faultTruncate                      // send half the body, then close
	faultDropRequest                   // read the request, do nothing, close
	faultDropResponse                  // do the work, close without answering
	faultDelay                         // wait before handling
)

type faultRule struct {
	kind       faultKind
	match      Match
	remaining  int // < 0: until Clear
	status     int
	retryAfter time.Duration
	delay      time.Duration
}

// Faults are switches that make the sandbox misbehave on purpose, for
// testing how a client copes. Each switch takes a count n: the next n
// matching requests are affected; n <= 0 means every matching request until
// Clear. Rules are consulted in the order they were added; a request gets at
// most one delay and at most one other fault. All methods are safe for
// concurrent use.
type Faults struct {
	mu       sync.Mutex
	rules    []*faultRule
	ttl      time.Duration
	expireFn func()
}

func newFaults() *Faults { return &Faults{} }

func (f *Faults) add(r *faultRule) {
	if r.remaining <= 0 {
		r.remaining = -1
	}
	f.mu.Lock()
	f.rules = append(f.rules, r)
	f.mu.Unlock()
}

// RateLimit answers the next n matching requests with 429 Too Many Requests
// and a Retry-After header of retryAfter (whole seconds, at least 1).
func (f *Faults) RateLimit(n int, retryAfter time.Duration, m Match) {
	f.add(&faultRule{kind: faultStatus, match: m, remaining: n, status: http.StatusTooManyRequests, retryAfter: retryAfter})
}

// Fail answers the next n matching requests with status (500 if zero) and
// an empty body, without doing the work.
func (f *Faults) Fail(n int, status int, m Match) {
	if status == 0 {
		status = http.StatusInternalServerError
	}
	f.add(&faultRule{kind: faultStatus, match: m, remaining: n, status: status})
}

// Delay holds the next n matching requests for d before handling them (or
// until the client gives up).
func (f *Faults) Delay(n int, d time.Duration, m Match) {
	f.add(&faultRule{kind: faultDelay, match: m, remaining: n, delay: d})
}

// Truncate handles the next n matching requests normally but sends only
// the first half of the response body (with the full Content-Length) and
// then closes the connection.
func (f *Faults) Truncate(n int, m Match) {
	f.add(&faultRule{kind: faultTruncate, match: m, remaining: n})
}

// DropRequest reads the next n matching requests and closes the connection
// without doing anything: the bank never saw the request.
func (f *Faults) DropRequest(n int, m Match) {
	f.add(&faultRule{kind: faultDropRequest, match: m, remaining: n})
}

// DropResponse handles the next n matching requests (a transfer is made, a
// payment sent) and then closes the connection without answering: the
// client cannot know the outcome.
func (f *Faults) DropResponse(n int, m Match) {
	f.add(&faultRule{kind: faultDropResponse, match: m, remaining: n})
}

// ShortTokens makes the token endpoint issue tokens that live for ttl
// (reported in expires_in, rounded down to whole seconds). Zero restores
// Investec's 1799 s.
func (f *Faults) ShortTokens(ttl time.Duration) {
	f.mu.Lock()
	f.ttl = ttl
	f.mu.Unlock()
}

// ExpireTokens makes every token issued so far invalid now.
func (f *Faults) ExpireTokens() {
	f.mu.Lock()
	fn := f.expireFn
	f.mu.Unlock()
	if fn != nil {
		fn()
	}
}

// Clear removes every fault and restores the normal token lifetime.
func (f *Faults) Clear() {
	f.mu.Lock()
	f.rules = nil
	f.ttl = 0
	f.mu.Unlock()
}

func (f *Faults) tokenTTL() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ttl > 0 {
		return f.ttl
	}
	return DefaultTokenTTL
}

// plan consumes and returns the faults that apply to r.
func (f *Faults) plan(r *http.Request) (delay time.Duration, fault *faultRule) {
	f.mu.Lock()
	defer f.mu.Unlock()
	keep := f.rules[:0]
	delayFound := false
	for _, rule := range f.rules {
		use := rule.match.matches(r) &&
			((rule.kind == faultDelay && !delayFound) || (rule.kind != faultDelay && fault == nil))
		if use {
			if rule.kind == faultDelay {
				delay, delayFound = rule.delay, true
			} else {
				c := *rule
				fault = &c
			}
			if rule.remaining > 0 {
				rule.remaining--
				if rule.remaining == 0 {
					continue
				}
			}
		}
		keep = append(keep, rule)
	}
	clear(f.rules[len(keep):])
	f.rules = keep
	return delay, fault
}

// ServeHTTP implements http.Handler: it applies any faults, then routes the
// request, and logs one line without credentials or bodies.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	status := 0
	defer func() {
		s.log.Info("sandbox request", "method", r.Method, "path", r.URL.Path, "status", status, "duration", time.Since(start))
	}()

	delay, fault := s.faults.plan(r)
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	if fault == nil {
		rec := &statusWriter{ResponseWriter: w}
		s.mux.ServeHTTP(rec, r)
		status = rec.status
		return
	}
	switch fault.kind {
	case faultStatus:
		status = fault.status
		if fault.status == http.StatusTooManyRequests {
			secs := max(1, int((fault.retryAfter+time.Second-1)/time.Second))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
		}
		writeEmpty(w, fault.status)
	case faultDropRequest:
		_, _ = io.Copy(io.Discard, r.Body)
		status = -1
		abort(w)
	case faultDropResponse:
		buf := newBufferWriter()
		s.mux.ServeHTTP(buf, r)
		status = -1
		abort(w)
	case faultTruncate:
		buf := newBufferWriter()
		s.mux.ServeHTTP(buf, r)
		status = buf.status
		body := buf.body.Bytes()
		for k, v := range buf.header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(buf.status)
		_, _ = w.Write(body[:len(body)/2])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		abort(w)
	}
}

// abort closes the client connection without a (complete) response.
func abort(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Flush lets large streamed responses reach the client.
func (w *statusWriter) Flush() {
	if fl, ok := w.ResponseWriter.(http.Flusher); ok {
		fl.Flush()
	}
}

// bufferWriter captures a whole response.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newBufferWriter() *bufferWriter { return &bufferWriter{header: http.Header{}} }

func (b *bufferWriter) Header() http.Header { return b.header }

func (b *bufferWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
