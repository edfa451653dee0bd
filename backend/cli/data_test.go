package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/connections"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// cliEnv runs commands with the given environment and secret store.
type cliEnv struct {
	vars    map[string]string
	secrets secrets.Store
}

func (c cliEnv) run(t *testing.T, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		Getenv:     func(k string) string { return c.vars[k] },
		IsTerminal: func(any) bool { return false },
		Secrets:    c.secrets,
	})
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// testSecrets is the real Secret Service under scripts/with-keyring.sh (as
// in `make test`), else an in-memory store.
func testSecrets(t *testing.T) secrets.Store {
	if os.Getenv("INVESTEC_DESK_REAL_KEYRING") == "1" {
		return secrets.NewKeyring(secrets.Service, 10*time.Second)
	}
	return secrets.NewMemory()
}

func TestDemoSyncThenOfflineReads(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c := cliEnv{secrets: secrets.NewMemory()}

	r := c.run(t, "--data-dir", dir, "accounts")
	if r.code != 0 || !strings.Contains(r.stdout, "No accounts are cached yet") {
		t.Fatalf("accounts before sync: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = c.run(t, "sync", "--demo", "--data-dir", dir) // global flags after the subcommand
	if r.code != 0 || !strings.Contains(r.stdout, "Synced 4 account(s)") {
		t.Fatalf("sync: %d %q %q", r.code, r.stdout, r.stderr)
	}

	// Reads come from the cache: the demo bank is not even started for them.
	r = c.run(t, "--demo", "--data-dir", dir, "accounts", "--json")
	var accounts []accountJSON
	if err := json.Unmarshal([]byte(r.stdout), &accounts); err != nil || len(accounts) != 4 {
		t.Fatalf("accounts --json: %v %q", err, r.stdout)
	}
	for _, a := range accounts {
		if _, err := domain.ParseMoney(a.CurrentBalance); err != nil {
			t.Errorf("currentBalance %q is not an exact decimal string", a.CurrentBalance)
		}
	}
	if !strings.Contains(r.stderr, "last synced just now") {
		t.Errorf("reads must say when the data was last synced: %q", r.stderr)
	}

	r = c.run(t, "--demo", "--data-dir", dir, "transactions", "--json", "--account", accounts[0].AccountNumber, "--status", "posted")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) == 0 {
		t.Fatalf("transactions --json: %v (%d bytes) %q", err, len(r.stdout), r.stderr)
	}
	for _, k := range []string{"accountId", "type", "transactionType", "status", "description", "cardNumber",
		"postedOrder", "postingDate", "valueDate", "actionDate", "transactionDate", "amount", "runningBalance", "category", "note"} {
		if _, ok := rows[0][k]; !ok {
			t.Errorf("JSON row lacks %q: %v", k, rows[0])
		}
	}
	// Exact decimal strings that reconcile: balance[i] = balance[i-1] ± amount.
	var prev domain.Money
	for i, row := range rows {
		amt, err := domain.ParseMoney(row["amount"].(string))
		if err != nil {
			t.Fatalf("amount %v: %v", row["amount"], err)
		}
		bal, err := domain.ParseMoney(row["runningBalance"].(string))
		if err != nil {
			t.Fatalf("runningBalance %v: %v", row["runningBalance"], err)
		}
		if i > 0 && prev+domain.Signed(domain.Direction(row["type"].(string)), amt) != bal {
			t.Fatalf("row %d does not reconcile: %s %s %s after %s", i, row["type"], amt, bal, prev)
		}
		prev = bal
	}

	r = c.run(t, "--demo", "--data-dir", dir, "transactions", "--search", "woolworths", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) == 0 {
		t.Fatalf("search: %v %d", err, len(rows))
	}
	for _, row := range rows {
		if !strings.Contains(strings.ToLower(row["description"].(string)), "woolworths") {
			t.Fatalf("search returned %q", row["description"])
		}
	}
}

func TestTransactionsRejectsBadInput(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	for _, args := range [][]string{
		{"transactions", "--from", "2026-13-01"},
		{"transactions", "--status", "settled"},
	} {
		r := c.run(t, append([]string{"--data-dir", dir}, args...)...)
		if r.code != 2 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: exit %d stderr %q; want 2 and one line", args, r.code, r.stderr)
		}
	}
	r := c.run(t, "--data-dir", dir, "--demo", "transactions", "--account", "nope")
	if r.code != 1 || !strings.Contains(r.stderr, "No cached account") {
		t.Errorf("unknown account: %d %q", r.code, r.stderr)
	}
}

func TestLoginSyncLogoutWithKeyring(t *testing.T) {
	t.Parallel()
	base := startCLISandbox(t)
	dir := t.TempDir()
	store := testSecrets(t)
	vars := map[string]string{"INVESTEC_CLIENT_ID": sandbox.PBClientID, "INVESTEC_CLIENT_SECRET": sandbox.PBSecret, "INVESTEC_API_KEY": sandbox.PBAPIKey}
	c := cliEnv{vars: vars, secrets: store}

	// Wrong secret: refused, nothing stored.
	bad := cliEnv{vars: map[string]string{"INVESTEC_CLIENT_ID": sandbox.PBClientID, "INVESTEC_CLIENT_SECRET": "wrong-secret-value", "INVESTEC_API_KEY": sandbox.PBAPIKey}, secrets: store}
	r := bad.run(t, "--data-dir", dir, "login", "--name", "Bad", "--base-url", base)
	if r.code == 0 || !strings.Contains(r.stderr, "nothing was stored") || strings.Contains(r.stderr, "wrong-secret-value") {
		t.Fatalf("login with a wrong secret: %d %q", r.code, r.stderr)
	}

	r = c.run(t, "--data-dir", dir, "login", "--name", "Test bank", "--base-url", base)
	if r.code != 0 || !strings.Contains(r.stdout, "Permissions: Account name and number") {
		t.Fatalf("login: %d %q %q", r.code, r.stdout, r.stderr)
	}
	reg, _ := connections.Open(dir)
	conn, err := reg.Get("Test bank")
	if err != nil {
		t.Fatal(err)
	}
	got, err := store.Get(t.Context(), connections.SecretKey(conn.ID, connections.SecretClientSecret))
	if err != nil || got != sandbox.PBSecret {
		t.Fatalf("secret not in the keyring: %q %v", got, err)
	}
	raw, _ := os.ReadFile(dir + "/connections.json")
	if bytes.Contains(raw, []byte(sandbox.PBSecret)) || bytes.Contains(raw, []byte(sandbox.PBAPIKey)) || bytes.Contains(raw, []byte(sandbox.PBClientID)) {
		t.Fatal("connections.json holds a secret")
	}

	// Later commands use the stored connection, not the environment.
	noenv := cliEnv{secrets: store}
	r = noenv.run(t, "--data-dir", dir, "sync")
	if r.code != 0 {
		t.Fatalf("sync with stored credentials: %d %q", r.code, r.stderr)
	}
	r = noenv.run(t, "--data-dir", dir, "connections")
	if !strings.Contains(r.stdout, "Test bank") || !strings.Contains(r.stdout, "set") {
		t.Fatalf("connections: %q", r.stdout)
	}
	r = noenv.run(t, "--data-dir", dir, "logout", "--name", "test bank")
	if r.code != 0 {
		t.Fatalf("logout: %d %q", r.code, r.stderr)
	}
	if _, err := store.Get(t.Context(), connections.SecretKey(conn.ID, connections.SecretClientSecret)); err == nil {
		t.Fatal("logout left the secret in the keyring")
	}
}

func TestLoginNeedsATerminalOrEnvironment(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	r := c.run(t, "--data-dir", t.TempDir(), "login", "--name", "x")
	if r.code != 2 || !strings.Contains(r.stderr, "INVESTEC_CLIENT_ID") {
		t.Fatalf("login without input: %d %q", r.code, r.stderr)
	}
}
