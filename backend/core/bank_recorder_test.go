package core_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// post is one write (POST) as the bank received it.
type post struct {
	path string
	body string
}

// bankRecorder serves a bank (the built-in sandbox) over real HTTP and keeps
// every POST it receives whose path matches, so a test can prove exactly
// what was sent, and how many times.
type bankRecorder struct {
	*httptest.Server

	mu    sync.Mutex
	posts []post
}

func recordBank(t *testing.T, bank http.Handler, match func(path string) bool) *bankRecorder {
	t.Helper()
	rec := &bankRecorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && match(r.URL.Path) {
			// Reading the body first also lets the server see a client
			// that gave up, so a delayed request ends with it.
			b, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(b))
			rec.mu.Lock()
			rec.posts = append(rec.posts, post{path: r.URL.Path, body: string(b)})
			rec.mu.Unlock()
		}
		bank.ServeHTTP(w, r)
	}))
	t.Cleanup(rec.Close)
	return rec
}

// sent returns the matching POSTs received so far, in order.
func (rec *bankRecorder) sent() []post {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]post(nil), rec.posts...)
}
