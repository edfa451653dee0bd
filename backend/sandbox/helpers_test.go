package sandbox

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// testStart is the default test clock: 26 November 2026, 10:00 in South
// Africa (a Thursday).
var testStart = time.Date(2026, 11, 26, 10, 0, 0, 0, sast)

// clock is a settable clock for Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// harness is a sandbox served over real HTTP by httptest.
type harness struct {
	t     testing.TB
	s     *Server
	clock *clock
	url   string
}

// newHarness starts a sandbox with opts (Now defaults to a clock at
// testStart) behind an httptest.Server.
func newHarness(t testing.TB, opts Options) *harness {
	t.Helper()
	c := newClock(testStart)
	if opts.Now == nil {
		opts.Now = c.Now
	}
	s, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return &harness{t: t, s: s, clock: c, url: ts.URL}
}

// tokenResponse is the token endpoint's body.
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Scope       string `json:"scope"`
}

// requestToken calls the token endpoint and returns the raw response.
func (h *harness) requestToken(clientID, secret, apiKey, grant string) (*http.Response, []byte) {
	h.t.Helper()
	form := url.Values{}
	if grant != "" {
		form.Set("grant_type", grant)
	}
	req, err := http.NewRequestWithContext(h.t.Context(), http.MethodPost, h.url+"/identity/v2/oauth2/token", strings.NewReader(form.Encode()))
	if err != nil {
		h.t.Fatal(err)
	}
	req.SetBasicAuth(clientID, secret)
	req.Header.Set("x-api-key", apiKey)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatalf("token: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatalf("token body: %v", err)
	}
	return resp, b
}

// token returns an access token for a key.
func (h *harness) token(k Key) string {
	h.t.Helper()
	resp, b := h.requestToken(k.ClientID, k.Secret, k.APIKey, "client_credentials")
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("token: status %d", resp.StatusCode)
	}
	var tr tokenResponse
	if err := json.Unmarshal(b, &tr); err != nil {
		h.t.Fatalf("token: %v", err)
	}
	return tr.AccessToken
}

// pbKey and cibKey are the published sandbox keys.
var (
	pbKey  = Key{ClientID: PBClientID, Secret: PBSecret, APIKey: PBAPIKey}
	cibKey = Key{ClientID: CIBClientID, Secret: CIBSecret, APIKey: CIBAPIKey}
)

// do sends a request with a bearer token and returns the response (body
// already read).
func (h *harness) do(method, path, token, body string) (*http.Response, []byte) {
	h.t.Helper()
	resp, b, err := h.try(method, path, token, body)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp, b
}

// try is do that returns transport errors instead of failing.
func (h *harness) try(method, path, token, body string) (*http.Response, []byte, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(h.t.Context(), method, h.url+path, rd)
	if err != nil {
		return nil, nil, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// getJSON GETs path with the PB key and decodes the body into v, failing
// on any status but 200.
func (h *harness) getJSON(path, token string, v any) {
	h.t.Helper()
	resp, b := h.do(http.MethodGet, path, token, "")
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("GET %s: status %d: %s", path, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		h.t.Fatalf("GET %s: %v", path, err)
	}
}

// wireTx is a transaction as the API sends it, amounts kept as the exact
// number tokens.
type wireTx struct {
	AccountID       string      `json:"accountId"`
	Type            string      `json:"type"`
	TransactionType *string     `json:"transactionType"`
	Status          string      `json:"status"`
	Description     string      `json:"description"`
	CardNumber      *string     `json:"cardNumber"`
	PostedOrder     json.Number `json:"postedOrder"`
	PostingDate     *string     `json:"postingDate"`
	ValueDate       *string     `json:"valueDate"`
	ActionDate      *string     `json:"actionDate"`
	TransactionDate string      `json:"transactionDate"`
	Amount          json.Number `json:"amount"`
	RunningBalance  json.Number `json:"runningBalance"`
	UUID            *string     `json:"uuid"`
}

// transactions fetches an account's transactions.
func (h *harness) transactions(token, accountID, query string) []wireTx {
	h.t.Helper()
	var env struct {
		Data struct {
			Transactions []wireTx `json:"transactions"`
		} `json:"data"`
	}
	p := "/za/pb/v1/accounts/" + accountID + "/transactions"
	if query != "" {
		p += "?" + query
	}
	h.getJSON(p, token, &env)
	return env.Data.Transactions
}

// cents parses an amount number token exactly (no float) into cents.
func cents(t testing.TB, n json.Number) int64 {
	t.Helper()
	s := string(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || whole == "" {
		t.Fatalf("amount %q is not a rand amount with at most two decimals", n)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	var v int64
	for _, c := range whole + frac {
		if c < '0' || c > '9' {
			t.Fatalf("amount %q has a non-digit", n)
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v
}

var (
	rsaOnce sync.Once
	testKey *rsa.PrivateKey
	rsaErr  error
)

// testRSAKey returns a 2048-bit RSA key, generated once per test binary.
func testRSAKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	rsaOnce.Do(func() { testKey, rsaErr = rsa.GenerateKey(rand.Reader, 2048) })
	if rsaErr != nil {
		t.Fatal(rsaErr)
	}
	return testKey
}

// writeFile writes a test file with mode 0600.
func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o600) }
