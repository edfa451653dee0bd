package investec

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fakeClock is an adjustable clock for token expiry.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// serveAccountsSeeingTokens serves the accounts fixture and records the
// bearer token of every request.
func serveAccountsSeeingTokens(ts *testServer) func() []string {
	var mu sync.Mutex
	var seen []string
	body := fixture(ts.t, "accounts_sandbox.json")
	ts.handle("GET /za/pb/v1/accounts", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		mu.Lock()
		seen = append(seen, strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		mu.Unlock()
		_, _ = w.Write(body)
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

func TestTokenIsCachedAcrossCalls(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	seen := serveAccountsSeeingTokens(ts)
	for range 3 {
		if _, err := c.ListAccounts(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if n := ts.tokenCalls.Load(); n != 1 {
		t.Errorf("token fetched %d times for 3 calls, want 1", n)
	}
	want := []string{testToken + "-1", testToken + "-1", testToken + "-1"}
	if diff := cmp.Diff(want, seen()); diff != "" {
		t.Errorf("bearer tokens (-want +got):\n%s", diff)
	}
}

func TestTokenRenewedAMinuteBeforeExpiry(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := &fakeClock{now: t0}
	c, ts := setup(t, WithClock(clock.Now))
	seen := serveAccountsSeeingTokens(ts)
	call := func() {
		t.Helper()
		if _, err := c.ListAccounts(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	call()
	clock.Set(t0.Add(1799*time.Second - 61*time.Second)) // 61 s before expiry: still good
	call()
	clock.Set(t0.Add(1799*time.Second - 59*time.Second)) // inside the last minute: renew
	call()
	call()
	want := []string{testToken + "-1", testToken + "-1", testToken + "-2", testToken + "-2"}
	if diff := cmp.Diff(want, seen()); diff != "" {
		t.Errorf("bearer tokens (-want +got):\n%s", diff)
	}
	if n := ts.tokenCalls.Load(); n != 2 {
		t.Errorf("token fetched %d times, want 2", n)
	}
}

func TestTokenLifetimeAsStringAndShortLifetime(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := &fakeClock{now: t0}
	c, ts := setup(t, WithClock(clock.Now))
	// The wiki shows expires_in as a string, and a short lifetime renews
	// at half-life rather than a minute early.
	ts.tokenLifetime.Store(ptr(`"100"`))
	serveAccountsSeeingTokens(ts)
	if _, err := c.ListAccounts(t.Context()); err != nil {
		t.Fatal(err)
	}
	clock.Set(t0.Add(49 * time.Second))
	if _, err := c.ListAccounts(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := ts.tokenCalls.Load(); n != 1 {
		t.Fatalf("token fetched %d times before half-life, want 1", n)
	}
	clock.Set(t0.Add(51 * time.Second))
	if _, err := c.ListAccounts(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := ts.tokenCalls.Load(); n != 2 {
		t.Errorf("token fetched %d times after half-life, want 2", n)
	}
}

func TestTokenRenewedOnceOn401ThenCallRepeated(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	var calls atomic.Int32
	var seen recorder[string]
	ts.handle("GET /za/pb/v1/accounts", func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		seen.add(r.Header.Get("Authorization"))
		if n == 1 {
			w.WriteHeader(http.StatusUnauthorized) // e.g. the token was revoked early
			return
		}
		_, _ = w.Write(fixture(t, "accounts_sandbox.json"))
	})
	accts, err := c.ListAccounts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(accts) != 8 {
		t.Errorf("got %d accounts, want 8", len(accts))
	}
	if calls.Load() != 2 || ts.tokenCalls.Load() != 2 {
		t.Errorf("resource calls %d, token fetches %d; want 2 and 2", calls.Load(), ts.tokenCalls.Load())
	}
	if diff := cmp.Diff([]string{"Bearer " + testToken + "-1", "Bearer " + testToken + "-2"}, seen.all()); diff != "" {
		t.Errorf("Authorization headers (-want +got):\n%s", diff)
	}
	assertNoRetryWaits(t, ts)
}

func assertNoRetryWaits(t *testing.T, ts *testServer) {
	t.Helper()
	if w := ts.recordedWaits(); len(w) != 0 {
		t.Errorf("the client waited %v; a token refresh needs no wait", w)
	}
}

func TestPOSTReplayedOnceAfter401WithTheSameBody(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	var rec recorder[string]
	ts.handle("POST /za/pb/v1/accounts/{accountId}/transfermultiple", func(w http.ResponseWriter, r *http.Request) {
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(r.Body)
		rec.add(buf.String())
		if len(rec.all()) == 1 {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_, _ = w.Write(fixture(t, "transfer_sandbox.json"))
	})
	_, err := c.TransferMultiple(t.Context(), "4675778129910189603223578", &TransferRequest{TransferList: []Transfer{
		{BeneficiaryAccountID: "4675778129910189603230088", Amount: 1000, MyReference: "API transfer", TheirReference: "API transfer"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if bodies := rec.all(); len(bodies) != 2 || bodies[0] != bodies[1] {
		t.Errorf("the 401 replay sent bodies %q; want the same body twice", bodies)
	}
}

func TestSecond401IsErrUnauthorized(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	var calls atomic.Int32
	ts.handle("GET /za/pb/v1/accounts", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusUnauthorized)
	})
	_, err := c.ListAccounts(t.Context())
	if !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	var api *APIError
	if !errors.As(err, &api) || api.StatusCode != http.StatusUnauthorized {
		t.Errorf("err = %#v, want *APIError 401", err)
	}
	if calls.Load() != 2 || ts.tokenCalls.Load() != 2 {
		t.Errorf("resource calls %d, token fetches %d; want exactly one renewal (2 and 2)", calls.Load(), ts.tokenCalls.Load())
	}
	assertErrNoSecrets(t, err)
}

func TestConcurrentCallersShareOneTokenFetch(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.tokenDelay.Store(int64(100 * time.Millisecond))
	serveAccountsSeeingTokens(ts)
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			if _, err := c.ListAccounts(t.Context()); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := ts.tokenCalls.Load(); got != 1 {
		t.Errorf("%d concurrent callers made %d token fetches, want 1", n, got)
	}
}

func TestConcurrent401sRenewOnce(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	// Every request with the first token is refused: all callers see a
	// 401 at about the same time and must share one renewal.
	body := fixture(t, "accounts_sandbox.json")
	ts.handle("GET /za/pb/v1/accounts", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "Bearer "+testToken+"-1" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_, _ = w.Write(body)
	})
	if _, err := c.Scopes(t.Context()); err != nil { // cache token 1
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if _, err := c.ListAccounts(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := ts.tokenCalls.Load(); got != 2 {
		t.Errorf("token fetches = %d, want 2 (the first and one shared renewal)", got)
	}
}

func TestWaiterCancellingDoesNotBreakTheSharedFetch(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.tokenDelay.Store(int64(150 * time.Millisecond))
	serveAccountsSeeingTokens(ts)
	ctx, cancel := context.WithCancel(t.Context())
	first := make(chan error, 1)
	go func() {
		_, err := c.ListAccounts(ctx)
		first <- err
	}()
	time.Sleep(30 * time.Millisecond) // the first caller is now waiting on the fetch
	second := make(chan error, 1)
	go func() {
		_, err := c.ListAccounts(t.Context())
		second <- err
	}()
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller: err = %v, want context.Canceled", err)
	}
	if err := <-second; err != nil {
		t.Errorf("second caller: %v", err)
	}
	if got := ts.tokenCalls.Load(); got != 1 {
		t.Errorf("token fetches = %d, want 1", got)
	}
}

func TestBadCredentialsAreErrUnauthorizedWithoutEcho(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusBadRequest, http.StatusUnauthorized} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			c, ts := setup(t)
			ts.tokenStatus.Store(int32(status))
			var calls atomic.Int32
			ts.handle("GET /za/pb/v1/accounts", func(w http.ResponseWriter, r *http.Request) { calls.Add(1) })
			_, err := c.ListAccounts(t.Context())
			if !errors.Is(err, ErrUnauthorized) {
				t.Fatalf("err = %v, want ErrUnauthorized", err)
			}
			if !strings.Contains(err.Error(), "client ID, client secret or API key") {
				t.Errorf("err = %q, want it to name what was refused", err)
			}
			if calls.Load() != 0 {
				t.Errorf("the resource was called %d times without a token", calls.Load())
			}
			if n := ts.tokenCalls.Load(); n != 1 {
				t.Errorf("refused credentials were sent %d times, want 1 (no retry)", n)
			}
			assertErrNoSecrets(t, err)
		})
	}
}

func TestScopesAndPermissions(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.tokenScope.Store(ptr("accounts balances transactions transfers beneficiarypayments documents.statements documents.taxcertificates cards something.new"))
	scopes, err := c.Scopes(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	wantScopes := []string{"accounts", "balances", "transactions", "transfers", "beneficiarypayments", "documents.statements", "documents.taxcertificates", "cards", "something.new"}
	if diff := cmp.Diff(wantScopes, scopes); diff != "" {
		t.Errorf("Scopes (-want +got):\n%s", diff)
	}
	perms, err := c.Permissions(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	labels := make([]string, len(perms))
	for i, p := range perms {
		labels[i] = p.Label
	}
	wantLabels := []string{"Account name and number", "Account balance", "Transactions", "Inter-account transfers",
		"Beneficiary payments", "Statements", "Tax certificates", "Card code", "something.new"}
	if diff := cmp.Diff(wantLabels, labels); diff != "" {
		t.Errorf("permission labels (-want +got):\n%s", diff)
	}
	if n := ts.tokenCalls.Load(); n != 1 {
		t.Errorf("token fetched %d times, want 1", n)
	}
}

func TestScopesWithoutCredentials(t *testing.T) {
	t.Parallel()
	c := NewClient(WithBaseURL("http://127.0.0.1:1"))
	if _, err := c.Scopes(t.Context()); err == nil {
		t.Error("Scopes without credentials succeeded")
	}
}

func TestNoCredentialsMeansNoAuthorizationHeader(t *testing.T) {
	t.Parallel()
	_, ts := setup(t)
	c := NewClient(WithBaseURL(ts.srv.URL+baseURLPath), WithHTTPClient(ts.srv.Client()))
	ts.handle("GET /za/pb/v1/accounts", func(w http.ResponseWriter, r *http.Request) {
		if h := r.Header.Get("Authorization"); h != "" {
			t.Errorf("Authorization = %q without credentials", h)
		}
		_, _ = w.Write(fixture(t, "accounts_sandbox.json"))
	})
	if _, err := c.ListAccounts(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := ts.tokenCalls.Load(); n != 0 {
		t.Errorf("token fetched %d times without credentials", n)
	}
}

func TestCredentialsNeverSentInClearToARemoteHost(t *testing.T) {
	t.Parallel()
	var dialed atomic.Bool
	hc := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		dialed.Store(true)
		return nil, errors.New("must not be called")
	})}
	c := NewClient(WithBaseURL("http://bank.example.com"), WithHTTPClient(hc),
		WithCredentials(Credentials{ClientID: testClientID, ClientSecret: testSecret, APIKey: testAPIKey}))
	_, err := c.ListAccounts(t.Context())
	if err == nil || !strings.Contains(err.Error(), "plain http") {
		t.Fatalf("err = %v, want a refusal to use plain http", err)
	}
	if dialed.Load() {
		t.Error("credentials were sent over plain http")
	}
	assertErrNoSecrets(t, err)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestCredentialsAndClientFormatRedacted(t *testing.T) {
	t.Parallel()
	creds := Credentials{ClientID: testClientID, ClientSecret: testSecret, APIKey: testAPIKey}
	c := NewClient(WithCredentials(creds))
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T %v"} {
		assertNoSecrets(t, "Credentials "+verb, fmt.Sprintf(verb, creds))
		assertNoSecrets(t, "*Credentials "+verb, fmt.Sprintf(verb, &creds))
		assertNoSecrets(t, "*Client "+verb, fmt.Sprintf(verb, c))
		assertNoSecrets(t, "struct holding Credentials "+verb, fmt.Sprintf(verb, struct{ C Credentials }{creds}))
	}
	b, err := json.Marshal(creds)
	if err != nil {
		t.Fatal(err)
	}
	assertNoSecrets(t, "JSON", string(b))
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("connect", "creds", creds)
	assertNoSecrets(t, "slog", buf.String())
	if !strings.Contains(creds.String(), "<redacted>") || !strings.Contains(Credentials{}.String(), "<empty>") {
		t.Errorf("String() = %q / %q, want it to say which are set", creds.String(), Credentials{}.String())
	}
}

func TestPermissionForScope(t *testing.T) {
	t.Parallel()
	if got := PermissionForScope("balances"); got != (Permission{Scope: "balances", Label: "Account balance"}) {
		t.Errorf("PermissionForScope(balances) = %+v", got)
	}
	if got := PermissionForScope("future.scope"); got != (Permission{Scope: "future.scope", Label: "future.scope"}) {
		t.Errorf("unknown scope = %+v, want it kept", got)
	}
}
