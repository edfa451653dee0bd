package investec

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func postCalls() []apiCall {
	var out []apiCall
	for _, ac := range allCalls() {
		if ac.method == http.MethodPost {
			out = append(out, ac)
		}
	}
	return out
}

// TestPOSTIsNeverSentTwice covers every POST method against every way an
// answer can go wrong after the bank may have received the request.
func TestPOSTIsNeverSentTwice(t *testing.T) {
	t.Parallel()
	type failure struct {
		name    string
		handler func(w http.ResponseWriter, r *http.Request)
		unknown bool // the outcome must be reported as unknown
		check   func(t *testing.T, err error)
	}
	failures := []failure{
		{name: "5xx", unknown: true, handler: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadGateway)
		}},
		{name: "429", unknown: false, handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		}, check: func(t *testing.T, err error) {
			var rl *RateLimitError
			if !errors.As(err, &rl) || rl.RetryAfter != time.Second {
				t.Errorf("err = %v, want *RateLimitError", err)
			}
		}},
		{name: "timeout after the body arrived", unknown: true, handler: func(w http.ResponseWriter, r *http.Request) {
			select { // hold the answer until the client gives up
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, check: func(t *testing.T, err error) {
			var ne *NetworkError
			if !errors.As(err, &ne) || !ne.Timeout {
				t.Errorf("err = %v, want a timeout inside the unknown outcome", err)
			}
		}},
		{name: "connection dropped after sending", unknown: true, handler: func(w http.ResponseWriter, r *http.Request) {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				panic(err)
			}
			_ = conn.Close()
		}},
	}
	for _, ac := range postCalls() {
		for _, f := range failures {
			t.Run(ac.name+"/"+f.name, func(t *testing.T) {
				t.Parallel()
				c, ts := setup(t, WithTimeout(300*time.Millisecond))
				var requests atomic.Int32
				var bodies recorder[string]
				ts.handle(ac.method+" "+ac.pattern, func(w http.ResponseWriter, r *http.Request) {
					b, _ := io.ReadAll(r.Body) // the bank has the whole request
					bodies.add(string(b))
					requests.Add(1)
					f.handler(w, r)
				})
				err := ac.call(t.Context(), c)
				if err == nil {
					t.Fatal("no error")
				}
				if n := requests.Load(); n != 1 {
					t.Errorf("the request reached the server %d times, want exactly 1", n)
				}
				if got := IsUnknownOutcome(err); got != f.unknown {
					t.Errorf("IsUnknownOutcome = %v, want %v (err: %v)", got, f.unknown, err)
				}
				if f.unknown && domain.ErrorCode(DomainError(err)) != domain.CodeUnknownOutcome {
					t.Errorf("DomainError code = %s", domain.ErrorCode(DomainError(err)))
				}
				if b := bodies.all(); len(b) != 1 || b[0] == "" {
					t.Errorf("bodies = %q", b)
				}
				if w := ts.recordedWaits(); len(w) != 0 {
					t.Errorf("the client waited %v to retry a POST", w)
				}
				if f.check != nil {
					f.check(t, err)
				}
				assertErrNoSecrets(t, err)
			})
		}
	}
}

func TestPOSTNotSentWhenTheServerCannotBeReached(t *testing.T) {
	t.Parallel()
	_, ts := setup(t)
	url := ts.srv.URL
	ts.srv.Close()
	// No credentials: the POST itself is the first thing sent.
	c := NewClient(WithBaseURL(url), WithSleep(ts.recordSleep))
	_, err := c.TransferMultiple(t.Context(), "a", &TransferRequest{TransferList: []Transfer{{BeneficiaryAccountID: "b", Amount: 100}}})
	if !IsOffline(err) || IsUnknownOutcome(err) {
		t.Errorf("err = %v, want offline and a known outcome (nothing was sent)", err)
	}
	if len(ts.recordedWaits()) != 0 {
		t.Error("a POST was retried")
	}
}

func TestPOSTCancelledWhileWaitingIsUnknown(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	arrived := make(chan struct{})
	ts.handle("POST /za/pb/v1/accounts/{accountId}/paymultiple", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		close(arrived)
		<-r.Context().Done()
	})
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		<-arrived
		cancel()
	}()
	_, err := c.PayMultiple(ctx, "a", &PaymentRequest{PaymentList: []Payment{{BeneficiaryID: "b", Amount: 100}}})
	if !IsUnknownOutcome(err) || !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want an unknown outcome caused by the cancellation", err)
	}
}

func TestPOSTRedirectIsNotFollowed(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	var elsewhere atomic.Int32
	ts.handle("POST /za/v1/cards/{cardKey}/code", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, baseURLPath+"/elsewhere", http.StatusTemporaryRedirect)
	})
	ts.handle("/elsewhere", func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) })
	_, err := c.SaveCode(t.Context(), "1", "x")
	var api *APIError
	if !errors.As(err, &api) || api.StatusCode != http.StatusTemporaryRedirect {
		t.Errorf("err = %v, want the 307 as an APIError", err)
	}
	if elsewhere.Load() != 0 {
		t.Error("the POST was re-sent to the redirect target")
	}
}

func TestGETRetriesAfterServerErrorAndDroppedConnection(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	var n atomic.Int32
	ts.handle("GET /za/pb/v1/accounts", func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.WriteHeader(http.StatusServiceUnavailable)
		case 2:
			conn, _, _ := http.NewResponseController(w).Hijack()
			_ = conn.Close()
		default:
			_, _ = w.Write(fixture(t, "accounts_spec.json"))
		}
	})
	accts, err := c.ListAccounts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// Go's transport itself resends a GET whose reused connection died, so
	// the drop may cost one client-level retry or none.
	if w := ts.recordedWaits(); len(accts) != 1 || n.Load() != 3 || len(w) < 1 || len(w) > 2 {
		t.Errorf("accounts %d, requests %d, waits %v; want success on the 3rd request", len(accts), n.Load(), w)
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	c, ts := setup(t, WithClock(func() time.Time { return now }))
	var n atomic.Int32
	ts.handle("GET /za/pb/v1/profiles", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", now.Add(12*time.Second).Format(http.TimeFormat))
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = w.Write(fixture(t, "profiles_spec.json"))
	})
	if _, err := c.ListProfiles(t.Context()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{12 * time.Second}, ts.recordedWaits()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

func TestRetryAfterBeyondTheCapIsReturnedAtOnce(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	var n atomic.Int32
	ts.handle("GET /za/pb/v1/profiles", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	_, err := c.ListProfiles(t.Context())
	var rl *RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != 10*time.Minute {
		t.Fatalf("err = %v", err)
	}
	if n.Load() != 1 || len(ts.recordedWaits()) != 0 {
		t.Errorf("requests %d, waits %v; a 10-minute Retry-After must not be waited out", n.Load(), ts.recordedWaits())
	}
	if msg := domain.ErrorMessage(DomainError(err)); !strings.Contains(msg, "10m0s") {
		t.Errorf("DomainError message = %q, want the wait", msg)
	}
}

func TestRetryWaitHonoursCancellation(t *testing.T) {
	t.Parallel()
	_, ts := setup(t)
	// The real sleep, with a backoff far longer than the test.
	c := NewClient(WithBaseURL(ts.srv.URL+baseURLPath), WithHTTPClient(ts.srv.Client()),
		WithRetry(RetryPolicy{MaxAttempts: 3, BaseDelay: time.Hour, MaxDelay: time.Hour}))
	var n atomic.Int32
	ts.handle("GET /za/pb/v1/accounts", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusInternalServerError)
	})
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ListAccounts(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the ctx deadline", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("returned after %s: the backoff ignored the ctx", d)
	}
	if n.Load() != 1 {
		t.Errorf("requests = %d, want 1", n.Load())
	}
}

func TestNoRetryPolicy(t *testing.T) {
	t.Parallel()
	c, ts := setup(t, WithRetry(RetryPolicy{MaxAttempts: 0}))
	var n atomic.Int32
	ts.handle("GET /za/pb/v1/accounts", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusInternalServerError)
	})
	if _, err := c.ListAccounts(t.Context()); err == nil || n.Load() != 1 {
		t.Errorf("err %v after %d requests; want one attempt", err, n.Load())
	}
}

func TestBackoffIsCappedAndJittered(t *testing.T) {
	t.Parallel()
	c := NewClient(WithRetry(RetryPolicy{MaxAttempts: 5, BaseDelay: 100 * time.Millisecond, MaxDelay: 300 * time.Millisecond}))
	bounds := []struct{ lo, hi time.Duration }{
		{50 * time.Millisecond, 100 * time.Millisecond},
		{100 * time.Millisecond, 200 * time.Millisecond},
		{150 * time.Millisecond, 300 * time.Millisecond},
		{150 * time.Millisecond, 300 * time.Millisecond},
	}
	for attempt, b := range bounds {
		seen := map[time.Duration]bool{}
		for range 200 {
			d := c.backoff(attempt + 1)
			if d < b.lo || d > b.hi {
				t.Fatalf("backoff(%d) = %s, want within [%s, %s]", attempt+1, d, b.lo, b.hi)
			}
			seen[d] = true
		}
		if len(seen) < 10 {
			t.Errorf("backoff(%d) took only %d distinct values: no jitter", attempt+1, len(seen))
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"0":                             0,
		"7":                             7 * time.Second,
		" 120 ":                         2 * time.Minute,
		"Sun, 01 Mar 2026 09:00:30 GMT": 30 * time.Second,
		"Sun, 01 Mar 2026 08:00:00 GMT": 0, // in the past
		"999999999":                     24 * time.Hour,
	} {
		got, ok := parseRetryAfter(in, now)
		if !ok || got != want {
			t.Errorf("parseRetryAfter(%q) = %s, %v; want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "-5", "soon", "1.5"} {
		if _, ok := parseRetryAfter(in, now); ok {
			t.Errorf("parseRetryAfter(%q) accepted", in)
		}
	}
}

func TestMessageFromBody(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		``:    "",
		`   `: "",
		`"The specified account is invalid. (Parameter 'accountId')"`: "The specified account is invalid. (Parameter 'accountId')",
		`{"message":"Card not found"}`:                                "Card not found",
		`{"Message":"An error has occurred."}`:                        "An error has occurred.",
		`{"error":"invalid_client","error_description":"bad client"}`: "bad client",
		`{"error":{"code":7,"message":"nested"}}`:                     "nested",
		`{"ErrorMessage":"Insufficient funds"}`:                       "Insufficient funds",
		`{"unrelated":1}`:                                             "",
		`<html><body>502 Bad Gateway</body></html>`:                   "",
		`[1,2]`:                         "",
		"plain\ntext\twith\x00controls": "plain text with controls",
	} {
		if got := messageFromBody([]byte(in)); got != want {
			t.Errorf("messageFromBody(%q) = %q, want %q", in, got, want)
		}
	}
	long := messageFromBody([]byte(strings.Repeat("x", 1000)))
	if len([]rune(long)) != maxMessageLen+1 || !strings.HasSuffix(long, "…") {
		t.Errorf("a long message was not cut: %d runes", len([]rune(long)))
	}
}

func TestErrorBodiesEchoingSecretsAreRedacted(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/pb/v1/accounts", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"message":"bad request with headers %s and %s, basic %s"}`,
			r.Header.Get("Authorization"), r.Header.Get("x-api-key"), secretValues()[4])
	})
	_, err := c.ListAccounts(t.Context())
	var api *APIError
	if !errors.As(err, &api) || !strings.Contains(api.Message, "[redacted]") {
		t.Fatalf("err = %v, want a redacted message", err)
	}
	assertErrNoSecrets(t, err)
}

func TestLogsNeverContainSecrets(t *testing.T) {
	t.Parallel()
	var buf safeBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, ts := setup(t, WithLogger(logger))
	var n atomic.Int32
	ts.handle("GET /za/pb/v1/accounts", func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.WriteHeader(http.StatusUnauthorized)
		case 2:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			_, _ = w.Write(fixture(t, "accounts_spec.json"))
		}
	})
	if _, err := c.ListAccounts(t.Context()); err != nil {
		t.Fatal(err)
	}
	_, _ = c.ListAccounts(t.Context())
	out := buf.String()
	if !strings.Contains(out, "/za/pb/v1/accounts") || !strings.Contains(out, "status=429") {
		t.Errorf("the log does not describe the requests:\n%s", out)
	}
	assertNoSecrets(t, "log", out)
}

// safeBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type safeBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *safeBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *safeBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestBaseURLValidation(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{"", "openapi.investec.com", "ftp://x", "https://", "https://user:pass@openapi.investec.com",
		"https://openapi.investec.com/?key=1", "https://openapi.investec.com/#frag", "://bad"} {
		c := NewClient(WithBaseURL(raw))
		_, err := c.ListAccounts(t.Context())
		if err == nil {
			t.Errorf("base URL %q accepted", raw)
			continue
		}
		if strings.Contains(err.Error(), "pass") {
			t.Errorf("the error repeats the URL's password: %v", err)
		}
	}
	if got := NewClient().BaseURL(); got != ProductionURL {
		t.Errorf("default base URL = %q", got)
	}
	if got := NewClient(WithBaseURL(SandboxURL + "/")).BaseURL(); got != SandboxURL {
		t.Errorf("sandbox base URL = %q", got)
	}
}

func TestUserAgentAndAccept(t *testing.T) {
	t.Parallel()
	c, ts := setup(t, WithUserAgent("investec-desk/1.2.3"))
	ts.handle("GET /za/pb/v1/profiles", func(w http.ResponseWriter, r *http.Request) {
		if ua := r.Header.Get("User-Agent"); ua != "investec-desk/1.2.3" {
			t.Errorf("User-Agent = %q", ua)
		}
		if a := r.Header.Get("Accept"); a != "application/json" {
			t.Errorf("Accept = %q", a)
		}
		_, _ = w.Write(fixture(t, "profiles_spec.json"))
	})
	if _, err := c.ListProfiles(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestOversizedBodyIsRefused(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/pb/v1/accounts", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"data":{"accounts":[`))
		chunk := []byte(strings.Repeat(`{"accountId":"x"},`, 1000))
		for written := 0; written <= maxJSONBody; written += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	_, err := c.ListAccounts(t.Context())
	var dec *DecodeError
	if !errors.As(err, &dec) || !strings.Contains(err.Error(), "too large") {
		t.Errorf("err = %v, want a too-large DecodeError", err)
	}
}

func TestDomainErrorMapping(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  error
		code domain.Code
	}{
		{nil, ""},
		{&APIError{StatusCode: 404, Method: "GET", Path: "/x"}, domain.CodeNotFound},
		{&APIError{StatusCode: 400, Method: "GET", Path: "/x", Message: "bad"}, domain.CodeBankError},
		{&APIError{StatusCode: 401}, domain.CodeUnauthorized},
		{&ForbiddenError{Permissions: []Permission{PermissionForScope("cards")}}, domain.CodeForbidden},
		{&RateLimitError{}, domain.CodeRateLimited},
		{&NetworkError{Err: errors.New("dial")}, domain.CodeOffline},
		{&UnknownOutcomeError{Err: &APIError{StatusCode: 500}}, domain.CodeUnknownOutcome},
		{&DecodeError{Err: errors.New("x")}, domain.CodeBankError},
		{&ResultError{Message: "no"}, domain.CodeBankError},
		{fmt.Errorf("wrapped: %w", context.Canceled), domain.CodeCancelled},
		{domain.FieldError("paymentList", "too many"), domain.CodeInvalid},
		{errors.New("bug"), domain.CodeInternal},
	} {
		got := DomainError(tc.err)
		if tc.err == nil {
			if got != nil {
				t.Errorf("DomainError(nil) = %v", got)
			}
			continue
		}
		if code := domain.ErrorCode(got); code != tc.code {
			t.Errorf("DomainError(%T %v) code = %s, want %s", tc.err, tc.err, code, tc.code)
		}
		if !errors.Is(got, tc.err) {
			t.Errorf("DomainError(%v) lost its cause", tc.err)
		}
	}
	if msg := domain.ErrorMessage(DomainError(&ForbiddenError{Permissions: []Permission{PermissionForScope("cards")}})); !strings.Contains(msg, `"Card code"`) {
		t.Errorf("forbidden message = %q", msg)
	}
}

func TestErrorStringsAreSafeAndSpecific(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&APIError{StatusCode: 404, Method: "GET", Path: "/za/v1/cards/9"}, "investec: GET /za/v1/cards/9: 404 Not Found"},
		{&ForbiddenError{Method: "GET", Path: "/za/pb/v1/accounts/1/documents", Permissions: PermissionsForScopes([]string{ScopeDocumentsStatements, ScopeDocumentsTaxCertificates})},
			`investec: GET /za/pb/v1/accounts/1/documents: forbidden: the API key needs the "Statements" or "Tax certificates" permission`},
		{&RateLimitError{Method: "GET", Path: "/p", RetryAfter: 3 * time.Second}, "investec: GET /p: rate limited, retry after 3s"},
		{&NetworkError{Method: "GET", Path: "/p", Timeout: true, Err: context.DeadlineExceeded}, "investec: GET /p: timed out: context deadline exceeded"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}
