package investec

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Known secret values: every error path is checked against them.
const (
	testClientID = "cid-7f3a91d2c4e8"
	testSecret   = "sec-9c1e55ab7730"
	testAPIKey   = "key-4b2d0e6f1a93"
	testToken    = "tok-5e6f8a2b" // issued tokens are testToken-<n>
	// baseURLPath is a prefix the test server mounts the API under, so a
	// request built from an absolute path instead of the base URL fails.
	baseURLPath = "/api-prefix"
)

// secretValues are the strings that must never appear in an error or a log.
func secretValues() []string {
	basic := base64.StdEncoding.EncodeToString([]byte(testClientID + ":" + testSecret))
	return []string{testClientID, testSecret, testAPIKey, testToken, basic}
}

// assertNoSecrets fails if any known secret appears in s.
func assertNoSecrets(t *testing.T, what, s string) {
	t.Helper()
	for _, sec := range secretValues() {
		if strings.Contains(s, sec) {
			t.Errorf("%s contains the secret %q: %s", what, sec, s)
		}
	}
}

// assertErrNoSecrets checks every usual formatting of err.
func assertErrNoSecrets(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	assertNoSecrets(t, "err.Error()", err.Error())
	assertNoSecrets(t, "%+v of err", fmt.Sprintf("%+v", err))
	assertNoSecrets(t, "%#v of err", fmt.Sprintf("%#v", err))
}

// testServer is a fake Investec mounted under baseURLPath. It serves the
// token endpoint itself and counts what it sees.
type testServer struct {
	t   *testing.T
	mux *http.ServeMux
	srv *httptest.Server

	// Token endpoint behaviour; atomics because tests change them while
	// the server runs.
	tokenCalls    atomic.Int32
	tokenDelay    atomic.Int64           // nanoseconds the token endpoint takes
	tokenStatus   atomic.Int32           // non-zero: answer this status with an empty body
	tokenScope    atomic.Pointer[string] // the scope the token reports
	tokenLifetime atomic.Pointer[string] // expires_in as JSON; 1799 by default

	mu    sync.Mutex
	waits []time.Duration // what the client asked its sleep hook to wait
}

// setup starts a test server and a client pointed at it with test
// credentials, a sleep hook that records waits without spending them, and
// the default retry policy.
func setup(t *testing.T, opts ...Option) (*Client, *testServer) {
	t.Helper()
	ts := &testServer{t: t, mux: http.NewServeMux()}
	ts.tokenScope.Store(ptr("accounts balances transactions cards"))
	ts.tokenLifetime.Store(ptr("1799"))
	ts.mux.HandleFunc("POST "+tokenPath, ts.serveToken)
	root := http.NewServeMux()
	root.Handle(baseURLPath+"/", http.StripPrefix(baseURLPath, ts.mux))
	root.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request to %s escaped the base URL path %s", r.URL.Path, baseURLPath)
		http.Error(w, "outside base path", http.StatusBadGateway)
	})
	ts.srv = httptest.NewServer(root)
	t.Cleanup(ts.srv.Close)
	all := append([]Option{
		WithBaseURL(ts.srv.URL + baseURLPath),
		WithCredentials(Credentials{ClientID: testClientID, ClientSecret: testSecret, APIKey: testAPIKey}),
		WithHTTPClient(ts.srv.Client()),
		WithSleep(ts.recordSleep),
	}, opts...)
	return NewClient(all...), ts
}

func (ts *testServer) recordSleep(ctx context.Context, d time.Duration) error {
	ts.mu.Lock()
	ts.waits = append(ts.waits, d)
	ts.mu.Unlock()
	return ctx.Err()
}

func (ts *testServer) recordedWaits() []time.Duration {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]time.Duration(nil), ts.waits...)
}

// serveToken is the client-credentials token endpoint. It checks the
// request exactly as Investec documents it.
func (ts *testServer) serveToken(w http.ResponseWriter, r *http.Request) {
	n := ts.tokenCalls.Add(1)
	t := ts.t
	wantBasic := "Basic " + base64.StdEncoding.EncodeToString([]byte(testClientID+":"+testSecret))
	if got := r.Header.Get("Authorization"); got != wantBasic {
		t.Errorf("token request Authorization = %q, want the Basic client_id:client_secret value", got)
	}
	if got := r.Header.Get("x-api-key"); got != testAPIKey {
		t.Errorf("token request x-api-key = %q", got)
	}
	if got := r.Header.Get("Content-Type"); got != "application/x-www-form-urlencoded" {
		t.Errorf("token request Content-Type = %q", got)
	}
	if got := r.Header.Get("Accept"); got != "application/json" {
		t.Errorf("token request Accept = %q", got)
	}
	body, _ := io.ReadAll(r.Body)
	if string(body) != "grant_type=client_credentials" {
		t.Errorf("token request body = %q", body)
	}
	if d := ts.tokenDelay.Load(); d > 0 {
		time.Sleep(time.Duration(d))
	}
	if st := ts.tokenStatus.Load(); st != 0 {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(int(st))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":%s,"scope":%q}`,
		fmt.Sprintf("%s-%d", testToken, n), *ts.tokenLifetime.Load(), *ts.tokenScope.Load())
}

// handle registers a handler for a method and path pattern (Go 1.22 mux
// syntax, without the base path).
func (ts *testServer) handle(pattern string, h http.HandlerFunc) {
	ts.mux.HandleFunc(pattern, h)
}

// serveFixture registers a handler that checks the bearer token and answers
// with a testdata file.
func (ts *testServer) serveFixture(pattern, file string) {
	body := fixture(ts.t, file)
	ts.handle(pattern, func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
}

// checkAuth asserts the resource-call headers.
func (ts *testServer) checkAuth(r *http.Request) {
	t := ts.t
	if got := r.Header.Get("Authorization"); !strings.HasPrefix(got, "Bearer "+testToken+"-") {
		t.Errorf("%s %s: Authorization = %q, want a bearer token", r.Method, r.URL.Path, got)
	}
	if got := r.Header.Get("x-api-key"); got != testAPIKey {
		t.Errorf("%s %s: x-api-key = %q", r.Method, r.URL.Path, got)
	}
	if got := r.Header.Get("User-Agent"); got == "" {
		t.Errorf("%s %s: no User-Agent", r.Method, r.URL.Path)
	}
}

// fixture reads a file from testdata.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// testQuery asserts the request's query values.
func testQuery(t *testing.T, r *http.Request, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	for k, v := range r.URL.Query() {
		got[k] = strings.Join(v, ",")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s %s query (-want +got):\n%s", r.Method, r.URL.Path, diff)
	}
}

// testJSONBody asserts the request body is JSON equal to want (a JSON
// text), comparing decoded values so key order does not matter but names,
// types and string-vs-number do.
func testJSONBody(t *testing.T, r *http.Request, want string) {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s Content-Type = %q", r.Method, r.URL.Path, ct)
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("read body: %v", err)
		return
	}
	var got, exp any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Errorf("body %s is not JSON: %v", body, err)
		return
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("bad want JSON: %v", err)
	}
	if diff := cmp.Diff(exp, got); diff != "" {
		t.Errorf("%s %s body (-want +got):\n%s", r.Method, r.URL.Path, diff)
	}
}

// amt is a test helper for an *Amount.
func amt(cents int64) *Amount {
	a := Amount(cents)
	return &a
}

func ptr[T any](v T) *T { return &v }

// recorder collects values from handler goroutines safely.
type recorder[T any] struct {
	mu    sync.Mutex
	items []T
}

func (r *recorder[T]) add(v T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items = append(r.items, v)
}

func (r *recorder[T]) all() []T {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]T(nil), r.items...)
}
