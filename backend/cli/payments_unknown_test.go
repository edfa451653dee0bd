package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

func TestPayRefusesWithoutATerminalOrYes(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	accounts := demoAccounts(t, c, dir)
	r := c.run(t, "--demo", "--data-dir", dir, "pay", "--from", accounts[0].AccountNumber, "--beneficiary", "Sipho Dlamini",
		"--amount", "99.95", "--my-ref", "Book club", "--their-ref", "Thandi")
	if r.code != 2 || !strings.Contains(r.stderr, "refusing to move money without a terminal") || r.stdout != "" {
		t.Fatalf("no tty, no --yes: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if list := journal(t, c, dir); len(list) != 0 {
		t.Fatalf("journal: %+v", list)
	}
}

// TestTransferWithAnUnknownOutcomeIsNeverResent runs the transfer command
// against the sandbox over real HTTP; the bank makes the transfer but its
// answer is lost. The command exits 3, the journal says unknown, running
// the same command again sends nothing, and the next sync matches the
// attempt to the posted transaction.
func TestTransferWithAnUnknownOutcomeIsNeverResent(t *testing.T) {
	t.Parallel()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	posts := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/transfermultiple") {
			b, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(b))
			mu.Lock()
			posts++
			mu.Unlock()
		}
		sb.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	sent := func() int { mu.Lock(); defer mu.Unlock(); return posts }

	store := secrets.NewMemory()
	login := cliEnv{secrets: store, vars: map[string]string{
		"INVESTEC_CLIENT_ID": sandbox.PBClientID, "INVESTEC_CLIENT_SECRET": sandbox.PBSecret, "INVESTEC_API_KEY": sandbox.PBAPIKey}}
	dir := t.TempDir()
	if r := login.run(t, "--data-dir", dir, "login", "--name", "Bank", "--base-url", srv.URL); r.code != 0 {
		t.Fatalf("login: %d %q", r.code, r.stderr)
	}
	c := cliEnv{secrets: store} // later commands use the stored connection
	if r := c.run(t, "--data-dir", dir, "sync"); r.code != 0 {
		t.Fatalf("sync: %d %q", r.code, r.stderr)
	}
	r := c.run(t, "--data-dir", dir, "accounts", "--json")
	var accounts []accountJSON
	if err := json.Unmarshal([]byte(r.stdout), &accounts); err != nil || len(accounts) < 2 {
		t.Fatalf("accounts: %v %q", err, r.stdout)
	}
	args := []string{"--data-dir", dir, "transfer", "--from", accounts[0].AccountNumber, "--to", accounts[1].AccountNumber,
		"--amount", "13.00", "--my-ref", "Lost answer", "--their-ref", "Lost answer", "--yes", "--no-sync"}

	sb.Faults().DropResponse(1, sandbox.Match{Method: http.MethodPost, PathPrefix: "/za/pb/v1/accounts/"})
	r = c.run(t, args...)
	if r.code != exitUnknownOutcome || !strings.Contains(r.stderr, "outcome is unknown") || !strings.Contains(r.stdout, "Unknown — check your transactions") {
		t.Fatalf("lost answer: %d %q %q", r.code, r.stdout, r.stderr)
	}
	list := journal2(t, c, dir)
	if len(list) != 1 || list[0].Status != "unknown" || !strings.Contains(list[0].ErrorMessage, "will not be sent again") {
		t.Fatalf("journal = %+v", list)
	}
	if n := sent(); n != 1 {
		t.Fatalf("%d POSTs, want 1", n)
	}

	// The same command again: refused as a repeat of an attempt that may
	// have happened; nothing is sent.
	r = c.run(t, args...)
	if r.code != 2 || !strings.Contains(r.stderr, "an identical transfer was sent less than a minute ago; nothing was sent (pass --allow-duplicate") {
		t.Fatalf("again: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if n := sent(); n != 1 {
		t.Fatalf("%d POSTs after running it again, want 1", n)
	}

	// The next sync finds the posted transaction.
	if r := c.run(t, "--data-dir", dir, "sync"); r.code != 0 {
		t.Fatalf("sync: %d %q", r.code, r.stderr)
	}
	list = journal2(t, c, dir)
	if len(list) != 1 || list[0].Status != "matched" || list[0].MatchedAt == "" || len(list[0].Lines) != 1 ||
		!strings.Contains(list[0].Lines[0].MatchedTransaction, "Lost answer 13.00") {
		t.Fatalf("journal after sync = %+v", list)
	}
	if n := sent(); n != 1 {
		t.Fatalf("%d POSTs in all, want 1", n)
	}
}

// journal2 is journal for a stored (not demo) connection.
func journal2(t *testing.T, c cliEnv, dir string) []paymentJSON {
	t.Helper()
	r := c.run(t, "--data-dir", dir, "payments", "--json")
	var list []paymentJSON
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &list) != nil {
		t.Fatalf("payments --json: %d %q %q", r.code, r.stdout, r.stderr)
	}
	return list
}
