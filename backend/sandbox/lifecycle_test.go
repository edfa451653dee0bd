package sandbox

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for a logger and a test to share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestStartServesOnALocalPortAndStops(t *testing.T) {
	t.Parallel()
	var logs lockedBuffer
	s, err := New(Options{Now: newClock(testStart).Now, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	base, stop, err := s.Start(t.Context(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
		t.Fatalf("base URL %q", base)
	}
	h := &harness{t: t, s: s, url: base}
	tok := h.token(pbKey)
	acct := s.Accounts()[0].ID
	if resp, _ := h.do(http.MethodGet, "/za/pb/v1/accounts/"+acct+"/transactions?fromDate=2026-11-01", tok, ""); resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	h.requestToken(PBClientID, "wrong", PBAPIKey, "client_credentials")

	// One line per request; never a credential, token or body.
	out := logs.String()
	if n := strings.Count(out, "sandbox request"); n != 3 {
		t.Errorf("%d request lines, want 3:\n%s", n, out)
	}
	if !strings.Contains(out, "status=401") || !strings.Contains(out, "path=/za/pb/v1/accounts/"+acct+"/transactions") {
		t.Errorf("log lacks the status or path:\n%s", out)
	}
	for _, secret := range []string{PBSecret, PBAPIKey, tok, "wrong", "2026-11-01", "accessToken", "access_token"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log contains %q", secret)
		}
	}

	stop()
	if _, _, err := h.try(http.MethodGet, "/za/pb/v1/accounts", tok, ""); err == nil {
		t.Error("the sandbox still answers after stop")
	}
	// Close is safe after stop, and Start works again.
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	base2, stop2, err := s.Start(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer stop2()
	h.url = base2
	if resp, _ := h.do(http.MethodGet, "/za/pb/v1/accounts", h.token(pbKey), ""); resp.StatusCode != 200 {
		t.Errorf("restarted: %d", resp.StatusCode)
	}
}

func TestListenAndServeUntilCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- ListenAndServe(ctx, "127.0.0.1:0", Options{}, func(base string) { ready <- base })
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatalf("ListenAndServe returned early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("not ready after 10 s")
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, base+"/identity/v2/oauth2/token", strings.NewReader("grant_type=client_credentials"))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(PBClientID, PBSecret)
	req.Header.Set("x-api-key", PBAPIKey)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("token over ListenAndServe: %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("ListenAndServe: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ListenAndServe did not return after cancel")
	}
}

func TestNewRejectsBadOptionsAndState(t *testing.T) {
	t.Parallel()
	if _, err := New(Options{Transactions: -1}); err == nil {
		t.Error("negative Transactions accepted")
	}
	for _, content := range []string{"not json", `{"version":99,"seed":1,"start":"2026-01-01","actions":[]}`, `{"version":1,"seed":1,"start":"someday","actions":[]}`,
		`{"version":1,"seed":1,"start":"2026-01-01","actions":[{"at":"2026-01-02T10:00:00Z","kind":"teleport"}]}`} {
		path := t.TempDir() + "/state.json"
		if err := writeFile(path, content); err != nil {
			t.Fatal(err)
		}
		if _, err := New(Options{StatePath: path}); err == nil {
			t.Errorf("state %q accepted", content)
		}
	}
}
