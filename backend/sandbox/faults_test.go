package sandbox

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestFaultRateLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	h.s.Faults().RateLimit(2, 3*time.Second, Match{PathPrefix: "/za/pb/v1/accounts"})
	for i := 0; i < 2; i++ {
		resp, b := h.do(http.MethodGet, "/za/pb/v1/accounts", tok, "")
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "3" || len(b) != 0 {
			t.Fatalf("call %d: %d Retry-After %q body %q", i, resp.StatusCode, resp.Header.Get("Retry-After"), b)
		}
	}
	// The count is used up, and other paths were never affected.
	if resp, _ := h.do(http.MethodGet, "/za/pb/v1/accounts", tok, ""); resp.StatusCode != http.StatusOK {
		t.Errorf("third call: %d, want 200", resp.StatusCode)
	}
	h.s.Faults().RateLimit(1, 0, Match{PathPrefix: "/za/v1/"})
	if resp, _ := h.do(http.MethodGet, "/za/pb/v1/profiles", tok, ""); resp.StatusCode != http.StatusOK {
		t.Errorf("unscoped path: %d", resp.StatusCode)
	}
	if resp, _ := h.do(http.MethodGet, "/za/v1/cards", tok, ""); resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "1" {
		t.Errorf("scoped path: %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

func TestFaultFailAndMethodScope(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	accts := h.s.Accounts()
	h.s.Faults().Fail(1, 0, Match{Method: http.MethodPost})
	h.s.Faults().Fail(-1, http.StatusServiceUnavailable, Match{PathPrefix: "/za/v1/cards/merchants"})
	if resp, _ := h.do(http.MethodGet, "/za/pb/v1/accounts/"+accts[0].ID+"/balance", tok, ""); resp.StatusCode != 200 {
		t.Errorf("GET with a POST-only fault: %d", resp.StatusCode)
	}
	before := h.s.Accounts()[0].Balance.Current
	body := `{"transferList":[{"beneficiaryAccountId":"` + accts[1].ID + `","amount":"10","myReference":"a","theirReference":"b"}]}`
	if resp, _ := h.do(http.MethodPost, "/za/pb/v1/accounts/"+accts[0].ID+"/transfermultiple", tok, body); resp.StatusCode != 500 {
		t.Errorf("POST: %d, want 500", resp.StatusCode)
	}
	if after := h.s.Accounts()[0].Balance.Current; after != before {
		t.Errorf("a failed (500) transfer moved money: %s -> %s", before, after)
	}
	for i := 0; i < 3; i++ { // n <= 0: until cleared
		if resp, _ := h.do(http.MethodGet, "/za/v1/cards/merchants", tok, ""); resp.StatusCode != 503 {
			t.Errorf("merchants call %d: %d, want 503", i, resp.StatusCode)
		}
	}
	h.s.Faults().Clear()
	if resp, _ := h.do(http.MethodGet, "/za/v1/cards/merchants", tok, ""); resp.StatusCode != 200 {
		t.Errorf("after Clear: %d", resp.StatusCode)
	}
}

func TestFaultDelay(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	h.s.Faults().Delay(1, 300*time.Millisecond, Match{})
	start := time.Now()
	if resp, _ := h.do(http.MethodGet, "/za/pb/v1/profiles", tok, ""); resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("delayed call took %v", d)
	}
	start = time.Now()
	h.do(http.MethodGet, "/za/pb/v1/profiles", tok, "")
	if d := time.Since(start); d > 250*time.Millisecond {
		t.Errorf("second call took %v; the delay was for one call", d)
	}
}

func TestFaultShortTokens(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	h.s.Faults().ShortTokens(5 * time.Second)
	resp, b := h.requestToken(PBClientID, PBSecret, PBAPIKey, "client_credentials")
	var tr tokenResponse
	if err := json.Unmarshal(b, &tr); err != nil || resp.StatusCode != 200 || tr.ExpiresIn != 5 {
		t.Fatalf("short token: %d %s", resp.StatusCode, b)
	}
	h.clock.Advance(5 * time.Second)
	if resp, _ := h.do(http.MethodGet, "/za/pb/v1/profiles", tr.AccessToken, ""); resp.StatusCode != 401 {
		t.Errorf("after 5 s: %d, want 401", resp.StatusCode)
	}
	h.s.Faults().Clear()
	resp, b = h.requestToken(PBClientID, PBSecret, PBAPIKey, "client_credentials")
	if err := json.Unmarshal(b, &tr); err != nil || resp.StatusCode != 200 || tr.ExpiresIn != 1799 {
		t.Errorf("after Clear: %s", b)
	}
}

func TestFaultTruncate(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	path := "/za/pb/v1/accounts/" + h.s.Accounts()[0].ID + "/transactions"
	full := mustGet(t, h, path, tok)
	h.s.Faults().Truncate(1, Match{PathPrefix: path})
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, h.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("the headers should arrive: %v", err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("reading a truncated body: err %v, want unexpected EOF", err)
	}
	if resp.StatusCode != 200 || resp.ContentLength != int64(len(full)) {
		t.Errorf("status %d Content-Length %d, want 200 and the full length %d", resp.StatusCode, resp.ContentLength, len(full))
	}
	if len(got) != len(full)/2 || !strings.HasPrefix(full, string(got)) {
		t.Errorf("got %d bytes, want the first half (%d) of the real body", len(got), len(full)/2)
	}
	if json.Valid(got) {
		t.Error("half a body should not be valid JSON")
	}
	if mustGet(t, h, path, tok) != full {
		t.Error("the next call is not whole again")
	}
}

func TestFaultDropRequestAndResponse(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	accts := h.s.Accounts()
	path := "/za/pb/v1/accounts/" + accts[0].ID + "/transfermultiple"
	body := `{"transferList":[{"beneficiaryAccountId":"` + accts[1].ID + `","amount":"100","myReference":"drop","theirReference":"drop"}]}`
	balance := func() int64 { return int64(h.s.Accounts()[0].Balance.Current) }

	// DropRequest: the connection closes and the bank never saw it.
	start := balance()
	h.s.Faults().DropRequest(1, Match{Method: http.MethodPost})
	if _, _, err := h.try(http.MethodPost, path, tok, body); err == nil {
		t.Fatal("a dropped request returned a response")
	}
	if balance() != start {
		t.Errorf("a dropped request moved money: %d -> %d", start, balance())
	}

	// DropResponse: the transfer happens, the answer never comes: the
	// client cannot know (an unknown outcome).
	h.s.Faults().DropResponse(1, Match{Method: http.MethodPost, PathPrefix: path})
	if _, _, err := h.try(http.MethodPost, path, tok, body); err == nil {
		t.Fatal("a dropped response arrived")
	}
	if got := balance(); got != start-10000 {
		t.Errorf("after a dropped response the balance is %d, want %d (the transfer was made)", got, start-10000)
	}
	// And the sandbox still works afterwards.
	if resp, _ := h.do(http.MethodPost, path, tok, body); resp.StatusCode != 200 || balance() != start-20000 {
		t.Errorf("next transfer: %d, balance %d", resp.StatusCode, balance())
	}
}
